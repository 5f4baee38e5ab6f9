"""End-to-end quality: the whole pipeline on annotated article sets, scored as SPEC says.

The bars are floors, not targets: the bundled corpus (the rules were written against it),
unseen articles (invented actors the rules have never seen), and the shared seeds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import hankg
from hankg.scoring import evaluate, format_table, read_jsonl

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SETS = [
    pytest.param(REPO / "corpus", REPO / "tests" / "data" / "corpus_gold.jsonl", 0.80, id="corpus"),
    pytest.param(REPO / "tests" / "data" / "unseen", REPO / "tests" / "data" / "unseen_gold.jsonl",
                 0.60, id="unseen"),
    pytest.param(SHARED / "seeds", SHARED / "gold" / "seeds.jsonl", 0.90, id="shared-seeds"),
]


@pytest.mark.parametrize(("articles", "gold", "floor"), SETS)
def test_core_f1_floor(nlp, articles: Path, gold: Path, floor: float):
    if not articles.is_dir() or not gold.is_file():
        pytest.skip(f"{articles} or {gold} is not there yet")
    found = {r.article: r.to_spec() for r in hankg.extract_path(articles, nlp=nlp)}
    report = evaluate(read_jsonl(gold), found)
    assert report.missing == [], f"no output for {report.missing}"
    core = report.table["core"].f1
    assert core >= floor, f"core F1 {core:.3f} < {floor}\n{format_table(report)}"
