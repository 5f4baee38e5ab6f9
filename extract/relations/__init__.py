"""Relations between the entities of one article, read from the clause they stand in.

works_at from the person patterns (and `그는 … ORG TITLE을 거쳐` chains), develops from
`ORG의 MODEL`, `ORG MODEL`, `MODEL(ORG)`, a subject ORG that builds a MODEL, or a curated
developer; parameters attach to the model the value names or sits next to, else to the
clause's subject, else to the article's current topic; partner_of from consortium
listings under the paragraph's lead; programme_status from 선정/통과/진출/탈락/지원 said of the
organisations of their own clause (partners first: a member's joining is no application); gpus
from a GPU count and the organisation its clause gives it to (`relations/gpus.py`).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from hankg.extract import extensions  # noqa: F401
from hankg.extract.relations.base import PROGRAMME
from hankg.extract.relations.develops import Develops
from hankg.extract.relations.gpus import Gpus
from hankg.extract.relations.partners import Partners
from hankg.extract.relations.sizes import Sizes
from hankg.extract.relations.status import Status
from hankg.extract.relations.works import WorksAt
from hankg.schema import Fact


class RelationExtractor(WorksAt, Develops, Sizes, Partners, Status, Gpus):
    """`hankg_relations`: fills `doc._.facts` with `Fact` records."""

    def __init__(self, aliases: tuple[str, ...] = ()):
        self.aliases = aliases

    def __call__(self, doc: Doc) -> Doc:
        self._read(doc)
        ents = self.ents
        facts: list[Fact] = []
        self._works = self.works_at(doc, ents)
        facts += self._works
        self._develops = self.develops(doc, ents)
        facts += self._develops
        partners = self._partners = self.partners(doc, ents)  # before the sizes: `이 팀은 300B급` is the lead's
        facts += self.one_size_claim(self.parameters(doc, ents), facts)
        programme = bool(PROGRAMME.search(self.text) or re.search(r"파운데이션\s*모델|컨소시엄", self.text))
        facts += partners
        if programme:
            # joining a consortium is no application of one's own; a member still shares its team's fate
            members = {(f.subject, self._sent_index(f.evidence.start)) for f in partners}
            facts += [
                f
                for f in self.status(doc, ents)
                if f.role != "applied" or (f.subject, self._sent_index(f.evidence.start)) not in members
            ]
        facts += self.gpus(doc, ents, facts)
        doc._.facts = (doc._.facts or []) + facts
        return doc


@Language.factory("hankg_relations", default_config={"aliases": []})
def make_relations(nlp: Language, name: str, aliases: list[str]) -> RelationExtractor:
    return RelationExtractor(tuple(aliases))
