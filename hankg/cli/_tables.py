"""How query answers are printed: tables that read at 80 columns, JSON, or CSV for spreadsheets.

Tables never break a name mid-word: a column too narrow for a word cuts it with `…`, and
the name columns ask for the width of their longest word first. Repeated claims collapse
(`519B ×4, 2025-12-31 – 2026-01-27`). `--evidence` adds, under a table, each claim's
sentence with the claim's own words marked «so», and its article's title, outlet, date and url.
CSV has a header row and one row per JSON item; nested lists become `; `-joined text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOpt = Annotated[Format, typer.Option(
    "--format", "-f", case_sensitive=False, help="table (default), json or csv (with a header row).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
EvidenceOpt = Annotated[bool, typer.Option(
    "--evidence", help="Under the table, each claim's sentence and its article's title, outlet, date, url.")]

NAME_WIDTH = 16     # a name column asks for at most this many cells before others shrink
NO_SENTENCE = "(no sentence stored: the graph predates sentences; `hankg extract ... --rebuild` adds them)"
LINE_WIDTH = 34     # a one-line column (`519B ×4, 2025-12-31 – 2026-01-27`) asks for this many


def out() -> Console:
    return Console(highlight=False)


def chosen(fmt: Format, as_json: bool) -> Format:
    return Format.json if as_json else fmt


def emit_json(items: BaseModel | Sequence[BaseModel]) -> None:
    data = items.model_dump(mode="json") if isinstance(items, BaseModel) else [
        i.model_dump(mode="json") for i in items]
    typer.echo(dumps(data))


# Where pydantic-core may write a number 0 < |x| < 1e-4, which Python writes as 1e-05 or 1e-07
# (measured: the only numbers and strings the two spell differently): `0.00001`, `1.5e-7`.
_SMALL_NUMBER = re.compile(rb"0\.0000|e-[0-9]")


def dumps(data: Any) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, the same text, faster.

    Python's encoder is pure Python once asked to indent (a tenth of a second for the models of
    800 articles); pydantic-core writes the same layout, strings and numbers in a fraction of
    that, except a number under 1e-4, which it spells otherwise: text that may hold one, or
    data it will not write, goes to Python's encoder as before."""
    from pydantic_core import to_json

    try:
        text = to_json(data, indent=2, inf_nan_mode="constants")
    except (ValueError, TypeError, UnicodeError):
        return json.dumps(data, ensure_ascii=False, indent=2)
    if _maybe_small(text):
        return json.dumps(data, ensure_ascii=False, indent=2)
    return text.decode("utf-8")


def _maybe_small(text: bytes) -> bool:
    """Whether pydantic-core's text may hold a number under 1e-4 (a string that looks like one counts)."""
    for m in _SMALL_NUMBER.finditer(text):
        after_digit = text[m.start() - 1:m.start()].isdigit()
        if m[0].startswith(b"e") and after_digit:         # 1.5e-7
            return True
        if m[0].startswith(b"0") and not after_digit:     # 0.00001, not 10.00001
            return True
    return False


# -- CSV -----------------------------------------------------------------------------------
def cell(value: Any) -> str:
    """One CSV cell: scalars as they are, lists `; `-joined, records by their short reading."""
    from hankg.graph.query import FactView, GpuClaim, SizeClaim, Source, format_gpus

    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else repr(value)
    if isinstance(value, Source):
        return value.article
    if isinstance(value, SizeClaim):
        return f"{claim_label(value)} ({value.when or '?'}, {value.article})"
    if isinstance(value, GpuClaim):
        return f"{format_gpus(value.chip, value.value, value.max)} ({value.when or '?'}, {value.article})"
    if isinstance(value, FactView):
        from hankg.graph.query import _summary

        return f"{_summary(value)} ({value.when or '?'}, {value.article})"
    if isinstance(value, BaseModel) and hasattr(value, "claim"):      # a conflict's side
        return f"{value.claim}: " + ", ".join(dict.fromkeys(s.article for s in value.sources))
    if isinstance(value, list):
        return "; ".join(dict.fromkeys(cell(v) for v in value))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {cell(v)}" for k, v in value.items())
    if isinstance(value, BaseModel):
        return json.dumps(value.model_dump(mode="json"), ensure_ascii=False)
    return str(value)


