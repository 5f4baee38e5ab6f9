"""The output folder: `facts.jsonl` (the records) and `graph.graphml` (the graph built from them).

`facts.jsonl` is the store of record: the graph is always rebuilt from *all* its records on
`close()`, so adding articles to an existing folder never leaves the graph half-merged, and
running the same extraction twice writes the same bytes. Articles are keyed by content hash
(`Article.content_hash`): the CLI skips an article whose text is already stored, and a record
whose article id is stored with a different hash replaces the old one in place.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from pydantic import ValidationError

from hankg.data import Actors, actors
from hankg.schema import Article, ArticleRecord

from .build import build_graph

FACTS = "facts.jsonl"
GRAPH = "graph.graphml"


@dataclass(frozen=True)
class StoreSummary:
    """What `OutputStore.close()` wrote: new records, and the size of the merged graph."""

    new: int
    articles: int
    entities: int
    facts: int


def read_records(path: Path) -> list[ArticleRecord]:
    """The records of a `facts.jsonl`; a malformed line is a `ValueError` naming file:line."""
    records = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                records.append(ArticleRecord.model_validate(json.loads(line)))
            except (json.JSONDecodeError, ValidationError) as e:
                reason = str(e).splitlines()[0]
                raise ValueError(f"{path}:{lineno}: not a hankg article record ({reason}); "
                                 f"fix the line or run with --rebuild.") from None
    return records


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
                fh.write(json.dumps(rec.to_spec(), ensure_ascii=False, sort_keys=False) + "\n")
    write_atomic(path, write)


def write_graph(graph: nx.MultiDiGraph, path: Path) -> None:
    """GraphML with the pure-Python writer (lxml's output is not byte-stable), atomically."""
    write_atomic(path, lambda tmp: nx.write_graphml_xml(graph, tmp, encoding="utf-8"))


def summarise(graph: nx.MultiDiGraph, new: int = 0) -> StoreSummary:
    kinds = [k for _, k in graph.nodes(data="kind")]
    return StoreSummary(
        new=new, articles=kinds.count("article"),
        entities=sum(k != "article" for k in kinds),
        facts=sum(1 for *_, k in graph.edges(data="kind") if k == "fact"))


class OutputStore:
    """An output folder being added to: load, `has`/`add` records, `close` to write both files."""

    def __init__(self, out: Path, *, rebuild: bool = False, aliases: Sequence[Path] = ()) -> None:
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.aliases = tuple(str(p) for p in aliases)
        self.actors: Actors = actors(self.aliases)
        self._records: dict[str, ArticleRecord] = {}
        self._hashes: set[str] = set()
        self.new = 0
        facts = self.out / FACTS
        if facts.exists() and not rebuild:
            for rec in read_records(facts):
                self._put(rec)

    def _put(self, record: ArticleRecord) -> None:
        old = self._records.get(record.article)
        if old is not None and old.content_hash:
            self._hashes.discard(old.content_hash)
        self._records[record.article] = record
        if record.content_hash:
            self._hashes.add(record.content_hash)

    @property
    def records(self) -> list[ArticleRecord]:
        """The stored records in ingestion order (a replaced record keeps its place)."""
        return list(self._records.values())

    def has(self, article: Article) -> bool:
        """True when this exact text is already stored (under any id): nothing to redo."""
        return article.content_hash in self._hashes

    def add(self, record: ArticleRecord) -> None:
        """Store a record; one with a stored article id replaces the old one."""
        self._put(record)
        self.new += 1

    def graph(self) -> nx.MultiDiGraph:
        return build_graph(self.records, self.actors)

    def close(self) -> StoreSummary:
        """Write `facts.jsonl` and `graph.graphml` from all records; say what they hold."""
        records = self.records
        graph = build_graph(records, self.actors)
        write_records(records, self.out / FACTS)
        write_graph(graph, self.out / GRAPH)
        return summarise(graph, self.new)
