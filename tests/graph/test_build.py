"""The graph's schema: nodes, mentions and fact edges, claims kept with time and source."""

from __future__ import annotations

import json

import networkx as nx
from graph_fixtures import ent, fact, record

from hankg.graph.build import build_graph

SCALARS = (str, int, float, bool)


def fact_edges(g, relation=None):
    return [(u, v, d) for u, v, d in g.edges(data=True)
            if d["kind"] == "fact" and (relation is None or d["relation"] == relation)]


def test_article_nodes_carry_their_metadata(records, actors):
    g = build_graph(records, actors)
    node = g.nodes["article:a1"]
    assert node["kind"] == "article"
    assert node["published"] == "2025-08-13"
    assert node["content_hash"] == records[0].content_hash
    assert node["url"] == "https://example.test/a1"


def test_entity_nodes_know_when_they_were_seen(records, actors):
    node = build_graph(records, actors).nodes["org:업스테이지"]
    assert (node["first_seen"], node["last_seen"]) == ("2025-08-13", "2026-01-18")
    assert node["kind"] == "organization" and node["name"] == "업스테이지"


def test_mentions_edges_run_from_article_to_entity(records, actors):
    g = build_graph(records, actors)
    mentions = {(u, v) for u, v, d in g.edges(data=True) if d["kind"] == "mentions"}
    assert ("article:a2", "org:업스테이지") in mentions
    assert all(u.startswith("article:") for u, _ in mentions)
    assert len(mentions) == sum(len(json.loads(d["articles"])) for _, d in g.nodes(data=True)
                                if d["kind"] != "article")


def test_objectless_facts_point_at_their_article(records, actors):
    g = build_graph(records, actors)
    for u, v, d in fact_edges(g, "parameters") + fact_edges(g, "programme_status"):
        assert v == f"article:{d['article']}"
        assert u != v


def test_sizes_are_a_dated_history_not_one_value(records, actors):
    g = build_graph(records, actors)
    claims = sorted((d["article"], d["value"], d.get("max"), d.get("date"))
                    for u, _, d in fact_edges(g, "parameters") if u == "model:솔라 오픈 100B")
    assert claims == [("a2", 1e11, None, None), ("a3", 1e11, 1.2e11, "2025-12")]
    exaone = sorted(d["value"] for u, _, d in fact_edges(g, "parameters") if u == "model:엑사원")
    assert exaone == [3.2e10, 2.36e11]


def test_fact_edges_carry_the_claim_and_its_evidence(records, actors):
    g = build_graph(records, actors)
    [(u, v, d)] = [e for e in fact_edges(g, "works_at") if e[0] == "person:권순일"]
    assert v == "org:업스테이지"
    assert d["role"] == "부사장" and d["article"] == "a1" and d["published"] == "2025-08-13"
    assert (d["evidence_start"], d["evidence_end"]) == (40, 50)
    assert d["extractor"] == "test"
    assert "value" not in d   # a missing value is a missing attribute: GraphML has no null


def test_claims_made_identical_by_merging_are_kept_once(actors):
    rec = record("d1", "2025-01-01", [ent("organization", "업스테이지"),
                                      ent("organization", "Upstage"), ent("model", "솔라")],
                 [fact("org:업스테이지", "develops", "model:솔라", at=1),
                  fact("org:Upstage", "develops", "model:솔라", at=9)])
    g = build_graph([rec], actors)
    assert len(fact_edges(g, "develops")) == 1


def test_a_fact_naming_an_unlisted_entity_keeps_it(actors):
    rec = record("d2", "2025-01-01", [ent("person", "고석현")],
                 [fact("person:고석현", "works_at", "org:사이오닉AI", role="대표")])
    g = build_graph([rec], actors)
    assert g.nodes["org:사이오닉AI"]["kind"] == "organization"
    assert len(fact_edges(g, "works_at")) == 1


def test_a_later_record_with_the_same_id_replaces_the_earlier(records, actors):
    newer = record("a1", "2025-08-14", [ent("organization", "플리토")], [], text="changed")
    g = build_graph([*records, newer], actors)
    assert g.nodes["article:a1"]["published"] == "2025-08-14"
    assert "person:권순일" in g                        # still named by a3
    assert json.loads(g.nodes["person:권순일"]["articles"]) == ["a3"]


def test_graphml_round_trip_keeps_everything_scalar(tmp_path, records, actors):
    g = build_graph(records, actors)
    path = tmp_path / "g.graphml"
    nx.write_graphml_xml(g, path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.is_directed() and back.is_multigraph()
    assert sorted(back.nodes) == sorted(g.nodes)
    assert back.number_of_edges() == g.number_of_edges()
    assert sorted(back.edges(keys=True)) == sorted(g.edges(keys=True))
    for _, data in back.nodes(data=True):
        assert all(isinstance(v, SCALARS) for v in data.values())
    for *_, data in back.edges(keys=True, data=True):
        assert all(isinstance(v, SCALARS) for v in data.values())
    values = [d["value"] for *_, d in back.edges(data=True) if "value" in d]
    assert values and all(isinstance(v, float) for v in values)
    assert back.nodes["org:업스테이지"]["curated"] is True
    assert json.loads(back.nodes["org:업스테이지"]["aliases"]) == ["Upstage"]


def test_empty_input_is_an_empty_graph(actors):
    g = build_graph([], actors)
    assert g.number_of_nodes() == 0 and g.is_directed() and g.is_multigraph()
