"""Decomposed Hangul (NFD, as macOS copies text) gives the records of its NFC form, with
offsets into the text as given: the rules read NFC, the records point into the original."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

import hankg
from hankg.extract.pipeline import extract
from hankg.extract.readers import read_inputs
from hankg.schema import Article, ArticleRecord

REPO = Path(__file__).resolve().parents[2]
CORPUS = [a for a in read_inputs([REPO / "corpus"]) if isinstance(a, Article)]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def to_nfc_offsets(record: ArticleRecord, text: str) -> dict:
    """The record with every offset into `text` moved to the same place in NFC(text),
    checking on the way that each offset falls on a character boundary NFC keeps."""

    def at(i: int) -> int:
        j = len(nfc(text[:i]))
        assert nfc(text[:i]) == nfc(text)[:j], f"offset {i} splits a composed syllable"
        return j

    spec = record.to_spec()
    for ent in spec["entities"]:
        ent["mentions"] = [[at(s), at(e)] for s, e in ent["mentions"]]
    for fact in spec["facts"]:
        ev = fact["evidence"]
        ev.update(start=at(ev["start"]), end=at(ev["end"]))
        if ev.get("text") is not None:  # the sentence, as given, at its own offset
            assert text[ev["text_start"] : ev["text_start"] + len(ev["text"])] == ev["text"]
            ev.update(text=nfc(ev["text"]), text_start=at(ev["text_start"]))
    for date in spec["dates"]:
        date["text"] = nfc(date["text"])
        date["start"], date["end"] = at(date["start"]), at(date["end"])
    spec.pop("content_hash")
    return spec


@pytest.mark.parametrize("article", CORPUS, ids=[a.id for a in CORPUS])
def test_nfd_article_gives_the_records_of_nfc(nlp, article: Article):
    decomposed = unicodedata.normalize("NFD", article.text)
    assert decomposed != article.text
    (a,) = extract([article], nlp)
    (b,) = extract([article.model_copy(update={"text": decomposed})], nlp)
    assert a.entities and a.facts and a.dates
    expected = a.to_spec()
    expected.pop("content_hash")
    assert to_nfc_offsets(b, decomposed) == expected
    for date in b.dates:  # the text of a date is the text as given, at its offsets
        assert decomposed[date.start : date.end] == date.text


def test_mixed_nfd_and_nfc_text_keeps_offsets_into_the_original(nlp):
    text = unicodedata.normalize("NFD", "권순일 업스테이지 부사장은 ") + "지난 15일 '솔라 오픈'을 공개했다."
    rec = hankg.extract_text(text, published="2026-01-18", nlp=nlp)
    names = {nfc(text[s:e]) for ent in rec.entities for s, e in ent.mentions}
    assert {"권순일", "업스테이지"} <= names
    assert {e.name for e in rec.entities} >= {"권순일", "업스테이지"}  # names are NFC
    (date,) = rec.dates
    assert (date.value, text[date.start : date.end]) == ("2026-01-15", "지난 15일")
    assert any(f.relation == "works_at" and f.role == "부사장" for f in rec.facts)
