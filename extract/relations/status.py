"""programme_status: 선정/통과/진출/탈락/지원 said of an organisation, read clause by clause.

A status word belongs to the organisations of its own clause: the ones it modifies (`탈락한 A와 B`), else the
subject it is the predicate of (`A, B가 통과했고 C는 탈락했다`: C gets only 탈락), carried on through the
following clauses that name no organisation of their own (`A는 지원했지만 탈락했다`: both), and in a sentence with
no subject of its own to the topic of the last sentences (`이 회사는 …` too, and `세 팀은 …` for the three just
listed). A refusal (`불참`, `발을 뺐다`) owns its clause but states no status. What each cue word states:
status_cues.py.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from hankg.extract.relations.base import PROGRAMME, STATUS_CONTEXT, SUBJECT, Ent
from hankg.extract.relations.status_cues import STATUS_HINT, StatusCues, _Hit
from hankg.schema import Fact

# a sentence about "this company" (`이 회사는`, `같은 스타트업이`)
_ANAPHOR = re.compile(
    r"^(?:[^\s]+\s+)?((?:이|그|해당|같은)\s*(?:회사|기업|업체|스타트업|컨소시엄|팀))(?:은|는|이|가|도)\s"
)
# a sentence about the several just listed (`세 팀은`, `이들 3개 팀은`, `양사는`)
_PLURAL_ANAPHOR = re.compile(
    r"^(?:[^\s]+\s+)?((?:이들\s*)?(두|세|네|다섯|[2-9]\s*개)\s*(?:팀|곳|회사|기업|컨소시엄|사)|양사|이들)(?:은|는|이|가|도)\s"
)
# `가장 극적인 곳은 A다`: the organisation is the sentence's predicate
_COPULA_AFTER = re.compile(r"(?:이)?(?:다|였다|이었다)\s*[.\"”']")
_COUNTS = {"두": 2, "세": 3, "네": 4, "다섯": 5, **{str(n): n for n in range(2, 10)}}
# between a modifying cue and the organisations it modifies: marks, quotes, at most one short word
_MODIFIES = re.compile(r"^[\s▲△■◆•·'’\"”‘“]*(?:[가-힣A-Za-z0-9]{1,6}\s+[▲△'‘“]?)?$")
# that one word with a particle is what the cue modifies (`선정된 정예팀에는 엔비디아의 GPU`: the team; but
# `탈락한 팀은 A와 B였다` names the team)
_MODIFIES_WORD = re.compile(r"[가-힣](?:에는|에게|에서|에|을|를)\s+[▲△'‘“]?$")
# between two organisations of one enumeration: marks, conjunctions, `A를 비롯해 B`, a name not recognised
# between commas (`A, 미지의 이름, B`), a category label (`A 등 대형 IT 기업, B`)
_JOINERS = re.compile(
    r"(와|과|및|,|·|ㆍ|\s|▲|△|['’\"”‘“()]|\(\d{6}\)|이나|나|랑|(?:을|를)\s*비롯(?:해|한)|에\s*이어|뿐\s*아니라|"
    r",\s*[가-힣A-Za-z0-9]{2,12}(?=\s*,)|등\s+[^,.은는이가을를]{1,20},)*"
)


class Status(StatusCues):
    def status(self, doc: Doc, ents: list[Ent]) -> list[Fact]:
        out = []
        sents = self.sents
        topic: tuple[int, Ent] | None = None  # (sentence, org) of the last `A는` that opened a sentence
        listed: tuple[int, list[Ent]] | None = None  # (sentence, orgs) of the last enumeration of several
        text = self.text
        # STATUS_CONTEXT has no space in it: it is found in the last sentences joined iff in one of them
        context_before = [0]  # sentences so far that give a status its context
        for k, sent in enumerate(sents):
            sent_text = text[sent.start_char : sent.end_char]
            context_before.append(context_before[-1] + bool(STATUS_CONTEXT.search(sent_text)))
            orgs = [e for e in self.ents_in[k] if e.label_ == "ORG" and not e.gov]
            last_topic, last_listed = topic, listed
            several = [g for g in self._groups(orgs) if len({e.name for e in g}) > 1] if len(orgs) > 1 else []
            if several:
                listed = (k, several[-1])
            if orgs and self._tail(orgs[0]) in ("은", "는"):
                topic = (k, orgs[0])
            for e in orgs:  # `가장 극적인 곳은 A다`
                if _COPULA_AFTER.match(text, e.end_char, e.end_char + 8):
                    topic = (k, e)
            if not STATUS_HINT.search(sent_text):
                continue  # no cue word: no status (`_hits` finds none)
            if context_before[k + 1] == context_before[max(0, k - 6)]:
                ctx = " ".join(text[x.start_char : x.end_char] for x in sents[max(0, k - 6) : k + 1])
                if not PROGRAMME.search(ctx):
                    continue
            hits = self._hits(sent, text[sents[k - 1].start_char : sents[k - 1].end_char] if k else "")
            if not any(h.status for h in hits):
                continue
            # `이 회사는 …`: the company the previous sentences were about; `세 팀은 …`: the three just listed
            stand_in, stands_for = None, []
            m = _ANAPHOR.match(self.text[sent.start_char : sent.end_char])
            if m and last_topic is not None and k - last_topic[0] <= 3:
                stands_for = [last_topic[1]]
            elif m := _PLURAL_ANAPHOR.match(self.text[sent.start_char : sent.end_char]):
                many = 2 if m.group(1) == "양사" else _COUNTS.get(re.sub(r"\s|개", "", m.group(2) or ""))
                if last_listed is not None and k - last_listed[0] <= 2:
                    if many is None or len({e.name for e in last_listed[1]}) == many:
                        stands_for = last_listed[1]
            if stands_for:
                stand_in = self._stand_in(sent.start_char + m.start(1), sent.start_char + m.end(1), k)
                if stand_in is not None and not any(e.start_char < stand_in.end_char for e in orgs):
                    orgs = [stand_in, *orgs]
                else:
                    stand_in = None
            groups = list(self._groups(orgs))
            assigned = list(self._assign(sent, groups, hits))
            # a sentence with no subject of its own goes on about the topic
            # (`A는 …. 앞서 B가 이끄는 컨소시엄으로 참여했다가 탈락했다`: A was eliminated)
            if (
                stand_in is None
                and last_topic is not None
                and k - last_topic[0] <= 4
                and all(e.name != last_topic[1].name for e in orgs)
            ):
                elided = self._elided_subject_hits(sent, groups, hits)
                if elided:
                    assigned.append(([last_topic[1]], elided))
            for group, found in assigned:
                if stand_in is not None and group[0] is stand_in:
                    group = stands_for
                for h in found:
                    date = self._date_near(sent, h.start)
                    for e in group:
                        # the evidence stays in this sentence, also for a topic named before it
                        start, end = (min(e.start_char, h.start), max(e.end_char, h.start + 2))
                        rule = "rule:status-word"
                        if e.start_char < sent.start_char:
                            start, end, rule = h.start, h.end, "rule:status-of-topic"
                        out.append(self.fact(e.eid, "programme_status", start, end, rule, role=h.status, date=date))
        return out

    # -- which organisations each cue word belongs to ---------------------------------------------------------------

    def _assign(
        self, sent: Span, groups: list[list[Ent]], hits: list[_Hit]
    ) -> Iterable[tuple[list[Ent], list[_Hit]]]:
        hard = self._phrase_ends(sent)
        ends = sorted(self._clause_ends(sent) + hard)

        def clause(pos: int) -> int:
            return bisect_right(ends, pos)

        text = self.text
        modifier: dict[int, _Hit] = {}  # group index → the cue that modifies it
        spent: set[int] = set()  # cues that modify a noun between them and the group
        for gi, g in enumerate(groups):
            before = [h for h in hits if h.modifies and h.end <= g[0].start_char]
            if before and _MODIFIES.match(gap := text[before[-1].end : g[0].start_char]):
                if _MODIFIES_WORD.search(gap):
                    spent.add(id(before[-1]))
                else:
                    modifier[gi] = before[-1]
        taken = {id(h) for h in modifier.values()} | spent
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
            # `B가 발표한 지표에서 … 선정됐다`: the subject of a modifier only, unless what it modifies is its own team
            # (`B가 이끄는 컨소시엄으로 참여했다가 탈락했다`: B's team, B's fate)
            modified = self._modified_noun(g[-1]) if self._tail(g[-1]) in ("이", "가") else None
            if modified is not None and not re.match(r"(?:컨소시엄|정예팀|팀|연합)", modified.core):
                own = [h for h in own if h.end <= modified.start]
                subject = False
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

    def _elided_subject_hits(self, sent: Span, groups: list[list[Ent]], hits: list[_Hit]) -> list[_Hit]:
        """The predicates of a sentence whose subject is left out: no word before them is marked as one, but for an
        organisation that is only the subject of a modifier (`B가 이끄는 컨소시엄으로`)."""
        preds = [h for h in hits if h.status and not h.modifies and self._verbal(h.end)]
        if not preds:
            return []
        embedded = {g[-1].end_char for g in groups if self._tail(g[-1]) in ("이", "가") and self._modifier_after(g[-1])}
        first, last = bisect_left(self.word_starts, sent.start_char), bisect_left(self.word_starts, preds[0].start)
        if any(w.tail in SUBJECT and w.core_end not in embedded for w in self.words[first:last]):
            return []
        seen: set[str] = set()
        return [h for h in preds if not (h.status in seen or seen.add(h.status))]

    def _verbal(self, end: int) -> bool:
        """The eojeol ending at `end` ends in a verb's ending (`탈락했으나`, `통과했다`), not a particle."""
        span = self.doc.char_span(max(0, end - 1), end, alignment_mode="expand")
        return span is not None and len(span) > 0 and re.search(r"E[CF]$", span[-1].tag_) is not None

    def _words_after(self, e: Ent, n: int) -> list:
        """The next `n` words after the organisation, a particle behind a closing quote skipped (`'B'가`)."""
        i = bisect_right(self.word_starts, e.end_char)
        return [w for w in self.words[i : i + n + 2] if not all(t.startswith("J") for t in w.tags)][:n]

    def _modifier_after(self, e: Ent) -> bool:
        """The eojeol after the organisation's ends in an adnominal ending (`B가 이끄는`)."""
        nxt = self._words_after(e, 1)
        return bool(nxt) and self._adnominal(nxt[0].end)

    def _modified_noun(self, e: Ent):
        """After `B가 이끄는`: the word the modifier modifies (컨소시엄), when the organisation is its subject."""
        after = self._words_after(e, 2)
        return after[1] if len(after) == 2 and self._adnominal(after[0].end) else None

    def _groups(self, orgs: list[Ent]) -> Iterable[list[Ent]]:
        """Enumerations (`A와 B, C`, `▲A ▲B`, `A를 비롯해 B`) share one status."""
        text = self.text
        group: list[Ent] = []
        for e in orgs:
            if group and _JOINERS.fullmatch(text[group[-1].end_char : e.start_char]):
                group.append(e)
                continue
            if group:
                yield group
            group = [e]
        if group:
            yield group

    def _date_near(self, sent: Span, pos: int) -> str | None:
        """The value of the sentence's date nearest to `pos`."""
        s0, s1 = sent.start_char, sent.end_char
        inside = [d for a, _, d in self.dates() if s0 <= a < s1 and any(self.date_value(d))]
        if not inside:
            return None
        return next(v for v in self.date_value(min(inside, key=lambda d: abs(d.start_char - pos))) if v)

    def _stand_in(self, start: int, end: int, k: int) -> Ent | None:
        """`이 회사`, `세 팀`: the words that stand in for organisations named before, as a mention of its own."""
        span = self.doc.char_span(start, end)
        return None if span is None else Ent(span, None, None, self.sents[k], k)
