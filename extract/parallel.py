"""Extraction in several processes (or on a Dask cluster), records still in input order.

Articles go out in small batches to an executor whose workers each build the pipeline once;
results come back in the order the batches were sent, with the reading problems put back
where they were in the stream. At most a few batches per worker are in flight, so memory
stays flat however long the input. Each article is analysed alone, so the records are the
ones a single process gives, byte for byte.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from functools import cache
from pathlib import Path

from hankg.extract.readers import InputProblem
from hankg.schema import Article, ArticleRecord

BATCH = 8  # articles per task: big enough to hide the hand-over, small enough to keep the order flowing

Item = ArticleRecord | InputProblem


@cache
def worker_nlp(aliases: tuple[str, ...] = (), ner: str | None = None):
    """This process's pipeline, built on first use and kept for every later batch."""
    from hankg.extract.pipeline import build_nlp

    nlp = build_nlp(aliases, ner)
    nlp("워밍업 문장입니다.")
    gc.freeze()  # the pipeline's objects live as long as the process: keep them out of collections
    return nlp


def extract_batch(articles: Sequence[Article], aliases: tuple[str, ...] = (), ner: str | None = None) -> list[Item]:
    """One record (or the problem that stopped it) per article, in order: the workers' task."""
    from hankg.extract.pipeline import extract

    return list(extract(articles, worker_nlp(aliases, ner)))


def _batches(items: Iterable[Article | InputProblem], size: int) -> Iterator[list[Article | InputProblem]]:
    batch: list[Article | InputProblem] = []
    n = 0
    for item in items:
        batch.append(item)
        n += isinstance(item, Article)
        if n >= size:
            yield batch
            batch, n = [], 0
    if batch:
        yield batch


def _merge(batch: list[Article | InputProblem], done: Future) -> Iterator[Item]:
    """The batch's reading problems where they stood, each article replaced by its result."""
    results = iter(done.result())
    for item in batch:
        yield next(results) if isinstance(item, Article) else item


def extract_with(
    executor: Executor,
    items: Iterable[Article | InputProblem],
    slots: int,
    aliases: Sequence[Path | str] = (),
    ner: Path | str | None = None,
    batch: int = BATCH,
) -> Iterator[Item]:
    """Records in input order from any `concurrent.futures` executor (processes, a Dask client);
    `slots` is how many workers it has: twice as many batches are kept in flight."""
    args = (tuple(str(a) for a in aliases), None if ner is None else str(ner))
    pending: deque[tuple[list, Future]] = deque()
    for chunk in _batches(items, batch):
        articles = [a for a in chunk if isinstance(a, Article)]
        pending.append((chunk, executor.submit(extract_batch, articles, *args)))
        while len(pending) > 2 * slots:
            yield from _merge(*pending.popleft())
    while pending:
        yield from _merge(*pending.popleft())


def extract_parallel(
    items: Iterable[Article | InputProblem],
    workers: int,
    aliases: Sequence[Path | str] = (),
    ner: Path | str | None = None,
) -> Iterator[Item]:
    """`workers` processes, one Kiwi each (spawned, not forked: Kiwi and progress threads do
    not survive a fork well)."""
    with process_pool(workers, aliases, ner) as pool:
        yield from extract_with(pool, items, workers, aliases, ner)


def process_pool(workers: int, aliases: Sequence[Path | str] = (), ner: Path | str | None = None) -> Executor:
    """`workers` spawned processes that start building their pipelines at once."""
    args = (tuple(str(a) for a in aliases), None if ner is None else str(ner))
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=worker_nlp, initargs=args)


def records(
    aliases: Sequence[Path | str] = (),
    ner: Path | str | None = None,
    workers: int = 1,
    scheduler: str | None = None,
) -> Callable[[Iterable[Article | InputProblem]], Iterator[Item]]:
    """What `hankg extract` runs: a function from the article stream to records in input
    order, here (one process), in `workers` processes, or on a Dask `scheduler`. Whatever can
    fail at once (a bad alias file, no scheduler there, Dask not installed) fails here."""
    if scheduler is not None:
        from hankg.dask import on_scheduler

        return on_scheduler(scheduler, aliases, ner)
    if workers > 1:
        from hankg.data import actors

        actors(tuple(str(a) for a in aliases))  # a bad alias file is the caller's error, not the workers'
        return lambda items: extract_parallel(items, workers, aliases, ner)
    from hankg.extract.pipeline import build_nlp, extract

    nlp = build_nlp(aliases, ner)
    return lambda items: extract(items, nlp)
