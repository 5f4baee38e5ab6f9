"""`hankg eval`: SPEC scores of a facts.jsonl against gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer()


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Gold JSONL (SPEC format).")],
    facts: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="facts.jsonl from `hankg extract`.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    details: Annotated[bool, typer.Option("--details", help="List misses and extras per article.")] = False,
    min_core: Annotated[float | None, typer.Option(help="Exit 1 when core F1 is below this.")] = None,
) -> None:
    """Per-category precision, recall and F1, and core F1, as SPEC defines them."""
    from hankg.scoring import evaluate, format_table, read_jsonl

    try:
        report = evaluate(read_jsonl(gold), read_jsonl(facts))
    except ValueError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        if report.missing:
            typer.echo(f"articles with no output: {report.missing}")
        if details:
            for art, res in report.details.items():
                for cat, t in res.items():
                    if t.missed or t.extra:
                        extra = [x.get("name", x) if isinstance(x, dict) else x for x in t.extra]
                        typer.echo(f"[{art}] {cat}: missed {t.missed[:12]} extra {extra[:12]}")
        typer.echo(format_table(report))
    if min_core is not None and report.table["core"].f1 < min_core:
        raise typer.Exit(1)
