"""The curated actors (`hankg/data/actors.yaml` and the user's `--aliases`), found in a Doc."""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from spacy.tokens import Doc

from hankg.data import Actors, actors
from hankg.extract.entities.lexicon import Mention, norm
from hankg.extract.words import Word


class TokenBounds(NamedTuple):
    """The rules' token boundaries: where each token starts (in order, and as a set) and ends."""

    offsets: list[int]
    starts: set[int]
    ends: set[int]
    end_of: list[int]  # each token's end, its trailing space not included
    limit: int  # where the last token ends, its trailing space included


def token_bounds(doc: Doc) -> TokenBounds:
    """Read from the tokenizer's own columns when the Doc kept them, so that no spaCy Token is made."""
    columns = getattr(doc, "_hankg_columns", None)
    if columns and len(columns[0]) == len(doc):
        texts, offsets, _, spaces, _ = columns
    else:
        texts, offsets, spaces = [t.text for t in doc], [t.idx for t in doc], [bool(t.whitespace_) for t in doc]
    end_of = [s + len(t) for s, t in zip(offsets, texts, strict=True)]
    limit = end_of[-1] + spaces[-1] if end_of else 0
    return TokenBounds(offsets, set(offsets), set(end_of), end_of, limit)


LETTER_NAMES = dict(zip(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "에이 비 씨 디 이 에프 지 에이치 아이 제이 케이 엘 엠 엔 오 피 큐 알 에스 티 유 브이 더블유 엑스 와이 제트".split(),
    strict=True,
))
ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z]{2,4}(?![A-Za-z])")


def spelled_out(form: str) -> list[str]:
    """`NC AI` as Korean news may spell it, letter by letter: 엔씨에이아이, 엔씨 AI, NC에이아이 (`LG CNS`:
    엘지씨엔에스). Every choice of acronyms spelled (at most two in a name), with and without the space
    between them; the form itself is not among them."""
    runs = list(ACRONYM.finditer(form))[:2]
    out: set[str] = set()
    for mask in range(1, 2 ** len(runs)):
        parts, at = [], 0
        for k, m in enumerate(runs):
            parts.append(form[at : m.start()])
            parts.append("".join(LETTER_NAMES[c] for c in m[0]) if mask >> k & 1 else m[0])
            at = m.end()
        spelled = "".join(parts) + form[at:]
        out |= {spelled, re.sub(r"(?<=[가-힣])\s+(?=[가-힣])", "", spelled)}
    return sorted(f for f in out if f != form and len(f) >= 3)


class KnownActors:
    """Finds the curated actors' names and aliases: longest form first, on token boundaries."""

    def __init__(self, table: Actors):
        self.index: dict[str, tuple[str, str]] = {}
        self.by_first: dict[str, list[str]] = {}
        for kind, group in (("model", table.models), ("organization", table.orgs)):
            for name, aliases in group.items():
                for form in [name, *aliases]:
                    key = norm(form)
                    if not key:
                        continue
                    self.index.setdefault(key, (kind, name))
                    self.by_first.setdefault(form[0], []).append(form)
        for name, aliases in table.orgs.items():  # after every curated form, which wins a clash
            for form in [name, *aliases]:
                for spelled in spelled_out(form):
                    if norm(spelled) not in self.index:
                        self.index[norm(spelled)] = ("organization", name)
                        self.by_first.setdefault(spelled[0], []).append(spelled)
        for forms in self.by_first.values():
            forms.sort(key=lambda f: (-len(f), f))
        self.table = table

    def lookup(self, name: str) -> tuple[str, str] | None:
        return self.index.get(norm(name))

    def find(self, doc: Doc, bounds: TokenBounds | None = None) -> list[Mention]:
        bounds = bounds or token_bounds(doc)
        offsets, ends = bounds.offsets, bounds.ends
        text = doc.text
        by_first = self.by_first
        out = []
        pos = 0
        for s in offsets:
            if s < pos:
                continue
            for form in by_first.get(text[s], ()):
                e = s + len(form)
                if e in ends and text.startswith(form, s):
                    kind, name = self.index[norm(form)]
                    out.append(Mention(s, e, kind, name, "kb:actors", prio=3))
                    pos = e
                    break
        return out

    def find_spaced(self, words: list[Word], found: list[Mention]) -> list[Mention]:
        """A curated name written with a space it does not have: `허깅 페이스`, `업스테이지 컨소 시엄` is not one."""
        starts = {m.start for m in found}
        out = []
        for a, b in zip(words, words[1:], strict=False):
            if a.tail or b.gap_before != " " or a.core_start in starts or a.is_paren or b.is_paren:
                continue
            if len(a.core) + len(b.core) < 4:
                continue
            hit = self.index.get(norm(a.core + b.core))
            if hit:
                out.append(Mention(a.core_start, b.core_end, hit[0], hit[1], "kb:actors-spaced", prio=3))
        return out


@cache
def _known(extra: tuple[str, ...]) -> KnownActors:
    return KnownActors(actors(extra))
