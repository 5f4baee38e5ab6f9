"""parameters: a size goes to the model it names or sits next to, else the clause's subject, else the topic."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from hankg.extract.relations.base import SUBJECT, Context, _eid, _is_gov_or_outlet
from hankg.schema import Fact


class Sizes(Context):
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
