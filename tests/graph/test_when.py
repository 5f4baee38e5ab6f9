"""Dates of mixed precision order by the period they name."""

from __future__ import annotations

from datetime import date

import pytest

from hankg.graph.when import parse_bound, period, sort_key, within


@pytest.mark.parametrize(("text", "first", "last"), [
    ("2026-01-15", date(2026, 1, 15), date(2026, 1, 15)),
    ("2025-12", date(2025, 12, 1), date(2025, 12, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2025", date(2025, 1, 1), date(2025, 12, 31)),
    ("2026-H1", date(2026, 1, 1), date(2026, 6, 30)),
    ("2026-H2", date(2026, 7, 1), date(2026, 12, 31)),
    ("2025-Q4", date(2025, 10, 1), date(2025, 12, 31)),
    ("2025-Q1", date(2025, 1, 1), date(2025, 3, 31)),
])
def test_period(text, first, last):
    assert period(text) == (first, last)


@pytest.mark.parametrize("text", [None, "", "지난해 말", "2025-13", "2025-02-30", "2025-H3"])
def test_not_a_period(text):
    assert period(text) is None


def test_sorting_follows_time_not_spelling():
    texts = ["2025-H2", "2025-12", "2025-07-01", "2025", "2026-Q1", "unknown"]
    assert sorted(texts, key=sort_key) == ["2025", "2025-H2", "2025-07-01", "2025-12", "2026-Q1",
                                           "unknown"]
    assert sorted(["2025-07-01", "2025-07", "2025-Q3"], key=sort_key) == [
        "2025-Q3", "2025-07", "2025-07-01"]


def test_within_is_overlap():
    since, until = parse_bound("2025-12-15", "since"), parse_bound("2026-01", "until")
    assert within("2025-12", since, until)
    assert within("2026-H1", since, until)
    assert not within("2025-11", since, until)
    assert not within("2026-02-01", since, until)
    assert not within(None, since, until) and within(None, None, None)


def test_bad_bound_says_what_is_accepted():
    with pytest.raises(ValueError, match="2026-H1"):
        parse_bound("yesterday", "since")
