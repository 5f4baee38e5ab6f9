"""The Kiwi tokenizer never loses or shifts text, and carries Kiwi's analysis into spaCy."""

from __future__ import annotations

import pickle
import unicodedata

import pytest
from spacy.tokens import Doc

from hankg.extract.tokenizer import KiwiTokenizer, get_kiwi

NFD = unicodedata.normalize("NFD", "업스테이지가 모델")
LONG = ("[한빛일보 정수아 기자] 다온랩은 519B급 초거대 모델 'A.X K1'을 공개했다.\n"
        "“인용”이라며 😀 웃었다.  두 칸 띄우고\t탭도\r\n") * 300
LONG = LONG[:20_000]

AWKWARD = {
    "latin-hangul": "SK텔레콤의",
    "number-latin-hangul": "519B급",
    "straight-quotes": "'A.X K1'",
    "curly-quotes": "“인용”",
    "byline-brackets": "[이데일리 김아름 기자]",
    "emoji": "😀🎉",
    "emoji-in-text": "모델 공개😀🎉 축하",
    "nfd-hangul": NFD,
    "nfd-mixed-with-nfc": NFD + " " + "업스테이지",
    "leading-spaces": "   업스테이지",
    "trailing-spaces": "업스테이지   ",
    "multiple-spaces": "업스테이지가    모델을   공개",
    "tabs": "업스테이지\t모델\t\t공개",
    "crlf": "첫 줄\r\n둘째 줄\r\n",
    "blank-lines": "문단 하나\n\n\n문단 둘\n",
    "zero-width-space": "업스테이지\u200b가 모델",
    "bom-char": "\ufeff업스테이지가 모델",
    "nbsp": "업스테이지\u00a0모델",
    "empty": "",
    "only-spaces": "    ",
    "only-newlines": "\n\n\n",
    "only-mixed-whitespace": " \t\r\n \n",
    "punctuation-run": "…!!??··—",
    "long-20k": LONG,
}


@pytest.fixture(params=list(AWKWARD.values()), ids=list(AWKWARD))
def awkward(request) -> str:
    return request.param


def test_doc_text_is_input(tokenizer, awkward):
    doc = tokenizer(awkward)
    assert doc.text == awkward
    assert Doc.text.__get__(doc) == awkward  # the tokens' own text, not the text the doc keeps
    assert doc[:].text_with_ws == awkward


def test_tokens_tile_the_text(tokenizer, awkward):
    """Offsets start where the previous token (and its space) ended: no gap, no overlap."""
    doc = tokenizer(awkward)
    pos = 0
    for tok in doc:
        assert tok.idx == pos, (tok.i, tok.text, tok.idx, pos)
        assert len(tok.text) > 0
        assert awkward[tok.idx:tok.idx + len(tok.text)] == tok.text
        pos = tok.idx + len(tok.text_with_ws)
    assert pos == len(awkward)


def test_long_text_has_many_tokens(tokenizer):
    doc = tokenizer(LONG)
    assert len(LONG) == 20_000
    assert len(doc) > 5_000
    assert sum(1 for t in doc if t.text == "다온랩") >= 200


@pytest.mark.parametrize(("text", "token", "tag"), [
    ("업스테이지가 모델", "업스테이지", "NNP"),
    ("업스테이지가 모델", "가", "JKS"),
    ("업스테이지가 모델", "모델", "NNG"),
    ("모델을 공개", "을", "JKO"),
    ("SK텔레콤의 모델", "의", "JKG"),
    ("519B급", "519", "SN"),
    ("519B급", "B", "SL"),
    ("모델을 발표했다.", "했", "XSV+EP"),  # overlapping morphemes fuse into one token
    ("모델을 발표했다.", ".", "SF"),
])
def test_kiwi_tags(tokenizer, text, token, tag):
    doc = tokenizer(text)
    assert (token, tag) in [(t.text, t.tag_) for t in doc]


def test_whitespace_tokens_are_tagged_as_space(tokenizer):
    doc = tokenizer("문단\n\n다음")
    assert [(t.text, t.tag_) for t in doc if t.is_space] == [("\n\n", "_SP")]


@pytest.mark.parametrize(("text", "lemma"), [
    ("발표했다", "발표"),
    ("모델을 만들었다", "만들다"),
    ("그는 웃으며 말했다", "웃다"),
])
def test_lemmas(tokenizer, text, lemma):
    assert any(lemma in t.lemma_ for t in tokenizer(text))


def test_verb_lemma_is_dictionary_form(tokenizer):
    made = next(t for t in tokenizer("모델을 만들었다") if t.tag_.startswith("VV"))
    assert (made.text, made.lemma_) == ("만들", "만들다")


@pytest.mark.parametrize(("text", "count"), [
    ("한 문장이다.", 1),
    ("첫 문장이다. 둘째 문장이다.", 2),
    ("첫 줄\n둘째 줄", 2),
    ("제목 한 줄\n\n본문 첫 문장이다. 본문 둘째 문장이다.", 3),
    ("첫 문장이다. 둘째 문장이다.\n셋째 줄\n넷째 줄", 4),
    ("첫 줄\r\n둘째 줄\r\n셋째 줄", 3),
])
def test_sentences_follow_kiwi_and_line_breaks(tokenizer, text, count):
    sents = [s for s in tokenizer(text).sents if s.text.strip()]
    assert len(sents) == count, [s.text for s in sents]


def test_a_line_break_always_starts_a_sentence(tokenizer):
    doc = tokenizer("다온랩은 모델을\n공개했다")
    first_after_break = next(t for t in doc if t.idx > doc.text.index("\n") and not t.is_space)
    assert first_after_break.is_sent_start


def test_nfd_text_gets_the_tags_of_nfc(tokenizer):
    nfc = "업스테이지가 새 모델을 공개했다."
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    a, b = tokenizer(nfc), tokenizer(nfd)
    assert b.text == nfd
    assert [t.tag_ for t in a] == [t.tag_ for t in b]
    assert [t.text for t in a] == [unicodedata.normalize("NFC", t.text) for t in b]


def test_tokenizer_pickles(tokenizer):
    again = pickle.loads(pickle.dumps(tokenizer))
    assert isinstance(again, KiwiTokenizer)
    text = "SK텔레콤의 'A.X K1' 모델"
    assert [(t.text, t.tag_) for t in again(text)] == [(t.text, t.tag_) for t in tokenizer(text)]


def test_tokenizer_serialises_to_nothing(tokenizer):
    """Nothing to save: the analyser is the process's Kiwi, loaded lazily."""
    assert tokenizer.from_bytes(tokenizer.to_bytes()) is tokenizer


def test_one_kiwi_per_process():
    assert get_kiwi() is get_kiwi()


def test_pipe_matches_call(tokenizer):
    texts = ["첫 기사", "", "  둘째\n기사  "]
    assert [d.text for d in tokenizer.pipe(texts)] == texts


def test_a_released_kiwi_is_built_again_on_next_use():
    from hankg.extract import tokenizer

    before = tokenizer.get_kiwi()
    tokenizer.release_kiwi()
    assert tokenizer._KIWI is None
    after = tokenizer.get_kiwi()
    assert after is not before
    assert [t.form for t in after.tokenize("모델을 공개했다")][:2] == ["모델", "을"]
