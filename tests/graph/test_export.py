"""Every export reads back, and every format carries the same facts."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest

from hankg.graph.export import export, to_csv, to_graphml, to_json


def facts_of(graph):
    """The comparable content of a graph's fact edges."""
    return sorted((u, v, d["relation"], d.get("role"), d.get("value"), d.get("max"), d.get("date"),
                   d["article"], d["evidence_start"])
                  for u, v, d in graph.edges(data=True) if d.get("kind") == "fact")


def test_node_link_json_reads_back_into_networkx(tmp_path, kg):
    path = to_json(kg.graph, tmp_path / "g.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="edges")
    assert back.is_directed() and back.is_multigraph()
    assert sorted(back.nodes) == sorted(kg.graph.nodes)
    assert sorted(back.edges(keys=True)) == sorted(kg.graph.edges(keys=True))
    assert facts_of(back) == facts_of(kg.graph)
    assert back.nodes["org:업스테이지"] == kg.graph.nodes["org:업스테이지"]


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_csv_is_neo4j_admin_import_shaped(tmp_path, kg):
    folder = to_csv(kg.graph, tmp_path / "neo4j")
    nhead, nodes = read_csv(folder / "nodes.csv")
    ehead, edges = read_csv(folder / "edges.csv")
    assert nhead[:2] == ["id:ID", ":LABEL"]
    assert ehead[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert "value:double" in ehead and "evidence_start:long" in ehead
    assert "curated:boolean" in nhead
    assert len(nodes) == kg.graph.number_of_nodes()
    assert len(edges) == kg.graph.number_of_edges()
    ids = {n["id:ID"] for n in nodes}
    assert all(e[":START_ID"] in ids and e[":END_ID"] in ids for e in edges)
    labels = {n["id:ID"]: n[":LABEL"] for n in nodes}
    assert labels["org:업스테이지"] == "Organization" and labels["article:a1"] == "Article"
    types = {e[":TYPE"] for e in edges}
    assert {"MENTIONS", "WORKS_AT", "DEVELOPS", "PARAMETERS", "PARTNER_OF",
            "PROGRAMME_STATUS"} == types


def test_csv_carries_the_same_facts(tmp_path, kg):
    _, edges = read_csv(to_csv(kg.graph, tmp_path / "c") / "edges.csv")

    def num(text):
        return float(text) if text else None

    back = sorted((e[":START_ID"], e[":END_ID"], e["relation:string"], e["role:string"] or None,
                   num(e["value:double"]), num(e["max:double"]), e["date:string"] or None,
                   e["article:string"], int(e["evidence_start:long"]))
                  for e in edges if e["kind:string"] == "fact")
    assert back == facts_of(kg.graph)


def test_graphml_export_is_the_graph(tmp_path, kg):
    path = to_graphml(kg.graph, tmp_path / "x.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert facts_of(back) == facts_of(kg.graph)


def test_exports_are_deterministic(tmp_path, kg):
    for fmt in ("graphml", "json"):
        a = export(kg.graph, fmt, tmp_path / f"a.{fmt}")
        b = export(kg.graph, fmt, tmp_path / f"b.{fmt}")
        assert a.read_bytes() == b.read_bytes()


def test_unknown_format(tmp_path, kg):
    with pytest.raises(ValueError, match="graphml"):
        export(kg.graph, "xlsx", tmp_path / "x")
