"""Training data for the statistical recogniser: sentences in, aligned spaCy examples out.

Two sources give `Sentence`s with character-offset entities: KLUE-NER TSV files
(`hankg.extract.ner.klue`) and hankg's own gold (SPEC-format JSONL beside its articles), whose
organisation and person names are found in the article text and labelled OG / PS, the
KLUE labels, so one model can learn from both.

Entity offsets are characters but the model sees Kiwi tokens, which are sometimes longer
than an annotated span (`남북` is one token where KLUE marks `남` and `북`; Kiwi reads
`이신이` as one noun). Such spans are never dropped silently: `align` expands each one to
the tokens it touches, merges spans that then overlap, and counts both in an
`AlignmentReport` the trainer prints.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span

from hankg.extract.ner.klue import Sentence, looks_like_klue, read_klue

GOLD_LABELS = {"organizations": "OG", "people": "PS"}


# --- reading -------------------------------------------------------------------------


def _is_gold(path: Path) -> bool:
    """A SPEC gold JSONL: its first record has `article` and organisations or people."""
    if path.suffix.lower() != ".jsonl":
        return False
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            if line.strip():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(row, dict) and "article" in row and ("organizations" in row or "people" in row)
    return False


def _name_pattern(names: Iterable[str]) -> re.Pattern | None:
    """Longest name first; a name never starts inside a word, a Latin one never ends inside one."""
    alts = []
    usable = {n.strip() for n in names if len(n.strip()) >= 2}
    for name in sorted(usable, key=lambda n: (-len(n), n)):
        tail = r"(?![A-Za-z0-9])" if re.search(r"[A-Za-z0-9]$", name) else ""
        alts.append(re.escape(name) + tail)
    if not alts:
        return None
    return re.compile(r"(?<![A-Za-z0-9가-힣])(?:" + "|".join(alts) + ")")


def gold_sentences(record: dict, text: str, article_id: str, where: str) -> Iterator[Sentence]:
    """One Sentence per non-empty line of the article, with every gold name found in it."""
    labelled: list[tuple[str, str]] = []
    for key, label in GOLD_LABELS.items():
        for ent in record.get(key) or []:
            for name in [ent.get("name") or "", *(ent.get("aliases") or [])]:
                labelled.append((name, label))
    label_of: dict[str, str] = {}
    for name, label in labelled:
        label_of.setdefault(name.strip(), label)
    pattern = _name_pattern(label_of)
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        ents = [] if pattern is None else [(m.start(), m.end(), label_of[m.group(0)]) for m in pattern.finditer(line)]
        yield Sentence(f"{article_id}:{lineno}", line, tuple(ents), f"{where} (article line {lineno})")


def read_gold(gold: Path, articles: Sequence[Path]) -> Iterator[Sentence]:
    """Sentences of every gold record's article; a record without its article is an error."""
    from hankg.extract.readers import Article, read_inputs

    texts = {a.id: a for a in read_inputs(articles) if isinstance(a, Article)}
    with open(gold, encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{gold}:{lineno}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{where}: not valid JSON ({e.msg}).") from None
            art = texts.get(str(record.get("article")))
            if art is None:
                raise ValueError(
                    f"{where}: article {record.get('article')!r} is not among the "
                    "articles given; pass its file or folder beside the gold file."
                )
            yield from gold_sentences(record, art.text, art.id, where)


def read_sentences(paths: Sequence[Path | str]) -> list[Sentence]:
    """Every annotated sentence in `paths`: KLUE TSV files, and gold JSONL files whose
    articles are the remaining files and folders."""
    paths = [Path(p) for p in paths]
    for p in paths:
        if not p.exists():
            raise ValueError(f"{p}: no such file or folder.")
    golds = [p for p in paths if p.is_file() and _is_gold(p)]
    klue = [p for p in paths if p.is_file() and p not in golds and looks_like_klue(p)]
    articles = [p for p in paths if p not in golds and p not in klue]
    if articles and not golds:
        raise ValueError(
            f"{articles[0]}: neither a KLUE-NER .tsv file nor gold JSONL; articles are only read beside a gold file."
        )
    out: list[Sentence] = []
    for p in paths:
        if p in klue:
            out.extend(read_klue(p))
        elif p in golds:
            out.extend(read_gold(p, articles))
    return out


def split(items: Sequence, seed: int, *fractions: float) -> list[list]:
    """Deterministic random slices: `split(xs, 0, .1, .1)` → [rest, 10%, 10%]."""
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    slices, pos = [], 0
    for frac in fractions:
        n = round(len(items) * frac)
        slices.append(sorted(order[pos : pos + n]))
        pos += n
    rest = sorted(order[pos:])
    return [[items[i] for i in idx] for idx in (rest, *slices)]


# --- alignment -----------------------------------------------------------------------


@dataclass
class AlignmentReport:
    """How annotated character spans landed on Kiwi tokens."""

    sentences: int = 0
    spans: int = 0
    expanded: int = 0
    empty: int = 0
    trimmed: int = 0
    merged: int = 0
    joined: int = 0
    by_label: Counter = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)

    @property
    def misaligned(self) -> int:
        return self.expanded

    def note(self, kind: str, label: str, where: str, gold: str, got: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        if kind in ("expanded", "empty"):
            self.by_label[label] += 1
            if len(self.samples) < 5:
                self.samples.append(f"{where}: {label} {gold!r} → {got!r}")

    def __str__(self) -> str:
        share = self.misaligned / self.spans if self.spans else 0.0
        text = (
            f"{self.misaligned:,} of {self.spans:,} spans ({share:.1%}) do not fall on Kiwi "
            f"token boundaries: kept by expanding them to the tokens they touch"
        )
        if self.merged:
            text += f", {self.merged:,} of them then merged with the neighbouring span they overlapped"
        if self.empty:
            text += f"; {self.empty:,} held only spaces or punctuation and were left out"
        if self.trimmed:
            text += f"; {self.trimmed:,} lost edge punctuation or spaces (`<레이` → `레이`)"
        if self.joined:
            text += f"; {self.joined:,} crossed a Kiwi sentence break, which was removed for training"
        return text + "."


def _edge_punct(span: Span, token) -> bool:
    """Space or punctuation that does not belong to the span: a bracket is kept when its
    partner is inside (`(주)플로섬`, `f(x)`)."""
    tag = token.tag_.split("+")[0]
    if token.is_space or tag in ("SF", "SP", "SE"):
        return True
    if tag == "SSO":
        return not any(t.tag_.startswith("SSC") for t in span)
    if tag == "SSC":
        return not any(t.tag_.startswith("SSO") for t in span)
    return tag == "SS"  # a quote mark


def align(doc: Doc, sentence: Sentence, report: AlignmentReport) -> list[Span]:
    """The sentence's entities as non-overlapping spans of `doc`, counted into `report`.

    A span that ends inside a token is widened to whole tokens; spaces and punctuation at
    its edges are left out (KLUE has a few `< 퇴계로 2가:LC>` and `<<레이:PS>`); Kiwi
    sentence breaks inside a span are removed from `doc`, since spaCy's NER never crosses
    one. Callers copy the resulting sentence starts to the predicted side of the example.
    """
    spans: list[Span] = []
    text = sentence.text
    report.sentences += 1
    for start, end, label in sentence.entities:
        report.spans += 1
        gold = text[start:end]
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        span = doc.char_span(start, end, label=label) if end > start else None
        if span is None and end > start:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            report.note("expanded", label, sentence.where, gold, span.text if span else "")
        if span is None:
            report.note("empty", label, sentence.where, gold, "")
            continue
        first, last = span.start, span.end
        while last - first > 2 and doc[first].tag_ == "SSO" and doc[last - 1].tag_ == "SSC":
            first, last = first + 1, last - 1  # quoted or bracketed whole: 'X' → X
        while first < last and _edge_punct(doc[first:last], doc[first]):
            first += 1
        while last > first and _edge_punct(doc[first:last], doc[last - 1]):
            last -= 1
        if last == first:
            report.note("empty", label, sentence.where, gold, "")
            continue
        if (first, last) != (span.start, span.end) or len(gold) != end - start:
            report.note("trimmed", label, sentence.where, gold, doc[first:last].text)
        span = Span(doc, first, last, label=label)
        if spans and span.start < spans[-1].end:
            prev = spans.pop()
            report.merged += 1
            span = Span(doc, prev.start, max(prev.end, span.end), label=prev.label_)
        if any(t.is_sent_start for t in span[1:]):
            report.joined += 1
            for t in span[1:]:
                t.is_sent_start = False
        spans.append(span)
    return spans
