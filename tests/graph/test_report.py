"""The HTML report: one self-contained file, and it really draws in a browser."""

from __future__ import annotations

import json
import re
import struct
import subprocess

from graph_fixtures import ARTIFACTS, ent, fact, record

from hankg.graph.query import KnowledgeGraph
from hankg.graph.report import render_report, write_report


def data_of(html: str) -> dict:
    blob = re.search(r'<script id="hankg-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(blob.group(1))


def test_report_is_self_contained(kg):
    html = render_report(kg)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"<(script|img|iframe|link)[^>]*\b(src|href)=", html)
    assert "@import" not in html and "url(" not in html
    for script in re.findall(r"<script[^>]*>(.*?)</script>", html, re.S):
        assert "http://" not in script.replace('"http://www.w3.org/2000/svg"', "")
        assert "fetch(" not in script and "XMLHttpRequest" not in script


def test_report_embeds_the_graph_and_the_tables(kg):
    html = render_report(kg)
    data = data_of(html)
    assert {n["id"] for n in data["nodes"]} == set(kg.graph.nodes)
    assert len(data["links"]) == kg.graph.number_of_edges()
    assert "Models and their sizes over time" in html and "236B" in html
    assert "Programme status" in html and "Timeline" in html
    assert html.count("<circle") == 5          # the size chart: one point per size claim


def test_report_is_deterministic(kg):
    assert render_report(kg) == render_report(kg)


def test_hostile_titles_cannot_break_out_of_the_page(actors):
    evil = '</script><script>alert(1)</script><b onmouseover="x">'
    rec = record("evil", "2025-01-01", [ent("organization", "업스테이지")], [], title=evil)
    html = render_report(KnowledgeGraph.from_records([rec], actors))
    assert "<script>alert(1)" not in html and "<b onmouseover" not in html
    assert html.count("</script>") == 2
    assert any(n.get("name") == evil for n in data_of(html)["nodes"])


def png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def browse(chromium: str, profile, *args: str) -> subprocess.CompletedProcess:
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", f"--user-data-dir={profile}", "--window-size=1400,1000", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)


def test_report_renders_in_headless_chromium(chromium, tmp_path, out_dir):
    page = write_report(KnowledgeGraph.load(out_dir), tmp_path / "report.html")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "graph_report.png"
    shot.unlink(missing_ok=True)
    done = browse(chromium, tmp_path / "profile-1", f"--screenshot={shot}", page.as_uri())
    assert shot.exists(), done.stderr[-2000:]
    assert png_size(shot) == (1400, 1000)
    assert shot.stat().st_size > 20_000          # not a blank page

    dom = browse(chromium, tmp_path / "profile-2", "--dump-dom", page.as_uri()).stdout
    svg = re.search(r'<svg id="net"[^>]*>', dom)
    assert svg and 'data-ready="1"' in svg.group(0), "the script did not finish drawing"
    entities = sum(1 for _, k in KnowledgeGraph.load(out_dir).graph.nodes(data="kind")
                   if k != "article")
    assert f'data-nodes="{entities}"' in svg.group(0)
    assert len(re.findall(r'<g class="node (?:organization|person|model)', dom)) == entities
    assert re.search(r'<g class="node organization"[^>]*transform="translate\(\d', dom)


PROBE = """<script>
(function () {
  const svg = document.getElementById("net");
  const c = document.querySelector('#net g.node[data-id="org:업스테이지"] circle');
  const r = c.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
  c.dispatchEvent(new MouseEvent("mouseenter", {clientX: x, clientY: y}));
  const tip = document.getElementById("tip");
  document.body.dataset.tip = tip.style.display + "|" + tip.textContent;
  c.dispatchEvent(new MouseEvent("mouseleave", {clientX: x, clientY: y}));
  const before = c.parentNode.getAttribute("transform");
  const opts = {bubbles: true, pointerId: 7, clientX: x, clientY: y};
  c.dispatchEvent(new PointerEvent("pointerdown", opts));
  svg.dispatchEvent(new PointerEvent("pointermove", Object.assign({}, opts,
    {clientX: x + 150, clientY: y + 80})));
  svg.dispatchEvent(new PointerEvent("pointerup", opts));
  document.body.dataset.moved = String(before !== c.parentNode.getAttribute("transform"));
})();
</script>
"""


