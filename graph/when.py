"""Ordering SPEC dates of mixed precision: `2026-01-15`, `2025-12`, `2025`, `2026-H1`, `2025-Q4`.

As strings they sort wrongly (`2025-H2` after `2025-12`), so the graph's timeline compares
the *period* a date names: its first and last day.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

_PATTERN = re.compile(r"^(\d{4})(?:-(?:(\d{1,2})(?:-(\d{1,2}))?|H([12])|Q([1-4])))?$")


@lru_cache(maxsize=1 << 16)  # a corpus says the same few hundred dates again and again
def period(text: str | None) -> tuple[date, date] | None:
    """The first and last day of the period a SPEC date names, or None if it is not one."""
    m = _PATTERN.match((text or "").strip())
    if not m:
        return None
    year = int(m[1])
    try:
        if m[3]:
            day = date(year, int(m[2]), int(m[3]))
            return day, day
        if m[2]:
            month = int(m[2])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        return None
    if m[4]:
        first = 1 if m[4] == "1" else 7
        return date(year, first, 1), date(year, first + 5, 30 if first == 1 else 31)
    if m[5]:
        first = 3 * int(m[5]) - 2
        last = first + 2
        return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])
    return date(year, 1, 1), date(year, 12, 31)


@lru_cache(maxsize=1 << 16)
def sort_key(text: str | None) -> tuple[date, int]:
    """Earlier periods first; of two starting the same day the longer (2025-H2 before 2025-07);
    non-dates last."""
    span = period(text)
    return (span[0], -span[1].toordinal()) if span else (date.max, 0)


def parse_bound(text: str | None, name: str) -> tuple[date, date] | None:
    """A `--since` / `--until` value, or a ValueError that says what is accepted."""
    if text is None:
        return None
    found = period(text)
    if found is None:
        raise ValueError(f"{name} {text!r} is not a date: use 2026-01-15, 2025-12, 2025, "
                         f"2026-H1 or 2025-Q4.")
    return found


def within(text: str | None, since: tuple[date, date] | None,
           until: tuple[date, date] | None) -> bool:
    """Whether the period `text` names overlaps [since, until] (open ends when None)."""
    span = period(text)
    if span is None:
        return since is None and until is None
    return (since is None or span[1] >= since[0]) and (until is None or span[0] <= until[1])
