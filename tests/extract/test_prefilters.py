"""The look-aheads the date and value patterns start with only make `re` faster.

`(?=…)` before a pattern names the characters its matches can start with; with it or
without it, every match (span and groups) must be the same, on news and on arbitrary text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hankg.extract.dates import PATTERNS
from hankg.extract.values import REPO_SIZE, VALUE

REPO = Path(__file__).resolve().parents[2]
WRAPPED = re.compile(r"\(\?=(?:\\.|\[[^\]]*\]|[^()\[\]])*\)\(\?:(?P<body>.*)\)", re.S)  # `_starting`'s shape

FRAGMENTS = [" 지난 15일", "오는 3월", "2025년 12월 3일", "2026.1.5", "올해 상반기", "지난달 말", "이번 달 2일",
             "다음달", "내달 1~2일", "전날", "어제", "이튿날", "작년", "재작년", "1분기", "상하반기", "연말",
             "3년간", "4개월", " 1000억", "519B", "~3000B", "1조8000억 개", "128K", "gpt-oss-120b",
             "236B-A23B", "1,000억(100B)", "5,000", "12.5T", "\n", " ", "·", "(", ")", "일", "월", "년"]
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=30).map("".join)


def _bare(pat: re.Pattern) -> re.Pattern:
    if pat.pattern.startswith(r"(?=\d)"):
        return re.compile(pat.pattern[len(r"(?=\d)") :], pat.flags)
    m = WRAPPED.fullmatch(pat.pattern)
    assert m, pat.pattern[:40]
    return re.compile(m["body"], pat.flags)


PAIRS = [(name, pat, _bare(pat)) for name, pat in [*PATTERNS, ("value", VALUE), ("repo-size", REPO_SIZE)]]


def _same(text: str) -> None:
    for name, fast, bare in PAIRS:
        got = [(m.span(), m.groupdict()) for m in fast.finditer(text)]
        want = [(m.span(), m.groupdict()) for m in bare.finditer(text)]
        assert got == want, (name, text)


def _news() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus").glob("*.txt"))]


def test_every_pattern_is_prefixed():
    assert all(fast.pattern != bare.pattern for _, fast, bare in PAIRS)


@pytest.mark.parametrize("text", _news() or ["업스테이지는 지난 15일 1000억 파라미터 모델을 공개했다."])
def test_same_matches_on_news(text):
    _same(text)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_same_matches_on_arbitrary_text(text):
    _same(text)
