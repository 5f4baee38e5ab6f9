"""Articles in: files, folders (with an optional manifest) and JSONL, in a stable order.

Every problem becomes an `InputProblem` naming the file and line, yielded in the stream
beside the articles, so one bad file never stops a batch.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from hankg.schema import Article

SUFFIXES = {".txt", ".md", ".html", ".htm", ".jsonl", ".warc"}  # and .warc.gz
MANIFESTS = ("manifest.jsonl", "manifest.csv")
META_KEYS = ("id", "published", "title", "url", "source")


@dataclass(frozen=True)
class InputProblem:
    """A file or line that could not be read; `fatal` problems count as failures."""

    path: str
    line: int | None
    message: str
    fatal: bool = True
    skipped: str | None = None  # a record passed over on purpose ("non-HTML", "duplicate"): counted, not printed

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class _Visible(HTMLParser):
    """Collects the text a browser would show: no tags, scripts, styles or head."""

    SKIP = {"script", "style", "head", "noscript", "template", "svg"}
    BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "title",
        "figcaption",
        "ul",
        "ol",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per line."""
    parser = _Visible()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    return "\n".join(line for line in lines if line)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (BOM or evident NULs), then CP949/EUC-KR."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        best = None
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            printable = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
            if "\x00" not in text and printable >= 0.95 * len(text) and (best is None or printable > best[0]):
                best = (printable, text)
        if best is not None:
            return best[1]
        raise UnicodeDecodeError("binary", data, 0, 1, "looks like a binary file (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as first:
        try:
            return data.decode("cp949")
        except UnicodeDecodeError:
            raise first from None


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f") or c == "\ufffd")
    return bad > max(8, len(sample) // 50)


def normalise_date(value: object) -> str | None:
    """`2026-01-18` (or a longer ISO timestamp) → `2026-01-18`; anything else → None."""
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        return None


def _jsonl_rows(text: str, path: Path) -> Iterator[tuple[int, object]]:
    """(line number, parsed JSON) per non-blank line; a bad line becomes an InputProblem."""
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield i, json.loads(line)
        except json.JSONDecodeError as e:
            yield i, InputProblem(str(path), i, f"not valid JSON ({e.msg}); the line is skipped.")


def read_manifest(folder: Path) -> tuple[dict[str, dict], list[InputProblem]]:
    """`{file name: metadata}` from the folder's manifest.jsonl or manifest.csv."""
    meta: dict[str, dict] = {}
    problems: list[InputProblem] = []
    for name in MANIFESTS:
        path = folder / name
        if not path.is_file():
            continue
        try:
            text = decode(path.read_bytes())
        except (OSError, UnicodeDecodeError) as e:
            problems.append(InputProblem(str(path), None, f"cannot read the manifest: {e}"))
            continue
        if name.endswith(".csv"):
            rows = list(enumerate(csv.DictReader(io.StringIO(text)), 2))
        else:
            rows = []
            for i, row in _jsonl_rows(text, path):
                if isinstance(row, InputProblem):
                    problems.append(row)
                else:
                    rows.append((i, row))
        for i, row in rows:
            if not isinstance(row, dict) or not row.get("file"):
                problems.append(InputProblem(str(path), i, "a manifest line needs a 'file' key."))
                continue
            meta[str(row["file"])] = {k: row.get(k) for k in META_KEYS if row.get(k) not in (None, "")}
    return meta, problems


def is_input(path: Path) -> bool:
    """A file hankg reads (by its name): articles, JSONL or a WARC archive."""
    return path.suffix.lower() in SUFFIXES or is_warc(path)


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith((".warc", ".warc.gz"))


def _looks_html(text: str) -> bool:
    return text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))


def page_article(where: str, html: str, meta: dict) -> tuple[str, dict, list[InputProblem]]:
    """The text of a saved page, and its metadata under what the input states (which wins)."""
    from hankg.extract.pages import read_page

    page = read_page(html, meta.get("url"))
    problems: list[InputProblem] = []
    if not page.main and page.text.strip():
        message = "no main text found in the page; all its visible text is read."
        problems.append(InputProblem(where, None, message, fatal=False))
    merged = {**page.meta, **meta, "from_page": tuple(k for k in META_KEYS if k in page.meta and k not in meta)}
    return page.text, merged, problems


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> tuple[str, int]:
    """Lone surrogates (JSON `"\\udb6a"` escapes) as U+FFFD, and how many: they cannot be UTF-8.

    One character for one, so every offset stays where it was.
    """
    return _SURROGATE.subn("\ufffd", text)


