"""The one step from an analysed Doc to the pydantic record the rest of hankg reads."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from hankg.extract.extensions import LABEL_KIND
from hankg.schema import ArticleRecord, DateMention, Entity, Evidence, Fact, entity_id

OFFSETS = "hankg.offsets"  # doc.user_data: for each doc offset, the offset in the article text as given

CONTINUES = ("J", "E", "XS", "VCP")  # Kiwi tags no sentence starts with: particles, endings, suffixes
# where spaCy keeps a span's custom attribute (`span._.name`): doc.user_data[("._.", name, start, end)];
# read there directly, the per-mention attributes cost no `Underscore` object each
SPAN_ATTR = "._."


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Kiwi's sentences as (start, end) character offsets, surrounding whitespace left out.

    A "sentence" that starts with a particle or an ending (`는 단 310억…` after a quoted
    `'솔라 프로2'`) is the rest of the one before: Kiwi split it at the quote, so join them.
    """
    text, out = doc.text, []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        first = next((t for t in sent if not t.is_space), None)
        if out and first is not None and first.tag_.startswith(CONTINUES) and "\n" not in text[out[-1][1] : start]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def with_sentence(fact: Fact, text: str, sents: list[tuple[int, int]], starts: list[int] | None = None) -> Fact:
    """The fact with `evidence.text`: the sentence(s) its offsets fall in, so a reader can check it.

    Whitespace the evidence takes in at either end (a paragraph break) does not pull in the
    next sentence; the offsets themselves stay as the rules found them. `starts` are the
    sentences' starts, if the caller has them (one list per article, not per fact).
    """
    ev = fact.evidence
    claim = text[ev.start : ev.end]
    start = ev.start + len(claim) - len(claim.lstrip())
    end = max(ev.end - (len(claim) - len(claim.rstrip())), start)
    if not sents:
        return fact
    if starts is None:
        starts = [s for s, _ in sents]
    first = max(bisect_right(starts, start) - 1, 0)
    last = max(bisect_right(starts, max(end - 1, start)) - 1, first)
    lo, hi = min(sents[first][0], start), max(sents[last][1], end)
    evidence = ev.model_copy(update={"text": text[lo:hi], "text_start": lo})
    return fact.model_copy(update={"evidence": evidence})


def doc_to_record(doc: Doc) -> ArticleRecord:
    """The record of an analysed Doc, offsets into the article's own text (see `make_doc`)."""
    art = doc._.article
    back: list[int] | None = doc.user_data.get(OFFSETS)

    def at(i: int) -> int:
        return back[i] if back is not None else i

    aliases: dict[str, set[str]] = doc._.aliases or {}
    data, doc_text = doc.user_data, doc.text
    entities: dict[str, Entity] = {}
    for span in doc.ents:
        kind = LABEL_KIND.get(span.label_)
        if kind is None:
            continue
        s, e = span.start_char, span.end_char
        name = data.get((SPAN_ATTR, "name", s, e)) or doc_text[s:e]  # `span._.name or span.text`
        eid = entity_id(kind, name)
        ent = entities.get(eid)
        if ent is None:
            rule = data.get((SPAN_ATTR, "rule", s, e))
            ent = entities[eid] = Entity(id=eid, kind=kind, name=name, extractor=rule or "rule")
        ent.mentions.append((s, e) if back is None else (back[s], back[e]))
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
    sents = [(at(a), at(b)) for a, b in _sentences(doc)]  # in the article's own offsets, like the evidence
    dates = [
        DateMention(text=text[at(s) : at(e)], value=v, start=at(s), end=at(e))
        for s, e in sorted((d.start_char, d.end_char) for d in doc.spans.get("dates", []))
        for v in data.get((SPAN_ATTR, "value", s, e)) or [None]  # `span._.value`
    ]
    starts = [s for s, _ in sents]
    return ArticleRecord(
        article=art.id,
        published=art.published,
        title=art.title,
        source=art.source,
        url=art.url,
        content_hash=art.content_hash,
        entities=sorted(entities.values(), key=lambda e: (min(e.mentions) if e.mentions else (0, 0), e.id)),
        facts=[with_sentence(f, text, sents, starts) for f in facts.values()],
        dates=dates,
    )
