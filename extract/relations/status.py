"""programme_status: 선정/통과/진출/탈락/지원 said of an organisation, read clause by clause.

A status word belongs to the organisations of its own clause: the ones it modifies (`탈락한 A와 B`), else the
subject it is the predicate of (`A, B가 통과했고 C는 탈락했다`: C gets only 탈락), carried on through the
following clauses that name no organisation of their own (`A는 지원했지만 탈락했다`: both). A status word that is
negated turns (`선발되지 못했다` → eliminated; `지원하지 않는다` → none), and one that is only planned, possible or
part of a noun (`선발할 예정`, `선발 후보`, `선발 공모`) says nothing. A refusal (`불참`, `발을 뺐다`) owns its clause
but states no status.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from hankg.extract.relations.base import (
    PARTICIPATION,
    PROGRAMME,
    PROGRAMME_CALL,
    REFUSAL,
    RETRY,
    STATUS_CONTEXT,
    STATUS_WORDS,
    SUBJECT,
    Context,
    _eid,
    _is_gov_or_outlet,
)
from hankg.schema import Fact

# after the cue word: the word is part of a noun, not a predicate (`선발 공모`, `선정 결과`, `탈락 위기`)
_NOMINAL = re.compile(
    r"^\s?(?:공모|사업|절차|과정|후보|가능성|기준|방식|결과|여부|심사|작업|발표|위원|대상|요건|조건|규모|시점|일정|"
    r"경쟁|위기|보다|전(?:에|에서|을|이|의|은)|전\s)"
)
# after the cue word: only planned, possible or conditional (`선발할 예정`, `탈락시키는 것이었다`, `탈락하면`)
_UNREAL = re.compile(
    r"^[가-힣]*?(?:할|될|시킬|시키는|하는|되는|한다는|된다는)\s*(?:예정|계획|방침|가능성|것|수\s|전망|후보|경우|지\s|방안)|"
    r"^[가-힣]*?(?:하겠|되겠|될지|할지|되면|하면|시키겠)|^[가-힣]*?(?:할|될|시킬)(?:\s|$)"
)
# after the cue word: negated (`선발되지는 못했다`, `재도전을 하지 않겠다`, `재도전 안 한다`)
_NEGATED = re.compile(
    r"^(?:[가-힣]*\s+)?[가-힣]*?지\s*(?:는|도|를)?\s*(?:않|못)|^[가-힣]*\s*안\s*(?:한|했|하|해)|"
    r"^\s?(?:이|은|도|의\s*꿈이?)?\s*(?:무산|좌절|불발|물거품)"
)
# before 선발/선정: the selection is a later stage's evaluation, which a team passes
_LATER_STAGE = re.compile(r"[1-9]\s*차\s*(?:단계\s*)?평가|단계\s*평가|[2-9]\s*차\s*단계|공석")
# after 선발/선정: the selection as an event (`선발에서`, `선정 과정에 참여한`)
_CONTEST = re.compile(r"^\s?(?:과정)?(?:에서|에\s*(?:참여|도전|지원|응모|나선|뛰어든))")
# a sentence about "this company" (`이 회사는`, `같은 스타트업이`)
_ANAPHOR = re.compile(
    r"^(?:[^\s]+\s+)?((?:이|그|해당|같은)\s*(?:회사|기업|업체|스타트업|컨소시엄|팀))(?:은|는|이|가|도)\s"
)
# after 재도전: declined (`재도전을 하지 않겠다`, `재도전 계획은 없다`, `재도전에 발을 뺐다`)
_DECLINED = re.compile(r"^[^\s,.]*\s*(?:\S+\s+)?(?:하지\s*않|안\s*하|안\s*한|않|포기|불참|없|부인|발을)")
# between a modifying cue and the organisations it modifies: marks, quotes, at most one short word
_MODIFIES = re.compile(r"^[\s▲△■◆•·'’\"”‘“]*(?:[가-힣A-Za-z0-9]{1,6}\s+[▲△'‘“]?)?$")
# connective endings that do not end a clause: quotation, negation, purpose, manner
_NOT_CLAUSE_END = ("다고", "라고", "자고", "냐고", "지", "게", "도록", "고자", "려고", "러", "든지", "거나")
# between two organisations of one enumeration: marks, conjunctions, `A를 비롯해 B`, a name not recognised
# between commas (`A, 미지의 이름, B`), a category label (`A 등 대형 IT 기업, B`)
_JOINERS = re.compile(
    r"(와|과|및|,|·|ㆍ|\s|▲|△|['’\"”‘“()]|이나|나|랑|(?:을|를)\s*비롯(?:해|한)|에\s*이어|뿐\s*아니라|"
    r",\s*[가-힣A-Za-z0-9]{2,12}(?=\s*,)|등\s+[^,.은는이가을를]{1,20},)*"
)


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int  # end of the eojeol that holds the cue
    status: str | None  # None: a refusal, which owns its clause but states nothing
    modifies: bool  # the eojeol ends in an adnominal ending (`탈락한`, `선정된`)


class Status(Context):
    def status(self, doc: Doc, ents: list[Span]) -> list[Fact]:
        out = []
        dates = list(doc.spans.get("dates", []))
        sents = self.sents
        topic: tuple[int, Span] | None = None  # (sentence, org) of the last `A는` that opened a sentence
        for k, sent in enumerate(sents):
            orgs = [
                e
                for e in ents
                if e.label_ == "ORG" and sent.start_char <= e.start_char < sent.end_char and not _is_gov_or_outlet(e)
            ]
            last_topic = topic
            if orgs and self._tail(orgs[0]) in ("은", "는"):
                topic = (k, orgs[0])
            for e in orgs:  # `가장 극적인 곳은 A다`
                if re.match(r"(?:이)?(?:다|였다|이었다)\s*[.\"”']", self.text[e.end_char : e.end_char + 8]):
                    topic = (k, e)
            ctx = " ".join(self.text[x.start_char : x.end_char] for x in sents[max(0, k - 6) : k + 1])
            if not STATUS_CONTEXT.search(ctx) and not PROGRAMME.search(ctx):
                continue
            hits = self._hits(sent, self.text[sents[k - 1].start_char : sents[k - 1].end_char] if k else "")
            if not any(h.status for h in hits):
                continue
            # `이 회사는 …`: the company the previous sentences were about
            stand_in = None
            m = _ANAPHOR.match(self.text[sent.start_char : sent.end_char])
            if m and last_topic is not None and k - last_topic[0] <= 3:
                stand_in = self.doc.char_span(sent.start_char + m.start(1), sent.start_char + m.end(1))
                if stand_in is not None and not any(e.start_char < stand_in.end_char for e in orgs):
                    orgs = [stand_in, *orgs]
            groups = list(self._groups(orgs))
            assigned = list(self._assign(sent, groups, hits))
            # a sentence with no subject of its own goes on about the topic
            # (`A는 …. 앞서 B가 이끄는 컨소시엄으로 참여했다가 탈락했다`: A was eliminated)
            if (
                stand_in is None
                and last_topic is not None
                and k - last_topic[0] <= 4
                and all(e._.name != last_topic[1]._.name for e in orgs)
            ):
                elided = self._elided_subject_hits(sent, groups, hits)
                if elided:
                    assigned.append(([last_topic[1]], elided))
            for group, found in assigned:
                if stand_in is not None and group[0] is stand_in:
                    group = [last_topic[1]]
                for h in found:
                    date = self._date_near(dates, sent, h.start)
                    out += [
                        self.fact(
                            _eid(e),
                            "programme_status",
                            min(e.start_char, h.start),
                            max(e.end_char, h.start + 2),
                            "rule:status-word",
                            role=h.status,
                            date=date,
                        )
                        for e in group
                    ]
        return out

    # -- the cue words of one sentence ------------------------------------------------------------------------------

    def _hits(self, sent: Span, before: str = "") -> list[_Hit]:
        """The cue words of the sentence; `before` is the previous sentence (for the stage a selection is of)."""
        text, s0 = self.text, sent.start_char
        st = text[s0 : sent.end_char]
        hits: dict[int, _Hit] = {}
        cues = [(status, m) for status, pat in STATUS_WORDS for m in pat.finditer(st)]
        cues += [("applied", m) for m in PARTICIPATION.finditer(st) if PROGRAMME_CALL.search(st[: m.start()])]
        cues += [(None, m) for m in REFUSAL.finditer(st)]
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

    # -- which organisations each cue word belongs to ---------------------------------------------------------------

    def _assign(
        self, sent: Span, groups: list[list[Span]], hits: list[_Hit]
    ) -> Iterable[tuple[list[Span], list[_Hit]]]:
        hard = self._phrase_ends(sent)
        ends = sorted(self._clause_ends(sent) + hard)

        def clause(pos: int) -> int:
            return bisect_right(ends, pos)

        text = self.text
        modifier: dict[int, _Hit] = {}  # group index → the cue that modifies it
        for gi, g in enumerate(groups):
            before = [h for h in hits if h.modifies and h.end <= g[0].start_char]
            if before and _MODIFIES.match(text[before[-1].end : g[0].start_char]):
                modifier[gi] = before[-1]
        taken = {id(h) for h in modifier.values()}
        free = [h for h in hits if id(h) not in taken]
        clauses_with_groups = {clause(g[0].start_char) for g in groups} | {clause(g[-1].end_char - 1) for g in groups}
        for gi, g in enumerate(groups):
            g0, g1 = g[0].start_char, g[-1].end_char
            here = clause(g1 - 1)
            subject = self._tail(g[-1]) in SUBJECT
            nxt = groups[gi + 1][0].start_char if gi + 1 < len(groups) else sent.end_char
            own = [h for h in free if h.start >= g1 and clause(h.start) == here]
            # the predicate before the next group; past it only for a subject the next group does not take over
            # (`A는 B와 함께 선정됐다`, but not `선정된 A, B, C 중 B가 탈락했다`)
            shared = subject and gi + 1 < len(groups) and self._tail(groups[gi + 1][-1]) not in SUBJECT
            own = [h for h in own if h.start < nxt] or (own if shared else [])
            if subject:
                c = here + 1
                while c <= len(ends) and c not in clauses_with_groups and ends[c - 1] not in hard:
                    own += [h for h in free if clause(h.start) == c]
                    c += 1
            if not own and gi not in modifier:
                prior = [h for h in free if h.end <= g0 and clause(h.start) == clause(g0)]
                if not prior and clause(g0) - 1 not in clauses_with_groups:
                    prior = [h for h in free if h.end <= g0 and clause(h.start) == clause(g0) - 1 and g0 - h.end < 80]
                own = [h for h in prior if h.start == prior[-1].start] if prior else []
            found = ([modifier[gi]] if gi in modifier else []) + own
            seen: set[str] = set()
            found = [h for h in found if h.status and not (h.status in seen or seen.add(h.status))]
            if found:
                yield g, found

    def _elided_subject_hits(self, sent: Span, groups: list[list[Span]], hits: list[_Hit]) -> list[_Hit]:
        """The predicates of a sentence whose subject is left out: no word before them is marked as one, but for an
        organisation that is only the subject of a modifier (`B가 이끄는 컨소시엄으로`)."""
        preds = [h for h in hits if h.status and not h.modifies and self._verbal(h.end)]
        if not preds:
            return []
        embedded = {g[-1].end_char for g in groups if self._tail(g[-1]) in ("이", "가") and self._modifier_after(g[-1])}
        for w in self.words:
            if w.start < sent.start_char or w.start >= preds[0].start:
                continue
            if w.tail in SUBJECT and w.core_end not in embedded:
                return []
        seen: set[str] = set()
        return [h for h in preds if not (h.status in seen or seen.add(h.status))]

    def _verbal(self, end: int) -> bool:
        """The eojeol ending at `end` ends in a verb's ending (`탈락했으나`, `통과했다`), not a particle."""
        span = self.doc.char_span(max(0, end - 1), end, alignment_mode="expand")
        return span is not None and len(span) > 0 and re.search(r"E[CF]$", span[-1].tag_) is not None

    def _modifier_after(self, e: Span) -> bool:
        """The eojeol after the organisation's ends in an adnominal ending (`B가 이끄는`)."""
        nxt = next((w for w in self.words if w.start > e.end_char), None)
        return nxt is not None and self._adnominal(nxt.end)

    def _groups(self, orgs: list[Span]) -> Iterable[list[Span]]:
        """Enumerations (`A와 B, C`, `▲A ▲B`, `A를 비롯해 B`) share one status."""
        text = self.text
        group: list[Span] = []
        for e in orgs:
            if group and _JOINERS.fullmatch(text[group[-1].end_char : e.start_char]):
                group.append(e)
                continue
            if group:
                yield group
            group = [e]
        if group:
            yield group

    @staticmethod
    def _date_near(dates: list[Span], sent: Span, pos: int) -> str | None:
        inside = [d for d in dates if sent.start_char <= d.start_char < sent.end_char and any(d._.value or [])]
        if not inside:
            return None
        return next(v for v in min(inside, key=lambda d: abs(d.start_char - pos))._.value if v)
