"""Models named by their parts: variants (`A.X 3.0 라이트`), a maker's version (`딥시크 V3.1`), list items.

News writes a model as family, version, size and variant, often without quotes: `라마4 매버릭(51점)`,
`솔라 오픈의`, `딥시크(DeepSeek) V3.1 등`. In a list that names one model by its maker
(`메타 라마, 구글 젬마, 마이크로소프트 파이`), every other `MAKER NAME` item names a model too.
"""

from __future__ import annotations

import re

from hankg.data import wordset
from hankg.extract.entities.lexicon import Mention

TAILS = (
    *("보다", "처럼", "까지", "부터", "만큼", "으로", "에서", "에는"),
    *("은", "는", "이", "가", "을", "를", "의", "와", "과", "도", "로", "에", "만"),
)
NEXT_WORD = re.compile(r"^ ([가-힣A-Za-z]+)([- ]?\d+(?:\.\d+)?)?(?![\d.]?[A-Za-z0-9])(?!\s?소스)")
SCORED_WORD = re.compile(r"^ ([가-힣]{2,}|[A-Z][A-Za-z]+)(?=\(\s*\d)")
MAKER_VERSION = re.compile(r"^(\(([A-Za-z][A-Za-z .-]{0,20})\))?([ -])(V\d+(?:\.\d+)*|R\d+|\d+\.\d+)(?![\d.A-Za-z])")
MODEL_CUE = re.compile(r"^\s*(버전|모델|LLM|\(|등|,|·|과\s|와\s|[^.\n]{0,12}(모델|LLM))")
COUNTER = re.compile(r"^\s*(개|명|년|월|일|%|배|위|점|차|단계|장|대|종|곳|조|억|만|분기|세대|원|달러)")
LATIN_VERSIONED = re.compile(r"[A-Za-z][A-Za-z.]*-?\d+(?:\.\d+)*[A-Za-z]*")
# the second form starts a word (never inside one): a match from inside a word would end where
# one from the word's start does, so trying there only costs time
ITEM = re.compile(
    r"(?<=[,·]) ?([^,·\s()]+)(?=(?:\([^()]*\))?(?:[,·]|\s등))|(?<![^,·\s()])([^,·\s()]+)(?=(?:\([^()]*\))?[,·])"
)
PRODUCT = re.compile(r"^ ([가-힣]{2,}(?:[A-Z][A-Z0-9]*|\d+(?:\.\d+)?))(?:의)?\s(개발|모델|LLM|기반|시리즈)")
CODE = re.compile(r"[HBAL]\d{2,3}[A-Z]?|\d+[BMKT]|[A-Z]\d|B2[BC]|[A-Z]{1,2}\d{1,2}")  # GPUs (H100), sizes, B2B
ITEM_WORD = re.compile(r"^ ([가-힣A-Za-z][가-힣A-Za-z0-9.-]*)(?=,|·|\s등|$)")


def strip_tail(word: str, words: frozenset[str]) -> str | None:
    """`라이트의` → 라이트: the word without its particle, if it is one of `words`."""
    if word in words:
        return word
    return next((word[: -len(t)] for t in TAILS if word.endswith(t) and word[: -len(t)] in words), None)


def without_variant(name: str) -> str:
    """`누리 3.1 라이트` → 누리 3.1: a versioned name without the variant word after it."""
    head, _, last = name.rpartition(" ")
    return head if head and re.search(r"\d$", head) and last in wordset("model_variants") else name


def _versioned(m: Mention) -> bool:
    return bool(re.search(r"\d[A-Za-z]?$", m.name)) or m.rule.startswith("kb:")


def extend_variants(text: str, mentions: list[Mention]) -> None:
    """`A.X 3.0 라이트`, `솔라 오픈`, `라마4 매버릭(51점)`: the variant after a model is part of its name."""
    for m in mentions:
        if m.kind != "model" or not _versioned(m):
            continue
        nxt = NEXT_WORD.match(text[m.end : m.end + 20])
        var = strip_tail(nxt.group(1), wordset("model_variants")) if nxt else None
        if var is not None:
            number = nxt.group(2) or "" if var == nxt.group(1) else ""
            if number.startswith(" ") and COUNTER.match(text[m.end + 1 + len(var) + len(number) :]):
                number = ""  # `솔라 프로 2종`: a count, not a version
            m.end += 1 + len(var) + len(number)
        elif (
            re.search(r"\d[A-Za-z]?$", m.name)
            and (scored := SCORED_WORD.match(text[m.end : m.end + 20]))
            and scored.group(1) not in wordset("not_models") | {"모델", "버전"}
        ):
            m.end += len(scored.group())  # a list item `NAME VARIANT(51점)`: the whole item is the name
        else:
            continue
        m.name = text[m.start : m.end]
        if "+variant" not in m.rule:
            m.rule += "+variant"


