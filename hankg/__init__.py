"""hankg: a Korean news knowledge extractor.

>>> import hankg
>>> records = list(hankg.extract_path("corpus"))          # per-article pydantic records
>>> g = hankg.load("outputs")                            # the merged graph, queryable
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from hankg.schema import Article, ArticleRecord, DateMention, Entity, Evidence, Fact

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleRecord",
    "DateMention",
    "Entity",
    "Evidence",
    "Fact",
    "build_nlp",
    "extract_articles",
    "extract_path",
    "extract_text",
    "load",
    "__version__",
]


def build_nlp(aliases: Iterable[Path | str] = (), ner: Path | str | None = None):
    """The spaCy pipeline (Kiwi tokenizer + hankg components)."""
    from hankg.extract.pipeline import build_nlp as _build

    return _build(tuple(aliases), ner)


def extract_articles(articles: Iterable[Article], nlp=None, workers: int = 1) -> Iterator[ArticleRecord]:
    """One `ArticleRecord` per article, streaming, in input order (`workers` processes)."""
    from hankg.extract.pipeline import extract as _extract
    from hankg.extract.readers import InputProblem

    for item in _extract(articles, nlp, workers=workers):
        if isinstance(item, InputProblem):
            raise ValueError(str(item))
        yield item


def extract_text(text: str, published: str | None = None, id: str = "text", nlp=None) -> ArticleRecord:
    """Extract from one string: `hankg.extract_text("...", published="2026-01-18")`."""
    return next(extract_articles([Article(id=id, text=text, published=published)], nlp))


def extract_path(*paths: Path | str, nlp=None, workers: int = 1) -> Iterator[ArticleRecord]:
    """Records for files or folders; unreadable inputs are skipped (the CLI reports them)."""
    from hankg.extract.pipeline import extract as _extract
    from hankg.extract.readers import InputProblem, read_inputs

    for item in _extract(read_inputs(paths), nlp, workers=workers):
        if not isinstance(item, InputProblem):
            yield item


def load(path: Path | str = "outputs"):
    """The knowledge graph written by `hankg extract --out PATH`, as a queryable object (from its store,
    which also keeps the answers to the whole-corpus questions: `hankg.graph.stored`)."""
    from hankg.graph.store import load as _load

    return _load(path)
