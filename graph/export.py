"""The graph in other tools' formats, each carrying the same nodes, edges and attributes.

- `graphml`: the file `hankg extract` writes (networkx, Gephi, yEd, Cytoscape).
- `json`: networkx node-link JSON (`nx.node_link_graph(data, edges="edges")` reads it back;
  d3 and most web tools read it as is).
- `csv`: a folder with `nodes.csv` and `edges.csv` in `neo4j-admin database import` form
  (`id:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`, typed columns like `value:double`);
  load with `neo4j-admin database import full --nodes=nodes.csv --relationships=edges.csv`.
  An empty cell is an absent property, as in the graph.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx

from .store import write_atomic, write_graph

FORMATS = ("graphml", "json", "csv")
LABELS = {"organization": "Organization", "person": "Person", "model": "Model",
          "article": "Article"}
_NEO4J_TYPE = {bool: "boolean", int: "long", float: "double", str: "string"}


def to_graphml(graph: nx.MultiDiGraph, path: Path) -> Path:
    write_graph(graph, Path(path))
    return Path(path)


def node_link(graph: nx.MultiDiGraph) -> dict:
    """The node-link form, edge keys kept, under the `edges` name networkx 3.4+ defaults to."""
    return nx.node_link_data(graph, edges="edges")


def to_json(graph: nx.MultiDiGraph, path: Path) -> Path:
    path = Path(path)
    text = json.dumps(node_link(graph), ensure_ascii=False, indent=1) + "\n"
    write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return path


def _columns(items: Iterable[dict]) -> list[tuple[str, str]]:
    """(attribute, neo4j type) for every attribute, in first-seen order; one type per name."""
    cols: dict[str, str] = {}
    for attrs in items:
        for name, value in attrs.items():
            cols.setdefault(name, _NEO4J_TYPE.get(type(value), "string"))
    return list(cols.items())


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _write_csv(path: Path, header: list[str], rows: Iterable[list[str]]) -> None:
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
    write_atomic(path, write)


def write_csv(folder: Path, nodes: Callable[[], Iterable[tuple[str, dict]]],
              edges: Callable[[], Iterable[tuple[str, str, str, dict]]]) -> Path:
    """The two neo4j files from node and edge streams, each already sorted; each stream is read
    twice (columns, then rows), so a store can feed it without holding the graph."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    ncols = [(k, t) for k, t in _columns(d for _, d in nodes()) if k != "kind"]
    _write_csv(folder / "nodes.csv",
               ["id:ID", ":LABEL", "kind"] + [f"{k}:{t}" for k, t in ncols],
               ([n, LABELS.get(d.get("kind"), "Entity"), d.get("kind", "")]
                + [_cell(d.get(k)) for k, _ in ncols] for n, d in nodes()))
    ecols = _columns(d for *_, d in edges())
    _write_csv(folder / "edges.csv",
               [":START_ID", ":END_ID", ":TYPE", "key"] + [f"{k}:{t}" for k, t in ecols],
               ([u, v, str(d.get("relation", "related")).upper(), str(key)]
                + [_cell(d.get(k)) for k, _ in ecols] for u, v, key, d in edges()))
    return folder


def to_csv(graph: nx.MultiDiGraph, folder: Path) -> Path:
    """`nodes.csv` and `edges.csv` for `neo4j-admin database import` (see the module doc)."""
    nodes = sorted(graph.nodes(data=True))
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    return write_csv(folder, lambda: nodes, lambda: edges)


def export(graph: nx.MultiDiGraph, fmt: str, to: Path) -> Path:
    """Write `graph` in `fmt` (graphml, json or csv) to `to` (a file, or a folder for csv)."""
    writers = {"graphml": to_graphml, "json": to_json, "csv": to_csv}
    if fmt not in writers:
        raise ValueError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    return writers[fmt](graph, Path(to))
