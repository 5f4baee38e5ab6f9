"""The output folder: `hankg.sqlite`, the store of record, and the two files written from it.

The store is one SQLite database (standard library; WAL, one transaction per batch). It holds
each article (id, content hash, metadata, its text) with its record as the `facts.jsonl` line,
in ingestion order, and the graph as node and edge rows (`hankg.graph.materialize`). Records
are committed as the run goes, a batch at a time, so a run killed at any point keeps every
article it finished, and the next run skips them by content hash. `facts.jsonl` and
`graph.graphml` are written from the store when a run ends, atomically (a temporary file,
then a rename), with the same bytes as before the store existed. A folder from before the
store (only `facts.jsonl`) is imported on first use. An article id stored with different
text is replaced in place: it keeps its line in `facts.jsonl`. The end of a run also keeps the
whole-corpus answers of the questions (`hankg.graph.stored`), which a new article drops.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import networkx as nx
from pydantic import ValidationError

from hankg.data import Actors, actors
from hankg.schema import Article, ArticleRecord

from . import materialize, stored
from .materialize import names_json, open_readonly, read_graph, refresh, write_graphml

DB = "hankg.sqlite"
FACTS = "facts.jsonl"
GRAPH = "graph.graphml"
SCHEMA_VERSION = "1"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY,  -- ingestion order: the order of facts.jsonl
    id TEXT NOT NULL UNIQUE, hash TEXT, published TEXT, title TEXT, source TEXT, url TEXT, path TEXT,
    text TEXT,                -- as read and analysed; NULL for records imported from a facts.jsonl
    record TEXT NOT NULL,     -- the facts.jsonl line (ArticleRecord.to_spec() as JSON)
    names TEXT NOT NULL,      -- what entity resolution reads (materialize.names_json)
    mapping TEXT              -- entity -> node at the last graph refresh; NULL: edges to rebuild
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles (hash);
CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY, kind TEXT, attrs TEXT NOT NULL, sig TEXT NOT NULL, xml TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS edges (
    u TEXT NOT NULL, v TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT,
    attrs TEXT NOT NULL, sig TEXT NOT NULL, xml TEXT, PRIMARY KEY (u, v, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edges_seq ON edges (seq);
CREATE INDEX IF NOT EXISTS edges_v ON edges (v);
CREATE TABLE IF NOT EXISTS answers (  -- the whole-corpus answers, as pages (hankg.graph.stored)
    query TEXT NOT NULL, start INTEGER NOT NULL, items BLOB NOT NULL, PRIMARY KEY (query, start)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS answer_names (name TEXT PRIMARY KEY, nodes TEXT NOT NULL) WITHOUT ROWID;
"""


class StoreError(OSError):
    """The store cannot be opened or written (unwritable folder, disk full): the message says why."""


@dataclass(frozen=True)
class StoreSummary:
    """What `OutputStore.close()` left: records added (and imported), and the merged graph's size."""

    new: int
    articles: int
    entities: int
    facts: int
    imported: int = 0


def read_records(path: Path) -> list[ArticleRecord]:
    """The records of a `facts.jsonl`; a malformed line is a `ValueError` naming file:line."""
    return list(iter_records(path))


def iter_records(path: Path) -> Iterator[ArticleRecord]:
    """The records of a `facts.jsonl`, one at a time (see `read_records`)."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield ArticleRecord.model_validate(json.loads(line))
            except (json.JSONDecodeError, ValidationError) as e:
                reason = str(e).splitlines()[0]
                raise ValueError(f"{path}:{lineno}: not a hankg article record ({reason}); "
                                 f"fix the line or run with --rebuild.") from None


def spec_line(record: ArticleRecord) -> str:
    """The record's `facts.jsonl` line, without its newline."""
    return json.dumps(record.to_spec(), ensure_ascii=False, sort_keys=False)


def write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Write via a temporary file in the same folder and rename it: readers never see half."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_records(records: Sequence[ArticleRecord], path: Path) -> None:
    """One SPEC line per record, in the given order, atomically."""
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            for rec in records:
                fh.write(spec_line(rec) + "\n")
    write_atomic(path, write)


def write_graph(graph: nx.MultiDiGraph, path: Path) -> None:
    """GraphML with the pure-Python writer (lxml's output is not byte-stable), atomically."""
    write_atomic(path, lambda tmp: nx.write_graphml_xml(graph, tmp, encoding="utf-8"))


