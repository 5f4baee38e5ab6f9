"""The one step from an analysed Doc to the pydantic record the rest of hankg reads."""

from __future__ import annotations

from spacy.tokens import Doc

from hankg.extract.extensions import LABEL_KIND
from hankg.schema import ArticleRecord, DateMention, Entity, Fact, entity_id


def doc_to_record(doc: Doc) -> ArticleRecord:
    art = doc._.article
    aliases: dict[str, set[str]] = doc._.aliases or {}
    entities: dict[str, Entity] = {}
    for span in doc.ents:
        kind = LABEL_KIND.get(span.label_)
        if kind is None:
            continue
        name = span._.name or span.text
        eid = entity_id(kind, name)
        ent = entities.get(eid)
        if ent is None:
            ent = entities[eid] = Entity(id=eid, kind=kind, name=name, extractor=span._.rule or "rule")
        ent.mentions.append((span.start_char, span.end_char))
    for eid, ent in entities.items():
        seen = {ent.name}
        ent.aliases = [a for a in sorted(aliases.get(eid, ())) if not (a in seen or seen.add(a))]
        ent.mentions = sorted(set(ent.mentions))
    facts: dict[tuple, Fact] = {}
    for fact in sorted(doc._.facts or [], key=lambda f: (f.evidence.start, f.evidence.end)):
        if fact.subject in entities and (fact.object is None or fact.object in entities):
            facts.setdefault(fact.key(), fact)
    dates = [
        DateMention(text=s.text, value=v, start=s.start_char, end=s.end_char)
        for s in sorted(doc.spans.get("dates", []), key=lambda s: (s.start_char, s.end_char))
        for v in s._.value or [None]
    ]
    return ArticleRecord(
        article=art.id,
        published=art.published,
        title=art.title,
        source=art.source,
        url=art.url,
        content_hash=art.content_hash,
        entities=sorted(entities.values(), key=lambda e: (min(e.mentions) if e.mentions else (0, 0), e.id)),
        facts=list(facts.values()),
        dates=dates,
    )
