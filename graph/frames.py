"""The graph as pandas DataFrames, for notebooks: `kg.frames()` → entities, facts, articles.

Columns are typed so that filtering and grouping work without conversions: text is
`string`, counts and offsets `Int64`, sizes `Float64`, flags `boolean`, kinds and relations
`category`, and dates `datetime64` (`when_start` / `when_end` are the first and last day of
a fact's period, so `2026-H1` sorts and filters like any date; the text stays in `when`).
pandas is an optional extra: `pip install 'hankg[pandas]'`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, NamedTuple

from .when import period

if TYPE_CHECKING:
    import pandas as pd

    from .query import KnowledgeGraph


class Frames(NamedTuple):
    entities: pd.DataFrame
    facts: pd.DataFrame
    articles: pd.DataFrame


def _pandas():
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("KnowledgeGraph.frames() needs pandas: pip install 'hankg[pandas]'") from None
    return pd


def _typed(pd, rows: list[dict], types: dict[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(types))
    for col, kind in types.items():
        if kind.startswith("datetime"):
            frame[col] = pd.to_datetime(frame[col], errors="coerce").astype("datetime64[ns]")
        elif kind != "object":
            frame[col] = frame[col].astype(kind)
    return frame


def _day(text: str | None, end: bool = False):
    span = period(text)
    return None if span is None else span[1 if end else 0].isoformat()


ENTITY_TYPES = {"id": "string", "kind": "category", "name": "string", "aliases": "object",
                "mentions": "Int64", "articles": "Int64", "first_seen": "datetime64[ns]",
                "last_seen": "datetime64[ns]", "curated": "boolean", "developer": "string"}
FACT_TYPES = {"subject": "string", "subject_id": "string", "relation": "category", "object": "string",
              "object_id": "string", "role": "string", "value": "Float64", "max": "Float64",
              "unit": "string", "date": "string", "when": "string", "when_start": "datetime64[ns]",
              "when_end": "datetime64[ns]", "article": "string", "published": "datetime64[ns]",
              "title": "string", "outlet": "string", "url": "string", "evidence_start": "Int64",
              "evidence_end": "Int64", "evidence_text": "string", "extractor": "string"}
ARTICLE_TYPES = {"id": "string", "title": "string", "source": "string", "url": "string",
                 "published": "datetime64[ns]", "content_hash": "string"}


def frames(kg: KnowledgeGraph) -> Frames:
    """Entities (one row per node), facts (one row per claim) and articles, as DataFrames."""
    pd = _pandas()
    entities = []
    for node, d in sorted(kg.graph.nodes(data=True)):
        if d.get("kind") == "article" or not d.get("kind"):
            continue
        entities.append({
            "id": node, "kind": d.get("kind"), "name": d.get("name") or node,
            "aliases": json.loads(d.get("aliases") or "[]"), "mentions": d.get("mentions"),
            "articles": len(json.loads(d.get("articles") or "[]")), "first_seen": _day(d.get("first_seen")),
            "last_seen": _day(d.get("last_seen"), end=True), "curated": d.get("curated"),
            "developer": d.get("developer")})
    facts = []
    for f in kg.facts():
        src = f.sources[0] if f.sources else None
        facts.append({
            "subject": f.subject, "subject_id": f.subject_id, "relation": f.relation, "object": f.object,
            "object_id": f.object_id, "role": f.role, "value": f.value, "max": f.max, "unit": f.unit,
            "date": f.date, "when": f.when, "when_start": _day(f.when), "when_end": _day(f.when, end=True),
            "article": f.article, "published": _day(f.published), "title": src and src.title,
            "outlet": src and src.outlet, "url": src and src.url, "evidence_start": src and src.start,
            "evidence_end": src and src.end, "evidence_text": src and src.text, "extractor": f.extractor})
    articles = [{"id": a.id, "title": a.title, "source": a.source, "url": a.url,
                 "published": _day(a.published), "content_hash": a.content_hash} for a in kg.articles()]
    return Frames(_typed(pd, entities, ENTITY_TYPES), _typed(pd, facts, FACT_TYPES),
                  _typed(pd, articles, ARTICLE_TYPES))
