"""How the graph stage scales: synthetic records in, seconds per step out.

    .venv/bin/python bench/graph_bench.py --articles 2000

Records are made up (seeded, so runs compare): each article names a few curated and
invented organisations, people with roles, models with sizes and statuses. Nothing here is
asserted; it is for spotting a step that grows faster than the corpus.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from hankg.data import actors
from hankg.graph.build import build_graph
from hankg.graph.export import to_csv, to_json
from hankg.graph.query import KnowledgeGraph
from hankg.graph.report import render_report
from hankg.graph.store import OutputStore
from hankg.schema import ArticleRecord, Entity, Evidence, Fact, entity_id

ROLES = ("대표", "부사장", "연구원", "기자", "교수", "센터장")
STATUS = ("applied", "selected", "passed", "eliminated")


def synthetic(n: int, seed: int = 7) -> list[ArticleRecord]:
    rnd = random.Random(seed)
    table = actors()
    orgs = list(table.orgs) + [f"가상기업{i}" for i in range(n // 10 + 5)]
    models = list(table.models) + [f"모델{i}" for i in range(n // 20 + 5)]
    people = [f"{rnd.choice('김이박최정')}{rnd.choice('민서지현')}{rnd.choice('수호아우')}"
              for _ in range(n // 4 + 10)]
    out = []
    for i in range(n):
        ents: dict[str, Entity] = {}
        facts: list[Fact] = []

        def add(kind: str, name: str, pos: int, ents: dict[str, Entity] = ents) -> str:
            eid = entity_id(kind, name)
            ents.setdefault(eid, Entity(id=eid, kind=kind, name=name, mentions=[(pos, pos + 3)]))
            return eid

        def claim(pos: int, facts: list[Fact] = facts, **kw) -> None:
            facts.append(Fact(evidence=Evidence(start=pos, end=pos + 9), extractor="bench", **kw))

        for j in range(rnd.randint(2, 6)):
            org = add("organization", rnd.choice(orgs), 100 * j)
            person = add("person", rnd.choice(people), 100 * j + 10)
            claim(100 * j + 10, subject=person, relation="works_at", object=org,
                  role=rnd.choice(ROLES))
            if rnd.random() < 0.5:
                model = add("model", rnd.choice(models), 100 * j + 30)
                claim(100 * j + 30, subject=org, relation="develops", object=model)
                claim(100 * j + 40, subject=model, relation="parameters", unit="params",
                      value=float(rnd.choice((7, 32, 70, 100, 236, 519)) * 1e9))
            if rnd.random() < 0.3:
                claim(100 * j + 50, subject=org, relation="programme_status",
                      role=rnd.choice(STATUS))
        month = 1 + i % 12
        out.append(ArticleRecord(article=f"bench{i:05d}", published=f"2025-{month:02d}-15",
                                 title=f"기사 {i}", content_hash=f"{i:016x}",
                                 entities=list(ents.values()), facts=facts))
    return out


def timed(label: str, fn: Callable[[], object]) -> object:
    start = time.perf_counter()
    result = fn()
    print(f"{label:<28} {time.perf_counter() - start:8.3f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    records = timed("make records", lambda: synthetic(args.articles))
    graph = timed("build_graph", lambda: build_graph(records, actors()))
    print(f"  {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"

        def store() -> None:
            s = OutputStore(out)
            for r in records:
                s.add(r)
            s.close()
        timed("OutputStore add + close", store)
        kg = timed("KnowledgeGraph.load", lambda: KnowledgeGraph.load(out))
        timed("models()", kg.models)
        timed("people()", kg.people)
        timed("organizations()", kg.organizations)
        timed("timeline()", kg.timeline)
        timed("facts()", kg.facts)
        timed("conflicts()", kg.conflicts)
        timed("frames() (pandas)", kg.frames)
        timed("export json", lambda: to_json(kg.graph, Path(tmp) / "g.json"))
        timed("export csv", lambda: to_csv(kg.graph, Path(tmp) / "csv"))
        timed("render_report", lambda: render_report(kg))


if __name__ == "__main__":
    main()
