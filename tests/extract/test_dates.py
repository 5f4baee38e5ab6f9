"""Dates and periods, normalised per SPEC and resolved against `published`."""

from __future__ import annotations

import pytest

from hankg.extract.dates import find_dates

PUB = "2026-01-18"


def values(text: str, published: str | None) -> list[str | None]:
    return [v for hit in find_dates(text, published) for v in hit.values]


@pytest.mark.parametrize(("text", "published", "expected"), [
    # bare and directed days
    ("13일 발표했다", PUB, ["2026-01-13"]),
    ("지난 15일 발표했다", PUB, ["2026-01-15"]),
    ("오는 20일 공개한다", PUB, ["2026-01-20"]),
    ("28일~29일 열린다", "2026-01-26", ["2026-01-28", "2026-01-29"]),
    # months
    ("지난 8월 출범했다", PUB, ["2025-08"]),
    ("오는 12월 발표한다", PUB, ["2026-12"]),
    ("지난해 7월 시작됐다", PUB, ["2025-07"]),
    # year-relative periods
    ("지난해 말 공개했다", PUB, ["2025-12"]),
    ("올해 말까지 공개한다", PUB, ["2026-12"]),
    ("올해 상반기 중", PUB, ["2026-H1"]),
    ("내년 하반기에", PUB, ["2027-H2"]),
    ("연말 평가에서", PUB, ["2026-12"]),
    ("연내 공개", PUB, ["2026"]),
    ("상하반기 평가", PUB, ["2026-H1", "2026-H2"]),
    # absolute
    ("2026년 1월 15일 발표", PUB, ["2026-01-15"]),
    ("2025.08.04 공고", PUB, ["2025-08-04"]),
    ("2026-01-15 공고", PUB, ["2026-01-15"]),
    ("2025년 하반기 출시", PUB, ["2025-H2"]),
    ("2025년 4분기 실적", PUB, ["2025-Q4"]),
    ("2023년 설립된", PUB, ["2023"]),
    ("지난해 12월 30일 마감", PUB, ["2025-12-30"]),
    # year rollover
    ("지난 28일 발표했다", "2026-01-03", ["2025-12-28"]),
    ("지난 11월 발표했다", "2026-01-05", ["2025-11"]),
    ("오는 2월 발표한다", "2026-11-20", ["2027-02"]),
    ("오는 5일 발표한다", "2026-12-28", ["2027-01-05"]),
    ("지난해 12월 발표했다", "2026-01-02", ["2025-12"]),
    # several in one sentence, in text order
    ("지난 15일 발표하고 오는 12월 공개한다", PUB, ["2026-01-15", "2026-12"]),
])
def test_dates(text, published, expected):
    assert values(text, published) == expected


@pytest.mark.parametrize("text", [
    "4개월 동안 개발했다",
    "3년간 투자한다",
    "1년 반 만에 공개했다",
    "30대 연구원",
    "20억원을 투자했다",
    "3개월 안에",
    "1년차 스타트업",
    "15일간 진행된다",
    "3년 만에 복귀했다",
    "2주 뒤",
])
def test_not_dates(text):
    assert list(find_dates(text, PUB)) == []


@pytest.mark.parametrize("text", ["지난 15일", "13일", "오는 12월", "올해 상반기", "지난해 말",
                                  "연말", "상하반기"])
def test_relative_dates_without_published_stay_unresolved(text):
    hits = list(find_dates(text, None))
    assert len(hits) == 1
    assert hits[0].values and all(v is None for v in hits[0].values)


@pytest.mark.parametrize(("text", "expected"), [
    ("2026년 1월 15일", ["2026-01-15"]),
    ("2025.08.04", ["2025-08-04"]),
    ("2025년 하반기", ["2025-H2"]),
    ("2023년", ["2023"]),
])
def test_absolute_dates_need_no_published(text, expected):
    assert values(text, None) == expected


def test_hits_cover_the_stated_text():
    text = "과기정통부는 지난 15일 발표했고 올해 상반기에 2차 평가를 연다."
    hits = list(find_dates(text, PUB))
    assert [text[h.start:h.end] for h in hits] == ["지난 15일", "올해 상반기"]
    assert all(h.rule.startswith("rule:date-") for h in hits)


def test_dates_land_in_the_record(run):
    text = "다온랩은 지난 15일 모델을 공개했고, 4개월 뒤인 올해 상반기에 새 모델을 낸다."
    found = run(text, published=PUB)
    got = [(d.text, d.value, text[d.start:d.end]) for d in found.record.dates]
    assert got == [("지난 15일", "2026-01-15", "지난 15일"), ("올해 상반기", "2026-H1", "올해 상반기")]


def test_two_values_of_one_span_become_two_record_dates(run):
    found = run("평가는 28일~29일 열린다.", published="2026-01-26")
    assert [d.value for d in found.record.dates] == ["2026-01-28", "2026-01-29"]


def test_unresolved_dates_are_kept_with_no_value(run):
    found = run("다온랩은 지난 15일 모델을 공개했다.")
    assert [(d.text, d.value) for d in found.record.dates] == [("지난 15일", None)]