def maker_versions(text: str, mentions: list[Mention]) -> list[Mention]:
    """`딥시크(DeepSeek) V3.1`, `딥시크-V3.1`: a maker's name followed by a version names its model."""
    out = []
    for o in mentions:
        if o.kind != "organization":
            continue
        v = MAKER_VERSION.match(text[o.end : o.end + 40])
        if v is None or COUNTER.match(text[o.end + v.end() :]):
            continue
        if v.group(4)[0].isdigit() and not MODEL_CUE.match(text[o.end + v.end() : o.end + v.end() + 16]):
            continue  # `딥시크 3.1버전`, `딥시크 3.1 등 모델` yes; `네이버 3.0 시대` no
        surface = text[o.start : o.end]
        name = surface + v.group(3) + v.group(4)
        ment = Mention(o.start, o.end + v.end(), "model", name, "rule:maker-version", prio=3)
        if v.group(2):
            ment.aliases.add(v.group(2).strip() + " " + v.group(4))
        out.append(ment)
    return out


def maker_products(text: str, mentions: list[Mention]) -> list[Mention]:
    """`네이버 하이퍼클로버X 개발`: a maker, then a Korean name with a Latin or numbered tail, then 개발/모델."""
    out = []
    for o in mentions:
        if o.kind != "organization":
            continue
        w = PRODUCT.match(text[o.end : o.end + 30])
        if w and not w.group(1).endswith("AI") and w.group(1) not in wordset("not_models"):
            s = o.end + 1
            out.append(Mention(s, s + len(w.group(1)), "model", w.group(1), "rule:maker-product", prio=1))
    return out


def listed_models(text: str, mentions: list[Mention]) -> list[Mention]:
    """`메타 라마, 구글 젬마, 마이크로소프트 파이 등`: `MAKER NAME` items listed with a model are models."""
    orgs = {m.end: m for m in mentions if m.kind == "organization"}
    models = {(m.start, m.end) for m in mentions if m.kind == "model"}
    seeds = [m for m in mentions if m.kind == "model" and m.start - 1 in orgs and text[m.start - 1] == " "]
    out = []
    seen = set()
    for org_end in sorted(orgs):
        w = ITEM_WORD.match(text[org_end : org_end + 24])
        if w is None:
            continue
        s, e = org_end + 1, org_end + len(w.group())
        word = w.group(1)
        if (s, e) in models or (s, e) in seen or word in wordset("not_models") or len(word) < 2:
            continue
        if not any(_same_list(text, seed, s, e) for seed in seeds):
            continue
        seen.add((s, e))
        out.append(Mention(s, e, "model", word, "rule:listed-model", prio=4))
    # a versioned Latin name listed beside a model: `해외 모델은 GPT-5.1, 제미나이 3 프로, …`
    anchors = [m for m in mentions if m.kind == "model"]
    taken = [(m.start, m.end) for m in mentions]
    for it in ITEM.finditer(text) if anchors else ():
        g = 1 if it.group(1) else 2
        s, e = it.span(g)
        word = it.group(g)
        if not LATIN_VERSIONED.fullmatch(word) or any(a < e and s < b for a, b in taken):
            continue
        if CODE.fullmatch(word):
            continue  # GPUs and sizes
        if any(_same_list(text, a, s, e) for a in anchors):
            out.append(Mention(s, e, "model", word, "rule:listed-model", prio=1))
    return out


def _same_list(text: str, seed: Mention, s: int, e: int) -> bool:
    """Seed and item are items of one comma list: short parts between them, no clause break."""
    a, b = (seed.end, s) if seed.end <= s else (e, seed.start)
    between = text[a:b]
    if re.search(r"[.\n!?]", between) or not re.search(r"[,·]", between):
        return False
    parts = [p.strip() for p in re.split(r"[,·]", between)]
    return all(len(p.split()) <= 3 for p in parts)


def name_bare_variants(mentions: list[Mention]) -> None:
    """`‘믿:음 2.0’ … 경량 모델 ‘미니(2.4B)’`: a variant named alone is a variant of the model written before it."""
    models = sorted((m for m in mentions if m.kind == "model"), key=lambda m: m.start)
    bare = [m.name in wordset("model_variants") for m in models]
    for i, m in enumerate(models):
        base = next((models[j] for j in range(i - 1, -1, -1) if not bare[j]), None)
        if bare[i] and base is not None:
            m.aliases.add(m.name)
            m.name = f"{base.name} {m.name}"
