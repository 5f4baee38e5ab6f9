"""works_at: the person patterns' triples, titles in an organisation's clause, career chains."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from hankg.extract.entities.lexicon import DEPARTMENT, title_of, title_word
from hankg.extract.relations.base import SUBJECT, Context, Ent, _two_word_titles
from hankg.schema import Fact

FOUNDED = re.compile(
    r"^\s*\S{1,12}?(이|가)\s+(세운|설립한|창업한|창립한|이끄는|이끌고\s있는)\s+(회사|기업|스타트업|곳|업체)"
)
QUOTED_SPEECH = re.compile(r"[\"“][^\"”]{2,400}[\"”]")
REPORTER = re.compile(r"\s*(기자|특파원)\b")
# `NAME (TITLE)이 위원장을 맡은 ORG`
HOLDS = re.compile(r"(?:\s+[가-힣A-Z]{1,8})?(?:이|가)\s+(?P<title>[가-힣A-Z]{1,10}?)(?:을|를)\s+(?:맡은|맡고\s있는)\s+")
APPOINTS = re.compile(r"(선임|임명|발탁|내정|영입|선출|위촉)(했|하|됐|되|한|된|해|돼)")


def one_per_post(facts: list[Fact]) -> list[Fact]:
    """One fact per person, organisation and title; a title that ends another one (원장 in 공동원장) is that one."""

    def post(f: Fact) -> str:
        return (f.role or "").replace(" ", "")

    posts: dict[tuple, list[str]] = {}  # (person, org) → its titles, spaceless, first stated first
    kept: list[Fact] = []
    for f in facts:
        titles = posts.setdefault((f.subject, f.object), [])
        if post(f) not in titles:
            titles.append(post(f))
            kept.append(f)
    return [f for f in kept if not any(t != post(f) and t.endswith(post(f)) for t in posts[(f.subject, f.object)])]


class WorksAt(Context):
    def works_at(self, doc: Doc, ents: list[Ent]) -> list[Fact]:
        out = []
        orgs_by_name = {e.name: e for e in ents if e.label_ == "ORG"}
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
                    person.eid, "works_at", role["start"], role["end"], rule, object=org.eid, role=role["title"]
                )
            )
        out += self._career_chain(doc, ents)
        out += self._post_held(ents)
        return one_per_post(out)

    def _post_held(self, ents: list[Ent]) -> list[Fact]:
        """`NAME이 위원장을 맡은 ORG`: the post a person holds in the organisation named after it."""
        out = []
        text = self.text
        for e in ents:
            if e.label_ != "PERSON":
                continue
            m = HOLDS.match(text, e.end_char)
            if m is None or title_of(m["title"]) is None:
                continue
            org = self.ent_at(m.end(), label="ORG")
            if org is not None and org.start_char == m.end():
                out.append(
                    self.fact(e.eid, "works_at", e.start_char, org.end_char, "rule:post-held", object=org.eid,
                              role=m["title"])
                )
        return out

    def _clause_org(self, person: Ent) -> Ent | None:
        """The organisation whose clause a titled name stands in (`X에서는 NAME TITLE이`).

        In an appointment (`X는 신임 원장에 NAME 부사장을 선임했다`) it is the subject that appoints.
        """
        sent = person.sent
        in_sent = self.ents_in[person.k]
        before = [e for e in in_sent if e.label_ == "ORG" and e.start_char < person.start_char and not e.gov]
        if not before:
            return None
        if FOUNDED.match(self.text[person.end_char : person.end_char + 30]):
            subject = next((e for e in before if self._tail(e) in SUBJECT), None)
            if subject is not None:
                return subject  # `X는 … NAME 대표가 설립한 회사다`
        if APPOINTS.search(self.text[person.end_char : sent.end_char]):
            subject = next((e for e in before if self._tail(e) in SUBJECT), None)
            if subject is not None and not any(
                e.label_ == "PERSON"
                and e.start_char < subject.start_char
                and e.rule != "rule:byline"
                and not REPORTER.match(self.text, e.end_char)  # `(서울=뉴스1) NAME 기자 = ORG이 …`
                for e in in_sent
            ):
                return subject
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

    def _career_chain(self, doc: Doc, ents: list[Ent]) -> list[Fact]:
        """`박 대표는 한빛대 교수이자 미르랩 AI 리더 출신으로`, `그는 … 컴페니닷AI CTO를 거쳐`."""
        out = []
        last_person: Ent | None = None
        words = self.words
        claimed = {(r["start"]) for r in doc.user_data.get("hankg.roles", [])}
        role_end = {r.get("person_start", r["start"]): r["end"] for r in doc.user_data.get("hankg.roles", [])}
        for sent, in_sent in zip(self.sents, self.ents_in, strict=True):
            persons = [e for e in in_sent if e.label_ == "PERSON"]
            subject = None
            after = sent.start_char
            for e in persons:
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
                quoted = [m.span() for m in QUOTED_SPEECH.finditer(self.text, subject.end_char, sent.end_char)]
                for e in in_sent:
                    if e.label_ != "ORG":
                        continue
                    if e.start_char <= max(subject.start_char, after - 1):
                        continue
                    if any(a < e.start_char < b for a, b in quoted):
                        continue  # `비서실장은 "… ORG TITLE을 지낸 분"이라고`: the speaker quotes someone else's career
                    w = self.by_end.get(e.end_char)
                    if w is None or w.tail or w.i + 1 >= len(words):
                        continue
                    nxt = words[w.i + 1]
                    for _ in range(
                        2
                    ):  # 미시간대 컴퓨터공학과 교수, 네이버 클로바 CIC 대표: the unit is part of the post
                        unit = DEPARTMENT.search(nxt.core) or nxt.core_tags[:1] in (("SL",), ("NNP",))
                        if not unit or nxt.tail or title_word(nxt) or nxt.i + 1 >= len(words):
                            break
                        nxt = words[nxt.i + 1]
                    title = title_word(nxt)
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
                    if any(
                        p.label_ == "PERSON"
                        and p != subject
                        and subject.end_char <= p.end_char <= e.start_char
                        and e.start_char - p.end_char <= 12
                        for p in ents
                    ):
                        continue  # `요슈아 벤지오 캐나다 몬트리올대 교수`: another person's post
                    out.append(
                        self.fact(
                            subject.eid,
                            "works_at",
                            e.start_char,
                            nxt.core_end,
                            "rule:career-chain",
                            object=e.eid,
                            role=title,
                        )
                    )
            if persons:
                last_person = subject or persons[0]
        return out
