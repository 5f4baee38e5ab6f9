"""Dask: a LocalCluster of 2 worker processes on loopback gives what a local run gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import hankg
import hankg.dask  # noqa: F401  (the module under test)
from hankg.cli import app

distributed = pytest.importorskip("distributed")
db = pytest.importorskip("dask.bag")

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as c:
        yield c


def spec_lines(records) -> list[str]:
    return [json.dumps(r.to_spec(), ensure_ascii=False, sort_keys=True) for r in records]


def test_cli_on_a_scheduler_writes_the_facts_of_a_local_run(cluster, tmp_path):
    runner = CliRunner()
    local = runner.invoke(app, ["extract", str(REPO / "corpus"), "--out", str(tmp_path / "local"), "-q"])
    assert local.exit_code == 0, local.output
    args = ["extract", str(REPO / "corpus"), "--out", str(tmp_path / "dask"), "--scheduler", cluster.scheduler_address]
    remote = runner.invoke(app, args)
    assert remote.exit_code == 0, remote.output
    for name in ("facts.jsonl", "graph.graphml"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()


def test_a_bag_of_articles_gives_the_local_records_in_order(cluster, nlp):
    folder = REPO / "tests" / "data" / "unseen"
    rows = [json.loads(line) for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    texts = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}
    arts = [{"id": r["id"], "text": texts[r["file"]], "published": r.get("published")} for r in rows]
    arts.append({"title": "no text"})
    with distributed.Client(cluster) as client:
        assert client.scheduler_info()["workers"]
        got = list(hankg.dask.extract(db.from_sequence(arts, npartitions=3)))
    problem = got.pop()
    assert "a dict with a string 'text'" in str(problem)
    local = list(hankg.extract_articles([hankg.Article(**a) for a in arts[:-1]], nlp=nlp))
    assert spec_lines(got) == spec_lines(local)
    assert [r.article for r in got] == [r["id"] for r in rows]


def test_a_wrong_address_is_a_clear_error(tmp_path):
    res = CliRunner().invoke(
        app, ["extract", str(REPO / "corpus"), "--out", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:9"]
    )
    assert res.exit_code == 2
    assert "cannot reach the Dask scheduler" in res.output
