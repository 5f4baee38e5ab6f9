"""`hankg extract`, `hankg eval` and `hankg explain` through Typer's CliRunner."""

from __future__ import annotations

import json
import random
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from hankg.cli import app

ARTICLES = {
    "a1.txt": "[한빛일보 정수아 기자] 윤서하 다온랩 대표는 지난 15일 '누리-7B' 모델을 공개했다. "
              "다온랩은 올해 상반기 700억(70B) 파라미터 모델도 내놓는다.",
    "a2.txt": "누리랩 컨소시엄에는 가온데이터, 누리칩스, 다온랩이 참여한다.\n"
              "박서준 누리랩 대표는 \"연내 모델을 공개하겠다\"고 말했다.",
    "a3.jsonl": "\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "j1", "text": "SK텔레콤은 519B급 모델 'A.X K1'을 공개했다.", "published": "2026-01-10"},
        {"id": "j2", "text": "강민재 누리칩스 CTO는 오는 12월 새 칩을 공개한다고 밝혔다.",
         "published": "2026-01-10"},
    ]),
}
MANIFEST = [{"file": "a1.txt", "id": "a1", "published": "2026-01-18", "source": "한빛일보"},
            {"file": "a2.txt", "id": "a2", "published": "2025-08-04"}]
IDS = ["a1", "a2", "j1", "j2"]

