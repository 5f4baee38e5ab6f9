"""The report's stylesheet and script, inline so the HTML file needs no network at all.

Kept in a Python module (not package data) so they ship with the code however it is
installed. The script is vanilla JS: a small force layout on SVG (seeded phyllotaxis start,
so the same graph gives the same first picture), drag, pan/zoom, hover tooltips, kind filters
and a search box. It reads the JSON in `<script id="hankg-data">` and marks `<svg id="net">`
with `data-ready` and `data-nodes` once drawn, which the browser test checks.
"""

CSS = """
:root { --org:#2f6fdf; --person:#e8890c; --model:#12a37a; --article:#9aa3af; --ink:#1f2933;
        --muted:#66717f; --line:#d6dbe1; --bg:#f7f8fa; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans KR",
       "Malgun Gothic", "Apple SD Gothic Neo", sans-serif; color:var(--ink); background:var(--bg); }
header { padding:18px 28px 8px; }
h1 { margin:0 0 4px; font-size:22px; }
h2 { margin:28px 0 10px; font-size:18px; }
.muted { color:var(--muted); }
main { padding:0 28px 40px; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:14px 16px; }
.stats span { display:inline-block; margin-right:18px; }
.stats b { font-size:18px; }
#graph { position:relative; padding:0; overflow:hidden; }
#controls { display:flex; flex-wrap:wrap; gap:14px; align-items:center; padding:10px 14px;
            border-bottom:1px solid var(--line); }
#controls label { cursor:pointer; user-select:none; }
#controls input[type=search] { padding:4px 8px; border:1px solid var(--line); border-radius:6px;
                               min-width:200px; }
.dot { display:inline-block; width:11px; height:11px; border-radius:50%; margin:0 4px -1px 2px; }
.dot.organization { background:var(--org); } .dot.person { background:var(--person); }
.dot.model { background:var(--model); } .dot.article { background:var(--article); }
#net { display:block; width:100%; height:620px; cursor:grab; background:#fff; }
#net.panning { cursor:grabbing; }
#net .link { stroke:#aab2bd; stroke-opacity:.7; }
#net .link.develops { stroke:var(--model); } #net .link.partner_of { stroke:var(--org); }
#net .link.works_at { stroke:var(--person); stroke-opacity:.55; }
#net .link.mentions { stroke:#cfd5dc; stroke-dasharray:2 3; }
#net .link.parameters, #net .link.programme_status { stroke:#7b8794; stroke-dasharray:5 3; }
#net .node circle { stroke:#fff; stroke-width:1.5; cursor:pointer; }
#net .node.organization circle { fill:var(--org); } #net .node.person circle { fill:var(--person); }
#net .node.model circle { fill:var(--model); } #net .node.article circle { fill:var(--article); }
#net .node text { font-size:11px; fill:#2d3640; pointer-events:none; paint-order:stroke;
                  stroke:#fff; stroke-width:3px; stroke-linejoin:round; }
#net .node.dim, #net .link.dim { opacity:.12; }
#net .node.hit circle { stroke:#111; stroke-width:3; }
#tip { position:absolute; pointer-events:none; display:none; max-width:380px; background:#fff;
       border:1px solid var(--line); border-radius:8px; padding:8px 10px; font-size:12.5px;
       box-shadow:0 6px 18px rgba(0,0,0,.12); z-index:5; }
#tip h4 { margin:0 0 4px; font-size:14px; }
#tip ul { margin:4px 0 0; padding-left:16px; }
.ev { color:#3e4c59; font-size:12px; margin:2px 0 4px; }
mark { background:#ffe58f; color:inherit; padding:0 1px; border-radius:2px; }
.conflict { display:inline-block; padding:0 6px; border-radius:10px; font-size:11.5px; color:#fff;
            background:#d64545; white-space:nowrap; margin-left:4px; }
td.cell { min-width:110px; } td.cell.disagree { background:#fff1f0; }
.matrix th.stage { white-space:nowrap; }
.matrix .when { color:var(--muted); font-size:12px; white-space:nowrap; }
.matrix .srcs { font-size:12px; }
.matrix .sizes { font-size:12.5px; }
table { border-collapse:collapse; width:100%; background:#fff; }
th, td { text-align:left; padding:6px 10px; border-bottom:1px solid var(--line);
         vertical-align:top; }
th { background:#eef1f4; font-weight:600; }
td.num { text-align:right; white-space:nowrap; font-variant-numeric:tabular-nums; }
.claim { white-space:nowrap; margin-right:10px; display:inline-block; }
.badge { display:inline-block; padding:0 7px; border-radius:10px; font-size:12px; color:#fff;
         background:#7b8794; white-space:nowrap; }
.badge.selected { background:#2f6fdf; } .badge.passed { background:#12a37a; }
.badge.eliminated { background:#d64545; } .badge.applied { background:#9aa3af; }
.badge.parameters { background:#6b4fbb; } .badge.works_at { background:var(--person); }
.badge.develops { background:var(--model); } .badge.partner_of { background:var(--org); }
.badge.programme_status { background:#334e68; } .badge.published { background:#9aa3af; }
.timeline { list-style:none; margin:0; padding:0; }
.timeline li { display:grid; grid-template-columns:110px 130px 1fr; gap:10px; padding:5px 0;
               border-bottom:1px solid #eef0f3; }
.timeline .when { font-variant-numeric:tabular-nums; color:var(--muted); }
.timeline .src { color:var(--muted); font-size:12px; }
.chart text { font-size:11px; fill:#52606d; }
.chart .axis { stroke:#cbd2d9; }
a { color:#2f6fdf; text-decoration:none; } a:hover { text-decoration:underline; }
"""

