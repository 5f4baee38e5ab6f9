"""Whole-corpus answers kept in the store, so that a loaded store answers them at once.

Working out `organizations()` or `timeline()` over 10,000 articles makes a pydantic record for
each of up to 100,000 claims and sources: seconds, and even validating them back from JSON
takes a tenth of that, far more than an analyst should wait for a first answer. So when a run
ends (`OutputStore.close`), every whole-corpus answer is worked out once and written to the
`answers` table as pages (zlib-compressed JSON arrays of about 64 KB, in the answer's order).
A graph loaded from the store answers these questions with a `StoredAnswer`: a read-only
sequence that reads and validates a page when one of its items is first wanted, and keeps it.
Questions about one name are worked out from the graph, as before: they read a few edges.
Between the runs that keep them, a loaded graph that works out a whole-corpus answer writes that
answer alone back (`write_back`), so the next load of the store answers it too.

The answers are valid for one state of the store: adding an article (or a refresh with other
`--aliases`) drops them in the same transaction, with a new content version (meta `content`, which an
answer written back names, and which its write checks is still current), and the store's `stale` flag is checked with
them, so a store mid-run is answered from its graph. The stored JSON leaves out the fields an
answer's record did not set, so a record read back is the record worked out, `model_fields_set`
included. They are also tied to this code: `code()` hashes the modules that make the answers,
and answers written by other code are ignored (and rewritten by the next run).
"""

from __future__ import annotations

import bisect
import functools
import gc
import hashlib
import inspect
import json
import sqlite3
import sys
import threading
import uuid
import zlib
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from pydantic import TypeAdapter

if TYPE_CHECKING:
    from .query import KnowledgeGraph

T = TypeVar("T")
PAGE_BYTES = 64 * 1024  # a page: about this much JSON (up to 1.5 times; one record may be more), at most PAGE_ITEMS
PAGE_ITEMS = 256
INDEX = "#index"  # the row that lists each answer's length and pages
WHENS = "#when"   # the suffix of the rows of a facts answer's periods, for since / until
ONE = "answers/"  # an answer written back alone (`write_back`): its rows, index row and meta key start so
BUSY_SECONDS = 0.5  # how long a write-back waits for a run's transaction before it gives up


def questions() -> dict[str, tuple[Any, Callable[[KnowledgeGraph], list]]]:
    """The answers kept: name -> (record type, how to work it out)."""
    from .answers import RELATIONS, ArticleInfo, Event, FactView, Model, Organization, Person
    from .conflicts import Conflict

    out: dict[str, tuple[Any, Callable[[KnowledgeGraph], list]]] = {
        "articles": (ArticleInfo, lambda g: g.articles()),
        "organizations": (Organization, lambda g: g.organizations()),
        "people": (Person, lambda g: g.people()),
        "models": (Model, lambda g: g.models()),
        "timeline": (Event, lambda g: g.timeline()),
        "facts": (FactView, lambda g: g.facts()),
    }
    for rel in RELATIONS:
        out[facts_name(rel)] = (FactView, lambda g, rel=rel: g.facts(relation=rel))
    out["conflicts"] = (Conflict, lambda g: g.conflicts())
    return out


def facts_name(relation: str | None) -> str:
    return "facts" if relation is None else f"facts/{relation}"


@functools.cache
def code() -> str:
    """A short hash of the code that makes the answers: stored answers from other code are not read."""
    from . import answers, conflicts, programme, query, resolve, walks, when

    try:
        text = "".join(inspect.getsource(m) for m in (answers, conflicts, programme, query, resolve, walks, when,
                                                       sys.modules[__name__]))
    except OSError:  # no source shipped: the version stands in for it
        from hankg import __version__ as text
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# -- writing ----------------------------------------------------------------------------
def drop(db: sqlite3.Connection) -> None:
    """Forget the stored answers (inside the caller's transaction): the graph is about to change, so
    the store's content version changes too (answers written back from a loaded graph name it)."""
    db.execute("DELETE FROM answers")
    db.execute("DELETE FROM answer_names")
    db.execute(f"DELETE FROM meta WHERE key = 'answers' OR key LIKE '{ONE}%'")
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('content', ?)", (uuid.uuid4().hex,))


def current(db: sqlite3.Connection) -> bool:
    row = db.execute("SELECT value FROM meta WHERE key = 'answers'").fetchone()
    return row is not None and row[0].split(":")[0] == code()


def rows(kg: KnowledgeGraph) -> Iterator[tuple[str, int, bytes]]:
    """(answer, first position, page) rows of every answer of `kg`, then the index row."""
    index: dict[str, list] = {}
    for name, (kind, ask) in questions().items():
        yield from _rows_of(name, name, kind, ask(kg), index)
    yield INDEX, 0, zlib.compress(json.dumps(index).encode(), 1)