def record_schema() -> str:
    """A short hash of the record's JSON schema: stored lines written under another are redone."""
    text = json.dumps(ArticleRecord.model_json_schema(), sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def fingerprint(table: Actors) -> str:
    """A short hash of the curated table: a run with other `--aliases` must redo the graph."""
    text = json.dumps(asdict(table), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


ANSWERS_EVERY = 20  # the answers are worked out again once 5 % of the store is new since they were kept
ANSWERS_ALWAYS = 200  # a store this small costs little to answer: every run keeps its answers

class OutputStore:
    """An output folder being added to: `has`/`add` records as they come, `close` to write the files.

    Records are committed every `batch_size` records or `batch_seconds`, whichever comes first.
    """

    def __init__(self, out: Path, *, rebuild: bool = False, aliases: Sequence[Path] = (),
                 batch_size: int = 16, batch_seconds: float = 1.0, keep_answers: bool | None = None) -> None:
        self.out = Path(out)
        self.keep_answers = keep_answers  # None: when due (`_answers_due`); True / False: always / never
        self.path = self.out / DB
        self.aliases = tuple(str(p) for p in aliases)
        self.actors: Actors = actors(self.aliases)
        self.batch_size, self.batch_seconds = batch_size, batch_seconds
        self.new = self.imported = 0
        self._pending = 0
        self._since = time.monotonic()
        self._dropped = False
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as e:
            raise StoreError(f"cannot open the store {self.path}: {_reason(e)}.") from None
        try:
            self._start(rebuild)
        except BaseException:
            self.db.close()
            raise

    def _start(self, rebuild: bool) -> None:
        """Check the version; empty the store for --rebuild; import an old facts.jsonl once."""
        with self._transaction():
            fresh = self._meta("schema") is None
            if not fresh and not rebuild and self._meta("schema") != SCHEMA_VERSION:
                raise StoreError(f"{self.path} was written by another hankg (store version {self._meta('schema')}, "
                                 f"this one reads {SCHEMA_VERSION}); use that hankg, or --rebuild.")
            if rebuild:
                for table in ("articles", "nodes", "edges", "answers", "answer_names", "meta"):
                    self.db.execute(f"DELETE FROM {table}")
            self._set_meta("schema", SCHEMA_VERSION)
            if fresh or rebuild:
                self._set_meta("record_schema", record_schema())  # imported lines go through today's model
            if fresh and not rebuild and (self.out / FACTS).is_file():
                self._import(self.out / FACTS)
            if self._meta("record_schema") != record_schema():
                self._reserialise()
            if self._meta("content") is None:  # a store from before the content version (`stored.drop`)
                self._set_meta("content", uuid.uuid4().hex)

    def _reserialise(self) -> None:
        """Records stored by a hankg whose record schema differed: each line again through today's model,
        so `facts.jsonl` is what this version writes (a field added to the schema appears everywhere)."""
        seqs = [seq for (seq,) in self.db.execute("SELECT seq FROM articles ORDER BY seq")]
        for i in range(0, len(seqs), 500):
            chunk = seqs[i:i + 500]
            rows = self.db.execute(f"SELECT seq, record FROM articles WHERE seq IN ({','.join('?' * len(chunk))})",
                                   chunk).fetchall()
            updates = []
            for seq, line in rows:
                rec = ArticleRecord.model_validate_json(line)
                updates.append((spec_line(rec), names_json(rec), seq))
            self.db.executemany("UPDATE articles SET record = ?, names = ?, mapping = NULL WHERE seq = ?", updates)
        self._set_meta("record_schema", record_schema())
        if seqs:
            self._set_meta("stale", "1")

    # -- transactions -----------------------------------------------------------------
    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction; any failure rolls it back and becomes a `StoreError`."""
        try:
            if not self.db.in_transaction:
                self.db.execute("BEGIN IMMEDIATE")
            yield
            self.db.execute("COMMIT")
        except sqlite3.Error as e:
            self._rollback()
            self._dropped = False
            raise StoreError(f"cannot write the store {self.path}: {_reason(e)}; "
                             f"it keeps the articles of the batches committed before.") from None
        except BaseException:
            self._rollback()
            self._dropped = False
            raise
        self._pending = 0
        self._since = time.monotonic()

    def _rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def _import(self, path: Path) -> None:
        """Records of a `facts.jsonl` from before the store, in its order (no texts: it had none)."""
        for rec in iter_records(path):
            self._put(rec, None)
            self.imported += 1
        self._set_meta("stale", "1")

    # -- records ----------------------------------------------------------------------
    def _put(self, record: ArticleRecord, article: Article | None) -> None:
        if not self._dropped:  # the graph will change: its stored answers go in the same transaction
            stored.drop(self.db)
            self._dropped = True
        values = (record.content_hash, record.published, record.title, record.source, record.url,
                  article.path if article else None, article.text if article else None,
                  spec_line(record), names_json(record))
        self.db.execute(
            "INSERT INTO articles (id, hash, published, title, source, url, path, text, record, names) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, "
            "published = excluded.published, title = excluded.title, source = excluded.source, "
            "url = excluded.url, path = excluded.path, text = excluded.text, record = excluded.record, "
            "names = excluded.names, mapping = NULL", (record.article, *values))

    def has(self, article: Article) -> bool:
        """True when this exact text is already stored (under any id): nothing to redo."""
        return self.db.execute("SELECT 1 FROM articles WHERE hash = ? LIMIT 1",
                               (article.content_hash,)).fetchone() is not None

    def add(self, record: ArticleRecord, article: Article | None = None) -> None:
        """Store a record (and the article's text); one with a stored article id replaces it."""
        try:
            if not self.db.in_transaction:
                self.db.execute("BEGIN IMMEDIATE")
            self._put(record, article)
            self._set_meta("stale", "1")
        except sqlite3.Error as e:
            self._rollback()
            self._dropped = False
            raise StoreError(f"cannot write the store {self.path}: {_reason(e)}; "
                             f"it keeps the articles of the batches committed before.") from None
        self.new += 1
        self._pending += 1
        if self._pending >= self.batch_size or time.monotonic() - self._since >= self.batch_seconds:
            self.flush()

    def add_all(self, items: Iterable[ArticleRecord | tuple[ArticleRecord, Article]]) -> int:
        """Store records (or (record, article) pairs) from an iterator, a batch per transaction."""
        n = 0
        for item in items:
            rec, art = item if isinstance(item, tuple) else (item, None)
            self.add(rec, art)
            n += 1
        self.flush()
        return n

    def flush(self) -> None:
        """Commit the records added so far."""
        if self.db.in_transaction:
            with self._transaction():
                pass

    def iter_records(self) -> Iterator[ArticleRecord]:
        """The stored records in ingestion order (a replaced record keeps its place)."""
        for (line,) in self.db.execute("SELECT record FROM articles ORDER BY seq"):
            yield ArticleRecord.model_validate_json(line)

    @property
    def records(self) -> list[ArticleRecord]:
        return list(self.iter_records())

    def article(self, article_id: str) -> Article | None:
        """A stored article with its text ("" when it was imported from a facts.jsonl)."""
        row = self.db.execute("SELECT id, text, published, title, url, source, path FROM articles "
                              "WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else Article(**{**dict(row), "text": row["text"] or ""})

    # -- the graph and the files ------------------------------------------------------
    def graph(self) -> nx.MultiDiGraph:
        """The merged graph of everything stored (refreshing the graph rows first)."""
        self.flush()
        with self._transaction():
            if not self._graph_current():  # the rows are about to change under the files and answers
                stored.drop(self.db)
                self._set_meta("stale", "1")
            refresh(self.db, self.actors)
        return read_graph(self.db)

    def _graph_current(self) -> bool:
        """True when the graph rows were made from every stored article, with this table and code."""
        return (self._meta("stale") != "1" and self._meta("actors") == fingerprint(self.actors)
                and self._meta("edge_code") == materialize._edge_code())

    def close(self) -> StoreSummary:
        """Commit, bring the graph rows up to date and write both files if anything changed."""
        self.flush()
        current = self._graph_current() and (self.out / FACTS).is_file() and (self.out / GRAPH).is_file()
        if not current:
            with self._transaction():
                stored.drop(self.db)
                refresh(self.db, self.actors)
            try:
                write_atomic(self.out / FACTS, self._write_facts)
                write_atomic(self.out / GRAPH, self._write_graph)
            except OSError as e:
                raise StoreError(f"cannot write {self.out}: {_reason(e)}; the store keeps every "
                                 f"article, and the next run writes the files again.") from None
            with self._transaction():
                self._set_meta("stale", "0")
                self._set_meta("actors", fingerprint(self.actors))
        if not stored.current(self.db):
            if self._answers_due():
                self._keep_answers()
            else:
                with self._transaction():
                    self._set_meta("answers_pending", str(self._answers_pending()))
        summary = StoreSummary(new=self.new, imported=self.imported, **self.counts())
        self.db.close()
        return summary

    def _answers_pending(self) -> int:
        """Articles added since the stored answers were last worked out."""
        return int(self._meta("answers_pending") or 0) + self.new + self.imported

    def _answers_due(self) -> bool:
        """Working the answers out costs the whole graph (1.5 s at 800 articles, 25 s at 10,000), so a run
        does it once the articles added since they were last kept reach 1/ANSWERS_EVERY of the store:
        a run of an archive's day of news, or any run into a small store, not each article added.
        Until then queries work out what they ask from the graph, as graphs in memory do."""
        if self.keep_answers is not None:
            return self.keep_answers
        total = self.counts()["articles"]
        return total <= ANSWERS_ALWAYS or self._answers_pending() * ANSWERS_EVERY >= total

    def _keep_answers(self) -> None:
        """Work out the whole-corpus answers of the stored graph and keep them (`hankg.graph.stored`)."""
        from .query import KnowledgeGraph

        kg = KnowledgeGraph(read_graph(self.db))
        with self._transaction():
            stored.write(self.db, kg)
            self._set_meta("answers_pending", "0")

    def counts(self) -> dict[str, int]:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {"articles": one("SELECT COUNT(*) FROM articles"),
                "entities": one("SELECT COUNT(*) FROM nodes WHERE kind != 'article'"),
                "facts": one("SELECT COUNT(*) FROM edges WHERE kind = 'fact'")}

    def _write_facts(self, tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            for (line,) in self.db.execute("SELECT record FROM articles ORDER BY seq"):
                fh.write(line + "\n")

    def _write_graph(self, tmp: Path) -> None:
        with open(tmp, "wb") as fh:
            write_graphml(self.db, fh)

    def abandon(self) -> None:
        """Commit what was finished and close without writing the files (the run was cut short)."""
        try:
            self.flush()
        except sqlite3.ProgrammingError:  # already closed
            return
        finally:
            self.db.close()


def _reason(e: BaseException) -> str:
    if isinstance(e, OSError) and e.strerror:
        return f"{e.strerror} ({e.filename})" if e.filename else e.strerror
    return str(e) or type(e).__name__


def load(path: Path | str = "outputs", scope: str | None = None, lazy: bool = False):
    """The `KnowledgeGraph` of an output folder, from its store; a GraphML file or old folder as before.

    It answers whole-corpus questions from the answers the store keeps, when they are current.
    `scope` narrows the edges loaded to what one question reads, for the CLI: `"fact"` (timeline,
    facts, path) or an entity kind (`"model"`: the edges that touch a model, for `models()`). All
    nodes are always loaded, so names resolve as ever. `None` loads everything. `lazy` reads the
    graph only when a question needs it (the CLI asks one question, often answered by the store).
    """
    from .query import KnowledgeGraph

    path = Path(path)
    if path.is_dir() and (path / DB).is_file():
        try:
            db = open_readonly(path / DB)
            try:
                if db.execute("SELECT 1 FROM meta WHERE key = 'graphml_keys'").fetchone():
                    answers = stored.StoredAnswers.open(path / DB, db, write_back=_written_back(scope))
                    if lazy:
                        return KnowledgeGraph(read=lambda: _read_graph(path / DB, scope), stored=answers)
                    return KnowledgeGraph(read_graph(db, scope), stored=answers)
            finally:
                db.close()
        except sqlite3.Error as e:
            raise ValueError(f"{path / DB}: not a readable hankg store ({e}).") from e
    return KnowledgeGraph.load(path)


def _written_back(scope: str | None) -> bool | tuple[str, ...]:
    """The whole-corpus answers a graph loaded with `scope` works out as the whole graph does, and so
    may write back to its store: every one for the whole graph, else those of the question it is for."""
    from .answers import RELATIONS

    return {None: True, "organization": ("organizations",), "person": ("people",), "model": ("models",),
            "fact": ("timeline", "facts", *(stored.facts_name(r) for r in RELATIONS))}.get(scope, False)


def _read_graph(path: Path, scope: str | None) -> nx.MultiDiGraph:
    db = open_readonly(path)
    try:
        return read_graph(db, scope)
    finally:
        db.close()


def read_article(folder: Path | str, article_id: str) -> Article | None:
    """One stored article with its text and metadata, read-only (for evidence in answers and reports);
    None when the folder has no store or the store no such article."""
    path = Path(folder) / DB
    if not path.is_file():
        return None
    db = open_readonly(path)
    try:
        row = db.execute("SELECT id, text, published, title, url, source, path FROM articles WHERE id = ?",
                         (article_id,)).fetchone()
    finally:
        db.close()
    return None if row is None else Article(**{**dict(row), "text": row["text"] or ""})


def export_from_store(folder: Path, fmt: str, to: Path) -> tuple[Path, int, int] | None:
    """GraphML or neo4j CSV streamed from a folder's store, never holding the graph: the way out for
    graphs too large for memory. (path, nodes, edges), or None when there is no store to stream
    from (or `fmt` needs the whole graph: JSON)."""
    from .export import write_csv
    from .materialize import iter_edges, iter_nodes

    folder = Path(folder)
    if fmt not in ("graphml", "csv") or not folder.is_dir() or not (folder / DB).is_file():
        return None
    db = open_readonly(folder / DB)
    try:
        if not db.execute("SELECT 1 FROM meta WHERE key = 'graphml_keys'").fetchone():
            return None
        if fmt == "csv":
            written = write_csv(Path(to), lambda: iter_nodes(db), lambda: iter_edges(db))
        else:
            def write(tmp: Path) -> None:
                with open(tmp, "wb") as fh:
                    write_graphml(db, fh)
            write_atomic(Path(to), write)
            written = Path(to)
        n, m = (db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("nodes", "edges"))
        return written, n, m
    finally:
        db.close()
