"""`hankg report`: the programme as one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer()


@app.command()
def report(
    graph: Annotated[Path, typer.Option("--graph", "-g", help="Output folder of `hankg extract`.")]
    = Path("outputs"),
    to: Annotated[Path | None, typer.Option(
        "--to", "-o", dir_okay=False, help="HTML file to write; default GRAPH/report.html.")]
    = None,
) -> None:
    """Write one HTML file (no network needed to open it): graph, model sizes, timeline."""
    from hankg.graph.query import KnowledgeGraph
    from hankg.graph.report import write_report

    err = Console(stderr=True, highlight=False)
    try:
        kg = KnowledgeGraph.load(graph)
    except (FileNotFoundError, ValueError) as e:
        err.print(f"[red]error:[/] {e}", soft_wrap=True)
        raise typer.Exit(2) from None
    target = to if to is not None else (graph if graph.is_dir() else graph.parent) / "report.html"
    try:
        written = write_report(kg, target)
    except OSError as e:
        err.print(f"[red]error:[/] cannot write {target}: {e}", soft_wrap=True)
        raise typer.Exit(1) from None
    err.print(f"report → {written}", soft_wrap=True)