def _rows_of(name: str, query: str, kind: Any, items: Sequence, index: dict[str, list]
             ) -> Iterator[tuple[str, int, bytes]]:
    """The rows (under `query`) of the answer `name`, `items`; its [length, page starts] go to `index`."""
    adapter = _list_adapter(kind)
    starts: list[int] = []
    i, per = 0, PAGE_ITEMS
    while i < len(items):  # a page's records dumped at once (a third of the cost of one at a time)
        chunk = items[i:i + per]
        raw = adapter.dump_json(chunk, exclude_unset=True)
        fit = max(1, len(chunk) * PAGE_BYTES // len(raw))  # the records of this size a page holds
        if len(chunk) > 1 and len(raw) > PAGE_BYTES * 3 // 2:  # far over a page: fewer of them
            per = fit
            continue
        starts.append(i)
        yield query, i, zlib.compress(raw, 1)
        i += len(chunk)
        per = min(PAGE_ITEMS, fit)
    if name.startswith("facts"):
        yield query + WHENS, 0, zlib.compress(json.dumps([f.when for f in items]).encode(), 1)
    index[name] = [len(items), starts]


@functools.cache
def _list_adapter(kind: Any) -> TypeAdapter:
    return TypeAdapter(list[kind])


def write(db: sqlite3.Connection, kg: KnowledgeGraph) -> None:
    """Keep every whole-corpus answer of `kg` (the store's graph) in the store, in the caller's transaction."""
    drop(db)
    db.executemany("INSERT INTO answers (query, start, items) VALUES (?, ?, ?)", rows(kg))
    db.executemany("INSERT INTO answer_names (name, nodes) VALUES (?, ?)",
                   ((name, json.dumps(sorted(nodes), ensure_ascii=False)) for name, nodes in kg._make_index().items()))
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('answers', ?)", (f"{code()}:{uuid.uuid4().hex}",))


def write_back(path: Path, content: str, name: str, items: Sequence) -> bool:
    """Keep one answer worked out by a graph loaded from the store at `path` (which had no current
    answer to it) for the loads that follow, tied to the store's content version `content` as it was
    when the graph was loaded. A short read-write connection of its own, one IMMEDIATE transaction
    that writes only if the content is still that version and the graph rows are not stale (a run
    adding articles meanwhile leaves it unwritten). Never fails: a locked, read-only or otherwise
    unwritable store is simply left as it is (False)."""
    try:
        with _no_collection():
            index: dict[str, list] = {}
            pages = list(_rows_of(name, ONE + name, questions()[name][0], items, index))  # before locking
            pages.append((ONE + name + INDEX, 0, zlib.compress(json.dumps(index[name]).encode(), 1)))
        db = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=rw", uri=True, isolation_level=None,
                             timeout=BUSY_SECONDS)
        try:
            db.execute("BEGIN IMMEDIATE")
            meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('content', 'stale')").fetchall())
            if meta.get("content") != content or meta.get("stale") == "1":
                db.execute("ROLLBACK")
                return False
            db.execute("DELETE FROM answers WHERE query IN (?, ?, ?)", (ONE + name, ONE + name + WHENS,
                                                                      ONE + name + INDEX))
            db.executemany("INSERT INTO answers (query, start, items) VALUES (?, ?, ?)", pages)
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (ONE + name, f"{code()}:{content}"))
            db.execute("COMMIT")
            return True
        finally:
            db.close()  # an unfinished transaction is rolled back
    except Exception:  # noqa: BLE001  # a query never fails because its answer could not be kept
        return False


