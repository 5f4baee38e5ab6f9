"""Throughput against Kiwi's own speed, in 1 and 2 workers, on unique articles.

    python bench/throughput.py [--sizes 200 800] [--workers 1 2] [--json OUT.json]
                               [--inputs FOLDER ...] [--ner MODEL_DIR]
                               [--min-ratio R] [--min-rate CHARS_PER_S]

For each set (`bench/synthetic.py`: corpus paragraphs recombined with a fixed seed, no two
articles alike; or `--inputs`), each measurement runs in a fresh process: Kiwi `tokenize`
alone, then hankg's extraction (the record stream `hankg extract` stores) with each number of
workers. Start-up (imports, Kiwi, pipeline, worker processes) is timed apart and excluded
from the rates. Prints a table, writes JSON. CPU seconds are given beside wall seconds: on
a shared machine the CPU figure is the steadier one for one core, and for a pool the CPU
its workers and the main process used gives the speed-up it would have on idle cores
(`vs 1 worker (CPU)`: one worker's CPU time x N over the pool's total). `--min-ratio` (hankg on
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


def _cpu_of(pids: set[int]) -> float | None:
    """CPU seconds the given processes have used so far (Linux /proc), None elsewhere."""
    try:
        total = 0
        for pid in pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def measure(path: Path, workers: list[int], ner: str | None, chunk: int = 100) -> list[dict]:
    """Kiwi alone, hankg in one process and hankg in a pool, all in this fresh process and
    interleaved (article by article for Kiwi against one worker, chunk by chunk against the
    pools), so that the load of a shared machine falls on every column alike. A pool's chunk is
    100 articles (13 batches): at the end of each chunk one worker finishes the last batch alone,
    which over 20-article chunks cost the pool a sixth of its time, and `hankg extract` streams."""
    from hankg.extract.parallel import extract_with, process_pool
    from hankg.extract.pipeline import build_nlp, extract
    from hankg.extract.tokenizer import get_kiwi

    t0 = time.perf_counter()
    nlp = build_nlp(ner=ner)
    nlp("워밍업 문장입니다.")
    startup = {1: time.perf_counter() - t0}
    kiwi = get_kiwi()
    pools, pool_pids = {}, {}
    for w in workers:
        if w > 1:
            t0 = time.perf_counter()
            pools[w] = process_pool(w, (), ner)
            pids: set[int] = set()
            while len(pids) < w:
                pids |= {f.result() for f in [pools[w].submit(_warm) for _ in range(w)]}
            startup[w] = time.perf_counter() - t0
            pool_pids[w] = pids
    arts = _load(path)
    wall = {"kiwi": 0.0, **{w: 0.0 for w in workers}}
    cpu = {"kiwi": 0.0, 1: 0.0}
    pool_cpu = {w: [0.0, 0.0] for w in pools}  # the workers' CPU, the main process's CPU
    for n, a in enumerate(arts):
        order = (("kiwi", 1) if n % 2 else (1, "kiwi")) if 1 in workers else ("kiwi",)  # neither always first
        for what in order:
            c, t = time.process_time(), time.perf_counter()
            if what == "kiwi":
                kiwi.tokenize(a.text)
            else:
                next(extract([a], nlp))
            wall[what] += time.perf_counter() - t
            cpu[what] += time.process_time() - c
        if (n + 1) % chunk == 0 or n + 1 == len(arts):
            batch = arts[n + 1 - ((n % chunk) + 1) : n + 1]
            for w, pool in pools.items():
                before, c, t = _cpu_of(pool_pids[w]), time.process_time(), time.perf_counter()
                sum(1 for _ in extract_with(pool, batch, w, (), ner))
                wall[w] += time.perf_counter() - t
                after = _cpu_of(pool_pids[w])
                pool_cpu[w][0] += (after - before) if after is not None and before is not None else float("nan")
                pool_cpu[w][1] += time.process_time() - c
    for pool in pools.values():
        pool.shutdown()
    chars = sum(len(a.text) for a in arts)
    rows = []
    for what in ["kiwi", *workers]:
        rows.append({
            "kind": "kiwi" if what == "kiwi" else "hankg",
            "workers": 1 if what == "kiwi" else what,
            "articles": len(arts),
            "chars": chars,
            "startup_s": None if what == "kiwi" else round(startup[what], 2),
            "wall_s": round(wall[what], 2),
            "cpu_s": round(cpu[what], 2) if what in cpu else None,
            "chars_per_s": round(chars / wall[what]),
            "chars_per_cpu_s": round(chars / cpu[what]) if what in cpu else None,
            "peak_rss_mb": round(_peak_mb()),
            "peak_worker_rss_mb": round(_peak_mb(resource.RUSAGE_CHILDREN)) if what in pools else None,
        })
        if what in pools and 1 in cpu:
            # what the pool would give on `what` idle cores: the work of one worker over the work
            # of all (workers + the main process) shared out over the cores
            workers_cpu, main_cpu = pool_cpu[what]
            rows[-1]["workers_cpu_s"] = round(workers_cpu, 2)
            rows[-1]["main_cpu_s"] = round(main_cpu, 2)
            rows[-1]["idle_cores_speedup"] = round(what * cpu[1] / (workers_cpu + main_cpu), 2)
    return rows


def first_article_s() -> tuple[float, float]:
    """Start-up as a user sees it: a fresh interpreter until the first record is out (wall, CPU)."""
    code = "import hankg; hankg.extract_text('업스테이지는 13일 모델을 공개했다.', published='2026-01-18')"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return round(wall, 2), round(cpu, 2)


def _child(path: Path, workers: list[int], ner: str | None) -> list[dict]:
    cmd = [sys.executable, str(Path(__file__)), "--one", "--articles", str(path), "--workers", *map(str, workers)]
    if ner:
        cmd += ["--ner", ner]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def table(rows: list[dict]) -> str:
    out = [
        "| set | run | chars/s (wall) | chars/s (CPU) | vs Kiwi | vs 1 worker (wall) | vs 1 worker (CPU) "
        "| start-up s | peak RSS MB |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        name = "Kiwi `tokenize` alone" if r["kind"] == "kiwi" else f"hankg, {r['workers']} worker(s)"
        rss = f"{r['peak_rss_mb']}" + (f" + {r['peak_worker_rss_mb']}/worker" if r["peak_worker_rss_mb"] else "")
        cpu = f"{r['chars_per_cpu_s']:,}" if r["chars_per_cpu_s"] else "–"
        out.append(
            f"| {r['set']} | {name} | {r['chars_per_s']:,} | {cpu} | {r.get('vs_kiwi', '')} | "
            f"{r.get('vs_one', '')} | {r.get('idle_cores_speedup', '')} | {r['startup_s'] or '–'} | {rss} |"
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
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--articles", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(measure(a.articles, a.workers, a.ner)))
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
            got = [{**r, "set": name} for r in _child(path, a.workers, a.ner)]
            kiwi, one = got[0], next((r for r in got if r["kind"] == "hankg" and r["workers"] == 1), None)
            for r in got[1:]:
                r["vs_kiwi"] = round(r["chars_per_s"] / kiwi["chars_per_s"], 2)
                if r is one:
                    r["vs_kiwi_cpu"] = round(r["chars_per_cpu_s"] / kiwi["chars_per_cpu_s"], 2)
                    r["vs_kiwi"] = f"{r['vs_kiwi']} (CPU {r['vs_kiwi_cpu']})"
                elif one is not None:
                    r["vs_one"] = round(r["chars_per_s"] / one["chars_per_s"], 2)
            rows += got
    first = first_article_s()
    report = {"rows": rows, "first_article_s": first, "load_before": load, "load_after": os.getloadavg(),
              "cpus": os.cpu_count()}
    print(table(rows))
    print(f"\nstart-up to the first record, fresh interpreter: {first[0]} s ({first[1]} s CPU); "
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
