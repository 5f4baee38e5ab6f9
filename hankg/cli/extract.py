"""`hankg extract` and `hankg explain`: articles in, graph and facts out."""

from __future__ import annotations

import sys
from collections import deque
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

app = typer.Typer()
err = Console(stderr=True, highlight=False)

InputsArg = Annotated[
    list[Path],
    typer.Argument(help="Article files or folders (.txt .md .html .jsonl); - reads stdin.", show_default=False),
]
AliasOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--aliases", exists=True, dir_okay=False, help="Your own actor/alias table (YAML or JSON); repeatable."
    ),
]
PublishedOpt = Annotated[
    str | None,
    typer.Option("--published", help="Publication date (YYYY-MM-DD) for articles that state none; resolves 지난 15일."),
]
MAX_CHARS = 1_000_000
MaxCharsOpt = Annotated[
    int,
    typer.Option(
        "--max-chars", min=1, help="Refuse (by name) an article longer than this many characters; news is far shorter."
    ),
]
NerOpt = Annotated[
    Path | None, typer.Option("--ner", exists=True, file_okay=False, help="A NER model trained with `hankg train`.")
]


def _dated(stream, published: str | None):
    """Give `published` to the articles that have no date of their own, or only their page's."""
    from hankg.extract.readers import Article, normalise_date

    if published is None:
        yield from stream
        return
    day = normalise_date(published)
    if day is None:
        raise typer.BadParameter(f"--published expects a date like 2026-01-18, not {published!r}.")
    for item in stream:
        if isinstance(item, Article) and (not item.published or "published" in item.from_page):
            rest = tuple(k for k in item.from_page if k != "published")
            item = item.model_copy(update={"published": day, "from_page": rest})
        yield item


def _bounded(stream, max_chars: int):
    """Refuse articles longer than `max_chars`, each by name, so one huge input cannot stall the batch."""
    from hankg.extract.readers import Article, InputProblem

    for item in stream:
        if isinstance(item, Article) and len(item.text) > max_chars:
            yield InputProblem(
                item.path or item.id,
                None,
                f"article {item.id} has {len(item.text):,} characters, more than --max-chars {max_chars:,}; "
                f"it is skipped (raise --max-chars to extract it).",
            )
            continue
        yield item


def _count(inputs: list[Path]) -> int:
    """How many articles the inputs hold, cheaply, for the progress bar."""
    from hankg.extract.readers import MANIFESTS, SUFFIXES

    n = 0
    for p in inputs:
        files = [p] if p.is_file() else sorted(p.rglob("*")) if p.is_dir() else []
        for f in files:
            if f.is_file() and f.suffix.lower() in SUFFIXES and f.name not in MANIFESTS:
                if f.suffix.lower() == ".jsonl":
                    with open(f, "rb") as fh:
                        n += sum(1 for line in fh if line.strip())
                else:
                    n += 1
    return n


@app.command()
def extract(
    inputs: InputsArg,
    out: Annotated[
        Path, typer.Option("--out", "-o", file_okay=False, help="Output folder for graph.graphml and facts.jsonl.")
    ] = Path("outputs"),
    aliases: AliasOpt = None,
    ner: NerOpt = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Start the graph over instead of adding to it.")] = False,
    published: PublishedOpt = None,
    max_chars: MaxCharsOpt = MAX_CHARS,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Processes to extract in, one Kiwi each.")
    ] = 1,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="A dask.distributed scheduler to extract on (hankg[dask]).")
    ] = None,
    keep_answers: Annotated[
        bool | None,
        typer.Option(
            "--keep-answers/--no-keep-answers",
            help="Work out the whole-corpus query answers now and keep them in the store "
            "(default: once 5% of the store is new since they were last kept).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Extract entities and facts from INPUTS into OUT (adds to an existing graph)."""
    from hankg.extract.parallel import records
    from hankg.extract.readers import Article, InputProblem, read_inputs
    from hankg.extract.tokenizer import release_kiwi
    from hankg.graph.store import OutputStore

    try:
        run = records(aliases or (), ner, workers=workers, scheduler=scheduler)
        store = OutputStore(out, rebuild=rebuild, aliases=aliases or (), keep_answers=keep_answers)
    except (OSError, ValueError) as e:
        err.print(f"[red]error:[/] {e}", soft_wrap=True)
        raise typer.Exit(2) from None
    skipped = failures = 0
    passed: dict[str, int] = {}  # records the reader passed over on purpose, by reason
    pending: deque[Article] = deque()  # articles sent to extraction, to pair with their records

    def fresh(stream):
        nonlocal skipped
        for item in stream:
            if isinstance(item, Article):
                if store.has(item):
                    skipped += 1
                    continue
                pending.append(item)
            yield item

    def source(rec):
        while pending and pending[0].id != rec.article:
            pending.popleft()  # an article whose extraction failed: it has no record
        return pending.popleft() if pending else None

    show = not quiet and sys.stderr.isatty()
    try:
        with Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            disable=not show,
            transient=True,
        ) as progress:
            task = progress.add_task("extract", total=_count(inputs) if show else None)
            for item in run(fresh(_bounded(_dated(read_inputs(inputs), published), max_chars))):
                if isinstance(item, InputProblem) and item.skipped:
                    passed[item.skipped] = passed.get(item.skipped, 0) + 1
                    continue
                if isinstance(item, InputProblem):
                    err.print(f"[yellow]{'error' if item.fatal else 'warning'}:[/] {item}", soft_wrap=True)
                    failures += item.fatal
                    if item.line is None or item.fatal:
                        progress.advance(task)
                    continue
                store.add(item, source(item))
                progress.advance(task)
        del run
        release_kiwi()  # its model (a third of the process) is not needed to write the files and answers
        summary = store.close()
    except OSError as e:  # the store could not be written (disk full, folder gone): it keeps what it had
        store.abandon()
        err.print(f"[red]error:[/] {e}", soft_wrap=True)
        raise typer.Exit(2) from None
    except BaseException:
        store.abandon()  # interrupted: every finished article is committed, the next run resumes
        raise
    passed_over = "".join(f", {n} {why} skipped" for why, n in sorted(passed.items()))
    line = (
        f"{summary.new} articles extracted ({skipped} already in the graph{passed_over}), "
        f"{summary.articles} in the graph: {summary.entities} entities, {summary.facts} facts; "
        f"{failures} failed → {out}"
    )
    if summary.imported:
        line += f" ({summary.imported} records imported from the old facts.jsonl)"
    err.print(line, soft_wrap=True)
    if failures:
        raise typer.Exit(1)


@app.command()
def explain(
    inputs: InputsArg,
    aliases: AliasOpt = None,
    ner: NerOpt = None,
    published: PublishedOpt = None,
) -> None:
    """Show, sentence by sentence, what was extracted and which rule found it."""
    from hankg.extract.explain import explain_doc
    from hankg.extract.pipeline import build_nlp, extract_docs
    from hankg.extract.readers import InputProblem, read_inputs

    out = Console(highlight=False)
    failed = False
    for item in extract_docs(_dated(read_inputs(inputs), published), build_nlp(aliases or (), ner)):
        if isinstance(item, InputProblem):
            if not item.skipped:
                err.print(f"[yellow]{'error' if item.fatal else 'warning'}:[/] {item}", soft_wrap=True)
                failed |= item.fatal
            continue
        explain_doc(item[1], out)
    if failed:
        raise typer.Exit(1)
