"""Contradictions: sizes that disagree beyond 1%, and two outcomes for a team at one stage."""

from __future__ import annotations

import pytest
from graph_fixtures import ent, fact, record

import hankg
from hankg.data import stages
from hankg.graph.conflicts import size_sides
from hankg.graph.programme import stage_of
from hankg.graph.query import KnowledgeGraph
from hankg.schema import Article

SAYS_120B = "한빛AI는 지난 15일 파라미터 1200억 개 규모의 모델 '누리-7'을 공개했다."
SAYS_70B = "한빛AI가 만든 '누리-7'은 파라미터가 700억 개인 모델이다."
ALSO_120B = "한빛AI가 만든 '누리-7'은 120B 규모로 국내에서 가장 크다."


def graph_of(nlp, *texts: str) -> KnowledgeGraph:
    arts = [Article(id=f"n{i}", text=t, published="2026-01-18", title=f"기사 {i}", source="한빛일보",
                    url=f"https://example.test/n{i}") for i, t in enumerate(texts)]
    return KnowledgeGraph.from_records(hankg.extract_articles(arts, nlp))


def test_two_articles_that_disagree_on_a_size_give_one_conflict_with_both_sources(nlp):
    (conflict,) = graph_of(nlp, SAYS_120B, SAYS_70B).conflicts()
    assert conflict.kind == "size" and conflict.subject == "누리-7"
    assert [s.claim for s in conflict.sides] == ["70B", "120B"]
    assert [[src.article for src in s.sources] for s in conflict.sides] == [["n1"], ["n0"]]
    assert conflict.sides[0].sources[0].text == SAYS_70B
    assert conflict.sides[1].sources[0].outlet == "한빛일보"
    assert conflict.summary == "누리-7: 70B (1 article) vs 120B (1 article)"


def test_articles_that_agree_give_no_conflict(nlp):
    assert graph_of(nlp, SAYS_120B, ALSO_120B).conflicts() == []


@pytest.mark.parametrize(("values", "groups"), [
    ([(2.36e11, None), (2.35e11, None)], 1),           # within 1%
    ([(2.36e11, None), (2.30e11, None)], 2),           # 2.6% apart
    ([(2e12, 3e12), (2.5e12, None)], 1),               # a point inside a range agrees
    ([(1e11, 2e11), (3.1e10, None)], 2),
])
def test_sizes_agree_within_one_percent_and_ranges_count_as_spans(kg, values, groups):
    facts = kg.facts(relation="parameters")[:1] * len(values)
    facts = [f.model_copy(update={"value": v, "max": m}) for f, (v, m) in zip(facts, values, strict=True)]
    assert len(size_sides(facts)) == groups


def test_passed_and_eliminated_at_one_stage_conflict_but_stages_apart_do_not(actors):
    up = "org:업스테이지"
    recs = [
        record("s1", "2025-08-05", [ent("organization", "업스테이지")],
               [fact(up, "programme_status", role="selected", date="2025-08-04")]),
        record("s2", "2026-01-16", [ent("organization", "업스테이지")],
               [fact(up, "programme_status", role="passed")]),
        record("s3", "2026-01-20", [ent("organization", "업스테이지")],
               [fact(up, "programme_status", role="eliminated", at=30)]),
    ]
    (conflict,) = KnowledgeGraph.from_records(recs, actors).conflicts()
    assert (conflict.kind, conflict.subject, conflict.stage) == ("status", "업스테이지", "1st evaluation")
    assert {s.claim: [x.article for x in s.sources] for s in conflict.sides} == {
        "passed": ["s2"], "eliminated": ["s3"]}
    assert KnowledgeGraph.from_records(recs[:2], actors).conflicts() == []


@pytest.mark.parametrize(("role", "when", "stated", "stage"), [
    ("applied", "2025-07", True, "applied"),
    ("selected", "2025-08-04", True, "selected"),
    ("selected", "2026-01-15", False, "selected"),          # looking back on the selection
    ("passed", "2026-H1", True, "first_evaluation"),
    ("eliminated", "2025", True, "selected"),               # not picked in 2025
    ("eliminated", "2026-02-12", False, "first_evaluation"),
    ("selected", "2026-02-20", False, "additional_call"),
    ("passed", "2025-03", False, None),                      # before any stage
])
def test_a_status_claim_goes_to_its_stage(role, when, stated, stage):
    found = stage_of(role, when, stated, stages())
    assert (found.id if found else None) == stage
