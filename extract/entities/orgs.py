"""Organisations: by their heads, in listings and consortium sentences, as bylines' outlets and model owners.

Each rule is a function over the article's words that returns the mentions it finds;
`org_rules` runs them in order, and later rules see what earlier ones found.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc

from hankg.data import wordset
from hankg.extract.entities.lexicon import (
    LATIN_ACRONYM,
    PARTNER_VERBS,
    TEAM_WORDS,
    Mention,
    is_person_name,
    is_proper,
    looks_like_org,
    title_of,
)
from hankg.extract.words import Word

QUOTED = re.compile(r"(['‘\"“])([^'’\"”\n]{2,30})(['’\"”])")
COLLECTIVES = ("연합", "얼라이언스", "협의체", "협의회", "연합체", "동맹")
COLLECTIVE_AFTER = re.compile(r"\s(" + "|".join(COLLECTIVES) + r")(?=$|[^가-힣]|[은는이가을를의에와과도로])")
ORG_CLASSES = ("기업", "기관", "업체", "스타트업", "회사", "플랫폼", "연구기관", "분석기관", "단체")
WORKED = re.compile(r"^(경력|근무|재직|일했|일한|몸담|활동했)")
BENCHMARK = re.compile(r"[A-Za-z]+(Bench|Eval|Arena|QA)$")
UNIT = re.compile(r"(연구원|연구소|연구실|연구센터|랩|센터|의료원|병원|연구단|사업단)$")
LIST_SEPARATORS = (",", "·", "ㆍ", "▲", "및", "/")
PARTNER = re.compile("|".join(map(re.escape, PARTNER_VERBS)))


def org_rules(doc: Doc, words: list[Word], found: list[Mention], source: str | None) -> list[Mention]:
    """Organisations by head, unit, bullet, acronym, outlet line, listing, partner subject and model owner."""
    text = doc.text
    out: list[Mention] = []
    out += _by_head(words)
    out += _glossed(text, words)
    out += _alliances(text, words)
    out += _appositives(text, words, found)
    out += _workplaces(words)
    out += _typed(text, words)
    out += _units(text, words, found)
    out += _bullets(words, {(m.start, m.end) for m in found})
    out += _acronym_heads(text, words, found)
    out += _outlets(text, words, source)
    out += _team_names(words)
    # sentences that speak of partners (컨소시엄, 참여, 담당…), read once for both rules that need them
    partner_sents = {i for i, (s, e) in enumerate(_sentences(doc)) if PARTNER.search(text, s, e)}
    out += _listings(text, words, [*found, *out], partner_sents)
    out += _partner_subjects(words, [*found, *out], partner_sents)
    out += _model_owners(text, words, found, [*found, *out])
    return out


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Each sentence's character span, from the tokenizer's columns when the Doc kept them."""
    columns = getattr(doc, "_hankg_columns", None)
    if not (columns and len(columns[0]) == len(doc)):
        return [(s.start_char, s.end_char) for s in doc.sents]
    texts, offsets, _, _, sent_of = columns
    if not sent_of:
        return []
    firsts = [bisect_left(sent_of, si) for si in range(sent_of[-1] + 1)]  # numbered 0, 1, … in order
    lasts = [k - 1 for k in firsts[1:]] + [len(sent_of) - 1]
    return [(offsets[a], offsets[b] + len(texts[b])) for a, b in zip(firsts, lasts, strict=True)]


def _org(a: Word, b: Word, text: str, rule: str, prio: int = 0, name: str | None = None) -> Mention:
    return Mention(a.core_start, b.core_end, "organization", name or text[a.core_start : b.core_end], rule, prio)


def _by_head(words: list[Word]) -> list[Mention]:
    """A word with an organisational head: 한빛AI연구원, 중소벤처기업부, 경찰청."""
    return [
        Mention(w.core_start, w.core_end, "organization", w.core, "rule:org-head")
        for w in words
        if not w.is_paren and looks_like_org(w)
    ]