def evidence_cell(sources: Iterable[Any]) -> str:
    return " | ".join(dict.fromkeys(s.text for s in sources if getattr(s, "text", None)))


_CITED = ("sources", "sides")     # fields followed by an `evidence` column of their sentences


def emit_csv(items: Sequence[BaseModel], model: type[BaseModel] | None = None) -> None:
    """A header row of the records' fields (`model`'s, when there are none), one row per
    record; `evidence`, the sentences, after `sources` (a conflict's: after `sides`)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    kind = type(items[0]) if items else model
    fields = list(kind.model_fields) if kind else []
    header = [f for name in fields for f in ([name, "evidence"] if name in _CITED else [name])]
    writer.writerow(header)
    for item in items:
        row = []
        for name in fields:
            value = getattr(item, name)
            row.append(cell(value))
            if name in _CITED:
                row.append(evidence_cell(s for v in value for s in (v.sources if name == "sides" else [v])))
        writer.writerow(row)
    typer.echo(buf.getvalue(), nl=False)


# -- tables --------------------------------------------------------------------------------
def claim_label(c: Any) -> str:
    from hankg.graph.query import format_params

    return format_params(c.value, c.max)


def collapse(claims: Sequence[Any], label: Callable[[Any], str] = claim_label) -> list[str]:
    """Identical claims as one line each: `519B ×4, 2025-12-31 – 2026-01-27`, first seen first."""
    from hankg.graph.when import sort_key

    groups: dict[str, list[str]] = {}
    for c in claims:
        groups.setdefault(label(c), []).append(c.when or "")
    lines = []
    for text, whens in groups.items():
        dated = sorted((w for w in whens if w), key=sort_key)
        span = "" if not dated else dated[0] if dated[0] == dated[-1] else f"{dated[0]} – {dated[-1]}"
        count = f" ×{len(whens)}" if len(whens) > 1 else ""
        lines.append(f"{text}{count}" + (f", {span}" if span else ""))
    return lines


def seen(item: Any) -> str:
    if item.first_seen == item.last_seen:
        return item.first_seen or ""
    return f"{item.first_seen or '?'} – {item.last_seen or '?'}"


def _width(text: str) -> int:
    return max((cell_len(line) for line in text.splitlines()), default=0)


def _longest_word(text: str) -> int:
    return max((cell_len(w) for line in text.splitlines() for w in line.split()), default=0)


def cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, ending in `…` when something had to go."""
    if cell_len(text) <= width:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) + 1 > width:
            break
        out += ch
    return out + "…"


def wrap(text: str, width: int, one_line: bool = False) -> str:
    """Each line of `text` wrapped at spaces to `width` cells (or cut, when `one_line`);
    a word wider than the column is cut with `…`, never broken onto the next line."""
    out: list[str] = []
    for line in text.splitlines() or [""]:
        if one_line:
            out.append(cut(line, width))
            continue
        current = ""
        for word in line.split(" "):
            if not word:
                continue
            word = cut(word, width)
            if current and cell_len(current) + 1 + cell_len(word) > width:
                out.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        out.append(current)
    return "\n".join(out)


