"""SPEC scoring of `facts.jsonl` against gold: the same rules as `shared/tools/score.py`.

Per article each category is a set matched one-to-one (greedy, in gold order); precision,
recall and F1 are micro-averaged over articles; `core` pools the seven core categories.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

CORE = ("organizations", "people", "models", "works_at", "develops", "parameters", "dates")
EXTRA = ("partner_of", "programme_status")
KIND = {"organizations": "organization", "people": "person", "models": "model"}
_DROP = str.maketrans("", "", "·ㆍ'\"‘’“”")


def norm(s: object) -> str:
    """Scoring's name key: NFC, lower case, no spaces, middle dots or quotes."""
    s = unicodedata.normalize("NFC", str(s or "")).lower().translate(_DROP)
    return "".join(s.split())  # str.split() splits on exactly what str.isspace() calls space


def names(d: dict) -> set[str]:
    return {norm(n) for n in [d.get("name"), *(d.get("aliases") or [])] if n}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list = field(default_factory=list)
    extra: list = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (0.0 if self.fn else 1.0)

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


def _match(gold: list, found: list, same: Callable) -> Tally:
    used: set[int] = set()
    missed = []
    for g in gold:
        hit = next((j for j, s in enumerate(found) if j not in used and same(g, s)), None)
        if hit is None:
            missed.append(g)
        else:
            used.add(hit)
    extra = [s for j, s in enumerate(found) if j not in used]
    return Tally(len(gold) - len(missed), len(extra), len(missed), missed, extra)


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 0.01 * max(abs(float(a)), abs(float(b)), 1e-9)


def score_article(gold: dict, rec: dict) -> dict[str, Tally]:
    ents = {e["id"]: e for e in rec.get("entities", [])}
    index = [(names(g), g["name"]) for cat in KIND for g in gold.get(cat, [])]

    def resolve(eid) -> set[str]:
        e = ents.get(eid)
        return {gname for keys, gname in index if keys & names(e)} if e else set()

    def gname(n) -> set[str]:
        return {gn for keys, gn in index if norm(n) in keys} or {n}

    facts = rec.get("facts", [])

    def rel(r):
        return [f for f in facts if f.get("relation") == r]

    out = {
        cat: _match(
            gold.get(cat, []),
            [e for e in ents.values() if e.get("kind") == kind],
            lambda g, s: bool(names(g) & names(s)),
        )
        for cat, kind in KIND.items()
    }
    works = [
        (p["name"], r["org"], {norm(r["role"]), *map(norm, r.get("role_aliases", []))})
        for p in gold.get("people", [])
        for r in p.get("roles", [])
        if r.get("role")
    ]
    out["works_at"] = _match(
        works,
        rel("works_at"),
        lambda g, s: bool(
            g[0] in resolve(s.get("subject")) and gname(g[1]) & resolve(s.get("object")) and norm(s.get("role")) in g[2]
        ),
    )
    dev = [(d, m["name"]) for m in gold.get("models", []) for d in m.get("developers", [])]
    out["develops"] = _match(
        dev,
        rel("develops"),
        lambda g, s: bool(gname(g[0]) & resolve(s.get("subject")) and g[1] in resolve(s.get("object"))),
    )
    out["parameters"] = _match(
        gold.get("parameters", []),
        rel("parameters"),
        lambda g, s: bool(
            _close(g["value"], s.get("value"))
            and (g.get("max") is None or _close(g["max"], s.get("max")))
            and set().union(*[gname(n) for n in [g["subject"], *g.get("subject_alternatives", [])]])
            & resolve(s.get("subject"))
        ),
    )
    gd = sorted({d["value"] for d in gold.get("dates", []) if d.get("value")})
    sd = sorted({d["value"] for d in rec.get("dates", []) if d.get("value")})
    out["dates"] = _match(gd, sd, lambda g, s: g == s)
    out["partner_of"] = _match(
        gold.get("partners", []),
        rel("partner_of"),
        lambda g, s: bool(gname(g["org"]) & resolve(s.get("subject")) and gname(g["lead"]) & resolve(s.get("object"))),
    )
    out["programme_status"] = _match(
        gold.get("status", []),
        rel("programme_status"),
        lambda g, s: bool(gname(g["org"]) & resolve(s.get("subject")) and norm(s.get("role")) == norm(g["status"])),
    )
    return out


def read_jsonl(path: Path | str) -> dict[str, dict]:
    """`{article id: record}`; a bad line raises ValueError naming file and line."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{i}: not valid JSON ({e.msg}).") from None
            if not isinstance(rec, dict) or "article" not in rec:
                raise ValueError(f"{path}:{i}: a record needs an 'article' key.")
            out[str(rec["article"])] = rec
    return out


@dataclass
class Report:
    table: dict[str, Tally]
    missing: list[str]
    details: dict[str, dict[str, Tally]]

    def as_dict(self) -> dict:
        return {
            "missing_articles": self.missing,
            "scores": {
                c: {"p": t.p, "r": t.r, "f1": t.f1, "tp": t.tp, "fp": t.fp, "fn": t.fn} for c, t in self.table.items()
            },
        }


def evaluate(gold: dict[str, dict], found: dict[str, dict]) -> Report:
    table = {c: Tally() for c in (*CORE, *EXTRA)}
    details = {}
    for art, g in gold.items():
        res = details[art] = score_article(g, found.get(art, {}))
        for c, t in res.items():
            table[c].add(t)
    core = Tally()
    for c in CORE:
        core.add(table[c])
    table["core"] = core
    return Report(table, [a for a in gold if a not in found], details)


def format_table(report: Report, rows: Iterable[str] = (*CORE, *EXTRA, "core")) -> str:
    lines = [f"{'category':18} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn"]
    for c in rows:
        t = report.table[c]
        lines.append(f"{c:18} {t.p:6.3f} {t.r:6.3f} {t.f1:6.3f}   {t.tp}/{t.fp}/{t.fn}")
    lines.append(f"core F1 {report.table['core'].f1:.3f}")
    return "\n".join(lines)
