"""The trained recogniser inside hankg's pipeline, after the rules and below them.

`add_ner(nlp, MODEL_DIR)` adds two components:

- `hankg_ner` runs a model from `hankg train` over the Doc's own Kiwi tokens (no second
  analysis) and puts every prediction, KLUE-labelled, into `doc.spans["ner"]`;
- `hankg_ner_merge` moves the PS and OG predictions the surrounding analysis agrees with
  into `doc.ents` as PERSON and ORG, beside the rule entities and never over them.

The merge is where precision is kept, since KLUE's notion of an organisation is wider
than hankg's and Kiwi reads many loanwords (벤치마크, 임베딩) as proper nouns. A statistical
span, stripped of particles and punctuation, becomes an entity only when it does not touch
a rule entity, is not a known non-entity (`not_entities`, `not_models`, `not_orgs_latin`),
is not a bare common noun (NNG), a derived word (…화) or a description after a determiner
(한 벤처캐피털), and
- for a person: 2–4 Hangul syllables read as a proper noun (NNP) after a known surname,
  with a title or 씨 after some mention, or an organisation just before it (a byline), or
  three syllables that Kiwi did not know (its OOV flag: a new name, not a misread word);
- for an organisation: it ends in an organisation head (…연구원, …전자), or it is a proper
  noun with a title, 측 / 관계자 or a listed organisation beside some mention.
Accepted spans carry `span._.rule = "ner:PS"` / `"ner:OG"` and `span._.name`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from hankg.data import wordset
from hankg.extract import extensions, tokenizer  # noqa: F401  (span extensions; what a model needs to load)
from hankg.extract.ner import arch as ner_arch  # noqa: F401
from hankg.extract.ner.evaluate import fresh_copy

SPAN_KEY = "ner"
LABELS = {"PS": "PERSON", "OG": "ORG"}
HANGUL_NAME = re.compile(r"^[가-힣]{2,4}$")
PROPER = ("NNP", "SL", "SH")
NAME_CUES = {
    "PERSON": frozenset({"씨", "氏", "님", "군", "양"}),
    "ORG": frozenset({"측", "관계자", "컨소시엄", "연합", "계열사", "자회사", "소속"}),
}
LIST_JOINERS = frozenset({"와", "과", ",", "·", "ㆍ", "및", "/"})
# tags trimmed off the ends of a span: particles, endings, copulas, punctuation, space
# (a suffix, XS*, is kept: it makes a derived word, which `accept` then turns down)
EDGE = ("J", "E", "VCP", "VCN", "SF", "SP", "SS", "SE", "SO", "SW", "_SP")


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
            copies = [fresh_copy(doc, self.model.vocab) for doc in batch]
            for _name, proc in self.model.pipeline:
                copies = (
                    list(proc.pipe(copies, batch_size=batch_size))
                    if hasattr(proc, "pipe")
                    else [proc(c) for c in copies]
                )
            for doc, pred in zip(batch, copies, strict=True):
                doc.spans[self.key] = [Span(doc, e.start, e.end, label=e.label_) for e in pred.ents]
                yield doc


@Language.factory("hankg_ner", default_config={"model": "", "key": SPAN_KEY})
def make_ner(nlp: Language, name: str, model: str, key: str) -> NerComponent:
    return NerComponent(load_model(model), key)


def _tag(token) -> str:
    return token.tag_.split("+")[0]


def trim(span: Span) -> Span | None:
    """The span without particles, endings and punctuation at its edges, and without a
    determiner (MM) in front (None if nothing is left)."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (_tag(doc[start]).startswith(EDGE) or _tag(doc[start]) == "MM"):
        start += 1
    while end > start and _tag(doc[end - 1]).startswith(EDGE):
        end -= 1
    return Span(doc, start, end, label=span.label_) if end > start else None


