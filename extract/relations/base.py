"""What every relation rule shares: cue-word patterns, entity ids, and the per-Doc context."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from spacy.tokens import Doc, Span

from hankg.data import wordset
from hankg.extract.words import Word, words_of
from hankg.schema import Evidence, Fact, entity_id

SUBJECT = ("은", "는", "이", "가", "도", "이는", "께서")
PROGRAMME = re.compile(
    r"독자\s*(AI|인공지능)\s*파운데이션|독파모|정예팀|국가대표\s*AI|국대\s*AI|K-AI|파운데이션\s*모델\s*(개발\s*)?(사업|프로젝트)"
)
STATUS_WORDS = [
    ("eliminated", re.compile(r"탈락|고배|쓴잔|떨어[지졌진]|제외[됐된되]|(?:문턱|관문)을\s*넘지\s*못|밀려[나난났]")),
    ("passed", re.compile(r"통과|진출|생존|살아남|합격|안착")),
    (
        "selected",
        re.compile(
            r"선정|선발|뽑[혔힌히]|(?:정예\s*\d*\s*팀|(?:최종\s*)?명단)에(?:는)?\s*(?:이름을\s*올|포함|들|올랐|오르)|"
            r"(?:주축이\s*된|이끄는|이끈|주도하는|주도한)\s*정예\s*(?:개발\s*)?팀"
        ),
    ),
    (
        "applied",
        re.compile(
            r"(?:독파모|사업|프로젝트|공모|모집|평가|선발)에\s*(?:재)?지원(?:했|한|해|하)|지원서|신청(?:했|한|서|\s*접수)|"
            r"도전장|출사표|(?:곳|팀|컨소시엄|기업)[이가]\s*(?:지원|신청)했|공모에는|모집에는|"
            r"접수(?:한|했|를\s*마감|됐|되었|된)|(?:기업|기관|사|컨소시엄|팀)(?:으로|로)\s*(?:재)?지원(?:했|한|해|하)|"
            r"지원에\s*나[서선섰]|(?<!불)참여\s*의사|제안서(?:를)?\s*(?:제출|냈|내)|재도전|"
            r"주관\s*(?:사|기관|기업)(?:으로|로)는|주관\s*(?:사|기관|기업)(?:으로|로|에)\s*(?:나[서선섰]|이름을\s*올)"
        ),
    ),
]
# taking part is applying when the sentence names the call (`프로젝트에 A, B가 참여하며`, `주관사로는 A, B가 참여했다`)
PARTICIPATION = re.compile(
    r"참여(?:했|하며|한다|하기로|해|할\s*계획|하겠)|참가(?:했|하며|한다|하기로)|몰렸|몰려|가세했|가세하며|뛰어들었|뛰어든"
)
PROGRAMME_CALL = re.compile(
    r"(?:사업|프로젝트|공모|모집|선발|독파모)['’\"”)]?(?:에|에는)\s|주관(?:사|기업|기관)(?:으로|로)(?:는)?\s|"
    r"(?:공모|모집)\s*(?:당시|때)"
)
# a team that declines (`불참`, `발을 뺐다`) has no status from that clause
REFUSAL = re.compile(r"불참|발을\s*(?:빼|뺀|뺐)|(?:참여|지원|신청|참가)하지\s*않")
# trying again presupposes an earlier elimination
RETRY = re.compile(r"재도전|재지원|재응모|패자부활전에\s*(?:도전|참여|나서|나선|지원)")
STATUS_CONTEXT = re.compile(r"정예팀|팀|컨소시엄|평가|단계|차전|독파모|프로젝트|사업|모집|국가대표|국대|패자부활")
BUILD_VERBS = re.compile(
    r"개발|공개|출시|선보|만들|만든|내놓|내놨|내놓을|기반|구축|발표|고도화|키우|키운|키워|확장|"
    r"학습|훈련|설계|내세|앞세|제출|탑재|승부|자체"
)
PARTNER_VERBS = re.compile(
    r"담당|맡|참여|합류|협력|지원한다|지원하|참가|돕|제공|포함[됐된되돼]|힘을\s*(?:모|보태|보탠)|함께\s*한다|함께한다"
)
# `A 정예팀에는 B, C가 이름을 올렸다`: listed in a team
LISTED_IN_TEAM = re.compile(r"(?:컨소시엄|정예팀|팀)에는\s.*이름을\s*올")
# a listing of the programme's applicants or consortium leads, not of one consortium's members
APPLICANT_LISTING = re.compile(
    r"주관\s*(?:사|기업|기관)(?:으로|로)는|주관\s*(?:사|기관|기업)(?:으로|로|에)\s*(?:나[서선섰]|이름을\s*올)|"
    r"\d+\s*개(?:의)?\s*(?:컨소시엄|팀|기업|곳)[이가]\s*(?:제안서|지원|신청|도전|접수|참여)"
)
LEAD_WORDS = re.compile(r"주도|주관|이끄|이끌|이끈")
COMPARED = re.compile(r"^['’\"”]?\s*(모델\s*|모델의\s*)?(수준|급|대비|처럼|같은|정도|보다|만큼|등\s*최신|못지않|버금)")
GOV_HEADS = ("부", "처", "청", "위원회", "진흥원", "정보원", "기획평가원")
ORGANISERS = ("부", "위원회", "진흥원", "정보원", "기획평가원")


_QUOTED_TAIL = re.compile(r"^(?:\([^()]*\))?['’\"”]?(은|는|이|가|도|의|을|를|와|과)(?![가-힣])")


_KIND = {"ORG": "organization", "PERSON": "person", "MODEL": "model"}
_OUTLET_RULES = ("rule:source", "rule:outlet", "rule:byline")


class Ent:
    """An entity mention as the relation rules read it, its attributes read off the Span once per Doc:
    `span._.name` and `span.label_` cost microseconds a read, and the rules read them hundreds of thousands
    of times per thousand articles. `sent` is the sentence its start stands in, as `Span.sent` gives it."""

    __slots__ = ("start_char", "end_char", "label_", "name", "rule", "eid", "gov", "organiser", "sent", "k", "span")

    def __init__(self, span: Span, name: str | None, rule: str | None, sent: Span, k: int):
        self.span = span
        self.start_char, self.end_char, self.label_ = span.start_char, span.end_char, span.label_
        self.name, self.rule = name, rule
        kind = _KIND.get(self.label_)
        self.eid = entity_id(kind, self.name) if kind is not None and self.name is not None else ""
        name, outlet = self.name or "", (self.rule or "").startswith(_OUTLET_RULES)
        self.gov = outlet or name.endswith(GOV_HEADS)  # an outlet, a government body
        # an outlet, a ministry or agency that runs programmes: never a consortium member (a 청 or a court can be)
        self.organiser = outlet or name.endswith(ORGANISERS)
        self.sent, self.k = sent, k  # the sentence and its index in `Context.sents`

    @property
    def text(self) -> str:
        return self.span.text

    def __repr__(self) -> str:
        return f"Ent({self.label_} {self.name!r} {self.start_char}-{self.end_char})"


@cache
def _two_word_titles() -> frozenset[str]:
    return frozenset(t for t in wordset("titles") if " " in t)


class Context:
    """The Doc being read, with the lookups every relation rule uses, read off the Doc once."""

    doc: Doc
    text: str
    sents: list[Span]
    sent_starts: list[int]
    words: list[Word]
    word_starts: list[int]
    by_end: dict[int, Word]
    ents: list[Ent]
    ents_in: list[list[Ent]]  # the entities of each sentence, by the sentence their start stands in
    _develops: list[Fact]
    _partners: list[Fact]  # the partner_of facts, found before the sizes (`이 팀은 300B급`: the lead's)
    _works: list[Fact] | None  # the works_at facts, once found
    _employers: dict[str, Ent] | None  # person id → the organisation they work at, once asked
    _dates: list[tuple[int, int, Span]] | None
    _date_values: dict[tuple[int, int], list]

    def _read(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text is rebuilt from tokens on every access: read it once
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.words = words_of(doc)
        self.word_starts = [w.start for w in self.words]
        self.by_end = {w.core_end: w for w in self.words}
        self.ents_in = [[] for _ in self.sents]
        self.ents = []
        self._works = None
        self._partners = []
        self._employers = None
        self._dates = None
        self._date_values = {}
        for span in doc.ents:
            ext = span._  # a new Underscore on every `span._`
            name = ext.name
            if not name:
                continue
            k = self._sent_index(span.start_char)  # a token's start always stands in a sentence
            e = Ent(span, name, ext.rule, self.sents[k], k)
            self.ents.append(e)
            self.ents_in[k].append(e)

    def _tail(self, span: Ent | Span) -> str:
        """The particle after a mention, also behind a closing quote: `'A.X K1'은` → 은."""
        w = self.by_end.get(span.end_char)
        if w is not None and w.tail:
            return w.tail
        m = _QUOTED_TAIL.match(self.text[span.end_char : span.end_char + 40])
        return m.group(1) if m else ""

    def _sent_index(self, char: int) -> int:
        """The sentence holding the character, -1 for none (a space between two)."""
        i = bisect_right(self.sent_starts, char) - 1
        return i if i >= 0 and char < self.sents[i].end_char else -1

    def ent_at(self, start: int, end: int | None = None, label: str | None = None) -> Ent | None:
        for e in self.ents:
            if e.start_char <= start < e.end_char and (label is None or e.label_ == label):
                return e
        return None

    def dates(self) -> list[tuple[int, int, Span]]:
        """(start, end, span) of the doc's dates, read once per Doc."""
        if self._dates is None:
            self._dates = [(d.start_char, d.end_char, d) for d in self.doc.spans.get("dates", [])]
        return self._dates

    def date_value(self, date: Span) -> list:
        """The date's `span._.value`, [] for none, read once per Doc."""
        key = (date.start_char, date.end_char)  # spaCy's key for the value too
        value = self._date_values.get(key)
        if value is None:
            value = self._date_values[key] = date._.value or []
        return value

    def _is_date(self, pos: int) -> bool:
        """`pos` stands in a date span."""
        return any(a <= pos < b for a, b, _ in self.dates())

    def fact(self, subject: str, relation: str, start: int, end: int, rule: str, **kw) -> Fact:
        return Fact(subject=subject, relation=relation, evidence=Evidence(start=start, end=end), extractor=rule, **kw)

    def _employer(self, person: Ent) -> Ent | None:
        """The organisation a person works at, as the article states it (not an outlet); read once per Doc."""
        if self._employers is None:
            self._employers = {}
            works = self._works if self._works is not None else self.works_at(self.doc, self.ents)  # type: ignore[attr-defined]
            for f in works:
                org = next((e for e in self.ents if e.label_ == "ORG" and e.eid == f.object), None)
                if org is not None and not org.gov:
                    self._employers.setdefault(f.subject, org)
        return self._employers.get(person.eid)
