"""Query output: 80-column tables, CSV that matches JSON row for row, evidence, conflicts."""

from __future__ import annotations

import csv
import io
import json

import pytest
from graph_fixtures import ent, record
from rich.cells import cell_len
from typer.testing import CliRunner

from hankg.cli import app
from hankg.cli._tables import collapse, cut, fit, wrap
from hankg.graph.query import SizeClaim
from hankg.graph.store import OutputStore
from hankg.schema import Evidence, Fact

NARROW = {"COLUMNS": "80", "NO_COLOR": "1"}
SKT, AX, MT = "org:SK텔레콤", "model:A.X K1", "org:모티프테크놀로지스"
SENTENCE = "SK텔레콤은 519B급 초거대 모델 'A.X K1'을 공개했다고 밝혔다."


def size(subject: str, value: float, sentence: str = SENTENCE, claim: str = "519B") -> Fact:
    at = sentence.index(claim)
    return Fact(subject=subject, relation="parameters", value=value, unit="params", extractor="test",
                evidence=Evidence(start=100 + at, end=100 + at + len(claim), text=sentence, text_start=100))


@pytest.fixture
def graph_dir(tmp_path):
    """Four articles repeat A.X K1's 519B, one says 33B; a developer with a long name."""
    recs = [record("p1", "2025-12-30", [ent("person", "김지원"), ent("organization", "SK텔레콤")], [
        Fact(subject="person:김지원", relation="works_at", object=SKT, role="부사장", extractor="test",
             evidence=Evidence(start=0, end=9, text="김지원 SK텔레콤 부사장은 말했다.", text_start=0))])]
    for i, day in enumerate(["2025-12-31", "2026-01-07", "2026-01-15", "2026-01-27"]):
        recs.append(record(f"r{i}", day, [ent("organization", "SK텔레콤"), ent("model", "A.X K1")], [
            Fact(subject=SKT, relation="develops", object=AX, extractor="test",
                 evidence=Evidence(start=0, end=5)), size(AX, 5.19e11)], title=f"에이닷 기사 {i}"))
    odd = "A.X K1은 전체 가운데 33B만 활성화한다."
    recs.append(record("r9", "2026-01-20", [ent("model", "A.X K1")], [size(AX, 3.3e10, odd, "33B")]))
    recs.append(record("m1", "2026-01-21", [ent("organization", "모티프테크놀로지스"), ent("model", "모티프 12.7B")], [
        Fact(subject=MT, relation="develops", object="model:모티프 12.7B", extractor="test",
             evidence=Evidence(start=0, end=5))]))
    store = OutputStore(tmp_path / "out")
    for rec in recs:
        store.add(rec)
    store.close()
    return tmp_path / "out"


@pytest.fixture
def run(graph_dir):
    runner = CliRunner()

    def invoke(*args, env=NARROW):
        return runner.invoke(app, [*args, "--graph", str(graph_dir)], env=env)
    return invoke


def test_models_table_reads_at_80_columns(run):
    res = run("query", "models")
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    assert "519B ×4, 2025-12-31 – 2026-01-27" in res.stdout
    assert "33B, 2026-01-20" in res.stdout
    assert "A.X K1\u00a0!" in res.stdout and "sources disagree" in res.stdout
    for name in ("SK텔레콤", "모티프테크놀로지스"):     # whole, or cut with …, never split
        words = [w for line in lines for w in line.split()]
        assert name in words or any(w.endswith("…") and name.startswith(w[:-1]) for w in words)


@pytest.mark.parametrize("command", [["organizations"], ["people"], ["models"], ["timeline"],
                                     ["facts"], ["conflicts"], ["path", "SK텔레콤", "A.X K1"]])
def test_csv_has_a_header_and_the_same_rows_as_json(run, command):
    as_json = json.loads(run("query", *command, "--json").stdout)
    res = run("query", *command, "--format", "csv")
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert len(rows) == len(as_json) > 0
    for row, item in zip(rows, as_json, strict=True):
        assert set(item) <= set(row)
        for key, value in item.items():
            if isinstance(value, str | int) and not isinstance(value, bool):
                assert row[key] == str(value), key


def test_format_json_is_the_json_flag(run):
    for command in (["models"], ["entity", "A.X K1"], ["conflicts"]):
        assert run("query", *command, "--format", "json").stdout == run("query", *command, "--json").stdout


def test_entity_csv_has_a_row_per_fact_with_its_sentence(run):
    rows = list(csv.DictReader(io.StringIO(run("query", "entity", "A.X K1", "--format", "csv").stdout)))
    assert len(rows) == 9        # 4 develops, 5 sizes
    assert {r["evidence"] for r in rows if r["relation"] == "parameters"} == {
        SENTENCE, "A.X K1은 전체 가운데 33B만 활성화한다."}


def test_evidence_prints_the_sentence_with_the_claim_marked_and_its_article(run):
    res = run("query", "facts", "--relation", "parameters", "--evidence", env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert res.exit_code == 0, res.output
    assert "SK텔레콤은 «519B»급 초거대 모델 'A.X K1'을 공개했다고 밝혔다." in res.stdout
    assert "r0 · 에이닷 기사 0 · 테스트일보 · 2025-12-31 · https://example.test/r0" in res.stdout
    assert "[5]" in res.stdout
    models = run("query", "models", "--evidence", env={"COLUMNS": "200", "NO_COLOR": "1"}).stdout
    assert "A.X K1은 전체 가운데 «33B»만 활성화한다." in models


def test_conflicts_lists_each_side_with_its_sources(run):
    res = run("query", "conflicts")
    assert res.exit_code == 0, res.output
    assert "A.X K1: 33B (1 article) vs 519B (4 articles)" in res.stdout
    (conflict,) = json.loads(run("query", "conflicts", "--json").stdout)
    assert [[s["article"] for s in side["sources"]] for side in conflict["sides"]] == [
        ["r9"], ["r0", "r1", "r2", "r3"]]


def claim(value: float, when: str) -> SizeClaim:
    return SizeClaim(value=value, when=when, article="x")


def test_collapse_counts_identical_claims_and_gives_their_span():
    claims = [claim(5.19e11, "2026-01-27"), claim(5.19e11, "2025-12-31"), claim(5e11, "2026-01-07")]
    assert collapse(claims) == ["519B ×2, 2025-12-31 – 2026-01-27", "500B, 2026-01-07"]


@pytest.mark.parametrize(("text", "width", "one_line", "expect"), [
    ("SK텔레콤 LG AI연구원", 10, False, "SK텔레콤\nLG\nAI연구원"),
    ("모티프테크놀로지스", 11, False, "모티프테크…"),
    ("519B ×4, 2025-12-31 – 2026-01-27", 12, True, "519B ×4, 20…"),
    ("short", 10, True, "short"),
])
def test_wrap_breaks_at_spaces_and_cuts_words_with_an_ellipsis(text, width, one_line, expect):
    assert wrap(text, width, one_line) == expect
    assert all(cell_len(line) <= width for line in wrap(text, width, one_line).splitlines())


def test_fit_squeezes_the_named_columns_first_and_never_exceeds_the_room():
    assert fit([10, 30, 20], [5, 30, 8], 50, squeeze=[2]) == [10, 30, 10]
    assert sum(fit([40, 40, 40], [30, 30, 30], 60)) == 60
    assert cut("가나다라", 5) == "가나…"
