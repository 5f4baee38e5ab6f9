"""`hankg explain`: what each sentence gave, and the rule behind every item.

Engineers and users need to see why something was (or was not) extracted; this prints the
Doc as the components left it, sentence by sentence.
"""

from __future__ import annotations

from rich.console import Console
from spacy.tokens import Doc

from hankg.extract.extensions import LABEL_KIND


def _fmt_value(v: float | None) -> str:
    if v is None:
        return "-"
    for unit, scale in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if v >= scale:
            return f"{v / scale:g}{unit}"
    return f"{v:g}"


def explain_doc(doc: Doc, console: Console | None = None, show_empty: bool = False) -> None:
    console = console or Console(highlight=False)
    art = doc._.article
    console.rule(f"[bold]{art.id}[/]  published={art.published or '?'}  source={art.source or '?'}")
    facts = sorted(doc._.facts or [], key=lambda f: f.evidence.start)
    values = list(doc.spans.get("values", []))
    dates = list(doc.spans.get("dates", []))
    for i, sent in enumerate(doc.sents):
        s, e = sent.start_char, sent.end_char
        ents = [x for x in doc.ents if s <= x.start_char < e]
        vals = [x for x in values if s <= x.start_char < e]
        ds = [x for x in dates if s <= x.start_char < e]
        fs = [f for f in facts if s <= f.evidence.start < e]
        if not (ents or vals or ds or fs or show_empty):
            continue
        text = sent.text.strip().replace("\n", " ")
        console.print(f"[dim]#{i} [{s}:{e}][/] {text[:160]}{'…' if len(text) > 160 else ''}", soft_wrap=True)
        for x in ents:
            name = f" → {x._.name}" if x._.name and x._.name != x.text else ""
            console.print(f"   [cyan]{LABEL_KIND.get(x.label_, x.label_):12}[/] {x.text}{name}  [dim]{x._.rule}[/]")
        for x in vals:
            rng = f"~{_fmt_value(x._.max)}" if x._.max else ""
            label = "value:" + x.label_.lower()
            console.print(f"   [magenta]{label:12}[/] {x.text} = {_fmt_value(x._.value)}{rng}  [dim]{x._.rule}[/]")
        for x in ds:
            stated = ", ".join(v or "?" for v in x._.value or [])
            console.print(f"   [green]{'date':12}[/] {x.text} = {stated}  [dim]{x._.rule}[/]")
        for f in fs:
            extra = " ".join(
                f"{k}={v}"
                for k, v in (
                    ("role", f.role),
                    ("value", _fmt_value(f.value) if f.value else None),
                    ("max", _fmt_value(f.max) if f.max else None),
                    ("date", f.date),
                )
                if v
            )
            obj = f" → {f.object}" if f.object else ""
            console.print(f"   [yellow]{f.relation:12}[/] {f.subject}{obj} {extra}  [dim]{f.extractor}[/]")
