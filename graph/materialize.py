"""The graph kept inside the store: node and edge rows, refreshed in proportion to what changed.

Resolution (`hankg.graph.resolve`) is global: a new article can merge two nodes or give a
person a namesake, so it runs over every article, but on the compact `names` column (the
entities and `works_at` pairs of each record), not on whole records. Each article remembers
which node each of its entities went to (`mapping`); only the articles whose mapping changed,
or that are new, have their edges rebuilt, from their record. Node rows are compared with
what is stored and rewritten only when they differ. Every row keeps its GraphML fragment
(`hankg.graph.graphml`), re-rendered when its attributes, or the file's key table, change.
So `graph.graphml` is a streamed concatenation, and loading the graph for a query is two
indexed scans, not an XML parse.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx

from hankg.data import Actors
from hankg.schema import ArticleRecord

from . import graphml
from .build import _entity_nodes, _fact_edges, _mention_edges, article_attrs, article_node
from .resolve import complete_entities, resolve

CHUNK = 2000


def names_json(record: ArticleRecord) -> str:
    """What resolution needs of a record: its entities (stand-ins included, with their number of
    mentions, not the mentions) and its works_at pairs."""
    ents = [[e.id, e.kind, e.name, e.aliases, len(e.mentions)] for e in complete_entities(record)]
    works = [[f.subject, f.object] for f in record.facts if f.relation == "works_at" and f.object]
    return json.dumps({"e": ents, "w": works}, ensure_ascii=False)


@dataclass(slots=True)
class _Entity:
    """An entity as resolution reads it; `mentions` only has to have the right length."""

    id: str
    kind: str
    name: str
    aliases: list[str]
    mentions: list


@dataclass(slots=True)
class _Fact:
    subject: str
    relation: str
    object: str | None


@dataclass(slots=True)
class _Record:
    """A record as resolution and the node attributes read it: cheap to make for every article."""

    article: str
    published: str | None
    title: str | None
    source: str | None
    url: str | None
    content_hash: str | None
    entities: list[_Entity]
    facts: list[_Fact]


def _light(row: sqlite3.Row) -> _Record:
    data = json.loads(row["names"])
    return _Record(row["id"], row["published"], row["title"], row["source"], row["url"], row["hash"],
                   [_Entity(i, k, n, a, [None] * m) for i, k, n, a, m in data["e"]],
                   [_Fact(s, "works_at", o) for s, o in data["w"]])


def _dumps(attrs: dict[str, Any]) -> str:
    return json.dumps(attrs, ensure_ascii=False)


def _edge_code() -> str:
    """A hash of the code that turns a record into edges: when it changes (a new edge attribute),
    every article's edges are rebuilt, since a stored edge row is only redone when its article moves."""
    try:
        text = inspect.getsource(_mention_edges) + inspect.getsource(_fact_edges)
    except OSError:  # no source shipped: the version stands in for it
        from hankg import __version__ as text
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def refresh(db: sqlite3.Connection, actors: Actors) -> None:
    """Bring the node and edge rows (and their fragments) up to date with the articles."""
    code = _edge_code()
    if (db.execute("SELECT value FROM meta WHERE key = 'edge_code'").fetchone() or [None])[0] != code:
        db.execute("UPDATE articles SET mapping = NULL")
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('edge_code', ?)", (code,))
    rows = db.execute("SELECT seq, id, published, title, source, url, hash, names, mapping "
                      "FROM articles ORDER BY id").fetchall()
    recs = [_light(r) for r in rows]
    res = resolve(recs, actors)  # type: ignore[arg-type]  # duck-typed records
    wanted = {article_node(r.article): article_attrs(r) for r in recs}
    wanted.update(_entity_nodes(recs, res))
    _update_nodes(db, wanted)
    del wanted
    for idx, (row, rec) in enumerate(zip(rows, recs, strict=True)):
        mapping = json.dumps([res.node_of.get((idx, e.id)) for e in rec.entities], ensure_ascii=False)
        if mapping == row["mapping"]:
            continue
        full = ArticleRecord.model_validate_json(_record(db, row["seq"]))
        db.execute("DELETE FROM edges WHERE seq = ?", (row["seq"],))
        db.executemany(
            "INSERT OR REPLACE INTO edges (u, v, key, seq, kind, attrs, sig, xml) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
            [(u, v, key, row["seq"], attrs.get("kind"), _dumps(attrs), graphml.signature(attrs))
             for u, v, key, attrs in [*_mention_edges(idx, full, res), *_fact_edges(idx, full, res)]])
        db.execute("UPDATE articles SET mapping = ? WHERE seq = ?", (mapping, row["seq"]))
    _render(db)


def _record(db: sqlite3.Connection, seq: int) -> str:
    return db.execute("SELECT record FROM articles WHERE seq = ?", (seq,)).fetchone()[0]