GOLD = [
    {"article": "a1", "organizations": [{"name": "한빛일보"}, {"name": "다온랩"}],
     "people": [{"name": "정수아", "roles": [{"org": "한빛일보", "role": "기자"}]},
                {"name": "윤서하", "roles": [{"org": "다온랩", "role": "대표"}]}],
     "models": [{"name": "누리-7B", "developers": ["다온랩"]}],
     "parameters": [{"subject": "누리-7B", "value": 7e9, "max": None}],
     "dates": [{"value": "2026-01-15"}, {"value": "2026-H1"}]},
    {"article": "j1", "organizations": [{"name": "SK텔레콤", "aliases": ["SKT"]}],
     "models": [{"name": "A.X K1", "developers": ["SK텔레콤"]}],
     "parameters": [{"subject": "A.X K1", "value": 5.19e11, "max": None}]},
]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def articles(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "manifest.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in MANIFEST), encoding="utf-8")
    return folder


def extract(runner: CliRunner, *args: str | Path):
    return runner.invoke(app, ["extract", *map(str, args), "--quiet"])


def facts_ids(out: Path) -> list[str]:
    lines = (out / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["article"] for line in lines if line.strip()]


def test_extract_writes_graph_and_facts(runner, articles, tmp_path):
    out = tmp_path / "out"
    result = extract(runner, articles, "--out", out)
    assert result.exit_code == 0, result.output
    assert sorted(facts_ids(out)) == IDS
    assert "4 articles extracted" in result.stderr and "0 failed" in result.stderr
    graph = nx.read_graphml(out / "graph.graphml")
    assert graph.number_of_nodes() > 0 and graph.number_of_edges() > 0


def test_facts_lines_follow_spec(runner, articles, tmp_path):
    out = tmp_path / "out"
    assert extract(runner, articles, "--out", out).exit_code == 0
    lines = [json.loads(x) for x in (out / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    a1 = next(r for r in lines if r["article"] == "a1")
    assert (a1["published"], a1["source"]) == ("2026-01-18", "한빛일보")
    assert {"entities", "facts", "dates"} <= set(a1)
    assert {e["name"] for e in a1["entities"]} >= {"한빛일보", "정수아", "윤서하", "다온랩", "누리-7B"}
    for f in a1["facts"]:
        assert set(f) >= {"subject", "relation", "object", "role", "value", "max", "unit", "date",
                          "evidence", "extractor"}
    assert {d["value"] for d in a1["dates"]} == {"2026-01-15", "2026-H1"}


def test_a_bad_file_fails_the_run_but_not_the_others(runner, articles, tmp_path):
    (articles / "a0_blob.txt").write_bytes(
        b"".join(random.Random(1).randbytes(64) + b"\x00\x00" for _ in range(40)))
    out = tmp_path / "out"
    result = extract(runner, articles, "--out", out)
    assert result.exit_code == 1
    assert "a0_blob.txt" in result.stderr
    assert "1 failed" in result.stderr
    assert sorted(facts_ids(out)) == IDS


def test_a_missing_input_is_reported(runner, articles, tmp_path):
    out = tmp_path / "out"
    result = extract(runner, articles, tmp_path / "nowhere", "--out", out)
    assert result.exit_code == 1
    assert "nowhere" in result.stderr
    assert sorted(facts_ids(out)) == IDS


def test_a_second_run_writes_the_same_bytes(runner, articles, tmp_path):
    out, other = tmp_path / "out", tmp_path / "other"
    assert extract(runner, articles, "--out", out).exit_code == 0
    first = {n: (out / n).read_bytes() for n in ("facts.jsonl", "graph.graphml")}
    again = extract(runner, articles, "--out", out)
    assert again.exit_code == 0
    assert "0 articles extracted (4 already in the graph)" in again.stderr
    assert {n: (out / n).read_bytes() for n in first} == first
    assert extract(runner, articles, "--out", other).exit_code == 0
    assert {n: (other / n).read_bytes() for n in first} == first


def test_eval_prints_the_table_and_json(runner, articles, tmp_path):
    from hankg.scoring import evaluate, read_jsonl

    out = tmp_path / "out"
    assert extract(runner, articles, "--out", out).exit_code == 0
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in GOLD), encoding="utf-8")
    expected = evaluate(read_jsonl(gold), read_jsonl(out / "facts.jsonl")).table["core"].f1

    table = runner.invoke(app, ["eval", str(gold), str(out / "facts.jsonl")])
    assert table.exit_code == 0, table.output
    for cat in ("organizations", "people", "models", "works_at", "develops", "parameters", "dates",
                "partner_of", "programme_status"):
        assert cat in table.stdout
    assert f"core F1 {expected:.3f}" in table.stdout

    as_json = runner.invoke(app, ["eval", str(gold), str(out / "facts.jsonl"), "--json"])
    assert as_json.exit_code == 0
    data = json.loads(as_json.stdout)
    assert data["missing_articles"] == []
    assert data["scores"]["core"]["f1"] == pytest.approx(expected)

    strict = runner.invoke(app, ["eval", str(gold), str(out / "facts.jsonl"), "--min-core", "1.01"])
    assert strict.exit_code == 1


def test_eval_on_a_malformed_file_names_the_line(runner, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"article": "a"}\n{oops\n', encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), str(gold)])
    assert result.exit_code == 2
    assert "gold.jsonl:2" in result.stderr


def test_explain_prints_the_rules(runner, articles):
    result = runner.invoke(app, ["explain", str(articles / "a1.txt")])
    assert result.exit_code == 0, result.output
    for rule in ("rule:byline", "rule:name-org-title", "rule:quoted-model", "rule:date-",
                 "rule:value-"):
        assert rule in result.stdout
    assert "윤서하" in result.stdout and "works_at" in result.stdout


def test_explain_reports_a_bad_file(runner, articles, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["explain", str(bad), str(articles / "a2.txt")])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr
    assert "누리랩" in result.stdout


def test_stdin_with_a_publication_date(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", "-", "--out", str(out), "--published", "2026-01-18", "--quiet"],
                           input="류제명 과기정통부 제2차관이 지난 15일 결과를 발표했다.\n")
    assert result.exit_code == 0, result.output
    rec = json.loads((out / "facts.jsonl").read_text(encoding="utf-8"))
    assert rec["article"] == "stdin" and rec["published"] == "2026-01-18"
    assert [d["value"] for d in rec["dates"]] == ["2026-01-15"]


def test_a_bad_publication_date_is_refused(runner, tmp_path):
    result = runner.invoke(app, ["explain", "-", "--published", "2026-13-40"], input="13일 발표했다.\n")
    assert result.exit_code == 2