# -- reading ----------------------------------------------------------------------------
class StoredAnswers:
    """The answers kept in one store (`open` them), read a page at a time and kept once read.

    Each answer is either one of the whole set a run kept (meta row `answers`, `stamp`) or one
    written back alone by a loaded graph (meta row `answers/NAME`, naming the content version).
    `content` is the store's content version when it was opened, for writing answers back (None:
    no write-back)."""

    def __init__(self, path: Path, stamp: str | None, index: dict[str, list],
                 content: str | None = None, alone: dict[str, list] | None = None,
                 only: Collection[str] | None = None) -> None:
        self.path, self.stamp, self.content = path, stamp, content
        self.only = None if only is None else frozenset(only)  # the answers that may be written back (None: all)
        self.index = {name: (count, starts) for name, (count, starts) in index.items()}
        # answer -> (its rows' query name, the meta row that must still hold this value)
        self._where = {name: (name, "answers", stamp) for name in self.index}
        for name, (count, starts) in (alone or {}).items():
            if name not in self.index:
                self.index[name] = (count, starts)
                self._where[name] = (ONE + name, ONE + name, f"{code()}:{content}")
        self._tried: set[str] = set()
        self._pages: dict[tuple[str, int], list | None] = {}
        self._whens: dict[str, list[str | None]] = {}
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    @property
    def names(self) -> bool:
        """True when the store keeps the names index too (with the whole set of answers)."""
        return self.stamp is not None

    @classmethod
    def open(cls, path: Path, db: sqlite3.Connection | None = None,
             write_back: bool | Collection[str] = True) -> StoredAnswers | None:
        """The answers of the store at `path`, or None when it keeps none that are current (and
        answers worked out cannot be written back: `write_back` False, or a store mid-run).
        `write_back` may name the only answers to write back (those a partly loaded graph works out whole)."""
        from .materialize import open_readonly

        own = db is None
        db = open_readonly(path) if db is None else db
        try:
            meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('answers', 'stale', 'content') "
                                   f"OR key LIKE '{ONE}%'").fetchall())
            if meta.get("stale") == "1":
                return None
            stamp, content = meta.get("answers"), meta.get("content")
            index: dict[str, list] = {}
            if stamp is not None and stamp.split(":")[0] == code():
                row = db.execute("SELECT items FROM answers WHERE query = ? AND start = 0", (INDEX,)).fetchone()
                if row is not None:
                    index = json.loads(zlib.decompress(row[0]))
            if not index:
                stamp = None
            alone: dict[str, list] = {}
            if content is not None:
                mine = f"{code()}:{content}"
                wanted = [ONE + key[len(ONE):] + INDEX for key, value in meta.items()
                          if key.startswith(ONE) and value == mine and key[len(ONE):] not in index]
                if wanted:
                    for query, items in db.execute(
                            f"SELECT query, items FROM answers WHERE start = 0 AND query IN "
                            f"({','.join('?' * len(wanted))})", wanted).fetchall():
                        alone[query[len(ONE):-len(INDEX)]] = json.loads(zlib.decompress(items))
            if not index and not alone and (content is None or not write_back):
                return None
            return cls(Path(path), stamp, index, content if write_back else None, alone,
                       None if isinstance(write_back, bool) else write_back)
        except sqlite3.Error:  # a store from before the answers table
            return None
        finally:
            if own:
                db.close()

    def __contains__(self, name: str) -> bool:
        return name in self.index

    def __getstate__(self) -> dict:  # a loaded graph pickles (for worker processes): no connection, no lock
        return {**self.__dict__, "_db": None, "_lock": None}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _lock=threading.Lock())

    def keep(self, name: str, items: Sequence) -> None:
        """Write back the answer `name` worked out from the graph (once per question; see `write_back`)."""
        if (self.content is None or name in self._tried or name not in questions()
                or (self.only is not None and name not in self.only)):
            return
        self._tried.add(name)
        write_back(self.path, self.content, name, items)

    def _read(self, name: str, start: int, suffix: str = "") -> bytes | None:
        """One stored row, None when the answers it belongs to are gone (the store changed since)."""
        query, key, value = self._where[name]
        with self._lock:
            row = self._connect().execute(
                "SELECT items FROM answers WHERE query = ? AND start = ? AND EXISTS "
                "(SELECT 1 FROM meta WHERE key = ? AND value = ?)", (query + suffix, start, key, value)).fetchone()
        return None if row is None else zlib.decompress(row[0])

    def _connect(self) -> sqlite3.Connection:
        """One connection for the graph's life (any thread, one at a time: callers hold the lock)."""
        if self._db is None:
            self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        return self._db

    def page(self, name: str, start: int, ahead: Sequence[int] = ()) -> list | None:
        """The records of the page of `name` that starts at `start` (validated once, then kept), and
        the pages that start at `ahead` read with it, under one pause of the collector (the collections
        that follow a pause walk the whole loaded graph): people, timeline and facts of 10,000
        articles read in 6.4 s a page per pause, 3.7 s read ahead, 1.7 s with no collection at all."""
        if (name, start) not in self._pages:
            with _no_collection():
                for first in (start, *ahead):
                    if (name, first) not in self._pages:
                        raw = self._read(name, first)
                        self._pages[name, first] = None if raw is None else _adapter(name).validate_json(raw)
        return self._pages[name, start]

    def named(self, name: str) -> list[str] | None:
        """The nodes a normalised name names, as the graph's own index has it ([] for none), or
        None when the answers are gone (the store changed since)."""
        with self._lock:
            row = self._connect().execute(
                "SELECT (SELECT nodes FROM answer_names WHERE name = ?), EXISTS "
                "(SELECT 1 FROM meta WHERE key = 'answers' AND value = ?)", (name, self.stamp)).fetchone()
        if not row[1]:
            return None
        return json.loads(row[0]) if row[0] is not None else []

    def whens(self, name: str) -> list[str | None] | None:
        """The period (`when`) of each fact of a facts answer, in its order."""
        if name not in self._whens:
            raw = self._read(name, 0, WHENS)
            if raw is None:
                return None
            with _no_collection():
                self._whens[name] = json.loads(raw)
        return self._whens[name]

    def answer(self, name: str, fallback: Callable[[], list],
               keep: Callable[[str | None], bool] | None = None) -> StoredAnswer | list:
        """The stored answer `name` (only the facts whose period `keep` keeps, if given).

        `fallback` works the answer out from the graph, should the store have changed meanwhile."""
        positions = None
        if keep is not None:
            whens = self.whens(name)
            if whens is None:
                return [f for f in fallback() if keep(f.when)]
            kept = {w: keep(w) for w in set(whens)}
            positions = [i for i, w in enumerate(whens) if kept[w]]
        return StoredAnswer(self, name, fallback, positions)


