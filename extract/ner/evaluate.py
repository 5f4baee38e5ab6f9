"""Entity-level scores: a predicted entity counts only with the exact span and label.

Scores are computed on character offsets against the annotation as written, not against
the token-aligned copy used in training, so spans Kiwi cannot represent count as misses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from hankg.extract.ner.klue import Sentence

Entities = Sequence[tuple[int, int, str]]


@dataclass
class PRF:
    """Counts for one label (or all of them) and the figures they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "support": self.tp + self.fn,
            "predicted": self.tp + self.fp,
        }


@dataclass
class Scores:
    """Per-label and micro-averaged P/R/F1."""

    labels: dict[str, PRF]
    micro: PRF

    def as_dict(self) -> dict:
        return {"micro": self.micro.as_dict(), "labels": {k: v.as_dict() for k, v in sorted(self.labels.items())}}


def score(gold: Iterable[Entities], predicted: Iterable[Entities]) -> Scores:
    """Exact-match scores over paired per-sentence entity lists."""
    labels: dict[str, PRF] = {}
    micro = PRF()
    for g, p in zip(gold, predicted, strict=True):
        gs, ps = set(map(tuple, g)), set(map(tuple, p))
        for items, attr in ((gs & ps, "tp"), (ps - gs, "fp"), (gs - ps, "fn")):
            for _s, _e, label in items:
                prf = labels.setdefault(label, PRF())
                setattr(prf, attr, getattr(prf, attr) + 1)
                setattr(micro, attr, getattr(micro, attr) + 1)
    return Scores(labels, micro)


def fresh_copy(doc: Doc, vocab: Vocab | None = None) -> Doc:
    """The tokens, spaces, tags, lemmas and sentence starts of `doc` with no annotation on
    top, in `vocab` (a model's own) or the doc's."""
    return Doc(
        doc.vocab if vocab is None else vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        tags=[t.tag_ for t in doc],
        lemmas=[t.lemma_ for t in doc],
        sent_starts=[bool(t.is_sent_start) for t in doc],
    )


def run_model(nlp: Language, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
    """The model's components over already tokenised docs (no second Kiwi pass)."""
    stream: Iterable[Doc] = docs
    for _name, proc in nlp.pipeline:
        if hasattr(proc, "pipe"):
            stream = proc.pipe(stream, batch_size=batch_size)
        else:
            stream = map(proc, stream)
    yield from stream


def predict(
    nlp: Language,
    sentences: Sequence[Sentence],
    batch_size: int = 64,
) -> Iterator[list[tuple[int, int, str]]]:
    """Character-offset entities the model finds in each sentence, in input order."""
    for doc in nlp.pipe((s.text for s in sentences), batch_size=batch_size):
        yield [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def evaluate(nlp: Language, sentences: Sequence[Sentence]) -> tuple[Scores, list[list]]:
    """Scores of `nlp` on `sentences`, and its predictions."""
    predicted = list(predict(nlp, sentences))
    return score((s.entities for s in sentences), predicted), predicted
