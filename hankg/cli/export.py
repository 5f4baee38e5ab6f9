"""`hankg export`: the graph as GraphML, node-link JSON or neo4j-admin CSV."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hankg.cli._graph import err, load_graph

app = typer.Typer()


class Format(StrEnum):
    graphml = "graphml"
    json = "json"
    csv = "csv"


DEFAULT_NAME = {Format.graphml: "export.graphml", Format.json: "graph.json", Format.csv: "neo4j"}


@app.command()
def export(
    graph: Annotated[Path, typer.Option("--graph", "-g", help="Output folder of `hankg extract`.")]
    = Path("outputs"),
    fmt: Annotated[Format, typer.Option("--format", "-f", help="graphml, json (node-link) or csv "
                                        "(a folder for neo4j-admin import).")] = Format.json,
    to: Annotated[Path | None, typer.Option(
        "--to", "-o", help="File to write (a folder for csv); default: in the graph folder.")]
    = None,
) -> None:
    """Export the graph for Gephi, d3/networkx or neo4j: every format carries the same facts."""
    from hankg.graph.export import export as write
    from hankg.graph.store import export_from_store

    base = graph if graph.is_dir() else graph.parent
    target = to if to is not None else base / DEFAULT_NAME[fmt]
    try:
        streamed = export_from_store(graph, fmt.value, target)  # GraphML and CSV never load the graph
        if streamed is None:
            kg = load_graph(graph)
            streamed = (write(kg.graph, fmt.value, target), kg.graph.number_of_nodes(), kg.graph.number_of_edges())
    except OSError as e:
        err.print(f"[red]error:[/] cannot write {target}: {e}", soft_wrap=True)
        raise typer.Exit(1) from None
    written, n, m = streamed
    err.print(f"{n} nodes, {m} edges → {written}", soft_wrap=True)