@contextmanager
def _no_collection() -> Iterator[None]:
    """Python's cyclic collector paused while records are made, as `KnowledgeGraph._cached` does:
    otherwise the objects made start collections that walk the whole loaded graph, again and again
    (measured: most of the time of reading a page, or the names, on a loaded 10,000-article graph)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


_ADAPTERS: dict[str, TypeAdapter] = {}


def _adapter(name: str) -> TypeAdapter:
    if name not in _ADAPTERS:
        _ADAPTERS[name] = TypeAdapter(list[questions()[name][0]])
    return _ADAPTERS[name]


class StoredNames:
    """The graph's names index read from the store a name at a time (`KnowledgeGraph._index`):
    the first name resolves without indexing every node. `fallback` makes the index from the
    graph, should the store have changed meanwhile."""

    def __init__(self, source: StoredAnswers, fallback: Callable[[], dict[str, Collection[str]]]) -> None:
        self._source, self._fallback = source, fallback
        self._known: dict[str, list[str]] = {}
        self._whole: dict[str, Collection[str]] | None = None

    def get(self, name: str, default: Collection[str] = ()) -> Collection[str]:
        if self._whole is None and name not in self._known:
            found = self._source.named(name)
            if found is None:
                self._whole = self._fallback()
            else:
                self._known[name] = found
        if self._whole is not None:
            return self._whole.get(name, default)
        return self._known[name] or default


class StoredAnswer(Sequence[T], Generic[T]):
    """A whole-corpus answer read from the store: a read-only sequence of the same records, in the
    same order, as the list the graph works out (it equals that list). A page of records is read
    and validated when one of them is first wanted. `list(answer)` gives a list to change."""

    def __init__(self, source: StoredAnswers, name: str, fallback: Callable[[], list],
                 positions: list[int] | None = None) -> None:
        self._source, self._name, self._fallback = source, name, fallback
        self._count, self._starts = source.index[name]
        self._positions = positions
        self._whole: list | None = None  # the worked-out answer, if the store changed under us

    def __len__(self) -> int:
        return self._count if self._positions is None else len(self._positions)

    def _at(self, pos: int) -> T:
        """The record at position `pos` of the whole stored answer."""
        if self._whole is None:
            start = self._starts[bisect.bisect_right(self._starts, pos) - 1]
            page = self._source.page(self._name, start)
            if page is not None:
                return page[pos - start]
            self._whole = self._fallback()
        return self._whole[pos]

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...

    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self)
        if not -n <= i < n:
            raise IndexError("stored answer index out of range")
        i %= n
        return self._at(i if self._positions is None else self._positions[i])

    def __iter__(self) -> Iterator[T]:
        if self._positions is not None:
            for pos in self._positions:
                yield self._at(pos)
            return
        ahead = 1  # pages read at once: 1, 2, 4… 64, so a loop that stops early reads little
        for i, start in enumerate(self._starts):
            page = None if self._whole is not None else self._source.page(
                self._name, start, self._starts[i + 1:i + ahead])
            ahead = min(2 * ahead, 64)
            if page is None and self._whole is None:
                self._whole = self._fallback()
            end = self._starts[i + 1] if i + 1 < len(self._starts) else self._count
            yield from (page if page is not None else self._whole[start:end])  # type: ignore[index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, (list, tuple, StoredAnswer)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # like a list

    def __add__(self, other: Sequence[T]) -> list[T]:
        return [*self, *other]

    def __radd__(self, other: Sequence[T]) -> list[T]:
        return [*other, *self]

    def copy(self) -> list[T]:
        return list(self)

    def __repr__(self) -> str:
        return f"<{len(self)} {self._name} from the store at {self._source.path.parent}; list() for a list>"
