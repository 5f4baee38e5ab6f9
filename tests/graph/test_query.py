"""The analysts' questions on the hand-built graph: every answer typed and sourced."""

from __future__ import annotations

import pytest

from hankg.graph.query import KnowledgeGraph, NoPath, UnknownEntity, format_params
from hankg.graph.store import GRAPH


def by_name(items):
    return {i.name: i for i in items}


def test_load_reads_a_folder_or_a_file(out_dir):
    assert KnowledgeGraph.load(out_dir).graph.number_of_nodes() > 0
    assert KnowledgeGraph.load(out_dir / GRAPH).graph.is_multigraph()


def test_load_explains_a_missing_graph(tmp_path):
    with pytest.raises(FileNotFoundError, match="hankg extract"):
        KnowledgeGraph.load(tmp_path / "nothing")


def test_hankg_load_is_the_same_object(out_dir):
    import hankg

    g = hankg.load(out_dir)
    assert isinstance(g, KnowledgeGraph) and "org:업스테이지" in g.graph


def test_organizations(kg):
    orgs = by_name(kg.organizations())
    up = orgs["업스테이지"]
    assert up.models == ["솔라", "솔라 오픈 100B"]
    assert up.people == ["권순일", "김성훈"]
    assert up.partners == ["플리토"] and orgs["플리토"].partner_of == ["업스테이지"]
    assert up.status == "passed"
    assert [(f.role, f.when) for f in up.status_history] == [("selected", "2025-08-13"),
                                                             ("passed", "2026-H1")]
    assert [c.value for c in up.size_history] == [1e11]
    assert up.sources and {s.article for s in up.sources} == {"a1", "a2", "a3"}
    assert orgs["SK텔레콤"].status == "passed"


def test_people_and_the_org_filter_resolving_aliases(kg):
    everyone = kg.people()
    assert [p.name for p in everyone].count("김성훈") == 3
    at_upstage = kg.people(org="Upstage")
    assert sorted(p.id for p in at_upstage) == ["person:권순일", "person:김성훈@업스테이지"]
    kwon = next(p for p in at_upstage if p.name == "권순일")
    assert [(r.org, r.role) for r in kwon.roles] == [("업스테이지", "부사장")]
    assert kwon.roles[0].sources[0].article == "a1"
    assert kwon.orgs == ["업스테이지"]
    assert [p.id for p in kg.people(org="lg ai 연구원")] == ["person:김성훈@LG AI연구원"]


def test_people_with_an_unknown_org(kg):
    with pytest.raises(UnknownEntity) as err:
        kg.people(org="업스테이쥐")
    assert "업스테이지" in err.value.suggestions


def test_models_history_latest_and_developer(kg):
    models = by_name(kg.models())
    solar = models["솔라 오픈 100B"]
    assert solar.developer == "업스테이지"
    assert [(c.value, c.max, c.when) for c in solar.size_history] == [
        (1e11, None, "2025-10-28"), (1e11, 1.2e11, "2025-12")]
    assert (solar.parameters, solar.parameters_max) == (1e11, 1.2e11)
    assert (solar.first_seen, solar.last_seen) == ("2025-10-28", "2026-01-18")
    assert solar.size_history[1].sources[0].article == "a3"
    exaone = models["엑사원"]
    assert exaone.parameters == 2.36e11
    assert [c.value for c in exaone.size_history] == [3.2e10, 2.36e11]
    assert exaone.developer == "LG AI연구원"
    assert models["솔라"].parameters is None and models["솔라"].developer == "업스테이지"


def test_curated_developer_fills_in_when_no_article_states_it(actors):
    from graph_fixtures import ent, record

    kg = KnowledgeGraph.from_records([record("m", "2025-01-01", [ent("model", "A.X K1")], [])],
                                     actors)
    assert kg.models()[0].developer == "SK텔레콤" and kg.models()[0].developers == []


def test_timeline_orders_periods_and_marks_stated_dates(kg):
    events = kg.timeline()
    keys = [e.when for e in events]
    assert keys.index("2025-08") < keys.index("2025-08-13") < keys.index("2025-12")
    assert keys.index("2026-H1") < keys.index("2026-01-18")
    assert [e.kind for e in events if e.when == "2025-08-13"][0] == "published"
    stated = {(e.kind, e.when): e.date_stated for e in events}
    assert stated[("programme_status", "2026-H1")] is True
    assert stated[("works_at", "2025-08-13")] is False


