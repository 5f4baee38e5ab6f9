"""Cross-article merging: normalised names, aliases, the curated table, people by name and org."""

from __future__ import annotations

import json

import pytest
from graph_fixtures import ent, fact, make_records, record

from hankg.graph.build import build_graph
from hankg.graph.resolve import norm


@pytest.mark.parametrize(("raw", "key"), [
    ("업스테이지", "업스테이지"),
    ("LG AI 연구원", "lgai연구원"),
    ("과학기술·정보통신부", "과학기술정보통신부"),
    ("과학기술ㆍ정보통신부", "과학기술정보통신부"),
    ("“솔라”", "솔라"),
    ("'A.X K1'", "a.xk1"),
    ("Ｕpstage", "ｕpstage"),          # NFC keeps full-width letters: the scorer does too
    ("\u1100\u1161", "가"),             # decomposed jamo compose under NFC
    ("", ""),
    (None, ""),
])
def test_norm_matches_the_scorer(raw, key):
    assert norm(raw) == key


def names(graph, kind):
    return sorted(d["name"] for _, d in graph.nodes(data=True) if d["kind"] == kind)


def test_curated_table_merges_names_and_aliases(records, actors):
    g = build_graph(records, actors)
    assert "org:업스테이지" in g and "org:Upstage" not in g
    assert json.loads(g.nodes["org:업스테이지"]["articles"]) == ["a1", "a2", "a3"]
    assert "org:SK텔레콤" in g and "org:에스케이텔레콤" not in g and "org:SKT" not in g
    assert json.loads(g.nodes["org:SK텔레콤"]["articles"]) == ["a2", "a3"]
    assert "model:엑사원" in g and "model:EXAONE" not in g
    assert g.nodes["org:업스테이지"]["curated"] is True
    assert g.nodes["model:엑사원"]["developer"] == "LG AI연구원"


def test_uncurated_names_merge_through_aliases_and_spacing(records, actors):
    g = build_graph(records, actors)
    node = g.nodes["org:한빛AI"]
    assert json.loads(node["articles"]) == ["a1", "a3", "a4"]
    assert set(json.loads(node["aliases"])) == {"Hanbit AI", "한빛 AI"}
    assert node["curated"] is False
    assert names(g, "organization").count("한빛AI") == 1


def test_facts_follow_their_entities_into_the_merged_node(records, actors):
    g = build_graph(records, actors)
    develops = {(u, v) for u, v, d in g.edges(data=True) if d["relation"] == "develops"}
    assert ("org:업스테이지", "model:솔라 오픈 100B") in develops       # said of "Upstage"
    assert ("org:LG AI연구원", "model:엑사원") in develops               # said of "EXAONE"


def test_people_are_one_node_only_when_name_and_org_agree(records, actors):
    g = build_graph(records, actors)
    kims = sorted(n for n, d in g.nodes(data=True) if d.get("name") == "김성훈")
    assert kims == ["person:김성훈", "person:김성훈@LG AI연구원", "person:김성훈@업스테이지"]
    # The unaffiliated 김성훈 of a4 is not guessed into either of them.
    assert json.loads(g.nodes["person:김성훈"]["articles"]) == ["a4"]
    # 권순일 has no org in a3 but only one 권순일 exists: the same person.
    assert json.loads(g.nodes["person:권순일"]["articles"]) == ["a1", "a3"]


def test_a_person_keeps_the_plain_id_while_unique(actors):
    a = record("x1", "2025-01-01", [ent("person", "김성훈"), ent("organization", "업스테이지")],
               [fact("person:김성훈", "works_at", "org:업스테이지", role="대표")])
    b = record("x2", "2025-02-01", [ent("person", "김성훈")], [])
    g = build_graph([a, b], actors)
    assert [n for n in g if n.startswith("person:")] == ["person:김성훈"]
    assert json.loads(g.nodes["person:김성훈"]["articles"]) == ["x1", "x2"]


def test_same_person_at_the_same_org_across_articles_merges(actors):
    recs = [record(f"y{i}", f"2025-0{i}-01",
                   [ent("person", "류제명"), ent("organization", org)],
                   [fact("person:류제명", "works_at", f"org:{org}", role="차관")])
            for i, org in ((1, "과기정통부"), (2, "과학기술정보통신부"), (3, "MSIT"))]
    g = build_graph(recs, actors)
    assert [n for n in g if n.startswith("person:")] == ["person:류제명"]
    assert json.loads(g.nodes["person:류제명"]["articles"]) == ["y1", "y2", "y3"]


def test_user_aliases_extend_the_curated_table(tmp_path, records):
    from hankg.data import actors

    table = tmp_path / "my.yaml"
    table.write_text("organizations:\n  플리토: [한빛AI, Hanbit AI]\n", encoding="utf-8")
    g = build_graph(records, actors((str(table),)))
    assert "org:한빛AI" not in g
    assert json.loads(g.nodes["org:플리토"]["articles"]) == ["a1", "a3", "a4"]


def test_the_graph_does_not_depend_on_record_order(tmp_path, actors):
    import networkx as nx

    forward, backward = tmp_path / "f.graphml", tmp_path / "b.graphml"
    nx.write_graphml_xml(build_graph(make_records(), actors), forward)
    nx.write_graphml_xml(build_graph(list(reversed(make_records())), actors), backward)
    assert forward.read_bytes() == backward.read_bytes()
