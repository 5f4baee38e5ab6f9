"""The shortcuts the per-article plumbing takes read and free the same things spaCy would."""

from __future__ import annotations

import gc

from hankg.extract.pipeline import extract, make_doc, release
from hankg.extract.records import SPAN_ATTR, doc_to_record
from hankg.extract.tokenizer import KiwiDoc
from hankg.schema import Article

TEXT = ("[한빛일보 정수아 기자] 업스테이지(Upstage)는 지난 15일 1000억 파라미터 모델 '솔라 프로2'를 공개했다.\n"
        "김성훈 업스테이지 대표는 \"올해 상반기 H100 512장을 확보했다\"고 말했다.")


def _doc(nlp):
    doc = make_doc(nlp, Article(id="a", text=TEXT, published="2026-01-18"))
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def test_span_attributes_are_where_records_read_them(nlp):
    doc = _doc(nlp)
    spans = [*doc.ents, *doc.spans.get("dates", [])]
    assert spans
    for span in spans:
        for name in ("name", "rule", "value"):
            assert doc.user_data.get((SPAN_ATTR, name, span.start_char, span.end_char)) == getattr(span._, name)
        assert doc.text[span.start_char : span.end_char] == span.text


def test_a_released_doc_is_freed_without_the_cycle_collector(nlp, monkeypatch):
    monkeypatch.setattr("hankg.extract.pipeline._FROZEN", True)  # no collection of its own in between
    doc = _doc(nlp)
    assert isinstance(doc, KiwiDoc)
    record = doc_to_record(doc)
    release(doc)
    assert doc_to_record(doc) == record  # still readable: its tokens are made again on demand
    gc.collect()
    gc.disable()
    try:
        gc.set_debug(gc.DEBUG_SAVEALL)
        del doc
        list(extract([Article(id="b", text=TEXT, published="2026-01-18")], nlp))
        assert gc.collect() == 0 and not gc.garbage
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
