"""Where the sources disagree: a model's size, or a team's status at one stage of the programme.

Two size claims agree when their values (a range counts as its whole span, so `2T~3T` and
`2.5T` agree) come within 1% of each other; claims that agree pool into one side, and a model
with more than one side is a conflict. Statuses are placed in stages (`programme.stage_of`);
two different outcomes for one team at one stage (`passed` and `eliminated`; `applied` leads
to any outcome) are a conflict. Each side lists its claims with their sources and sentences,
so an extraction error shows up here with the sentence that caused it.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from pydantic import BaseModel, Field

from hankg.data import stages

from .programme import outcomes, place
from .query import FactView, KnowledgeGraph, Source, format_params

TOLERANCE = 0.01


class Side(BaseModel):
    """One position the sources take: a size (or a span of agreeing sizes) or a status."""

    claim: str = Field(description="`519B`, `235B–236B`, or a status such as `passed`.")
    value: float | None = None
    max: float | None = None
    role: str | None = None
    facts: list[FactView] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)


class Conflict(BaseModel):
    """Sources that disagree about one thing, each side with the claims that take it."""

    kind: Literal["size", "status"]
    subject: str
    subject_id: str
    stage: str | None = Field(None, description="For a status conflict, the stage's label.")
    summary: str
    sides: list[Side]


def _span(f: FactView) -> tuple[float, float]:
    lo = float(f.value)
    return lo, max(lo, float(f.max)) if f.max is not None else lo


def size_sides(facts: list[FactView]) -> list[list[FactView]]:
    """Size claims pooled into groups that agree (within `TOLERANCE`), smallest first."""
    groups: list[tuple[float, list[FactView]]] = []
    for f in sorted((f for f in facts if f.value is not None), key=lambda f: (_span(f), f.article)):
        lo, hi = _span(f)
        if groups and lo <= groups[-1][0] * (1 + TOLERANCE):
            top, members = groups[-1]
            groups[-1] = (max(top, hi), [*members, f])
        else:
            groups.append((hi, [f]))
    return [members for _, members in groups]


def _size_side(facts: list[FactView]) -> Side:
    counts = Counter((f.value, f.max) for f in facts)
    (value, top), _ = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1] or 0))[0]
    labels = list(dict.fromkeys(format_params(f.value, f.max) for f in sorted(facts, key=_span)))
    claim = labels[0] if len(labels) == 1 else f"{labels[0]}–{labels[-1]}"
    return Side(claim=claim, value=value, max=top, facts=facts,
                sources=[s for f in facts for s in f.sources])


def _summary(subject: str, sides: list[Side], stage: str | None = None) -> str:
    def n(side: Side) -> str:
        arts = len({f.article for f in side.facts})
        return f"{side.claim} ({arts} article{'s' if arts != 1 else ''})"
    where = f" at {stage}" if stage else ""
    return f"{subject}{where}: " + " vs ".join(n(s) for s in sides)


def size_conflicts(kg: KnowledgeGraph) -> list[Conflict]:
    out = []
    for node in kg._nodes("model"):
        claims = kg._facts_of(node, "parameters")
        groups = size_sides(claims)
        if len(groups) > 1:
            sides = [_size_side(g) for g in groups]
            out.append(Conflict(kind="size", subject=kg.name(node), subject_id=node,
                                summary=_summary(kg.name(node), sides), sides=sides))
    return out


def status_conflicts(kg: KnowledgeGraph) -> list[Conflict]:
    out = []
    for node in kg._nodes("organization"):
        placed = place(kg._facts_of(node, "programme_status"))
        for stage in stages():
            facts = placed.get(stage.id, [])
            decided = outcomes(facts)
            if len(decided) < 2:
                continue
            sides = [Side(claim=role, role=role, facts=[f for f in facts if f.role == role],
                          sources=[s for f in facts if f.role == role for s in f.sources])
                     for role in sorted(decided, key=lambda r: (-decided[r], r))]
            out.append(Conflict(kind="status", subject=kg.name(node), subject_id=node,
                                stage=stage.label, summary=_summary(kg.name(node), sides, stage.label),
                                sides=sides))
    return out


def find_conflicts(kg: KnowledgeGraph) -> list[Conflict]:
    """Every disagreement in the graph: model sizes first, then statuses, by name and stage."""
    return size_conflicts(kg) + status_conflicts(kg)
