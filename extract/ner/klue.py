"""KLUE-NER's TSV format: read annotated sentences, write them back.

A KLUE-NER file is one character a line (`char<TAB>BIO-tag`), a blank line between
sentences, and `##` comment lines; the comment right above a sentence reads
`## <sentence id><TAB><sentence with <span:LABEL> markup>`. The characters are the truth:
the sentence text is their concatenation and entity offsets are character offsets into it,
so nothing depends on the markup line (which only supplies the id).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

KLUE_LABELS = ("PS", "LC", "OG", "DT", "TI", "QT")


@dataclass(frozen=True)
class Sentence:
    """One annotated text: character-offset entities `(start, end, label)` in text order.

    `where` is `file:line` of its first line, for error messages and reports.
    """

    id: str
    text: str
    entities: tuple[tuple[int, int, str], ...] = ()
    where: str = ""
    meta: dict = field(default_factory=dict, compare=False, hash=False)


def _spans(tags: list[str], where: str) -> list[tuple[int, int, str]]:
    """BIO tags → spans; an `I-X` with no open `X` starts a new span (KLUE has a few)."""
    spans: list[tuple[int, int, str]] = []
    open_: list | None = None
    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        if prefix == "I" and open_ is not None and open_[2] == label:
            open_[1] = i + 1
            continue
        if open_ is not None:
            spans.append(tuple(open_))
            open_ = None
        if prefix in ("B", "I") and label:
            open_ = [i, i + 1, label]
        elif tag != "O":
            raise ValueError(f"{where}: tag {tag!r} is not O, B-LABEL or I-LABEL.")
    if open_ is not None:
        spans.append(tuple(open_))
    return spans


def read_klue(path: Path | str) -> Iterator[Sentence]:
    """Sentences of a KLUE-NER TSV file in file order; errors name the file and line."""
    path = Path(path)
    header = ""
    chars: list[str] = []
    tags: list[str] = []
    first = 0
    count = 0

    def flush() -> Sentence:
        nonlocal count
        where = f"{path}:{first}"
        sid, _, _ = header.partition("\t")
        count += 1
        sid = sid.strip() or f"{path.stem}:{count}"
        return Sentence(sid, "".join(chars), tuple(_spans(tags, where)), where)

    with open(path, encoding="utf-8-sig") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.rstrip("\r\n")
            if line.startswith("##"):
                if chars:
                    yield flush()
                    chars, tags = [], []
                header = line[2:].strip(" ")
                continue
            if not line:
                if chars:
                    yield flush()
                    chars, tags, header = [], [], ""
                continue
            char, tab, tag = line.rpartition("\t")
            if not tab:
                raise ValueError(f"{path}:{lineno}: expected 'character<TAB>tag', got {line!r}.")
            if not chars:
                first = lineno
            chars.append(char)
            tags.append(tag.strip())
    if chars:
        yield flush()


def looks_like_klue(path: Path | str) -> bool:
    """A `.tsv` file, or a file whose first lines are `##` comments or `char<TAB>tag`."""
    path = Path(path)
    if path.suffix.lower() == ".tsv":
        return True
    try:
        with open(path, encoding="utf-8-sig") as fh:
            head = fh.readline()
    except (OSError, UnicodeDecodeError):
        return False
    return head.startswith("##")


def markup(sentence: Sentence) -> str:
    """The sentence in KLUE's `<span:LABEL>` markup."""
    out, pos = [], 0
    for s, e, label in sentence.entities:
        out.append(sentence.text[pos:s])
        out.append(f"<{sentence.text[s:e]}:{label}>")
        pos = e
    out.append(sentence.text[pos:])
    return "".join(out)


def write_klue(sentences: Iterable[Sentence], path: Path | str) -> None:
    """Sentences as a KLUE-NER TSV file (used by tests and to hand data to other tools)."""
    with open(path, "w", encoding="utf-8") as fh:
        for sent in sentences:
            tags = ["O"] * len(sent.text)
            for s, e, label in sent.entities:
                tags[s] = f"B-{label}"
                for i in range(s + 1, e):
                    tags[i] = f"I-{label}"
            fh.write(f"## {sent.id}\t{markup(sent)}\n")
            for ch, tag in zip(sent.text, tags, strict=True):
                fh.write(f"{ch}\t{tag}\n")
            fh.write("\n")
