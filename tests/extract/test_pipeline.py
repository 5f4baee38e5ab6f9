"""The assembled pipeline: deterministic, ordered, streaming, and one failure stops nothing."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys

import pytest

import hankg
from hankg.extract.pipeline import build_nlp, extract, extract_docs
from hankg.extract.readers import InputProblem
from hankg.schema import Article, ArticleRecord

TEXTS = [
    "[한빛일보 정수아 기자] 윤서하 다온랩 대표는 지난 15일 '누리-7B' 모델을 공개했다.",
    "누리랩 컨소시엄에는 가온데이터, 누리칩스, 다온랩이 참여한다. 누리랩은 올해 상반기 "
    "3000억 파라미터 규모의 모델을 내놓는다.",
    "SK텔레콤은 519B급 모델 'A.X K1'을 공개했다. 박 대표는 말했다.",
    "독자 AI 파운데이션 모델 프로젝트 1차전을 통과한 누리칩스와 다온랩이 경쟁한다.",
]


def articles(n: int = len(TEXTS)) -> list[Article]:
    return [Article(id=f"a{i}", text=TEXTS[i % len(TEXTS)], published="2026-01-18")
            for i in range(n)]


def dump(records) -> list[str]:
    return [json.dumps(r.to_spec(), ensure_ascii=False, sort_keys=True) for r in records]


def test_the_pipeline_is_the_configured_components(nlp):
    assert nlp.pipe_names == ["hankg_entities", "hankg_values", "hankg_dates", "hankg_relations"]
    assert type(nlp.tokenizer).__name__ == "KiwiTokenizer"


def test_same_input_gives_identical_records(nlp):
    first = dump(extract(articles(), nlp))
    second = dump(extract(articles(), nlp))
    assert first == second
    assert any('"works_at"' in line for line in first)


def test_a_fresh_pipeline_gives_identical_records(nlp):
    assert dump(extract(articles(), nlp)) == dump(extract(articles(), build_nlp()))


def test_input_order_is_kept(nlp):
    arts = articles(40)[::-1]
    assert [r.article for r in extract(arts, nlp)] == [a.id for a in arts]


def test_input_problems_pass_through_in_the_stream(nlp):
    problem = InputProblem("bad.txt", None, "the article is empty.")
    items = list(extract([articles(1)[0], problem, *articles(3)[1:]], nlp))
    assert problem in items
    assert [i.article for i in items if isinstance(i, ArticleRecord)] == ["a0", "a1", "a2"]


def test_one_failing_article_does_not_stop_the_batch(nlp, monkeypatch):
    proc = nlp.get_pipe("hankg_relations")
    original = type(proc).__call__

    def flaky(self, doc):
        if doc._.article.id == "a2":
            raise RuntimeError("boom")
        return original(self, doc)

    monkeypatch.setattr(type(proc), "__call__", flaky)
    items = list(extract(articles(6), nlp))
    records = [i for i in items if isinstance(i, ArticleRecord)]
    problems = [i for i in items if isinstance(i, InputProblem)]
    assert [r.article for r in records] == ["a0", "a1", "a3", "a4", "a5"]
    (p,) = problems
    assert p.fatal and "a2" in str(p) and "hankg_relations" in p.message and "boom" in p.message


def test_a_failing_article_in_a_file_names_the_file(nlp, monkeypatch):
    proc = nlp.get_pipe("hankg_values")
    monkeypatch.setattr(type(proc), "__call__", lambda self, doc: 1 / 0)
    (p,) = list(extract([Article(id="x", text="기사", path="in/x.txt")], nlp))
    assert isinstance(p, InputProblem) and p.path == "in/x.txt" and "ZeroDivisionError" in p.message


def test_extract_is_a_lazy_generator(nlp):
    consumed = []

    def source():
        for art in articles(200):
            consumed.append(art.id)
            yield art

    stream = extract(source(), nlp)
    assert inspect.isgenerator(stream)
    assert consumed == []  # nothing read before the first record is asked for
    first = next(stream)
    assert first.article == "a0"
    assert len(consumed) < 200  # streaming: the input is not read to the end first
    rest = list(stream)
    assert len(rest) == 199 and len(consumed) == 200


def test_extract_docs_gives_article_and_doc(nlp):
    ((art, doc),) = list(extract_docs(articles(1), nlp))
    assert art.id == "a0" and doc.text == art.text and doc._.article is art
    assert {e._.name for e in doc.ents} >= {"정수아", "한빛일보", "윤서하", "다온랩", "누리-7B"}


def test_offsets_point_into_the_article_text(nlp):
    for art, rec in zip(articles(), extract(articles(), nlp), strict=True):
        for ent in rec.entities:
            for s, e in ent.mentions:
                assert 0 <= s < e <= len(art.text)
        for d in rec.dates:
            assert art.text[d.start:d.end] == d.text
        for f in rec.facts:
            assert 0 <= f.evidence.start < f.evidence.end <= len(art.text)


def test_facts_only_name_entities_of_the_record(nlp):
    for rec in extract(articles(), nlp):
        ids = {e.id for e in rec.entities}
        for f in rec.facts:
            assert f.subject in ids and (f.object is None or f.object in ids)


def test_public_extract_text(nlp):
    rec = hankg.extract_text("윤서하 다온랩 대표는 지난 15일 말했다.", published="2026-01-18", nlp=nlp)
    assert isinstance(rec, ArticleRecord)
    assert rec.published == "2026-01-18"
    assert [d.value for d in rec.dates] == ["2026-01-15"]


def test_public_extract_text_twice_in_a_fresh_process():
    """The public API must survive the import of the `hankg.extract` package (a function named
    `hankg.extract` would be replaced by the subpackage once it is imported)."""
    code = ("import hankg\n"
            "a = hankg.extract_text('윤서하 다온랩 대표는 말했다.')\n"
            "b = hankg.extract_text('윤서하 다온랩 대표는 말했다.')\n"
            "assert a == b, (a, b)\n"
            "assert [f.role for f in a.facts] == ['대표'], a\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_blank_text_gives_an_empty_record(nlp, text):
    (rec,) = list(extract([Article(id="blank", text=text)], nlp))
    assert (rec.entities, rec.facts, rec.dates) == ([], [], [])
