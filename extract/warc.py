"""WARC archives (`.warc`, `.warc.gz`): each HTML page a crawler fetched becomes an article.

Read record by record with warcio, streaming, so an archive of any size costs one page of
memory. A `response` (or `resource`) record with status 200 and an HTML type becomes an
article: its target URI is the `url`, the id is derived from that URI, the text and metadata
come from the page (`pages.read_page`) and the date, failing the page's, is the record's
`WARC-Date`. Other responses, revisits and repeated pages are passed over and counted (an
`InputProblem` with `skipped` set). A truncated or corrupt record is reported with its byte
offset and reading goes on from the next record that can be found.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from hankg.extract.readers import InputProblem, _article, decode, normalise_date, page_article
from hankg.schema import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")
GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_MAGIC = b"WARC/1."
_CHUNK = 1 << 20


def url_id(url: str) -> str:
    """`news.example.kr-3f2a9c1b7d4e`: the host, to read, and a hash of the whole URL, to be unique."""
    host = urlsplit(url).hostname or "warc"
    return f"{host}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:12]}"


def _skip(where: str, offset: int, reason: str, what: str) -> InputProblem:
    message = f"record at byte {offset} skipped ({reason}): {what}."
    return InputProblem(where, None, message, fatal=False, skipped=reason)


def _printable(text: str, limit: int = 80) -> str:
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _next_start(fh: BinaryIO, start: int, marker: bytes) -> int | None:
    """Byte offset of the next record start at or after `start` (a gzip member or `WARC/1.` line)."""
    fh.seek(start)
    pos, tail = start, b""
    while chunk := fh.read(_CHUNK):
        data = tail + chunk
        at = data.find(marker)
        while at >= 0 and marker == WARC_MAGIC and at > 0 and data[at - 1 : at] != b"\n":
            at = data.find(marker, at + 1)
        if at >= 0:
            return pos - len(tail) + at
        tail = data[-(len(marker) - 1) :]
        pos += len(chunk)
    return None


def _html(body: bytes, content_type: str) -> str:
    """The page as text: the charset the server declared, else hankg's own decoding."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            try:
                return body.decode(value.strip("\"' "))
            except (LookupError, UnicodeDecodeError):
                break
    return decode(body)


def _drained(record) -> bool:
    """Read what is left of the record; False when it ends before its stated length."""
    stream = record.raw_stream
    while stream.read(_CHUNK):
        pass
    return stream.limit == 0


def _verdict(record) -> tuple[str, str] | None:
    """Why a record is no page to read (counted reason, what it was), or None for an HTML page."""
    if record.rec_type == "revisit":
        return "duplicate", "a revisit of a page read before"
    if record.rec_type == "response":
        http = record.http_headers
        status = http.get_statuscode() if http is not None else None
        if status != "200":
            return "non-200", f"status {status or 'none'}"
        ctype = http.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    if not ctype.split(";")[0].strip().lower().startswith(HTML_TYPES):
        return "non-HTML", ctype.split(";")[0] or "no content type"
    return None


def _record(record, where: str, offset: int, meta: dict, seen: set[str]) -> Iterator[Article | InputProblem]:
    """The article in one record, or why there is none."""
    truncated = InputProblem(where, None, f"record at byte {offset} is truncated: it ends before its stated length.")
    if record.rec_type not in ("response", "resource", "revisit"):
        return  # requests, warcinfo, metadata: not pages
    if (why := _verdict(record)) is not None:
        yield _skip(where, offset, *why)
        if not _drained(record):
            yield truncated
        return
    body = record.content_stream().read()
    if not _drained(record):
        yield truncated
        return
    digest = hashlib.sha256(body).hexdigest()
    if digest in seen:
        yield _skip(where, offset, "duplicate", "the same page as an earlier record")
        return
    seen.add(digest)
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    rec_where = f"{where}@{offset}"
    ctype = (record.http_headers or record.rec_headers).get_header("Content-Type") or ""
    try:
        html = _html(body, ctype)
    except UnicodeDecodeError as e:
        yield InputProblem(rec_where, None, f"cannot decode the page as UTF-8, UTF-16 or CP949 ({e.reason}).")
        return
    text, page_meta, problems = page_article(rec_where, html, {**meta, "url": url} if url else meta)
    yield from problems
    if not text.strip():
        yield _skip(where, offset, "no text", "a page without text")
        return
    if "published" not in page_meta and (day := normalise_date(record.rec_headers.get_header("WARC-Date"))):
        page_meta = {**page_meta, "published": day, "from_page": (*page_meta["from_page"], "published")}
    for art in _article(Path(rec_where), text, page_meta, None, url_id(url) if url else f"{Path(where).name}@{offset}"):
        if isinstance(art, Article):
            if art.content_hash in seen:
                yield _skip(where, offset, "duplicate", "the same article text as an earlier record")
                continue
            seen.add(art.content_hash)
        yield art


def read_warc(path: Path, meta: dict | None = None) -> Iterator[Article | InputProblem]:
    """Every article in one WARC file, in record order; a bad record never stops the rest."""
    from warcio.archiveiterator import ArchiveIterator

    where = str(path)
    # a manifest line for the archive can give its outlet or date, never one id or url to all pages
    meta = {k: v for k, v in (meta or {}).items() if k in ("source", "published")}
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below; the generator streams from it
    except OSError as e:
        yield InputProblem(where, None, f"cannot read the file: {e.strerror or e}.")
        return
    with fh:
        size = os.fstat(fh.fileno()).st_size
        marker = GZIP_MAGIC if fh.read(3) == GZIP_MAGIC else WARC_MAGIC
        seen: set[str] = set()
        base = 0
        while base < size:
            fh.seek(base)
            it = ArchiveIterator(fh)  # its offsets are the file's: it starts from fh.tell()
            error: Exception | None = None
            try:
                for record in it:
                    # it.offset is where this record starts (get_record_offset() would read it to the end)
                    start, errors = it.offset, it.err_count
                    yield from _record(record, where, start, meta, seen)
                    if it.err_count > errors:  # warcio found the next record elsewhere than the length said
                        yield InputProblem(where, None, f"record at byte {start} has a wrong length; read on after it.")
            except Exception as e:  # noqa: BLE001 - warcio, zlib and gzip each raise their own
                error = e
            end = it.offset  # where the record that failed (or the unread rest) begins
            if end >= size and error is None:
                break
            why = f" ({_printable(str(error))})" if error is not None else ""
            yield InputProblem(where, None, f"record at byte {end} is truncated or corrupt{why}; reading on after it.")
            nxt = _next_start(fh, end + 1, marker)
            if nxt is None:
                break
            base = nxt
