"""Training a small CPU NER (CNN tok2vec + transition-based `ner`) over Kiwi tokens.

The model's own pipeline uses `hankg.KiwiTokenizer.v1` and `hankg.KiwiEmbed.v2`, so once
they are registered (`import hankg.extract.ner`) a trained folder loads with
`spacy.load(MODEL_DIR)`. The embedding (see `ner_arch`) hashes the token's form, its first
and last syllables, Kiwi tag, shape and whether a space follows (Korean morphemes are short
and most names are unseen, so syllables at the edges and Kiwi's NNP/NNG/SL analysis carry
much of the signal), and adds static vectors read from Kiwi's own CoNg language model, so
words the training data never showed still arrive with a meaning. No vector table is
stored: only a 383 x 128 projection.

Training is deterministic for the same data, settings and seed (fixed seeds, shuffles
drawn from the seed, thinc's single-threaded CPU maths); only `max_minutes` can cut a run
short at a point that depends on the machine. The model kept is the one that scored best on the held-back slice.
"""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch
from thinc.api import Adam, Config

from hankg.extract.ner import arch as ner_arch  # noqa: F401  (registrations)
from hankg.extract.ner.data import AlignmentReport, align, split
from hankg.extract.ner.evaluate import Scores, fresh_copy, run_model, score
from hankg.extract.ner.klue import Sentence

CONFIG = """
[nlp]
lang = "ko"
pipeline = ["tok2vec", "ner"]

[nlp.tokenizer]
@tokenizers = "hankg.KiwiTokenizer.v1"

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
# filled in by build(): spacy.MultiHashEmbed.v2 or hankg.KiwiEmbed.v1

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = ${vars.width}
depth = ${vars.depth}
window_size = ${vars.window}
maxout_pieces = 3

[components.ner]
factory = "ner"

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = ${vars.hidden}
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${vars.width}
upstream = "*"
"""


EMBEDDINGS = ("kiwi-vectors", "kiwi", "multihash")


@dataclass
class Settings:
    """What a training run may vary; the defaults are the ones the KLUE bench chose."""

    # "kiwi-vectors": hankg.KiwiEmbed.v2 (v1 plus Kiwi's CoNg vectors); "kiwi": v1;
    # "multihash": spaCy's MultiHashEmbed.v2
    embed: str = "kiwi-vectors"
    vectors: int = 128
    rows: tuple[int, ...] = (5000, 1000, 2000, 1000, 2000, 2500, 200, 200, 10, 20)
    attrs: tuple[str, ...] = ("NORM", "PREFIX", "SUFFIX", "SHAPE", "TAG", "SPACY")  # multihash
    width: int = 96
    depth: int = 4
    window: int = 1
    hidden: int = 64
    dropout: float = 0.25
    batch_size: int = 16
    learn_rate: float = 0.001
    max_epochs: int = 40
    patience: int = 8
    max_minutes: float | None = None
    seed: int = 0
    dev_fraction: float = 0.1


@dataclass
class Status:
    """Where a run is, for progress displays."""

    epoch: int
    step: int
    steps_per_epoch: int
    loss: float = 0.0
    dev_f1: float | None = None
    best_f1: float = 0.0
    best_epoch: int = 0
    evaluated: bool = False  # True on the call made after the epoch's held-back scoring


@dataclass
class Result:
    """What a finished run kept and how it got there."""

    out: Path
    alignment: AlignmentReport
    dev: Scores
    best_epoch: int
    epochs: int
    seconds: float
    train_sentences: int
    dev_sentences: int
    stopped_by: str
    history: list[float] = field(default_factory=list)


def build(settings: Settings) -> Language:
    """An untrained tok2vec + ner pipeline over the Kiwi tokenizer."""
    if settings.embed not in EMBEDDINGS:
        raise ValueError(f"unknown embedding {settings.embed!r}; choose one of {', '.join(EMBEDDINGS)}.")
    if settings.embed == "multihash" and len(settings.rows) != len(settings.attrs):
        raise ValueError(f"{len(settings.attrs)} embedding attrs need as many row counts, got {len(settings.rows)}.")
    if settings.embed == "kiwi":
        embed = {"@architectures": "hankg.KiwiEmbed.v1", "width": settings.width, "rows": list(settings.rows)}
    elif settings.embed == "kiwi-vectors":
        embed = {
            "@architectures": "hankg.KiwiEmbed.v2",
            "width": settings.width,
            "rows": list(settings.rows),
            "vectors": settings.vectors,
        }
    else:
        embed = {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": settings.width,
            "attrs": list(settings.attrs),
            "rows": list(settings.rows),
            "include_static_vectors": False,
        }
    cfg = Config().from_str(CONFIG, interpolate=False)
    cfg["vars"] = {
        "width": settings.width,
        "depth": settings.depth,
        "window": settings.window,
        "hidden": settings.hidden,
    }
    cfg = cfg.interpolate()
    del cfg["vars"]
    cfg["components"]["tok2vec"]["model"]["embed"] = embed
    return spacy.util.load_model_from_config(cfg, auto_fill=True, validate=True)


