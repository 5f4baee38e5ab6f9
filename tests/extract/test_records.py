"""The Doc → record step: every fact carries the sentence it was read from, offsets untouched."""

from __future__ import annotations

import pytest

from hankg.extract.pipeline import extract_docs
from hankg.extract.readers import read_inputs
from hankg.extract.records import doc_to_record


def sentence_of(doc, start: int, end: int) -> str:
    """The Kiwi sentence(s) holding text[start:end], from the Doc itself, whitespace trimmed."""
    claim = doc.text[start:end]
    start, end = start + len(claim) - len(claim.lstrip()), end - len(claim) + len(claim.rstrip())
    sents = [s for s in doc.sents if s.start_char < max(end, start + 1) and s.end_char > start]
    return doc.text[sents[0].start_char:sents[-1].end_char].strip()


@pytest.fixture(scope="module")
def corpus_docs(nlp, repo):
    return [item for item in extract_docs(read_inputs([repo / "corpus"]), nlp)
            if not hasattr(item, "message")]


def test_evidence_text_is_the_sentence_of_every_corpus_fact(corpus_docs):
    checked = 0
    for article, doc in corpus_docs:
        for fact in doc_to_record(doc).facts:
            ev = fact.evidence
            assert ev.text == sentence_of(doc, ev.start, ev.end), (article.id, fact)
            assert article.text[ev.text_start:ev.text_start + len(ev.text)] == ev.text
            claim = article.text[ev.start:ev.end]
            at = ev.start + len(claim) - len(claim.lstrip()) - ev.text_start   # trailing blanks aside
            assert ev.text[at:at + len(claim.strip())] == claim.strip()
            checked += 1
    assert checked > 100


def test_offsets_are_unchanged_by_the_sentence(run):
    text = "권순일 업스테이지 부사장은 말했다.\n\nSK텔레콤은 519B급 모델 'A.X K1'을 공개했다."
    (size,) = run(text).facts("parameters", "A.X K1")
    assert text[size.evidence.start:size.evidence.end] == "519B"
    assert size.evidence.text == "SK텔레콤은 519B급 모델 'A.X K1'을 공개했다."
    assert size.evidence.text_start == text.index("SK텔레콤")
