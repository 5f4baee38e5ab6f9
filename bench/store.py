"""The output store at archive size: memory, the cost of adding one article, query latency.

    .venv/bin/python bench/store.py [--sizes 200 800] [--synthetic 10000] [--work DIR]

1. `hankg extract` (a subprocess, as a user runs it) over 200 and 800 different articles
   made from the corpus, the test articles and, when `../shared` is there, the seeds: each
   one is a source article, a paragraph of another and a line of its own. Peak RSS per run.
2. Adding one new article to the 800-article folder, beyond start-up: the wall time of that
   run minus the same run into an empty folder (same start-up and extraction, no store), and,
   less noisy, the store's part measured in-process (open, add the record, close).
3. `hankg query models --json` on the 800-article folder, wall time of the whole command.
4. Each query in Python on a loaded store, for the 800 articles and for a store of
   `--synthetic` made-up records (`bench/graph_bench.py`'s generator): load time, then per
   query its first call on the freshly loaded graph (which works the answer out) and the
   median of 5 calls after it (a `KnowledgeGraph` keeps its answers).

`--work DIR` keeps the folders in DIR and reuses those already there (the 10,000-record store
takes minutes to write): a reused store is opened and closed once first, so it holds what this
version keeps (its stored answers). `--sizes` with no size skips steps 1 to 3.

Nothing is asserted here; the figures go in the README.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "corpus", ROOT / "tests" / "data" / "unseen", ROOT / "tests" / "data" / "heldout",
           ROOT.parent / "shared" / "seeds"]
CLI = [sys.executable, "-c", "from hankg.cli import app; app()"]
LAST_CPU = 0.0


def source_texts() -> list[tuple[str, str | None]]:
    """(text, published) of every readable source article."""
    from hankg.extract.readers import Article, read_inputs

    found = [p for p in SOURCES if p.is_dir()]
    return [(a.text, a.published) for a in read_inputs(found) if isinstance(a, Article)]


def make_articles(n: int, path: Path) -> Path:
    """`n` different articles as one JSONL file (never stored in the repository)."""
    texts = source_texts()
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text, published = texts[i % len(texts)]
            other = [p for p in texts[(7 * i + 3) % len(texts)][0].split("\n") if p.strip()]
            extra = other[(i // len(texts)) % len(other)] if other else ""
            body = f"{text}\n\n{extra}\n\n이 글은 묶음의 {i}번째 기사다."
            fh.write(json.dumps({"id": f"b{i:05d}", "text": body, "published": published},
                                ensure_ascii=False) + "\n")
    return path


def run_cli(*args: str) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, stderr) of one `hankg` command (its CPU seconds: `LAST_CPU`)."""
    global LAST_CPU
    start = time.perf_counter()
    proc = subprocess.Popen([*CLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    err = proc.stderr.read() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    LAST_CPU = usage.ru_utime + usage.ru_stime
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"hankg {' '.join(args)} failed:\n{err}")
    return wall, usage.ru_maxrss / 1024, err


def median_time(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def query_latency(folder: Path) -> dict[str, tuple[float, ...]]:
    """Load time, and for each query (first call, its CPU time, the CPU time of reading the first 20
    records of its answer then, and of reading all of it then, median of 5 calls after it), in
    seconds. A store's answer to a whole-corpus question is read a page at a time: its first call
    reads nothing yet.

    The names asked about are picked on a graph loaded for that alone, so every first call
    is made on a graph that has answered nothing yet."""
    import hankg

    g = hankg.load(folder)
    orgs = g.organizations()
    org = next((o.name for o in orgs if o.people), orgs[0].name)
    model = g.models()[0].name
    del g, orgs
    t, c = time.perf_counter(), time.process_time()
    g = hankg.load(folder)
    load, cpu = time.perf_counter() - t, time.process_time() - c
    out = {"load": (load, cpu, 0.0, 0.0, load)}
    for label, fn in (("organizations()", g.organizations), ("people()", g.people),
                      (f"people(org={org!r})", lambda: g.people(org=org)), ("models()", g.models),
                      ("timeline()", g.timeline), (f"timeline(entity={model!r})", lambda: g.timeline(entity=model)),
                      ("facts(relation='parameters')", lambda: g.facts(relation="parameters")),
                      (f"entity({org!r})", lambda: g.entity(org)), ("conflicts()", g.conflicts)):
        t, c = time.perf_counter(), time.process_time()
        answer = fn()
        first, cpu = time.perf_counter() - t, time.process_time() - c
        seq = answer if isinstance(answer, Sequence) else [answer]
        c = time.process_time()
        list(seq[:20])
        head = time.process_time() - c
        c = time.process_time()
        list(seq)
        out[label] = (first, cpu, head, time.process_time() - c, median_time(fn))
    return out


def print_latency(label: str, folder: Path) -> None:
    print(f"  {'':>18}  {'query':<36} {'first call':>11} {'its CPU':>10} {'20: CPU':>10} {'all: CPU':>10}"
          f" {'again':>10}")
    for q, times in query_latency(folder).items():
        print(f"  {label:>18}  {q:<36}" + "".join(f" {t * 1000:8.1f} ms" for t in times), flush=True)


def store_part(folder: Path, tmp: Path) -> float:
    """Seconds to open the store, add one extracted record and close it (files written), median of 3."""
    import shutil

    import hankg
    from hankg.graph.store import OutputStore

    rec = hankg.extract_text("이하늘 가온랩 대표는 '가온-3B' 모델을 공개했다.", id="one-more")
    times = []
    for _ in range(3):
        copy = tmp / "copy"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(folder, copy)
        t = time.perf_counter()
        store = OutputStore(copy)
        store.add(rec)
        store.close()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def synthetic_store(n: int, folder: Path) -> float:
    """A store of `n` made-up records; returns the seconds it took to write (or to bring a
    reused one up to date)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from graph_bench import synthetic

    from hankg.graph.store import DB, OutputStore

    reused = (folder / DB).is_file()
    t = time.perf_counter()
    store = OutputStore(folder)
    if not reused:
        for rec in synthetic(n):
            store.add(rec)
    store.close()
    return time.perf_counter() - t


def extracted(n: int, tmp: Path) -> Path:
    """The folder of `hankg extract` over `n` made-up articles (reused when it is there)."""
    out = tmp / f"out{n}"
    if (out / "hankg.sqlite").is_file():
        wall, _, _ = run_cli("extract", str(make_articles(n, tmp / f"in{n}.jsonl")), "--out", str(out), "--quiet")
        print(f"extract {n} articles: reused {out} ({wall:.1f} s to check it)", flush=True)
        return out
    inputs = make_articles(n, tmp / f"in{n}.jsonl")
    wall, rss, err = run_cli("extract", str(inputs), "--out", str(out), "--quiet")
    print(f"extract {n} articles: {wall:.1f} s wall, peak RSS {rss:.0f} MB  [{err.strip()}]", flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[200, 800])
    ap.add_argument("--synthetic", type=int, default=10000)
    ap.add_argument("--work", type=Path, help="Keep the folders here, reusing those already made.")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        work = a.work or tmp
        work.mkdir(parents=True, exist_ok=True)
        if a.sizes:
            measure_folders(a.sizes, work, tmp)
        if a.synthetic:
            syn = work / f"synthetic{a.synthetic}"
            print(f"store of {a.synthetic} synthetic records written in {synthetic_store(a.synthetic, syn):.1f} s")
            print_latency(f"{a.synthetic} synthetic", syn)


def measure_folders(sizes: list[int], work: Path, tmp: Path) -> None:
    """Steps 1 to 4 on the extracted folders (the one added to is a copy of the largest)."""
    import shutil

    folders = {n: extracted(n, work) for n in sizes}
    big = folders[max(sizes)]
    one = tmp / "one.txt"
    one.write_text("윤서하 다온랩 대표는 지난 15일 '누리-9B' 모델을 공개했다. 이 기사는 하나만 더한다.",
                   encoding="utf-8")
    empty, _, _ = run_cli("extract", str(one), "--out", str(tmp / "empty"), "--quiet")
    added = tmp / "added"
    shutil.copytree(big, added)
    add, rss, _ = run_cli("extract", str(one), "--out", str(added), "--quiet")
    print(f"add one article to {max(sizes)}: {add:.2f} s wall (peak RSS {rss:.0f} MB); the same article into "
          f"an empty folder {empty:.2f} s, a difference of {add - empty:+.2f} s", flush=True)
    print(f"  beyond start-up, the store's part (open, add the record, close), median of 3 on copies: "
          f"{store_part(big, tmp):.2f} s (steadier than the difference of two start-ups)", flush=True)
    walls, cpus = [], []
    for _ in range(5):
        walls.append(run_cli("query", "models", "--graph", str(big), "--json")[0])
        cpus.append(LAST_CPU)
    print(f"hankg query models --json on {max(sizes)}: {statistics.median(walls):.2f} s wall (median of 5; "
          f"{min(walls):.2f} to {max(walls):.2f} s), {statistics.median(cpus):.2f} s CPU")
    print_latency(f"{max(sizes)} articles", big)


if __name__ == "__main__":
    main()