def _team_names(words: list[Word]) -> list[Mention]:
    """`다온랩 정예팀은`, `누리칩스 팀이`, `미르소프트 컨소시엄의`: the proper noun a team is named by."""
    out = []
    for w, nxt in zip(words, words[1:], strict=False):
        if w.tail or nxt.gap_before != " " or nxt.core not in TEAM_WORDS or nxt.sent != w.sent:
            continue
        if is_proper(w) and not is_person_name(w) and len(w.core) >= 2:
            out.append(Mention(w.core_start, w.core_end, "organization", w.core, "rule:team-name"))
    return out


def _glossed(text: str, words: list[Word]) -> list[Mention]:
    """A gloss inside the name: `국가인공지능(AI)전략위원회` is 국가인공지능전략위원회, `네이버(NAVER)클라우드`."""
    out = []
    heads = wordset("org_heads")
    for a, b in zip(words, words[1:], strict=False):
        if not a.paren or a.tail or b.gap_before != "":
            continue
        headed = looks_like_org(b) or b.core in heads
        if headed and re.fullmatch(r"[가-힣]+", a.core):
            m = _org(a, b, text, "rule:glossed-name", prio=2, name=a.core + b.core)
            m.aliases.add(text[a.core_start : b.core_end])
            out.append(m)
    return out


def _alliances(text: str, words: list[Word]) -> list[Mention]:
    """A quoted name with a collective head: `'K-데이터 얼라이언스'`, `'K-휴머노이드' 연합`."""
    out = []
    for m in QUOTED.finditer(text):
        inner = m.group(2)
        last = inner.split()[-1] if inner.split() else ""
        after = COLLECTIVE_AFTER.match(text, m.end())  # at the quote's end, the rest of the text not copied
        if last in COLLECTIVES and len(inner.split()) >= 2:
            out.append(Mention(m.start(2), m.end(2), "organization", inner, "rule:alliance", prio=2))
        elif after and re.search(r"[가-힣A-Za-z]", inner) and len(inner) <= 20:
            end = after.end()
            name = f"{inner} {after.group(1)}"
            out.append(Mention(m.start(2), end, "organization", name, "rule:alliance", prio=2))
    return out


def _appositives(text: str, words: list[Word], found: list[Mention]) -> list[Mention]:
    """A proper name after the kind of organisation it is: `분석기관 '아티피셜 애널리시스'`.

    The class noun (…기업, …기관, 스타트업, 플랫폼인) introduces one name, or a listing of them
    (`중국 AI기업 지푸, 딥시크, 문샷`): each item is an organisation.
    """
    taken = {m.start for m in found}
    out = []
    for w in words:
        if w.tail not in ("", "인") or w.is_paren or not w.core.endswith(ORG_CLASSES):
            continue
        item: list[Word] = []
        k = w.i + 1
        if k < len(words) and k + 1 < len(words) and title_of(words[k + 1].core):
            continue  # `스타트업 홍길동 대표`: a person introduced by the firm's kind
        while k < len(words) and words[k].sent == w.sent:
            x = words[k]
            sep = x.gap_before.strip(" '‘’\"“”")
            if item and sep in (",", "·", "ㆍ"):
                out += _appositive_item(text, item, taken)
                item = []
            elif item and (sep or item[-1].tail):
                break
            elif not item and sep:
                break
            if not _nameish(x):
                break
            item.append(x)
            if x.tail:
                break
            k += 1
        out += _appositive_item(text, item, taken)
    return out


def _nameish(w: Word) -> bool:
    core = w.core
    if not core or w.is_paren or core in wordset("not_entities") or title_of(core) or core in wordset("org_heads"):
        return False
    if is_proper(w) or looks_like_org(w):
        return True
    return bool(re.fullmatch(r"[가-힣]{2,6}", core)) and w.oov


def _appositive_item(text: str, item: list[Word], taken: set[int]) -> list[Mention]:
    if not item or len(item) > 3 or item[0].core_start in taken:
        return []
    return [_org(item[0], item[-1], text, "rule:appositive", prio=1)]


def _workplaces(words: list[Word]) -> list[Mention]:
    """`삼성SDS에서 경력을 쌓았다`, `X에서 근무했다`: where someone works is an organisation."""
    out = []
    for w, nxt in zip(words, words[1:], strict=False):
        if w.tail in ("에서", "에서는") and is_proper(w) and WORKED.match(nxt.core + nxt.tail):
            if not is_person_name(w, strict=True):
                out.append(Mention(w.core_start, w.core_end, "organization", w.core, "rule:workplace"))
    return out


