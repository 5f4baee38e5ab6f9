"""`hankg report`: the programme as one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hankg.cli._graph import err, load_graph

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
    from hankg.graph.report import write_report

    kg = load_graph(graph)
    target = to if to is not None else (graph if graph.is_dir() else graph.parent) / "report.html"
    try:
        written = write_report(kg, target)
    except OSError as e:
        err.print(f"[red]error:[/] cannot write {target}: {e}", soft_wrap=True)
        raise typer.Exit(1) from None
    err.print(f"report → {written}", soft_wrap=True)
