"""Fixtures of the graph tests; the hand-built records live in `graph_fixtures`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from graph_fixtures import make_records

from hankg.data import actors as load_actors
from hankg.graph.query import KnowledgeGraph
from hankg.graph.store import OutputStore
from hankg.schema import ArticleRecord


@pytest.fixture
def records() -> list[ArticleRecord]:
    return make_records()


@pytest.fixture
def actors():
    return load_actors()


@pytest.fixture
def kg(records, actors) -> KnowledgeGraph:
    return KnowledgeGraph.from_records(records, actors)


@pytest.fixture
def out_dir(tmp_path, records) -> Path:
    """An output folder as `hankg extract` leaves it: facts.jsonl and graph.graphml."""
    out = tmp_path / "out"
    store = OutputStore(out)
    for rec in records:
        store.add(rec)
    store.close()
    return out


@pytest.fixture
def chromium() -> str:
    """The Chromium binary, or a clean skip where it is not installed."""
    found = Path("/usr/bin/chromium") if Path("/usr/bin/chromium").exists() else None
    path = str(found) if found else shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return path
