"""Hostile input: lone surrogates, huge articles, lines with no space, deeply nested HTML."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from hankg.cli import app
from hankg.extract.readers import Article, InputProblem, html_to_text, read_inputs
from hankg.extract.tokenizer import LONG_RUN


def test_lone_surrogates_become_replacement_characters_with_a_warning_naming_the_line(tmp_path):
    path = tmp_path / "s.jsonl"
    good = json.dumps({"id": "ok", "text": "권순일 업스테이지 부사장은 말했다."}, ensure_ascii=False)
    bad = '{"id": "sur", "text": "류제명 \\udb6a 제2차관은 \\udc00말했다.", "title": "제목\\ud800"}'
    path.write_text(good + "\n" + bad + "\n", encoding="utf-8")
    items = list(read_inputs([path]))
    problems = [i for i in items if isinstance(i, InputProblem)]
    arts = {a.id: a for a in items if isinstance(a, Article)}
    assert [str(p) for p in problems] == [f"{path}:2: 3 lone surrogate(s) (invalid \\uD800-\\uDFFF escapes) "
                                          f"became U+FFFD."]
    assert not problems[0].fatal
    assert arts["sur"].text == "류제명 \ufffd 제2차관은 \ufffd말했다." and arts["sur"].title == "제목\ufffd"
    assert arts["sur"].content_hash                      # encodable now


def test_an_article_with_lone_surrogates_is_extracted_not_failed(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "sur", "text": "류제명 과기정통부 제2차관은 \\udb6a 말했다."}\n', encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(path), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert f"{path}:1:" in result.stderr and "U+FFFD" in result.stderr
    rec = json.loads((out / "facts.jsonl").read_text(encoding="utf-8"))
    assert {e["name"] for e in rec["entities"]} >= {"류제명"}


def test_an_article_over_max_chars_is_refused_by_name_and_the_rest_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "huge.txt").write_text("가나다라 " * 2_100_000, encoding="utf-8")     # 10.5 M characters, 27 MB
    (folder / "small.txt").write_text("권순일 업스테이지 부사장은 말했다.", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(folder), "--out", str(out), "--quiet"])
    assert result.exit_code == 1
    assert "huge.txt: article huge has 10,500,000 characters, more than --max-chars 1,000,000" in result.stderr
    assert [json.loads(x)["article"] for x in (out / "facts.jsonl").read_text(encoding="utf-8").splitlines()] == [
        "small"]
    lower = CliRunner().invoke(app, ["extract", str(folder / "small.txt"), "--out", str(tmp_path / "o2"),
                                     "--max-chars", "5", "--quiet"])
    assert lower.exit_code == 1 and "--max-chars 5" in lower.stderr


def test_a_long_line_without_spaces_keeps_every_character_and_offset(nlp, run):
    text = "권순일 업스테이지 부사장은 " + "a" * (3 * LONG_RUN + 17) + " 말했다.\n" + "가" * (LONG_RUN + 5)
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert all(0 <= t.idx < len(text) for t in doc)
    found = run(text)
    assert found.entity("person", "권순일") is not None
    assert all(0 <= s <= e <= len(text) for ent in found.record.entities for s, e in ent.mentions)


def test_fifty_thousand_nested_tags_give_their_text():
    html = "<div>" * 50_000 + "권순일 업스테이지 부사장" + "</div>" * 50_000
    assert html_to_text(html).strip() == "권순일 업스테이지 부사장"
