"""What the graph commands share: loading the graph, or exiting 2 with a message that says why."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

err = Console(stderr=True, highlight=False)


def load_graph(graph: Path, scope: str | None = None):
    """The graph of `hankg extract --out GRAPH` (from its store), or exit 2 with a clear message.

    `scope` loads only the edges one question reads (`hankg.graph.store.load`): same answer, less to load.
    The graph is read only if the question needs it: a whole-corpus one is answered by the store.
    """
    from hankg.graph.store import load

    try:
        return load(graph, scope, lazy=True)
    except (FileNotFoundError, ValueError) as e:
        err.print(f"[red]error:[/] {e}", soft_wrap=True)
        raise typer.Exit(2) from None