def test_timeline_of_one_entity(kg):
    events = kg.timeline(entity="SKT")
    assert [(e.kind, e.when) for e in events] == [
        ("programme_status", "2025-08"), ("published", "2025-10-28"),
        ("programme_status", "2026-H1"), ("published", "2026-01-18")]
    assert all(e.sources for e in events)


def test_facts_filters(kg):
    assert len(kg.facts()) == 17
    params = kg.facts(relation="parameters")
    assert {f.subject for f in params} == {"업스테이지", "솔라 오픈 100B", "엑사원"}
    assert all(f.object is None and f.object_id is None for f in params)
    up = kg.facts(subject="Upstage")
    assert {f.relation for f in up} == {"develops", "parameters", "programme_status"}
    assert all(f.subject_id == "org:업스테이지" for f in up)
    recent = kg.facts(since="2026-01")
    assert {f.article for f in recent} == {"a3"}
    assert [f.when for f in kg.facts(relation="parameters", since="2025-12", until="2025-12")] \
        == ["2025-12"]


def test_facts_rejects_unknown_relation_and_bad_dates(kg):
    with pytest.raises(ValueError, match="works_at"):
        kg.facts(relation="employs")
    with pytest.raises(ValueError, match="since"):
        kg.facts(since="last year")


def test_entity_resolves_aliases_and_ids(kg):
    info = kg.entity("EXAONE")
    assert info.id == "model:엑사원" and info.kind == "model"
    assert {f.relation for f in info.facts} == {"develops", "parameters"}
    assert kg.entity("에스케이 텔레콤").id == "org:SK텔레콤"
    assert kg.entity("person:김성훈@업스테이지").articles == ["a2"]


def test_entity_unknown_and_ambiguous(kg):
    with pytest.raises(KeyError) as err:
        kg.entity("업스테이")
    assert "업스테이지" in err.value.suggestions
    assert "Did you mean" in str(err.value)
    with pytest.raises(UnknownEntity) as err:
        kg.entity("김성훈")
    assert err.value.ambiguous
    assert err.value.suggestions == ["person:김성훈", "person:김성훈@LG AI연구원",
                                     "person:김성훈@업스테이지"]
    with pytest.raises(UnknownEntity):
        kg.entity("article:a1")              # articles are not entities


def test_path_through_fact_edges_with_sources(kg):
    steps = kg.path("권순일", "Solar")
    assert [(s.source, s.target) for s in steps] == [("권순일", "업스테이지"),
                                                     ("업스테이지", "솔라")]
    assert steps[0].facts[0].relation == "works_at"
    assert steps[0].sources[0].article == "a1"
    steps = kg.path("Hanbit AI", "엑사원")
    assert [s.target_id for s in steps] == ["org:LG AI연구원", "model:엑사원"]
    assert steps[0].facts[0].relation == "partner_of" and steps[0].facts[0].role == "데이터"
    assert kg.path("솔라", "솔라") == []


def test_path_does_not_go_through_articles(kg):
    with pytest.raises(NoPath):
        kg.path("SKT", "업스테이지")          # only linked through the articles naming both


@pytest.mark.parametrize(("value", "top", "text"), [
    (1e11, None, "100B"), (5.19e11, None, "519B"), (2e12, 3e12, "2T~3T"), (3.2e10, None, "32B"),
    (7e6, None, "7M"), (None, None, ""),
])
def test_format_params(value, top, text):
    assert format_params(value, top) == text


def test_gpu_figures_of_an_organisation_and_as_facts(records, actors):
    from graph_fixtures import gpu_record

    from hankg.graph.query import format_gpus

    kg = KnowledgeGraph.from_records([*records, gpu_record()], actors)
    up = by_name(kg.organizations())["업스테이지"]
    assert [(c.chip, c.value, c.article) for c in up.gpu_history] == [("B200", 512.0, "g1"), ("H200", 256.0, "g1")]
    facts = kg.facts(relation="gpus", subject="SKT")
    assert [(f.subject, f.role, f.value, f.date) for f in facts] == [("SK텔레콤", "B200", 512.0, "2026-07")]
    assert "SK텔레콤: 512 B200" in [e.summary for e in kg.timeline(entity="SK텔레콤")]
    assert format_gpus("GPU", 500.0, 1000.0) == "500~1,000 GPU"
