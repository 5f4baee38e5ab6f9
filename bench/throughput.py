"""Extraction throughput and peak memory over a folder of articles (default: corpus/).

    python bench/throughput.py [FOLDER ...] [--repeat N] [--min-rate ARTICLES_PER_SECOND]
                               [--ner MODEL_DIR]

Prints articles/s, characters/s and peak RSS; `--min-rate` turns it into a CI check with
a generous bound (never a unit-test assertion). `--ner` adds a trained recogniser: run it
with and without to see what `--ner` costs.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from hankg.extract.pipeline import build_nlp, extract
from hankg.extract.readers import Article, read_inputs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="*", default=[str(Path(__file__).resolve().parents[1] / "corpus")])
    ap.add_argument("--repeat", type=int, default=5, help="pass over the inputs this many times")
    ap.add_argument("--min-rate", type=float, default=None, help="exit 1 below this many articles/s")
    ap.add_argument("--ner", type=Path, default=None, help="also run this `hankg train` model")
    a = ap.parse_args()
    t0 = time.perf_counter()
    nlp = build_nlp(ner=a.ner)
    articles = [x for x in read_inputs(a.inputs) if isinstance(x, Article)]
    nlp("워밍업 문장입니다.")
    startup = time.perf_counter() - t0
    chars = sum(len(x.text) for x in articles) * a.repeat
    t1 = time.perf_counter()
    n = sum(1 for _ in extract(articles * a.repeat, nlp))
    dt = time.perf_counter() - t1
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate = n / dt
    print(
        f"start-up {startup:.2f} s; {n} articles, {chars:,} chars in {dt:.2f} s: "
        f"{rate:.1f} articles/s, {chars / dt:,.0f} chars/s; peak RSS {rss:.0f} MB"
    )
    if a.min_rate is not None and rate < a.min_rate:
        print(f"below the bound of {a.min_rate} articles/s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
