"""Models: quoted names with 'model' words around them, versioned or sized names, versions of known ones.

A quote is a model when the words around it say so (모델, LLM, a size before or after it, a known family);
it is not when it is a rank (`‘1위’`), a headline clause, a description of kind words (`‘확산 기반 트랜스포머’`),
or the noun after it names something else (`‘아파치 2.0’ 라이선스`: `hankg/data/not_model_heads.txt`).
Unquoted: `GPT-5 모델`, `Gemma 27B`, `GLM-4.6(357B)`, `잠바 1.7 모델`. Variants, a maker's version and list
items are in `variants`.
"""

from __future__ import annotations

import re
from functools import cache

from hankg.data import wordset
from hankg.extract.entities.known import KnownActors
from hankg.extract.entities.lexicon import Mention, alias_ok, norm, suffix_title, title_of
from hankg.extract.entities.variants import CODE, strip_tail
from hankg.extract.words import Word

QUOTE = re.compile(r"'([^'\n]{1,40})'|‘([^’\n]{1,40})’|\"([^\"\n]{1,40})\"|“([^”\n]{1,40})”")
MODEL_AFTER = re.compile(
    r"^\s*(\(.{1,30}?\))?\s*(을|를|은|는|이|가|의|과|와)?\s*(후속|차세대|신규|새|최신|기존|대형|소형|경량|오픈소스|오픈\s?웨이트)?\s*"
    r"(AI\s*)?(초거대\s*|거대\s*)?"
    r"(모델|LLM|언어\s?모델|파운데이션|추론\s?모델|sLLM|멀티모달|버전|시리즈|크기|규모|파라미터|매개변수)"
)
MODEL_BEFORE = re.compile(r"(모델|LLM|언어\s?모델|AI|인공지능|챗봇|sLLM|모델\))\s*$")
VERSIONED = re.compile(
    r"(?<![A-Za-z0-9가-힣-])((?:[가-힣]{2,}-)?[A-Za-z][A-Za-z]*(?:[-.][A-Za-z0-9]+)*[- ]?\d+(?:\.\d+)?[A-Za-z]*"
    r"|[a-z]\d(?:-[a-z]+)?)(?![A-Za-z0-9])"
)
VERSION_TAIL = re.compile(
    r"^(\s*(?:\d+(?:\.\d+)?[A-Za-z]?|[A-Z]\d+(?:\.\d+)?|o\d|v\d+(?:\.\d+)?|"
    r"Pro|Flash|Mini|mini|Max|Turbo|Ultra|Open|오픈|프로|미니|플래시|\d+B))+"
)
MODEL_NEAR = re.compile(r"파라미터|매개변수|\d\s?B\b|\d+B급|모델|LLM|공개|출시|선보|버전|내놓|내놨")
FAMILY = re.compile(r"^(.*?[^\d.\s-])[- ]?\d+(?:\.\d+)?[A-Za-z]*(?:\s\d+)?$")
VERSIONED_BEFORE = re.compile(r"(모델|LLM|공개한|출시한|선보인|내놓은|개발한|발표한)\s*$")
NOT_MODEL_BEFORE = re.compile(
    r"(?<![가-힣])(솔루션|서비스|플랫폼|앱|애플리케이션|제품|칩|반도체|NPU|GPU|클러스터|데이터센터|프로그램|브랜드|"
    r"캠페인|행사|포럼|시스템|슬로건|구호|전략|주제|보고서)\S{0,2}\s*$"
)
SIZED_LATIN = re.compile(  # `Gemma 27B`, `GPT-OSS 120B`, `Mistral Small 24B`, `Llama 3.1 8B`: a name with its size
    r"(?<![A-Za-z0-9.-])[A-Z][A-Za-z]+(?:[- ](?:[A-Z][A-Za-z0-9]*|\d+(?:\.\d+)?)){0,2}[- ]\d+(?:\.\d+)?B(?![A-Za-z0-9])"
)
# `잠바 1.7 모델`; not `제조 2.0 모델`, `웹 3.0`: a round N.0 after a common noun is business jargon
HANGUL_VERSIONED = re.compile(r"(?<![가-힣A-Za-z0-9])([가-힣]{2,})[ -]?\d+\.(?!0(?![\d.]))\d+(?:\.\d+)?(?![\d.])")
GPU_HINT = re.compile(r"(GPU|엔비디아|NVIDIA|장|개|칩)")
SIZE_BEFORE = re.compile(r"(\d\s*[억조]|\d[BT])\s*(개\s*)?(의\s*)?(파라미터|매개변수)?\s*(의|규모의?)?\s*$")
SIZE_AFTER = re.compile(r"^(은|는|이|가)?\s*[–:-]?\s*\(?\d[\d.,]*\s*(억|조|[BT]\b)")
RANK = re.compile(r"^\d+(?:\.\d+)?\s*(위|점|등|차|배|%|파전|강|명|곳|개|년|월|일|분기|세대)$")
PAREN_AFTER = re.compile(r"\s*\(([^()]{1,60})\)")  # matched at a position: no `^`, which only anchors at 0
CLAUSE_WORD = re.compile(r"^[가-힣]{2,}(고|며|지만|면서|는데)$")