JS = r"""
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("hankg-data").textContent);
  const svg = document.getElementById("net");
  const tip = document.getElementById("tip");
  const NS = "http://www.w3.org/2000/svg";
  const W = svg.clientWidth || 1200, H = svg.clientHeight || 620;
  const nodes = data.nodes.map((n, i) => Object.assign({}, n, {i: i}));
  const byId = new Map(nodes.map(n => [n.id, n]));
  const links = data.links.filter(l => byId.has(l.source) && byId.has(l.target))
    .map(l => Object.assign({}, l, {s: byId.get(l.source), t: byId.get(l.target)}));
  const shown = {organization: true, person: true, model: true, article: false};
  nodes.forEach(n => { n.deg = 0; n.facts = []; });
  links.forEach(l => {
    l.s.deg++; l.t.deg++;
    if (l.relation !== "mentions") { l.s.facts.push(l); if (l.t !== l.s) l.t.facts.push(l); }
  });
  nodes.forEach(n => {
    n.r = n.kind === "article" ? 5 : 5 + Math.min(14, 2.2 * Math.sqrt(n.deg));
  });

  // Seeded start: a phyllotaxis spiral, so the same graph always starts (and ends) the same.
  const golden = Math.PI * (3 - Math.sqrt(5));
  nodes.forEach((n, i) => {
    const rad = 14 * Math.sqrt(i + 0.5);
    n.x = W / 2 + rad * Math.cos(i * golden); n.y = H / 2 + rad * Math.sin(i * golden);
    n.vx = 0; n.vy = 0;
  });

  const visible = n => shown[n.kind];
  const linkVisible = l => visible(l.s) && visible(l.t);

  // Repulsion between nodes closer than REACH; on big graphs only neighbouring grid cells
  // are compared, so a tick stays near-linear instead of quadratic.
  const REACH = 400;
  function repel(p, q, alpha) {
    let dx = p.x - q.x, dy = p.y - q.y, d2 = dx * dx + dy * dy;
    if (d2 < 0.01) { dx = (p.i - q.i) * 0.1; dy = 0.1; d2 = dx * dx + dy * dy; }
    if (d2 > REACH * REACH) return;
    const f = 260 * alpha / Math.max(d2, 25);
    p.vx += dx * f; p.vy += dy * f; q.vx -= dx * f; q.vy -= dy * f;
  }
  function tick(alpha) {
    const act = nodes.filter(visible);
    if (act.length < 600) {
      for (let a = 0; a < act.length; a++)
        for (let b = a + 1; b < act.length; b++) repel(act[a], act[b], alpha);
    } else {
      const grid = new Map(), key = (cx, cy) => cx * 100003 + cy;
      act.forEach(n => {
        n.cx = Math.floor(n.x / REACH); n.cy = Math.floor(n.y / REACH);
        const k = key(n.cx, n.cy);
        if (!grid.has(k)) grid.set(k, []);
        grid.get(k).push(n);
      });
      act.forEach(p => {
        for (let ox = -1; ox <= 1; ox++) for (let oy = -1; oy <= 1; oy++) {
          const cell = grid.get(key(p.cx + ox, p.cy + oy));
          if (cell) cell.forEach(q => { if (q.i > p.i) repel(p, q, alpha); });
        }
      });
    }
    links.forEach(l => {
      if (!linkVisible(l) || l.s === l.t) return;
      const dx = l.t.x - l.s.x, dy = l.t.y - l.s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      const want = l.relation === "mentions" ? 80 : 55;
      const f = (d - want) / d * 0.25 * alpha / Math.min(l.s.deg, l.t.deg);
      l.t.vx -= dx * f; l.t.vy -= dy * f; l.s.vx += dx * f; l.s.vy += dy * f;
    });
    act.forEach(n => {
      n.vx += (W / 2 - n.x) * 0.035 * alpha; n.vy += (H / 2 - n.y) * 0.05 * alpha;
      if (n.fixed) { n.vx = n.vy = 0; return; }
      n.vx *= 0.6; n.vy *= 0.6;
      n.x += Math.max(-30, Math.min(30, n.vx)); n.y += Math.max(-30, Math.min(30, n.vy));
    });
  }

  const view = {x: 0, y: 0, k: 1};
  const root = document.createElementNS(NS, "g");
  svg.appendChild(root);
  const linkLayer = document.createElementNS(NS, "g");
  const nodeLayer = document.createElementNS(NS, "g");
  root.appendChild(linkLayer); root.appendChild(nodeLayer);
  links.forEach(l => {
    l.el = document.createElementNS(NS, "line");
    l.el.setAttribute("class", "link " + l.relation);
    l.el.setAttribute("stroke-width", l.relation === "mentions" ? 0.8 : 1.4);
    l.el.addEventListener("mouseenter", e => showTip(e, linkTip(l)));
    l.el.addEventListener("mouseleave", hideTip);
    linkLayer.appendChild(l.el);
  });
  nodes.forEach(n => {
    const g = document.createElementNS(NS, "g");
    g.setAttribute("class", "node " + n.kind);
    g.dataset.id = n.id;
    const c = document.createElementNS(NS, "circle");
    c.setAttribute("r", n.r);
    g.appendChild(c);
    // Every name on small graphs; on big ones only the hubs (hover shows the rest).
    if (n.kind !== "article" && (nodes.length < 300 || n.deg >= 8)) {
      const t = document.createElementNS(NS, "text");
      t.setAttribute("x", n.r + 3); t.setAttribute("y", 4);
      t.textContent = n.label || n.name;
      g.appendChild(t);
    }
    c.addEventListener("mouseenter", e => { showTip(e, nodeTip(n)); focus(n); });
    c.addEventListener("mouseleave", () => { hideTip(); focus(null); });
    c.addEventListener("pointerdown", e => startDrag(e, n));
    n.el = g;
    nodeLayer.appendChild(g);
  });

  function draw() {
    root.setAttribute("transform", `translate(${view.x},${view.y}) scale(${view.k})`);
    links.forEach(l => {
      const on = linkVisible(l);
      l.el.style.display = on ? "" : "none";
      if (!on) return;
      l.el.setAttribute("x1", l.s.x.toFixed(1)); l.el.setAttribute("y1", l.s.y.toFixed(1));
      l.el.setAttribute("x2", l.t.x.toFixed(1)); l.el.setAttribute("y2", l.t.y.toFixed(1));
    });
    nodes.forEach(n => {
      n.el.style.display = visible(n) ? "" : "none";
      n.el.setAttribute("transform", `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`);
    });
  }

  function fit() {
    const act = nodes.filter(visible);
    if (!act.length) return;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    act.forEach(n => { x0 = Math.min(x0, n.x - n.r); y0 = Math.min(y0, n.y - n.r);
                       x1 = Math.max(x1, n.x + n.r + 70); y1 = Math.max(y1, n.y + n.r); });
    const k = Math.min(2, 0.94 * Math.min(W / (x1 - x0 || 1), H / (y1 - y0 || 1)));
    view.k = k; view.x = (W - k * (x0 + x1)) / 2; view.y = (H - k * (y0 + y1)) / 2;
  }

  function settle(steps) {
    for (let s = 0; s < steps; s++) tick(1 - s / (steps + 1));
  }

  let running = 0;
  function animate(frames) {
    running = Math.max(running, frames);
    if (running !== frames) return;
    const step = () => {
      if (running <= 0) return;
      tick(Math.min(1, running / 60) * 0.5); running--;
      draw();
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }

  // Dragging a node pins it while held; dragging the background pans; the wheel zooms.
  let drag = null, pan = null;
  function toGraph(e) {
    const box = svg.getBoundingClientRect();
    return {x: (e.clientX - box.left - view.x) / view.k,
            y: (e.clientY - box.top - view.y) / view.k};
  }
  function startDrag(e, n) {
    e.stopPropagation(); e.preventDefault();
    drag = n; n.fixed = true; hideTip();
    capture(e);
  }
  function capture(e) {
    try { svg.setPointerCapture(e.pointerId); } catch (err) { /* synthetic or finished pointer */ }
  }
  svg.addEventListener("pointerdown", e => {
    if (drag) return;
    pan = {x: e.clientX - view.x, y: e.clientY - view.y};
    svg.classList.add("panning"); capture(e);
  });
  svg.addEventListener("pointermove", e => {
    if (drag) { const p = toGraph(e); drag.x = p.x; drag.y = p.y; animate(40); draw(); }
    else if (pan) { view.x = e.clientX - pan.x; view.y = e.clientY - pan.y; draw(); }
  });
  const release = () => {
    if (drag) { drag.fixed = false; drag = null; animate(60); }
    pan = null; svg.classList.remove("panning");
  };
  svg.addEventListener("pointerup", release);
  svg.addEventListener("pointercancel", release);
  svg.addEventListener("wheel", e => {
    e.preventDefault();
    const box = svg.getBoundingClientRect(), mx = e.clientX - box.left, my = e.clientY - box.top;
    const f = Math.exp(-e.deltaY * 0.0015), k = Math.max(0.2, Math.min(6, view.k * f));
    view.x = mx - (mx - view.x) * k / view.k; view.y = my - (my - view.y) * k / view.k; view.k = k;
    draw();
  }, {passive: false});

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"]/g, c => ({"&": "&amp;", "<": "&lt;",
      ">": "&gt;", '"': "&quot;"})[c]);
  }
  function size(v, m) {
    if (v == null) return "";
    const one = x => { for (const [s, u] of [[1e12, "T"], [1e9, "B"], [1e6, "M"]])
      if (Math.abs(x) >= s) return +(x / s).toPrecision(4) + u; return String(x); };
    return one(v) + (m != null ? "~" + one(m) : "");
  }
  function sentence(l, most) {
    // The claim's sentence with its own words marked; `most` characters around them at most.
    if (!l.text || l.text_start == null) return "";
    const a = Math.max(0, l.start - l.text_start), b = Math.max(a, l.end - l.text_start);
    let pre = l.text.slice(0, a), post = l.text.slice(b);
    if (most && pre.length > most / 2) pre = "…" + pre.slice(pre.length - most / 2);
    if (most && post.length > most / 2) post = post.slice(0, most / 2) + "…";
    return `<div class="ev">${esc(pre)}<mark>${esc(l.text.slice(a, b))}</mark>${esc(post)}</div>`;
  }
  function factLine(l, self, withText) {
    const other = l.s === self ? l.t : l.s;
    const obj = other.kind === "article" ? "" : " → " + esc(other.name);
    const subj = l.s === self ? "" : esc(l.s.name) + " ";
    const extra = [l.role, size(l.value, l.max), l.date].filter(Boolean).map(esc).join(", ");
    return `<li>${subj}<b>${esc(l.relation)}</b>${l.s === self ? obj : ""}` +
      (extra ? ` (${extra})` : "") + ` <span class="muted">${esc(l.when || "")}</span>` +
      (withText ? sentence(l, 90) : "") + "</li>";
  }
  function nodeTip(n) {
    const head = `<h4>${esc(n.name)}</h4><div class="muted">${esc(n.kind)}` +
      (n.kind === "article" ? ` · ${esc(n.source || "")} · ${esc(n.published || "")}` :
       ` · ${n.articles.length} article(s) · ` +
       `${esc(n.first_seen || "?")} – ${esc(n.last_seen || "?")}`) +
      "</div>";
    const aliases = n.aliases && n.aliases.length ?
      `<div>aka ${esc(n.aliases.join(", "))}</div>` : "";
    const facts = n.facts.slice(0, 12).map((l, i) => factLine(l, n, i < 4)).join("");
    const more = n.facts.length > 12 ? `<li class="muted">… ${n.facts.length - 12} more</li>` : "";
    return head + aliases + (facts ? `<ul>${facts}${more}</ul>` : "");
  }
  function linkTip(l) {
    const art = byId.get("article:" + l.article);
    return `<h4>${esc(l.relation)}</h4><div>${esc(l.s.name)} → ${esc(l.t.name)}</div>` +
      [l.role, size(l.value, l.max), l.date && "date " + l.date].filter(Boolean)
        .map(x => `<div>${esc(x)}</div>`).join("") + sentence(l, 0) +
      `<div class="muted">${esc(art ? art.name : l.article)} · ${esc(art && art.source || "")} ` +
      `(${esc(l.published || "")})</div>`;
  }
  function showTip(e, html) {
    if (drag || pan) return;
    tip.innerHTML = html; tip.style.display = "block";
    const host = svg.parentElement.getBoundingClientRect();
    let x = e.clientX - host.left + 14, y = e.clientY - host.top + 14;
    if (x + 390 > host.width) x = Math.max(4, x - 410);
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }
  function hideTip() { tip.style.display = "none"; }
  function focus(n) {
    const near = new Set(n ? [n] : []);
    if (n) links.forEach(l => { if (l.s === n) near.add(l.t); if (l.t === n) near.add(l.s); });
    nodes.forEach(m => m.el.classList.toggle("dim", !!n && !near.has(m)));
    links.forEach(l => l.el.classList.toggle("dim", !!n && l.s !== n && l.t !== n));
  }

  document.querySelectorAll("#controls input[data-kind]").forEach(box => {
    box.checked = shown[box.dataset.kind];
    box.addEventListener("change", () => {
      shown[box.dataset.kind] = box.checked; settle(120); fit(); draw();
    });
  });
  const search = document.getElementById("search");
  search.addEventListener("input", () => {
    const q = search.value.trim().toLowerCase().replace(/\s+/g, "");
    nodes.forEach(n => {
      const names = [n.name].concat(n.aliases || [])
        .map(s => String(s).toLowerCase().replace(/\s+/g, ""));
      n.el.classList.toggle("hit", !!q && names.some(s => s.includes(q)));
    });
  });

  const steps = Math.max(60, Math.min(400, Math.floor(4e7 / Math.max(1, nodes.length ** 2))));
  settle(steps); fit(); draw();
  svg.dataset.nodes = String(nodes.filter(visible).length);
  svg.dataset.ready = "1";
})();
"""
