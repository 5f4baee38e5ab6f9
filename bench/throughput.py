"""Throughput against Kiwi's own speed, in 1 and 2 workers, on unique articles.

    python bench/throughput.py [--sizes 200 800] [--workers 1 2] [--json OUT.json]
                               [--inputs FOLDER ...] [--ner MODEL_DIR]
                               [--min-ratio R] [--min-rate CHARS_PER_S]

For each set (`bench/synthetic.py`: corpus paragraphs recombined with a fixed seed, no two
articles alike; or `--inputs`), each measurement runs in a fresh process: Kiwi `tokenize`
alone, then hankg's extraction (the record stream `hankg extract` stores) with each number of
workers. Start-up (imports, Kiwi, pipeline, worker processes) is timed apart and excluded
from the rates. Prints a table, writes JSON. CPU seconds are given beside wall seconds: on
a shared machine the CPU figure is the steadier one for one core. `--min-ratio` (hankg on
one core vs Kiwi) and `--min-rate` (chars/s, one worker) make it a CI check with a generous
bound, never a unit test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _load(path: Path):
    from hankg.schema import Article

    return [Article(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _warm(seconds: float = 0.3) -> int:
    """A task that holds its worker a moment, so that every worker gets one and has started."""
    from hankg.extract.parallel import worker_nlp

    worker_nlp()
    time.sleep(seconds)
    return os.getpid()


def measure(kind: str, path: Path, workers: int, ner: str | None) -> dict:
    """One measurement, in this (fresh) process."""
    t0 = time.perf_counter()
    if kind == "kiwi":
        from hankg.extract.tokenizer import get_kiwi

        kiwi = get_kiwi()
        kiwi.tokenize("워밍업 문장입니다.")
        run = lambda arts: sum(len(kiwi.tokenize(a.text)) for a in arts)  # noqa: E731
        pool = None
    elif workers == 1:
        from hankg.extract.pipeline import build_nlp, extract

        nlp = build_nlp(ner=ner)
        nlp("워밍업 문장입니다.")
        run = lambda arts: sum(1 for _ in extract(arts, nlp))  # noqa: E731
        pool = None
    else:
        from hankg.extract.parallel import extract_with, process_pool

        pool = process_pool(workers, (), ner)
        pids: set[int] = set()
        while len(pids) < workers:
            pids |= {f.result() for f in [pool.submit(_warm) for _ in range(workers)]}
        run = lambda arts: sum(1 for _ in extract_with(pool, arts, workers, (), ner))  # noqa: E731
    startup = time.perf_counter() - t0
    arts = _load(path)
    chars = sum(len(a.text) for a in arts)
    c0, t1 = time.process_time(), time.perf_counter()
    run(arts)
    wall, cpu = time.perf_counter() - t1, time.process_time() - c0
    if pool is not None:
        pool.shutdown()
    return {
        "kind": kind,
        "workers": workers,
        "articles": len(arts),
        "chars": chars,
        "startup_s": round(startup, 2),
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2) if pool is None else None,  # the main process's CPU says nothing with workers
        "chars_per_s": round(chars / wall),
        "chars_per_cpu_s": round(chars / cpu) if pool is None else None,
        "peak_rss_mb": round(_peak_mb()),
        "peak_worker_rss_mb": round(_peak_mb(resource.RUSAGE_CHILDREN)) if pool is not None else None,
    }


def first_article_s() -> float:
    """Start-up as a user sees it: a fresh interpreter until the first record is out."""
    code = "import hankg; hankg.extract_text('업스테이지는 13일 모델을 공개했다.', published='2026-01-18')"
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return round(time.perf_counter() - t, 2)


def _child(kind: str, path: Path, workers: int, ner: str | None) -> dict:
    cmd = [sys.executable, str(Path(__file__)), "--one", kind, "--articles", str(path), "--workers", str(workers)]
    if ner:
        cmd += ["--ner", ner]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def table(rows: list[dict]) -> str:
    out = [
        "| set | run | chars/s (wall) | chars/s (CPU) | vs Kiwi | vs 1 worker | start-up s | peak RSS MB |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        name = "Kiwi `tokenize` alone" if r["kind"] == "kiwi" else f"hankg, {r['workers']} worker(s)"
        rss = f"{r['peak_rss_mb']}" + (f" + {r['peak_worker_rss_mb']}/worker" if r["peak_worker_rss_mb"] else "")
        cpu = f"{r['chars_per_cpu_s']:,}" if r["chars_per_cpu_s"] else "–"
        out.append(
            f"| {r['set']} | {name} | {r['chars_per_s']:,} | {cpu} | {r.get('vs_kiwi', '')} | "
            f"{r.get('vs_one', '')} | {r['startup_s']} | {rss} |"
        )
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[200, 800])
    ap.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    ap.add_argument("--inputs", nargs="*", default=None, help="measure these folders/files instead")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    ap.add_argument("--ner", default=None, help="also run this `hankg train` model")
    ap.add_argument("--min-ratio", type=float, default=None, help="exit 1 if one core is below R x Kiwi (CPU)")
    ap.add_argument("--min-rate", type=float, default=None, help="exit 1 below this many chars/s, one worker")
    ap.add_argument("--one", choices=["kiwi", "hankg"], help=argparse.SUPPRESS)
    ap.add_argument("--articles", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(measure(a.one, a.articles, a.workers[0], a.ner)))
        return 0

    sys.path.insert(0, str(HERE))
    from synthetic import articles as synthetic

    from hankg.extract.readers import Article, read_inputs

    load = os.getloadavg()
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        sets = []
        if a.inputs:
            sets.append(("inputs", [x for x in read_inputs(a.inputs) if isinstance(x, Article)]))
        else:
            sets += [(f"{n} unique", synthetic(n)) for n in a.sizes]
        for name, arts in sets:
            path = Path(tmp) / f"{len(rows)}.jsonl"
            path.write_text("".join(json.dumps(x.model_dump(), ensure_ascii=False) + "\n" for x in arts), "utf-8")
            kiwi = {**_child("kiwi", path, 1, None), "set": name}
            rows.append(kiwi)
            one = None
            for w in a.workers:
                r = {**_child("hankg", path, w, a.ner), "set": name}
                r["vs_kiwi"] = round(r["chars_per_s"] / kiwi["chars_per_s"], 2)
                if w == 1:
                    one = r
                    r["vs_kiwi_cpu"] = round(r["chars_per_cpu_s"] / kiwi["chars_per_cpu_s"], 2)
                    r["vs_kiwi"] = f"{r['vs_kiwi']} (CPU {r['vs_kiwi_cpu']})"
                elif one is not None:
                    r["vs_one"] = round(r["chars_per_s"] / one["chars_per_s"], 2)
                rows.append(r)
    first = first_article_s()
    report = {"rows": rows, "first_article_s": first, "load_before": load, "load_after": os.getloadavg(),
              "cpus": os.cpu_count()}
    print(table(rows))
    print(f"\nstart-up to the first record, fresh interpreter: {first} s; "
          f"load average before {load[0]:.1f}, after {report['load_after'][0]:.1f} on {os.cpu_count()} CPUs")
    if a.json:
        a.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    ones = [r for r in rows if r["kind"] == "hankg" and r["workers"] == 1]
    if a.min_ratio is not None and any(r["vs_kiwi_cpu"] < a.min_ratio for r in ones):
        print(f"one core is below {a.min_ratio} x Kiwi", file=sys.stderr)
        return 1
    if a.min_rate is not None and any(r["chars_per_s"] < a.min_rate for r in ones):
        print(f"one worker is below {a.min_rate:,.0f} chars/s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
