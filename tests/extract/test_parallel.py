"""`workers=N` and `hankg extract --workers N`: N processes, records in input order, the same
bytes as one process. (Speed is measured in bench/throughput.py, never asserted here.)"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import hankg
from hankg.cli import app
from hankg.extract.parallel import _batches
from hankg.extract.pipeline import extract
from hankg.extract.readers import InputProblem, read_inputs
from hankg.schema import Article, ArticleRecord

REPO = Path(__file__).resolve().parents[2]


def lines(items) -> list[str]:
    return [json.dumps(i.to_spec(), ensure_ascii=False) if isinstance(i, ArticleRecord) else str(i) for i in items]


@pytest.fixture(scope="module")
def stream() -> list:
    """The corpus with reading problems in the stream between its articles."""
    arts = [a for a in read_inputs([REPO / "corpus"]) if isinstance(a, Article)]
    bad = [InputProblem("x.txt", None, "the article is empty."), InputProblem("y.jsonl", 3, "not valid JSON.")]
    return [bad[0], *arts[:4], bad[1], *arts[4:], bad[0]]


def test_two_workers_give_the_records_of_one_in_input_order(nlp, stream):
    one = lines(extract(stream, nlp))
    two = lines(extract(stream, workers=2))
    assert two == one
    assert one[0] == "x.txt: the article is empty." and one[5].startswith("y.jsonl:3")
    assert sum(line.startswith("{") for line in two) == 10


def test_the_python_api_takes_workers(nlp):
    one = lines(hankg.extract_path(REPO / "corpus", nlp=nlp))
    assert lines(hankg.extract_path(REPO / "corpus", workers=2)) == one


def test_a_pipeline_object_cannot_go_to_workers(nlp):
    with pytest.raises(ValueError, match="each process builds its own pipeline"):
        list(extract([], nlp, workers=2))


def test_batches_count_articles_not_problems():
    p = InputProblem("p", None, "m")
    a = Article(id="a", text="t")
    assert [len(b) for b in _batches([p, a, a, p, a, p], 2)] == [3, 3]


def test_cli_workers_write_the_same_files(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(REPO / "corpus", src)
    (src / "zz_empty.txt").write_text("  \n", encoding="utf-8")
    runner = CliRunner()
    outs = {}
    for n in (1, 2):
        res = runner.invoke(app, ["extract", str(src), "--out", str(tmp_path / f"o{n}"), "--workers", str(n), "-q"])
        assert res.exit_code == 1, res.output  # the empty file fails, the rest goes on
        assert "zz_empty.txt" in res.output and "10 articles extracted" in res.output
        outs[n] = [(tmp_path / f"o{n}" / f).read_bytes() for f in ("facts.jsonl", "graph.graphml")]
    assert outs[1] == outs[2]
