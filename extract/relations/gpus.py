"""gpus: how many GPUs a team receives, uses or holds, read from the clause that says so.

A count is a number with a counter word (`512장`, `1만 장`, `2천장`, `5000개`, `26만 대`) bound to
a chip or to the word GPU in the same noun phrase: `B200 512장`, `B200을 512장씩`, `H200 기준
최대 512장`, `1만 장 규모의 GPU`, `3072장의 그래픽처리장치(GPU)`. A counter with no chip beside it
(`사진 3장`, `서버 32대`) is not a GPU count, nor is a count inside a parenthesis (an
equivalence, `B200 768장(H100 1000장 수준)`), a price (`1장에 4만 달러`, `장당`) or a total
split among teams the text does not name.

The count goes to the organisation the clause gives it to:

- with a verb of receiving or using (받다, 지원받다, 확보하다, 쓰다, 도입하다, 빌리다, 투입하다, …),
  or as the instrument of training (`H100 512장으로 … 학습했다`, not `… 학습할 수 있다`):
  the clause's subject, `업스테이지는 H100 1024장을 쓴다`;
- with a verb of giving (지원하다, 배정하다, 공급하다, 나눠 주다, …): the one it is given to,
  `ORG에(게)`, never the giver (`과기정통부가 …에 3072장을 나눠 준다`);
- with a passive (배정된다, 지원된다): the one it is given to, else the clause's topic;
- as the predicate of GPUs received (`ORG가 받는 GPU는 B200 768장이다`): that clause's subject;
- inside a quotation with no subject of its own: the speaker's organisation (`배경훈 LG AI연구원장은
  "H100 512장으로 … 만들었다"`: the organisation named with the speaker, or the one of their
  works_at fact).

A listing (`A·B·C가`, `A, B, C에`) shares the count only when it is distributed (`512장씩`,
`각각`, `팀당`); otherwise it is a total of the group and goes to none of them. Government
bodies and outlets never receive a count; an organisation that only hosts or gives the GPUs
(`…로부터`, `…를 통해`, `…의 데이터센터`) is not a receiver either. `value` is the number of
GPUs, `unit` "gpus", `role` the chip as written (B200, H100, or GPU when none is named) and
`date` a date the clause itself states.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from hankg.extract.relations.base import GOV_HEADS, Context, Ent
from hankg.schema import Fact

_N = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
COUNT = re.compile(
    rf"(?<![\d.,A-Za-z])(?:(?P<lo>{_N})\s*(?P<lom>[만천])?\s*[~∼〜]\s*)?"
    rf"(?P<n>{_N})\s*(?P<m>[만천])?(?:\s*(?P<n2>{_N})\s*(?P<m2>천)?)?\s*(?P<unit>장|개|대)"
    r"(?=씩|의|을|를|이|가|은|는|에|과|와|도|만|까지|으로|로|수준|규모|가량|정도|안팎|[^가-힣]|$)"
)
CHIP = r"(?<![A-Za-z0-9])(?:GB|MI|[ABHL])\d{2,3}[A-Z]?(?![A-Za-z0-9])|GPU|그래픽\s*처리\s*장치|그래픽카드"
CHIP_RE = re.compile(CHIP)
# the chip, then what may stand between it and its count: a gloss, GPU, a particle, 기준/최대/총…
CHIP_BEFORE = re.compile(
    rf"(?P<chip>{CHIP})(?:\s*\([^()]{{0,20}}\))?(?:\s*GPU)?\s*(?:을|를|은|는|이|가|도)?"
    r"(?:\s*(?:기준으로|기준|최대|최소|총|약|모두|각각|각|추가로|추가|더|팀당|곳당|기업당))*\s*$"
)
CHIP_AFTER = re.compile(
    r"^(?:씩)?(?:\s*(?:규모|분량|가량|정도|수준))?(?:의)?\s*(?:(?:엔비디아|최신|고성능|첨단|AI)\s*)*"
    rf"(?P<chip>{CHIP})"
)
PRICE = re.compile(r"^(?:씩)?\s*(?:당|에\s*(?:최대\s*|약\s*)?[\d,.]+\s*[만억천]?\s*(?:원|달러|위안|엔))")
DISTRIBUTED = re.compile(r"각각|각자|각\s|팀당|곳당|기업당|사당|팀별로")
RECEIVE = (
    r"받(?!침)|확보(?:하|했|한|할|해)|확보(?:에|를)\s*(?:성공|마쳤|마무리|완료)|"
    r"사용(?:하|했|한|할|해)|활용(?:하|했|한|할|해)|쓴다|쓰[는고며기게]|써|썼|쓸|"
    r"보유(?:하|했|한|할|해|\s*중)|구매(?:하|했|한|할|해)|구입(?:하|했|한|할|해)|사들|도입(?:하|했|한|할|해)|"
    r"빌려|빌린|빌렸|빌리|임차(?:하|했|한|할|해)|갖추|갖춘|갖췄|갖춰|투입(?:하|했|한|할|해)|동원(?:하|했|한|할|해)|얻"
)
GIVE = (
    r"(?:지원|배정|배분|공급|제공|지급|할당|임대|대여)(?:하|했|한|할|해)|나눠\s*주|나누어\s*주|"
    r"준다|줬|주기로|주고|주며|얹어\s*주"
)
PASSIVE = r"(?:지원|배정|배분|공급|제공|지급|할당)(?:된|되|됐|돼)|주어[진지졌]|돌아[간가갔]"
PREDICATE = re.compile(rf"(?P<receive>{RECEIVE})|(?P<give>{GIVE})|(?P<passive>{PASSIVE})")
# a condition or a negation is not a claim: `받으면`, `받는다면`, `확보하지 못했다`
UNREAL = re.compile(r"^[가-힣]{0,3}(?:면(?!서)|더라면)|^[가-힣]{0,2}지\s*(?:못|않|말)")
# a relative clause of receiving, then the GPUs as topic and the count as predicate: `…가 받는 GPU는 B200 768장이다`
RELATIVE = re.compile(
    r"(?:받는|받은|받을|받게\s*될|쓰는|쓸|사용하는|사용할|확보한|보유한|보유\s*중인)\s*"
    rf"(?:GPU|그래픽\s*처리\s*장치|물량|자원|컴퓨팅\s*자원)\s*(?:은|는)\s*(?:(?:{CHIP})\s*)?"
    r"(?:(?:기준으로|기준|총|약|최대|모두)\s*)*$"
)
COPULA = re.compile(r"^(?:씩)?\s*(?:이다|이며|이고|이었다|였다|다|(?:수준|규모|정도|가량)(?:이다|다|이며|이고|으로))")
INSTRUMENT = re.compile(r"^(?:씩)?(?:의\s*GPU)?(?:만)?(?:으로|로)(?:만)?(?![가-힣])")
BUILT = re.compile(
    r"학습(?:했|한|하|시켰|시킨)|훈련(?:했|한|하|시켰|시킨)|개발(?:했|한|하)|만들|만든|돌리|돌려|돌렸|돌린"
)
CAPABLE = re.compile(r"^[가-힣]{0,3}\s*수\s*(?:있|없)|^[가-힣]{0,2}데\s")
CLAUSE_END = re.compile(r"다(?=[.\s\"'”’]|$)")
SEPARATORS = re.compile(r"(?:와|과|및|,|·|ㆍ|\s|▲|△|이나|랑)*")
TOPIC = ("은", "는")
SUBJECTS = ("은", "는", "이", "가", "도", "께서")
DATIVE = ("에", "에게", "에는", "에게는", "에도", "에게도", "엔")
TIME_WORDS = re.compile(r"^(올해|내년|지금|현재|이번|당장|우선|앞으로|이후|이달|다음|연말|연내|하반기|상반기|당초)")
GENERIC_CHIPS = re.compile(r"GPU|그래픽")
TEAM_WORD = re.compile(r"컨소시엄|정예팀|팀|측|진영|연합")
EARLIER_QUOTES = re.compile(
    r"(?P<head>[^\"“”]{0,12}?)(?:[\"“][^\"“”]*[\"”]\s*(?:이?라(?:면서도?|며|고)|며|면서)\s*)+"
)
FIRST_PERSON = re.compile(r"우리|저희|저희\s*회사|우리\s*회사|우리\s*팀|저희\s*팀")


def _number(m: re.Match, n: str, k: str, n2: str | None = None, k2: str | None = None) -> float:
    scale = {"만": 1e4, "천": 1e3, None: 1.0}
    value = float(m.group(n).replace(",", "")) * scale[m.group(k)]
    if n2 and m.group(n2):
        value += float(m.group(n2).replace(",", "")) * scale[m.group(k2)]
    return value


class Gpus(Context):
    def gpus(self, doc: Doc, ents: list[Ent], known: list[Fact] | None = None) -> list[Fact]:
        """The gpus facts of the doc; `known` are the facts found so far (a speaker's works_at)."""
        out: list[Fact] = []
        text = self.text
        orgs = [e for e in ents if e.label_ == "ORG"]
        for sent in self.sents:
            s0, s1 = sent.start_char, sent.end_char
            body = text[s0:s1]
            if not CHIP_RE.search(body):
                continue
            for m in COUNT.finditer(body):
                start, end = s0 + m.start(), s0 + m.end()
                role = self._chip(body, m)
                if role is None or body[: m.start()].count("(") > body[: m.start()].count(")"):
                    continue
                if PRICE.match(body[m.end() :]):
                    continue
                pred = self._predicate(text, end, s1)
                verb_at = -1
                if pred is not None:
                    kind, verb_end = pred
                    verb_end = next((w.end for w in self.words if w.start < verb_end <= w.end), verb_end)
                    receivers = self._receivers(kind, sent, start, verb_end, orgs)
                else:  # `ORG가 받는 GPU는 B200 768장이다`
                    rel = RELATIVE.search(body[: m.start()])
                    if rel is None or not COPULA.match(body[m.end() :]):
                        continue
                    kind, verb_end, verb_at = "relative", end, s0 + rel.start()
                    in_sent = [e for e in orgs if s0 <= e.start_char < s1]
                    receivers = [e for e in self._subject(in_sent, sent, s0 + rel.start(), SUBJECTS) if not e.gov]
                pairs = [(e.eid, e) for e in receivers]
                if not pairs and kind in ("receive", "use", "relative"):
                    pairs = self._speaker(sent, start, known or [])
                if not pairs:
                    continue
                if len(pairs) > 1 and not (
                    body[m.end() :].startswith("씩") or DISTRIBUTED.search(text[pairs[0][1].start_char : start])
                ):
                    continue  # a total the listed teams share, not each one's
                value, top = _number(m, "n", "m", "n2", "m2"), None
                if m.group("lo"):  # `500~1000장`: the low end takes the high end's 만/천 when it has none
                    value, top = _number(m, "lo", "lom" if m.group("lom") else "m"), value
                date = self._gpu_date(pairs[0][1], start, verb_end, verb_at)
                for eid, e in pairs:
                    out.append(
                        self.fact(
                            eid,
                            "gpus",
                            min(e.start_char, start),
                            max(e.end_char, end, verb_end),
                            f"rule:gpus-{kind}",
                            role=role,
                            value=value,
                            max=top,
                            unit="gpus",
                            date=date,
                        )
                    )
        return out

    @staticmethod
    def _chip(body: str, m: re.Match) -> str | None:
        """The chip the count counts (`B200`), `GPU` for the generic word, None when no chip is named."""
        before = CHIP_BEFORE.search(body[max(0, m.start() - 60) : m.start()])
        after = CHIP_AFTER.match(body[m.end() : m.end() + 40])
        chips = [re.sub(r"\s+", "", c.group("chip")) for c in (before, after) if c]
        if not chips:
            return None
        specific = [c for c in chips if not GENERIC_CHIPS.match(c)]
        return specific[0] if specific else "GPU"

    @staticmethod
    def _predicate(text: str, pos: int, limit: int) -> tuple[str, int] | None:
        """The first verb of receiving, giving or being given after the count, in its clause."""
        stop = CLAUSE_END.search(text, pos, limit)
        window = text[pos : stop.end() if stop else limit][:80]
        if INSTRUMENT.match(window):  # `H100 512장으로 … 학습했다`: the GPUs it trained with
            built = BUILT.search(window)
            if built is None or CAPABLE.match(window[built.end() :]) or UNREAL.match(window[built.end() :]):
                return None
            return "use", pos + built.end()
        m = PREDICATE.search(window)
        if m is None or UNREAL.match(text[pos + m.end() : pos + m.end() + 8]):
            return None
        if m.lastgroup == "receive" and re.search(rf"(?:{GIVE})", text[pos + m.end() : limit]):
            return None  # `확보해 정예팀에 공급한다`: it passes them on, they are not its own
        return m.lastgroup or "", pos + m.end()

    def _receivers(self, kind: str, sent: Span, start: int, verb_end: int, orgs: list[Ent]) -> list[Ent]:
        in_sent = [e for e in orgs if sent.start_char <= e.start_char < sent.end_char]
        if kind in ("give", "passive"):
            # the one it is given to: `ORG에(게)`, before the verb, after the clause's subject
            subject = self._subject(in_sent, sent, start, SUBJECTS)
            lo = subject[-1].end_char if subject else sent.start_char
            datives = [
                e for e in in_sent if lo <= e.start_char and e.end_char <= verb_end and self._marker(e) in DATIVE
            ]
            if datives:
                before = [e for e in datives if e.end_char <= start]  # `A에 512장, B에 1024장을`: each its own
                nearest = before[-1] if before else datives[0]
                if before and self._other_dative(nearest.end_char, start):
                    return []  # `A에 512장, B에 1024장을` with B no known organisation: not A's
                return [g for g in self._group(in_sent, nearest) if not g.gov]
            if kind == "give":
                return []
            subject = self._subject(in_sent, sent, start, TOPIC)
        else:
            subject = self._subject(in_sent, sent, start, SUBJECTS)
        return [e for e in subject if not e.gov] if subject else []

    def _subject(self, in_sent: list[Ent], sent: Span, start: int, particles: tuple[str, ...]) -> list[Ent]:
        """The organisation(s) that are the subject of the clause holding `start`, or [].

        The last subject-marked word before the count decides: when it is not an organisation
        (`3개 팀이`, `정부는`), the clause has another subject and no organisation gets the count.
        Time words (`올해는`) and the GPUs themselves (`GPU는`) are passed over.
        """
        words = [w for w in self.words if sent.start_char <= w.start and w.end <= start and w.tail in SUBJECTS]
        for w in reversed(words):
            ent = next((e for e in in_sent if e.start_char <= w.core_start < e.end_char), None)
            if ent is None and TEAM_WORD.fullmatch(w.core):  # `업스테이지 컨소시엄은`: the team is the organisation
                glued = (e for e in in_sent if e.end_char <= w.start and not self.text[e.end_char : w.start].strip())
                ent = next(glued, None)
            if ent is not None:
                if self._marker(ent) not in particles:
                    return []
                return self._group(in_sent, ent)
            core = w.core
            if TIME_WORDS.match(core) or CHIP_RE.search(core) or self._is_date(w.core_start):
                continue
            return []
        return []

    def _speaker(self, sent: Span, start: int, known: list[Fact]) -> list[tuple[str, Ent]]:
        """Inside a quotation with no subject of its own: the speaker's organisation.

        `업스테이지는 "…H100 512장을 쓴다"`: the organisation itself; `배경훈 LG AI연구원장 역시 "…H100
        512장으로 … 만들었다"` and `채 대표는 "…"이라면서도 "…H100 64장을 빌려 쓰는데…"`: the organisation
        the speaker works at (their works_at fact, the one of the title they are called by), never a
        government body or an outlet.
        """
        q = self._quote_open(sent, start)
        if q is None:
            return []
        for w in self.words:
            if q < w.start and w.end <= start and w.tail in SUBJECTS:
                core = w.core
                if not (TIME_WORDS.match(core) or FIRST_PERSON.fullmatch(core) or CHIP_RE.search(core)):
                    return []  # the quotation has a subject of its own
        near = [e for e in self.ents if sent.start_char <= e.start_char and e.end_char <= q]
        if not near:
            return []
        last = near[-1]
        gap = self.text[last.end_char : q]
        earlier = EARLIER_QUOTES.fullmatch(gap)  # `채 대표는 "…"이라면서도 "…`: the same speaker goes on
        if earlier:
            gap = earlier.group("head")
        if len(gap) > 12 or re.search(r"[\"“”,.]", gap):
            return []
        if last.label_ == "ORG":
            if last.gov:
                return []
            if self._tail(last) in SUBJECTS:
                return [(last.eid, last)]
            person = next((e for e in reversed(near[:-1]) if e.label_ == "PERSON"), None)
            if person is not None and not self.text[person.end_char : last.start_char].strip():
                said = (person.eid, "works_at", last.eid)
                if any((f.subject, f.relation, f.object) == said for f in known):
                    return [(last.eid, person)]
            return []
        if last.label_ != "PERSON":
            return []
        # the title it is called by: `채 대표` (a back-reference), else the word after the name (`김철수 대표는`)
        title = last.text.split()[-1] if " " in last.text else re.sub(r"(은|는|이|가|도)?\s*(역시)?\s*$", "", gap)
        title = title.strip()
        works = {
            f.object
            for f in known
            if f.relation == "works_at" and f.subject == last.eid and f.object and (not title or f.role == title)
        }
        if len(works) != 1:
            return []
        org = next(iter(works))
        if org.split(":", 1)[-1].endswith(GOV_HEADS) or title == "기자":
            return []
        return [(org, last)]

    def _quote_open(self, sent: Span, start: int) -> int | None:
        """Where the quotation holding `start` opens, or None when it is not quoted."""
        body = self.text[sent.start_char : start]
        if body.count('"') % 2 == 1:
            return sent.start_char + body.rindex('"')
        opened, closed = body.rfind("“"), body.rfind("”")
        return sent.start_char + opened if opened > closed else None

    def _other_dative(self, lo: int, hi: int) -> bool:
        """A word marked 에/에게 between `lo` and `hi` that is not a date: another recipient."""
        return any(
            lo <= w.start
            and w.end <= hi
            and w.tail in DATIVE
            and not self._is_date(w.core_start)
            and not (TEAM_WORD.fullmatch(w.core) and not self.text[lo : w.start].strip())  # its own 컨소시엄에
            for w in self.words
        )

    def _marker(self, ent: Ent) -> str:
        """The particle that marks the organisation, also behind a team word: `업스테이지 컨소시엄에는` → 에는."""
        w = next((w for w in self.words if w.start >= ent.end_char), None)
        if w is not None and TEAM_WORD.fullmatch(w.core) and not self.text[ent.end_char : w.start].strip():
            return w.tail
        return self._tail(ent)

    def _group(self, in_sent: list[Ent], last: Ent) -> list[Ent]:
        """`last` with the organisations listed before it (`A·B·C가`)."""
        group = [last]
        before = [e for e in in_sent if e.end_char <= last.start_char]
        for e in reversed(before):
            gap = self.text[e.end_char : group[0].start_char]
            if not gap or not SEPARATORS.fullmatch(gap) or self._tail(e) not in ("", "와", "과", "이나", "랑"):
                break
            group.insert(0, e)
        return group

    def _gpu_date(self, receiver: Ent, start: int, verb_end: int, verb_at: int) -> str | None:
        """A date of the clause itself: between the receiver and the verb, or right before the receiver;
        not one of a modifier, unless that modifier is the claim's own verb (`올해 확보한 GPU는`, at `verb_at`)."""
        lo, hi = min(receiver.start_char, start), verb_end
        for a, b, d in self.dates():
            inside = lo <= a and b <= hi
            gap = self.text[b:lo] if b <= lo else None
            right_before = gap is not None and re.fullmatch(r"\s*(?:부터|에는|에|까지|중)?\s*,?\s*", gap)
            if (inside or right_before) and any(value := self.date_value(d)) and not self._modifies_a_noun(d, verb_at):
                return next(v for v in value if v)
        return None

    def _modifies_a_noun(self, date: Span, verb_at: int = -1) -> bool:
        """`지난해 12월 공개한 모델`, `지난해의 …`: the date belongs to a modifier, not to the clause."""
        nxt = next((w for w in self.words if w.start >= date.end_char), None)
        if self.text[date.end_char : date.end_char + 1] == "의":
            return True
        return nxt is not None and nxt.start != verb_at and any("ETM" in t for t in nxt.tags)