@cache
def _stop() -> tuple[frozenset[str], frozenset[str]]:
    """Known non-entities: Hangul words as written, Latin ones lower-cased."""
    words = wordset("not_entities") | wordset("not_models") | wordset("not_orgs_latin")
    return frozenset(words), frozenset(w.lower() for w in words)


def cued(span: Span, label: str) -> bool:
    """Whether the words around this mention mark it as a name of its kind: a title or
    씨 right after a person or an organisation (김아름 기자, 래블업 대표), an organisation
    entity right before a person (the byline 이데일리 김아름), 측 / 관계자 / 컨소시엄
    after an organisation, or another organisation listed beside it (A와 B, A·B)."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    if after is not None and (after.text in wordset("titles") or after.text in NAME_CUES[label]):
        return True
    if label == "PERSON":
        return before is not None and before.ent_type_ == "ORG"
    for tok, step in ((after, 1), (before, -1)):
        if tok is not None and tok.text in LIST_JOINERS:
            i = tok.i + step
            if 0 <= i < len(doc) and doc[i].ent_type_ == "ORG":
                return True
    return False


def accept(span: Span, label: str, taken: set[int], cue: bool = False) -> str | None:
    """Why a trimmed candidate is rejected, or None when it is accepted; `cue` says that
    some mention of the same text in the document is `cued`."""
    if any(i in taken for i in range(span.start, span.end)):
        return "overlaps a rule entity"
    text = span.text
    words, lowered = _stop()
    if text.replace(" ", "") in words or text.lower() in lowered:
        return "a known non-entity"
    if span[-1].text in words:
        return "headed by a known non-entity"
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and not before.whitespace_ and _tag(before).startswith("NN"):
        return "the tail of a longer compound"  # 벤처|캐피털
    if before is not None and _tag(before) == "MM":
        return "after a determiner: a description"  # 한 벤처캐피털, "a venture capital firm"
    tags = [_tag(t) for t in span]
    if "SF" in tags:
        return "runs across a sentence end"
    if all(t == "SL" for t in tags) and any(t.text.lower() in lowered for t in span):
        return "holds a generic Latin term"
    if all(t in ("NNG", "NNB") for t in tags):
        return "a bare common noun"
    if tags[-1].startswith("XS"):
        return "a derived word"
    if label == "PERSON":
        if not HANGUL_NAME.match(text):
            return "not a 2-4 syllable Hangul name"
        if text[0] not in wordset("surnames") and text[:2] not in wordset("surnames"):
            return "no known surname"
        if any(t != "NNP" for t in tags):
            return "not read as a proper noun"
        if text[:-1] in words:
            return "a word formed on a known non-entity"
        if len(text) == 3 and all(t._.oov for t in span):
            return None  # a full name Kiwi had never seen: not a word it misread as one
        return None if cue else "no title, 씨 or organisation beside any mention"
    if any(text.endswith(head) and len(text) > len(head) for head in wordset("org_heads")):
        return None
    if not any(t in PROPER for t in tags):
        return "neither a proper noun nor an organisation head"
    if len(text) < 2:
        return "too short"
    return None if cue else "no title, 측/관계자 or listed organisation beside any mention"


class NerMerge:
    """`hankg_ner_merge`: agreed PS/OG predictions join `doc.ents`; rule entities stay."""

    def __init__(self, key: str = SPAN_KEY):
        self.key = key

    def __call__(self, doc: Doc) -> Doc:
        candidates = doc.spans.get(self.key, [])
        if not len(candidates):
            return doc
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        cores = [(LABELS[c.label_], c.label_, trim(c)) for c in candidates if c.label_ in LABELS]
        cores = [(label, raw, core) for label, raw, core in cores if core is not None]
        with_cue = {(label, core.text) for label, _, core in cores if cued(core, label)}
        added: list[Span] = []
        for label, raw, core in cores:
            if accept(core, label, taken, (label, core.text) in with_cue) is not None:
                continue
            span = Span(doc, core.start, core.end, label=label)
            span._.name = core.text
            span._.rule = f"ner:{raw}"
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
