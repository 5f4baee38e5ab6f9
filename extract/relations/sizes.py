"""parameters: a size goes to the model it names or sits next to, else the clause's subject, else the topic.

Named first: the model whose name holds the size (`236B-A23B`), the model it is glued to (`MODEL(685B)`), its
holder written after it (`…를 앞세운 ORG`), the model right after it (not past another size, not one it is
compared with), the one model whose name states it. Else the clause: the entity before it, its subject, a
speaker's organisation, `모델은 …` as the article's model, the organisation that opens the previous sentence.
Sizes of unnamed models compared against and of classes of models are nobody's.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from hankg.extract.entities.lexicon import TEAM_WORDS
from hankg.extract.relations.base import SUBJECT, Context, Ent
from hankg.schema import Fact

WEAK = ("rule:topic-size", "rule:nearest-size")  # guesses: a claim tied to a name beats them
GENERIC_MODEL = re.compile(  # `1000억~2000억 파라미터를 탑재한 글로벌 대형 모델과`: other, unnamed models
    r"^\s*(개\s*)?(의\s*)?(파라미터|매개변수)?\s*(를|을|급|규모의?)?\s*"
    r"(?:(?:탑재한|갖춘|가진|지닌|보유한)\s*([가-힣]+\s+){0,3}?(모델|LLM)들?|([가-힣]+\s+){0,3}?(모델|LLM)들)"
    r"\s*(과|와|보다|에\s*비해|대비|에\s*맞)"
)
SIZE_CLASS = re.compile(  # `8B 사이즈(매개변수 80억개) 이하의 모델 가운데`: a class of models, not one
    r"^\s*\)?\s*(사이즈|크기|규모)?\s*(\([^()]*\))?\s*(이하|미만|이상|초과)의?\s*(\S+\s+)?(모델|LLM)들?\s*(가운데|중|부문)"
)
HOLDER = re.compile(  # `5190억 개 파라미터를 앞세운 SK텔레콤`: the holder written after the size
    r"^\s*(개\s*)?(의\s*)?(파라미터|매개변수)?\s*(를|을)?\s*(앞세운|갖춘|탑재한|보유한|가진|지닌|내세운)\s+"
)
COMPARED_TO = re.compile(r"^['’\"”]?\s*(과|와)\s*(비슷|유사|맞먹|같|견줄|대등|비교)|^['’\"”]?\s*(보다|대비|처럼|만큼)")
GLUED = re.compile(r"['’\"”]?\s*\(")  # `MODEL(685B)`
THE_TEAM = re.compile(rf"^\s*((이|그|해당)\s?)({'|'.join(TEAM_WORDS)})(은|는|이|가)\s")  # `이 팀은 300B급 …`
THE_MODEL = re.compile(r"^\s*((이|그|해당|이번|새)\s?)?모델(은|는|이|가)\s")  # `모델은 519B 중 33B만 …`


def _series(a: str, b: str) -> bool:
    """`model:바르코 비전 2.0` and `model:바르코 비전 2.0 1.7B`: one model, named with and without its size."""
    if not (a.startswith("model:") and b.startswith("model:")):
        return False
    a, b = sorted((a, b), key=len)
    return b.startswith(a + " ") or b.startswith(a + "-")


class Sizes(Context):
    def parameters(self, doc: Doc, ents: list[Ent]) -> list[Fact]:
        out = []
        text = self.text
        topic: Ent | None = None
        previous: Ent | None = None
        own = {f.object for f in doc._.facts or [] if f.relation == "develops"} | {
            f.object for f in self._develops if f.relation == "develops"
        }
        values = sorted(doc.spans.get("values", []), key=lambda s: s.start_char)
        labels = [v.label_ for v in values]
        params = [v for v, label in zip(values, labels, strict=True) if label == "PARAMS"]
        vi = 0
        for sent, sents_ents in zip(self.sents, self.ents_in, strict=True):
            here_topic = previous or topic
            while vi < len(values) and values[vi].start_char < sent.end_char:
                v = values[vi]
                vi += 1
                if labels[vi - 1] != "PARAMS":
                    continue
                sent_text = text[sent.start_char : sent.end_char]
                heading = re.match(r"^\s*[■◇◆▶►●【\[]", sent_text) or re.match(
                    r"^['‘\"“]", text[v.start_char - 1 : v.start_char]
                )
                others = [w for w in params if w is not v]
                subj, rule = self._size_subject(text, v, sents_ents, None if heading else here_topic, others)
                if subj is None:
                    continue
                out.append(
                    self.fact(
                        subj.eid,
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
                if not e.gov and (e.label_ == "ORG" or (e.label_ == "MODEL" and e.eid in own))
            ]
            previous = self._opener(sents_ents, cands) or (cands[-1] if cands else None)
            for e in sents_ents:
                own_model = e.label_ == "MODEL" and (e.rule or "").startswith("rule:quoted")
                if (e.label_ == "ORG" or own_model) and self._tail(e) in SUBJECT and not e.gov:
                    topic = e
        return out

    def _opener(self, sents_ents: list[Ent], cands: list[Ent]) -> Ent | None:
        """The organisation a sentence opens with as its subject, or the model it develops there.

        `트릴리온랩스는 네이버 LLM ‘하이퍼클로바X’ 핵심 개발자가 설립한 스타트업이다. 700억 … LLM을 공개했다`:
        the next sentence's size is the opener's, not the last name's.
        """
        first = sents_ents[0] if sents_ents else None
        if first is None or first.label_ != "ORG" or self._tail(first) not in ("은", "는", "이", "가"):
            return None
        if first.gov:
            return None
        builds = {(f.subject, f.object) for f in self._develops}
        own = [e for e in cands if e.label_ == "MODEL" and (first.eid, e.eid) in builds]
        return own[-1] if own else first

    def _size_subject(
        self, text: str, v: Span, ents: list[Ent], topic: Ent | None, others: list[Span] = ()
    ) -> tuple[Ent | None, str]:
        rest = text[v.end_char : v.end_char + 40]
        if GENERIC_MODEL.match(rest) or SIZE_CLASS.match(rest):
            inside = any(e.label_ == "MODEL" and e.start_char <= v.start_char < e.end_char for e in ents)
            if not inside:
                return None, ""
        named = self._named_subject(text, v, ents, others)
        if v._.rule == "rule:value-name":  # `…-8b-…` counts only inside a model's name
            return named if named and named[1] == "rule:size-in-model-name" else (None, "")
        return named or self._clause_subject(text, v, ents, topic)

    def _named_subject(self, text: str, v: Span, ents: list[Ent], others: list[Span]) -> tuple[Ent, str] | None:
        """The model the size is part of, glued to, written after it, or named with it; its holder."""
        inside = next((e for e in ents if e.label_ == "MODEL" and e.start_char <= v.start_char < e.end_char), None)
        if inside is not None:
            return inside, "rule:size-in-model-name"
        glued = [e for e in ents if e.label_ == "MODEL" and GLUED.fullmatch(text[e.end_char : v.start_char])]
        if glued:
            return glued[-1], "rule:model-size"  # `딥시크-V3.1(685B)과 GLM-4.6(357B)`
        holder = HOLDER.match(text[v.end_char : v.end_char + 40])
        held = self.ent_at(v.end_char + holder.end()) if holder else None
        if held is not None and held.label_ in ("ORG", "MODEL") and held.start_char == v.end_char + holder.end():
            return held, "rule:size-holder"
        after = [
            e
            for e in ents
            if e.label_ == "MODEL"
            and 0 <= e.start_char - v.end_char <= 32
            and not re.search(r"[,.]|[고며]\s", text[v.end_char : e.start_char])
            and not any(v.end_char <= w.start_char < e.start_char for w in others)
            and not COMPARED_TO.match(text[e.end_char : e.end_char + 12])
        ]
        if after:
            return after[0], "rule:size-before-model"
        named = self._model_named_with(v)
        return (named, "rule:size-names-model") if named is not None else None

    def _clause_subject(self, text: str, v: Span, ents: list[Ent], topic: Ent | None) -> tuple[Ent | None, str]:
        """The model or organisation before it, the clause's subject, a speaker's organisation, the topic."""
        before = [
            e for e in ents if e.end_char <= v.start_char and e.label_ in ("ORG", "MODEL") and not e.gov
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
        people = [e for e in ents if e.label_ == "PERSON" and e.end_char <= v.start_char]
        speaker = next((e for e in reversed(people) if self._tail(e) in SUBJECT), None)
        quoted = speaker is not None and re.search(r"[“\"‘']", text[speaker.end_char : v.start_char])
        if speaker is not None and not quoted and (org := self._employer(speaker)) is not None:
            return org, "rule:speaker-org-size"  # `박 원장은 … 1.5T 규모 연구도 검토하고 있다`
        later = [
            e
            for e in ents
            if e.start_char >= v.end_char
            and e.label_ == "ORG"
            and self._tail(e) in SUBJECT
            and not e.gov
        ]
        if later:
            return later[0], "rule:sentence-subject-size"
        sent = self.sents[self._sent_index(v.start_char)]
        if THE_TEAM.match(text[sent.start_char : v.start_char]) and (team := self._last_lead(v)) is not None:
            return team, "rule:the-team-size"  # `A 정예팀에는 B, C가 참여한다. 이 팀은 300B급 …`: A's team
        if THE_MODEL.match(text[sent.start_char : v.start_char]) and (main := self._main_model(v)) is not None:
            return main, "rule:the-model-size"  # `모델은 519B 중 33B만 활성화하는`: the article's model
        if topic is not None:
            return topic, "rule:topic-size"
        return None, ""

    def _last_lead(self, v: Span) -> Ent | None:
        """The lead of the last consortium whose members were listed before the value."""
        leads = [f.object for f in self._partners if f.evidence.end <= v.start_char]
        if not leads:
            return None
        return next((e for e in self.ents if e.eid == leads[-1]), None)

    def _main_model(self, v: Span) -> Ent | None:
        """The model the article is about so far: the last one with a stated developer, before the value."""
        own = {f.object for f in self._develops}
        before = [e for e in self.ents if e.label_ == "MODEL" and e.end_char <= v.start_char and e.eid in own]
        return before[-1] if before else None

    def _model_named_with(self, v: Span) -> Ent | None:
        """`4B 모델` in an article about `Kanana-v-4b-hybrid`: the one model whose name states this size."""
        size = re.sub(r"\s", "", self.text[v.start_char : v.end_char])
        if not re.fullmatch(r"\d+(?:\.\d+)?[BT]", size):
            return None
        pat = re.compile(r"(?<![\d.])" + re.escape(size) + r"(?![\d.])", re.I)
        named = {e.name: e for e in self.ents if e.label_ == "MODEL" and pat.search(e.name)}
        return next(iter(named.values())) if len(named) == 1 else None

    @staticmethod
    def one_size_claim(sizes: list[Fact], facts: list[Fact]) -> list[Fact]:
        """A size stated twice of a team and of the model it develops is one claim: keep the first."""
        builds = {(f.subject, f.object) for f in facts if f.relation == "develops"}
        kept: list[Fact] = []
        for f in sizes:
            same = [k for k in kept if (k.value, k.max) == (f.value, f.max)]
            if any(
                k.subject == f.subject
                or (k.subject, f.subject) in builds
                or (f.subject, k.subject) in builds
                or _series(k.subject, f.subject)
                for k in same
            ):
                continue
            kept.append(f)
        # a number repeated is one thing: a claim guessed from the topic yields to one the text ties to a name
        tied = {(f.value, f.max) for f in kept if f.extractor not in WEAK}
        return [f for f in kept if f.extractor not in WEAK or (f.value, f.max) not in tied]
