"""The report's reading views: the programme at a glance, where sources disagree, and evidence.

Plain HTML built here (no script needed): a matrix of teams × stages whose cells give the
status the sources state, its date and its sources (each with the sentence on hover), the
size claims of each team's models, and the list of contradictions with the sentences on
each side, the claim's own words marked.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from hankg.data import stages

from .conflicts import Conflict
from .programme import TeamRow
from .query import KnowledgeGraph, SizeClaim, Source, format_params
from .when import sort_key

SHOWN = 4       # sources per cell, models per team: the rest are counted


def _e(text: object) -> str:
    return escape("" if text is None else str(text))


def sentence_html(src: Source) -> str:
    """The sentence with the claim marked (`<mark>`), or nothing when none is stored."""
    parts = src.parts()
    if parts is None:
        return ""
    before, claim, after = (_e(p) for p in parts)
    return f'<div class="ev">{before}<mark>{claim}</mark>{after}</div>'


def sentence_title(sources: Sequence[Source]) -> str:
    """The sentences as a `title` attribute value (one per line), for hover."""
    lines = list(dict.fromkeys(s.text.replace("\n", " ") for s in sources if s.text))
    return f' title="{_e(chr(10).join(lines))}"' if lines else ""


def source_link(kg: KnowledgeGraph, src: Source) -> str:
    """The outlet, linked to the article, its title and the claim's sentence on hover."""
    node = kg.graph.nodes.get(f"article:{src.article}", {})
    label = _e(node.get("source") or src.article)
    hover = "\n".join(x for x in (node.get("title") or src.article, (src.text or "").replace("\n", " ")) if x)
    if node.get("url"):
        return f'<a href="{_e(node["url"])}" title="{_e(hover)}">{label}</a>'
    return f'<span title="{_e(hover)}">{label}</span>'


def collapsed_sizes(claims: Sequence[SizeClaim]) -> list[tuple[str, int, str, list[Source]]]:
    """(size, how many claims, their dates' span, sources): identical claims as one."""
    groups: dict[str, list[SizeClaim]] = {}
    for c in claims:
        groups.setdefault(format_params(c.value, c.max), []).append(c)
    out = []
    for label, group in groups.items():
        whens = sorted((c.when for c in group if c.when), key=sort_key)
        span = "" if not whens else whens[0] if whens[0] == whens[-1] else f"{whens[0]} – {whens[-1]}"
        out.append((label, len(group), span, [s for c in group for s in c.sources]))
    return out


def matrix(kg: KnowledgeGraph, rows: Sequence[TeamRow]) -> str:
    """Teams × stages: each cell's status, date and sources; the team's model sizes beside."""
    if not rows:
        return '<p class="muted">No programme status stated yet.</p>'
    table = stages()
    head = "".join(f'<th class="stage">{_e(s.label)}</th>' for s in table)
    out = [f'<table class="matrix" id="programme-matrix"><thead><tr><th>team</th>{head}'
           f"<th>model sizes</th></tr></thead><tbody>"]
    for row in rows:
        cells = []
        for stage in table:
            cell = row.cells.get(stage.id)
            if cell is None:
                cells.append('<td class="cell"></td>')
                continue
            others = "".join(f' <span class="badge {_e(r)}" title="{n} claim(s)">{_e(r)}</span>'
                             for r, n in cell.statuses.items() if r != cell.status)
            srcs = list({f.article: f.sources[0] for f in cell.facts if f.sources}.values())
            links = ", ".join(source_link(kg, s) for s in srcs[:SHOWN])
            links += f' <span class="muted">+{len(srcs) - SHOWN}</span>' if len(srcs) > SHOWN else ""
            flag = '<a class="conflict" href="#conflicts">sources disagree</a>' if cell.conflict else ""
            cells.append(
                f'<td class="cell{" disagree" if cell.conflict else ""}" data-stage="{_e(stage.id)}" '
                f'data-status="{_e(cell.status)}"><span class="badge {_e(cell.status)}"'
                f'{sentence_title([s for f in cell.facts for s in f.sources])}>{_e(cell.status)}</span>'
                f'{others}{flag}<div class="when">{_e(cell.when)}{"" if cell.date_stated else "*"}</div>'
                f'<div class="srcs">{links}</div></td>')
        models = sorted(row.sizes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        sizes = "".join(
            f"<div><b>{_e(model or 'not named')}</b> " + ", ".join(
                f'<span class="sz"{sentence_title(srcs)}>{_e(label)}{f" ×{n}" if n > 1 else ""} '
                f'<span class="muted">{_e(span)}</span></span>' for label, n, span, srcs in collapsed_sizes(claims))
            + "</div>" for model, claims in models[:SHOWN])
        sizes += f'<div class="muted">+{len(models) - SHOWN} more</div>' if len(models) > SHOWN else ""
        out.append(f'<tr data-team="{_e(row.team_id)}"><td><b>{_e(row.team)}</b></td>{"".join(cells)}'
                   f'<td class="sizes">{sizes}</td></tr>')
    out.append("</tbody></table><p class='muted'>A status goes to a stage by its stated date, else by "
               "its article's publication date (* no date in the text); the stages are "
               "<code>hankg/data/stages.yaml</code>. Hover a status or a size for the sentences that state "
               "it.</p>")
    return "".join(out)


def conflicts_section(kg: KnowledgeGraph, found: Sequence[Conflict]) -> str:
    """Every contradiction, each side with its sources and their sentences."""
    if not found:
        return '<p class="muted">The sources agree on every size and status.</p>'
    out = ['<table id="conflicts-table"><thead><tr><th>what</th><th>side</th><th>sources and sentences</th>'
           "</tr></thead><tbody>"]
    for c in found:
        first = True
        for side in c.sides:
            what = (f'<td rowspan="{len(c.sides)}"><b>{_e(c.subject)}</b><div class="muted">'
                    f'{_e(c.kind)}{" at " + _e(c.stage) if c.stage else ""}</div></td>') if first else ""
            first = False
            ev = "".join(f"<div>{source_link(kg, s)} <span class='muted'>{_e(s.published)}</span>"
                         f"{sentence_html(s)}</div>" for s in side.sources)
            out.append(f'<tr data-kind="{_e(c.kind)}">{what}<td><span class="badge">{_e(side.claim)}</span>'
                       f"</td><td>{ev}</td></tr>")
    out.append("</tbody></table>")
    return "".join(out)
