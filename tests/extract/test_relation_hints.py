"""The plain-word pre-tests of the relation cue patterns never miss a sentence the pattern matches."""

from __future__ import annotations

import re

import pytest

from hankg.extract.relations import base, partners, status_cues
from hankg.extract.relations.hints import hint, needles


def test_needles_of_alternatives_and_groups():
    assert needles(re.compile(r"탈락|고배")) == ["탈락", "고배"]
    # the longest word every match holds: `지원` (after a group of alternatives)
    assert needles(re.compile(r"(?:사업|공모)에\s*(?:재)?지원(?:했|한)")) == ["지원"]
    assert needles(re.compile(r"(?:곳|팀)[이가]\s*(?:지원|신청)했")) == ["지원", "신청"]
    assert needles(re.compile(r"(?<!불)참여\s*의사")) == ["참여"]
    assert needles(re.compile(r"(?:ab)+c?")) == ["ab"]


def test_no_word_no_hint():
    assert needles(re.compile(r"[가-힣]+")) is None
    assert needles(re.compile(r"gpu", re.I)) is None
    assert needles(re.compile(r"(?i:gpu)x")) == ["x"]
    assert hint(re.compile(r"탈락"), re.compile(r"\d+")).search("아무 말")  # matches everywhere


def test_hint_keeps_the_shortest_cover():
    assert hint(re.compile(r"지원서|지원"), re.compile(r"재지원")).pattern == "지원"


SENTENCES = [
    "A사는 1차 평가를 통과했다.",
    "B 컨소시엄은 문턱을 넘지 못했다.",
    "C가 이끄는 정예 개발팀이 꾸려졌다.",
    "D사는 공모에는 참여 의사를 밝혔다.",
    "E는 패자부활전에 도전했다.",
    "추가 정예팀 자리는 F에 돌아갔다.",
    "G와 H가 주관하는 컨소시엄으로 참여했다.",
    "최종 명단에 이름을 올렸다.",
    "I사는 새 모델을 공개했다.",
]


@pytest.mark.parametrize(
    "patterns",
    [
        [*(p for _, p in base.STATUS_WORDS), base.PARTICIPATION, base.RETRY, status_cues._RETURNED],
        [partners.JOINED_LEADS_CONSORTIUM],
        [base.PARTNER_VERBS, base.APPLICANT_LISTING, base.PROGRAMME, base.BUILD_VERBS],
    ],
)
def test_hint_never_misses(patterns):
    h = hint(*patterns)
    for s in SENTENCES:
        if any(p.search(s) for p in patterns):
            assert h.search(s), s


def test_hint_never_misses_in_the_corpus():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    lines = [
        line
        for folder in (root / "corpus", root / "tests" / "data" / "heldout")
        for f in sorted(folder.glob("*.txt"))
        for line in re.split(r"(?<=[.!?])\s+|\n", f.read_text(encoding="utf-8"))
    ]
    assert len(lines) > 100
    for patterns in ([p for _, p in base.STATUS_WORDS], [base.PARTNER_VERBS, partners.JOINED_LEADS_CONSORTIUM]):
        h = hint(*patterns)
        for s in lines:
            if any(p.search(s) for p in patterns):
                assert h.search(s), s
