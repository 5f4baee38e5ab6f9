"""`hankg report`: the programme on one self-contained HTML page.

One file, no network when opened (no CDN, fonts or images fetched): an interactive graph
coloured by kind (force layout, drag, pan/zoom, tooltips; `report_assets`), a chart and
table of model sizes over time, the programme status of each team, a timeline and the list
of sources. Tables, chart and timeline are rendered here as plain HTML/SVG, so they read
even with scripts off; only the graph needs JavaScript. No timestamps: the same graph gives
the same bytes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from datetime import date
from html import escape
from pathlib import Path

from .programme import programme
from .query import Event, KnowledgeGraph, SizeClaim, format_params
from .report_assets import CSS, JS
from .report_views import conflicts_section, matrix, sentence_title
from .store import write_atomic
from .when import period

# Nothing may be fetched when the page is opened: only the inline style and script run.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
PALETTE = ("#2f6fdf", "#12a37a", "#e8890c", "#6b4fbb", "#d64545", "#0e9aa7", "#b8860b",
           "#c2185b", "#455a64", "#7cb342")


def _e(text: object) -> str:
    return escape("" if text is None else str(text))


def graph_data(kg: KnowledgeGraph) -> dict:
    """The nodes and edges the page's script draws (all attributes it shows in tooltips)."""
    nodes = []
    for node, d in sorted(kg.graph.nodes(data=True)):
        item = {"id": node, "kind": d.get("kind"), "name": d.get("name") or node}
        if "@" in node and d.get("kind") == "person":      # namesakes: say which one
            item["label"] = f"{item['name']} · {node.split('@', 1)[1]}"
        if d.get("kind") == "article":
            item.update(source=d.get("source"), published=d.get("published"), url=d.get("url"))
        else:
            item.update(aliases=json.loads(d.get("aliases") or "[]"),
                        articles=json.loads(d.get("articles") or "[]"),
                        first_seen=d.get("first_seen"), last_seen=d.get("last_seen"))
        nodes.append(item)
    links = []
    edges = sorted(kg.graph.edges(data=True), key=lambda e: (
        e[0], e[1], e[2].get("article", ""), e[2].get("evidence_start", 0)))
    for u, v, d in edges:
        links.append({k: val for k, val in {
            "source": u, "target": v, "relation": d.get("relation"), "role": d.get("role"),
            "value": d.get("value"), "max": d.get("max"), "date": d.get("date"),
            "article": d.get("article"), "published": d.get("published"),
            "when": d.get("date") or d.get("published"), "text": d.get("evidence_text"),
            "text_start": d.get("evidence_text_start"),
            "start": d.get("evidence_start") if d.get("evidence_text") else None,
            "end": d.get("evidence_end") if d.get("evidence_text") else None}.items() if val is not None})
    return {"nodes": nodes, "links": links}


