"""partner_of: consortium members and the team they serve."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from hankg.data import wordset
from hankg.extract.relations.base import (
    APPLICANT_LISTING,
    LEAD_WORDS,
    LISTED_IN_TEAM,
    PARTNER_VERBS,
    SUBJECT,
    Context,
    Ent,
)
from hankg.extract.relations.hints import hint
from hankg.schema import Fact

# `(A는) … B가 주관하는 컨소시엄으로 참여했다`: the topic joined B's consortium
JOINED_LEADS_CONSORTIUM = re.compile(
    r"(\S+?)(?:이|가)\s*(?:주관|주도|이끄|이끈)(?:하는|한|는)?\s*컨소시엄(?:으로|에|의\s*일원으로)\s*(?:참여|합류|참가|들어)"
)
_JOINED_HINT = hint(JOINED_LEADS_CONSORTIUM)
# `X는 A, B와 함께`, `파트너로 끌어들였다`: a lead that takes partners on
_TAKING = re.compile(r"함께|파트너|손잡|끌어들|꾸렸|꾸린|구성")
_TAKING_PARTNERS = re.compile(r"컨소시엄|파트너|손잡|참여")
_BULLET = re.compile(r"^\s*[▲△■◆•·\-]")
# `A 컨소시엄`, `A 주관 컨소시엄`, `A 팀은`: the team of A; `A, B 컨소시엄`: listed, the teams of several
_NAMED_TEAM = re.compile(r"^\s*(?:주관|주도)?\s*(컨소시엄|연합|진영|정예팀|팀(?:은|이|의|에는))")
_LISTED = re.compile(r"\s*(?:,|와|과|및|·)\s*['‘]?")
# `모티프 컨소시엄`: a short form of an organisation's name
_SHORT_CONSORTIUM = re.compile(r"(?<![가-힣A-Za-z])([가-힣A-Za-z]{2,})\s*컨소시엄")
# `A와 함께 2차 경쟁에 합류한다`, `추가 공모에 참여한 A`: joining the competition or the call is no joining of
# a consortium
CONTEST = re.compile(r"(?:경쟁|평가|단계|대결|레이스|공모|모집|선발)에\s*(?:합류|참여|참가|지원)")
# what makes a sentence (or the ones before it) about a consortium's make-up
CONSORTIUM_TALK = re.compile(r"컨소시엄|파트너|주도|주관|참여사|참여\s?기관|진용|정예팀에는")


class Partners(Context):
    def partners(self, doc: Doc, ents: list[Ent]) -> list[Fact]:
        """Consortium members and the team they serve.

        The lead is the org of `X 컨소시엄` / `X 주관 컨소시엄` / `X 팀은`, or the one that 주도/이끄 the work,
        or the subject of a sentence about its consortium, or the subject that takes partners on (`X는 A, B와
        함께`), else the paragraph's topic. Members are the other organisations of a sentence that says they
        take part (참여/담당/맡/협력/포함/`정예팀에는 … 이름을 올렸다`), unless it lists the call's applicants.
        """
        out: list[Fact] = []
        text = self.text
        orgs = [e for e in ents if e.label_ == "ORG" and not e.organiser]
        if not orgs:
            return out
        lead: Ent | None = None
        lead_at = -10
        topic: Ent | None = None
        sents = self.sents
        members: set[str] = set()
        talk_before = [0]  # sentences so far that speak of consortia
        for k, sent in enumerate(sents):
            sent_text = text[sent.start_char : sent.end_char]
            talk_before.append(talk_before[-1] + bool(CONSORTIUM_TALK.search(sent_text)))
            s_orgs = [e for e in self.ents_in[k] if e.label_ == "ORG" and not e.organiser]
            here = self._lead_in(sent, s_orgs, orgs)
            if here is not None:
                lead, lead_at = here, k
            taking = _TAKING.search(sent_text) and _TAKING_PARTNERS.search(sent_text)
            bullet = _BULLET.match(sent_text) and lead is not None and k - lead_at <= 6
            # partners taken on or taking part, in a sentence that speaks of consortia or follows one that does,
            # or just after a team named by its lead (`SK텔레콤 팀은 …. A, B 등과 협력한다`)
            named_team = lead is not None and k - lead_at <= 2
            talk = (talk_before[k + 1] > talk_before[max(0, k - 4)] or named_team) and (
                taking or PARTNER_VERBS.search(CONTEST.sub("", sent_text)) or LISTED_IN_TEAM.search(sent_text)
            )
            if (bullet or talk) and not APPLICANT_LISTING.search(sent_text):
                the_lead = lead if lead is not None and k - lead_at <= (6 if bullet else 4) else None
                first = s_orgs[0] if s_orgs else None
                if taking and first is not None and self._tail(first) in SUBJECT:
                    the_lead = first
                the_lead = the_lead or topic
                if the_lead is not None:
                    found = self._members(text, sent, s_orgs, the_lead)
                    out += found
                    members |= {f.subject for f in found}
            if topic is not None and topic.eid not in members:
                out += self._joined(sent, s_orgs, topic)
            # the paragraph's topic: the sentence's one `A는`; not a member, not one of several (`A는 X를, B는 Y를`)
            topics = [e for e in s_orgs if self._tail(e) in ("은", "는")]
            if len(topics) == 1 and topics[0] is s_orgs[0] and topics[0].eid not in members:
                topic = topics[0]
        return self._one_per_pair(out)

    def _lead_in(self, sent: Span, s_orgs: list[Ent], orgs: list[Ent]) -> Ent | None:
        """The consortium lead the sentence names, if any (the last one named wins)."""
        text = self.text
        lead = None
        for i, e in enumerate(s_orgs):
            after = text[e.end_char : min(sent.end_char, e.end_char + 16)]
            # `A, B 컨소시엄을 대상으로`: the consortia of several, no one lead
            listed = i > 0 and _LISTED.fullmatch(text, s_orgs[i - 1].end_char, e.start_char)
            named = _NAMED_TEAM.match(after)
            if named and not listed or (LEAD_WORDS.search(after) and self._tail(e) in SUBJECT):
                lead = e
        # `A는 … 컨소시엄 전열을 가다듬었다`: the subject of a sentence about its consortium (not one joining one)
        first = s_orgs[0] if s_orgs else None
        rest = text[first.end_char : sent.end_char] if first is not None else ""
        if (
            lead is None
            and first is not None
            and self._tail(first) in SUBJECT
            and "컨소시엄" in rest
            and not re.search(r"컨소시엄(?:에|으로|의\s*일원)", rest)
            and len(s_orgs) == 1
        ):
            lead = first
        # `모티프 컨소시엄`: a short form of an organisation the article names in full
        sent_text = text[sent.start_char : sent.end_char]
        for short in _SHORT_CONSORTIUM.finditer(sent_text) if "컨소시엄" in sent_text else ():
            full = [o for o in orgs if o.name.startswith(short.group(1)) and o.name != short.group(1)]
            if full and not any(o.start_char == sent.start_char + short.start(1) for o in s_orgs):
                lead = full[0]
        return lead

    def _joined(self, sent: Span, s_orgs: list[Ent], topic: Ent) -> list[Fact]:
        """`(A는) … B가 주관하는 컨소시엄으로 참여했다`: the topic joined B's consortium."""
        if not _JOINED_HINT.search(self.text, sent.start_char, sent.end_char):
            return []
        joined = JOINED_LEADS_CONSORTIUM.search(self.text[sent.start_char : sent.end_char])
        if not joined:
            return []
        host = next((o for o in s_orgs if o.end_char == sent.start_char + joined.end(1)), None)
        if host is None or host.name == topic.name:
            return []
        return [
            self.fact(
                topic.eid,
                "partner_of",
                host.start_char,
                sent.start_char + joined.end(),
                "rule:joined-consortium",
                object=host.eid,
            )
        ]

    @staticmethod
    def _one_per_pair(facts: list[Fact]) -> list[Fact]:
        """One membership per member and lead (the first that names a role, else the first); a lead is no member."""
        leads = {f.object for f in facts}
        best: dict[tuple, Fact] = {}
        for f in facts:
            if f.subject in leads and sum(g.object == f.subject for g in facts) > 1:
                continue
            key = (f.subject, f.object)
            if key not in best or (best[key].role is None and f.role is not None):
                best[key] = f
        return list(best.values())

    def _members(self, text: str, sent: Span, s_orgs: list[Ent], lead: Ent) -> list[Fact]:
        out = []
        people = {p.start_char for p in self.ents if p.label_ == "PERSON"}
        for e in s_orgs:
            if e.name == lead.name or re.match(r"^\s*(컨소시엄|연합)", text[e.end_char : e.end_char + 6]):
                continue
            if re.search(r"(?:컨소시엄|연합|얼라이언스|동맹)$", e.name):  # a grouping joined, not a member
                continue
            if {e.end_char, e.end_char + 1} & people:  # `하버드대 김아무 교수`: a person's affiliation
                continue
            if re.match(r"^\s*(?:관계자|측은|측이|측에)", text[e.end_char : e.end_char + 6]):  # its spokesperson
                continue
            if LEAD_WORDS.search(text[e.end_char : e.end_char + 20]) and self._tail(e) in SUBJECT:
                continue
            role = re.match(r"^[^,.]*?(?=(?:을|를)?\s*(?:담당|맡|지원한|$|,))", text[e.end_char : sent.end_char])
            # `카이스트(KAIST), 포스텍`: a gloss after the name is no role
            role_text = re.sub(r"^\s*(\([^()]*\)|\))", "", role.group()).strip(" 가이와과는은도") if role else None
            if role and any(e.end_char < o.start_char < e.end_char + role.end() for o in s_orgs):
                role_text = None  # `A와 B, C가 참여한다`: the rest of the listing is no role
            if role_text and PARTNER_VERBS.match(role_text):
                role_text = None  # `A가 참여하며`: the verb is no role
            if role_text and role_text.split()[-1] in wordset("titles"):  # `미시간대 교수도 맡고 있다`: a person's post
                continue
            out.append(
                self.fact(
                    e.eid,
                    "partner_of",
                    e.start_char,
                    min(sent.end_char, e.end_char + 40),
                    "rule:consortium-listing",
                    object=lead.eid,
                    role=(role_text or None) and role_text[:40],
                )
            )
        return out