def model_size(path: Path) -> int:
    """Bytes on disk under a model folder."""
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def _check_out(out: Path) -> None:
    """`out` may be new, an empty folder or an earlier model; nothing else is overwritten."""
    if out.exists() and not (out.is_dir() and (not any(out.iterdir()) or (out / "config.cfg").exists())):
        raise ValueError(f"{out}: exists and is not an empty folder or a model; choose another --out.")


def _examples(
    nlp: Language,
    sentences: Sequence[Sentence],
    report: AlignmentReport,
) -> list[Example]:
    """Kiwi-tokenised training examples, entity spans aligned (and counted) onto tokens."""
    examples = []
    for sent in sentences:
        ref = nlp.make_doc(sent.text)
        ref.set_ents(align(ref, sent, report), default="outside")
        examples.append(Example(fresh_copy(ref), ref))
    return examples


def _score(nlp: Language, dev: Sequence[Sentence], dev_docs: Sequence) -> Scores:
    predicted = run_model(nlp, (fresh_copy(d) for d in dev_docs))
    found = ([(e.start_char, e.end_char, e.label_) for e in d.ents] for d in predicted)
    return score((s.entities for s in dev), found)


def _save(nlp: Language, path: Path, scores: Scores, epoch: int, settings: Settings, sizes: tuple[int, int]) -> None:
    if path.exists():
        shutil.rmtree(path)
    nlp.meta.update(name="hankg_ner", version="0.1.0", description="hankg's statistical recogniser (hankg train).")
    nlp.meta["performance"] = {"dev": scores.as_dict(), "epoch": epoch}
    nlp.meta["hankg"] = {"settings": asdict(settings), "train_sentences": sizes[0], "dev_sentences": sizes[1]}
    nlp.to_disk(path)


def train(
    sentences: Sequence[Sentence],
    out: Path,
    settings: Settings | None = None,
    dev: Sequence[Sentence] | None = None,
    progress: Callable[[Status], None] | None = None,
    on_aligned: Callable[[AlignmentReport], None] | None = None,
) -> Result:
    """Train on `sentences`, hold back `dev` (or a seeded `dev_fraction` of them) to pick the
    best epoch, and write that model to `out`."""
    settings = settings or Settings()
    out = Path(out)
    _check_out(out)
    began = time.monotonic()
    if dev is None:
        train_set, dev = split(sentences, settings.seed, settings.dev_fraction)
    else:
        train_set = list(sentences)
    if not train_set or not dev:
        raise ValueError(
            f"need sentences both to train on and to hold back; got {len(train_set)} "
            f"and {len(dev)} from {len(sentences)}."
        )
    fix_random_seed(settings.seed)
    nlp = build(settings)
    report = AlignmentReport()
    examples = _examples(nlp, train_set, report)
    if on_aligned:
        on_aligned(report)
    dev_docs = [nlp.make_doc(s.text) for s in dev]

    fix_random_seed(settings.seed)
    nlp.initialize(lambda: examples)
    optimizer = Adam(settings.learn_rate, L2=1e-6, grad_clip=1.0, use_averages=True)
    rng = random.Random(settings.seed)
    deadline = began + settings.max_minutes * 60 if settings.max_minutes else None
    status = Status(epoch=0, step=0, steps_per_epoch=-(-len(examples) // settings.batch_size))
    history: list[float] = []
    best: Scores | None = None
    tmp = Path(f"{out}.partial")
    tmp.parent.mkdir(parents=True, exist_ok=True)
    stopped_by = "max_epochs"
    for epoch in range(1, settings.max_epochs + 1):
        status.epoch, status.step, status.evaluated = epoch, 0, False
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        timed_out = False
        for batch in minibatch(examples, size=settings.batch_size):
            nlp.update(batch, drop=settings.dropout, sgd=optimizer, losses=losses)
            status.step += 1
            status.loss = losses.get("ner", 0.0)
            if progress:
                progress(status)
            if deadline and time.monotonic() > deadline:
                timed_out = True
                break
        with nlp.use_params(optimizer.averages):
            scores = _score(nlp, dev, dev_docs)
            history.append(scores.micro.f1)
            if best is None or scores.micro.f1 > best.micro.f1:
                best, status.best_f1, status.best_epoch = scores, scores.micro.f1, epoch
                _save(nlp, tmp, scores, epoch, settings, (len(train_set), len(dev)))
        status.dev_f1, status.evaluated = scores.micro.f1, True
        if progress:
            progress(status)
        if timed_out:
            stopped_by = "max_minutes"
            break
        if epoch - status.best_epoch >= settings.patience:
            stopped_by = "patience"
            break
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    assert best is not None
    return Result(
        out=out,
        alignment=report,
        dev=best,
        best_epoch=status.best_epoch,
        epochs=status.epoch,
        seconds=time.monotonic() - began,
        train_sentences=len(train_set),
        dev_sentences=len(dev),
        stopped_by=stopped_by,
        history=history,
    )
