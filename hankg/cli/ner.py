"""`hankg train` and `hankg ner-eval`: the optional statistical recogniser.

A model trained here on KLUE-NER or on your own annotations is used by
`hankg extract --ner MODEL_DIR`; without one the rule pipeline runs alone.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

app = typer.Typer()
err = Console(stderr=True, highlight=False)

DataArg = Annotated[list[Path], typer.Argument(
    exists=True, show_default=False,
    help="KLUE-NER .tsv files, or gold JSONL (SPEC format) with the articles it covers.")]


def _load(data: list[Path]):
    from hankg.extract.ner.data import read_sentences

    try:
        sentences = read_sentences(data)
    except (OSError, ValueError, UnicodeDecodeError) as e:
        err.print(f"[red]error:[/] {e}", soft_wrap=True)
        raise typer.Exit(2) from None
    if not sentences:
        err.print(f"[red]error:[/] no annotated sentences in {', '.join(map(str, data))}.")
        raise typer.Exit(2)
    return sentences


def scores_table(title: str, scores) -> Table:
    """Per-label precision, recall and F1 as a rich table (also used by bench/)."""
    table = Table(title=title, title_justify="left")
    for col in ("label", "precision", "recall", "F1", "gold", "predicted"):
        table.add_column(col, justify="left" if col == "label" else "right")
    rows = [*sorted(scores.labels.items()), ("micro", scores.micro)]
    for label, prf in rows:
        table.add_row(label, f"{prf.precision:.3f}", f"{prf.recall:.3f}", f"{prf.f1:.3f}",
                      f"{prf.tp + prf.fn:,}", f"{prf.tp + prf.fp:,}")
    return table


@app.command()
def train(
    data: DataArg,
    out: Annotated[Path, typer.Option(
        "--out", "-o", file_okay=False,
        help="Folder to write the model to (replaced if it holds one).")],
    max_minutes: Annotated[float | None, typer.Option(
        "--max-minutes", min=0.1,
        help="Stop after this long and keep the best model so far.")] = None,
    seed: Annotated[int, typer.Option(
        "--seed", help="Seed for the held-back slice and training.")] = 0,
    epochs: Annotated[int, typer.Option("--epochs", min=1, help="At most this many passes.")] = 40,
    patience: Annotated[int, typer.Option(
        "--patience", min=1,
        help="Stop after this many epochs without a better held-back score.")] = 8,
    dev: Annotated[float, typer.Option(
        "--dev", min=0.01, max=0.5,
        help="Share of sentences held back to choose the best epoch.")] = 0.1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Train a NER model on DATA into OUT (CPU; the same data and seed give the same model)."""
    from hankg.extract.ner.train import Settings, model_size
    from hankg.extract.ner.train import train as run

    sentences = _load(data)
    settings = Settings(seed=seed, max_epochs=epochs, patience=patience, dev_fraction=dev,
                        max_minutes=max_minutes)
    show = not quiet and sys.stderr.isatty()
    with Progress(TextColumn("[bold]epoch {task.fields[epoch]}"), BarColumn(),
                  TextColumn("loss {task.fields[loss]:>8.1f}  held-back F1 {task.fields[dev]}"
                             "  best {task.fields[best]:.3f} (epoch {task.fields[best_epoch]})"),
                  TimeElapsedColumn(), console=err, disable=not show, transient=False) as progress:
        task = progress.add_task("train", total=None, epoch="- (reading)", loss=0.0,
                                 dev="  -  ", best=0.0, best_epoch=0)

        def report(status) -> None:
            dev_f1 = "  -  " if status.dev_f1 is None else f"{status.dev_f1:.3f}"
            progress.update(task, total=status.steps_per_epoch, completed=status.step,
                            epoch=f"{status.epoch}/{settings.max_epochs}", loss=status.loss,
                            dev=dev_f1, best=status.best_f1, best_epoch=status.best_epoch)
            if status.evaluated and not show and not quiet:
                err.print(f"epoch {status.epoch}: loss {status.loss:.1f}, held-back F1 {dev_f1}, "
                          f"best {status.best_f1:.3f} (epoch {status.best_epoch})")

        def aligned(rep) -> None:
            err.print(f"{len(sentences):,} sentences read, {rep.sentences:,} to train on. {rep}",
                      soft_wrap=True)
            for sample in rep.samples[:3]:
                err.print(f"  e.g. {sample}", soft_wrap=True)

        try:
            result = run(sentences, out, settings, progress=report, on_aligned=aligned)
        except ValueError as e:
            err.print(f"[red]error:[/] {e}", soft_wrap=True)
            raise typer.Exit(2) from None
    err.print(scores_table(f"held-back slice ({result.dev_sentences:,} sentences), best epoch "
                     f"{result.best_epoch} of {result.epochs}", result.dev))
    size = model_size(result.out)
    stop = result.stopped_by.replace("_", " ")
    err.print(f"trained on {result.train_sentences:,} sentences in {result.seconds / 60:.1f} min "
              f"(stopped by {stop}); model {size / 1e6:.1f} MB → {out}", soft_wrap=True)


@app.command("ner-eval")
def ner_eval(
    model: Annotated[Path, typer.Argument(exists=True, file_okay=False, show_default=False,
                                          help="A model folder from `hankg train`.")],
    data: DataArg,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print the scores as JSON on stdout.")] = False,
    predictions: Annotated[Path | None, typer.Option(
        "--predictions", dir_okay=False,
        help="Write one JSON line per sentence: its text and [start, end, label]s.")] = None,
) -> None:
    """Entity-level precision, recall and F1 (exact span and label) of MODEL on DATA."""
    from hankg.extract.ner import load_model
    from hankg.extract.ner.evaluate import predict, score

    sentences = _load(data)
    try:
        nlp = load_model(model)
    except ValueError as e:
        err.print(f"[red]error:[/] {e}", soft_wrap=True)
        raise typer.Exit(2) from None
    predicted = []
    sink = open(predictions, "w", encoding="utf-8") if predictions else None  # noqa: SIM115
    try:
        for sent, ents in zip(sentences, predict(nlp, sentences), strict=True):
            predicted.append(ents)
            if sink:
                sink.write(json.dumps({"text": sent.text, "entities": [list(e) for e in ents]},
                                      ensure_ascii=False) + "\n")
    finally:
        if sink:
            sink.close()
    # score only the labels the data annotates (gold JSONL has OG and PS, a model may know more)
    labels = {label for s in sentences for *_, label in s.entities}
    ignored = sorted({e[2] for ents in predicted for e in ents} - labels)
    scores = score((s.entities for s in sentences),
                   ([e for e in ents if e[2] in labels] for ents in predicted))
    if ignored:
        err.print(f"not scored: predictions labelled {', '.join(ignored)}, which the data "
                  "does not annotate.", soft_wrap=True)
    if as_json:
        doc = {"sentences": len(sentences), **scores.as_dict(), "not_scored": ignored}
        typer.echo(json.dumps(doc, ensure_ascii=False))
    else:
        Console(highlight=False).print(scores_table(f"{model} on {len(sentences):,} sentences", scores))