# the patterns `quoted_models` tries on every quote, compiled once
CLAUSE_END = re.compile(r"(다|요|까|죠|며|고|서)$")
BARE_SIZE = re.compile(r"[\d.,~\s]+[KMBT]?")
SIZE_FIRST = re.compile(r"^\d[\d.,]*\s*(조|억|만|[KMBT](?![A-Za-z]))")
VERSION_AFTER_FAMILY = re.compile(r"^[\s-]?[\dA-Za-z.]+")
PARTICLE_END = re.compile(r"\S(로|으로|을|를|에|의|는|은)$")
NAME_SIGN = re.compile(r"\d|[A-Za-z]{2,}")
SIZE_PART = re.compile(r"\d+(?:\.\d+)?\s?[BT]?\b")
SIZE_IN = re.compile(r"\d(?:\.\d+)?[BT]\b")
GENITIVE_END = re.compile(r"의\s*$")
NAME_AND_ALIAS = re.compile(r"^(.+?)\s*\(([^()]+)\)$")
NAME_GLOSS_INSIDE = re.compile(r"^([^()]+?)\(([A-Za-z][^()]*)\)([\s-].+)$")
LONG_HANGUL = re.compile(r"[가-힣]{4,}")
LATIN_FORM = re.compile(r"[A-Za-z][\w .:-]*")


def _not_a_name(inner: str, after: str) -> bool:
    """A quote that names no model: `‘1위’`, a headline clause, a description, `‘…’ 기술`."""
    words = inner.split()
    if RANK.match(inner) or any(CLAUSE_WORD.match(w) for w in words[:-1]):
        return True  # '1위', "대기업 빠지고 스타트업 2파전"
    if len(words) > 1 and not re.search(r"[\dA-Za-z]", inner) and any(w in wordset("not_models") for w in words[1:-1]):
        return True  # '확산 기반 트랜스포머': a description built of kind words
    head = re.match(r"^['’\"”]?\s*(?:\([^()]*\)\s*)?['’\"”]?\s*([가-힣]+)", after)
    return bool(head and strip_tail(head.group(1), wordset("not_model_heads")))  # ‘프롬 스크래치’ 방식


def _quotes(text: str):
    """Every quote, and the single quotes inside a quoted speech (`"… '별빛 3'을 학습했다"`)."""
    for m in QUOTE.finditer(text):
        yield m
        if m.group(3) is not None or m.group(4) is not None:
            yield from QUOTE.finditer(text, m.start() + 1, m.end() - 1)


