"""`KnowledgeGraph.frames()`: the graph as typed pandas DataFrames."""

from __future__ import annotations

import pytest

pd = pytest.importorskip("pandas")


def test_frames_hold_every_entity_fact_and_article(kg):
    f = kg.frames()
    kinds = [k for _, k in kg.graph.nodes(data="kind")]
    assert len(f.entities) == sum(k != "article" for k in kinds)
    assert len(f.articles) == kinds.count("article")
    assert len(f.facts) == len(kg.facts())
    assert set(f.facts["article"]) == {"a1", "a2", "a3"}


def test_frame_columns_are_typed(kg):
    f = kg.frames()
    assert str(f.facts["value"].dtype) == "Float64" and str(f.facts["evidence_start"].dtype) == "Int64"
    assert str(f.facts["relation"].dtype) == "category" and str(f.entities["curated"].dtype) == "boolean"
    assert f.facts["when_start"].dtype.kind == "M" and f.articles["published"].dtype.kind == "M"
    assert str(f.entities["name"].dtype) == "string"


def test_frames_answer_questions_without_conversions(kg):
    facts = kg.frames().facts
    sizes = facts[facts["relation"] == "parameters"].sort_values(["when_start", "article"])
    assert sizes["value"].max() == 2.36e11
    h1 = facts[(facts["when"] == "2026-H1")]
    assert h1["when_start"].iloc[0] == pd.Timestamp("2026-01-01")
    assert h1["when_end"].iloc[0] == pd.Timestamp("2026-06-30")
    up = kg.frames().entities.set_index("id").loc["org:업스테이지"]
    assert "Upstage" in up["aliases"] and up["articles"] == 3
