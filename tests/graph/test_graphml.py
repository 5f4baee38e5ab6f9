"""The streamed GraphML writer gives networkx's bytes, for any scalar attributes (hypothesis)."""

from __future__ import annotations

import io

import networkx as nx
from graph_fixtures import make_records
from hypothesis import given, settings
from hypothesis import strategies as st

from hankg.graph import graphml
from hankg.graph.build import build_graph

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
VALUE = st.one_of(TEXT, st.integers(), st.floats(allow_nan=False), st.booleans())
ATTRS = st.dictionaries(st.sampled_from(["kind", "name", "value", "count", "role", "x&<\"y"]), VALUE, max_size=4)


def streamed(g: nx.MultiDiGraph) -> bytes:
    nodes = [graphml.signature(d) for _, d in g.nodes(data=True)]
    edges = [graphml.signature(d) for *_, d in g.edges(keys=True, data=True)]
    keys = graphml.key_map(dict.fromkeys(nodes), dict.fromkeys(edges))
    frags = [graphml.fragment("node", d, keys, node=n) for n, d in g.nodes(data=True)]
    frags += [graphml.fragment("edge", d, keys, source=u, target=v, key=k)
              for u, v, k, d in g.edges(keys=True, data=True)]
    buf = io.BytesIO()
    graphml.write_document(buf, keys, frags)
    return buf.getvalue()


def networkx(g: nx.MultiDiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml_xml(g, buf, encoding="utf-8")
    return buf.getvalue()


def test_the_programme_graph_and_an_empty_one():
    for g in (build_graph(make_records()), nx.MultiDiGraph()):
        assert streamed(g) == networkx(g)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(TEXT, ATTRS), max_size=6), st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), TEXT,
                                                                         ATTRS), max_size=8))
def test_any_scalar_graph(nodes, edges):
    g = nx.MultiDiGraph()
    for n, attrs in nodes:
        g.add_node(n, **attrs)
    names = list(g) or ["only"]
    for u, v, key, attrs in edges:
        g.add_edge(names[u % len(names)], names[v % len(names)], key=key, **attrs)
    assert streamed(g) == networkx(g)
