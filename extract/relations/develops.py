"""develops: `ORG의 MODEL`, `ORG MODEL`, `MODEL(ORG)`, a subject ORG that builds a MODEL, a curated developer."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from hankg.data import actors
from hankg.extract.relations.base import BUILD_VERBS, COMPARED, SUBJECT, Context, _eid, _is_gov_or_outlet
from hankg.schema import Fact, entity_id


class Develops(Context):
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
                out.append(
                    self.fact(
                        entity_id("organization", makers[0]),
                        "develops",
                        m.start_char,
                        m.end_char,
                        "rule:named-after-maker",
                        object=_eid(m),
                    )
                )
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
