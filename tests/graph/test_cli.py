"""`hankg query`, `hankg export` and `hankg report` through the real CLI app."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from hankg.cli import app

WIDE = {"COLUMNS": "200", "NO_COLOR": "1"}


@pytest.fixture
def run(out_dir):
    runner = CliRunner()

    def invoke(*args, graph=True):
        extra = ["--graph", str(out_dir)] if graph else []
        return runner.invoke(app, [*args, *extra], env=WIDE)
    return invoke


def test_query_people_table(run):
    res = run("query", "people")
    assert res.exit_code == 0, res.output
    assert "권순일" in res.stdout and "부사장 @ 업스테이지" in res.stdout


def test_query_people_at_an_org_by_alias(run):
    res = run("query", "people", "--org", "Upstage", "--json")
    assert res.exit_code == 0, res.output
    assert sorted(p["id"] for p in json.loads(res.stdout)) == ["person:권순일",
                                                               "person:김성훈@업스테이지"]


@pytest.mark.parametrize(("command", "expect"), [
    (["organizations"], "업스테이지"),
    (["models"], "솔라 오픈 100B"),
    (["timeline"], "2026-H1"),
    (["timeline", "--entity", "엑사원"], "236B"),
    (["entity", "SKT"], "SK텔레콤"),
    (["facts", "--relation", "parameters"], "32B"),
    (["path", "권순일", "솔라"], "업스테이지"),
])
def test_query_commands_answer(run, command, expect):
    res = run("query", *command)
    assert res.exit_code == 0, res.output
    assert expect in res.stdout


@pytest.mark.parametrize("command", [["organizations"], ["people"], ["models"], ["timeline"],
                                     ["entity", "엑사원"], ["path", "권순일", "솔라"],
                                     ["facts", "--subject", "업스테이지"]])
def test_query_json_is_machine_readable(run, command):
    res = run("query", *command, "--json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)


def test_models_json_has_history(run):
    models = {m["name"]: m for m in json.loads(run("query", "models", "--json").stdout)}
    assert [c["value"] for c in models["엑사원"]["size_history"]] == [3.2e10, 2.36e11]
    assert models["엑사원"]["size_history"][0]["sources"][0]["article"] == "a2"


def test_facts_since_until(run):
    res = run("query", "facts", "--since", "2026-01", "--until", "2026-12", "--json")
    assert {f["article"] for f in json.loads(res.stdout)} == {"a3"}


def test_unknown_name_suggests_on_stderr_and_exits_1(run):
    res = run("query", "entity", "업스테이쥐")
    assert res.exit_code == 1
    assert "업스테이지" in res.stderr and res.stdout == ""
    res = run("query", "people", "--org", "엘지 에이아이")
    assert res.exit_code == 1


def test_ambiguous_name_lists_ids(run):
    res = run("query", "entity", "김성훈")
    assert res.exit_code == 1
    assert "person:김성훈@업스테이지" in res.stderr


def test_no_path_exits_1(run):
    res = run("query", "path", "SKT", "업스테이지")
    assert res.exit_code == 1 and "No chain" in res.stderr


def test_bad_option_values_exit_2(run):
    assert run("query", "facts", "--relation", "employs").exit_code == 2
    assert run("query", "facts", "--since", "yesterday").exit_code == 2


def test_missing_graph_dir_exits_2(tmp_path):
    runner = CliRunner()
    for args in (["query", "models"], ["export", "--format", "json"], ["report"]):
        res = runner.invoke(app, [*args, "--graph", str(tmp_path / "none")], env=WIDE)
        assert res.exit_code == 2, args
        assert "No graph at" in res.stderr and "hankg extract" in res.stderr


def test_export_every_format(run, out_dir, tmp_path):
    res = run("export", "--format", "json", "--to", str(tmp_path / "g.json"))
    assert res.exit_code == 0, res.output
    g = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text(encoding="utf-8")),
                           edges="edges")
    res = run("export", "--format", "csv", "--to", str(tmp_path / "csv"))
    assert res.exit_code == 0, res.output
    with open(tmp_path / "csv" / "edges.csv", encoding="utf-8") as fh:
        assert sum(1 for _ in fh) - 1 == g.number_of_edges()
    res = run("export", "--format", "graphml", "--to", str(tmp_path / "g.graphml"))
    assert res.exit_code == 0, res.output
    assert (tmp_path / "g.graphml").read_bytes() == (out_dir / "graph.graphml").read_bytes()
    assert run("export", "--format", "xlsx").exit_code == 2


def test_export_default_target_is_in_the_graph_folder(run, out_dir):
    assert run("export").exit_code == 0
    assert (out_dir / "graph.json").exists()


def test_report_default_target(run, out_dir):
    res = run("report")
    assert res.exit_code == 0, res.output
    html = (out_dir / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "업스테이지" in html


def test_query_organizations_shows_gpus_when_stated(tmp_path, records):
    from graph_fixtures import gpu_record

    from hankg.graph.store import OutputStore

    store = OutputStore(tmp_path / "g")
    for rec in [*records, gpu_record()]:
        store.add(rec)
    store.close()
    res = CliRunner().invoke(app, ["query", "organizations", "--graph", str(tmp_path / "g")], env=WIDE)
    assert res.exit_code == 0, res.output
    assert "gpus" in res.stdout.splitlines()[1]
    up = next(line for line in res.stdout.splitlines() if line.startswith("업스테이지"))
    assert "512 B200, 2026-06-12" in up
    res = CliRunner().invoke(app, ["query", "facts", "--relation", "gpus", "--graph", str(tmp_path / "g")], env=WIDE)
    assert res.exit_code == 0 and "H200" in res.stdout
    res = CliRunner().invoke(app, ["query", "organizations", "--format", "csv", "--graph", str(tmp_path / "g")],
                             env=WIDE)
    import csv

    rows = {r["name"]: r for r in csv.DictReader(res.stdout.splitlines())}
    assert rows["업스테이지"]["gpu_history"] == "512 B200 (2026-06-12, g1); 256 H200 (2026-06-12, g1)"


def test_query_organizations_has_no_gpus_column_without_gpus(run):
    res = run("query", "organizations")
    assert res.exit_code == 0 and "gpus" not in res.stdout.splitlines()[1]
