"""gpus: a GPU count goes to the organisation its clause gives it to, and to nothing else."""

from __future__ import annotations

import pytest

PUB = "2026-06-12"


def gpus(found) -> set[tuple]:
    """(organisation name, chip, count, max, date) of every gpus fact."""
    return {
        (found.by_id[f.subject].name, f.role, f.value, f.max, f.date)
        for f in found.record.facts
        if f.relation == "gpus"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each member of a listed subject, when the count is distributed (씩)
        pytest.param(
            "독자 AI 파운데이션 모델 2차 단계에서 누리랩·다온소프트·한빛테크가 H200을 768장씩 받는다.",
            {
                ("누리랩", "H200", 768.0, None, None),
                ("다온소프트", "H200", 768.0, None, None),
                ("한빛테크", "H200", 768.0, None, None),
            },
            id="listing-subject-씩",
        ),
        # two chips in one clause are two claims
        pytest.param(
            "별빛소프트는 B200 256장에 H100 128장을 추가로 받는다.",
            {("별빛소프트", "B200", 256.0, None, None), ("별빛소프트", "H100", 128.0, None, None)},
            id="two-chips",
        ),
        # 천 / 만 and the clause's date
        pytest.param(
            "다온소프트는 오는 9월부터 GPU 2천장을 지원받는다.",
            {("다온소프트", "GPU", 2000.0, None, "2026-09")},
            id="천-and-date",
        ),
        pytest.param(
            "한빛테크는 클라우드 사업자로부터 H100 1만2000장을 빌렸다.",
            {("한빛테크", "H100", 12000.0, None, None)},
            id="만-and-the-lender-is-not-the-receiver",
        ),
        # given: the one it is given to, never the ministry that gives
        pytest.param(
            "과기정통부는 누리랩에 엔비디아 B200 1,024장을 배정했다.",
            {("누리랩", "B200", 1024.0, None, None)},
            id="dative-receiver",
        ),
        pytest.param(
            "누리랩과 다온소프트에는 각각 B200 1024장이 배정된다.",
            {("누리랩", "B200", 1024.0, None, None), ("다온소프트", "B200", 1024.0, None, None)},
            id="passive-각각",
        ),
        pytest.param("한빛테크에 H100 512장이 지원된다.", {("한빛테크", "H100", 512.0, None, None)}, id="passive"),
        # a date that modifies something else is not the claim's
        pytest.param(
            "누리랩은 지난해 12월 공개한 모델 학습에 H100 512장을 썼다.",
            {("누리랩", "H100", 512.0, None, None)},
            id="date-of-a-modifier",
        ),
        pytest.param(
            "누리랩은 지난해 12월 H100 512장을 받았다.",
            {("누리랩", "H100", 512.0, None, "2025-12")},
            id="date-of-the-clause",
        ),
        # an equivalence in parentheses is not a second claim
        pytest.param(
            "누리랩은 B200 512장(H100 1000장 수준)을 받는다.",
            {("누리랩", "B200", 512.0, None, None)},
            id="parenthesis",
        ),
        pytest.param("누리랩은 500~1000장의 GPU를 쓴다.", {("누리랩", "GPU", 500.0, 1000.0, None)}, id="range"),
        # the GPUs a team trained with
        pytest.param(
            "다온소프트는 B200 256장만으로 새 모델을 만들었다.",
            {("다온소프트", "B200", 256.0, None, None)},
            id="instrument",
        ),
        # the team word after the organisation carries its particle
        pytest.param(
            "과기정통부는 별빛소프트 컨소시엄에 H200 1024장을 배정했다.",
            {("별빛소프트", "H200", 1024.0, None, None)},
            id="consortium-dative",
        ),
        pytest.param("다온소프트 측은 H100 64장을 빌려 쓴다.", {("다온소프트", "H100", 64.0, None, None)}, id="측은"),
        # the GPUs a relative clause gives the team, stated as the predicate
        pytest.param(
            "누리랩이 올해 확보한 GPU는 H100 기준 2000장 수준이다.",
            {("누리랩", "H100", 2000.0, None, "2026")},
            id="relative-clause",
        ),
        pytest.param(
            "다온소프트는 GPU 1000장 확보에 성공했다.", {("다온소프트", "GPU", 1000.0, None, None)}, id="noun-확보"
        ),
    ],
)
def test_gpu_counts(run, text, expected):
    assert gpus(run(text, published=PUB)) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the giver, and teams the text does not name
        "정보통신산업진흥원은 3개 정예팀에 GPU 1만 장을 나눠 준다.",
        "과기정통부는 올해 GPU 1만 장을 확보했다.",
        # a total the listed teams share
        "누리랩과 다온소프트에 B200 2048장이 배정된다.",
        # prices, percentages, other things counted in 장
        "다온소프트는 GPU 1장에 4만 달러를 지불했다.",
        "누리랩은 GPU 사용률을 80%까지 끌어올렸다.",
        "한빛테크는 학습 데이터 1만 장을 모았다.",
        "한빛테크는 DGX B200 서버 32대를 도입했다.",
        # hosting and passing on, a hypothesis, a negation, another subject
        "한빛테크는 데이터센터에 GPU 3만 장을 구축해 정예팀에 공급한다.",
        '다온소프트 관계자는 "B200 1000장을 받으면 석 달이면 된다"고 말했다.',
        "누리랩은 올해 B200 512장을 받지 못했다.",
        "누리랩은 1차를 통과했고, 나머지 3개 팀은 H200을 256장씩 나눠 쓴다.",
        "누리랩은 GPU 1000장으로 100B 모델을 넉 달이면 학습할 수 있다고 본다.",
        "업계에서는 GPU 1000장으로 100B 모델을 학습하는 데 4개월가량 걸린다고 본다.",
        "과기정통부가 지원하는 GPU는 B200 512장이다.",
        "누리랩이 받는 GPU는 B200 512장보다 많다.",
    ],
)
def test_not_gpu_counts(run, text):
    assert gpus(run(text, published=PUB)) == set()


