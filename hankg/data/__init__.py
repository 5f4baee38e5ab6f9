"""hankg's curated language data: one loader for every file in this folder.

The files hold knowledge (titles, organisation heads, known actors, Kiwi user words); the
rules that use them live in `hankg.extract`. Each loader is cached: data is read once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import yaml


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [s.strip() for s in text.splitlines() if s.strip() and not s.lstrip().startswith("#")]


@cache
def wordset(name: str) -> frozenset[str]:
    """A one-word-per-line file (`titles`, `surnames`, `org_heads`, ...) as a set."""
    return frozenset(_lines(f"{name}.txt"))


@cache
def by_length(name: str) -> tuple[str, ...]:
    """The same words, longest first, for longest-match suffix tests."""
    return tuple(sorted(wordset(name), key=lambda w: (-len(w), w)))


@dataclass
class Actors:
    """Known organisations and models: canonical name, aliases, developer of a model."""

    orgs: dict[str, list[str]] = field(default_factory=dict)
    models: dict[str, list[str]] = field(default_factory=dict)
    developer: dict[str, str] = field(default_factory=dict)

    def extend(self, raw: dict) -> Actors:
        for name, aliases in (raw.get("organizations") or {}).items():
            self.orgs.setdefault(str(name), [])
            self.orgs[str(name)] += [str(a) for a in aliases or [] if str(a) not in self.orgs[name]]
        for name, spec in (raw.get("models") or {}).items():
            spec = spec or {}
            if isinstance(spec, list):
                spec = {"aliases": spec}
            self.models.setdefault(str(name), [])
            self.models[str(name)] += [str(a) for a in spec.get("aliases") or []]
            if spec.get("developer"):
                self.developer[str(name)] = str(spec["developer"])
        return self


def _parse(text: str, origin: str) -> dict:
    try:
        raw = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        raise ValueError(f"{origin}: not valid YAML or JSON: {e}") from e
    if not isinstance(raw, dict):
        raise ValueError(f"{origin}: expected a mapping with 'organizations' and/or 'models'.")
    return raw


@cache
def actors(extra: tuple[str, ...] = ()) -> Actors:
    """The shipped actor table, extended by the users' own YAML/JSON files in `extra`."""
    table = Actors().extend(
        _parse(
            resources.files(__package__).joinpath("actors.yaml").read_text(encoding="utf-8"), "hankg/data/actors.yaml"
        )
    )
    for path in extra:
        table.extend(_parse(Path(path).read_text(encoding="utf-8"), path))
    return table


@cache
def user_words() -> tuple[tuple[str, str], ...]:
    """Kiwi user words: spaceless Hangul names of known actors, so Kiwi keeps them whole."""
    table = actors()
    words = set()
    for name, aliases in [*table.orgs.items(), *table.models.items()]:
        for w in [name, *aliases]:
            if " " not in w and any("가" <= c <= "힣" for c in w) and len(w) >= 2:
                words.add(w)
    return tuple((w, "NNP") for w in sorted(words))


@cache
def kiwi_anchors() -> tuple[tuple[str, str], ...]:
    """(form, tag) morphemes that `hankg.KiwiEmbed.v2` measures every token against."""
    return tuple(tuple(line.split("\t", 1)) for line in _lines("kiwi_anchors.txt"))  # type: ignore[misc]


@dataclass(frozen=True)
class Stage:
    """One stage of the programme: the statuses it decides and when it happens."""

    id: str
    label: str
    roles: tuple[str, ...]
    start: str
    until: str


@cache
def stages() -> tuple[Stage, ...]:
    """The programme's stages in order (`stages.yaml`)."""
    raw = _parse(resources.files(__package__).joinpath("stages.yaml").read_text(encoding="utf-8"),
                 "hankg/data/stages.yaml")
    return tuple(Stage(id=str(s["id"]), label=str(s.get("label") or s["id"]),
                       roles=tuple(str(r) for r in s.get("roles") or ()), start=str(s["from"]),
                       until=str(s["until"])) for s in raw.get("stages") or ())
