"""Unique benchmark articles made at bench time from the paragraphs of the bundled articles.

    python bench/synthetic.py N OUT.jsonl [--seed S]

Paragraphs of corpus/ and tests/data/ are shuffled and recombined with a fixed seed into
N articles of about 1,900 characters each, no two alike, so that no cache or repetition
flatters a throughput figure. Nothing generated here is committed.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from hankg.extract.readers import read_inputs
from hankg.schema import Article

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "corpus", REPO / "tests" / "data" / "unseen", REPO / "tests" / "data" / "heldout"]
TARGET_CHARS = 1900


def paragraphs() -> list[tuple[str, str | None]]:
    """(paragraph, published date of its article) for every non-empty paragraph of the sources."""
    out = []
    for art in read_inputs(SOURCES):
        if isinstance(art, Article):
            out += [(p.strip(), art.published) for p in art.text.split("\n") if len(p.strip()) > 20]
    return out


def articles(n: int, seed: int = 11) -> list[Article]:
    """`n` unique articles, the same ones for the same `n` and `seed`."""
    rng = random.Random(seed)
    pool = paragraphs()
    seen: set[str] = set()
    out: list[Article] = []
    while len(out) < n:
        paras: list[str] = []
        first = rng.choice(pool)
        published = first[1]
        while sum(map(len, paras)) < TARGET_CHARS:
            paras.append(rng.choice(pool)[0])
        text = "\n".join(paras)
        if text in seen:
            continue
        seen.add(text)
        out.append(Article(id=f"syn{len(out):04d}", text=text, published=published))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=11)
    a = ap.parse_args()
    with a.out.open("w", encoding="utf-8") as fh:
        for art in articles(a.n, a.seed):
            row = {"id": art.id, "text": art.text, "published": art.published}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
