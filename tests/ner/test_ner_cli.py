"""`hankg train` and `hankg ner-eval` through the CLI, judged by exit codes and output."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from hankg.cli import app
from hankg.extract.ner.klue import write_klue

runner = CliRunner()


@pytest.fixture
def tsv(tmp_path, sample):
    path = tmp_path / "sample.tsv"
    write_klue(sample, path)
    return path


def test_train_then_eval(tmp_path, tsv, sample):
    model = tmp_path / "models" / "sample"  # a parent folder that does not exist yet
    result = runner.invoke(app, ["train", str(tsv), "--out", str(model), "--epochs", "3",
                                 "--dev", "0.25", "--seed", "1"])
    assert result.exit_code == 0, result.output
    assert "do not fall on Kiwi token boundaries" in result.output
    assert (model / "config.cfg").is_file()

    preds = tmp_path / "pred.jsonl"
    result = runner.invoke(app, ["ner-eval", str(model), str(tsv), "--json",
                                 "--predictions", str(preds)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["sentences"] == len(sample)
    assert set(scores["micro"]) >= {"precision", "recall", "f1"}
    lines = [json.loads(x) for x in preds.read_text(encoding="utf-8").splitlines()]
    assert [x["text"] for x in lines] == [s.text for s in sample]
    assert all(len(e) == 3 and e[2] in {"PS", "OG"} for x in lines for e in x["entities"])

    result = runner.invoke(app, ["ner-eval", str(model), str(tsv)])
    assert result.exit_code == 0, result.output
    assert "micro" in result.output


def test_train_on_articles_without_gold_fails_with_a_message(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("기사 본문", encoding="utf-8")
    result = runner.invoke(app, ["train", str(article), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert "a.txt" in result.output


def test_missing_data_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["train", str(tmp_path / "none.tsv"), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2


def test_eval_with_a_folder_that_is_not_a_model(tmp_path, tsv):
    result = runner.invoke(app, ["ner-eval", str(tmp_path), str(tsv), "--json"])
    assert result.exit_code == 2
    assert "not a model folder" in result.output


def test_extract_with_ner(tmp_path, tiny_model):
    article = tmp_path / "a.txt"
    article.write_text("김민수 대표는 서울에서 열린 행사에 참석했다.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "--out", str(tmp_path / "out"),
                                 "--ner", str(tiny_model), "--quiet"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "facts.jsonl").is_file()
