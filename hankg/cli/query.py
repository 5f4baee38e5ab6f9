"""`hankg query ...`: the analysts' questions, as rich tables for people and `--json` for machines.

Exit codes: 0 answered, 1 an unknown name (suggestions on stderr) or no path, 2 no graph
or a malformed option value.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

from hankg.cli._graph import load_graph

app = typer.Typer(
    name="query", no_args_is_help=True,
    help="Ask the graph: organizations, people, models, timeline, entity, path, facts.")

GraphOpt = Annotated[Path, typer.Option(
    "--graph", "-g", file_okay=True, help="Output folder of `hankg extract` (or a .graphml file).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _err() -> Console:
    return Console(stderr=True, highlight=False)


def _out() -> Console:
    return Console(highlight=False)


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


def _json(items: BaseModel | Sequence[BaseModel]) -> None:
    data = items.model_dump(mode="json") if isinstance(items, BaseModel) else [
        i.model_dump(mode="json") for i in items]
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


_SHORT = {"when", "seen", "relation", "value", "parameters", "evidence", "what", "status",
          "articles"}


def _table(title: str, columns: Sequence[str], rows: Sequence[Sequence[object]],
           caption: str | None = None) -> None:
    table = Table(title=title, title_justify="left", caption=caption, caption_justify="left")
    for col in columns:
        table.add_column(col, overflow="fold", no_wrap=col in _SHORT)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    _out().print(table)


def _seen(item) -> str:
    if item.first_seen == item.last_seen:
        return item.first_seen or ""
    return f"{item.first_seen or '?'} – {item.last_seen or '?'}"


@app.command()
def organizations(graph: GraphOpt = Path("outputs"), as_json: JsonOpt = False) -> None:
    """Every organisation: status in the programme, models, people, consortium partners."""
    orgs = _ask(_load(graph, "organization").organizations)
    if as_json:
        return _json(orgs)
    _table(f"{len(orgs)} organizations", ["name", "aliases", "status", "models", "people",
                                          "partners", "articles", "seen"],
           [(o.name, ", ".join(o.aliases), o.status, ", ".join(o.models), ", ".join(o.people),
             ", ".join(o.partners), len(o.articles), _seen(o)) for o in orgs])


@app.command()
def people(graph: GraphOpt = Path("outputs"),
           org: Annotated[str | None, typer.Option(help="Only people at this org.")] = None,
           as_json: JsonOpt = False) -> None:
    """People and their roles, optionally only those at one organisation (aliases resolve)."""
    found = _ask(_load(graph, "person").people, org=org)
    if as_json:
        return _json(found)
    _table(f"{len(found)} people" + (f" at {org}" if org else ""),
           ["name", "roles", "seen", "sources"],
           [(p.name, "; ".join(f"{r.role or '?'} @ {r.org}" for r in p.roles), _seen(p),
             ", ".join(p.articles)) for p in found])


@app.command()
def models(graph: GraphOpt = Path("outputs"), as_json: JsonOpt = False) -> None:
    """Models: developer, latest claimed size and the dated history of size claims."""
    from hankg.graph.query import format_params

    found = _ask(_load(graph, "model").models)
    if as_json:
        return _json(found)
    _table(f"{len(found)} models", ["model", "developer", "parameters", "size history", "seen",
                                    "sources"],
           [(m.name, m.developer, format_params(m.parameters, m.parameters_max),
             " → ".join(f"{format_params(s.value, s.max)} ({s.when})" for s in m.size_history),
             _seen(m), ", ".join(m.articles)) for m in found])


@app.command()
def timeline(graph: GraphOpt = Path("outputs"),
             entity: Annotated[str | None, typer.Option("--entity", "-e",
                                                        help="Only events of this entity.")] = None,
             as_json: JsonOpt = False) -> None:
    """Dated events in order: statuses, size claims, roles, publications."""
    events = _ask(_load(graph, "fact").timeline, entity=entity)
    if as_json:
        return _json(events)
    _table(f"{len(events)} events" + (f" of {entity}" if entity else ""),
           ["when", "what", "event", "article"],
           [(e.when + ("" if e.date_stated else "*"), e.kind, e.summary, e.article)
            for e in events],
           caption="* the text gives no date: its article's publication date.")


@app.command()
def entity(name: Annotated[str, typer.Argument(help="A name, alias or id.")],
           graph: GraphOpt = Path("outputs"), as_json: JsonOpt = False) -> None:
    """Everything the graph holds about one name (aliases resolve)."""
    info = _ask(_load(graph).entity, name)
    if as_json:
        return _json(info)
    out = _out()
    out.print(f"[bold]{info.name}[/]  ({info.kind}, {info.id})")
    if info.aliases:
        out.print(f"aliases: {', '.join(info.aliases)}")
    out.print(f"seen: {_seen(info)} in {len(info.articles)} articles, {info.mentions} mentions")
    _fact_table(f"{len(info.facts)} facts", info.facts)


def _fact_table(title: str, facts) -> None:
    from hankg.graph.query import format_params

    _table(title, ["when", "subject", "relation", "object", "role", "value", "article",
                   "evidence"],
           [(f.when, f.subject, f.relation, f.object, f.role, format_params(f.value, f.max),
             f.article, f"{f.sources[0].start}-{f.sources[0].end}" if f.sources else "")
            for f in facts])


@app.command()
def path(a: Annotated[str, typer.Argument(help="From this entity...")],
         b: Annotated[str, typer.Argument(help="...to this one.")],
         graph: GraphOpt = Path("outputs"), as_json: JsonOpt = False) -> None:
    """The shortest chain of facts between two entities, each hop with its sources."""
    steps = _ask(_load(graph, "fact").path, a, b)
    if as_json:
        return _json(steps)
    out = _out()
    if not steps:
        out.print(f"{a} and {b} are the same entity.")
    for step in steps:
        rels = ", ".join(sorted({f.relation + (f"({f.role})" if f.role else "")
                                 for f in step.facts}))
        arts = ", ".join(sorted({s.article for s in step.sources}))
        out.print(f"{step.source} —{rels}— {step.target}   [dim]{arts}[/]")


@app.command()
def facts(graph: GraphOpt = Path("outputs"),
          subject: Annotated[str | None, typer.Option(help="Facts about this subject.")] = None,
          relation: Annotated[str | None, typer.Option(
              help="works_at, develops, parameters, partner_of or programme_status.")] = None,
          since: Annotated[str | None, typer.Option(
              help="From this date (2025-08, 2026-H1…).")] = None,
          until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
          as_json: JsonOpt = False) -> None:
    """Claims, filtered by subject, relation and period (fact date, else publication date)."""
    found = _ask(_load(graph, "fact").facts, subject=subject, relation=relation, since=since, until=until)
    if as_json:
        return _json(found)
    _fact_table(f"{len(found)} facts", found)
