"""hankg's rule pipeline measured as a generic recogniser on KLUE-NER sentences.

    .venv/bin/python bench/klue_rules.py [--klue ../shared/klue] [--ner MODEL] [--json]

`build_nlp()` without a model (or with `--ner MODEL`, to see what the merge adds):
PERSON → PS, ORG → OG, `doc.spans["dates"]` → DT and `doc.spans["values"]` → QT, scored
entity by entity (exact span and label) per label. The rules are written for news about
AI programmes, not for KLUE's mix of topics, so low figures are expected; this is a
measurement to compare rule changes by, not a target.
Sentences are taken from the same unseen test slice `klue_ner.py` scores on, by default.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from hankg.cli.ner import scores_table
from hankg.extract.ner.data import split
from hankg.extract.ner.evaluate import score
from hankg.extract.ner.klue import read_klue

HERE = Path(__file__).resolve().parent
SPLIT_SEED, TEST_SHARE = 1234, 0.12  # the same slice as bench/klue_ner.py
ENT_LABELS = {"PERSON": "PS", "ORG": "OG"}
GROUP_LABELS = {"dates": "DT", "values": "QT"}

err = Console(stderr=True, highlight=False)


def rule_entities(doc) -> list[tuple[int, int, str]]:
    """The pipeline's findings in KLUE labels, as character offsets."""
    found = {(e.start_char, e.end_char, ENT_LABELS[e.label_])
             for e in doc.ents if e.label_ in ENT_LABELS}
    for key, label in GROUP_LABELS.items():
        found |= {(s.start_char, s.end_char, label) for s in doc.spans.get(key, [])}
    return sorted(found)


def main(
    klue: Annotated[Path, typer.Option(help="Folder holding the KLUE-NER .tsv file(s).")] =
        HERE.parent.parent / "shared" / "klue",
    everything: Annotated[bool, typer.Option(
        "--all", help="Score every sentence, not only the test slice.")] = False,
    limit: Annotated[int | None, typer.Option(help="Score only the first N sentences.")] = None,
    ner: Annotated[Path | None, typer.Option(
        help="Also run this `hankg train` model through the merge (what --ner adds).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Also print the result as JSON.")] = False,
) -> None:
    from hankg.extract.pipeline import build_nlp

    files = sorted(klue.glob("*.tsv"))
    if not files:
        err.print(f"[red]error:[/] no KLUE-NER .tsv file in {klue}.")
        raise typer.Exit(2)
    sentences = [s for f in files for s in read_klue(f)]
    if not everything:
        sentences = split(sentences, SPLIT_SEED, TEST_SHARE)[1]
    sentences = sentences[:limit] if limit else sentences
    labels = {*ENT_LABELS.values(), *GROUP_LABELS.values()}
    began = time.monotonic()
    nlp = build_nlp(ner=ner)
    predicted = [rule_entities(doc) for doc in nlp.pipe((s.text for s in sentences), batch_size=64)]
    seconds = time.monotonic() - began
    # only the labels the rules can produce are scored; LC and TI have no rule counterpart
    gold = [[e for e in s.entities if e[2] in labels] for s in sentences]
    scores = score(gold, predicted)
    what = "rule pipeline" + (f" with --ner {ner}" if ner else "")
    err.print(scores_table(f"{what} on {len(sentences):,} KLUE sentences (PS, OG, DT, QT only)",
                           scores))
    err.print(f"{seconds:.1f} s")
    if as_json:
        typer.echo(json.dumps({"sentences": len(sentences), "seconds": round(seconds, 1),
                               **scores.as_dict()}, ensure_ascii=False))


if __name__ == "__main__":
    typer.run(main)
