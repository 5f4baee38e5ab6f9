"""CPU seconds per stage of one-core extraction, against Kiwi `tokenize` alone.

    python bench/stages.py [ARTICLES.jsonl] [--repeat 3]

Runs the articles through each stage in turn, in this one process (start-up excluded):
Kiwi alone, hankg's tokenizer, each pipeline component, `doc_to_record`, and the whole
`extract` per article as `bench/throughput.py` calls it. The best of `--repeat` rounds is
kept per stage, which steadies the figures on a shared machine; the shares say where the
time that is not Kiwi's goes. The stages hold all the docs at once, `extract` one at a time,
so their sum is not quite `extract`'s time (the garbage collector sees more objects).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", type=Path, nargs="?", default=None)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    from hankg.extract.pipeline import build_nlp, extract, make_doc, release
    from hankg.extract.records import doc_to_record
    from hankg.extract.tokenizer import get_kiwi
    from hankg.schema import Article

    if a.articles:
        lines = a.articles.read_text(encoding="utf-8").splitlines()
        arts = [Article(**json.loads(line)) for line in lines]
    else:
        sys.path.insert(0, str(HERE))
        from synthetic import articles

        arts = articles(200)
    nlp = build_nlp()
    nlp("워밍업 문장입니다.")
    kiwi = get_kiwi()
    best: dict[str, float] = {}

    def keep(name: str, seconds: float) -> None:
        best[name] = min(best.get(name, float("inf")), seconds)

    for _ in range(a.repeat):
        c = time.process_time()
        for art in arts:
            kiwi.tokenize(art.text)
        keep("kiwi tokenize", time.process_time() - c)
        c = time.process_time()
        docs = [make_doc(nlp, art) for art in arts]
        keep("make_doc (tokenizer)", time.process_time() - c)
        for name, proc in nlp.pipeline:
            c = time.process_time()
            docs = [proc(doc) for doc in docs]
            keep(name, time.process_time() - c)
        c = time.process_time()
        for doc in docs:
            doc_to_record(doc)
            release(doc)
        keep("doc_to_record", time.process_time() - c)
        c = time.process_time()
        for art in arts:
            next(extract([art], nlp))
        keep("extract per article", time.process_time() - c)
    kiwi_s = best["kiwi tokenize"]
    chars = sum(len(x.text) for x in arts)
    print(f"{len(arts)} articles, {chars:,} chars; best of {a.repeat}")
    print("| stage | CPU s | x Kiwi |\n| --- | ---: | ---: |")
    for k, v in best.items():
        print(f"| {k} | {v:.3f} | {v / kiwi_s:.2f} |")
    print(f"\nratio (Kiwi / extract, CPU): {kiwi_s / best['extract per article']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
