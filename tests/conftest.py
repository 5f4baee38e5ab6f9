"""Shared fixtures: one spaCy pipeline per session, and records read by name.

Rule tests assert on names, not ids: `Found.entity("organization", "건대")` matches an
entity whose name *or* alias is 건대 (after the scorer's normalisation), so a curated
canonical name (건국대) does not make a rule test brittle.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import hankg
from hankg.schema import Article, ArticleRecord, Entity, Fact
from hankg.scoring import norm

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


class Found:
    """An `ArticleRecord` queried by entity name (aliases resolve) instead of by id."""

    def __init__(self, record: ArticleRecord):
        self.record = record
        self.by_id = {e.id: e for e in record.entities}

    def __repr__(self) -> str:  # shows up in assertion messages
        ents = [(e.kind, e.name, e.aliases) for e in self.record.entities]
        facts = [(f.subject, f.relation, f.object, f.role, f.value, f.max, f.date)
                 for f in self.record.facts]
        return f"Found(entities={ents}, facts={facts})"

    @staticmethod
    def _is(ent: Entity | None, name: str) -> bool:
        return ent is not None and norm(name) in {norm(n) for n in [ent.name, *ent.aliases]}

    def entities(self, kind: str) -> list[Entity]:
        return [e for e in self.record.entities if e.kind == kind]

    def names(self, kind: str) -> set[str]:
        return {e.name for e in self.entities(kind)}

    def entity(self, kind: str, name: str) -> Entity | None:
        return next((e for e in self.entities(kind) if self._is(e, name)), None)

    def facts(self, relation: str, subject: str | None = None, object: str | None = None,
              **fields) -> list[Fact]:
        """Facts of `relation` whose subject/object entities go by these names."""
        out = []
        for f in self.record.facts:
            if f.relation != relation:
                continue
            if subject is not None and not self._is(self.by_id.get(f.subject), subject):
                continue
            if object is not None and not self._is(self.by_id.get(f.object), object):
                continue
            if any(getattr(f, k) != v for k, v in fields.items()):
                continue
            out.append(f)
        return out


@pytest.fixture(scope="session")
def nlp():
    """hankg's pipeline, built once: building loads Kiwi and the curated data."""
    return hankg.build_nlp()


@pytest.fixture(scope="session")
def tokenizer(nlp):
    return nlp.tokenizer


@pytest.fixture(scope="session")
def run(nlp) -> Callable[..., Found]:
    """`run(text, published=None)`: the whole pipeline through `hankg.extract_text`."""

    def _run(text: str, published: str | None = None) -> Found:
        return Found(hankg.extract_text(text, published=published, nlp=nlp))

    return _run


@pytest.fixture(scope="session")
def run_article(nlp) -> Callable[[Article], Found]:
    """The whole pipeline on one `Article` (for fields `extract_text` does not take)."""
    from hankg.extract.pipeline import extract

    def _run(article: Article) -> Found:
        (record,) = list(extract([article], nlp))
        assert isinstance(record, ArticleRecord), record
        return Found(record)

    return _run


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared() -> Path:
    """The project's shared folder (seeds, gold, reference scorer); skip when absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not there")
    return SHARED
