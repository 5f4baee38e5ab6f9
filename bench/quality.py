"""Per-category scores of the extractor on every gold set, as the README's evaluation table.

    python bench/quality.py [--ner MODEL_DIR] [--markdown]

Sets: the bundled corpus, the unseen and held-out test articles (tests/data), the shared
seeds when ../shared is beside the project, and the real development set when its texts are in
`.cache/real/` (third-party news, fetched locally and never committed).
Scored with `hankg.scoring` (= shared/tools/score.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from hankg.extract.pipeline import build_nlp, extract
from hankg.extract.readers import InputProblem, read_inputs
from hankg.scoring import CORE, EXTRA, evaluate, read_jsonl

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "seeds": (ROOT.parent / "shared" / "seeds", ROOT.parent / "shared" / "gold" / "seeds.jsonl"),
    "corpus": (ROOT / "corpus", ROOT / "tests" / "data" / "corpus_gold.jsonl"),
    "unseen": (ROOT / "tests" / "data" / "unseen", ROOT / "tests" / "data" / "unseen_gold.jsonl"),
    "held-out": (ROOT / "tests" / "data" / "heldout", ROOT / "tests" / "data" / "heldout_gold.jsonl"),
    # real news, fetched on the developer's machine only (never committed): see the README's evaluation section
    "real": (ROOT / ".cache" / "real", ROOT.parent / "shared" / "real" / "gold.jsonl"),
}


def score_set(nlp, articles: Path, gold: Path):
    found = {r.article: r.to_spec() for r in extract(read_inputs([articles]), nlp) if not isinstance(r, InputProblem)}
    return evaluate(read_jsonl(gold), found)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ner", type=Path, default=None, help="also run a trained NER model")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table (F1, with P/R)")
    a = ap.parse_args()
    nlp = build_nlp(ner=a.ner)
    present = {name: paths for name, paths in SETS.items() if all(p.exists() for p in paths)}
    reports = {name: score_set(nlp, arts, gold) for name, (arts, gold) in present.items()}
    rows = [*CORE, "core", *EXTRA]
    if a.markdown:
        print("| category | " + " | ".join(reports) + " |")
        print("| --- | " + " | ".join("---" for _ in reports) + " |")
        for c in rows:
            cells = [f"{r.table[c].f1:.3f} ({r.table[c].p:.2f}/{r.table[c].r:.2f})" for r in reports.values()]
            name = f"**{c}**" if c == "core" else c
            print(f"| {name} | " + " | ".join(cells) + " |")
        return
    print(f"{'category':18}" + "".join(f"{n:>12}" for n in reports))
    for c in rows:
        print(f"{c:18}" + "".join(f"{r.table[c].f1:12.3f}" for r in reports.values()))


if __name__ == "__main__":
    main()
