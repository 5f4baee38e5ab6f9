"""Organisations, people and models, found by rules over Kiwi's analysis.

Korean news names people as `NAME ORG TITLE` (권순일 업스테이지 부사장은), in bylines and by
back-reference (권 부사장); organisations by their heads (…연구원, …위원회), by the ORG slot of
the person pattern, in consortium listings and by parenthesised aliases; models by quotes
and the words around them. Every mention keeps the rule that found it. Curated actors
(`hankg/data/actors.yaml`) give canonical names; recall on new names comes from the rules.

Besides `doc.ents`, the component leaves `doc.user_data["hankg.roles"]`: the (person, org,
title) triples the person patterns read, which `hankg_relations` turns into works_at facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from hankg.data import Actors, actors, by_length, wordset
from hankg.extract import extensions  # noqa: F401
from hankg.extract.words import Word, words_of
from hankg.schema import entity_id
from hankg.scoring import norm

HANGUL = re.compile(r"^[가-힣]+$")
TITLE_NUM = re.compile(r"^제?\d차관$")
LATIN_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,5}$")
STRONG_HEADS = (
    "기술원",
    "과학원",
    "자원부",
    "통신부",
    "기업부",
    "재정부",
    "교육부",
    "안전부",
    "국방부",
    "외교부",
    "법무부",
    "통일부",
    "환경부",
    "노동부",
    "복지부",
    "관광부",
    "가족부",
    "교통부",
    "수산부",
    "식품부",
    "연구원",
    "연구소",
    "위원회",
    "협회",
    "학회",
    "재단",
    "진흥원",
    "텔레콤",
    "랩스",
    "테크놀로지스",
    "대학교",
    "일보",
    "신문",
    "정보원",
    "연합회",
    "공사",
    "공단",
    "협력체",
    "기구",
)
DEPARTMENT = re.compile(r"(학과|공학과|학부|대학원|연구실|연구센터|본부|사업부|팀)$")
QUOTE = re.compile(r"'([^'\n]{1,40})'|‘([^’\n]{1,40})’|\"([^\"\n]{1,40})\"|“([^”\n]{1,40})”")
MODEL_AFTER = re.compile(
    r"^\s*(\(.{1,30}?\))?\s*(을|를|은|는|이|가|의)?\s*(후속|차세대|신규|새|최신|기존|대형|소형|경량)?\s*"
    r"(AI\s*)?(초거대\s*|거대\s*)?"
    r"(모델|LLM|언어\s?모델|파운데이션|추론\s?모델|sLLM|멀티모달|버전|시리즈|크기|규모|파라미터)"
)
MODEL_BEFORE = re.compile(r"(모델|LLM|언어\s?모델|AI|인공지능|챗봇|sLLM|모델\))\s*$")
VERSIONED = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z]*(?:[-.][A-Za-z0-9]+)*[- ]?\d+(?:\.\d+)?[A-Za-z]*"
    r"|[a-z]\d(?:-[a-z]+)?)(?![A-Za-z0-9])"
)
VERSION_TAIL = re.compile(
    r"^(\s*(?:\d+(?:\.\d+)?[A-Za-z]?|[A-Z]\d+(?:\.\d+)?|o\d|v\d+(?:\.\d+)?|"
    r"Pro|Flash|Mini|mini|Max|Turbo|Ultra|Open|오픈|프로|미니|플래시|\d+B))+"
)
PARTNER_VERBS = ("담당", "맡", "참여", "주도", "주관", "협력", "합류", "컨소시엄", "파트너", "지원한다", "구성")
MODEL_NEAR = re.compile(r"파라미터|매개변수|\d\s?B\b|\d+B급|모델|LLM|공개|출시|선보|버전|내놓|내놨")
FAMILY = re.compile(r"^(.*?[^\d.\s-])[- ]?\d+(?:\.\d+)?[A-Za-z]*(?:\s\d+)?$")
VERSIONED_BEFORE = re.compile(r"(모델|LLM|공개한|출시한|선보인|내놓은|개발한|발표한)\s*$")
NOT_MODEL_BEFORE = re.compile(
    r"(?<![가-힣])(솔루션|서비스|플랫폼|앱|애플리케이션|제품|칩|반도체|NPU|GPU|클러스터|데이터센터|프로그램|브랜드|"
    r"캠페인|행사|포럼|시스템|슬로건|구호|전략|주제|보고서)\S{0,2}\s*$"
)
HONORIFICS = ("씨", "군", "양", "옹")
GPU_HINT = re.compile(r"(GPU|엔비디아|NVIDIA|장|개|칩)")


@dataclass
class Mention:
    start: int
    end: int
    kind: str
    name: str
    rule: str
    prio: int = 0
    aliases: set[str] = field(default_factory=set)


@cache
def _titles() -> tuple[str, ...]:
    return by_length("titles")


def title_of(core: str) -> str | None:
    """`부사장` → 부사장, `제2차관` → 제2차관; None when the word is no title."""
    if core in wordset("titles") or TITLE_NUM.match(core):
        return core
    if (
        len(core) > 2
        and core[-1] in "이가은는을를의도와과로에"
        and (core[:-1] in wordset("titles") or TITLE_NUM.match(core[:-1]))
    ):
        return core[:-1]  # Kiwi sometimes reads the particle as a suffix: 랩장이 = 랩장 + 이
    return None


@cache
def suffix_title(core: str) -> str | None:
    """`산업AI정책관` ends with the title 정책관: the whole word is the title as written."""
    return next((t for t in by_length("titles") if len(t) >= 2 and core.endswith(t) and len(core) > len(t)), None)


def glued_title(core: str) -> tuple[str, str] | None:
    """`LG AI연구원장` style: an organisation with its head's title glued on.

    `…연구원장` → (…연구원, 원장), `…협회장` → (…협회, 회장), `…연구소장` → (…연구소, 소장).
    """
    if core.endswith("장") and len(core) >= 4:
        org = core[:-1]
        for head in ("연구원", "협회", "연구소", "재단", "진흥원", "학회", "연합회", "위원회", "공단", "공사"):
            if org.endswith(head):
                return org, ("위원장" if head == "위원회" else org[-1] + "장")
    return None


def is_person_name(word: Word, strict: bool = False, lenient: bool = False) -> bool:
    core = word.core
    if not HANGUL.match(core) or not 2 <= len(core) <= 4:
        return False
    if word.paren and not re.fullmatch(r"\s*\d{1,3}\s*세?\s*", word.paren_text or ""):
        return False  # 홍길동(45) is a name with an age; 업스테이지(Upstage) is not a name
    if core in wordset("not_entities") or title_of(core) or core in wordset("titles"):
        return False
    surnames = wordset("surnames")
    if not (core[0] in surnames or core[:2] in surnames) or core in surnames:
        return False
    head = org_head(core)
    if head and (head in STRONG_HEADS or head == "대" or len(core) >= 4):
        return False  # 동해대, 한결과학기술원: organisations, not names
    proper = word.oov or any("NNP" in t for t in word.core_tags)
    if len(core) == 2 or strict:
        return all("NNP" in t for t in word.core_tags) or (word.oov and len(core) > 2)
    return lenient or proper or not all(t.startswith("NN") for t in word.core_tags)


@cache
def org_head(core: str) -> str | None:
    for head in by_length("org_heads"):
        if core.endswith(head) and len(core) > len(head):
            return head
    return None


def looks_like_org(word: Word) -> bool:
    """A proper-noun word with an organisational head (한빛AI연구원, 중소벤처기업부)."""
    core = word.core
    if core in wordset("not_entities") or title_of(core) or len(core) < 2:
        return False
    head = org_head(core)
    if head is None:
        return False
    prefix = core[: -len(head)]
    if not prefix.strip() or (prefix in wordset("not_entities") and head not in STRONG_HEADS and head != "대"):
        return False
    if head in STRONG_HEADS:
        return len(prefix) >= 2 or any(t in ("NNP", "SL") for t in word.core_tags)
    if head == "AI":
        return (
            HANGUL.match(prefix) is not None
            and len(prefix) >= 2
            and any(t == "NNP" for t in word.core_tags)
            and prefix not in wordset("not_models")
        )
    return any(t == "NNP" for t in word.core_tags) and not is_person_name(word, strict=True)


def is_proper(word: Word) -> bool:
    """A bare proper noun: Kiwi's NNP (or a Latin name), not a place, title or person."""
    core = word.core
    if not core or core in wordset("not_entities") or title_of(core) or word.is_paren:
        return False
    if all(t == "SL" for t in word.core_tags):
        return (
            LATIN_ACRONYM.match(core) is not None
            and core not in wordset("not_orgs_latin")
            or (core[:1].isupper() and len(core) >= 3 and any(c.islower() for c in core))
        )
    if word.oov and len(core) >= 2 and HANGUL.match(core):
        return True  # a word Kiwi does not know is most likely a name
    return (
        all(t in ("NNP", "SL", "SN") for t in word.core_tags)
        and any(t == "NNP" for t in word.core_tags)
        and len(core) >= 2
    )


