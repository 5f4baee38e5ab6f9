"""develops: the maker beside its model, the clause's subject that builds it, its family's maker, a curated one.

Beside: `ORG의 MODEL`, `ORG LLM 'MODEL'`, `MODEL(ORG)`, `'MODEL'을 내놓은 ORG`, `MODEL 개발사인 ORG`. Subject:
an organisation marked 은/는/이/가 whose verb builds the model, a speaker's organisation, or the subject of the
previous sentences when this one has none. A curated developer only when the text states none plainly.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from spacy.tokens import Doc, Span

from hankg.data import actors, wordset
from hankg.extract.relations.base import BUILD_VERBS, COMPARED, SUBJECT, Context, Ent
from hankg.schema import Fact, entity_id

KIND_WORDS = re.compile(r"모델|언어\s?모델|LLM|AI|인공지능|[가-힣]*모델")


def _kind_words_only(between: str) -> bool:
    """`네이버 LLM ‘하이퍼클로바X’`, `알리바바의 오픈소스 AI 모델 '큐웬'`: only kind words between maker and model."""
    rest = re.sub(r"^\s*의?", "", between).strip().rstrip("'‘\"“").strip()
    if not rest:
        return len(between) <= 4
    words = rest.split()
    return len(words) <= 4 and all(w in wordset("not_models") or KIND_WORDS.fullmatch(w) for w in words)


@cache
def _longest_first(aliases: tuple[str, ...]) -> list[tuple[str, str]]:
    """The curated developers, the longest model name first (a prefix names a model's family)."""
    return sorted(actors(aliases).developer.items(), key=lambda kv: -len(kv[0]))


BUILT_BY = re.compile(
    r"^['’\"”]?\s*(?:(을|를)\s*(자체\s*)?(개발한|개발 중인|공개한|출시한|선보인|내놓은|내놨던|만든|발표한)"
    r"|(의\s*)?(모델\s*|LLM\s*)?(개발사|개발업체|제작사|개발 기업)(인|이자)?)\s+"
)
RELEASED = re.compile(r"^['’\"”]?\s*(을|를)\s*(공개|개발|출시|선보|내놓|내놨|발표)")
SPEAKER_TITLE = re.compile(r"^(\([^()]*\))?(\s+[^\s,.]+){1,3}?(은|는|이|가)\s")
MODEL_OBJECT = re.compile(r"^['’\"”]?\s*(모델|LLM|언어모델)(을|를|도)")
TIME_WORD = re.compile(r"^(올해|지난해|내년|작년|이번|최근|현재|당시|오늘|이날|앞서|향후|\d+(일|월|년))")


class Develops(Context):
    def _has_subject(self, sent: Span, m: Ent) -> bool:
        """A subject before the model: an entity marked 은/는/이/가, or a pronoun (그는, 이들은)."""
        if any(e.start_char < m.start_char and self._tail(e) in SUBJECT for e in self.ents_in[m.k]):
            return True
        before = self.text[sent.start_char : m.start_char]
        first, last = bisect_left(self.word_starts, sent.start_char), bisect_right(self.word_starts, m.start_char)
        if any(
            w.end <= m.start_char and w.tail in ("은", "는") and w.tags[-1] == "JX"
            and w.core_tags[:1] and w.core_tags[0].startswith(("N", "SN", "SL")) and not TIME_WORD.match(w.core)
            for w in self.words[first:last]
        ):
            return True  # `1차 종합 1위는 …`: the sentence has its own topic
        return bool(
            re.search(r"(^|\s)(그|그녀|이들|(이|그|해당|이번|새)\s?(모델|회사|기업|업체|곳))[은는이가]\s", before)
            or re.search(r"['’\"”](이|가|은|는)\s", before)
        )

    def _speaks(self, person: Ent, m: Ent) -> bool:
        """`문하람(38) 모티프테크놀로지스 연구총괄은 "… 'Motif 3'를 학습했다"`: the person is the clause's subject."""
        if self._tail(person) in SUBJECT:
            return True
        return bool(SPEAKER_TITLE.match(self.text[person.end_char : m.start_char]))

    def _carried_subject(self, sent: Span) -> Ent | None:
        """The organisation that opens the previous sentences as their subject, while no other subject comes."""
        i = self._sent_index(sent.start_char)
        for j in range(i - 1, max(-1, i - 3), -1):
            in_prev = self.ents_in[j]
            first = in_prev[0] if in_prev else None
            if first is not None and first.label_ == "ORG" and self._tail(first) in ("은", "는", "이", "가"):
                return None if first.gov else first
            if any(self._tail(e) in SUBJECT for e in in_prev):
                return None
        return None

    def _maker_beside(self, m: Ent, prev: Ent | None) -> tuple[Ent, str] | None:
        """The maker written next to the model: `ORG의 (AI 모델) MODEL`, `MODEL(ORG)`, `MODEL을 내놓은 ORG`."""
        text = self.text
        between = text[prev.end_char : m.start_char] if prev is not None else ""
        if prev is not None and prev.label_ == "ORG" and _kind_words_only(between) and not prev.gov:
            return prev, "rule:org-of-model" if "의" in between else "rule:org-model"
        pm = re.match(r"^['’\"”]?\s*\(([^()]+)\)", text[m.end_char : m.end_char + 30])
        if pm and (o := self.ent_at(m.end_char + pm.start(1), label="ORG")) is not None:
            return o, "rule:model-paren-org"
        rel = BUILT_BY.match(text[m.end_char : m.end_char + 30])
        o = self.ent_at(m.end_char + rel.end(), label="ORG") if rel else None
        if o is not None and o.start_char == m.end_char + rel.end() and not o.gov:
            return o, "rule:model-built-by"  # `'K-엑사원'을 내놓은 LG AI연구원`, `클로드 개발사인 앤스로픽`
        return None

    def _subject_building(self, m: Ent, ents: list[Ent], orgs: list[Ent]) -> tuple[Ent, str] | None:
        """The clause's subject that builds the model: an organisation, a speaker's, or one carried over."""
        text = self.text
        sent = m.sent
        subj = None
        for e in self.ents_in[m.k]:
            if e.label_ == "ORG" and e.start_char < m.start_char and self._tail(e) in SUBJECT and not e.gov:
                subj = e
        rule, start = "rule:subject-builds-model", sent.start_char
        object_of = {"을": 20, "를": 20, "도": 20, "와": 50, "과": 50}.get(self._tail(m), 0)
        as_model = MODEL_OBJECT.match(text[m.end_char : m.end_char + 16])  # `'별빛 3' 모델을 학습했다`
        reach = m.end_char + (as_model.end() + 20 if as_model else object_of)
        built = BUILD_VERBS.search(text[m.end_char : min(sent.end_char, reach)])
        people = [e for e in ents if e.label_ == "PERSON" and sent.start_char <= e.end_char <= m.start_char]
        speaker = next((e for e in reversed(people) if self._speaks(e, m)), None)
        if subj is None and built and speaker is not None and self._employer(speaker) is not None:
            subj, rule, start = self._employer(speaker), "rule:speaker-builds-model", speaker.end_char
        elif subj is None and built and not self._has_subject(sent, m):
            subj = self._carried_subject(sent)  # `트릴리온랩스는 …. 올해 ‘트리다-7B’를 개발했다`
            rule = "rule:carried-subject-builds-model"
        elif subj is not None:
            start = subj.end_char
        if subj is None or COMPARED.match(text[m.end_char : m.end_char + 12]):
            return None
        # the verb that builds: right before the model (`개발한 'X'`) or after it, not of another clause's noun
        window = text[max(start, m.start_char - 25) : m.start_char] + text[m.end_char : sent.end_char][:40]
        if not BUILD_VERBS.search(window):
            return None
        if rule == "rule:subject-builds-model" and (paired := self._respectively(subj, m, orgs)) is not None:
            return paired  # `xAI와 구글은 각각 '그록4'와 '제미나이 5'를`: the n-th maker, the n-th model
        spoken = subj.eid if rule == "rule:speaker-builds-model" else None  # the speaker's org may stand between
        if any(start <= o.start_char < m.start_char and o.eid != spoken for o in orgs):
            return None  # another organisation stands between subject and model
        return subj, rule

    def _respectively(self, subj: Ent, m: Ent, orgs: list[Ent]) -> tuple[Ent, str] | None:
        """`A와 B는 각각 X와 Y를 공개했다`: makers and models listed in the same order, paired by place."""
        text = self.text
        between = text[subj.end_char : m.start_char]
        if not re.match(r"^\S{0,2}\s*각각\s", between):
            return None
        makers = [subj]
        for o in reversed([o for o in orgs if o.end_char <= subj.start_char]):
            if not re.fullmatch(r"\s*(와|과|,|·)\s*", text[o.end_char : makers[0].start_char]):
                break
            makers.insert(0, o)
        models = [e for e in self.ents if e.label_ == "MODEL" and subj.end_char < e.start_char and e.sent == m.sent]
        listed = [models[0]] if models else []
        for e in models[1:]:
            if not re.fullmatch(r"['’\"”]?\s*(와|과|,|·)\s*['‘\"“]?", text[listed[-1].end_char : e.start_char]):
                break
            listed.append(e)
        if len(makers) < 2 or len(makers) != len(listed) or m not in listed:
            return None
        return makers[listed.index(m)], "rule:respectively-builds-model"

    def develops(self, doc: Doc, ents: list[Ent]) -> list[Fact]:
        out = []
        text = self.text
        table = actors(self.aliases)
        orgs = [e for e in ents if e.label_ == "ORG"]
        for i, m in enumerate(ents):
            if m.label_ != "MODEL":
                continue
            found = self._maker_beside(m, ents[i - 1] if i > 0 else None) or self._subject_building(m, ents, orgs)
            if found is not None:
                org, rule = found
                a, b = min(org.start_char, m.start_char), max(org.end_char, m.end_char)
                out.append(self.fact(org.eid, "develops", a, b, rule, object=m.eid))
        # a model of a family whose developer the article states: 하늘 2.0 → 하늘 3.0
        from hankg.extract.entities import FAMILY
        from hankg.extract.entities.variants import without_variant

        dev_of_family: dict[str, str] = {}
        for f in out:
            fam = FAMILY.match(without_variant(f.object.split(":", 1)[1]))
            if fam:
                dev_of_family.setdefault(fam.group(1).strip(" -"), f.subject)
        have = {f.object for f in out}
        # what the text states plainly: a maker beside its model, or a subject that releases it (`…를 공개했다`)
        stated = {
            f.object
            for f in out
            if f.extractor != "rule:subject-builds-model"
            or RELEASED.match(text[f.evidence.end : f.evidence.end + 12])
        }
        for m in ents:
            fam = FAMILY.match(without_variant(m.name)) if m.label_ == "MODEL" else None
            if fam and m.eid not in have and fam.group(1).strip(" -") in dev_of_family:
                have.add(m.eid)
                out.append(
                    self.fact(
                        dev_of_family[fam.group(1).strip(" -")],
                        "develops",
                        m.start_char,
                        m.end_char,
                        "rule:model-family",
                        object=m.eid,
                    )
                )
        for m in ents:
            if m.label_ != "MODEL" or m.eid in have:
                continue
            head = re.match(r"^([가-힣]{2,}|[A-Za-z]{3,})", m.name)
            if head is None:
                continue
            makers = sorted({o.name for o in orgs if o.name.startswith(head.group(1)) and o.name != m.name})
            if len(makers) == 1:
                have.add(m.eid)
                out.append(
                    self.fact(
                        entity_id("organization", makers[0]),
                        "develops",
                        m.start_char,
                        m.end_char,
                        "rule:named-after-maker",
                        object=m.eid,
                    )
                )
        # curated developers, when the developer is named in the same article and the text names no other
        seen = {(f.subject, f.object) for f in out}
        aliases = doc._.aliases
        org_names = {n: o.name for o in orgs for n in [o.name, *aliases.get(o.eid, ())]}
        longest_first = _longest_first(self.aliases)
        for m in ents:
            if m.label_ != "MODEL":
                continue
            name = m.name
            dev = table.developer.get(name) or next((d for known, d in longest_first if name.startswith(known)), None)
            if dev and dev in org_names and m.eid not in stated:
                key = (entity_id("organization", org_names[dev]), m.eid)
                if key not in seen:
                    seen.add(key)
                    out.append(self.fact(key[0], "develops", m.start_char, m.end_char, "kb:developer", object=key[1]))
        return out