def test_gpu_evidence_spans_the_receiver_the_count_and_the_verb(run):
    text = "별빛소프트는 B200 256장을 받는다."
    found = run(text, published=PUB)
    (fact,) = [f for f in found.record.facts if f.relation == "gpus"]
    assert fact.unit == "gpus"
    assert fact.extractor == "rule:gpus-receive"
    assert text[fact.evidence.start : fact.evidence.end] == "별빛소프트는 B200 256장을 받는다"


def test_each_recipient_or_subject_its_own_count(run):
    """`A에 512장, B에 1024장을`, `A는 512장, B는 1024장을`: B's count is never A's, whether or not B is
    recognised."""
    found = gpus(run("과기정통부는 누리랩에 B200 512장, 다온소프트에 H200 1024장을 배정했다.", published=PUB))
    assert ("누리랩", "B200", 512.0, None, None) in found
    assert found <= {("누리랩", "B200", 512.0, None, None), ("다온소프트", "H200", 1024.0, None, None)}
    found = gpus(run("별빛소프트는 B200 512장, 누리랩은 H200 1024장을 받는다.", published=PUB))
    assert ("별빛소프트", "B200", 512.0, None, None) in found
    assert found <= {("별빛소프트", "B200", 512.0, None, None), ("누리랩", "H200", 1024.0, None, None)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quotation with no subject of its own: the speaker's organisation
        pytest.param(
            "김하늘 누리랩 대표는 \"H100 512장으로 '누리-7B'를 학습했다\"고 말했다.",
            {("누리랩", "H100", 512.0, None, None)},
            id="speaker-org-title",
        ),
        pytest.param(
            "김하늘 누리랩 대표는 이날 기자들과 만났다. 김 대표는 \"B200 256장을 받았다\"고 말했다.",
            {("누리랩", "B200", 256.0, None, None)},
            id="speaker-back-reference",
        ),
        pytest.param(
            '김하늘 누리랩 대표는 이날 기자들과 만났다. 김 대표는 "정예팀이 됐다면 더 빨랐을 것"이라면서도 '
            '"지금은 클라우드에서 H100 64장을 빌려 쓴다"고 말했다.',
            {("누리랩", "H100", 64.0, None, None)},
            id="speaker-of-an-earlier-quotation",
        ),
        pytest.param(
            '다온소프트는 "우리는 B200 512장을 받았다"고 밝혔다.',
            {("다온소프트", "B200", 512.0, None, None)},
            id="organisation-speaking",
        ),
        # the quotation's own subject, a government speaker, a condition
        pytest.param('김하늘 누리랩 대표는 "한빛테크가 H100 512장을 쓴다"고 말했다.', set(), id="quoted-subject"),
        pytest.param('류민호 과기정통부 국장은 "GPU 1만 장을 확보했다"고 말했다.', set(), id="government-speaker"),
        pytest.param('김하늘 누리랩 대표는 "H100 1000장이 있으면 충분하다"고 말했다.', set(), id="condition"),
    ],
)
def test_gpu_counts_in_quotations(run, text, expected):
    assert {g for g in gpus(run(text, published=PUB)) if g[0] != "한빛테크"} == expected