class KnownActors:
    """Finds the curated actors' names and aliases: longest form first, on token boundaries."""

    def __init__(self, table: Actors):
        self.index: dict[str, tuple[str, str]] = {}
        self.by_first: dict[str, list[str]] = {}
        for kind, group in (("model", table.models), ("organization", table.orgs)):
            for name, aliases in group.items():
                for form in [name, *aliases]:
                    key = norm(form)
                    if not key:
                        continue
                    self.index.setdefault(key, (kind, name))
                    self.by_first.setdefault(form[0], []).append(form)
        for forms in self.by_first.values():
            forms.sort(key=lambda f: (-len(f), f))
        self.table = table

    def lookup(self, name: str) -> tuple[str, str] | None:
        return self.index.get(norm(name))

    def find(self, doc: Doc) -> list[Mention]:
        ends = {t.idx + len(t) for t in doc}
        text = doc.text
        out = []
        pos = 0
        for tok in doc:
            if tok.idx < pos:
                continue
            for form in self.by_first.get(text[tok.idx], ()):
                e = tok.idx + len(form)
                if e in ends and text.startswith(form, tok.idx):
                    kind, name = self.index[norm(form)]
                    out.append(Mention(tok.idx, e, kind, name, "kb:actors", prio=3))
                    pos = e
                    break
        return out