def _typed(text: str, words: list[Word]) -> list[Mention]:
    """A legal form and its names: `법무법인 세종`, and one form shared by several (`법무법인(린·세종)`)."""
    out = []
    org_types = wordset("org_types")
    for w, nxt in zip(words, [*words[1:], None], strict=False):
        if w.core not in org_types:
            continue
        if w.paren and w.paren_text:
            names = [n.strip() for n in re.split(r"[·ㆍ,/]", w.paren_text)]
            if len(names) >= 2 and all(re.fullmatch(r"[가-힣A-Za-z]{1,8}", n) for n in names):
                pos = text.index(w.paren_text, w.core_end)
                for n in names:
                    s = text.index(n, pos)
                    out.append(Mention(s, s + len(n), "organization", f"{w.core} {n}", "rule:shared-form", prio=2))
                    pos = s + len(n)
            continue
        if nxt is not None and not w.tail and nxt.gap_before == " " and re.fullmatch(r"[가-힣]{1,6}", nxt.core):
            if not title_of(nxt.core) and nxt.core not in wordset("not_entities"):
                out.append(_org(w, nxt, text, "rule:typed-name", prio=2))
    return out


def _units(text: str, words: list[Word], found: list[Mention]) -> list[Mention]:
    """A sub-unit named with its parent: `서울대 AI연구원`, `고려대학교 의료원`, `LG 글로벌AI센터`."""
    known_orgs = {(m.start, m.end) for m in found if m.kind == "organization"}
    out = []
    for a, b in zip(words, words[1:], strict=False):
        if a.tail or b.gap_before != " " or len(b.core) < 3 or not UNIT.search(b.core) or title_of(b.core):
            continue
        if (a.core_start, a.core_end) in known_orgs or looks_like_org(a):
            out.append(_org(a, b, text, "rule:org-unit", prio=1))
    return out


def _bullets(words: list[Word], taken: set[tuple[int, int]]) -> list[Mention]:
    """Bullet lists: `▲한빛AI연구원 '하늘 3.0' – 70B`."""
    return [
        Mention(w.core_start, w.core_end, "organization", w.core, "rule:bullet")
        for w in words
        if w.gap_before != " "
        and w.gap_before.strip().endswith(("▲", "△", "■", "◆"))
        and is_proper(w)
        and not is_person_name(w)
        and (w.core_start, w.core_end) not in taken
    ]


def _acronym_heads(text: str, words: list[Word], found: list[Mention]) -> list[Mention]:
    """Latin acronym + AI / 연구원 across a space: `NC AI`, `LG AI 연구원` (not `SKT AI 사업`: SKT is known)."""
    known = {(m.start, m.end) for m in found if m.kind == "organization" and m.rule.startswith("kb:")}
    return [
        _org(a, b, text, "rule:acronym-head")
        for a, b in zip(words, words[1:], strict=False)
        if b.core in ("AI", "연구원", "AI연구원")
        and not a.tail
        and b.gap_before == " "
        and LATIN_ACRONYM.match(a.core)
        and a.core not in wordset("not_orgs_latin")
        and (a.core_start, a.core_end) not in known
    ]


def _outlets(text: str, words: list[Word], source: str | None) -> list[Mention]:
    """News outlets: copyright lines, and the article's own source wherever it is named."""
    out = []
    by_start: dict[int, Word] | None = None
    for m in re.finditer(r"(?:ⓒ|©|Copyright\s*ⓒ?|저작권자\s*ⓒ?)\s*([^\s<>\[\]()ⓒ,.]{2,12})", text):
        s, e = m.span(1)
        if by_start is None:
            by_start = {w.core_start: w for w in words}
        w = by_start.get(s)
        if w is not None and (is_proper(w) or looks_like_org(w)) and m.group(1) not in ("Copyright", "All"):
            out.append(Mention(s, e, "organization", w.core, "rule:outlet"))
    if source and len(source) >= 2:
        for m in re.finditer(re.escape(source), text):
            out.append(Mention(m.start(), m.end(), "organization", source, "rule:source", prio=2))
    return out