def _update_nodes(db: sqlite3.Connection, wanted: dict[str, dict[str, Any]]) -> None:
    stored = dict(db.execute("SELECT id, attrs FROM nodes"))
    gone = [(n,) for n in stored if n not in wanted]
    db.executemany("DELETE FROM nodes WHERE id = ?", gone)
    changed = []
    for node, attrs in wanted.items():
        text = _dumps(attrs)
        if stored.get(node) != text:
            changed.append((node, attrs.get("kind"), text, graphml.signature(attrs)))
    db.executemany("INSERT OR REPLACE INTO nodes (id, kind, attrs, sig, xml) VALUES (?, ?, ?, ?, NULL)", changed)


def _keys(db: sqlite3.Connection) -> graphml.KeyMap:
    nodes = [s for (s,) in db.execute("SELECT sig FROM nodes GROUP BY sig ORDER BY MIN(id)")]
    edges = [s for (s,) in db.execute(
        "SELECT sig FROM (SELECT sig, row_number() OVER (ORDER BY u, v, key) AS rn FROM edges) "
        "GROUP BY sig ORDER BY MIN(rn)")]
    return graphml.key_map(nodes, edges)


def _render(db: sqlite3.Connection) -> None:
    """Fragments for the rows that have none; all of them when the key table changed."""
    keys = _keys(db)
    text = json.dumps([[*k, v] for k, v in keys.items()], ensure_ascii=False)
    row = db.execute("SELECT value FROM meta WHERE key = 'graphml_keys'").fetchone()
    if row is None or row[0] != text:
        db.execute("UPDATE nodes SET xml = NULL")
        db.execute("UPDATE edges SET xml = NULL")
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('graphml_keys', ?)", (text,))
    todo = db.execute("SELECT id, attrs FROM nodes WHERE xml IS NULL").fetchall()
    db.executemany("UPDATE nodes SET xml = ? WHERE id = ?",
                   [(graphml.fragment("node", json.loads(a), keys, node=n), n) for n, a in todo])
    last = ("", "", "")
    while True:
        todo = db.execute("SELECT u, v, key, attrs FROM edges WHERE xml IS NULL AND (u, v, key) > (?, ?, ?) "
                          "ORDER BY u, v, key LIMIT ?", (*last, CHUNK)).fetchall()
        if not todo:
            break
        db.executemany("UPDATE edges SET xml = ? WHERE u = ? AND v = ? AND key = ?", [
            (graphml.fragment("edge", json.loads(a), keys, source=u, target=v, key=k), u, v, k)
            for u, v, k, a in todo])
        last = (todo[-1][0], todo[-1][1], todo[-1][2])


def _fragments(db: sqlite3.Connection) -> Iterator[str]:
    for (xml,) in db.execute("SELECT xml FROM nodes ORDER BY id"):
        yield xml
    for (xml,) in db.execute("SELECT xml FROM edges ORDER BY u, v, key"):
        yield xml


def write_graphml(db: sqlite3.Connection, fh: BinaryIO) -> None:
    """The stored graph as GraphML, streamed: the bytes `write_graphml_xml` would write."""
    keys = {(name, typ, scope): kid for name, typ, scope, kid in json.loads(
        (db.execute("SELECT value FROM meta WHERE key = 'graphml_keys'").fetchone() or ["[]"])[0])}
    graphml.write_document(fh, keys, _fragments(db))


SCOPES = {
    None: "",
    "fact": "WHERE kind = 'fact'",
    **{kind: f"WHERE u IN (SELECT id FROM nodes WHERE kind = '{kind}') "
             f"OR v IN (SELECT id FROM nodes WHERE kind = '{kind}')" for kind in ("organization", "person", "model")},
}


def read_graph(db: sqlite3.Connection, scope: str | None = None) -> nx.MultiDiGraph:
    """The stored graph as networkx holds it, in the order `graph.graphml` lists it.

    `scope` keeps only some edges (see `SCOPES`: the fact edges, or those touching one kind of
    node), in the same order, for a question that reads no others.
    """
    if scope not in SCOPES:
        raise ValueError(f"Unknown scope {scope!r}; use one of {', '.join(map(str, SCOPES))}.")
    graph = nx.MultiDiGraph()
    graph.graph.update(node_default={}, edge_default={})  # as networkx's GraphML reader leaves them: same exports
    graph.add_nodes_from((n, json.loads(a)) for n, a in db.execute("SELECT id, attrs FROM nodes ORDER BY id"))
    graph.add_edges_from((u, v, k, json.loads(a)) for u, v, k, a in db.execute(
        f"SELECT u, v, key, attrs FROM edges {SCOPES[scope]} ORDER BY u, v, key"))
    return graph


def iter_nodes(db: sqlite3.Connection) -> Iterator[tuple[str, dict[str, Any]]]:
    """(node, attributes) in node order, one at a time."""
    for n, a in db.execute("SELECT id, attrs FROM nodes ORDER BY id"):
        yield n, json.loads(a)


def iter_edges(db: sqlite3.Connection) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(source, target, key, attributes) in edge order, one at a time."""
    for u, v, k, a in db.execute("SELECT u, v, key, attrs FROM edges ORDER BY u, v, key"):
        yield u, v, k, json.loads(a)


def open_readonly(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    return db