@cache
def _known(extra: tuple[str, ...]) -> KnownActors:
    return KnownActors(actors(extra))


def _span(word: Word) -> tuple[int, int]:
    return word.core_start, word.core_end


def _strip_ticker(alias: str) -> str:
    return re.sub(r"\s*\(\d{6}\)\s*$", "", alias).strip()


def _alias_ok(alias: str) -> bool:
    alias = alias.strip()
    return (
        1 < len(alias) <= 30
        and not re.search(r"[\d,]+원|%|▲|▼|\d{6}|=|기자", alias)
        and not alias.isdigit()
        and len(alias.split()) <= 4
    )


class PersonRules:
    """NAME ORG* TITLE, [OUTLET NAME 기자], and back-references resolved to the full name."""

    def __init__(self, words: list[Word], source: str | None):
        self.words = words
        self.source = source
        self.mentions: list[Mention] = []
        self.roles: list[dict] = []
        self.people: list[tuple[int, str, str | None]] = []  # (pos, name, title)
        self.used: set[int] = set()  # word indices a pattern consumed (org and title words)

    def title_at(self, j: int) -> tuple[str, int] | None:
        """The title starting at word j and how many words it spans."""
        w = self.words[j]
        if j + 1 < len(self.words) and not w.tail and self.words[j + 1].gap_before == " ":
            two = f"{w.core} {self.words[j + 1].core}"
            if two in wordset("titles"):
                return two, 2
        t = title_of(w.core)
        if t:
            return t, 1
        if (
            not looks_like_org(w)
            and not glued_title(w.core)
            and HANGUL.match(w.core.replace("AI", ""))
            and w.core[-1] != "원"
            and suffix_title(w.core)
        ):
            return w.core, 1
        return None

    def run(self) -> None:
        words = self.words
        for i, w in enumerate(words):
            if w.is_paren or i in self.used:
                continue
            if (
                i > 0
                and self.title_at(i - 1)
                and words[i - 1].tail in ("", "인", "이던", "인 ")
                and w.gap_before == " "
                and words[i - 1].sent == w.sent
                and is_person_name(w)
                and not (i + 1 < len(words) and self.title_at(i + 1) and words[i + 1].gap_before == " ")
                and len(w.core) >= 3
            ):
                self._title_name(i)  # 카카오 CTO 홍길동은
                continue
            if w.tail:
                continue
            if len(w.core) <= 2 and w.core in wordset("surnames") and i + 1 < len(words):
                self._backref(i)
                continue
            titled = i + 1 < len(words) and self.title_at(i + 1) is not None and words[i + 1].gap_before == " "
            honorific = i + 1 < len(words) and words[i + 1].core in HONORIFICS and words[i + 1].gap_before == " "
            if not is_person_name(w, lenient=titled or honorific):
                continue
            if honorific and not titled:
                self.mentions.append(Mention(w.core_start, w.core_end, "person", w.core, "rule:name-honorific", prio=2))
                self.people.append((w.core_start, w.core, None))
                continue
            if w.core[-1] in "구군시동읍면" and i > 0 and words[i - 1].core in wordset("not_entities"):
                continue  # 대전 유성구: a district, not a name
            self._name_org_title(i)

    def _name_org_title(self, i: int) -> None:
        words = self.words
        org_words: list[Word] = []
        j = i + 1
        while j < len(words) and j <= i + 6 and words[j].sent == words[i].sent:
            w = words[j]
            if w.gap_before.strip() not in ("",) and not w.is_paren:
                break
            title = self.title_at(j)
            if title:
                end_w = words[j + title[1] - 1]
                k = j + title[1]
                if not org_words and not end_w.tail and k + 2 < len(words) and words[k].core == "겸":
                    more, t2 = [], None
                    for x in words[k + 1 : k + 6]:
                        t2 = self.title_at(x.i)
                        if t2 or x.tail:
                            break
                        more.append(x)
                    if t2 and more:
                        last = words[x.i + t2[1] - 1]
                        self._add(i, more, t2[0], last.core_end, last)
                        return
                self._add(i, org_words, title[0], end_w.core_end, end_w)
                return
            glued = glued_title(w.core)
            if glued and not w.is_paren:
                org_name, role = glued
                org_span = (org_words[0].core_start if org_words else w.core_start, w.core_start + len(org_name))
                self._add(i, org_words, role, w.core_end, w, glued_org=org_span)
                return
            if w.is_paren:
                j += 1
                continue
            if w.tail or len(org_words) >= 4 or w.core in ("등", "및", "외", "겸"):
                break
            org_words.append(w)
            j += 1

    def _org_before(self, i: int) -> tuple[int, int] | None:
        """Up to three organisation-like words right before word i: `LG AI연구원 이진식 랩장`."""
        words = self.words
        k = i
        while k > 0 and i - k < 3:
            w = words[k - 1]
            if w.tail or w.is_paren or w.sent != words[i].sent or words[k].gap_before != " ":
                break
            latin = bool(w.core_tags) and w.core_tags[0] == "SL" and w.core not in wordset("not_orgs_latin")
            if not (is_proper(w) or looks_like_org(w) or latin):
                break
            if is_person_name(w, strict=True) or title_of(w.core):
                break
            k -= 1
        return (words[k].core_start, words[i - 1].core_end) if k < i else None

    def _title_name(self, i: int) -> None:
        """`ORG TITLE NAME`: the title before the name, the organisation before the title."""
        words = self.words
        title_w = words[i - 1]
        title = (self.title_at(i - 1) or (title_w.core, 1))[0]
        org = self._org_before(i - 1)
        name_w = words[i]
        rule = "rule:org-title-name"
        self.mentions.append(Mention(name_w.core_start, name_w.core_end, "person", name_w.core, rule, prio=2))
        if org:
            text = name_w.doc_text[org[0] : org[1]]
            self.mentions.append(Mention(org[0], org[1], "organization", text, rule + ":org", prio=1))
        self.roles.append(
            {
                "person": name_w.core,
                "person_start": name_w.core_start,
                "org": org,
                "org_name": None,
                "title": title,
                "start": org[0] if org else title_w.core_start,
                "end": name_w.core_end,
                "rule": rule,
            }
        )
        self.people.append((name_w.core_start, name_w.core, title))

    def _add(
        self,
        i: int,
        org_words: list[Word],
        title: str,
        end: int,
        title_word: Word,
        glued_org: tuple[int, int] | None = None,
    ) -> None:
        words = self.words
        name_w = words[i]
        while org_words and DEPARTMENT.search(org_words[-1].core):
            org_words = org_words[:-1]
        if any(title_of(w.core) or (len(w.core) > 2 and is_person_name(w, strict=True)) for w in org_words):
            return
        self.used.update(range(i + 1, title_word.i + 1))
        if org_words and not any(
            is_proper(w) or looks_like_org(w) or any(t in ("NNP", "SL") for t in w.core_tags) for w in org_words
        ):
            org_words = []
        org: tuple[int, int] | None = glued_org
        if org is None and org_words:
            org = (org_words[0].core_start, org_words[-1].core_end)
        rule = "rule:name-org-title" if org else "rule:name-title"
        if (
            org is None
            and i > 0
            and words[i - 1].gap_before.rstrip().endswith(("[", "("))
            and words[i].gap_before.strip() in ("", "=")
            and not words[i - 1].tail
        ):
            org = _span(words[i - 1])  # [이데일리 김아름 기자]
            rule = "rule:byline"
        elif (
            org is None
            and i > 0
            and words[i].gap_before.strip() == "="
            and not words[i - 1].tail
            and words[i - 1].gap_before.rstrip().endswith(("[", "("))
        ):
            org = _span(words[i - 1])  # [데일리안 = 조인영 기자]
            rule = "rule:byline"
        elif org is None and not title.endswith("기자") and (before := self._org_before(i)):
            org = before  # 업스테이지 김성훈 대표는
            rule = "rule:org-name-title"
        elif (
            org is None
            and title.endswith("기자")
            and i > 0
            and not words[i - 1].tail
            and ("\n" in words[i - 1].gap_before or words[i - 1].i == 0)
            and words[i].gap_before == " "
            and (is_proper(words[i - 1]) or looks_like_org(words[i - 1]))
        ):
            org = _span(words[i - 1])  # 디지털나래 유채린 기자 =
            rule = "rule:byline"
        name = name_w.core
        self.mentions.append(Mention(name_w.core_start, name_w.core_end, "person", name, rule, prio=2))
        if org:
            text = name_w.doc_text[org[0] : org[1]]
            self.mentions.append(Mention(org[0], org[1], "organization", text, rule + ":org", prio=1))
        self.roles.append(
            {
                "person": name,
                "org": org,
                "org_name": None if org else (self.source if title.endswith("기자") else None),
                "title": title,
                "start": name_w.core_start,
                "end": end,
                "rule": rule,
            }
        )
        self.people.append((name_w.core_start, name, title))

    def _backref(self, i: int) -> None:
        """`권 부사장`: the full name of the person introduced earlier, never a new one."""
        w = self.words[i]
        title = self.title_at(i + 1) or ((self.words[i + 1].core, 1) if self.words[i + 1].core in HONORIFICS else None)
        if not title or self.words[i + 1].gap_before != " ":
            return
        earlier = [p for p in self.people if p[0] < w.start and p[1].startswith(w.core)]
        if not earlier:
            return
        same_title = [p for p in earlier if p[2] and (p[2] == title[0] or p[2].endswith(title[0]))]
        pos, name, _ = (same_title or earlier)[-1]
        end_w = self.words[i + title[1]]
        self.mentions.append(Mention(w.core_start, end_w.core_end, "person", name, "rule:backref", prio=2))


