"""The Doc → record step: every fact carries the sentence it was read from, offsets untouched."""

from __future__ import annotations

import pytest

from hankg.extract.pipeline import extract_docs
from hankg.extract.readers import read_inputs
from hankg.extract.records import doc_to_record


def continues(prev, sent) -> bool:
    """Kiwi split inside a sentence: the piece starts with a particle or an ending, same line."""
    first = next(t for t in sent if not t.is_space)
    gap = sent.doc.text[prev.start_char + len(prev.text.rstrip()):first.idx]
    return first.tag_.startswith(("J", "E", "XS", "VCP")) and "\n" not in gap


def sentence_of(doc, start: int, end: int) -> str:
    """The Kiwi sentence(s) holding text[start:end], from the Doc itself, whitespace trimmed;
    a piece that starts with a particle is read with the one before it."""
    claim = doc.text[start:end]
    start, end = start + len(claim) - len(claim.lstrip()), end - len(claim) + len(claim.rstrip())
    sents = [s for s in doc.sents if s.text.strip()]
    held = [i for i, s in enumerate(sents) if s.start_char < max(end, start + 1) and s.end_char > start]
    first, last = held[0], held[-1]
    while first > 0 and continues(sents[first - 1], sents[first]):
        first -= 1
    while last + 1 < len(sents) and continues(sents[last], sents[last + 1]):
        last += 1
    return doc.text[sents[first].start_char:sents[last].end_char].strip()


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


def test_a_piece_kiwi_split_off_at_a_quote_joins_its_sentence(run):
    text = "한빛AI는 새 모델을 발표했다.\n'누리 프로2'는 단 70억 파라미터 규모로 대형 모델과 겨룬다."
    (size,) = run(text).facts("parameters")
    assert size.evidence.text == "'누리 프로2'는 단 70억 파라미터 규모로 대형 모델과 겨룬다."
