"""Dates and periods, normalised per SPEC and resolved against the article's `published`.

`2026년 1월 15일` → 2026-01-15, `지난 15일` → the last 15th on or before publication,
`오는 12월` → the next December, `지난해 말` → (year-1)-12, `올해 상반기` → year-H1,
`상하반기` → both halves. Durations (`4개월`, `3년간`) and ages are not dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from hankg.extract import extensions  # noqa: F401
from hankg.extract.records import SPAN_ATTR

REL_YEAR = {
    "지난해": -1,
    "작년": -1,
    "전년": -1,
    "재작년": -2,
    "올해": 0,
    "올": 0,
    "금년": 0,
    "내년": 1,
    "이듬해": 1,
    "후년": 2,
}
PERIOD = {
    "상반기": "H1",
    "하반기": "H2",
    "1분기": "Q1",
    "2분기": "Q2",
    "3분기": "Q3",
    "4분기": "Q4",
    "말": "12",
    "연말": "12",
    "연초": "01",
    "초": "01",
}
_Y = r"(?:(?P<year>(?:19|20)\d{2})\s*년|(?P<rel>지난해|작년|전년|재작년|올해|금년|내년|이듬해|후년|올))"
_NOT_AFTER = r"(?![0-9가-힣]*(?:간|동안|째|차|대|만에|여간))"


def _starting(first: str, pattern: str) -> re.Pattern:
    """`pattern` behind a look-ahead for the characters its matches can start with: the same
    matches, but `re` turns every other position away at once instead of trying the optional
    prefixes and look-behinds there, two to three times faster over an article."""
    return re.compile(f"(?={first})(?:{pattern})")


_Y_FIRST = "[12지작전재올금내이후]"  # `_Y`: a year (19xx, 20xx) or a relative one
_RELM_FIRST = "[지이다내]"  # 지난달, 이달, 이번 달, 다음 달, 내달
_DIR_FIRST = r"[지오\d]"  # 지난, 오는 or the number itself

PATTERNS: list[tuple[str, re.Pattern]] = [
    (
        "iso",
        _starting(
            "19|20", r"(?<!\d)(?P<year>(?:19|20)\d{2})[.\-/]\s?(?P<month>\d{1,2})[.\-/]\s?(?P<day>\d{1,2})(?!\d)"
        ),
    ),
    (
        "ymd",
        _starting(
            _Y_FIRST,
            _Y + r"\s*(?P<month>\d{1,2})\s*월\s*(?P<day>\d{1,2})\s*일(?:\s*[~∼〜-]\s*(?P<day2>\d{1,2})\s*일)?(?!간)",
        ),
    ),
    ("ym", _starting(_Y_FIRST, _Y + r"\s*(?P<month>\d{1,2})\s*월(?!\s*\d{1,2}\s*일)")),
    (
        "y-period",
        _starting(
            _Y_FIRST,
            _Y + r"\s*(?P<period>상반기|하반기|[1-4]분기|연말|연초|말|초)"
            r"(?=$|[^가-힣]|까지|에|부터|의|께|쯤|경|로|을|이|은|엔|중|내)",
        ),
    ),
    (
        "rel-month-day",
        _starting(
            _RELM_FIRST,
            r"(?<![가-힣])(?P<relm>지난달|지난 달|이달|이번 달|이번달|다음 달|다음달|내달)\s*"
            r"(?P<day>\d{1,2})\s*일" + _NOT_AFTER,
        ),
    ),
    (
        "md",
        _starting(
            r"[지오다이\d]",
            r"(?:(?P<dir>지난|오는|다음\s?달|이번\s?달)\s*)?(?<!\d)(?P<month>\d{1,2})\s*월\s*"
            r"(?P<day>\d{1,2})\s*일(?:\s*[~∼〜-]\s*(?P<day2>\d{1,2})\s*일)?" + _NOT_AFTER,
        ),
    ),
    (
        "m",
        _starting(
            _DIR_FIRST, r"(?:(?P<dir>지난|오는)\s*)?(?<![\d.])(?P<month>\d{1,2})\s*월(?![가-힣]*(?:간|동안|째|분))"
        ),
    ),
    (
        "d",
        _starting(
            _DIR_FIRST,
            r"(?:(?P<dir>지난|오는)\s*)?(?<![\d.,~∼〜-])(?P<day>\d{1,2})\s*(?:일\s*)?"
            r"(?:[~∼〜-]\s*(?P<day2>\d{1,2})\s*)?일" + _NOT_AFTER + r"(?!\s*(?:간|동안|이내|이상|만))",
        ),
    ),
    (
        "rel-month",
        _starting(
            _RELM_FIRST,
            r"(?<![가-힣])(?P<relm>지난달|지난 달|이달|이번 달|이번달|다음 달|다음달|내달)(?:\s*(?P<period>초|말|중))?",
        ),
    ),
    ("rel-day", _starting("[전어이]", r"(?<![가-힣])(?P<reld>전날|어제|이튿날)(?![가-힣]{2})")),
    (
        "rel-y",
        _starting(
            "[지작올금내재]",
            r"(?<![가-힣])(?P<rel>지난해|작년|올해|금년|내년|재작년)(?!\s*(?:\d|상반기|하반기|말|초|연말|[1-4]분기))",
        ),
    ),
    (
        "y",
        _starting("19|20", r"(?<![\d.])(?P<year>(?:19|20)\d{2})\s*년(?!\s*\d{1,2}\s*월)(?![가-힣]*(?:간|동안|대))"),
    ),
    (
        "period",
        _starting(
            "[상연하1-4]",
            r"(?P<both>상하반기)|(?P<period>연말|연초|연내|상반기|하반기|[1-4]분기)(?![가-힣]*(?:간|동안))",
        ),
    ),
]


@dataclass
class DateHit:
    start: int
    end: int
    values: list[str | None]
    rule: str


def _year(m: re.Match, pub: date | None) -> int | None:
    if m.groupdict().get("year"):
        return int(m.group("year"))
    rel = m.groupdict().get("rel")
    if rel and pub:
        return pub.year + REL_YEAR[rel]
    return None


def _valid(y: int, mo: int, d: int | None = None) -> bool:
    try:
        date(y, mo, d or 1)
        return True
    except ValueError:
        return False


def _month_year(month: int, direction: str | None, pub: date) -> int:
    if direction == "지난":
        return pub.year if month <= pub.month else pub.year - 1
    if direction == "오는":
        return pub.year if month >= pub.month else pub.year + 1
    return pub.year


def _day_month(day: int, direction: str | None, pub: date) -> tuple[int, int]:
    """The month a bare day refers to: news speaks of the recent past or near future."""
    y, mo = pub.year, pub.month
    if direction == "오는":
        if day < pub.day:
            mo += 1
    elif day > pub.day + (0 if direction == "지난" else 3):
        mo -= 1
    if mo == 0:
        y, mo = y - 1, 12
    elif mo == 13:
        y, mo = y + 1, 1
    return y, mo


def find_dates(text: str, published: str | None) -> Iterator[DateHit]:
    """Every date the text states, in text order, longest reading first where they overlap."""
    pub = date.fromisoformat(published) if published else None
    taken: list[tuple[int, int]] = []
    hits: list[DateHit] = []
    for rule, pat in PATTERNS:
        for m in pat.finditer(text):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken):
                continue
            values = _normalise(rule, m, pub)
            if values is None:
                continue
            taken.append((s, e))
            hits.append(DateHit(s, e, values, f"rule:date-{rule}"))
    yield from sorted(hits, key=lambda h: h.start)


def _normalise(rule: str, m: re.Match, pub: date | None) -> list[str | None] | None:
    g = m.groupdict()
    if rule in ("iso", "ymd"):
        y = _year(m, pub)
        mo, d = int(g["month"]), int(g["day"])
        if y is None:
            return [None] if _valid(2000, mo, d) else None
        days = [d] + ([int(g["day2"])] if g.get("day2") else [])
        out = [f"{y:04d}-{mo:02d}-{x:02d}" for x in days if _valid(y, mo, x)]
        return out or None
    if rule == "ym":
        y, mo = _year(m, pub), int(g["month"])
        if not 1 <= mo <= 12:
            return None
        return [f"{y:04d}-{mo:02d}" if y else None]
    if rule == "y-period":
        y = _year(m, pub)
        p = PERIOD[g["period"]]
        return [f"{y:04d}-{p}" if y else None]
    if rule == "md":
        mo, d = int(g["month"]), int(g["day"])
        if not _valid(2000, mo, d):
            return None
        if pub is None:
            return [None]
        y = _month_year(mo, g.get("dir"), pub)
        days = [d] + ([int(g["day2"])] if g.get("day2") else [])
        return [f"{y:04d}-{mo:02d}-{x:02d}" for x in days if _valid(y, mo, x)] or None
    if rule == "m":
        mo = int(g["month"])
        if not 1 <= mo <= 12:
            return None
        return [f"{_month_year(mo, g.get('dir'), pub):04d}-{mo:02d}" if pub else None]
    if rule == "d":
        d = int(g["day"])
        if not 1 <= d <= 31:
            return None
        if pub is None:
            return [None]
        y, mo = _day_month(d, g.get("dir"), pub)
        days = [d] + ([int(g["day2"])] if g.get("day2") else [])
        return [f"{y:04d}-{mo:02d}-{x:02d}" for x in days if _valid(y, mo, x)] or None
    if rule == "y":
        return [g["year"]]
    if rule == "rel-y":
        return [f"{pub.year + REL_YEAR[g['rel']]:04d}" if pub else None]
    if rule in ("rel-month", "rel-month-day"):
        if pub is None:
            return [None]
        shift = {"지난달": -1, "지난 달": -1, "다음 달": 1, "다음달": 1, "내달": 1}.get(g["relm"], 0)
        y, mo = pub.year, pub.month + shift
        y, mo = (y - 1, 12) if mo == 0 else (y + 1, 1) if mo == 13 else (y, mo)
        if rule == "rel-month-day":
            return [f"{y:04d}-{mo:02d}-{int(g['day']):02d}"] if _valid(y, mo, int(g["day"])) else None
        return [f"{y:04d}-{mo:02d}"]
    if rule == "rel-day":
        if pub is None:
            return [None]
        shift = {"전날": -1, "어제": -1, "이튿날": 1}[g["reld"]]
        return [(pub + timedelta(days=shift)).isoformat()]
    if rule == "period":
        if g.get("both"):
            return [f"{pub.year:04d}-H1", f"{pub.year:04d}-H2"] if pub else [None]
        p = g["period"]
        if p == "연내":
            return [f"{pub.year:04d}" if pub else None]
        return [f"{pub.year:04d}-{PERIOD[p]}" if pub else None]
    return None


class DateRecognizer:
    """`hankg_dates`: `doc.spans["dates"]`; `span._.value` lists what the span states."""

    def __call__(self, doc: Doc) -> Doc:
        art = doc._.article
        spans, data = [], doc.user_data
        for hit in find_dates(doc.text, getattr(art, "published", None)):
            span = doc.char_span(hit.start, hit.end, label="DATE", alignment_mode="expand")
            if span is None:
                continue
            # `span._.value = …`, `span._.rule = …`, written where spaCy keeps them: no `Underscore` each
            data[(SPAN_ATTR, "value", span.start_char, span.end_char)] = hit.values  # `28일~29일` states two days
            data[(SPAN_ATTR, "rule", span.start_char, span.end_char)] = hit.rule
            spans.append(span)
        doc.spans["dates"] = spans
        return doc


@Language.factory("hankg_dates")
def make_dates(nlp: Language, name: str) -> DateRecognizer:
    return DateRecognizer()