def _script_json(data: dict) -> str:
    """JSON safe inside <script>: no `</script>` or `<!--` can end the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _source_link(kg: KnowledgeGraph, article: str) -> str:
    node = kg.graph.nodes.get(f"article:{article}", {})
    label = _e(node.get("source") or article)
    title = _e(node.get("title") or article)
    if node.get("url"):
        return f'<a href="{_e(node["url"])}" title="{title}">{label}</a>'
    return f'<span title="{title}">{label}</span>'


def _size_rows(kg: KnowledgeGraph) -> list[tuple[str, str, str, list[SizeClaim], list[str]]]:
    """(label, developer, kind, claims, articles): models, then teams sized without a model."""
    rows = [(m.name, m.developer or "", "model", m.size_history, m.articles) for m in kg.models()]
    rows += [(f"{o.name} (model not named)", o.name, "organization", o.size_history, o.articles)
             for o in kg.organizations() if o.size_history]
    return rows


def size_chart(rows, width: int = 1100, height: int = 300, most: int = len(PALETTE)) -> str:
    """Claimed sizes (log scale) over time, one coloured series per model, as inline SVG.

    Only the `most` most-claimed series are drawn (a chart of 50 lines reads as none); the
    table below lists them all.
    """
    series = [(label, claims) for label, _, _, claims, _ in rows
              if any(period(c.when) for c in claims)]
    if not series:
        return '<p class="muted">No dated size claims yet.</p>'
    note = ""
    if len(series) > most:
        note = (f'<p class="muted">The {most} most-claimed of {len(series)} series; the table '
                f"lists all.</p>")
        keep = {label for label, _ in sorted(series, key=lambda s: (-len(s[1]), s[0]))[:most]}
        series = [s for s in series if s[0] in keep]
    days = [period(c.when)[0].toordinal() for _, cl in series for c in cl if period(c.when)]
    logs = [math.log10(c.value) for _, cl in series for c in cl if c.value > 0]
    x0, x1 = min(days) - 15, max(days) + 15
    y0, y1 = math.floor(min(logs)), math.ceil(max(logs)) if max(logs) > min(logs) else math.floor(
        min(logs)) + 1
    left, right, top, bottom = 60, 190, 16, 30

    def px(day: int) -> float:
        return left + (day - x0) / (x1 - x0) * (width - left - right)

    def py(value: float) -> float:
        return top + (y1 - math.log10(value)) / (y1 - y0) * (height - top - bottom)

    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="model sizes over time">']
    for exp in range(y0, y1 + 1):
        y = py(10 ** exp)
        parts.append(f'<line class="axis" x1="{left}" x2="{width - right}" y1="{y:.1f}" '
                     f'y2="{y:.1f}"/><text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
                     f'{format_params(10.0 ** exp)}</text>')
    first, last = date.fromordinal(x0 + 15), date.fromordinal(x1 - 15)
    for year in range(first.year, last.year + 1):
        for month in (1, 4, 7, 10):
            day = date(year, month, 1).toordinal()
            if x0 <= day <= x1:
                x = px(day)
                parts.append(f'<line class="axis" x1="{x:.1f}" x2="{x:.1f}" y1="{top}" '
                             f'y2="{height - bottom}" stroke-dasharray="2 4"/>'
                             f'<text x="{x:.1f}" y="{height - 10}" text-anchor="middle">'
                             f'{year}-{month:02d}</text>')
    for i, (label, claims) in enumerate(series):
        color = PALETTE[i % len(PALETTE)]
        pts = sorted(((px(period(c.when)[0].toordinal()), py(c.value), c) for c in claims
                      if period(c.when) and c.value > 0), key=lambda p: (p[0], -p[1]))
        if len(pts) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in pts)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" '
                         f'stroke-width="1.5" stroke-opacity=".6"/>')
        for x, y, c in pts:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{color}"><title>'
                         f'{_e(label)}: {format_params(c.value, c.max)} ({_e(c.when)}, '
                         f'{_e(c.article)})</title></circle>')
        x, y, _ = pts[-1]
        parts.append(f'<text x="{x + 8:.1f}" y="{y + 4:.1f}" fill="{color}" '
                     f'style="fill:{color}">{_e(label)}</text>')
    parts.append("</svg>")
    return "".join(parts) + note


def _models_table(kg: KnowledgeGraph, rows, disputed: set[str] = frozenset()) -> str:
    out = ["<table id='models-table'><thead><tr><th>model</th><th>developer</th><th>latest size</th>"
           "<th>size claims over time (hover for the sentence)</th><th>seen</th><th>sources</th></tr>"
           "</thead><tbody>"]
    for label, developer, _, claims, articles in rows:
        latest = format_params(claims[-1].value, claims[-1].max) if claims else ""
        history = "".join(
            f'<span class="claim"{sentence_title(c.sources)}>{format_params(c.value, c.max)} '
            f'<span class="muted">{_e(c.when)}</span> {_source_link(kg, c.article)}</span>'
            for c in claims)
        flag = ' <a class="conflict" href="#conflicts">sources disagree</a>' if label in disputed else ""
        out.append(f"<tr><td>{_e(label)}{flag}</td><td>{_e(developer)}</td><td class='num'>{latest}"
                   f"</td><td>{history}</td><td class='num'>{len(articles)} article(s)</td><td>"
                   + ", ".join(_source_link(kg, a) for a in articles) + "</td></tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _status_table(kg: KnowledgeGraph) -> str:
    orgs = [o for o in kg.organizations() if o.status_history]
    if not orgs:
        return '<p class="muted">No programme status stated yet.</p>'
    out = ["<table><thead><tr><th>team</th><th>latest</th><th>history</th><th>partners</th>"
           "</tr></thead><tbody>"]
    for o in orgs:
        steps = " → ".join(
            f'<span class="badge {_e(f.role)}"{sentence_title(f.sources)}>{_e(f.role)}</span> <span class="muted">'
            f'{_e(f.when)}{"" if f.date else "*"}</span> {_source_link(kg, f.article)}'
            for f in o.status_history)
        out.append(f'<tr><td>{_e(o.name)}</td><td><span class="badge {_e(o.status)}">'
                   f'{_e(o.status)}</span></td><td>{steps}</td><td>{_e(", ".join(o.partners))}'
                   f"</td></tr>")
    out.append("</tbody></table><p class='muted'>* no date in the text: the article's "
               "publication date.</p>")
    return "".join(out)


def _timeline(kg: KnowledgeGraph, events: Iterable[Event]) -> str:
    out = ['<ol class="timeline">']
    for ev in events:
        mark = "" if ev.date_stated else "*"
        out.append(f'<li{sentence_title(ev.sources)}><span class="when">{_e(ev.when)}{mark}</span>'
                   f'<span><span class="badge {_e(ev.kind)}">{_e(ev.kind)}</span></span><span>{_e(ev.summary)} '
                   f'<span class="src">· {_source_link(kg, ev.article)}</span></span></li>')
    out.append("</ol>")
    return "".join(out)


def _sources(kg: KnowledgeGraph) -> str:
    out = ["<table><thead><tr><th>published</th><th>source</th><th>title</th><th>id</th>"
           "</tr></thead><tbody>"]
    for a in kg.articles():
        title = f'<a href="{_e(a.url)}">{_e(a.title or a.id)}</a>' if a.url else _e(a.title or a.id)
        out.append(f"<tr><td class='num'>{_e(a.published)}</td><td>{_e(a.source)}</td>"
                   f"<td>{title}</td><td class='muted'>{_e(a.id)}</td></tr>")
    out.append("</tbody></table>")
    return "".join(out)


def render_report(kg: KnowledgeGraph, title: str = "hankg: the programme graph") -> str:
    """The whole page as one string."""
    g = kg.graph
    kinds = [k for _, k in g.nodes(data="kind")]
    n_facts = sum(1 for *_, k in g.edges(data="kind") if k == "fact")
    rows = _size_rows(kg)
    found = kg.conflicts()
    disputed = {kg.name(c.subject_id) for c in found if c.kind == "size"}
    stats = "".join(f"<span><b>{n}</b> {label}</span>" for n, label in (
        (kinds.count("article"), "articles"), (kinds.count("organization"), "organizations"),
        (kinds.count("person"), "people"), (kinds.count("model"), "models"), (n_facts, "facts")))
    legend = "".join(
        f'<label><input type="checkbox" data-kind="{k}"><span class="dot {k}"></span>{label}'
        f"</label>" for k, label in (("organization", "organizations"), ("person", "people"),
                                     ("model", "models"), ("article", "articles")))
    return f"""<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{_e(title)}</title>
