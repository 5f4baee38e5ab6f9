"""People: `NAME ORG TITLE`, `ORG TITLE NAME`, bylines, honorifics, listings, back-references.

Besides the mentions, the rules keep the (person, org, title) triples they read
(`PersonRules.roles`), which `hankg_relations` turns into works_at facts.
"""

from __future__ import annotations

import re
from functools import cache

from hankg.data import wordset
from hankg.extract.entities.lexicon import (
    DEPARTMENT,
    HANGUL,
    HONORIFICS,
    Mention,
    core_span,
    glued_title,
    is_person_name,
    is_proper,
    looks_like_org,
    memoised,
    suffix_title,
    title_of,
    title_word,
)
from hankg.extract.words import Word

PHOTO_CREDIT = ("사진", "자료", "그래픽", "영상", "출처", "제공")  # [사진=NAME 기자]: a credit, not an outlet
FOREIGN = re.compile(r"[가-힣]{1,5}( [가-힣]{1,5})*")
PARTICIPLE = re.compile(r"[가-힣]{1,4}(된|한|받은|임명된|선임된|취임한)")  # 장관으로 발탁된 NAME
TITLE_PREFIXES = ("공동", "전", "현", "前", "現", "신임", "초대")
DATELINE = re.compile(r"[가-힣]{1,4}\s*=\s*(\S{2,20})")  # `(서울=뉴스1)`: the city, then the outlet
PAREN_BYLINE = re.compile(r"([^\s=()\[\]]{2,20})\s*=\s*([가-힣]{2,4})\s+(기자)")  # (지디넷코리아=김미라 기자)
APPOINT = re.compile(r"^(선임|임명|발탁|내정|영입|승진|선출|위촉)(했|하|됐|되|한|된|해|돼)")


_UNSET = object()


@cache
def _two_word_firsts() -> frozenset[str]:
    """What a title written in words has before a space: `수석 연구원` → 수석."""
    return frozenset(t[:k] for t in wordset("titles") for k, c in enumerate(t) if c == " ")


@memoised
def foreign_word(x: Word) -> bool:
    """A proper noun in transliteration (`젠슨 황`, `클렘`): Hangul syllables only, no place, title or organisation."""
    return (
        all(t == "NNP" for t in x.core_tags)
        and bool(FOREIGN.fullmatch(x.core))
        and not x.is_paren
        and x.core not in wordset("not_entities")
        and not title_of(x.core)
        and not looks_like_org(x)
    )


def _one_syllable(x: Word) -> bool:
    """A one-syllable family name after a transliterated given name, which Kiwi may read as a common noun."""
    one = len(x.core) == 1 and HANGUL.match(x.core) is not None
    return one and x.core_tags[:1] in (("NNG",), ("NNP",), ("NNB",)) and not x.is_paren