def _items(words: list[Word]) -> list[list[list[Word]]]:
    """Enumerations in a sentence: groups of two or more items, an item one or more words (`에포크 AI`)."""
    groups: list[list[list[Word]]] = []
    group: list[list[Word]] = []
    prev: Word | None = None
    for w in words:
        gap = w.gap_before
        sep = "" if gap == " " else gap.strip()
        if prev is None or prev.sent != w.sent:
            pass
        elif (
            gap == " "
            and not prev.tail
            and (is_proper(prev) or prev.core_tags[:1] == ("SL",))
            and (is_proper(w) or w.core_tags[:1] == ("SL",))
            and not title_of(w.core)
        ):
            group[-1].append(w)  # one item of several words
            prev = w
            continue
        elif sep in LIST_SEPARATORS or (sep == "" and prev.tail in ("와", "과", "및")):
            group.append([w])
            prev = w
            continue
        if len(group) >= 2:
            groups.append(group)
        group = [[w]]
        prev = w
    if len(group) >= 2:
        groups.append(group)
    return groups


def _listings(text: str, words: list[Word], found: list[Mention], partner_sents: set[int]) -> list[Mention]:
    """Proper nouns in one enumeration with a known organisation, or in a consortium sentence.

    `컨소시엄에는 가온데이터, 누리칩스, 다온랩이 참여한다`; an item of several proper words is one name.
    """
    org_starts = {m.start for m in found if m.kind == "organization"}
    taken = {(m.start, m.end) for m in found}
    out = []
    for g in _items(words):
        has_org = any(w.core_start in org_starts for item in g for w in item)
        if not (has_org or g[0][0].sent in partner_sents):
            continue
        for item in g:
            first, last = item[0], item[-1]
            if any(w.core_start in org_starts or (w.core_start, w.core_end) in taken for w in item):
                continue
            if len(item) > 1:  # a name of several words: one Kiwi has never seen (에포크 AI), not `GPU 클러스터`
                if len(item) <= 3 and any(w.oov for w in item):
                    out.append(_org(first, last, text, "rule:listing"))
                    continue
                item = [first]
            if (
                is_proper(first)
                and not is_person_name(first, strict=True)
                and not title_of(first.core)
                and first.core not in wordset("org_heads")  # 모빌리티, 바이오: a field, not a firm
                and not BENCHMARK.fullmatch(first.core)  # LiveCodeBench: a benchmark
            ):
                out.append(Mention(first.core_start, first.core_end, "organization", first.core, "rule:listing"))
    return out


def _partner_subjects(words: list[Word], found: list[Mention], partner_sents: set[int]) -> list[Mention]:
    """`X가 데이터 수집, Y가 모델 최적화`: proper-noun subjects in a partner sentence."""
    if not partner_sents:
        return []
    org_starts = {m.start for m in found if m.kind == "organization"}
    return [
        Mention(w.core_start, w.core_end, "organization", w.core, "rule:partner-subject")
        for w in words
        if w.tail in ("가", "이", "는", "은", "와", "과", "도")
        and w.sent in partner_sents
        and is_proper(w)
        and not is_person_name(w)
        and w.core_start not in org_starts
    ]


def _model_owners(text: str, words: list[Word], models: list[Mention], found: list[Mention]) -> list[Mention]:
    """`X의 'MODEL'`: the owner of a model is an organisation."""
    org_starts = {m.start for m in found if m.kind == "organization"}
    model_starts = [m.start for m in models if m.kind == "model"]
    out = []
    for w in words:
        if w.tail != "의":
            continue
        ownerish = (
            is_proper(w)
            or looks_like_org(w)
            or (
                len(w.core) >= 2
                and w.core not in wordset("not_entities")
                and not title_of(w.core)
                and any(t in ("NNP", "SL") for t in w.core_tags)
            )
        )
        if ownerish and not is_person_name(w) and w.core_start not in org_starts:
            nxt = text[w.end : w.end + 6]
            if any(0 <= ms - w.end <= 3 for ms in model_starts) or nxt.lstrip().startswith(("'", "‘")):
                out.append(Mention(w.core_start, w.core_end, "organization", w.core, "rule:owner-of-model"))
    return out
