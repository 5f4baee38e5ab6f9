"""The programme's story per team: which status each stage gave it, when, and who says so.

Status claims (`programme_status` facts) are placed in the stages of `hankg/data/stages.yaml`
(`stage_of`); `programme(kg)` is then the teams × stages matrix the report draws, each cell
holding the statuses claimed for that team at that stage with their dates and sources, and
each team the size claims of its models. (GPU figures are not in the records yet: no
relation ties a GPU count to a team.)
"""

from __future__ import annotations

from collections import Counter, defaultdict

from pydantic import BaseModel, Field

from hankg.data import Stage, stages

from .query import FactView, KnowledgeGraph, SizeClaim
from .when import period, sort_key


def stage_of(role: str | None, when: str | None, stated: bool,
             table: tuple[Stage, ...] | None = None) -> Stage | None:
    """The stage a status claim belongs to (see `stages.yaml`), or None when none fits.

    A stated date picks the stage deciding `role` whose period overlaps it (the latest one
    begun by the date's start, else the earliest overlapping); an undated claim, or a date no
    stage's period holds, goes to the latest such stage begun by the date's end.
    """
    span = period(when)
    if role is None or span is None:
        return None
    candidates = [(s, period(s.start), period(s.until)) for s in (table or stages()) if role in s.roles]
    candidates = [(s, a[0], b[1]) for s, a, b in candidates if a and b]
    if stated:
        overlapping = [c for c in candidates if c[1] <= span[1] and c[2] >= span[0]]
        begun = [c for c in overlapping if c[1] <= span[0]]
        if begun:
            return max(begun, key=lambda c: c[1])[0]
        if overlapping:
            return min(overlapping, key=lambda c: c[1])[0]
    begun = [c for c in candidates if c[1] <= span[1]]
    return max(begun, key=lambda c: c[1])[0] if begun else None


class Cell(BaseModel):
    """What the sources say of one team at one stage."""

    stage: str
    status: str | None = Field(None, description="The status most sources give.")
    statuses: dict[str, int] = Field(default_factory=dict, description="Each status and its claims.")
    when: str | None = Field(None, description="The date most claims of its status state, else the "
                                               "earliest publication date.")
    date_stated: bool = False
    conflict: bool = False
    facts: list[FactView] = Field(default_factory=list)


class TeamRow(BaseModel):
    """One team of the programme: its cells by stage id and the size claims of it and its models."""

    team: str
    team_id: str
    cells: dict[str, Cell] = Field(default_factory=dict)
    sizes: dict[str, list[SizeClaim]] = Field(
        default_factory=dict, description="Size claims by model name (`` for the team's own, no model named).")


def place(facts: list[FactView]) -> dict[str, list[FactView]]:
    """Status facts grouped by the id of the stage each belongs to (unplaced ones dropped)."""
    out: dict[str, list[FactView]] = defaultdict(list)
    for f in facts:
        stage = stage_of(f.role, f.when, f.date is not None)
        if stage is not None:
            out[stage.id].append(f)
    return out


def outcomes(facts: list[FactView]) -> Counter:
    """How many claims give each status; `applied` leads to any outcome, so it never disagrees."""
    return Counter(f.role for f in facts if f.role and f.role != "applied")


def _length(text: str) -> int:
    span = period(text)
    return (span[1] - span[0]).days if span else 1 << 30


def make_cell(stage: Stage, facts: list[FactView]) -> Cell:
    counts = Counter(f.role for f in facts if f.role)
    ranked = sorted(counts, key=lambda r: (-counts[r], r != "applied", r))
    decided = outcomes(facts)
    status = sorted(decided, key=lambda r: (-decided[r], r))[0] if decided else (ranked[0] if ranked else None)
    stated = Counter(f.date for f in facts if f.date and f.role == status)
    if stated:          # the date most sources state, the most precise of equals
        when = sorted(stated, key=lambda d: (-stated[d], _length(d), sort_key(d)))[0]
    else:
        when = min((f.when for f in facts if f.when), default=None, key=sort_key)
    return Cell(stage=stage.id, status=status, statuses={r: counts[r] for r in ranked}, when=when,
                date_stated=bool(stated), conflict=len(decided) > 1, facts=facts)


def programme(kg: KnowledgeGraph) -> list[TeamRow]:
    """Every organisation with a programme status, its cells by stage and its models' sizes,
    those who went furthest first."""
    table = stages()
    models = {m.id: m for m in kg.models()}
    rows = []
    for org in kg.organizations():
        if not org.status_history:
            continue
        placed = place(org.status_history)
        cells = {s.id: make_cell(s, placed[s.id]) for s in table if placed.get(s.id)}
        sizes = {"": list(org.size_history)} if org.size_history else {}
        for model_id in sorted({f.object_id for f in kg._facts_of(org.id, "develops") if f.object_id}):
            if model_id in models and models[model_id].size_history:
                sizes[models[model_id].name] = models[model_id].size_history
        rows.append(TeamRow(team=org.name, team_id=org.id, cells=cells, sizes=sizes))

    def progress(row: TeamRow) -> tuple:
        """Who went furthest first: most stages passed or selected, then fewest eliminations."""
        said = [c.status for c in row.cells.values()]
        return (-sum(s in ("passed", "selected") for s in said), said.count("eliminated"), row.team)
    return sorted(rows, key=progress)
