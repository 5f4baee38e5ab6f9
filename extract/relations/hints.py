"""Cheap pre-tests for the cue patterns: the plain words one of which every match must hold.

Python's `re` tries a pattern that opens with a group (`(?:독파모|사업)에\\s*지원`) at every
position of a sentence; a search for plain words is many times faster. `hint(A, B)` finds
those words in the patterns' own syntax tree, so that it stays right when a pattern changes:
where it does not match, none of A, B can. A pattern with no such word (or ignoring case)
gets no hint: `hint` then matches everywhere.
"""

from __future__ import annotations

import re

try:  # `re`'s own parser and the opcodes of its syntax tree (private: without them, no hints)
    from re import _constants as sre
    from re import _parser

    _REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
except ImportError:  # pragma: no cover
    _parser = None  # type: ignore[assignment]


def _better(a: list[str] | None, b: list[str] | None) -> list[str] | None:
    """The more selective of two word sets: its shortest word longer, else fewer words."""
    if not a or not b:
        return a or b
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _required(seq) -> list[str] | None:
    """Words one of which every match of the parsed sequence holds, None when none is known."""
    best: list[str] | None = None
    run = ""  # consecutive literal characters: a substring of every match
    for op, av in seq:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        best, run = _better(best, [run] if run else None), ""
        if op is sre.BRANCH:  # each alternative must give one
            alternatives = [_required(a) for a in av[1]]
            if all(alternatives):
                best = _better(best, [w for a in alternatives for w in a])  # type: ignore[union-attr]
        elif op is sre.SUBPATTERN and not av[1] & sre.SRE_FLAG_IGNORECASE:
            best = _better(best, _required(av[3]))
        elif op in _REPEATS and av[0] >= 1:
            best = _better(best, _required(av[2]))
        elif op is sre.ATOMIC_GROUP:
            best = _better(best, _required(av))
        # a character class, an anchor, a look-around, an optional part: nothing it must hold
    return _better(best, [run] if run else None)


def needles(pattern: re.Pattern) -> list[str] | None:
    """The plain words one of which every match of `pattern` holds, None when it has none."""
    if _parser is None or pattern.flags & re.IGNORECASE:
        return None
    return _required(_parser.parse(pattern.pattern, pattern.flags))


def hint(*patterns: re.Pattern) -> re.Pattern:
    """A pattern that matches wherever any of `patterns` can (and in some places where none does)."""
    words: set[str] = set()
    for p in patterns:
        found = needles(p)
        if found is None:
            return re.compile("")
        words.update(found)
    kept = [w for w in words if not any(v != w and v in w for v in words)]  # `지원` covers `지원서`
    return re.compile("|".join(re.escape(w) for w in sorted(kept, key=lambda w: (-len(w), w))))
