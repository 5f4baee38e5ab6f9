"""The entity component's shortcuts give what the spaCy calls and word tests they replace give.

The rules read token boundaries, sentence spans and entity tokens from the tokenizer's columns
instead of spaCy Tokens and Spans, and share word-test answers between words alike; each
shortcut is checked here against the slow form on real text.
"""

from __future__ import annotations

import re

import pytest
from spacy.util import filter_spans

from hankg.extract.entities import lexicon
from hankg.extract.entities.known import token_bounds
from hankg.extract.entities.orgs import _sentences
from hankg.extract.entities.resolve import _expand, _filter_spans, _occurrences
from hankg.extract.entities.variants import ITEM
from hankg.extract.words import words_of

TEXTS = [
    "[이데일리 김아름 기자] 윤서하 다온랩 대표는  이날 (56,100원 ▲300) 발표했다.\n\n"
    "컨소시엄에는 가온데이터, 누리칩스·다온랩이 참여한다. GPT-5.1, 제미나이 3 프로 등 모델을 썼다.",
    "LG AI연구원은 'K-엑사원 3.5'를 공개했다.  허깅 페이스(Hugging Face)의 클렘 들랑그 CEO는 말했다.\n",
    "  앞 공백과 줄바꿈\n\n뒤에도 공백  ",
]


@pytest.fixture(scope="module", params=range(len(TEXTS)))
def doc(request, nlp):
    return nlp.make_doc(TEXTS[request.param])


def test_token_bounds_from_columns_match_the_tokens(doc):
    bounds = token_bounds(doc)
    assert bounds.offsets == [t.idx for t in doc]
    assert bounds.ends == {t.idx + len(t) for t in doc}
    assert bounds.end_of == [t.idx + len(t) for t in doc]
    assert bounds.limit == len(doc.text)


def test_token_bounds_and_sentences_without_columns(doc):
    fast, sentences = token_bounds(doc), _sentences(doc)
    kept = doc._hankg_columns
    try:
        doc._hankg_columns = None  # a Doc the tokenizer's columns do not describe: read from its Tokens
        assert token_bounds(doc) == fast
        assert _sentences(doc) == sentences
    finally:
        doc._hankg_columns = kept


def test_sentences_from_columns_match_doc_sents(doc):
    assert _sentences(doc) == [(s.start_char, s.end_char) for s in doc.sents]


def test_expand_is_char_span_expand(doc):
    bounds = token_bounds(doc)
    n = len(doc.text)
    for start in range(n):
        for end in range(start + 1, n + 1):
            span = doc.char_span(start, end, alignment_mode="expand")
            assert _expand(bounds, start, end) == (None if span is None else (span.start, span.end)), (start, end)


def test_filter_spans_on_token_numbers(doc):
    from spacy.tokens import Span

    n = len(doc)
    spans = [(Span(doc, a, b, label="ORG"), a, b) for a in range(0, n, 2) for b in (a + 1, a + 3, a + 4) if b <= n]
    spans += [(Span(doc, a, a + 2, label="MODEL"), a, a + 2) for a in range(1, n - 2, 3)]
    assert [(s.start, s.end, s.label_) for s in _filter_spans(spans)] == [
        (s.start, s.end, s.label_) for s in filter_spans([s for s, _, _ in spans])
    ]


def test_item_pattern_is_the_plain_one():
    plain = re.compile(r"(?<=[,·]) ?([^,·\s()]+)(?=(?:\([^()]*\))?(?:[,·]|\s등))|([^,·\s()]+)(?=(?:\([^()]*\))?[,·])")
    samples = [*TEXTS, "a,b", ",x(y),z", "가,나·다 등", "ab(cd)ef,gh", "x((y)),", ",,, ,a,", "f(b)z(q),", "a)b,c"]
    for text in samples:
        assert [(m.span(), m.groups()) for m in ITEM.finditer(text)] == [
            (m.span(), m.groups()) for m in plain.finditer(text)
        ]


def test_shared_memos_answer_as_fresh_words(nlp):
    tests = [
        lexicon.is_proper,
        lexicon.looks_like_org,
        lexicon.title_word,
        lambda w: lexicon.is_person_name(w),
        lambda w: lexicon.is_person_name(w, strict=True),
        lambda w: lexicon.is_person_name(w, lenient=True),
    ]
    docs = [nlp.make_doc(t) for t in TEXTS]
    shared = [w for d in docs for w in words_of(d)]
    lexicon.share_memos(shared)
    shared_answers = [[t(w) for t in tests] for w in shared]
    fresh = [w for t in TEXTS for w in words_of(nlp.make_doc(t))]
    assert shared_answers == [[t(w) for t in tests] for w in fresh]


@pytest.mark.parametrize(
    ("name", "text"), [("aa", "aaaaa"), ("누리", "누리 3.1, 누리누리"), ("a.b", "a.b axb a.b"), ("x", "")]
)
def test_occurrences_are_finditer_of_the_escaped_name(name, text):
    assert list(_occurrences(name, text)) == [m.span() for m in re.finditer(re.escape(name), text)]
