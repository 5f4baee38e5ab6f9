"""The questions as `KnowledgeGraph` answered them before its answers were kept (issue 10): a
walk of networkx's edge views and fresh records on every call. Frozen here as the reference
that the kept answers must equal (`test_query_fast.py`); the records are today's."""

from __future__ import annotations

import difflib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from hankg.graph.build import ARTICLE_PREFIX
from hankg.graph.query import (
    ArticleInfo,
    EntityInfo,
    Event,
    FactView,
    Model,
    NoPath,
    Organization,
    Person,
    Role,
    SizeClaim,
    Source,
    Step,
    UnknownEntity,
    _summary,
)
from hankg.graph.resolve import norm
from hankg.graph.when import parse_bound, sort_key, within

RELATIONS = ("works_at", "develops", "parameters", "partner_of", "programme_status")


def _loads(text: Any) -> list:
    try:
        out = json.loads(text) if isinstance(text, str) else []
    except json.JSONDecodeError:
        return []
    return out if isinstance(out, list) else []


class SlowGraph:
    """The merged graph and its questions. `g.graph` is the raw `networkx.MultiDiGraph`."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self._index: dict[str, set[str]] = defaultdict(set)
        for node, data in graph.nodes(data=True):
            if data.get("kind") == "article":
                continue
            for name in [node, data.get("name"), *_loads(data.get("aliases"))]:
                if name:
                    self._index[norm(name)].add(node)

    # -- names ------------------------------------------------------------------------
    def resolve(self, name: str, kind: str | None = None) -> str:
        """The node id a name, alias or id stands for; `UnknownEntity` with suggestions if none."""
        if name in self.graph and self.graph.nodes[name].get("kind") != "article":
            if kind is None or self.graph.nodes[name].get("kind") == kind:
                return name
        found = sorted(n for n in self._index.get(norm(name), ())
                       if kind is None or self.graph.nodes[n].get("kind") == kind)
        if len(found) == 1:
            return found[0]
        if found:
            raise UnknownEntity(name, found, ambiguous=True)
        raise UnknownEntity(name, self.suggest(name, kind))

    def suggest(self, name: str, kind: str | None = None, n: int = 5) -> list[str]:
        """The closest known names (by difflib), canonical names first."""
        names: dict[str, str] = {}
        for node, data in sorted(self.graph.nodes(data=True)):
            if data.get("kind") == "article" or (kind and data.get("kind") != kind):
                continue
            for alias in [data.get("name"), *_loads(data.get("aliases"))]:
                if alias:
                    names.setdefault(norm(alias), data.get("name") or node)
        close = difflib.get_close_matches(norm(name), list(names), n=3 * n, cutoff=0.5)
        return list(dict.fromkeys(names[c] for c in close))[:n]

    def name(self, node: str) -> str:
        return self.graph.nodes[node].get("name") or node

    # -- building blocks --------------------------------------------------------------
    def _source(self, data: dict) -> Source:
        art = self.graph.nodes.get(ARTICLE_PREFIX + str(data.get("article")), {})
        return Source(article=str(data.get("article")), published=data.get("published"),
                      title=art.get("title"), outlet=art.get("source"), url=art.get("url"),
                      start=data.get("evidence_start"), end=data.get("evidence_end"),
                      text=data.get("evidence_text"), text_start=data.get("evidence_text_start"))

    def _fact(self, u: str, v: str, data: dict) -> FactView:
        objectless = self.graph.nodes[v].get("kind") == "article"
        return FactView(
            subject=self.name(u), subject_id=u, relation=data["relation"],
            object=None if objectless else self.name(v), object_id=None if objectless else v,
            role=data.get("role"), value=data.get("value"), max=data.get("max"),
            unit=data.get("unit"), date=data.get("date"),
            when=data.get("date") or data.get("published"), article=str(data.get("article")),
            published=data.get("published"), extractor=data.get("extractor"),
            sources=[self._source(data)])

    def _fact_edges(self, node: str | None = None, direction: str = "both"):
        """Fact edges, of one node (out, in or both) or of the whole graph, in a fixed order."""
        if node is None:
            edges = self.graph.edges(keys=True, data=True)
        else:
            edges = []
            if direction in ("out", "both"):
                edges += list(self.graph.out_edges(node, keys=True, data=True))
            if direction in ("in", "both"):
                edges += [e for e in self.graph.in_edges(node, keys=True, data=True)
                          if e[0] != node or direction == "in"]
        return [(u, v, d) for u, v, _, d in edges if d.get("kind") == "fact"]

    def _facts_of(self, node: str, relation: str, direction: str = "out") -> list[FactView]:
        return sorted((self._fact(u, v, d) for u, v, d in self._fact_edges(node, direction)
                       if d["relation"] == relation), key=_fact_order)

    def _base(self, node: str) -> dict:
        data = self.graph.nodes[node]
        sources = [self._source(d) for _, _, d in self.graph.in_edges(node, data=True)
                   if d.get("kind") == "mentions"]
        return {"id": node, "name": self.name(node), "aliases": _loads(data.get("aliases")),
                "articles": _loads(data.get("articles")), "first_seen": data.get("first_seen"),
                "last_seen": data.get("last_seen"),
                "sources": sorted(sources, key=lambda s: (sort_key(s.published), s.article))}

    def _nodes(self, kind: str) -> list[str]:
        return sorted((n for n, k in self.graph.nodes(data="kind") if k == kind),
                      key=lambda n: (self.name(n), n))

    def _sizes(self, node: str) -> list[SizeClaim]:
        return [SizeClaim(value=f.value, max=f.max, unit=f.unit, date=f.date, when=f.when,
                          article=f.article, sources=f.sources)
                for f in self._facts_of(node, "parameters") if f.value is not None]

    # -- the questions ----------------------------------------------------------------
    def articles(self) -> list[ArticleInfo]:
        """The source articles, oldest first."""
        arts = [ArticleInfo(id=d.get("article") or n[len(ARTICLE_PREFIX):], title=d.get("title"),
                        source=d.get("source"), url=d.get("url"), published=d.get("published"),
                        content_hash=d.get("content_hash"))
                for n, d in self.graph.nodes(data=True) if d.get("kind") == "article"]
        return sorted(arts, key=lambda a: (sort_key(a.published), a.id))

    def organizations(self) -> list[Organization]:
        """Every organisation: its models, people, consortium, programme status and sizes."""
        out = []
        for node in self._nodes("organization"):
            status = self._facts_of(node, "programme_status")
            out.append(Organization(
                **self._base(node),
                models=_names(f.object for f in self._facts_of(node, "develops")),
                people=_names(f.subject for f in self._facts_of(node, "works_at", "in")),
                partners=_names(f.subject for f in self._facts_of(node, "partner_of", "in")),
                partner_of=_names(f.object for f in self._facts_of(node, "partner_of")),
                status=status[-1].role if status else None, status_history=status,
                size_history=self._sizes(node)))
        return out

    def people(self, org: str | None = None) -> list[Person]:
        """Every person with their roles; only those who work at `org` (name or alias) if given."""
        org_id = self.resolve(org, "organization") if org else None
        out = []
        for node in self._nodes("person"):
            roles = [Role(org=f.object or "", org_id=f.object_id or "", role=f.role,
                          sources=f.sources) for f in self._facts_of(node, "works_at")]
            if org_id and not any(r.org_id == org_id for r in roles):
                continue
            out.append(Person(**self._base(node), roles=_merge_roles(roles)))
        return out

    def models(self) -> list[Model]:
        """Every model: developer, latest size and the dated history of size claims."""
        out = []
        for node in self._nodes("model"):
            cited = Counter()
            for f in self._facts_of(node, "develops", "in"):
                cited[f.subject] += 1
            developers = sorted(cited, key=lambda n: (-cited[n], n))
            sizes = self._sizes(node)
            latest = sizes[-1] if sizes else None
            out.append(Model(
                **self._base(node),
                developer=developers[0] if developers else self.graph.nodes[node].get("developer"),
                developers=developers, size_history=sizes,
                parameters=latest.value if latest else None,
                parameters_max=latest.max if latest else None))
        return out

    def facts(self, subject: str | None = None, relation: str | None = None,
              since: str | None = None, until: str | None = None) -> list[FactView]:
        """Claims, filtered by subject (name or alias), relation and period of their date.

        A fact's period is its own date, else its article's publication date; it is kept when
        that period overlaps [since, until].
        """
        if relation is not None and relation not in RELATIONS:
            raise ValueError(f"Unknown relation {relation!r}; use one of {', '.join(RELATIONS)}.")
        lo, hi = parse_bound(since, "since"), parse_bound(until, "until")
        node = self.resolve(subject) if subject else None
        edges = self._fact_edges(node, "out") if node else self._fact_edges()
        facts = [self._fact(u, v, d) for u, v, d in edges
                 if (relation is None or d["relation"] == relation)]
        return sorted((f for f in facts if within(f.when, lo, hi)), key=_fact_order)

    def timeline(self, entity: str | None = None) -> list[Event]:
        """Dated events in order: facts (their date, else the article's) and publications."""
        node = self.resolve(entity) if entity else None
        events = []
        for u, v, d in (self._fact_edges(node) if node else self._fact_edges()):
            f = self._fact(u, v, d)
            if f.when:
                events.append(Event(
                    when=f.when, kind=f.relation, summary=_summary(f), subject=f.subject,
                    subject_id=f.subject_id, relation=f.relation, object=f.object,
                    object_id=f.object_id, role=f.role, value=f.value, max=f.max,
                    date_stated=f.date is not None, article=f.article, sources=f.sources))
        mentioned = set(_loads(self.graph.nodes[node].get("articles"))) if node else None
        for art in self.articles():
            if art.published and (mentioned is None or art.id in mentioned):
                events.append(Event(
                    when=art.published, kind="published", date_stated=True, article=art.id,
                    summary=f"{art.source or 'article'}: {art.title or art.id}",
                    sources=[Source(article=art.id, published=art.published, title=art.title,
                                    outlet=art.source, url=art.url)]))
        rank = {"published": 0}
        return sorted(events, key=lambda e: (
            sort_key(e.when), e.article, rank.get(e.kind, 1),
            e.sources[0].start if e.sources and e.sources[0].start is not None else -1,
            e.summary))

    def entity(self, name: str) -> EntityInfo:
        """Everything about one name (aliases resolve): its node and every fact it is part of."""
        node = self.resolve(name)
        data = self.graph.nodes[node]
        facts = sorted((self._fact(u, v, d) for u, v, d in self._fact_edges(node)),
                       key=_fact_order)
        return EntityInfo(**self._base(node), kind=data.get("kind", ""),
                          mentions=int(data.get("mentions") or 0), facts=facts)

    def conflicts(self) -> list:
        """Where sources disagree on a model's size or a team's status at one stage
        (`hankg.graph.conflicts`): a list of `Conflict`, each side with its claims and sentences."""
        from hankg.graph.conflicts import find_conflicts

        return find_conflicts(self)

    def frames(self):
        """`Frames(entities, facts, articles)`: pandas DataFrames with typed columns (`hankg[pandas]`)."""
        from hankg.graph.frames import frames

        return frames(self)

    def path(self, a: str, b: str) -> list[Step]:
        """The shortest chain of facts between two entities (edges taken in either direction)."""
        start, end = self.resolve(a), self.resolve(b)
        links = nx.Graph()
        links.add_nodes_from(sorted(n for n, k in self.graph.nodes(data="kind") if k != "article"))
        pairs: dict[frozenset, list[FactView]] = defaultdict(list)
        for u, v, d in sorted(self._fact_edges(), key=lambda e: (e[0], e[1])):
            if self.graph.nodes[v].get("kind") == "article" or u == v:
                continue
            links.add_edge(u, v)
            pairs[frozenset((u, v))].append(self._fact(u, v, d))
        try:
            hops = nx.shortest_path(links, start, end)
        except nx.NetworkXNoPath:
            raise NoPath(f"No chain of facts joins {self.name(start)!r} and "
                         f"{self.name(end)!r}.") from None
        steps = []
        for u, v in zip(hops, hops[1:], strict=False):
            facts = sorted(pairs[frozenset((u, v))], key=_fact_order)
            steps.append(Step(source=self.name(u), source_id=u, target=self.name(v), target_id=v,
                              facts=facts, sources=[s for f in facts for s in f.sources]))
        return steps


def _names(names: Iterable[str | None]) -> list[str]:
    return sorted({n for n in names if n})


def _fact_order(f: FactView) -> tuple:
    start = f.sources[0].start if f.sources and f.sources[0].start is not None else -1
    return (sort_key(f.when), f.article, start, f.relation, f.subject_id, f.object_id or "")


def _merge_roles(roles: list[Role]) -> list[Role]:
    """One role per (org, title), its sources pooled: 부사장 at 업스테이지 said in 3 articles."""
    merged: dict[tuple[str, str | None], Role] = {}
    for r in roles:
        key = (r.org_id, r.role)
        if key in merged:
            merged[key].sources.extend(r.sources)
        else:
            merged[key] = r.model_copy(deep=True)
    return list(merged.values())