def fit(natural: list[int], least: list[int], room: int, squeeze: Sequence[int] = (),
        names: Sequence[int] = ()) -> list[int]:
    """Column widths that fit `room`. The `squeeze` columns give way first, in order; then the
    column with the most to spare, a cell at a time, down to its least; then the widest name
    column (cut with `…`) down to 8 cells; then the widest column, down to 4."""
    widths = list(natural)

    def shrink(floor: Callable[[int], int], among: Sequence[int], by_slack: bool) -> None:
        while sum(widths) > room:
            spare = [i for i in among if widths[i] > floor(i)]
            if not spare:
                return
            widths[max(spare, key=lambda i: (widths[i] - floor(i) if by_slack else widths[i], i))] -= 1

    everyone = range(len(widths))
    for i in squeeze:
        widths[i] = max(least[i], widths[i] - max(sum(widths) - room, 0))
    shrink(lambda i: least[i], everyone, True)
    shrink(lambda i: min(least[i], 8), names, False)
    shrink(lambda i: min(least[i], 4), everyone, False)
    return widths


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[object]], *,
          names: Sequence[str] = (), lines: Sequence[str] = (), squeeze: Sequence[str] = (),
          optional: Sequence[str] = (), caption: str | None = None) -> None:
    """A table that fits the terminal.

    `names` columns ask for whole names up to NAME_WIDTH cells (longer words, when they fit); `lines` columns keep each
    line on one line (cut with `…`); the rest wrap at spaces. `squeeze` columns narrow first;
    `optional` ones are left out, in order, when the table cannot fit otherwise.
    """
    console = out()
    columns = list(columns)
    text_rows = [["" if v is None else str(v) for v in row] for row in rows]
    while True:
        natural, least = [], []
        for i, col in enumerate(columns):
            cells = [col] + [row[i] for row in text_rows]
            natural.append(max(_width(c) for c in cells))
            word = max(_longest_word(c) for c in cells)
            if col in names:
                floor = min(natural[-1], max(word, NAME_WIDTH))
            elif col in lines:
                floor = min(natural[-1], LINE_WIDTH)
            else:
                floor = min(natural[-1], max(word, 12))
            least.append(max(floor, min(cell_len(col), 6), 1))
        room = console.width - 2 * (len(columns) - 1)
        left_out = [c for c in optional if c in columns]
        if sum(least) <= room or not left_out:
            break
        drop = columns.index(left_out[0])
        columns.pop(drop)
        text_rows = [row[:drop] + row[drop + 1:] for row in text_rows]
        note = f"({left_out[0]}: widen the terminal, or use --format csv)"
        caption = f"{caption}\n{note}" if caption else note
    widths = fit(natural, least, room, [columns.index(c) for c in squeeze if c in columns],
                 [columns.index(c) for c in names if c in columns])
    grid = Table(title=title, title_justify="left", caption=caption, caption_justify="left",
                 box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0))
    for col, width in zip(columns, widths, strict=True):
        grid.add_column(wrap(col, width), width=width, no_wrap=True)
    for row in text_rows:
        grid.add_row(*(Text(wrap(v, w, col in lines)) for v, w, col in zip(row, widths, columns, strict=True)))
    console.print(grid)


def marked(source: Any) -> Text:
    """The sentence with the claim's own words marked «so» (and bold on a terminal)."""
    parts = source.parts() if hasattr(source, "parts") else None
    if parts is None:
        return Text(source.text or NO_SENTENCE, style="dim")
    before, claim, after = (p.replace("\n", " ") for p in parts)
    return Text.assemble(before, ("«" + claim + "»", "bold yellow"), after)


def where(source: Any) -> str:
    bits = [source.article, source.title, getattr(source, "outlet", None), source.published,
            getattr(source, "url", None)]
    return " · ".join(b for b in bits if b)


def evidence(items: Sequence[tuple[str, Any]], console: Console | None = None) -> None:
    """`[n] heading`, then the sentence and where it comes from, for each (heading, source)."""
    console = console or out()
    for n, (heading, source) in enumerate(items, 1):
        console.print(Text(f"[{n}] {heading}", style="bold"))
        console.print(Padding(marked(source), (0, 0, 0, 4)))
        console.print(Padding(Text(where(source), style="dim"), (0, 0, 0, 4)))
