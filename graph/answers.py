"""The records the questions answer with, and the small rules they share (order, wording).

Every answer is a typed record (pydantic) carrying `sources`: the articles, with evidence
offsets, that make the claim, because a claim without its source cannot be checked. They live
apart from `KnowledgeGraph` (`hankg.graph.query`) so the store can write and read them
(`hankg.graph.stored`) without the graph; `hankg.graph.query` re-exports every name.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, Field

from .when import sort_key

RELATIONS = ("works_at", "develops", "parameters", "partner_of", "programme_status", "gpus")

class UnknownEntity(KeyError):
    """A name the graph does not know (or knows as several entities), with suggestions."""

    def __init__(self, name: str, suggestions: Sequence[str] = (), ambiguous: bool = False):
        super().__init__(name)
        self.name = name
        self.suggestions = list(suggestions)
        self.ambiguous = ambiguous

    def __str__(self) -> str:
        if self.ambiguous:
            return (f"{self.name!r} names {len(self.suggestions)} entities; use one of their ids: "
                    + ", ".join(self.suggestions) + ".")
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        return f"No entity named {self.name!r} in the graph.{hint}"


class NoPath(LookupError):
    """Two entities that no chain of facts connects."""


class Source(BaseModel):
    """Where a claim comes from: the article, the offsets of its evidence and the sentence."""

    article: str
    published: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = Field(None, description="The sentence that states the claim.")
    text_start: int | None = Field(None, description="Where `text` starts in the article.")

    def parts(self) -> tuple[str, str, str] | None:
        """The sentence as (before, the claim's own words, after), or None without one."""
        if self.text is None or None in (self.start, self.end, self.text_start):
            return None
        n = len(self.text)
        a = min(max(self.start - self.text_start, 0), n)
        b = min(max(self.end - self.text_start, a), n)
        return self.text[:a], self.text[a:b], self.text[b:]


class FactView(BaseModel):
    """One claim of one article, with names resolved to the merged graph's nodes."""

    subject: str
    subject_id: str
    relation: str
    object: str | None = None
    object_id: str | None = None
    role: str | None = None
    value: float | None = None
    max: float | None = None
    unit: str | None = None
    date: str | None = None
    when: str | None = Field(None, description="The fact's own date, else its article's.")
    article: str
    published: str | None = None
    extractor: str | None = None
    sources: list[Source] = Field(default_factory=list)


class SizeClaim(BaseModel):
    """One dated statement of a model's (or a team's) size in parameters."""

    value: float
    max: float | None = None
    unit: str | None = None
    date: str | None = None
    when: str | None = None
    article: str
    sources: list[Source] = Field(default_factory=list)


class GpuClaim(BaseModel):
    """One statement of how many GPUs a team receives or uses: `B200` × 512."""

    chip: str | None = Field(None, description="The chip as written (B200, H100), or GPU when none is named.")
    value: float
    max: float | None = None
    date: str | None = None
    when: str | None = None
    article: str
    sources: list[Source] = Field(default_factory=list)


class Role(BaseModel):
    org: str
    org_id: str
    role: str | None = None
    sources: list[Source] = Field(default_factory=list)


class _Node(BaseModel):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None
    sources: list[Source] = Field(default_factory=list)


class Organization(_Node):
    models: list[str] = Field(default_factory=list)
    people: list[str] = Field(default_factory=list)
    partners: list[str] = Field(default_factory=list, description="Members of its consortium.")
    partner_of: list[str] = Field(default_factory=list, description="Consortia it is part of.")
    status: str | None = Field(None, description="Its latest programme status.")
    status_history: list[FactView] = Field(default_factory=list)
    size_history: list[SizeClaim] = Field(default_factory=list)
    gpu_history: list[GpuClaim] = Field(default_factory=list, description="Its GPU figures (`gpus` facts).")


class Person(_Node):
    roles: list[Role] = Field(default_factory=list)

    @property
    def orgs(self) -> list[str]:
        return list(dict.fromkeys(r.org for r in self.roles))


class Model(_Node):
    developer: str | None = None
    developers: list[str] = Field(default_factory=list)
    parameters: float | None = Field(None, description="The latest claimed size.")
    parameters_max: float | None = None
    size_history: list[SizeClaim] = Field(default_factory=list)


class EntityInfo(_Node):
    kind: str
    mentions: int = 0
    facts: list[FactView] = Field(default_factory=list)


class Event(BaseModel):
    """One dated thing on the timeline: a fact, or an article's publication."""

    when: str
    kind: str
    summary: str
    subject: str | None = None
    subject_id: str | None = None
    relation: str | None = None
    object: str | None = None
    object_id: str | None = None
    role: str | None = None
    value: float | None = None
    max: float | None = None
    date_stated: bool = Field(False, description="True when the text gives the date itself.")
    article: str
    sources: list[Source] = Field(default_factory=list)


class Step(BaseModel):
    """One hop of a path: two entities and the facts (either direction) that join them."""

    source: str
    source_id: str
    target: str
    target_id: str
    facts: list[FactView]
    sources: list[Source] = Field(default_factory=list)


class ArticleInfo(BaseModel):
    id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    content_hash: str | None = None


def format_params(value: float | None, top: float | None = None) -> str:
    """`1e11` → `100B`, a range `2e12, 3e12` → `2T~3T`."""
    def one(v: float) -> str:
        for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
            if abs(v) >= size:
                return f"{v / size:.4g}{suffix}"
        return f"{v:g}"
    if value is None:
        return ""
    return one(value) + (f"~{one(top)}" if top is not None else "")


def format_gpus(chip: str | None, value: float | None, top: float | None = None) -> str:
    """`B200, 512` → `512 B200`; a range `500~1,000 GPU`."""
    if value is None:
        return ""
    count = f"{value:,.0f}" + (f"~{top:,.0f}" if top is not None else "")
    return f"{count} {chip or 'GPU'}"


def _loads(text: Any) -> list:
    try:
        out = json.loads(text) if isinstance(text, str) else []
    except json.JSONDecodeError:
        return []
    return out if isinstance(out, list) else []

def _names(names: Iterable[str | None]) -> list[str]:
    return sorted({n for n in names if n})


def _fact_order(f: FactView) -> tuple:
    start = f.sources[0].start if f.sources and f.sources[0].start is not None else -1
    return (sort_key(f.when), f.article, start, f.relation, f.subject_id, f.object_id or "")


_RANK = {"published": 0}


def _event_order(e: Event) -> tuple:
    return (sort_key(e.when), e.article, _RANK.get(e.kind, 1),
            e.sources[0].start if e.sources and e.sources[0].start is not None else -1, e.summary)


def _merge_roles(roles: list[Role]) -> list[Role]:
    """One role per (org, title), its sources pooled: 부사장 at 업스테이지 said in 3 articles."""
    merged: dict[tuple[str, str | None], Role] = {}
    for r in roles:
        key = (r.org_id, r.role)
        if key in merged:
            merged[key].sources.extend(r.sources)
        else:
            merged[key] = r.model_copy(update={"sources": list(r.sources)})  # its own list, the same sources
    return list(merged.values())


def _summary(f: FactView) -> str:
    """A one-line human reading of a fact, for timelines and reports."""
    if f.relation == "parameters":
        return f"{f.subject}: {format_params(f.value, f.max)} parameters"
    if f.relation == "programme_status":
        return f"{f.subject}: {f.role or 'status'}"
    if f.relation == "gpus":
        return f"{f.subject}: {format_gpus(f.role, f.value, f.max)}"
    if f.relation == "works_at":
        return f"{f.subject}, {f.role or 'works'} at {f.object}"
    if f.relation == "develops":
        return f"{f.subject} develops {f.object}"
    if f.relation == "partner_of":
        return f"{f.subject} partners {f.object}" + (f" ({f.role})" if f.role else "")
    return f"{f.subject} {f.relation} {f.object or ''}".strip()