def _article(path: Path, text: str, meta: dict, line: int | None, default_id: str) -> Iterator[Article | InputProblem]:
    where = str(path)
    text, bad = without_surrogates(text)
    clean = {}
    for key, value in meta.items():
        if isinstance(value, str):
            value, n = without_surrogates(value)
            bad += n
        clean[key] = value
    meta = clean
    if bad:
        yield InputProblem(where, line, f"{bad} lone surrogate(s) (invalid \\uD800-\\uDFFF escapes) became U+FFFD.",
                           fatal=False)
    if not text.strip():
        yield InputProblem(where, line, "the article is empty.")
        return
    if _looks_binary(text):
        yield InputProblem(where, line, "this looks like binary data, not article text.")
        return
    published = normalise_date(meta.get("published"))
    if meta.get("published") not in (None, "") and published is None:
        yield InputProblem(
            where,
            line,
            f"'published' is not an ISO date: {meta['published']!r}; relative dates stay unresolved.",
            fatal=False,
        )
    yield Article(
        id=str(meta.get("id") or default_id),
        text=text,
        published=published,
        title=meta.get("title"),
        url=meta.get("url"),
        source=meta.get("source"),
        path=where if line is None else f"{where}:{line}",
        from_page=meta.get("from_page", ()),
    )


def read_file(path: Path, meta: dict | None = None) -> Iterator[Article | InputProblem]:
    """One input file: an article, or one article per JSONL line."""
    meta = meta or {}
    if is_warc(path):
        from hankg.extract.warc import read_warc

        yield from read_warc(path, meta)
        return
    try:
        text = decode(path.read_bytes())
    except OSError as e:
        yield InputProblem(str(path), None, f"cannot read the file: {e.strerror or e}.")
        return
    except UnicodeDecodeError as e:
        yield InputProblem(str(path), None, f"cannot decode the file as UTF-8, UTF-16 or CP949 ({e.reason}).")
        return
    suffix = path.suffix.lower()
    if suffix != ".jsonl":
        if suffix in {".html", ".htm"} or _looks_html(text):
            text, meta, problems = page_article(str(path), text, meta)
            yield from problems
        yield from _article(path, text, meta, None, path.stem)
        return
    for i, row in _jsonl_rows(text, path):
        if isinstance(row, InputProblem):
            yield row
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            yield InputProblem(str(path), i, "a JSONL article needs a string 'text' field.")
            continue
        row_meta = {**meta, **{k: row[k] for k in META_KEYS if row.get(k) not in (None, "")}}
        yield from _article(path, row["text"], row_meta, i, f"{path.stem}:{i}")


def _read_stdin() -> Iterator[Article | InputProblem]:
    """`-`: one article from standard input (HTML is recognised by its first tag)."""
    import sys

    try:
        text = decode(sys.stdin.buffer.read())
    except UnicodeDecodeError as e:
        yield InputProblem("<stdin>", None, f"cannot decode standard input as UTF-8, UTF-16 or CP949 ({e.reason}).")
        return
    meta: dict = {}
    if _looks_html(text):
        text, meta, problems = page_article("<stdin>", text, meta)
        yield from problems
    yield from _article(Path("<stdin>"), text, meta, None, "stdin")


def read_inputs(inputs: Iterable[Path | str]) -> Iterator[Article | InputProblem]:
    """Every article under `inputs`, in the order given and by name within a folder."""
    for raw in inputs:
        if str(raw) == "-":
            yield from _read_stdin()
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and is_input(p)
                and p.name not in MANIFESTS
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                yield InputProblem(str(path), None, "the folder holds no .txt, .md, .html, .jsonl or .warc files.")
                continue
            manifests: dict[Path, dict[str, dict]] = {}
            for f in files:
                if f.parent not in manifests:
                    manifests[f.parent], problems = read_manifest(f.parent)
                    yield from problems
                yield from read_file(f, manifests[f.parent].get(f.name))
        elif path.is_file():
            # a lone file still takes its folder's manifest line; that manifest's own
            # problems belong to the folder and are reported when the folder is read
            meta = read_manifest(path.parent)[0] if path.name not in MANIFESTS else {}
            yield from read_file(path, meta.get(path.name))
        else:
            yield InputProblem(str(path), None, "no such file or folder.")