class PersonRules:
    """NAME ORG* TITLE, [OUTLET NAME 기자], and back-references resolved to the full name."""

    def __init__(self, words: list[Word], source: str | None, known_orgs: frozenset[tuple[int, int]] = frozenset()):
        self.words = words
        self.source = source
        self.known_orgs = known_orgs  # spans of the curated organisations found in the article
        self.mentions: list[Mention] = []
        self.roles: list[dict] = []
        self.people: list[tuple[int, str, str | None]] = []  # (pos, name, title)
        self.used: set[int] = set()  # word indices a pattern consumed (org and title words)
        self._title_at: list = [_UNSET] * len(words)  # title_at of each word, asked several times per word

    def title_at(self, j: int) -> tuple[str, int] | None:
        """The title starting at word j and how many words it spans."""
        found = self._title_at[j]
        if found is _UNSET:
            found = self._title_at[j] = self._title_from(j)
        return found

    def _title_from(self, j: int) -> tuple[str, int] | None:
        w = self.words[j]
        if (
            j + 1 < len(self.words)
            and not w.tail
            and w.core in _two_word_firsts()
            and self.words[j + 1].gap_before == " "
        ):
            two = f"{w.core} {self.words[j + 1].core}"
            if two in wordset("titles"):
                return two, 2
        t = title_word(w)
        return (t, 1) if t else None

    def run(self) -> None:
        words = self.words
        surnames = wordset("surnames")
        for i, w in enumerate(words):
            if w.is_paren:
                self._paren_byline(w)
            if w.is_paren or i in self.used:
                continue
            last = None if w.tail else self._foreign_name(i)  # neither starts at a word with a particle
            if last is not None:
                self._name_org_title(i, last)
                continue
            if not w.tail and self._foreign_backref(i):
                continue
            before = self._titles_before(i) if i > 0 else None
            if (
                before
                and is_person_name(w, lenient=bool(words[i - 1].tail))  # `…인 NAME`, `…으로 발탁된 NAME`
                and not (i + 1 < len(words) and self.title_at(i + 1) and words[i + 1].gap_before == " ")
                and len(w.core) >= 3
            ):
                self._title_name(i, before)  # 카카오 CTO 홍길동은
                continue
            if before and (last := self._foreign_name(i, introduced=True)) is not None:
                self._title_name(i, before, last)  # 허깅페이스의 공동 창업자인 클렘 들랑그는
                continue
            if w.tail:
                continue
            if len(w.core) <= 2 and w.core in surnames and i + 1 < len(words):
                self._backref(i)
                continue
            titled = i + 1 < len(words) and words[i + 1].gap_before == " " and self.title_at(i + 1) is not None
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
        self._appointments()

    def _paren_byline(self, w: Word) -> None:
        """`(지디넷코리아=김미라 기자)`: a byline in parentheses, outlet and reporter."""
        m = PAREN_BYLINE.fullmatch(w.core)
        if m is None:
            return
        at = w.core_start
        credit = m[1] in PHOTO_CREDIT  # (사진=장유미 기자): the reporter of the article's own outlet
        self.mentions.append(Mention(at + m.start(2), at + m.end(2), "person", m[2], "rule:byline", prio=2))
        if not credit:
            self.mentions.append(
                Mention(at + m.start(1), at + m.end(1), "organization", m[1], "rule:byline:org", prio=1)
            )
        self.people.append((at + m.start(2), m[2], "기자"))
        if credit and not self.source:
            return
        self.roles.append(
            {
                "person": m[2],
                "org": None if credit else (at + m.start(1), at + m.end(1)),
                "org_name": self.source if credit else None,
                "title": "기자",
                "start": at + m.start(2),
                "end": at + m.end(3),
                "rule": "rule:byline",
            }
        )

    def _foreign_name(self, i: int, introduced: bool = False) -> int | None:
        """`젠슨 황 엔비디아 CEO`, `클렘 들랑그 허깅페이스 공동창업자`: a name in transliteration before ORG TITLE.

        Kiwi reads a known foreign name as one proper noun with a space inside, or two proper
        nouns; it is a person only when an organisation and a title follow, as Korean news
        introduces people. Returns the index of the name's last word.
        """
        words = self.words
        w = words[i]
        if w.tail or not self._foreign(w):
            return None
        last = i
        if " " not in w.core:
            nxt = words[i + 1] if i + 1 < len(words) else None
            if nxt is None or nxt.gap_before != " " or nxt.sent != w.sent:
                return None
            if not (self._foreign(nxt) or (_one_syllable(nxt) and len(w.core) >= 2)):  # `리사 수`, `젠슨 황` (황/NNG)
                return None
            if introduced:
                return i + 1  # the titles came first: `…인 클렘 들랑그는`
            if nxt.tail:
                return None
            last = i + 1
        elif introduced:
            return i
        elif is_person_name(w):
            return None
        n_org = 0  # then one to three organisation words and a title
        for x in words[last + 1 : last + 5]:
            if x.sent != w.sent or x.gap_before != " ":
                return None
            if self.title_at(x.i):
                break
            known = (x.core_start, x.core_end) in self.known_orgs
            place = x.core in wordset("not_entities")  # 캐나다 몬트리올대: trimmed off the organisation later
            if x.tail or not (known or place or looks_like_org(x) or is_proper(x) or x.core_tags[:1] == ("SL",)):
                return None
            n_org += 1
        else:
            return None
        return last if n_org else None

    def _foreign(self, x: Word) -> bool:
        return foreign_word(x) and (x.core_start, x.core_end) not in self.known_orgs

    def _foreign_backref(self, i: int) -> bool:
        """`벤지오 교수`: the last name of a person introduced in full (`요슈아 벤지오`) with a title."""
        words = self.words
        w = words[i]
        if w.tail or i + 1 >= len(words) or words[i + 1].gap_before != " ":
            return False
        title = self.title_at(i + 1)
        if not title:
            return False
        full = [n for p, n, _ in self.people if " " in n and p < w.core_start and n.split()[-1] == w.core]
        if not full:
            return False
        end_w = words[i + title[1]]
        self.mentions.append(Mention(w.core_start, end_w.core_end, "person", full[-1], "rule:backref", prio=2))
        return True

    def _appointments(self) -> None:
        """`ORG은 신임 TITLE에 NAME …을 선임했다`: the title of the post goes to each name appointed to it."""
        words = self.words
        for w in words:
            if w.tail not in ("에", "에는", "로", "으로") or w.is_paren:
                continue
            glued = glued_title(w.core)
            title = self.title_at(w.i)
            if not (title or glued):
                continue
            verb = next(
                (x for x in words[w.i + 1 : w.i + 14] if x.sent == w.sent and APPOINT.match(x.core + x.tail)), None
            )
            if verb is None:
                continue
            unit = words[w.i - 1] if w.i > 0 else None
            if (
                not glued
                and unit is not None
                and unit.sent == w.sent
                and not unit.tail
                and w.gap_before == " "
                and unit.core not in TITLE_PREFIXES
                and all(t.startswith(("NNG", "NNP")) for t in unit.core_tags)
                and (unit.core_start, unit.core_end) not in self.known_orgs
            ):
                continue  # `국가안보실 1차장에는 NAME`: the post is in a unit named before it, not the appointer's
            org = None
            if glued:
                k = w.i
                while k > 0 and w.i - k < 2 and not words[k - 1].tail and words[k].gap_before == " ":
                    if not (is_proper(words[k - 1]) or words[k - 1].core_tags[:1] == ("SL",)):
                        break
                    k -= 1
                org = (words[k].core_start, w.core_start + len(glued[0]))
            role = glued[1] if glued else title[0]
            named = {name for _, name, _ in self.people}
            appointed = [(p, n) for p, n, _ in self.people if w.core_end < p < verb.core_start]
            for x in words[w.i + 1 : verb.i]:  # `…로 정석근 인공지능(AI) …장을 임명`: a name titled elsewhere
                if x.core in named and all(p != x.core_start for p, _ in appointed):
                    appointed.append((x.core_start, x.core))
                    self.mentions.append(Mention(x.core_start, x.core_end, "person", x.core, "rule:appointment", 1))
            if w.tail in ("로", "으로") and verb.i - w.i <= 2:  # `ORG은 NAME 박사를 CTO로 영입했다`
                appointed += [
                    (p, n) for p, n, _ in self.people if any(x.core_start == p for x in words[max(0, w.i - 3) : w.i])
                ]
            if appointed:
                self._appointer(w)
            for pos, name in appointed:
                if pos < verb.core_start:
                    self.roles.append(
                        {
                            "person": name,
                            "person_start": pos,
                            "org": org,
                            "org_name": None,
                            "title": role,
                            "start": w.core_start,
                            "end": verb.core_start,
                            "rule": "rule:appointment",
                        }
                    )

    def _appointer(self, w: Word) -> None:
        """`루닛은 NAME 박사를 CTO로 영입했다`: the proper-noun subject that appoints someone is an organisation."""
        first = next((x for x in self.words if x.sent == w.sent), None)
        if first is None or first.tail not in ("은", "는", "이", "가") or first.i >= w.i:
            return
        if is_proper(first) and not is_person_name(first) and (first.core_start, first.core_end) not in self.known_orgs:
            self.mentions.append(
                Mention(first.core_start, first.core_end, "organization", first.core, "rule:appointer", prio=1)
            )

    def _trim_org(self, org_words: list[Word]) -> list[Word]:
        """`캐나다 몬트리올대` → 몬트리올대; `네이버클라우드 하이퍼스케일 AI` (기술총괄) → 네이버클라우드.

        A place before the organisation is not part of it, and when the first word is an
        organisation on its own, the words after it that name no organisation are the unit
        in the person's title.
        """

        def modifier(w: Word) -> bool:  # 후임, 신임, 전, 캐나다: words before an organisation that are not part of it
            common = all(t.startswith(("NNG", "MM")) for t in w.core_tags) and not looks_like_org(w)
            known = (w.core_start, w.core_end) in self.known_orgs
            return w.core in wordset("not_entities") or w.core in TITLE_PREFIXES or (common and not known)

        while org_words and modifier(org_words[0]) and (len(org_words) > 1 or org_words[0].core in TITLE_PREFIXES):
            org_words = org_words[1:]
        if len(org_words) == 1 and org_words[0].core in wordset("not_orgs_latin"):
            return []  # `AI CIC장`: AI names the unit, not an organisation
        if len(org_words) < 2:
            return org_words
        span = (org_words[0].core_start, org_words[-1].core_end)
        first = org_words[0]
        if span in self.known_orgs or looks_like_org(org_words[-1]):
            return org_words
        if (first.core_start, first.core_end) in self.known_orgs or looks_like_org(first):
            return [first]
        return org_words

    def _name_org_title(self, i: int, last: int | None = None) -> None:
        words = self.words
        org_words: list[Word] = []
        last = i if last is None else last
        j = last + 1
        while j < len(words) and j <= last + 6 and words[j].sent == words[i].sent:
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
                        end2 = words[x.i + t2[1] - 1]
                        self._add(i, more, t2[0], end2.core_end, end2, last=last)
                        return
                self._add(i, org_words, title[0], end_w.core_end, end_w, last=last)
                return
            glued = glued_title(w.core)
            if glued and not w.is_paren:
                org_name, role = glued
                org_span = (org_words[0].core_start if org_words else w.core_start, w.core_start + len(org_name))
                self._add(i, org_words, role, w.core_end, w, glued_org=org_span, last=last)
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

    def _titles_before(self, i: int) -> tuple[list[str], int] | None:
        """The titles that introduce the name at word i, and the index of the first title word.

        `카카오 CTO 홍길동`, `허깅페이스의 공동 창업자이자 최고경영자(CEO)인 NAME` (one title per post),
        `과기정통부 장관으로 발탁된 NAME` (a post taken up, then the name).
        """
        words = self.words
        k = i - 1
        if k < 1 or words[k].sent != words[i].sent or words[i].gap_before != " ":
            return None
        if (
            (words[k].tail or words[k].core)[-1:] in ("된", "한", "은")  # how PARTICIPLE ends, tested first
            and PARTICIPLE.fullmatch(words[k].core + words[k].tail)
            and self.title_at(k - 1)
        ):
            if words[k - 1].tail in ("로", "으로"):
                return [self.title_at(k - 1)[0]], k - 1
            return None
        titles: list[str] = []
        tails = ("", "인", "이던", "인 ")
        while k >= 0 and words[k].sent == words[i].sent and words[k].tail in tails and self.title_at(k):
            t = self.title_at(k)
            titles.insert(0, t[0])
            tails = ("이자", "겸", "")
            k -= 1
            if k >= 0 and words[k].core in TITLE_PREFIXES and not words[k].tail:
                titles[0] = f"{words[k].core} {titles[0]}"
                k -= 1
        return (titles, k + 1) if titles else None

    def _title_name(self, i: int, found: tuple[list[str], int], last: int | None = None) -> None:
        """`ORG TITLE NAME`: the titles before the name, the organisation before the titles."""
        words = self.words
        titles, first = found
        title_w = words[first]
        org = self._org_before(first)
        before = words[first - 1] if first > 0 else None
        if org is None and before is not None and before.tail == "의" and before.sent == title_w.sent:
            known = (before.core_start, before.core_end) in self.known_orgs
            if known or looks_like_org(before) or is_proper(before):
                org = (before.core_start, before.core_end)  # 허깅페이스의 공동 창업자인 NAME
        name_w = words[i]
        end_w = words[i if last is None else last]
        name = name_w.doc_text[name_w.core_start : end_w.core_end]
        rule = "rule:org-title-name"
        self.mentions.append(Mention(name_w.core_start, end_w.core_end, "person", name, rule, prio=2))
        if org:
            text = name_w.doc_text[org[0] : org[1]]
            self.mentions.append(Mention(org[0], org[1], "organization", text, rule + ":org", prio=1))
        for title in titles:
            self.roles.append(
                {
                    "person": name,
                    "person_start": name_w.core_start,
                    "org": org,
                    "org_name": None,
                    "title": title,
                    "start": org[0] if org else title_w.core_start,
                    "end": end_w.core_end,
                    "rule": rule,
                }
            )
        self.people.append((name_w.core_start, name, titles[-1]))

    def _add(
        self,
        i: int,
        org_words: list[Word],
        title: str,
        end: int,
        title_word: Word,
        glued_org: tuple[int, int] | None = None,
        last: int | None = None,
    ) -> None:
        words = self.words
        name_w = words[i]
        last_w = words[i if last is None else last]
        while org_words and DEPARTMENT.search(org_words[-1].core):
            org_words = org_words[:-1]
        # a second name (an unknown word shaped like one) means a listing of people, not NAME ORG TITLE
        if any(title_of(w.core) or (len(w.core) > 2 and is_person_name(w, strict=True) and w.oov) for w in org_words):
            return
        self.used.update(range(i + 1, title_word.i + 1))
        former = bool(org_words) and org_words[0].core in ("전", "前")
        trimmed = self._trim_org(org_words)
        if glued_org is not None and org_words and trimmed != org_words:
            glued_org = ((trimmed or [title_word])[0].core_start, glued_org[1])  # 후임 LG AI연구원장 → LG AI연구원
        org_words = trimmed
        # `NC AI대표`: a curated name that ends inside the title word leaves the rest as the title
        if org_words and glued_org is None:
            inside = [
                e for s0, e in self.known_orgs if s0 == org_words[0].core_start and title_word.core_start < e < end
            ]
            if inside:
                glued_org = (org_words[0].core_start, max(inside))
                title = name_w.doc_text[max(inside) : title_word.core_end].strip()
        if org_words and not any(
            is_proper(w) or looks_like_org(w) or any(t in ("NNP", "SL") for t in w.core_tags) for w in org_words
        ):
            org_words = []
        org: tuple[int, int] | None = glued_org
        if org is None and org_words:
            org = (org_words[0].core_start, org_words[-1].core_end)
        rule = "rule:name-org-title" if org else "rule:name-title"
        credit = i > 0 and words[i - 1].core in PHOTO_CREDIT
        dateline = DATELINE.fullmatch(words[i - 1].core) if i > 0 and title.endswith("기자") else None
        if credit:
            pass  # [사진=신동현 기자]: the reporter of the article's own outlet
        elif org is None and dateline and words[i - 1].is_paren:
            org = (words[i - 1].core_start + dateline.start(1), words[i - 1].core_end)  # (서울=뉴스1) 이기범 기자 =
            rule = "rule:byline"
        elif (
            org is None
            and i > 0
            and words[i - 1].gap_before.rstrip().endswith(("[", "("))
            and words[i].gap_before.strip() in ("", "=")
            and not words[i - 1].tail
        ):
            org = core_span(words[i - 1])  # [이데일리 김아름 기자]
            rule = "rule:byline"
        elif (
            org is None
            and i > 0
            and words[i].gap_before.strip() == "="
            and not words[i - 1].tail
            and words[i - 1].gap_before.rstrip().endswith(("[", "("))
        ):
            org = core_span(words[i - 1])  # [데일리안 = 조인영 기자]
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
            org = core_span(words[i - 1])  # 디지털나래 유채린 기자 =
            rule = "rule:byline"
        name = name_w.doc_text[name_w.core_start : last_w.core_end]
        self.mentions.append(Mention(name_w.core_start, last_w.core_end, "person", name, rule, prio=2))
        if org:
            text = name_w.doc_text[org[0] : org[1]]
            self.mentions.append(Mention(org[0], org[1], "organization", text, rule + ":org", prio=1))
        if former and org is None:
            self.people.append((name_w.core_start, name, title))
            return  # `NAME 전 본부장`: a former post, and the text does not say where
        role = {
            "person": name,
            "org": org,
            "org_name": None if org else (self.source if title.endswith("기자") else None),
            "title": title,
            "start": name_w.core_start,
            "end": end,
            "rule": rule,
        }
        self.roles.append(role)
        self.roles += [{**role, "title": t, "rule": rule + "+paren"} for t in self._paren_titles(title_word)]
        k = title_word.i + 1  # `Gen AI Lab장 상무`: a second title right after the first
        if not title_word.tail and not title_word.paren and k < len(words) and words[k].gap_before == " ":
            second = self.title_at(k)
            if second and second[1] == 1 and words[k].sent == title_word.sent:
                self.used.add(k)
                self.roles.append({**role, "title": second[0], "end": words[k].core_end, "rule": rule + "+second"})
        self.people.append((name_w.core_start, name, title))

    def _paren_titles(self, title_word: Word) -> list[str]:
        """`부사장(최고AI과학자·CSAI)`, `상무(선임 랩장 겸 데이터 인텔리전스 랩장)`: more posts of the same person.

        A Latin acronym in the parenthesis (CTO, CSAI) spells out the title before it, so it is no post of its own.
        """
        if not title_word.paren or not title_word.paren_text or re.fullmatch(r"[A-Za-z]+", title_word.core):
            return []  # CTO(최고기술책임자): the parenthesis spells the title out
        out = []
        for piece in re.split(r"\s*(?:[·ㆍ,/]|\s겸\s)\s*", title_word.paren_text.strip()):
            if not piece or re.fullmatch(r"[A-Za-z&]+", piece) or len(piece) > 20:
                continue
            head = piece.split()[-1]
            if title_of(head) or suffix_title(head) or title_of(piece):
                out.append(piece)
        return out

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


def listed_people(words: list[Word], taken: set[int], things: frozenset[int] = frozenset()) -> list[Mention]:
    """`강태오, 민서현, 유하준 등 …창업자들`: a listing of names closed by 등 is people; one that holds an
    organisation or model found by name (`things`: their starts) is not (`구글·인텔 등 빅테크`)."""
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
            if all(is_person_name(x) and not x.tail and x.core_start not in things for x in run):
                out += [
                    Mention(x.core_start, x.core_end, "person", x.core, "rule:name-listing", prio=1)
                    for x in run
                    if x.core_start not in taken
                ]
    return out
