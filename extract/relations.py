"""Relations between the entities of one article, read from the clause they stand in.

works_at from the person patterns (and `그는 … ORG TITLE을 거쳐` chains), develops from
`ORG의 MODEL`, `ORG MODEL`, `MODEL(ORG)`, a subject ORG that builds a MODEL, or a curated
developer; parameters attach to the model the value names or sits next to, else to the
clause's subject, else to the article's current topic; partner_of from consortium
listings; programme_status from 선정/통과/진출/탈락/지원 next to an organisation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from hankg.data import actors, wordset
from hankg.extract import extensions  # noqa: F401
from hankg.extract.entities import title_of
from hankg.extract.words import words_of
from hankg.schema import Evidence, Fact, entity_id

SUBJECT = ("은", "는", "이", "가", "도", "이는", "께서")
PROGRAMME = re.compile(
    r"독자\s*(AI|인공지능)\s*파운데이션|독파모|정예팀|국가대표\s*AI|국대\s*AI|K-AI|파운데이션\s*모델\s*(개발\s*)?(사업|프로젝트)"
)
STATUS_WORDS = [
    ("eliminated", re.compile(r"탈락|고배|쓴잔|떨어[지졌진]|제외[됐된되]|(?:문턱|관문)을\s*넘지\s*못")),
    ("passed", re.compile(r"통과|진출|생존|살아남|합격|안착")),
    ("selected", re.compile(r"선정|선발|뽑[혔힌히]")),
    (
        "applied",
        re.compile(
            r"(?:독파모|사업|프로젝트|공모|모집|평가)에\s*(?:재)?지원(?:했|한|해|하)|지원서|신청(?:했|한|서|\s*접수)|"
            r"도전장|출사표|(?:곳|팀|컨소시엄|기업)[이가]\s*(?:지원|신청)했|공모에는|모집에는|접수(?:한|했|를\s*마감)"
        ),
    ),
]
STATUS_CONTEXT = re.compile(r"정예팀|팀|컨소시엄|평가|단계|차전|독파모|프로젝트|사업|모집|국가대표|국대|패자부활")
BUILD_VERBS = re.compile(
    r"개발|공개|출시|선보|만들|만든|내놓|내놨|내놓을|기반|구축|발표|고도화|키우|키운|키워|확장|"
    r"학습|훈련|설계|내세|앞세|제출|탑재|승부|자체"
)
PARTNER_VERBS = re.compile(r"담당|맡|참여|합류|협력|지원한다|지원하|참가|돕|제공")
LEAD_WORDS = re.compile(r"주도|주관|이끄|이끌|이끈")
COMPARED = re.compile(r"^['’\"”]?\s*(모델\s*|모델의\s*)?(수준|급|대비|처럼|같은|정도|보다|만큼|등\s*최신|못지않|버금)")
GOV_HEADS = ("부", "처", "청", "위원회", "진흥원", "정보원", "기획평가원")


_QUOTED_TAIL = re.compile(r"^(?:\([^()]*\))?['’\"”]?(은|는|이|가|도|의|을|를|와|과)(?![가-힣])")


def _eid(span: Span) -> str:
    return entity_id({"ORG": "organization", "PERSON": "person", "MODEL": "model"}[span.label_], span._.name)


def _is_gov_or_outlet(span: Span) -> bool:
    name = span._.name or ""
    return (span._.rule or "").startswith(("rule:source", "rule:outlet", "rule:byline")) or name.endswith(GOV_HEADS)


class RelationExtractor:
    """`hankg_relations`: fills `doc._.facts` with `Fact` records."""

    def __init__(self, aliases: tuple[str, ...] = ()):
        self.aliases = aliases

    def __call__(self, doc: Doc) -> Doc:
        self.doc = doc
        self.text = doc.text  # Doc.text is rebuilt from tokens on every access: read it once
        self.sents = list(doc.sents)
        self.words = words_of(doc)
        self.by_end = {w.core_end: w for w in self.words}
        ents = [e for e in doc.ents if e._.name]
        self.ents = ents
        facts: list[Fact] = []
        facts += self.works_at(doc, ents)
        self._develops = self.develops(doc, ents)
        facts += self._develops
        facts += self.one_size_claim(self.parameters(doc, ents), facts)
        programme = bool(PROGRAMME.search(self.text) or re.search(r"파운데이션\s*모델|컨소시엄", self.text))
        partners = self.partners(doc, ents)
        facts += partners
        if programme:
            members = {(f.subject, self._sent_index(f.evidence.start)) for f in partners}
            facts += [
                f for f in self.status(doc, ents) if (f.subject, self._sent_index(f.evidence.start)) not in members
            ]
        doc._.facts = (doc._.facts or []) + facts
        return doc

    def _tail(self, span: Span) -> str:
        """The particle after a mention, also behind a closing quote: `'A.X K1'은` → 은."""
        w = self.by_end.get(span.end_char)
        if w is not None and w.tail:
            return w.tail
        m = _QUOTED_TAIL.match(self.text[span.end_char : span.end_char + 40])
        return m.group(1) if m else ""

    def _sent_index(self, char: int) -> int:
        return next((i for i, s in enumerate(self.sents) if s.start_char <= char < s.end_char), -1)

    # -- helpers ---------------------------------------------------------------------
    def ent_at(self, start: int, end: int | None = None, label: str | None = None) -> Span | None:
        for e in self.ents:
            if e.start_char <= start < e.end_char and (label is None or e.label_ == label):
                return e
        return None

    def fact(self, subject: str, relation: str, start: int, end: int, rule: str, **kw) -> Fact:
        return Fact(subject=subject, relation=relation, evidence=Evidence(start=start, end=end), extractor=rule, **kw)

    # -- works_at --------------------------------------------------------------------
    def works_at(self, doc: Doc, ents: list[Span]) -> list[Fact]:
        out = []
        orgs_by_name = {e._.name: e for e in ents if e.label_ == "ORG"}
        for role in doc.user_data.get("hankg.roles", []):
            person = self.ent_at(role.get("person_start", role["start"]), label="PERSON")
            if person is None:
                continue
            org = None
            rule = role["rule"]
            if role["org"]:
                org = self.ent_at(role["org"][0], label="ORG")
            elif role["org_name"]:
                org = orgs_by_name.get(role["org_name"])
            else:
                org = self._clause_org(person)
                rule = "rule:title-in-org-clause"
            if org is None:
                continue
            out.append(
                self.fact(
                    _eid(person), "works_at", role["start"], role["end"], rule, object=_eid(org), role=role["title"]
                )
            )
        out += self._career_chain(doc, ents)
        seen: set[tuple] = set()  # one title per person and organisation: the first stated
        return [f for f in out if not ((f.subject, f.object) in seen or seen.add((f.subject, f.object)))]

    def _clause_org(self, person: Span) -> Span | None:
        """The organisation whose clause a titled name stands in (`X에서는 NAME TITLE이`)."""
        sent = person.sent
        before = [
            e
            for e in self.ents
            if e.label_ == "ORG" and sent.start_char <= e.start_char < person.start_char and not _is_gov_or_outlet(e)
        ]
        if not before:
            return None
        org = before[-1]
        tail = self._tail(org)
        between = self.text[org.end_char : person.start_char]
        if (
            tail in ("은", "는", "에서는", "에서", "에선", "의")
            and len(between) <= 12
            and not any(e.label_ == "PERSON" for e in self.ents if org.end_char <= e.start_char < person.start_char)
        ):
            return org
        return None

    def _career_chain(self, doc: Doc, ents: list[Span]) -> list[Fact]:
        """`박 대표는 한빛대 교수이자 미르랩 AI 리더 출신으로`, `그는 … 컴페니닷AI CTO를 거쳐`."""
        out = []
        last_person: Span | None = None
        words = self.words
        claimed = {(r["start"]) for r in doc.user_data.get("hankg.roles", [])}
        role_end = {
            r.get("person_start", r["start"]): r["end"] for r in doc.user_data.get("hankg.roles", [])
        }
        for sent in self.sents:
            subject = None
            after = sent.start_char
            for e in ents:
                if e.label_ != "PERSON" or not sent.start_char <= e.start_char < sent.end_char:
                    continue
                end = role_end.get(e.start_char)
                if self._tail(e) in SUBJECT:
                    subject, after = e, e.end_char
                    break
                w = self.by_end.get(end) if end else None
                if w is not None and w.tail in SUBJECT:  # `윤서하 다온랩 대표는 … 누리칩스 CTO를 거쳐`
                    subject, after = e, end
                    break
            if subject is None and re.match(
                r"^\s*(그는|그가|그녀는|그녀가)", self.text[sent.start_char : sent.end_char]
            ):
                subject = last_person
            if subject is not None:
                for e in ents:
                    if e.label_ != "ORG" or not (sent.start_char <= e.start_char < sent.end_char):
                        continue
                    if e.start_char <= max(subject.start_char, after - 1):
                        continue
                    w = self.by_end.get(e.end_char)
                    if w is None or w.tail or w.i + 1 >= len(words):
                        continue
                    nxt = words[w.i + 1]
                    title = title_of(nxt.core)
                    if (
                        nxt.gap_before == " "
                        and not title
                        and nxt.i + 1 < len(words)
                        and f"{nxt.core} {words[nxt.i + 1].core}" in _two_word_titles()
                    ):
                        title = f"{nxt.core} {words[nxt.i + 1].core}"
                        nxt = words[nxt.i + 1]
                    if not title or nxt.gap_before.strip():
                        continue
                    if e.start_char - 30 > subject.end_char and not re.match(
                        r"^(이자|를|을|로|으로|출신|,)?", nxt.tail
                    ):
                        continue
                    # a title right after an org that a NAME introduced is that name's, not ours
                    prev = words[w.i - 1] if w.i > 0 else None
                    if prev is not None and prev.core_start in claimed:
                        continue
                    out.append(
                        self.fact(
                            _eid(subject),
                            "works_at",
                            e.start_char,
                            nxt.core_end,
                            "rule:career-chain",
                            object=_eid(e),
                            role=title,
                        )
                    )
            persons = [e for e in ents if e.label_ == "PERSON" and sent.start_char <= e.start_char < sent.end_char]
            if persons:
                last_person = subject or persons[0]
        return out

    # -- develops --------------------------------------------------------------------
    def develops(self, doc: Doc, ents: list[Span]) -> list[Fact]:
        out = []
        text = self.text
        table = actors(self.aliases)
        orgs = [e for e in ents if e.label_ == "ORG"]
        org_names = {e._.name for e in orgs}
        for i, m in enumerate(ents):
            if m.label_ != "MODEL":
                continue
            prev = ents[i - 1] if i > 0 else None
            between = text[prev.end_char : m.start_char] if prev is not None else ""
            if (
                prev is not None
                and prev.label_ == "ORG"
                and len(between) <= 4
                and re.fullmatch(r"\s*(의)?\s*['‘\"“]?\s*", between)
                and not _is_gov_or_outlet(prev)
            ):
                rule = "rule:org-of-model" if "의" in between else "rule:org-model"
                out.append(self.fact(_eid(prev), "develops", prev.start_char, m.end_char, rule, object=_eid(m)))
                continue
            after = text[m.end_char : m.end_char + 30]
            pm = re.match(r"^['’\"”]?\s*\(([^()]+)\)", after)
            if pm:
                o = self.ent_at(m.end_char + pm.start(1), label="ORG")
                if o is not None:
                    out.append(
                        self.fact(_eid(o), "develops", m.start_char, o.end_char, "rule:model-paren-org", object=_eid(m))
                    )
                    continue
            # the clause's subject organisation building the model
            sent = m.sent
            subj = None
            for e in ents:
                if (
                    e.label_ == "ORG"
                    and sent.start_char <= e.start_char < m.start_char
                    and self._tail(e) in SUBJECT
                    and not _is_gov_or_outlet(e)
                ):
                    subj = e
            compared = COMPARED.match(text[m.end_char : m.end_char + 12])
            window = (text[subj.end_char : m.start_char] if subj is not None else "") + text[
                m.end_char : sent.end_char
            ][:40]
            if (
                subj is not None
                and not compared
                and BUILD_VERBS.search(window)
                and not any(o.label_ == "ORG" and subj.end_char <= o.start_char < m.start_char for o in orgs)
            ):
                out.append(
                    self.fact(
                        _eid(subj), "develops", subj.start_char, m.end_char, "rule:subject-builds-model", object=_eid(m)
                    )
                )
        # a model of a family whose developer the article states: 하늘 2.0 → 하늘 3.0
        from hankg.extract.entities import FAMILY

        dev_of_family: dict[str, str] = {}
        for f in out:
            fam = FAMILY.match(f.object.split(":", 1)[1])
            if fam:
                dev_of_family.setdefault(fam.group(1).strip(" -"), f.subject)
        have = {f.object for f in out}
        for m in ents:
            fam = FAMILY.match(m._.name) if m.label_ == "MODEL" else None
            if fam and _eid(m) not in have and fam.group(1).strip(" -") in dev_of_family:
                have.add(_eid(m))
                out.append(
                    self.fact(
                        dev_of_family[fam.group(1).strip(" -")],
                        "develops",
                        m.start_char,
                        m.end_char,
                        "rule:model-family",
                        object=_eid(m),
                    )
                )
        for m in ents:
            if m.label_ != "MODEL" or _eid(m) in have:
                continue
            head = re.match(r"^([가-힣]{2,}|[A-Za-z]{3,})", m._.name)
            if head is None:
                continue
            makers = sorted({o._.name for o in orgs if o._.name.startswith(head.group(1)) and o._.name != m._.name})
            if len(makers) == 1:
                have.add(_eid(m))
                out.append(self.fact(entity_id("organization", makers[0]), "develops", m.start_char, m.end_char,
                                     "rule:named-after-maker", object=_eid(m)))
        # curated developers, when the developer is named in the same article
        seen = {(f.subject, f.object) for f in out}
        longest_first = sorted(table.developer.items(), key=lambda kv: -len(kv[0]))
        for m in ents:
            if m.label_ != "MODEL":
                continue
            dev = table.developer.get(m._.name) or next(
                (d for name, d in longest_first if m._.name.startswith(name)), None
            )
            if dev and dev in org_names:
                key = (entity_id("organization", dev), _eid(m))
                if key not in seen:
                    seen.add(key)
                    out.append(self.fact(key[0], "develops", m.start_char, m.end_char, "kb:developer", object=key[1]))
        return out

    # -- parameters ------------------------------------------------------------------
    def parameters(self, doc: Doc, ents: list[Span]) -> list[Fact]:
        out = []
        text = self.text
        topic: Span | None = None
        previous: Span | None = None
        own = {f.object for f in doc._.facts or [] if f.relation == "develops"} | {
            f.object for f in self._develops if f.relation == "develops"
        }
        values = sorted(doc.spans.get("values", []), key=lambda s: s.start_char)
        vi = 0
        for sent in self.sents:
            sents_ents = [e for e in ents if sent.start_char <= e.start_char < sent.end_char]
            here_topic = previous or topic
            while vi < len(values) and values[vi].start_char < sent.end_char:
                v = values[vi]
                vi += 1
                if v.label_ != "PARAMS":
                    continue
                sent_text = text[sent.start_char : sent.end_char]
                heading = re.match(r"^\s*[■◇◆▶►●【\[]", sent_text) or re.match(
                    r"^['‘\"“]", text[v.start_char - 1 : v.start_char]
                )
                subj, rule = self._size_subject(text, v, sents_ents, None if heading else here_topic)
                if subj is None:
                    continue
                out.append(
                    self.fact(
                        _eid(subj),
                        "parameters",
                        v.start_char,
                        v.end_char,
                        rule,
                        value=v._.value,
                        max=v._.max,
                        unit="params",
                    )
                )
            cands = [
                e
                for e in sents_ents
                if not _is_gov_or_outlet(e) and (e.label_ == "ORG" or (e.label_ == "MODEL" and _eid(e) in own))
            ]
            previous = cands[-1] if cands else None
            for e in sents_ents:
                own_model = e.label_ == "MODEL" and (e._.rule or "").startswith("rule:quoted")
                if (e.label_ == "ORG" or own_model) and self._tail(e) in SUBJECT and not _is_gov_or_outlet(e):
                    topic = e
        return out

    def _size_subject(self, text: str, v: Span, ents: list[Span], topic: Span | None) -> tuple[Span | None, str]:
        inside = next((e for e in ents if e.label_ == "MODEL" and e.start_char <= v.start_char < e.end_char), None)
        if inside is not None:
            return inside, "rule:size-in-model-name"
        after = [
            e
            for e in ents
            if e.label_ == "MODEL"
            and 0 <= e.start_char - v.end_char <= 32
            and not re.search(r"[,.]|[고며]\s", text[v.end_char : e.start_char])
        ]
        if after:
            return after[0], "rule:size-before-model"
        before = [
            e for e in ents if e.end_char <= v.start_char and e.label_ in ("ORG", "MODEL") and not _is_gov_or_outlet(e)
        ]
        if before:
            last = before[-1]
            gap = text[last.end_char : v.start_char]
            if last.label_ == "MODEL" and len(gap) <= 4:
                return last, "rule:model-size"
            if re.fullmatch(r"\s*의\s*", gap):
                return last, "rule:org-of-size"
            marked = [e for e in before if self._tail(e) in SUBJECT]
            if marked:
                return marked[-1], "rule:clause-subject-size"
            return last, "rule:nearest-size"
        later = [
            e
            for e in ents
            if e.start_char >= v.end_char
            and e.label_ == "ORG"
            and self._tail(e) in SUBJECT
            and not _is_gov_or_outlet(e)
        ]
        if later:
            return later[0], "rule:sentence-subject-size"
        if topic is not None:
            return topic, "rule:topic-size"
        return None, ""

    @staticmethod
    def one_size_claim(sizes: list[Fact], facts: list[Fact]) -> list[Fact]:
        """A size stated twice of a team and of the model it develops is one claim: keep the first."""
        builds = {(f.subject, f.object) for f in facts if f.relation == "develops"}
        kept: list[Fact] = []
        for f in sizes:
            same = [k for k in kept if (k.value, k.max) == (f.value, f.max)]
            if any(
                k.subject == f.subject or (k.subject, f.subject) in builds or (f.subject, k.subject) in builds
                for k in same
            ):
                continue
            kept.append(f)
        return kept

    # -- partner_of ------------------------------------------------------------------
    def partners(self, doc: Doc, ents: list[Span]) -> list[Fact]:
        """Consortium members and the team they serve.

        The lead is the org of `X 컨소시엄`, or the one that 주도/이끄 the work, or the
        subject that takes partners on (`X는 A, B와 함께`), else the paragraph's topic.
        """
        out = []
        text = self.text
        orgs = [e for e in ents if e.label_ == "ORG" and not _is_gov_or_outlet(e)]
        if not orgs:
            return out
        lead: Span | None = None
        lead_at = -10
        topic: Span | None = None
        sents = self.sents
        for k, sent in enumerate(sents):
            s_orgs = [e for e in orgs if sent.start_char <= e.start_char < sent.end_char]
            sent_text = text[sent.start_char : sent.end_char]
            for e in s_orgs:
                after = text[e.end_char : min(sent.end_char, e.end_char + 16)]
                if re.match(r"^\s*(컨소시엄|연합|진영)", after) or (
                    LEAD_WORDS.search(after) and self._tail(e) in SUBJECT
                ):
                    lead, lead_at = e, k
            # `모티프 컨소시엄`: a short form of an organisation the article names in full
            for short in re.finditer(r"(?<![가-힣A-Za-z])([가-힣A-Za-z]{2,})\s*컨소시엄", sent_text):
                full = [o for o in orgs if o._.name.startswith(short.group(1)) and o._.name != short.group(1)]
                if full and not any(o.start_char == sent.start_char + short.start(1) for o in s_orgs):
                    lead, lead_at = full[0], k
            ctx = " ".join(text[x.start_char : x.end_char] for x in sents[max(0, k - 2) : k + 1])
            taking = re.search(r"함께|파트너|손잡|끌어들|꾸렸|꾸린|구성", sent_text) and re.search(
                r"컨소시엄|파트너|손잡|참여", sent_text
            )
            bullet = re.match(r"^\s*[▲△■◆•·\-]", sent_text) and lead is not None and k - lead_at <= 6
            if bullet or (PARTNER_VERBS.search(sent_text) or taking) and re.search(
                r"컨소시엄|파트너|주도|주관|참여사|진용", ctx
            ):
                the_lead = lead if lead is not None and k - lead_at <= (6 if bullet else 4) else None
                first = s_orgs[0] if s_orgs else None
                if taking and first is not None and self._tail(first) in SUBJECT:
                    the_lead = first
                the_lead = the_lead or topic
                if the_lead is not None:
                    out += self._members(text, sent, s_orgs, the_lead)
            for e in s_orgs:
                if self._tail(e) in ("은", "는") and e.start_char - sent.start_char < 3:
                    topic = e
        return out

    def _members(self, text: str, sent: Span, s_orgs: list[Span], lead: Span) -> list[Fact]:
        out = []
        for e in s_orgs:
            if e._.name == lead._.name or re.match(r"^\s*(컨소시엄|연합)", text[e.end_char : e.end_char + 6]):
                continue
            if LEAD_WORDS.search(text[e.end_char : e.end_char + 20]) and self._tail(e) in SUBJECT:
                continue
            role = re.match(r"^[^,.]*?(?=(?:을|를)?\s*(?:담당|맡|지원한|$|,))", text[e.end_char : sent.end_char])
            role_text = role.group().strip(" 가이와과는은도") if role else None
            out.append(
                self.fact(
                    _eid(e),
                    "partner_of",
                    e.start_char,
                    min(sent.end_char, e.end_char + 40),
                    "rule:consortium-listing",
                    object=_eid(lead),
                    role=(role_text or None) and role_text[:40],
                )
            )
        return out

    # -- programme_status ------------------------------------------------------------
    def status(self, doc: Doc, ents: list[Span]) -> list[Fact]:
        out = []
        dates = list(doc.spans.get("dates", []))
        sents = self.sents
        for k, sent in enumerate(sents):
            ctx = " ".join(self.text[x.start_char : x.end_char] for x in sents[max(0, k - 6) : k + 1])
            if not STATUS_CONTEXT.search(ctx) and not PROGRAMME.search(ctx):
                continue
            hits = [
                (m.start() + sent.start_char, status)
                for status, pat in STATUS_WORDS
                for m in pat.finditer(self.text[sent.start_char : sent.end_char])
            ]
            if not hits:
                continue
            orgs = [
                e
                for e in ents
                if e.label_ == "ORG" and sent.start_char <= e.start_char < sent.end_char and not _is_gov_or_outlet(e)
            ]
            for group in self._groups(orgs):
                g0, g1 = group[0].start_char, group[-1].end_char
                best = min(hits, key=lambda h: (g0 - h[0]) if h[0] < g0 else (h[0] - g1) + 1)
                dist = (g0 - best[0]) if best[0] < g0 else best[0] - g1
                if dist > 80:
                    continue
                date = self._date_near(dates, sent, best[0])
                for e in group:
                    out.append(
                        self.fact(
                            _eid(e),
                            "programme_status",
                            min(e.start_char, best[0]),
                            max(e.end_char, best[0] + 2),
                            "rule:status-word",
                            role=best[1],
                            date=date,
                        )
                    )
        return out

    def _groups(self, orgs: list[Span]) -> Iterable[list[Span]]:
        """Enumerations (`A와 B, C`, `▲A ▲B`) share one status."""
        text = self.text
        group: list[Span] = []
        for e in orgs:
            if group and re.fullmatch(r"(와|과|및|,|·|ㆍ|\s|▲|△|이나|나|랑)*", text[group[-1].end_char : e.start_char]):
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


@cache
def _two_word_titles() -> frozenset[str]:
    return frozenset(t for t in wordset("titles") if " " in t)


@Language.factory("hankg_relations", default_config={"aliases": []})
def make_relations(nlp: Language, name: str, aliases: list[str]) -> RelationExtractor:
    return RelationExtractor(tuple(aliases))
