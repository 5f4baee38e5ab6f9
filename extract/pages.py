"""Saved news pages: the article's main text and its metadata, without the site's clutter.

trafilatura (`bare_extraction`) keeps the article body and drops menus, tickers, "most
read" lists and footers, and reads title, date and outlet from meta tags and JSON-LD. It
runs offline on the HTML given (no URL is fetched) and deterministically: the date search
gets a fixed upper bound instead of today's date. A page where it finds no main text is
read as all its visible text instead, and the caller warns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# what a browser never shows: trafilatura's short-page fallbacks would keep <noscript> text
_HIDDEN = ["//noscript", "//template", "//svg"]
# htmldate rejects dates after its max_date, by default today: a fixed bound keeps the output
# the same whatever day it runs
_DATES = {"original_date": True, "extensive_search": False, "max_date": "2099-12-31"}


@dataclass(frozen=True)
class Page:
    """The text hankg reads from one page, and what the page says about itself."""

    text: str
    meta: dict[str, str] = field(default_factory=dict)  # title, published, source, url
    main: bool = True  # False: no main text found, `text` is all the visible text


def _squash(text: str) -> tuple[str, list[int]]:
    """`text` without spaces (a line break becomes NUL, so no match runs across it), and
    where each kept character sat in `text`."""
    keep = [i for i, c in enumerate(text) if c == "\n" or not c.isspace()]
    return "".join("\0" if text[i] == "\n" else text[i] for i in keep), keep


def _rejoin(lines: list[str], visible: str) -> list[str]:
    """Undo line breaks trafilatura puts inside a block (its fallbacks split at <b>, <a>).

    Two consecutive lines are one when, without spaces, they run on inside one line of the
    visible text; they are joined with the space the page has between them, if any.
    """
    flat, pos = _squash(visible)
    out: list[str] = []
    for line in lines:
        prev, cur = "".join(out[-1].split()) if out else "", "".join(line.split())
        at = flat.find(prev + cur) if prev and cur else -1
        if at < 0:
            out.append(line)
            continue
        last, first = pos[at + len(prev) - 1], pos[at + len(prev)]  # the two sides of the break
        out[-1] += (" " if first > last + 1 else "") + line
    return out


def read_page(html: str, url: str | None = None) -> Page:
    """Main text and metadata of one HTML page; all visible text when no main text is found."""
    import trafilatura

    from hankg.extract.readers import html_to_text, normalise_date

    visible = html_to_text(html)
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=dict(_DATES),
            prune_xpath=_HIDDEN,
        )
    except Exception:  # noqa: BLE001 - a page trafilatura chokes on is still read as visible text
        doc = None
    text = doc.text if doc is not None and doc.text else ""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    text = "\n".join(_rejoin([line for line in lines if line], visible))
    meta: dict[str, str] = {}
    if doc is not None:
        for key, value in (
            ("title", doc.title),
            ("published", normalise_date(doc.date)),
            ("source", doc.sitename),
            ("url", doc.url),
        ):
            if value:
                meta[key] = " ".join(str(value).split())
    if not text.strip():
        return Page(visible, meta, main=False)
    return Page(text, meta)
