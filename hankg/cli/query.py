"""`hankg query ...`: the analysts' questions, as tables for people, JSON or CSV for machines.

Every command takes `--format table|json|csv` (`--json` is `--format json`); `facts`,
`entity` and `models` take `--evidence` to print each claim's sentence. Exit codes: 0
answered, 1 an unknown name (suggestions on stderr) or no path, 2 no graph or a malformed
option value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from hankg.cli._graph import load_graph
from hankg.cli._tables import (
    EvidenceOpt,
    Format,
    FormatOpt,
    JsonOpt,
    chosen,
    collapse,
    emit_csv,
    emit_json,
    evidence,
    marked,
    out,
    seen,
    table,
    where,
)

app = typer.Typer(
    name="query", no_args_is_help=True,
    help="Ask the graph: organizations, people, models, timeline, entity, path, facts, conflicts.")

GraphOpt = Annotated[Path, typer.Option(
    "--graph", "-g", file_okay=True, help="Output folder of `hankg extract` (or a .graphml file).")]
MARK = "!"
MARK_NOTE = f"{MARK} sources disagree: see `hankg query conflicts`."


def _err() -> Console:
    return Console(stderr=True, highlight=False)


_load = load_graph


def _ask(fn, *args, **kwargs):
    """Run a query; unknown names exit 1 with suggestions, bad values exit 2."""
    from hankg.graph.query import NoPath, UnknownEntity

    try:
        return fn(*args, **kwargs)
    except UnknownEntity as e:
        _err().print(f"error: {e}", soft_wrap=True, markup=False)
        raise typer.Exit(1) from None
    except NoPath as e:
        _err().print(f"error: {e}", soft_wrap=True, markup=False)
        raise typer.Exit(1) from None
    except ValueError as e:
        _err().print(f"error: {e}", soft_wrap=True, markup=False)
        raise typer.Exit(2) from None


def _record_type(name: str):
    """A result record class by name, imported only when needed (the CLI starts fast)."""
    from hankg.graph import conflicts, query

    return getattr(query, name, None) or getattr(conflicts, name)


def _machine(items, fmt: Format, model: str) -> bool:
    """Print JSON or CSV (of `model` records) and say so; False leaves the table to the caller."""
    if fmt is Format.json:
        emit_json(items)
        return True
    if fmt is Format.csv:
        emit_csv([items] if isinstance(items, BaseModel) else items, _record_type(model))
        return True
    return False


def _flagged(kg, kind: str) -> set[str]:
    return {c.subject_id for c in kg.conflicts() if c.kind == kind}


@app.command()
def organizations(graph: GraphOpt = Path("outputs"), fmt: FormatOpt = Format.table,
                  as_json: JsonOpt = False) -> None:
    """Every organisation: status in the programme, models, people, consortium partners, GPUs."""
    from hankg.graph.query import format_gpus

    kg = _load(graph, "organization")
    orgs = _ask(kg.organizations)
    if _machine(orgs, chosen(fmt, as_json), "Organization"):
        return
    flagged = _flagged(kg, "status")
    columns = ["name", "aliases", "status", "models", "people", "partners", "articles", "seen"]
    rows = [[o.name + (f"\u00a0{MARK}" if o.id in flagged else ""), ", ".join(o.aliases), o.status,
             "\n".join(o.models), "\n".join(o.people), "\n".join(o.partners), len(o.articles), seen(o)]
            for o in orgs]
    if any(o.gpu_history for o in orgs):  # a column only when some team's GPUs are stated
        columns.insert(6, "gpus")
        for row, o in zip(rows, orgs, strict=True):
            row.insert(6, "\n".join(collapse(o.gpu_history, lambda c: format_gpus(c.chip, c.value, c.max))))
    table(f"{len(orgs)} organizations", columns, rows,
          names=["name"], lines=["status", "gpus"], squeeze=["seen", "articles", "aliases"],
          optional=["seen", "articles", "aliases", "gpus"], caption=MARK_NOTE if flagged else None)


@app.command()
def people(graph: GraphOpt = Path("outputs"),
           org: Annotated[str | None, typer.Option(help="Only people at this org.")] = None,
           fmt: FormatOpt = Format.table, as_json: JsonOpt = False) -> None:
    """People and their roles, optionally only those at one organisation (aliases resolve)."""
    found = _ask(_load(graph, "person").people, org=org)
    if _machine(found, chosen(fmt, as_json), "Person"):
        return
    table(f"{len(found)} people" + (f" at {org}" if org else ""), ["name", "roles", "seen", "sources"],
          [(p.name, "\n".join(f"{r.role or '?'} @ {r.org}" for r in p.roles), seen(p), ", ".join(p.articles))
           for p in found], names=["name"], lines=["seen", "sources"])


@app.command()
def models(graph: GraphOpt = Path("outputs"), fmt: FormatOpt = Format.table, as_json: JsonOpt = False,
           show_evidence: EvidenceOpt = False) -> None:
    """Models: developer, latest claimed size and the history of size claims, repeats collapsed."""
    from hankg.graph.query import format_params

    kg = _load(graph, "model")
    found = _ask(kg.models)
    if _machine(found, chosen(fmt, as_json), "Model"):
        return
    flagged = _flagged(kg, "size")
    table(f"{len(found)} models", ["model", "developer", "size", "size claims", "seen", "sources"],
          [(m.name + (f"\u00a0{MARK}" if m.id in flagged else ""), m.developer,
            format_params(m.parameters, m.parameters_max), "\n".join(collapse(m.size_history)), seen(m),
            ", ".join(m.articles)) for m in found],
          names=["model", "developer"], lines=["size", "size claims", "sources"],
          squeeze=["sources", "size"], optional=["sources", "size"], caption=MARK_NOTE if flagged else None)
    if show_evidence:
        evidence([(f"{m.name}: {format_params(c.value, c.max)} ({c.when})", s)
                  for m in found for c in m.size_history for s in c.sources])


@app.command()
def timeline(graph: GraphOpt = Path("outputs"),
             entity: Annotated[str | None, typer.Option("--entity", "-e",
                                                        help="Only events of this entity.")] = None,
             fmt: FormatOpt = Format.table, as_json: JsonOpt = False) -> None:
    """Dated events in order: statuses, size claims, roles, publications."""
    events = _ask(_load(graph, "fact").timeline, entity=entity)
    if _machine(events, chosen(fmt, as_json), "Event"):
        return
    table(f"{len(events)} events" + (f" of {entity}" if entity else ""), ["when", "what", "event", "article"],
          [(e.when + ("" if e.date_stated else "*"), e.kind, e.summary, e.article) for e in events],
          lines=["when", "what", "article"], caption="* the text gives no date: its article's publication date.")


@app.command()
def entity(name: Annotated[str, typer.Argument(help="A name, alias or id.")],
           graph: GraphOpt = Path("outputs"), fmt: FormatOpt = Format.table, as_json: JsonOpt = False,
           show_evidence: EvidenceOpt = False) -> None:
    """Everything the graph holds about one name (aliases resolve). CSV: one row per fact."""
    info = _ask(_load(graph).entity, name)
    fmt = chosen(fmt, as_json)
    if fmt is Format.json:
        return emit_json(info)
    if fmt is Format.csv:
        return emit_csv(info.facts, _record_type("FactView"))
    console = out()
    console.print(Text.assemble((info.name, "bold"), f"  ({info.kind}, {info.id})"))
    if info.aliases:
        console.print(f"aliases: {', '.join(info.aliases)}", markup=False)
    console.print(f"seen: {seen(info)} in {len(info.articles)} articles, {info.mentions} mentions", markup=False)
    _fact_table(f"{len(info.facts)} facts", info.facts, show_evidence)


def _fact_table(title: str, facts, show_evidence: bool = False) -> None:
    from hankg.graph.query import _summary, format_params

    def ref(i: int, f) -> str:
        if show_evidence:
            return f"[{i}]"
        return f"{f.sources[0].start}-{f.sources[0].end}" if f.sources else ""
    table(title, ["when", "subject", "relation", "object", "role", "value", "article", "evidence"],
          [(f.when, f.subject, f.relation, f.object, f.role, format_params(f.value, f.max), f.article,
            ref(i, f)) for i, f in enumerate(facts, 1)],
          names=["subject", "object"], lines=["when", "relation", "value", "article", "evidence"])
    if show_evidence:
        evidence([(_summary(f), f.sources[0]) for f in facts if f.sources])


@app.command()
def path(a: Annotated[str, typer.Argument(help="From this entity...")],
         b: Annotated[str, typer.Argument(help="...to this one.")],
         graph: GraphOpt = Path("outputs"), fmt: FormatOpt = Format.table, as_json: JsonOpt = False) -> None:
    """The shortest chain of facts between two entities, each hop with its sources."""
    steps = _ask(_load(graph, "fact").path, a, b)
    if _machine(steps, chosen(fmt, as_json), "Step"):
        return
    console = out()
    if not steps:
        console.print(f"{a} and {b} are the same entity.", markup=False)
    for step in steps:
        rels = ", ".join(sorted({f.relation + (f"({f.role})" if f.role else "") for f in step.facts}))
        arts = ", ".join(sorted({s.article for s in step.sources}))
        console.print(Text.assemble(f"{step.source} —{rels}— {step.target}   ", (arts, "dim")))


@app.command()
def facts(graph: GraphOpt = Path("outputs"),
          subject: Annotated[str | None, typer.Option(help="Facts about this subject.")] = None,
          relation: Annotated[str | None, typer.Option(
              help="works_at, develops, parameters, partner_of, programme_status or gpus.")] = None,
          since: Annotated[str | None, typer.Option(
              help="From this date (2025-08, 2026-H1…).")] = None,
          until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
          fmt: FormatOpt = Format.table, as_json: JsonOpt = False, show_evidence: EvidenceOpt = False) -> None:
    """Claims, filtered by subject, relation and period (fact date, else publication date)."""
    found = _ask(_load(graph, "fact").facts, subject=subject, relation=relation, since=since, until=until)
    if _machine(found, chosen(fmt, as_json), "FactView"):
        return
    _fact_table(f"{len(found)} facts", found, show_evidence)


@app.command()
def conflicts(graph: GraphOpt = Path("outputs"), fmt: FormatOpt = Format.table,
              as_json: JsonOpt = False) -> None:
    """Where sources disagree: a model's size beyond 1%, or a team's status at one stage.

    Each side lists its claims with the article and the sentence they come from.
    """
    found = _ask(_load(graph).conflicts)
    if _machine(found, chosen(fmt, as_json), "Conflict"):
        return
    console = out()
    if not found:
        console.print("No conflicts: the sources agree on every size and status.")
    for c in found:
        console.print(Text(c.summary, style="bold"))
        for side in c.sides:
            for src in side.sources:
                console.print(Padding(Text.assemble((side.claim, "bold"), "  ", (where(src), "dim")), (0, 0, 0, 2)))
                console.print(Padding(marked(src), (0, 0, 0, 6)))
        console.print()
