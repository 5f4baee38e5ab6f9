"""The programme at a glance: teams × stages, as the report's matrix reads it."""

from __future__ import annotations

from graph_fixtures import ent, fact, record

from hankg.graph.programme import programme
from hankg.graph.query import KnowledgeGraph


def test_each_team_has_its_status_by_stage_with_date_and_sources(kg):
    rows = {r.team: r for r in programme(kg)}
    assert list(rows) == ["SK텔레콤", "업스테이지"]
    skt, up = rows["SK텔레콤"], rows["업스테이지"]
    assert {k: (c.status, c.when, c.date_stated) for k, c in skt.cells.items()} == {
        "selected": ("selected", "2025-08", True), "first_evaluation": ("passed", "2026-H1", True)}
    assert (up.cells["selected"].when, up.cells["selected"].date_stated) == ("2025-08-13", False)
    assert [f.article for f in up.cells["first_evaluation"].facts] == ["a3"]
    assert sorted(up.sizes) == ["", "솔라 오픈 100B"] and not skt.sizes


def test_a_disagreeing_cell_is_marked_and_teams_that_went_further_come_first(actors):
    up, nc = "org:업스테이지", "org:NC AI"
    recs = [record("x1", "2026-01-16", [ent("organization", "업스테이지"), ent("organization", "NC AI")],
                   [fact(up, "programme_status", role="passed"), fact(nc, "programme_status", role="eliminated"),
                    fact(nc, "programme_status", role="selected", date="2025-08-04", at=40)]),
            record("x2", "2026-01-17", [ent("organization", "NC AI")],
                   [fact(nc, "programme_status", role="eliminated"), fact(nc, "programme_status", role="passed",
                                                                         at=50)]),
            record("x3", "2025-08-05", [ent("organization", "업스테이지")],
                   [fact(up, "programme_status", role="selected")])]
    rows = programme(KnowledgeGraph.from_records(recs, actors))
    assert [r.team for r in rows] == ["업스테이지", "NC AI"]
    cell = rows[1].cells["first_evaluation"]
    assert cell.conflict and cell.status == "eliminated" and cell.statuses == {"eliminated": 2, "passed": 1}
    assert not rows[0].cells["first_evaluation"].conflict
