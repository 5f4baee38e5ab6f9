"""The one step from an analysed Doc to the pydantic record the rest of hankg reads."""

from __future__ import annotations

from spacy.tokens import Doc

from hankg.extract.extensions import LABEL_KIND
from hankg.schema import ArticleRecord, DateMention, Entity, Evidence, Fact, entity_id

OFFSETS = "hankg.offsets"  # doc.user_data: for each doc offset, the offset in the article text as given


def doc_to_record(doc: Doc) -> ArticleRecord:
    """The record of an analysed Doc, offsets into the article's own text (see `make_doc`)."""
    art = doc._.article
    back: list[int] | None = doc.user_data.get(OFFSETS)

    def at(i: int) -> int:
        return back[i] if back is not None else i

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
        ent.mentions.append((at(span.start_char), at(span.end_char)))
    for eid, ent in entities.items():
        seen = {ent.name}
        ent.aliases = [a for a in sorted(aliases.get(eid, ())) if not (a in seen or seen.add(a))]
        ent.mentions = sorted(set(ent.mentions))
    facts: dict[tuple, Fact] = {}
    for fact in sorted(doc._.facts or [], key=lambda f: (f.evidence.start, f.evidence.end)):
        if fact.subject in entities and (fact.object is None or fact.object in entities):
            if back is not None:
                ev = Evidence(start=at(fact.evidence.start), end=at(fact.evidence.end))
                fact = fact.model_copy(update={"evidence": ev})
            facts.setdefault(fact.key(), fact)
    text = art.text if art is not None else doc.text
    dates = [
        DateMention(text=text[at(s.start_char) : at(s.end_char)], value=v, start=at(s.start_char), end=at(s.end_char))
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