def listed_people(words: list[Word], taken: set[int]) -> list[Mention]:
    """`강태오, 민서현, 유하준 등 …창업자들`: a listing of names closed by 등 is people."""
    out: list[Mention] = []
    run: list[Word] = []
    for w in words:
        if not is_person_name(w) or w.tail:
            run = []
            continue
        if run and w.gap_before.strip() in (",", "·") and w.sent == run[-1].sent and run[-1].i == w.i - 1:
            run.append(w)
        else:
            run = [w]
        nxt = words[w.i + 1] if w.i + 1 < len(words) else None
        if len(run) >= 2 and nxt is not None and nxt.core == "등" and not w.tail:
            if all(is_person_name(x) and not x.tail for x in run):
                out += [
                    Mention(x.core_start, x.core_end, "person", x.core, "rule:name-listing", prio=1)
                    for x in run
                    if x.core_start not in taken
                ]
    return out


def propagate(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """One name, one sense per article: every other occurrence of a name a rule found."""
    text = doc.text
    starts = {t.idx for t in doc}
    ends = {t.idx + len(t) for t in doc}
    names = {
        (m.kind, m.name)
        for m in mentions
        if m.kind != "person" and len(m.name) >= 2 and not m.rule.startswith("kb:") and text[m.start : m.end] == m.name
    }
    out = []
    for kind, name in sorted(names):
        for hit in re.finditer(re.escape(name), text):
            if hit.start() in starts and hit.end() in ends:
                out.append(Mention(hit.start(), hit.end(), kind, name, "rule:same-name", prio=0))
    for name in sorted({m.name for m in mentions if m.kind == "model"}):
        fam = FAMILY.match(name)
        if not fam or len(fam.group(1).strip(" -")) < 2:
            continue
        sibling = re.compile(re.escape(fam.group(1)) + r"[- ]?\d+(?:\.\d+)?[A-Za-z]*(?:\s\d+(?![\d.]))?")
        for hit in sibling.finditer(text):
            e = hit.end()
            while e > hit.start() and e not in ends:
                e -= 1
            if hit.start() in starts and e > hit.start() + len(fam.group(1)):
                out.append(Mention(hit.start(), e, "model", text[hit.start() : e], "rule:model-family", prio=0))
    return out


def quoted_models(text: str, words: list[Word], known: KnownActors | None = None) -> list[Mention]:
    """'A.X K1', ‘K-엑사원’ 모델: quoted names where the words around say 'model'."""
    out = []
    families: set[str] = set()
    for m in QUOTE.finditer(text):
        g = next(i for i in range(1, 5) if m.group(i) is not None)
        s, e = m.span(g)
        inner = m.group(g).strip()
        if not inner or len(inner.split()) > 4 or re.search(r"(다|요|까|죠|며|고|서)$", inner):
            continue
        if re.search(
            r"모델|플랫폼|프로젝트|서비스|솔루션|기술|전략|사업|벤치마크|리더보드|평가|컨퍼런스|회의|"
            r"토큰|서밋|포럼|행사|대회|엑스포|박람회|세미나|어워드|챌린지",
            inner,
        ):
            continue
        if re.fullmatch(r"[\d.,~\s]+[KMBT]?", inner) or re.search(
            r"(?<![가-힣])(NPU|칩|반도체|GPU|가속기)\S{0,2}\s*$", text[max(0, m.start() - 16) : m.start()]
        ):
            continue
        after = text[m.end() : m.end() + 25]
        before = text[max(0, m.start() - 12) : m.start()]
        if re.match(r"^\d[\d.,]*\s*(조|억|만|[KMBT](?![A-Za-z]))", inner):
            continue  # '1.2조 파라미터' is a size, not a name
        version_of_known = known is not None and any(
            inner.startswith(f) and inner != f and re.match(r"^[\s-]?[\dA-Za-z.]+", inner[len(f):])
            for f in known.by_first.get(inner[0], ()) if known.index[norm(f)][0] == "model")
        namelike = (
            bool(re.search(r"\d|[A-Za-z]{2,}", inner.replace("AI", "")))
            and len(inner) <= 24
            and not any(re.search(r"\S(로|으로|을|를|에|의|는|은)$", x) for x in inner.split()[1:])
        )
        near = text[m.end() : m.end() + 40]
        if NOT_MODEL_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            continue  # 솔루션 '스톰', NPU '아톰': products, not models
        rest = re.sub(r"\d+(?:\.\d+)?\s?[BT]?\b", " ", inner).split()
        if rest and all(w in wordset("not_models") for w in rest):
            continue  # '글로벌 100B': a size with an adjective
        sized = bool(re.search(r"\d(?:\.\d+)?[BT]\b", inner))
        sibling = any(inner.startswith(f + " ") or inner.startswith(f + "-") for f in families)
        if not (
            version_of_known
            or sibling
            or (namelike and sized)
            or MODEL_AFTER.match(after)
            or MODEL_BEFORE.search(before)
            or (namelike and (re.search(r"의\s*$", before) or MODEL_NEAR.search(near)))
        ):
            continue
        name, alias = inner, None
        pm = re.match(r"^(.+?)\s*\(([^()]+)\)$", inner)
        if pm:
            name, alias = pm.group(1).strip(), pm.group(2).strip()
        if norm(name) in {norm(x) for x in wordset("not_models")} or len(norm(name)) < 2:
            continue
        start = s + (len(m.group(g)) - len(m.group(g).lstrip()))
        ment = Mention(start, start + len(name), "model", name, "rule:quoted-model", prio=2)
        fam = FAMILY.match(name)
        if fam and len(fam.group(1).strip(" -")) >= 2:
            families.add(fam.group(1).strip(" -"))
        if alias and _alias_ok(alias):
            ment.aliases.add(alias)
        tail = re.match(r"^\s*\(([^()]{1,30})\)", text[m.end() :])
        if tail and _alias_ok(tail.group(1)) and not re.search(r"[가-힣]{4,}", tail.group(1)):
            ment.aliases.add(tail.group(1).strip())
        out.append(ment)
    return out


def versioned_models(text: str) -> list[Mention]:
    """Latin names with a version, next to 모델/LLM: `GPT-5 모델`, `BADA-32B 모델`."""
    out = []
    for m in VERSIONED.finditer(text):
        s, e = m.span()
        name = m.group()
        if re.fullmatch(r"[HBAL]\d{2,3}[A-Z]?|\d+[BMKT]|[A-Z]\d|B2[BC]|[A-Z]{1,2}\d{1,2}", name):
            continue  # GPUs (H100, B200) and bare sizes are not models
        after = text[e : e + 20]
        before = text[max(0, s - 14) : s]
        if GPU_HINT.match(after.strip()[:3]) or "GPU" in before:
            continue
        if MODEL_AFTER.match(after) or re.search(r"의\s*$", before) or VERSIONED_BEFORE.search(before):
            out.append(Mention(s, e, "model", name, "rule:versioned-model", prio=1))
    return out


BARE_VERSION = re.compile(
    r"^[\s-]?(\d+(?:\.\d+)?B?|[A-Z]\d+(?:\.\d+)?)(?=$|[\s'’\"”)]|은|는|이|가|을|를|의|와|과|도|로|에)"
)
COUNTER = re.compile(r"^\s*(개|명|년|월|일|%|배|위|차|단계|장|대|종|곳|조|억|만|분기|세대)")


def extend_versions(text: str, mentions: list[Mention]) -> None:
    """Known models followed by a version (`K-엑사원 2는`), and names followed by version and 모델."""
    _extend_versions(text, mentions)
    for m in mentions:
        if m.kind != "model" or not m.rule.startswith("kb:"):
            continue
        v = BARE_VERSION.match(text[m.end : m.end + 12])
        if v and not COUNTER.match(text[m.end + len(v.group()) :][:4]):
            m.end += len(v.group())
            m.name = text[m.start:m.end]
            m.rule = m.rule + "+version"


def _extend_versions(text: str, mentions: list[Mention]) -> None:
    """`엑사원 3.5 32B 모델`: a known model name followed by its version is that version."""
    for m in mentions:
        if m.kind != "model":
            continue
        v = VERSION_TAIL.match(text[m.end : m.end + 24])
        if v and v.group().strip() and MODEL_AFTER.match(text[m.end + len(v.group()) :][:20]):
            m.end += len(v.group().rstrip())
            m.name = text[m.start : m.end]
            m.rule = m.rule + "+version"


class EntityRecognizer:
    """`hankg_entities`: fills doc.ents with ORG / PERSON / MODEL mentions."""

    def __init__(self, aliases: tuple[str, ...] = ()):
        self.aliases = aliases

    @property
    def known(self) -> KnownActors:
        return _known(self.aliases)

    def __call__(self, doc: Doc) -> Doc:
        art = doc._.article
        source = getattr(art, "source", None)
        text = doc.text
        words = words_of(doc)
        known = self.known
        mentions = known.find(doc)
        people = PersonRules(words, source)
        people.run()
        mentions += people.mentions
        mentions += quoted_models(text, words, known)
        mentions += versioned_models(text)
        mentions += self._org_rules(doc, words, mentions, source)
        mentions += listed_people(words, {m.start for m in mentions})
        extend_versions(text, mentions)
        mentions += propagate(doc, mentions)
        doc.user_data["hankg.roles"] = people.roles
        self._resolve(doc, mentions)
        return doc

    def _org_rules(self, doc: Doc, words: list[Word], found: list[Mention], source: str | None) -> list[Mention]:
        text = doc.text
        out: list[Mention] = []
        taken = {(m.start, m.end) for m in found}
        for w in words:
            if w.is_paren:
                continue
            if looks_like_org(w):
                out.append(Mention(w.core_start, w.core_end, "organization", w.core, "rule:org-head"))
        # a sub-unit named with its parent: `서울대 AI연구원`, `고려대 말글지능연구실`
        known_orgs = {(m.start, m.end) for m in found if m.kind == "organization"}
        for a, b in zip(words, words[1:], strict=False):
            if (a.core_start, a.core_end) in known_orgs or looks_like_org(a):
                if not a.tail and b.gap_before == " " and re.search(r"(연구원|연구소|연구실|연구센터|랩)$", b.core) \
                        and not title_of(b.core) and len(b.core) > 3:
                    out.append(Mention(a.core_start, b.core_end, "organization", text[a.core_start:b.core_end],
                                       "rule:org-unit", prio=1))
        # bullet lists: `▲한빛AI연구원 '하늘 3.0' – 70B`
        for w in words:
            if (
                w.gap_before.strip().endswith(("▲", "△", "■", "◆"))
                and is_proper(w)
                and not is_person_name(w)
                and (w.core_start, w.core_end) not in taken
            ):
                out.append(Mention(w.core_start, w.core_end, "organization", w.core, "rule:bullet"))
        # Latin acronym + AI / 연구원 across a space: `NC AI`, `LG AI 연구원`
        for a, b in zip(words, words[1:], strict=False):
            if (
                not a.tail
                and b.gap_before == " "
                and LATIN_ACRONYM.match(a.core)
                and a.core not in wordset("not_orgs_latin")
                and b.core in ("AI", "연구원", "AI연구원")
            ):
                out.append(
                    Mention(
                        a.core_start, b.core_end, "organization", text[a.core_start : b.core_end], "rule:acronym-head"
                    )
                )
        # News outlets: bylines and copyright lines, and the article's own source
        for m in re.finditer(r"(?:ⓒ|©|Copyright\s*ⓒ?|저작권자\s*ⓒ?)\s*([^\s<>\[\]()ⓒ,.]{2,12})", text):
            s, e = m.span(1)
            cand = m.group(1)
            w = next((w for w in words if w.core_start == s), None)
            if w is not None and (is_proper(w) or looks_like_org(w)) and cand not in ("Copyright", "All"):
                out.append(Mention(s, e, "organization", w.core, "rule:outlet"))
        if source and len(source) >= 2:
            for m in re.finditer(re.escape(source), text):
                out.append(Mention(m.start(), m.end(), "organization", source, "rule:source", prio=2))
        # Listings: proper nouns in the same enumeration as a known organisation, or in a
        # sentence about a consortium (`컨소시엄에는 가온데이터, 누리칩스, 다온랩이 참여한다`)
        org_starts = {m.start for m in [*found, *out] if m.kind == "organization"}
        sent_text = {i: text[s.start_char : s.end_char] for i, s in enumerate(doc.sents)}
        groups: list[list[Word]] = []
        for w in words:
            sep = w.gap_before.strip()
            prev = groups[-1][-1] if groups else None
            joined = (
                prev is not None
                and prev.sent == w.sent
                and (
                    sep in (",", "·", "ㆍ", "▲", "및", "/")
                    or (prev.tail in ("와", "과", "및") and sep == "")
                    or (sep == "" and prev.tail in ("와", "과"))
                )
            )
            if joined:
                groups[-1].append(w)
            else:
                groups.append([w])
        for g in groups:
            if len(g) < 2:
                continue
            has_org = any(w.core_start in org_starts for w in g)
            consortium = any(v in sent_text[g[0].sent] for v in PARTNER_VERBS)
            if not (has_org or consortium):
                continue
            for w in g:
                if w.core_start in org_starts or (w.core_start, w.core_end) in taken:
                    continue
                if is_proper(w) and not is_person_name(w, strict=True) and not title_of(w.core):
                    out.append(Mention(w.core_start, w.core_end, "organization", w.core, "rule:listing"))
        # `X가 데이터 수집, Y가 모델 최적화`: proper-noun subjects in a partner sentence
        for w in words:
            if (
                w.tail in ("가", "이", "는", "은", "와", "과", "도")
                and is_proper(w)
                and any(v in sent_text[w.sent] for v in PARTNER_VERBS)
                and not is_person_name(w)
                and w.core_start not in org_starts
            ):
                out.append(Mention(w.core_start, w.core_end, "organization", w.core, "rule:partner-subject"))
        # `X의 'MODEL'`: the owner of a model is an organisation
        model_starts = [m.start for m in found if m.kind == "model"]
        for w in words:
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
            if w.tail == "의" and ownerish and not is_person_name(w) and w.core_start not in org_starts:
                nxt = text[w.end : w.end + 6]
                if any(0 <= ms - w.end <= 3 for ms in model_starts) or nxt.lstrip().startswith(("'", "‘")):
                    out.append(Mention(w.core_start, w.core_end, "organization", w.core, "rule:owner-of-model"))
        return out

    def _resolve(self, doc: Doc, mentions: list[Mention]) -> None:
        """Canonical names, aliases, and non-overlapping doc.ents."""
        text = doc.text
        words = words_of(doc)
        known = self.known
        # keep the best mention where mentions overlap: longer, then higher priority
        chosen: list[Mention] = []
        for m in sorted(mentions, key=lambda m: (-(m.end - m.start), -m.prio, m.start)):
            m.name = m.name.strip(" '\"‘’“”")
            if not m.name or m.end <= m.start:
                continue
            if any(c.start < m.end and m.start < c.end for c in chosen):
                continue
            chosen.append(m)
        # curated canonical names
        for m in chosen:
            hit = known.lookup(m.name)
            if hit and hit[0] == m.kind:
                if norm(m.name) != norm(hit[1]):
                    m.aliases.add(m.name)
                m.name = hit[1]
        # parenthesised aliases glued to a mention: 과학기술정보통신부(과기정통부), SK텔레콤(SKT)
        by_end = {m.end: m for m in chosen}
        alias_to: dict[str, tuple[str, str]] = {}
        for w in words:
            m = by_end.get(w.core_end)
            if m is None or not w.paren or m.kind == "person":
                continue
            alias = _strip_ticker(w.paren_text or "")
            if not _alias_ok(alias):
                continue
            hit = known.lookup(alias)
            if hit and hit[0] == m.kind and known.lookup(m.name) is None:
                m.aliases.add(m.name)
                m.name = hit[1]
            elif hit is None or hit[1] == m.name:
                m.aliases.add(alias)
                alias_to[norm(alias)] = (m.kind, m.name)
        # an alias learnt here stands for the entity wherever else it appears
        taken_spans = [(c.start, c.end) for c in chosen]
        starts = {t.idx for t in doc}
        ends = {t.idx + len(t) for t in doc}
        for key, (kind, name) in sorted(alias_to.items()):
            for m in chosen[:]:
                if m.name == name and m.kind == kind:
                    for alias in sorted(m.aliases):
                        if norm(alias) != key:
                            continue
                        for hit in re.finditer(re.escape(alias), text):
                            a, b = hit.span()
                            if a in starts and b in ends and not any(x < b and a < y for x, y in taken_spans):
                                chosen.append(Mention(a, b, kind, name, "rule:alias-again", aliases={alias}))
                                taken_spans.append((a, b))
                    break
        # one name per entity within the article: forms that normalise alike, or an alias
        canon: dict[tuple[str, str], str] = {}
        for m in sorted(chosen, key=lambda m: m.start):
            key = (m.kind, norm(m.name))
            if key in canon:
                m.name = canon[key]
            elif norm(m.name) in alias_to and alias_to[norm(m.name)][0] == m.kind:
                m.aliases.add(m.name)
                m.name = alias_to[norm(m.name)][1]
            else:
                canon[key] = m.name
        longer = sorted({m.name for m in chosen if m.kind == "organization" and " " in m.name})
        for m in chosen:
            if m.kind != "organization" or not LATIN_ACRONYM.match(m.name):
                continue
            nxt = next((w for w in words if w.start >= m.end), None)
            if nxt is not None and nxt.is_paren and re.search(r"원|▲|▼|%", nxt.core):
                continue
            full = [n for n in longer if n.startswith(m.name + " ")]
            if len(full) == 1:
                m.aliases.add(m.name)
                m.name = full[0]
        aliases: dict[str, set[str]] = {}
        spans: list[Span] = []
        for m in chosen:
            span = doc.char_span(
                m.start,
                m.end,
                label={"organization": "ORG", "person": "PERSON", "model": "MODEL"}[m.kind],
                alignment_mode="expand",
            )
            if span is None:
                continue
            span._.name = m.name
            span._.rule = m.rule
            spans.append(span)
            eid = entity_id(m.kind, m.name)
            bucket = aliases.setdefault(eid, set())
            bucket.update(a for a in m.aliases if norm(a) != norm(m.name))
            surface = text[m.start : m.end]
            if m.kind != "person" and norm(surface) != norm(m.name):
                bucket.add(surface)
        for eid in aliases:
            kind, name = eid.split(":", 1)
            group = known.table.orgs if kind == "org" else known.table.models if kind == "model" else {}
            aliases[eid].update(group.get(name, []))
        doc.ents = filter_spans(spans)
        doc._.aliases = aliases


@Language.factory("hankg_entities", default_config={"aliases": []})
def make_entities(nlp: Language, name: str, aliases: list[str]) -> EntityRecognizer:
    return EntityRecognizer(tuple(aliases))