def test_report_hover_and_drag_work_in_chromium(chromium, tmp_path, kg):
    """Synthetic pointer events on the real page: the tooltip shows facts, a dragged node moves."""
    html = render_report(kg).replace("</body>", PROBE + "</body>")
    page = tmp_path / "probe.html"
    page.write_text(html, encoding="utf-8")
    dom = browse(chromium, tmp_path / "profile", "--dump-dom", page.as_uri()).stdout
    body = re.search(r"<body([^>]*)>", dom).group(1)
    tip = re.search(r'data-tip="([^"]*)"', body).group(1)
    assert tip.startswith("block|업스테이지") and "develops" in tip and "Upstage" in tip
    assert 'data-moved="true"' in body


def with_sentences(records):
    """The fixture records, each fact given a made-up sentence around its offsets."""
    out = []
    for rec in records:
        facts = []
        for f in rec.facts:
            text = f"{rec.article}번 기사는 {f.relation} 사실을 전한다."
            ev = f.evidence.model_copy(update={"text": text, "text_start": f.evidence.start - 3})
            facts.append(f.model_copy(update={"evidence": ev}))
        out.append(rec.model_copy(update={"facts": facts}))
    return out


def test_report_shows_conflicts_and_marks_the_model(actors):
    ex = "model:엑사원"
    recs = [record(f"c{i}", day, [ent("model", "엑사원"), ent("organization", "LG AI연구원")],
                   [fact(ex, "parameters", value=v, unit="params", at=20)])
            for i, (day, v) in enumerate([("2026-01-10", 2.36e11), ("2026-01-11", 2.36e11), ("2026-01-12", 5.19e11)])]
    html = render_report(KnowledgeGraph.from_records(with_sentences(recs), actors))
    models = re.search(r"<table id='models-table'>(.*?)</table>", html, re.S).group(1)
    assert re.search(r"<td>엑사원 <a class=\"conflict\" href=\"#conflicts\">", models)
    conflicts = re.search(r'<table id="conflicts-table">(.*?)</table>', html, re.S).group(1)
    assert conflicts.count("<mark>") == 3 and "236B" in conflicts and "519B" in conflicts
    assert 'title="c2번 기사는 parameters 사실을 전한다."' in models


MATRIX_PROBE = """<script>
(function () {
  const m = document.getElementById("programme-matrix");
  m.scrollIntoView();
  const r = m.getBoundingClientRect();
  document.body.dataset.matrix = Math.round(r.width) + "x" + Math.round(r.height);
  const link = document.querySelector("#net line.link.parameters");
  const b = link.getBoundingClientRect();
  link.dispatchEvent(new MouseEvent("mouseenter", {clientX: b.x + b.width / 2, clientY: b.y + b.height / 2}));
  document.body.dataset.tip = document.getElementById("tip").textContent;
})();
</script>
"""


def test_programme_matrix_renders_in_chromium(chromium, tmp_path, records, actors):
    """Teams × stages in a real browser: cells in place, a screenshot, sentences on hover."""
    kg = KnowledgeGraph.from_records(with_sentences(records), actors)
    html = render_report(kg).replace("</body>", MATRIX_PROBE + "</body>")
    page = tmp_path / "matrix.html"
    page.write_text(html, encoding="utf-8")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "programme_matrix.png"
    shot.unlink(missing_ok=True)
    done = browse(chromium, tmp_path / "profile-1", f"--screenshot={shot}", page.as_uri())
    assert shot.exists(), done.stderr[-2000:]
    assert png_size(shot) == (1400, 1000) and shot.stat().st_size > 20_000

    dom = browse(chromium, tmp_path / "profile-2", "--dump-dom", page.as_uri()).stdout
    width, height = map(int, re.search(r'data-matrix="(\d+)x(\d+)"', dom).groups())
    assert width > 600 and height > 60
    rows = dict(re.findall(r'<tr data-team="([^"]+)">(.*?)</tr>', dom, re.S))
    assert list(rows) == ["org:SK텔레콤", "org:업스테이지"]
    for team in rows.values():
        cells = dict(re.findall(r'data-stage="(\w+)" data-status="(\w+)"', team))
        assert cells == {"selected": "selected", "first_evaluation": "passed"}
    assert "2025-08" in rows["org:SK텔레콤"] and "엑사원" not in rows["org:업스테이지"]
    assert "솔라 오픈 100B" in rows["org:업스테이지"] or "not named" in rows["org:업스테이지"]
    tip = re.search(r'data-tip="([^"]*)"', dom).group(1)
    assert "parameters 사실을 전한다." in tip
