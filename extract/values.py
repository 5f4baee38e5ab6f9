"""Numbers with units, classified: parameter counts versus tokens, context, money and GPUs.

`1000억(100B)` is one value stated twice; `2000~3000B` a range; `519B급`, `5000B 이상`,
`3000억 파라미터`, `5000억개` are parameter counts; `10T`→`15T` after 학습량 are tokens,
`128K` a context length, `70억원` money and `H100 512장` a GPU count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from hankg.extract import extensions  # noqa: F401
from hankg.extract.records import SPAN_ATTR

KO_UNIT = {"만": 1e4, "억": 1e8, "조": 1e12}
LATIN_UNIT = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def _ko(n: str, u: str, n2: str, u2: str) -> str:
    return (
        rf"(?P<{n}>{_NUM})\s*(?P<{n}k>천)?\s*(?P<{u}>[만억조])"
        rf"(?:\s*(?P<{n2}>{_NUM})\s*(?P<{n2}k>천)?\s*(?P<{u2}>[만억]))?"
    )


# `(?=\d)`: every value starts with a digit, and the look-ahead lets `re` turn every other
# position away at once instead of trying the look-behind and the optional range first (4x faster)
VALUE = re.compile(
    rf"(?=\d)(?<![A-Za-z0-9.,])(?:(?P<lo>{_NUM})\s*(?P<lo_u>[만억조KMBT])?\s*[~∼〜]\s*)?"
    rf"(?:{_ko('kn', 'ku', 'kn2', 'ku2')}|(?P<ln>{_NUM})\s?(?P<lu>[KMBT])(?![A-Za-z0-9]))"
    r"(?P<count>\s*개)?"
    rf"(?:\s*\(\s*(?:(?P<pn>{_NUM})\s?(?P<pu>[KMBT만억조])\s*(?:개)?|[^()]{{0,12}})\s*\))?"
)
PARAM_AFTER = re.compile(
    r"^\s*(개\s*)?(의\s*)?(급|규모|파라미터|매개변수|개\s*파라미터|모델|이상|수준|짜리|"
    r"초거대|대형|언어\s?모델|LLM|까지|로\s*추정|으로\s*추정|로\s*키|으로\s*키|정도)"
)
PARAM_BEFORE = re.compile(r"(파라미터|매개변수|모델|규모|크기)[^.,]{0,12}$")
TOKENS_CTX = re.compile(r"(토큰|학습량|학습\s*데이터|데이터\s*(양|량|규모)|데이터를|데이터로)")
CONTEXT_CTX = re.compile(r"(컨텍스트|문맥|context)", re.I)
REPO_SIZE = re.compile(r"(?=\d)(?<=[A-Za-z0-9]-)(\d+(?:\.\d+)?)b(?=-[A-Za-z]|(?![A-Za-z0-9.]))")
ACTIVE = re.compile(r"-A(\d+(?:\.\d+)?)B(?![A-Za-z0-9])")
VOCAB_CTX = re.compile(r"(어휘|단어|vocab)", re.I)
GPU_CTX = re.compile(r"^\s*(장|개|대)\b|^\s*(장|대)")
# compiled once here rather than looked up in `re`'s cache for every number
NOT_SIZE_AFTER = re.compile(r"^\s*(원|달러|엔|위안|명|건|배|%|퍼센트|시간|년|개월|일|회|대)")
WON_AFTER = re.compile(r"^\s*원")
TOKENS_AFTER = re.compile(r"^\s*(개의\s*)?토큰")
PARAMS_AFTER = re.compile(r"^\s*(개\s*)?(의\s*)?(파라미터|매개변수)")
GPU_BEFORE = re.compile(r"(GPU|H\d00|B\d00|A100|칩|NPU)[^.]{0,6}$")
GPU_AFTER = re.compile(r"^\s*(장|개의\s*GPU)")
PARAMS_NEAR = re.compile(r"(파라미터|매개변수)")
PARAMS_EARLIER = re.compile(r"(파라미터|매개변수)[^.\n]{0,80}$")


@dataclass
class Value:
    start: int
    end: int
    value: float
    max: float | None
    unit: str
    rule: str


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def _amount(m: re.Match) -> tuple[float, str] | None:
    if m.group("kn"):
        v = _num(m.group("kn")) * (1000 if m.group("knk") else 1) * KO_UNIT[m.group("ku")]
        if m.group("kn2"):
            v += _num(m.group("kn2")) * (1000 if m.group("kn2k") else 1) * KO_UNIT[m.group("ku2")]
        return v, m.group("ku")
    if m.group("ln"):
        return _num(m.group("ln")) * LATIN_UNIT[m.group("lu")], m.group("lu")
    return None


def find_values(text: str) -> Iterator[Value]:
    """Every number with a unit that could be a size, classified by the words around it."""
    found = sorted([*_latin_and_korean(text), *_in_repo_names(text)], key=lambda v: v.start)
    yield from found


def _in_repo_names(text: str) -> Iterator[Value]:
    """`Kanana-1.5-8b-instruct`, `gpt-oss-120b`: a lower-case size inside a hyphened model name."""
    for m in REPO_SIZE.finditer(text):
        yield Value(m.start(1), m.end(1) + 1, _num(m.group(1)) * 1e9, None, "params", "rule:value-name")


def _latin_and_korean(text: str) -> Iterator[Value]:
    last_params_end = -1000
    for m in VALUE.finditer(text):
        amount = _amount(m)
        if amount is None:
            continue
        value, unit = amount
        s, e = m.span()
        after = text[e : e + 16]
        before = text[max(0, s - 30) : s]
        if NOT_SIZE_AFTER.match(after) and not m.group("pn"):
            continue  # money, people, ratios: not sizes
        if unit in "만억조" and WON_AFTER.match(text[m.end("ku") : m.end("ku") + 3]):
            continue
        lo = m.group("lo")
        vmax = None
        if lo:
            lo_unit = m.group("lo_u") or unit
            scale = KO_UNIT.get(lo_unit) or LATIN_UNIT.get(lo_unit, 1.0)
            value, vmax = _num(lo) * scale, value
        kind = _classify(unit, text, s, e, before, after, bool(m.group("count")), bool(m.group("pn")))
        if kind is None and m.group("count") and unit in "억조" and s - last_params_end < 150:
            kind = "params"  # `… 1조 개에 이른다. GPT-4는 1조8000억 개로 추정된다`: the listing goes on
        if kind is None:
            continue
        if kind == "params" and value < 1e7:
            continue  # `어휘 15만 개`: no model worth a news story is this small
        if kind == "params":
            last_params_end = e
        yield Value(s, e, value, vmax, kind, f"rule:value-{'ko' if unit in '만억조' else 'latin'}")
        active = ACTIVE.match(text, e)
        if kind == "params" and active:  # `236B-A23B`: a mixture of experts, total and active
            a = _num(active.group(1)) * 1e9
            yield Value(active.start(1) - 1, active.end(), a, None, "params", "rule:value-active")


def _classify(
    unit: str, text: str, s: int, e: int, before: str, after: str, counted: bool, doubled: bool
) -> str | None:
    window = before[-16:]
    if CONTEXT_CTX.search(window) or unit == "K":
        return "context"
    if TOKENS_CTX.search(window) or TOKENS_AFTER.match(after):
        return "tokens"
    if VOCAB_CTX.search(window):
        return None  # a vocabulary size
    if PARAMS_AFTER.match(after):
        return "params"  # `GPU로 1000억 파라미터 규모의 모델을`: the word after says what is counted
    if GPU_BEFORE.search(before) or GPU_AFTER.match(after):
        return "gpus"
    if doubled and unit in "만억조":
        return "params"  # 1000억(100B): the model-size idiom
    if unit in "BT" or doubled:
        return "params" if unit == "B" or PARAM_AFTER.match(after) or PARAM_BEFORE.search(window) else None
    if unit == "M":
        return "params" if PARAM_AFTER.match(after) else None
    # Korean units: a parameter count only when the text says so
    if PARAMS_AFTER.match(after) or (counted and PARAM_BEFORE.search(window)):
        return "params"
    if PARAMS_NEAR.search(text[e : e + 12]) and unit in "억조":
        return "params"
    if counted and unit in "억조" and PARAMS_EARLIER.search(text[max(0, s - 80) : s]):
        return "params"  # `… 6710억 개 파라미터로 …, '키미 K2'는 1조 개에 이른다`
    return None


class ValueRecognizer:
    """`hankg_values`: `doc.spans["values"]`, labelled PARAMS / TOKENS / CONTEXT / GPUS."""

    def __call__(self, doc: Doc) -> Doc:
        spans, data = [], doc.user_data
        for v in find_values(doc.text):
            base = doc.char_span(v.start, v.end, alignment_mode="expand")
            if base is None:
                continue
            span = Span(doc, base.start, base.end, label=v.unit.upper())
            # `span._.value = …` and so on, written where spaCy keeps them: no `Underscore` each
            s, e = span.start_char, span.end_char
            data[(SPAN_ATTR, "value", s, e)] = v.value
            data[(SPAN_ATTR, "max", s, e)] = v.max
            data[(SPAN_ATTR, "unit", s, e)] = v.unit
            data[(SPAN_ATTR, "rule", s, e)] = v.rule
            spans.append(span)
        doc.spans["values"] = spans
        return doc


@Language.factory("hankg_values")
def make_values(nlp: Language, name: str) -> ValueRecognizer:
    return ValueRecognizer()