<style>{CSS}</style>
</head>
<body>
<header><h1>{_e(title)}</h1>
<div class="stats muted">{stats}</div></header>
<main>
<section class="card" id="graph">
<div id="controls">{legend}<input id="search" type="search" placeholder="find a name or alias">
<span class="muted">drag nodes · drag the background to pan · wheel to zoom · hover for facts
</span></div>
<svg id="net" role="img" aria-label="knowledge graph"></svg>
<div id="tip"></div>
</section>
<h2 id="programme">The programme at a glance</h2>
{matrix(kg, programme(kg))}
<h2>Models and their sizes over time</h2>
<div class="card">{size_chart(rows)}</div>
<div style="height:12px"></div>
{_models_table(kg, rows, disputed)}
<h2 id="conflicts">Where sources disagree</h2>
{conflicts_section(kg, found)}
<h2>Programme status</h2>
{_status_table(kg)}
<h2>Timeline</h2>
<div class="card">{_timeline(kg, kg.timeline())}</div>
<p class="muted">* the text gives no date: the article's publication date.</p>
<h2>Sources</h2>
{_sources(kg)}
</main>
<script id="hankg-data" type="application/json">{_script_json(graph_data(kg))}</script>
<script>{JS}</script>
</body>
</html>
"""


def write_report(kg: KnowledgeGraph, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    html = render_report(kg)
    write_atomic(path, lambda tmp: tmp.write_text(html, encoding="utf-8"))
    return path
