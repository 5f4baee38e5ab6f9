"""Records in, one merged `networkx.MultiDiGraph` out: the programme graph.

The graph is the truth of what the articles claim, so it keeps *claims*, not conclusions:

- **Entity nodes** (`kind` organization / person / model), merged across articles by
  `hankg.graph.resolve`; attributes `name`, `aliases` (JSON list), `articles` (JSON list of
  article ids), `first_seen` / `last_seen` (published dates), `mentions` (count), `curated`
  (bool: the actor is in the curated table) and, for curated models, `developer`.
- **Article nodes** (`kind=article`, id `article:<id>`): `article`, `title`, `source`, `url`,
  `published`, `content_hash`, and `name` (the title) so Gephi has a label.
- **`mentions` edges**, article → entity, one per article and entity (`count` mentions,
  the first one's offsets as `evidence_start` / `evidence_end`).
- **Fact edges**, one per relation per article: subject → object, with `relation`, `role`,
  `value`, `max`, `unit`, `date`, `article`, `published`, `evidence_start`, `evidence_end`,
  `evidence_text` (the sentence) and `evidence_text_start` (where it starts), `extractor`.
  `parameters` and `programme_status` have no object: their edge runs from the subject
  **to the article node** that states them. That keeps every claim attached to its source,
  avoids self-loops (which Gephi and neo4j draw poorly), and makes a model's size a history:
  each dated claim is its own edge, never an overwritten node attribute.

Attributes are scalars (GraphML holds only str/int/float/bool, one type per name), lists are
JSON strings, and a missing value is an absent attribute. Nodes and edges are added in
sorted order and edge keys are derived from article ids, so the same records always give the
same graph and `write_graphml_xml` the same bytes, whatever order the records came in.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from hankg.data import Actors
from hankg.data import actors as load_actors
from hankg.schema import ArticleRecord

from .resolve import Resolution, names_of, resolve

ARTICLE_PREFIX = "article:"
FACT_ATTRS = ("relation", "role", "value", "max", "unit", "date", "article", "published",
              "evidence_start", "evidence_end", "evidence_text", "evidence_text_start", "extractor")


def article_node(article_id: str) -> str:
    return f"{ARTICLE_PREFIX}{article_id}"


def dumps(items: Iterable[Any]) -> str:
    """A list as the JSON string GraphML can hold (Hangul kept readable)."""
    return json.dumps(list(items), ensure_ascii=False)


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    """GraphML has no null: a missing value is a missing attribute."""
    return {k: v for k, v in attrs.items() if v is not None}


def build_graph(records: Iterable[ArticleRecord], actors: Actors | None = None) -> nx.MultiDiGraph:
    """The merged graph of all `records` (see the module docstring for its schema).

    `actors` is the curated table (`hankg.data.actors(...)`); the shipped one by default.
    A later record with the same article id as an earlier one replaces it.
    """
    latest = {r.article: r for r in records}
    recs = [latest[a] for a in sorted(latest)]
    res = resolve(recs, actors if actors is not None else load_actors())
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    for rec in recs:
        nodes[article_node(rec.article)] = article_attrs(rec)
    nodes.update(_entity_nodes(recs, res))
    for idx, rec in enumerate(recs):
        edges.extend(_mention_edges(idx, rec, res))
        edges.extend(_fact_edges(idx, rec, res))
    graph = nx.MultiDiGraph()
    for node in sorted(nodes):
        graph.add_node(node, **nodes[node])
    for u, v, key, attrs in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        graph.add_edge(u, v, key=key, **attrs)
    return graph


def article_attrs(rec: ArticleRecord) -> dict[str, Any]:
    """The article node's attributes: its metadata, the title as Gephi's label."""
    return _clean({
        "kind": "article", "name": rec.title or rec.article, "article": rec.article,
        "title": rec.title, "source": rec.source, "url": rec.url, "published": rec.published,
        "content_hash": rec.content_hash})


def _entity_nodes(recs: list[ArticleRecord], res: Resolution) -> dict[str, dict[str, Any]]:
    nodes = {}
    for node, c in res.clusters.items():
        articles = sorted({recs[idx].article for idx, _ in c.members})
        dates = sorted({recs[idx].published for idx, _ in c.members if recs[idx].published})
        seen = {n for _, ent in c.members for n in names_of(ent)} | set(c.curated_aliases)
        nodes[node] = _clean({
            "kind": c.kind, "name": c.name, "aliases": dumps(sorted(seen - {c.name})),
            "articles": dumps(articles),
            "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None,
            "mentions": sum(max(len(ent.mentions), 1) for _, ent in c.members),
            "curated": c.curated, "developer": c.developer})
    return nodes


def _mention_edges(idx: int, rec: ArticleRecord, res: Resolution):
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for ent in rec.entities:
        node = res.node_of.get((idx, ent.id))
        if node is not None:
            spans[node].extend(tuple(m) for m in ent.mentions)
    for node, found in spans.items():
        first = min(found) if found else (None, None)
        yield article_node(rec.article), node, f"{rec.article}:mentions:{node}", _clean({
            "kind": "mentions", "relation": "mentions", "article": rec.article,
            "published": rec.published, "count": len(set(found)),
            "evidence_start": first[0], "evidence_end": first[1]})


def _fact_edges(idx: int, rec: ArticleRecord, res: Resolution):
    """One edge per claim; two claims that became identical by merging names are one."""
    seen = set()
    for i, fact in enumerate(rec.facts):
        subject = res.node_of.get((idx, fact.subject))
        target = res.node_of.get((idx, fact.object)) if fact.object else article_node(rec.article)
        if subject is None or target is None:
            continue
        value = None if fact.value is None else float(fact.value)
        top = None if fact.max is None else float(fact.max)
        claim = (subject, target, fact.relation, fact.role, value, top, fact.date)
        if claim in seen:
            continue
        seen.add(claim)
        yield subject, target, f"{rec.article}:{fact.relation}:{i}", _clean({
            "kind": "fact", "relation": fact.relation, "role": fact.role, "value": value,
            "max": top, "unit": fact.unit, "date": fact.date, "article": rec.article,
            "published": rec.published, "evidence_start": fact.evidence.start,
            "evidence_end": fact.evidence.end, "evidence_text": fact.evidence.text,
            "evidence_text_start": fact.evidence.text_start, "extractor": fact.extractor})