def quoted_models(text: str, words: list[Word], known: KnownActors | None = None) -> list[Mention]:
    """'A.X K1', ‘K-엑사원’ 모델: quoted names where the words around say 'model'."""
    out = []
    families: set[str] = set()
    for m in _quotes(text):
        g = next(i for i in range(1, 5) if m.group(i) is not None)
        s, e = m.span(g)
        inner = m.group(g).strip()
        if not inner or len(inner.split()) > 4 or CLAUSE_END.search(inner):
            continue
        if _not_a_name(inner, text[m.end() : m.end() + 30]):
            continue
        if re.search(
            r"모델|플랫폼|프로젝트|서비스|솔루션|기술|전략|사업|벤치마크|리더보드|평가|컨퍼런스|회의|"
            r"토큰|서밋|포럼|행사|대회|엑스포|박람회|세미나|어워드|챌린지",
            inner,
        ):
            continue
        if BARE_SIZE.fullmatch(inner) or re.search(
            r"(?<![가-힣])(NPU|칩|반도체|GPU|가속기)\S{0,2}\s*$", text[max(0, m.start() - 16) : m.start()]
        ):
            continue
        after = text[m.end() : m.end() + 25]
        before = text[max(0, m.start() - 12) : m.start()]
        if SIZE_FIRST.match(inner):
            continue  # '1.2조 파라미터' is a size, not a name
        version_of_known = known is not None and any(
            inner.startswith(f) and inner != f and VERSION_AFTER_FAMILY.match(inner[len(f) :])
            for f in known.by_first.get(inner[0], ())
            if known.index[norm(f)][0] == "model"
        )
        shaped = len(inner) <= 24 and not any(
            PARTICLE_END.search(x) and x not in wordset("model_variants")  # 프로 is no 로
            for x in inner.split()[1:]
        )
        namelike = shaped and bool(NAME_SIGN.search(inner.replace("AI", "")))
        near = text[m.end() : m.end() + 40]
        if NOT_MODEL_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            continue  # 솔루션 '스톰', NPU '아톰': products, not models
        rest = SIZE_PART.sub(" ", inner).split()
        if rest and all(w in wordset("not_models") for w in rest):
            continue  # '글로벌 100B': a size with an adjective
        sized = bool(SIZE_IN.search(inner))
        sibling = any(inner.startswith(f + " ") or inner.startswith(f + "-") for f in families)
        if not (
            version_of_known
            or sibling
            or (namelike and sized)
            or MODEL_AFTER.match(after)
            or MODEL_BEFORE.search(before)
            or (shaped and (SIZE_BEFORE.search(text[max(0, m.start() - 24) : m.start()]) or SIZE_AFTER.match(after)))
            or (namelike and (GENITIVE_END.search(before) or MODEL_NEAR.search(near)))
        ):
            continue
        name, alias, width = inner, None, None
        pm = NAME_AND_ALIAS.match(inner)
        mid = NAME_GLOSS_INSIDE.match(inner)
        if pm:
            name, alias = pm.group(1).strip(), pm.group(2).strip()
        elif mid:  # `트리(Tri)-70B`, `큐웬(Qwen) 2.4`: the Latin form glossed inside the name
            name, alias, width = mid.group(1) + mid.group(3), mid.group(2) + mid.group(3), len(inner)
        if norm(name) in _not_model_keys() or len(norm(name)) < 2:
            continue
        start = s + (len(m.group(g)) - len(m.group(g).lstrip()))
        ment = Mention(start, start + (width or len(name)), "model", name, "rule:quoted-model", prio=2)
        fam = FAMILY.match(name)
        if fam and len(fam.group(1).strip(" -")) >= 2:
            families.add(fam.group(1).strip(" -"))
        if alias and alias_ok(alias) and not BARE_SIZE.fullmatch(alias):
            ment.aliases.add(alias)  # not `미니(2.4B)`: a size is no other name
        out.append(ment)
        tail = PAREN_AFTER.match(text, m.end())  # from the quote's end, without copying the rest of the text
        if tail and not LONG_HANGUL.search(tail.group(1)) and not RANK.match(tail.group(1)):
            form = tail.group(1).strip()
            if alias_ok(form):
                ment.aliases.add(form)
            if LATIN_FORM.fullmatch(form):  # `(HyperCLOVA X SEED 32B Think)`: the same model
                a = tail.start(1)
                out.append(Mention(a, a + len(tail.group(1)), "model", name, "rule:quoted-model-alias", prio=2))
    return out


