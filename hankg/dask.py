"""Extraction on a Dask cluster (`pip install hankg[dask]`): beyond the cores of one machine.

>>> import dask.bag as db, hankg.dask
>>> bag = db.read_text("shards/*.jsonl").map(json.loads)        # dicts with at least "text"
>>> for rec in hankg.dask.extract(bag): ...                      # ArticleRecords, in bag order

Partitions are extracted on the workers, each of which builds hankg's pipeline once and keeps
it; results come back in input order, so what goes into the store, and so the graph, is what
a local run gives. Alias files and NER models are read by the workers: give paths they can see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from hankg.extract.parallel import Item, extract_batch, extract_with
from hankg.extract.readers import InputProblem
from hankg.schema import Article

INSTALL = "Dask is an optional extra: pip install 'hankg[dask]'"


def _article(row: object, part: int, n: int) -> Article | InputProblem:
    if isinstance(row, Article):
        return row
    if isinstance(row, dict) and isinstance(row.get("text"), str):
        fields = {k: row[k] for k in ("id", "published", "title", "url", "source") if row.get(k) not in (None, "")}
        return Article(**{"id": f"bag:{part}:{n}", **fields, "text": row["text"]})
    where = f"<bag partition {part}>"
    return InputProblem(where, n, "a bag item must be a hankg.Article or a dict with a string 'text'.")


def _partition(rows: Iterable[object], part: int, aliases: tuple[str, ...], ner: str | None) -> list[Item]:
    items = [_article(row, part, i) for i, row in enumerate(rows, 1)]
    results = iter(extract_batch([a for a in items if isinstance(a, Article)], aliases, ner))
    return [next(results) if isinstance(a, Article) else a for a in items]


def extract(
    bag,
    aliases: Sequence[Path | str] = (),
    ner: Path | str | None = None,
) -> Iterator[Item]:
    """Records (and problems) for a `dask.bag` of articles, in the bag's order. With a
    `distributed.Client` open, on its cluster (partitions in flight at once); otherwise on
    Dask's local scheduler, partition by partition."""
    try:
        import dask
        from dask.bag import Bag
    except ImportError as e:  # pragma: no cover - the extra is installed with the tests
        raise ImportError(INSTALL) from e
    if not isinstance(bag, Bag):
        raise TypeError(f"hankg.dask.extract takes a dask.bag.Bag, not {type(bag).__name__}.")
    args = (tuple(str(a) for a in aliases), None if ner is None else str(ner))
    parts = [dask.delayed(_partition)(part, i, *args) for i, part in enumerate(bag.to_delayed())]
    client = _current_client()
    if client is None:
        for part in parts:
            yield from part.compute()
        return
    futures = client.compute(parts)
    for fut in futures:
        yield from fut.result()
        fut.release()


def _current_client():
    try:
        from distributed import get_client
    except ImportError:  # pragma: no cover
        return None
    try:
        return get_client()
    except ValueError:
        return None


def on_scheduler(
    address: str,
    aliases: Sequence[Path | str] = (),
    ner: Path | str | None = None,
) -> Callable[[Iterable[Article | InputProblem]], Iterator[Item]]:
    """`hankg extract --scheduler ADDRESS`: the article stream goes out in batches to the
    cluster's workers and comes back in order. Connects now, so a wrong address fails early."""
    try:
        from distributed import Client
    except ImportError:
        raise ValueError(INSTALL) from None
    try:
        client = Client(address, timeout="10s")
    except OSError as e:
        raise ValueError(f"cannot reach the Dask scheduler at {address}: {e}") from None
    slots = max(1, sum(client.nthreads().values()))

    def run(items: Iterable[Article | InputProblem]) -> Iterator[Item]:
        try:
            yield from extract_with(client.get_executor(pure=False), items, slots, aliases, ner)
        finally:
            client.close()

    return run
