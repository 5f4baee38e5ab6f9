"""The programme at a glance: teams × stages, as the report's matrix reads it."""

from __future__ import annotations

import re

from graph_fixtures import ent, fact, gpu_record, record

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


def test_each_team_carries_its_gpu_figures_with_chip_count_and_source(records, actors):
    kg = KnowledgeGraph.from_records([*records, gpu_record()], actors)
    rows = {r.team: r for r in programme(kg)}
    assert list(rows) == ["SK텔레콤", "업스테이지"]  # a company with GPUs but no status is no team
    up, skt = rows["업스테이지"], rows["SK텔레콤"]
    assert [(g.chip, g.value, g.when, g.article) for g in up.gpus] == [
        ("B200", 512.0, "2026-06-12", "g1"), ("H200", 256.0, "2026-06-12", "g1")]
    assert [(g.chip, g.value, g.date) for g in skt.gpus] == [("B200", 512.0, "2026-07")]
    assert up.gpus[0].sources[0].outlet == "테스트일보"


def test_the_matrix_shows_gpus_beside_the_sizes(records, actors):
    from hankg.graph.report_views import matrix

    kg = KnowledgeGraph.from_records([*records, gpu_record()], actors)
    html = matrix(kg, programme(kg))
    assert "<th>model sizes</th><th>GPUs</th>" in html
    rows = dict(re.findall(r'<tr data-team="([^"]+)">(.*?)</tr>', html, re.S))
    up = re.search(r'<td class="gpus">(.*?)</td>', rows["org:업스테이지"], re.S).group(1)
    assert "<b>512 B200</b>" in up and "<b>256 H200</b>" in up
    assert 'href="https://example.test/g1"' in up
    skt = re.search(r'<td class="gpus">(.*?)</td>', rows["org:SK텔레콤"], re.S).group(1)
    assert "<b>512 B200</b>" in skt and "2026-07" in skt
    assert "다온전자" not in html
