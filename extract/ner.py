"""The trained recogniser inside hankg's pipeline, after the rules and below them.

`add_ner(nlp, MODEL_DIR)` adds two components:

- `hankg_ner` runs a model from `hankg train` over the Doc's own Kiwi tokens (no second
  analysis) and puts every prediction, KLUE-labelled, into `doc.spans["ner"]`;
- `hankg_ner_merge` moves the PS and OG predictions the surrounding analysis agrees with
  into `doc.ents` as PERSON and ORG, beside the rule entities and never over them.

The merge is where precision is kept: a statistical span becomes an entity only when it
does not touch a rule entity, is not a known non-entity (places, generic words), is headed
by a proper noun or foreign word rather than a bare common noun, and, for people, reads
as a Korean name (2–4 syllables after a known surname). Accepted spans carry
`span._.rule = "ner:PS"` / `"ner:OG"` and `span._.name` without particles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from hankg.data import wordset
from hankg.extract import (  # noqa: F401  (span extensions; what a model needs to load)
    extensions,
    ner_arch,
    tokenizer,
)

SPAN_KEY = "ner"
LABELS = {"PS": "PERSON", "OG": "ORG"}
HANGUL_NAME = re.compile(r"^[가-힣]{2,4}$")
PROPER = ("NNP", "SL", "SH")
# tags trimmed off the ends of a span: particles, endings, suffixes, punctuation, space
EDGE = ("J", "E", "XS", "SF", "SP", "SS", "SE", "SO", "SW", "_SP")


def load_model(path: Path | str) -> Language:
    """A model folder from `hankg train`; a bad path is a ValueError naming it."""
    path = Path(path)
    if not (path / "config.cfg").is_file():
        raise ValueError(f"{path}: not a model folder from `hankg train` (no config.cfg in it).")
    try:
        nlp = spacy.load(path)
    except Exception as e:  # noqa: BLE001 - any load failure is the same user error
        raise ValueError(f"{path}: cannot load the NER model: {e}") from e
    if "ner" not in nlp.pipe_names:
        raise ValueError(f"{path}: the model has no 'ner' component (pipeline: {nlp.pipe_names}).")
    return nlp


class NerComponent:
    """`hankg_ner`: predictions of a trained model into `doc.spans["ner"]`."""

    def __init__(self, model: Language, key: str = SPAN_KEY):
        self.model = model
        self.key = key

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            copies = [self._copy(doc) for doc in batch]
            for _name, proc in self.model.pipeline:
                copies = list(proc.pipe(copies, batch_size=batch_size)) if hasattr(proc, "pipe") \
                    else [proc(c) for c in copies]
            for doc, pred in zip(batch, copies, strict=True):
                doc.spans[self.key] = [Span(doc, e.start, e.end, label=e.label_) for e in pred.ents]
                yield doc

    def _copy(self, doc: Doc) -> Doc:
        """The Doc's tokens and Kiwi tags in the model's own vocab, with nothing on top."""
        return Doc(self.model.vocab, words=[t.text for t in doc],
                   spaces=[bool(t.whitespace_) for t in doc], tags=[t.tag_ for t in doc])


@Language.factory("hankg_ner", default_config={"model": "", "key": SPAN_KEY})
def make_ner(nlp: Language, name: str, model: str, key: str) -> NerComponent:
    return NerComponent(load_model(model), key)


def _tag(token) -> str:
    return token.tag_.split("+")[0]


def trim(span: Span) -> Span | None:
    """The span without particles, endings and punctuation at its edges (None if all are)."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and _tag(doc[start]).startswith(EDGE):
        start += 1
    while end > start and _tag(doc[end - 1]).startswith(EDGE):
        end -= 1
    return Span(doc, start, end, label=span.label_) if end > start else None


def accept(span: Span, label: str, taken: set[int]) -> str | None:
    """Why a trimmed candidate is rejected, or None when it is accepted."""
    if any(i in taken for i in range(span.start, span.end)):
        return "overlaps a rule entity"
    text = span.text
    if text in wordset("not_entities") or text.replace(" ", "") in wordset("not_entities"):
        return "a known non-entity"
    tags = [_tag(t) for t in span]
    if all(t.startswith("NNG") or t.startswith("NNB") for t in tags):
        return "a bare common noun"
    if label == "PERSON":
        if not HANGUL_NAME.match(text):
            return "not a 2-4 syllable Hangul name"
        if text[0] not in wordset("surnames") and text[:2] not in wordset("surnames"):
            return "no known surname"
        return None
    if not any(t in PROPER for t in tags) and not text.endswith(tuple(wordset("org_heads"))):
        return "neither a proper noun nor an organisation head"
    return None


class NerMerge:
    """`hankg_ner_merge`: agreed PS/OG predictions join `doc.ents`; rule entities stay."""

    def __init__(self, key: str = SPAN_KEY):
        self.key = key

    def __call__(self, doc: Doc) -> Doc:
        candidates = doc.spans.get(self.key, [])
        if not len(candidates):
            return doc
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        added: list[Span] = []
        for cand in candidates:
            label = LABELS.get(cand.label_)
            core = trim(cand) if label else None
            if core is None or accept(core, label, taken) is not None:
                continue
            span = Span(doc, core.start, core.end, label=label)
            span._.name = core.text
            span._.rule = f"ner:{cand.label_}"
            added.append(span)
            taken.update(range(span.start, span.end))
        if added:
            keep = {(e.start, e.end, e.label_): (e._.name, e._.rule) for e in doc.ents}
            doc.set_ents(added, default="unmodified")
            for ent in doc.ents:
                if (ent.start, ent.end, ent.label_) in keep:
                    ent._.name, ent._.rule = keep[(ent.start, ent.end, ent.label_)]
        return doc


@Language.factory("hankg_ner_merge", default_config={"key": SPAN_KEY})
def make_ner_merge(nlp: Language, name: str, key: str) -> NerMerge:
    return NerMerge(key)


def add_ner(nlp: Language, model_dir: Path | str, before: str | None = None) -> Language:
    """Add the trained recogniser and its merge step, ahead of `before` when that component
    exists (the relation step, so relations can use NER entities), else at the end."""
    where = {"before": before} if before in nlp.pipe_names else {}
    nlp.add_pipe("hankg_ner", config={"model": str(model_dir)}, **where)
    nlp.add_pipe("hankg_ner_merge", after="hankg_ner")
    return nlp
