"""The word tests every entity rule shares: names, titles, heads, proper nouns.

Korean news marks a person by a surname and a title, an organisation by its head (…연구원,
…위원회) or by Kiwi reading it as a proper noun. These predicates read one `Word` (an eojeol:
content, particle tail, glued parenthesis) and the curated lists in `hankg/data/`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from hankg.data import by_length, wordset
from hankg.extract.words import Word
from hankg.scoring import norm as _norm

HANGUL = re.compile(r"^[가-힣]+$")
TEAM_WORDS = ("팀", "정예팀", "컨소시엄")  # what a team is called after its lead's name: `다온랩 정예팀`
TITLE_NUM = re.compile(r"^제?\d(차관|차장)$")
LATIN_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,5}$")
DEPARTMENT = re.compile(r"(학과|공학과|학부|대학원|연구실|연구센터|본부|사업부|팀)$")
PARTNER_VERBS = ("담당", "맡", "참여", "주도", "주관", "협력", "합류", "컨소시엄", "파트너", "지원한다", "구성")
NAME_PAREN = re.compile(r"\s*(\d{1,3}\s*세?|왼쪽|오른쪽|가운데|사진|앞줄|뒷줄|좌|우|중앙)\s*")
DERIVED = "들성화적가력감률율"  # derivational suffixes (XSN) that make common nouns
HONORIFICS = ("씨", "군", "양", "옹")

# scoring's name key, asked for the same few names and words over and over within and across articles
norm = lru_cache(maxsize=1 << 16)(_norm)


def memoised(test):
    """A word test asked a thousand times per article: answered once per word (and arguments).

    The tests read only a word's features (`share_memos`), so words alike share their answers.
    """

    if test.__code__.co_argcount == 1 and not test.__code__.co_kwonlyargcount:

        def wrapper(word: Word):  # a test of the word alone, the common case: no arguments to pack
            memo = word.memo
            try:
                return memo[test]
            except KeyError:
                value = memo[test] = test(word)
                return value

    else:

        def wrapper(word: Word, *args, **kwargs):
            key = (test, args, *kwargs.items()) if args or kwargs else test
            memo = word.memo
            try:
                return memo[key]
            except KeyError:
                value = memo[key] = test(word, *args, **kwargs)
                return value

    wrapper.__name__, wrapper.__doc__ = test.__name__, test.__doc__
    return wrapper


_SHARED: dict[tuple, dict] = {}
_SHARED_MAX = 100_000  # distinct words kept across articles before the cache starts afresh


def share_memos(words: list[Word]) -> None:
    """One memo for all words alike, in this article and the ones before it.

    The memoised tests read nothing but a word's content, its tags, whether Kiwi knew it and its
    parenthesis, so a word's answers hold for every word with the same features: an article's
    words mostly repeat those of earlier articles, and their tests are then never run again.
    """
    shared = _SHARED
    if len(shared) > _SHARED_MAX:
        shared.clear()
    setdefault = shared.setdefault
    for w in words:
        w.memo = setdefault((w.core, w.core_tags, w.oov, w.is_paren, w.paren_text), w.memo)


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


@cache
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


LATIN_UNIT_TITLE = re.compile(r"[A-Za-z]{2,8}(장|대표|리더|총괄)")


@memoised
def title_word(word: Word) -> str | None:
    """The title one word states, as written: 부사장, 혁신담당관 (…담당관), CIC장; None for an organisation."""
    t = title_of(word.core)
    if t:
        return t
    core = word.core
    if LATIN_UNIT_TITLE.fullmatch(core):
        return core  # CIC장, Lab장, TF장: the head of a unit named in Latin letters
    if (
        not looks_like_org(word)
        and not glued_title(core)
        and HANGUL.match(core.replace("AI", ""))
        and (core[-1] != "원" or core.endswith("위원"))  # 정책연구원 is an institute, 정책연구위원 a post
        and suffix_title(core)
    ):
        return core
    return None


@cache
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


@memoised
def is_person_name(word: Word, strict: bool = False, lenient: bool = False) -> bool:
    core = word.core
    if not HANGUL.match(core) or not 2 <= len(core) <= 4:
        return False
    if word.paren and not NAME_PAREN.fullmatch(word.paren_text or ""):
        return False  # 홍길동(45), 홍길동(왼쪽): a name with an age or a photo position; 업스테이지(Upstage) is not
    if core in wordset("not_entities") or title_of(core) or core in wordset("titles"):
        return False
    if core[-1] in DERIVED and "XSN" in word.core_tags[-1]:
        return False  # 기관들, 안전성, 전문가: a plural or a derived noun is never a name
    surnames = wordset("surnames")
    if not (core[0] in surnames or core[:2] in surnames) or core in surnames:
        return False
    if len(core) == 4 and core[:2] not in surnames:
        return False  # four syllables are a two-syllable surname (남궁, 선우) and a name, never 모+빌린트
    head = org_head(core)
    if head and (head in wordset("strong_heads") or head == "대" or len(core) >= 4):
        return False  # 동해대, 한결과학기술원: organisations, not names
    proper = word.oov or any("NNP" in t for t in word.core_tags)
    if word.core_tags == ("NNG",) and not word.oov and len(core) >= 3:
        return False  # 국내외 개발자, 전문가 평가위원: a common noun Kiwi knows whole is no name
    if len(core) == 2 or strict:
        return all("NNP" in t for t in word.core_tags) or (word.oov and len(core) > 2)
    return lenient or proper or not all(t.startswith("NN") for t in word.core_tags)


@cache
def org_head(core: str) -> str | None:
    for head in by_length("org_heads"):
        if core.endswith(head) and len(core) > len(head):
            return head
    return None


@memoised
def looks_like_org(word: Word) -> bool:
    """A proper-noun word with an organisational head (한빛AI연구원, 중소벤처기업부)."""
    core = word.core
    if core in wordset("not_entities") or title_of(core) or len(core) < 2:
        return False
    head = org_head(core)
    if head is None:
        return False
    prefix = core[: -len(head)]
    strong = head in wordset("strong_heads")
    if not prefix.strip() or (prefix in wordset("not_entities") and not strong and head != "대"):
        return False
    if strong:
        return len(prefix) >= 2 or any(t in ("NNP", "SL") for t in word.core_tags)
    if head == "AI":
        return (
            HANGUL.match(prefix) is not None
            and len(prefix) >= 2
            and any(t == "NNP" for t in word.core_tags)
            and prefix not in wordset("not_models")
        )
    return any(t == "NNP" for t in word.core_tags) and not is_person_name(word, strict=True)


@memoised
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


def core_span(word: Word) -> tuple[int, int]:
    return word.core_start, word.core_end


def strip_ticker(alias: str) -> str:
    return re.sub(r"\s*\(\d{6}\)\s*$", "", alias).strip()


def alias_ok(alias: str) -> bool:
    alias = alias.strip()
    return (
        1 < len(alias) <= 30
        and not re.search(r"[\d,]+원|%|▲|▼|\d{6}|=|기자", alias)
        and not alias.isdigit()
        and len(alias.split()) <= 4
    )