def versioned_models(text: str) -> list[Mention]:
    """Latin names with a version, next to 모델/LLM: `GPT-5 모델`, `BADA-32B 모델`."""
    out = []
    for m in VERSIONED.finditer(text):
        s, e = m.span()
        name = m.group()
        if CODE.fullmatch(name):
            continue  # GPUs (H100, B200) and bare sizes are not models
        after = text[e : e + 20]
        before = text[max(0, s - 14) : s]
        if GPU_HINT.match(after.strip()[:3]) or "GPU" in before:
            continue
        sized = re.match(r"^\(\s*\d+(?:\.\d+)?\s*[BT]\s*\)", after)  # `GLM-4.6(357B)`: a name and its size
        if sized or MODEL_AFTER.match(after) or re.search(r"의\s*$", before) or VERSIONED_BEFORE.search(before):
            out.append(Mention(s, e, "model", name, "rule:versioned-model", prio=1))
    for m in HANGUL_VERSIONED.finditer(text):  # `잠바 1.7 모델이`: a Korean name, a dotted version, 모델
        if m.group(1) not in wordset("not_models") and MODEL_AFTER.match(text[m.end() : m.end() + 20]):
            out.append(Mention(m.start(), m.end(), "model", m.group(), "rule:versioned-model", prio=1))
    for m in SIZED_LATIN.finditer(text):
        if not GPU_HINT.match(text[m.end() : m.end() + 20].strip()[:3]):
            out.append(Mention(m.start(), m.end(), "model", m.group(), "rule:sized-latin-model", prio=1))
    return out


BARE_VERSION = re.compile(
    r"^[\s-]?(\d+(?:\.\d+)*B?|[A-Z]\d+(?:\.\d+)?)(?=$|[\s'’\"”),·(/]|은|는|이|가|을|를|의|와|과|도|로|에)"
)
COUNTER = re.compile(r"^\s*(개|명|년|월|일|%|배|위|차|단계|장|대|종|곳|조|억|만|분기|세대)")


def in_title(text: str, m: Mention) -> bool:
    """`엑사원랩장`: a known model's name inside a department's title is no mention of the model."""
    rest = re.match(r"[가-힣]+", text[m.end : m.end + 12])
    return bool(rest) and (title_of(rest.group()) is not None or suffix_title(rest.group()) is not None)


def extend_versions(text: str, mentions: list[Mention]) -> None:
    """Known models followed by a version (`K-엑사원 2는`), and names followed by version and 모델."""
    _extend_versions(text, mentions)
    for m in mentions:
        if m.kind != "model" or not m.rule.startswith("kb:"):
            continue
        v = BARE_VERSION.match(text[m.end : m.end + 12])
        if v and not COUNTER.match(text[m.end + len(v.group()) : m.end + len(v.group()) + 4]):
            m.end += len(v.group())
            m.name = text[m.start : m.end]
            m.rule = m.rule + "+version"


def _extend_versions(text: str, mentions: list[Mention]) -> None:
    """`엑사원 3.5 32B 모델`: a known model name followed by its version is that version."""
    for m in mentions:
        if m.kind != "model":
            continue
        v = VERSION_TAIL.match(text[m.end : m.end + 24])
        if v and v.group().strip() and MODEL_AFTER.match(text[m.end + len(v.group()) : m.end + len(v.group()) + 20]):
            m.end += len(v.group().rstrip())
            m.name = text[m.start : m.end]
            m.rule = m.rule + "+version"


@cache
def _not_model_keys() -> frozenset[str]:
    return frozenset(norm(x) for x in wordset("not_models"))


def drop_glosses(text: str, mentions: list[Mention]) -> list[Mention]:
    """`K-엑사원(EXAONE)`: a model named alone in the parenthesis right after a model glosses it,
    it is not a second model (`EXAONE` would otherwise be the family 엑사원)."""
    ends = {m.end for m in mentions if m.kind == "model"}
    return [
        m
        for m in mentions
        if not (
            m.kind == "model"
            and m.start > 0
            and text[m.start - 1] == "("
            and text[m.end : m.end + 1] == ")"
            and m.start - 1 in ends
        )
    ]
