"""KLUE-NER bench for `hankg train`: how well the small CPU recogniser does on unseen text.

    .venv/bin/python bench/klue_ner.py [--klue ../shared/klue] [--out models/klue-bench]

The visible KLUE-NER file is split once, by a fixed seed: a test slice (12%) the trainer
never sees, a held-back slice (10% of the rest) that picks the best epoch, and the rest to
train on. The whole run fits in 15 minutes on 2 CPU cores; the scores printed are
entity-level (exact span and label) on the test slice, per label and micro-averaged.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from hankg.cli.ner import scores_table
from hankg.extract.ner import load_model
from hankg.extract.ner.data import split
from hankg.extract.ner.evaluate import evaluate
from hankg.extract.ner.klue import read_klue
from hankg.extract.ner.train import Settings, model_size, train

HERE = Path(__file__).resolve().parent
SPLIT_SEED = 1234  # fixed: the test slice never changes with --seed
TEST_SHARE = 0.12
# the defaults of `Settings` are what this bench settled on; it only bounds the time
BENCH = Settings(max_epochs=30, patience=6, max_minutes=13.0)

err = Console(stderr=True, highlight=False)


def main(
    klue: Annotated[Path, typer.Option(help="Folder holding the KLUE-NER .tsv file(s).")] =
        HERE.parent.parent / "shared" / "klue",
    out: Annotated[Path, typer.Option(help="Where the bench model goes (gitignored).")] =
        HERE.parent / "models" / "klue-bench",
    seed: Annotated[int, typer.Option(help="Training seed (not the test split's).")] = 0,
    max_minutes: Annotated[float, typer.Option(help="Training time budget.")] = 13.0,
    as_json: Annotated[bool, typer.Option("--json", help="Also print the result as JSON.")] = False,
    embed: Annotated[str, typer.Option(help="kiwi-vectors, kiwi or multihash.")] = Settings.embed,
    vectors: Annotated[int, typer.Option(help="Width of Kiwi's CoNg vectors (kiwi-vectors).")] =
        Settings.vectors,
) -> None:
    files = sorted(klue.glob("*.tsv"))
    if not files:
        err.print(f"[red]error:[/] no KLUE-NER .tsv file in {klue}.")
        raise typer.Exit(2)
    began = time.monotonic()
    sentences = [s for f in files for s in read_klue(f)]
    rest, test = split(sentences, SPLIT_SEED, TEST_SHARE)
    settings = Settings(**{**BENCH.__dict__, "seed": seed, "max_minutes": max_minutes,
                           "embed": embed, "vectors": vectors})

    def show(status) -> None:
        if status.evaluated:
            err.print(f"epoch {status.epoch}: loss {status.loss:.0f}, held-back F1 "
                      f"{status.dev_f1:.4f} (best {status.best_f1:.4f} at {status.best_epoch}) "
                      f"{(time.monotonic() - began) / 60:.1f} min")

    err.print(f"{len(sentences):,} sentences: {len(rest):,} to train and choose on, "
              f"{len(test):,} unseen test")
    result = train(rest, out, settings, progress=show, on_aligned=lambda r: err.print(str(r)))
    scores, _ = evaluate(load_model(out), test)
    total = time.monotonic() - began
    err.print(scores_table(f"KLUE-NER unseen test slice ({len(test):,} sentences)", scores))
    size = model_size(out)
    err.print(f"training {result.seconds / 60:.1f} min ({result.epochs} epochs, best "
              f"{result.best_epoch}, stopped by {result.stopped_by}); whole bench {total / 60:.1f} "
              f"min; model {size / 1e6:.1f} MB at {out}")
    if as_json:
        typer.echo(json.dumps({"test": scores.as_dict(), "held_back_f1": result.dev.micro.f1,
                               "train_minutes": round(result.seconds / 60, 2),
                               "total_minutes": round(total / 60, 2), "model_bytes": size,
                               "epochs": result.epochs, "best_epoch": result.best_epoch,
                               "alignment": str(result.alignment)}, ensure_ascii=False))


if __name__ == "__main__":
    typer.run(main)
