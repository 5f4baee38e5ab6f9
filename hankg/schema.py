"""The records every stage agrees on: extraction fills them, the graph is built from them.

`ArticleRecord.to_spec()` is exactly one line of `facts.jsonl` as ``shared/SPEC.md`` defines
it; the records carry a little more (title, source, content hash) for the graph.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EntityKind = Literal["organization", "person", "model"]
Relation = Literal["works_at", "develops", "parameters", "partner_of", "programme_status"]
KIND_PREFIX: dict[str, str] = {"organization": "org", "person": "person", "model": "model"}


def entity_id(kind: str, name: str) -> str:
    """`org:업스테이지`: the id SPEC uses, stable across runs."""
    return f"{KIND_PREFIX[kind]}:{name}"


class Article(BaseModel):
    """One input article as read, before any analysis."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None
    # fields read from a saved page or archive record, not stated by the input: `--published` overrides them
    from_page: tuple[str, ...] = ()

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


class Entity(BaseModel):
    id: str
    kind: EntityKind
    name: str
    aliases: list[str] = Field(default_factory=list)
    mentions: list[tuple[int, int]] = Field(default_factory=list)
    extractor: str = "rule"


class Evidence(BaseModel):
    """Where a claim is stated: exact offsets, and the sentence around them to read it by.

    `text` is the whole sentence (or sentences) holding `start:end`, as in the article, and
    `text_start` where it begins, so the claim's own words are `text[start - text_start:end - text_start]`.
    """

    start: int
    end: int
    text: str | None = None
    text_start: int | None = None


class Fact(BaseModel):
    subject: str
    relation: Relation
    object: str | None = None
    role: str | None = None
    value: float | None = None
    max: float | None = None
    unit: str | None = None
    date: str | None = None
    evidence: Evidence
    extractor: str

    def key(self) -> tuple:
        """What makes two facts the same claim within one article."""
        return (self.subject, self.relation, self.object, self.role, self.value, self.max)


class DateMention(BaseModel):
    text: str
    value: str | None
    start: int
    end: int


class ArticleRecord(BaseModel):
    """Everything hankg learned from one article."""

    article: str
    published: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    content_hash: str | None = None
    entities: list[Entity] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)

    def to_spec(self) -> dict:
        """The SPEC `facts.jsonl` line (plus harmless metadata keys)."""
        return self.model_dump(mode="json")

    def entity(self, eid: str) -> Entity | None:
        return next((e for e in self.entities if e.id == eid), None)
