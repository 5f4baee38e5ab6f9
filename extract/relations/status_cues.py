"""The cue words of programme_status in one sentence, the status each states, and the sentence's clauses.

A cue that is negated turns (`선발되지 못했다` → eliminated; `지원하지 않는다` → a refusal), one that is only
planned, possible or part of a noun (`선발할 예정`, `선발 후보`, `선발 공모`) says nothing, a selection made in a
stage's evaluation is passed unless made as a 정예팀, and a selection as an event teams take part in is applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from hankg.data import wordset
from hankg.extract.relations.base import PARTICIPATION, PROGRAMME_CALL, REFUSAL, RETRY, STATUS_WORDS, Context
from hankg.extract.relations.hints import hint

# after the cue word: the word is part of a noun, not a predicate (`선발 공모`, `선정 결과`, `탈락 위기`)
_NOUNS_AFTER = "|".join(sorted(wordset("status_nouns"), key=len, reverse=True))
# (`통과 팀들에 미치지 못했다`: other teams, compared with; `탈락 팀 중` is the subject's own)
_NOMINAL = re.compile(
    r"^\s?(?:" + _NOUNS_AFTER + r"|보다|전(?:에|에서|을|이|의|은)|전\s|(?:팀|기업|곳|업체)들?(?:에|과|와|보다|을|를)\s)"
)
# after the cue word: only planned, possible or conditional (`선발할 예정`, `탈락시키는 것이었다`, `탈락하면`)
_UNREAL = re.compile(
    r"^[가-힣]*?(?:할|될|시킬|시키는|하는|되는|한다는|된다는)\s*"
    r"(?:예정|계획|방침|가능성|것|수\s|전망|후보|경우|지\s|방안|작업|절차|과정|일정|방식|대상)|"
    r"^[가-힣]*?(?:하겠|되겠|될지|할지|되면|하면|시키겠)|^[가-힣]*?(?:할|될|시킬)(?:\s|$)"
)
# after the cue word: negated (`선발되지는 못했다`, `재도전을 하지 않겠다`, `재도전 안 한다`)
_NEGATED = re.compile(
    r"^(?:[가-힣]*\s+)?[가-힣]*?지\s*(?:는|도|를)?\s*(?:않|못)|^[가-힣]*\s*안\s*(?:한|했|하|해)|"
    r"^\s?(?:이|은|도|의\s*꿈이?)?\s*(?:무산|좌절|불발|물거품)"
)
# before 선발/선정: the selection is a later stage's evaluation, which a team passes
_LATER_STAGE = re.compile(
    r"[1-9]\s*차\s*(?:단계\s*)?평가|단계\s*평가|[2-9]\s*차\s*단계|공석|서면\s*(?:평가|심사)|예비\s*심사"
)
# after 선발/선정: the selection as an event (`선발에서`, `선정 과정에 참여한`)
_CONTEST = re.compile(r"^\s?(?:과정)?(?:에서|에\s*(?:참여|도전|지원|응모|나선|뛰어든))")
# before 돌아갔다: the place that went to a team (`정예팀 자리는`, `마지막 티켓은`)
_PLACE = re.compile(r"(?:정예\s*팀|자리|티켓)(?:은|는|이|가)\s")
# after 재도전: declined (`재도전을 하지 않겠다`, `재도전 계획은 없다`, `재도전에 발을 뺐다`)
_DECLINED = re.compile(r"^[^\s,.]*\s*(?:\S+\s+)?(?:하지\s*않|안\s*하|안\s*한|않|포기|불참|없|부인|발을)")
_RETURNED = re.compile(r"돌아갔|돌아간")
# where no cue word that states a status can be: a sentence without it states none
STATUS_HINT = hint(*(pat for _, pat in STATUS_WORDS), PARTICIPATION, RETRY, _RETURNED)
_STATUS_WORDS = [(status, pat, hint(pat)) for status, pat in STATUS_WORDS]
# connective endings that do not end a clause: quotation, negation, purpose, manner
_NOT_CLAUSE_END = ("다고", "라고", "자고", "냐고", "지", "게", "도록", "고자", "려고", "러", "든지", "거나")


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int  # end of the eojeol that holds the cue
    status: str | None  # None: a refusal, which owns its clause but states nothing
    modifies: bool  # the eojeol ends in an adnominal ending (`탈락한`, `선정된`)


class StatusCues(Context):
    def _hits(self, sent: Span, before: str = "") -> list[_Hit]:
        """The cue words of the sentence; `before` is the previous sentence (for the stage a selection is of)."""
        text, s0 = self.text, sent.start_char
        st = text[s0 : sent.end_char]
        hits: dict[int, _Hit] = {}
        cues = [(status, m) for status, pat, h in _STATUS_WORDS if h.search(st) for m in pat.finditer(st)]
        cues += [("applied", m) for m in PARTICIPATION.finditer(st) if PROGRAMME_CALL.search(st[: m.start()])]
        cues += [(None, m) for m in REFUSAL.finditer(st)]
        # `추가 정예팀 자리는 A에 돌아갔다`: the place went to A
        cues += [("selected", m) for m in _RETURNED.finditer(st) if _PLACE.search(st[: m.start()])]
        retries = [m for m in RETRY.finditer(st) if _DECLINED.match(st[m.end() : m.end() + 16])]
        for status, m in cues:
            after = st[m.end() : m.end() + 20]
            if status is not None and _NOMINAL.match(after) and self._ends_noun(s0 + m.end()):
                continue
            if status not in (None, "applied") and _UNREAL.match(after):
                continue
            if (
                status == "selected"
                and _LATER_STAGE.search(before + " " + st[: m.start()])
                and not re.search(r"정예\s*(?:\d\s*)?팀", st[: m.start()])
            ):
                # chosen in a later stage's evaluation (`1차 평가 … 3개 팀만 선발됐다`), not as a 정예팀
                status = "passed"
            if status == "selected" and _CONTEST.match(after):
                status = "applied"  # `추가 선발에서 A와 B가 접전을 벌였다`: the selection as an event they took part in
            elif _NEGATED.match(after) or status == "applied" and _DECLINED.match(after):
                status = {"selected": "eliminated", "passed": "eliminated"}.get(status or "")
            end = m.end() + len(re.match(r"[^\s,.]*", after).group())
            if m.start() + s0 in hits:
                continue
            hits[m.start() + s0] = _Hit(m.start() + s0, end + s0, status, self._adnominal(end + s0))
        out = sorted(hits.values(), key=lambda h: h.start)
        # declining to try again says the team was eliminated before (`재도전하지 않겠다`); one that tries again
        # has applied, which is what the article tells of it
        for m in retries:
            end = m.end() + len(re.match(r"[^\s,.]*", st[m.end() :]).group())
            out.append(_Hit(m.start() + s0, end + s0, "eliminated", self._adnominal(end + s0)))
        out.sort(key=lambda h: (h.start, h.status or ""))
        # what a refusal refuses is not an application (`재도전에 발을 뺐다`, `재도전 불참`)
        refusals = [r.start for r in out if r.status is None]
        return [h for h in out if h.status != "applied" or not any(0 <= r - h.end <= 3 for r in refusals)]

    def _ends_noun(self, end: int) -> bool:
        """The text up to `end` ends in a noun (`선발` of `선발 공모`), not in a verb's ending (`참여하며`)."""
        span = self.doc.char_span(max(0, end - 1), end, alignment_mode="expand")
        return span is not None and len(span) > 0 and span[-1].tag_.startswith("NN")

    def _adnominal(self, end: int) -> bool:
        """The eojeol ending at `end` ends in an adnominal ending (`탈락한`, `선정된`)."""
        span = self.doc.char_span(max(0, end - 1), end, alignment_mode="expand")
        return span is not None and len(span) > 0 and span[-1].tag_.endswith("ETM")

    def _clause_ends(self, sent: Span) -> list[int]:
        """Where the clauses of the sentence end: after a connective ending followed by a space or comma."""
        ends = []
        text = self.text
        for t in sent:
            if not t.tag_.endswith("EC") or t.text.endswith(_NOT_CLAUSE_END) or t.i + 1 >= len(self.doc):
                continue
            end = t.idx + len(t.text)
            if self.doc[t.i + 1].tag_.startswith("VX") or text[end : end + 1] not in (" ", ","):
                continue
            ends.append(end)
        return ends

    def _phrase_ends(self, sent: Span) -> list[int]:
        """A headline's phrases (`A도 가세…내달 1곳 선정`): clauses no subject is carried across."""
        return [sent.start_char + m.end() for m in re.finditer(r"…|\.\.\.", self.text[sent.start_char : sent.end_char])]
