"""Property tests (hypothesis): the normalisers and the whole extractor on arbitrary Unicode.

Never raises, every offset inside the text, every value finite, the same input twice gives
the same record. Examples are few for the whole pipeline (Kiwi takes milliseconds each).
"""

from __future__ import annotations

import math
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hankg
from hankg.extract.dates import find_dates
from hankg.extract.readers import normalise_date, without_surrogates
from hankg.extract.values import find_values
from hankg.scoring import norm

# Fragments of the kind news is made of, so arbitrary text reaches the rules, not only Kiwi.
FRAGMENTS = ["권순일", " 업스테이지", " 부사장은", " 지난 15일", " 올해 상반기", " 1000억", " 519B",
             "~3000B", " 파라미터", " '솔라 오픈 100B'", "(Upstage)", " 컨소시엄", " 과기정통부",
             " 기자", "\n", " 2025년 12월", "·", "\"", " 선정됐다.", " 탈락했다", " 1.2조", " 128K",
             " H100 512장", "[", "]", " 겸 ", "씨는"]
NO_SURROGATES = st.characters(blacklist_categories=("Cs",))
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(NO_SURROGATES, max_size=6)), max_size=25).map("".join)
DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-H[12]|-Q[1-4])?$")
PUBLISHED = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))


@given(st.text())
def test_norm_never_raises_and_leaves_no_space(s):
    out = norm(s)
    assert isinstance(out, str) and not any(c.isspace() for c in out)


@given(st.text())
def test_without_surrogates_keeps_the_length_and_leaves_none(s):
    out, n = without_surrogates(s)
    assert len(out) == len(s) and not re.search("[\ud800-\udfff]", out)
    assert n == sum("\ud800" <= c <= "\udfff" for c in s)
    out.encode("utf-8")


@given(st.one_of(st.text(), st.integers(), st.none(), st.dates().map(str)))
def test_normalise_date_gives_an_iso_day_or_nothing(value):
    out = normalise_date(value)
    assert out is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", out)


@given(TEXT, PUBLISHED)
def test_dates_lie_inside_the_text_and_are_normalised(text, published):
    for hit in find_dates(text, published):
        assert 0 <= hit.start < hit.end <= len(text)
        assert all(v is None or DATE_VALUE.match(v) for v in hit.values)


@given(TEXT)
def test_values_lie_inside_the_text_and_are_finite(text):
    for v in find_values(text):
        assert 0 <= v.start < v.end <= len(text)
        assert math.isfinite(v.value) and (v.max is None or math.isfinite(v.max))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, PUBLISHED)
def test_the_extractor_on_arbitrary_text(nlp, text, published):
    if not text.strip():
        return
    rec = hankg.extract_text(text, published=published, nlp=nlp)
    n = len(text)
    for ent in rec.entities:
        assert ent.name and all(0 <= s < e <= n for s, e in ent.mentions)
    for f in rec.facts:
        assert 0 <= f.evidence.start <= f.evidence.end <= n
        assert all(x is None or math.isfinite(x) for x in (f.value, f.max))
    for d in rec.dates:
        assert 0 <= d.start < d.end <= n and (d.value is None or DATE_VALUE.match(d.value))
    assert hankg.extract_text(text, published=published, nlp=nlp) == rec
