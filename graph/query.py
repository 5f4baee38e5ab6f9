"""The questions analysts ask the programme graph, as a thin object over the networkx graph.

>>> g = hankg.load("outputs")
>>> [m.name for m in g.models()]
>>> g.people(org="Upstage")          # aliases resolve: 업스테이지's people
>>> g.timeline(entity="엑사원")
>>> g.path("권순일", "솔라")

Every answer is a typed record (pydantic) carrying `sources`: the articles, with evidence
offsets, that make the claim, because a claim without its source cannot be checked. Names
resolve through the nodes' names, aliases and ids after the scorer's normalisation; an
unknown name raises `UnknownEntity` (a `KeyError`) with the closest known names.

Each `KnowledgeGraph` works an answer out once: the claims of an edge, the facts of a node
and the answers of the questions are kept on the object, built at first use (so a loaded
graph is ready at once and pays only for what it is asked). The records it returns are
therefore shared between calls: read them, or `model_copy(deep=True)` one before changing it.
After changing `g.graph` itself, call `g.refresh()`.
"""

from __future__ import annotations

import difflib
import gc
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
from pydantic import BaseModel, Field

from hankg.data import Actors
from hankg.schema import ArticleRecord

from .build import ARTICLE_PREFIX, build_graph
from .resolve import norm
from .store import GRAPH
from .when import parse_bound, sort_key, within

_MISSING = object()
RELATIONS = ("works_at", "develops", "parameters", "partner_of", "programme_status", "gpus")


class UnknownEntity(KeyError):
    """A name the graph does not know (or knows as several entities), with suggestions."""

    def __init__(self, name: str, suggestions: Sequence[str] = (), ambiguous: bool = False):
        super().__init__(name)
        self.name = name
        self.suggestions = list(suggestions)
        self.ambiguous = ambiguous

    def __str__(self) -> str:
        if self.ambiguous:
            return (f"{self.name!r} names {len(self.suggestions)} entities; use one of their ids: "
                    + ", ".join(self.suggestions) + ".")
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        return f"No entity named {self.name!r} in the graph.{hint}"


class NoPath(LookupError):
    """Two entities that no chain of facts connects."""


class Source(BaseModel):
    """Where a claim comes from: the article, the offsets of its evidence and the sentence."""

    article: str
    published: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = Field(None, description="The sentence that states the claim.")
    text_start: int | None = Field(None, description="Where `text` starts in the article.")

    def parts(self) -> tuple[str, str, str] | None:
        """The sentence as (before, the claim's own words, after), or None without one."""
        if self.text is None or None in (self.start, self.end, self.text_start):
            return None
        n = len(self.text)
        a = min(max(self.start - self.text_start, 0), n)
        b = min(max(self.end - self.text_start, a), n)
        return self.text[:a], self.text[a:b], self.text[b:]


class FactView(BaseModel):
    """One claim of one article, with names resolved to the merged graph's nodes."""

    subject: str
    subject_id: str
    relation: str
    object: str | None = None
    object_id: str | None = None
    role: str | None = None
    value: float | None = None
    max: float | None = None
    unit: str | None = None
    date: str | None = None
    when: str | None = Field(None, description="The fact's own date, else its article's.")
    article: str
    published: str | None = None
    extractor: str | None = None
    sources: list[Source] = Field(default_factory=list)


class SizeClaim(BaseModel):
    """One dated statement of a model's (or a team's) size in parameters."""

    value: float
    max: float | None = None
    unit: str | None = None
    date: str | None = None
    when: str | None = None
    article: str
    sources: list[Source] = Field(default_factory=list)


class GpuClaim(BaseModel):
    """One statement of how many GPUs a team receives or uses: `B200` × 512."""

    chip: str | None = Field(None, description="The chip as written (B200, H100), or GPU when none is named.")
    value: float
    max: float | None = None
    date: str | None = None
    when: str | None = None
    article: str
    sources: list[Source] = Field(default_factory=list)


class Role(BaseModel):
    org: str
    org_id: str
    role: str | None = None
    sources: list[Source] = Field(default_factory=list)


class _Node(BaseModel):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None
    sources: list[Source] = Field(default_factory=list)


class Organization(_Node):
    models: list[str] = Field(default_factory=list)
    people: list[str] = Field(default_factory=list)
    partners: list[str] = Field(default_factory=list, description="Members of its consortium.")
    partner_of: list[str] = Field(default_factory=list, description="Consortia it is part of.")
    status: str | None = Field(None, description="Its latest programme status.")
    status_history: list[FactView] = Field(default_factory=list)
    size_history: list[SizeClaim] = Field(default_factory=list)
    gpu_history: list[GpuClaim] = Field(default_factory=list, description="Its GPU figures (`gpus` facts).")


class Person(_Node):
    roles: list[Role] = Field(default_factory=list)

    @property
    def orgs(self) -> list[str]:
        return list(dict.fromkeys(r.org for r in self.roles))


class Model(_Node):
    developer: str | None = None
    developers: list[str] = Field(default_factory=list)
    parameters: float | None = Field(None, description="The latest claimed size.")
    parameters_max: float | None = None
    size_history: list[SizeClaim] = Field(default_factory=list)


class EntityInfo(_Node):
    kind: str
    mentions: int = 0
    facts: list[FactView] = Field(default_factory=list)


class Event(BaseModel):
    """One dated thing on the timeline: a fact, or an article's publication."""

    when: str
    kind: str
    summary: str
    subject: str | None = None
    subject_id: str | None = None
    relation: str | None = None
    object: str | None = None
    object_id: str | None = None
    role: str | None = None
    value: float | None = None
    max: float | None = None
    date_stated: bool = Field(False, description="True when the text gives the date itself.")
    article: str
    sources: list[Source] = Field(default_factory=list)


class Step(BaseModel):
    """One hop of a path: two entities and the facts (either direction) that join them."""

    source: str
    source_id: str
    target: str
    target_id: str
    facts: list[FactView]
    sources: list[Source] = Field(default_factory=list)


class ArticleInfo(BaseModel):
    id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    content_hash: str | None = None


def format_params(value: float | None, top: float | None = None) -> str:
    """`1e11` → `100B`, a range `2e12, 3e12` → `2T~3T`."""
    def one(v: float) -> str:
        for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
            if abs(v) >= size:
                return f"{v / size:.4g}{suffix}"
        return f"{v:g}"
    if value is None:
        return ""
    return one(value) + (f"~{one(top)}" if top is not None else "")


def format_gpus(chip: str | None, value: float | None, top: float | None = None) -> str:
    """`B200, 512` → `512 B200`; a range `500~1,000 GPU`."""
    if value is None:
        return ""
    count = f"{value:,.0f}" + (f"~{top:,.0f}" if top is not None else "")
    return f"{count} {chip or 'GPU'}"


def _loads(text: Any) -> list:
    try:
        out = json.loads(text) if isinstance(text, str) else []
    except json.JSONDecodeError:
        return []
    return out if isinstance(out, list) else []


class KnowledgeGraph:
    """The merged graph and its questions. `g.graph` is the raw `networkx.MultiDiGraph`."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.refresh()

    def refresh(self) -> None:
        """Forget every answer and index worked out so far: call it after changing `self.graph`."""
        self._index: dict[str, set[str]] = defaultdict(set)
        for node, data in self.graph.nodes(data=True):
            if data.get("kind") == "article":
                continue
            for name in [node, data.get("name"), *_loads(data.get("aliases"))]:
                if name:
                    self._index[norm(name)].add(node)
        # Worked out at first use (`_cached`): answers by question and argument, the records
        # made of each edge (by the id of its data dict, which the entry keeps alive).
        self._memo: dict[Any, Any] = {}
        self._edge_facts: dict[int, tuple[dict, FactView]] = {}
        self._edge_sources: dict[int, tuple[dict, Source]] = {}
        self._edge_events: dict[int, tuple[dict, Event | None]] = {}

    def _cached(self, key: Any, make: Callable[[], Any]) -> Any:
        """The value kept under `key`, made (once) by `make()` the first time it is asked for.

        Python's cyclic garbage collector is paused while it is made: making tens of thousands
        of records (none of them in a cycle, so reference counting frees what is dropped) would
        otherwise start collections that walk the whole loaded graph again and again, and take
        half the time."""
        value = self._memo.get(key, _MISSING)
        if value is _MISSING:
            paused = gc.isenabled()
            gc.disable()
            try:
                value = self._memo[key] = make()
            finally:
                if paused:
                    gc.enable()
        return value

    # -- construction -----------------------------------------------------------------
    @classmethod
    def load(cls, path: Path | str = "outputs") -> KnowledgeGraph:
        """Read `PATH/graph.graphml` (or a GraphML file) written by `hankg extract`."""
        path = Path(path)
        file = path / GRAPH if path.is_dir() else path
        if not file.is_file():
            raise FileNotFoundError(
                f"No graph at {path}: expected {file}. Run `hankg extract ARTICLES --out {path}` "
                f"first.")
        try:
            graph = nx.read_graphml(file, force_multigraph=True)
        except Exception as e:  # networkx raises several types for malformed XML
            raise ValueError(f"{file}: not a readable GraphML file ({e}).") from e
        return cls(graph if graph.is_directed() else nx.MultiDiGraph(graph))

    @classmethod
    def from_records(cls, records: Iterable[ArticleRecord],
                     actors: Actors | None = None) -> KnowledgeGraph:
        return cls(build_graph(records, actors))

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
        """The source of one edge (made once per edge)."""
        kept = self._edge_sources.get(id(data))
        if kept is None:
            kept = self._edge_sources[id(data)] = (data, self._make_source(data))
        return kept[1]

    def _make_source(self, data: dict) -> Source:
        art = self.graph.nodes.get(ARTICLE_PREFIX + str(data.get("article")), {})
        return Source(article=str(data.get("article")), published=data.get("published"),
                      title=art.get("title"), outlet=art.get("source"), url=art.get("url"),
                      start=data.get("evidence_start"), end=data.get("evidence_end"),
                      text=data.get("evidence_text"), text_start=data.get("evidence_text_start"))

    def _fact(self, u: str, v: str, data: dict) -> FactView:
        """The claim of one fact edge (made once per edge)."""
        kept = self._edge_facts.get(id(data))
        if kept is None:
            kept = self._edge_facts[id(data)] = (data, self._make_fact(u, v, data))
        return kept[1]

    def _make_fact(self, u: str, v: str, data: dict) -> FactView:
        objectless = self.graph.nodes[v].get("kind") == "article"
        return FactView(
            subject=self.name(u), subject_id=u, relation=data["relation"],
            object=None if objectless else self.name(v), object_id=None if objectless else v,
            role=data.get("role"), value=data.get("value"), max=data.get("max"),
            unit=data.get("unit"), date=data.get("date"),
            when=data.get("date") or data.get("published"), article=str(data.get("article")),
            published=data.get("published"), extractor=data.get("extractor"),
            sources=[self._source(data)])

    def _fact_edges(self, node: str | None = None, direction: str = "both") -> list[tuple[str, str, dict]]:
        """Fact edges, of one node (out, in or both) or of the whole graph, in a fixed order (kept:
        do not change the list)."""
        return self._cached(("fact_edges", node, direction), lambda: self._walk_fact_edges(node, direction))

    def _walk_fact_edges(self, node: str | None, direction: str) -> list[tuple[str, str, dict]]:
        edges = self._edges()
        if node is None:
            return edges.facts
        out = edges.out.get(node, []) if direction in ("out", "both") else []
        if direction == "in":
            return edges.into.get(node, [])
        if direction == "both":
            return out + [e for e in edges.into.get(node, ()) if e[0] != node]
        return out

    def _edges(self) -> _Edges:
        """The fact edges of the whole graph, out of and into each node, and the data of the
        mentions of each node, each in the order networkx's edge views give them (one pass)."""
        return self._cached("edges", lambda: _Edges(self.graph))

    def _facts_of(self, node: str, relation: str, direction: str = "out") -> list[FactView]:
        return list(self._cached(("facts_of", node, relation, direction), lambda: sorted(
            self._by_relation(node, direction).get(relation, ()), key=_fact_order)))

    def _by_relation(self, node: str, direction: str) -> dict[str, list[FactView]]:
        """The claims of a node's fact edges by relation, in edge order."""
        def make() -> dict[str, list[FactView]]:
            out: dict[str, list[FactView]] = defaultdict(list)
            for u, v, d in self._fact_edges(node, direction):
                out[d["relation"]].append(self._fact(u, v, d))
            return out
        return self._cached(("by_relation", node, direction), make)

    def _base(self, node: str) -> dict:
        return dict(self._cached(("base", node), lambda: self._make_base(node)))

    def _make_base(self, node: str) -> dict:
        data = self.graph.nodes[node]
        sources = [self._source(d) for d in self._edges().mentions.get(node, ())]
        return {"id": node, "name": self.name(node), "aliases": _loads(data.get("aliases")),
                "articles": _loads(data.get("articles")), "first_seen": data.get("first_seen"),
                "last_seen": data.get("last_seen"),
                "sources": sorted(sources, key=lambda s: (sort_key(s.published), s.article))}

    def _nodes(self, kind: str) -> list[str]:
        return list(self._cached(("nodes", kind), lambda: sorted(
            (n for n, k in self.graph.nodes(data="kind") if k == kind), key=lambda n: (self.name(n), n))))

    def _sizes(self, node: str) -> list[SizeClaim]:
        return list(self._cached(("sizes", node), lambda: [
            SizeClaim(value=f.value, max=f.max, unit=f.unit, date=f.date, when=f.when,
                      article=f.article, sources=f.sources)
            for f in self._facts_of(node, "parameters") if f.value is not None]))

    def _gpus(self, node: str) -> list[GpuClaim]:
        return list(self._cached(("gpus", node), lambda: [
            GpuClaim(chip=f.role, value=f.value, max=f.max, date=f.date, when=f.when,
                     article=f.article, sources=f.sources)
            for f in self._facts_of(node, "gpus") if f.value is not None]))

    # -- the questions ----------------------------------------------------------------
    def articles(self) -> list[ArticleInfo]:
        """The source articles, oldest first."""
        return list(self._cached("articles", self._articles))

    def _articles(self) -> list[ArticleInfo]:
        arts = [ArticleInfo(id=d.get("article") or n[len(ARTICLE_PREFIX):], title=d.get("title"),
                        source=d.get("source"), url=d.get("url"), published=d.get("published"),
                        content_hash=d.get("content_hash"))
                for n, d in self.graph.nodes(data=True) if d.get("kind") == "article"]
        return sorted(arts, key=lambda a: (sort_key(a.published), a.id))

    def organizations(self) -> list[Organization]:
        """Every organisation: its models, people, consortium, programme status, sizes and GPUs."""
        return list(self._cached("organizations", self._organizations))

    def _organizations(self) -> list[Organization]:
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
                size_history=self._sizes(node), gpu_history=self._gpus(node)))
        return out

    def people(self, org: str | None = None) -> list[Person]:
        """Every person with their roles; only those who work at `org` (name or alias) if given."""
        org_id = self.resolve(org, "organization") if org else None
        if not org_id:
            return list(self._cached("people", lambda: [self._person(n) for n in self._nodes("person")]))
        # those with a role at the org: the people its `works_at` edges come from
        staff = {u for u, _, d in self._fact_edges(org_id, "in") if d["relation"] == "works_at"}
        return [self._person(n) for n in self._nodes("person") if n in staff]

    def _person(self, node: str) -> Person:
        def make() -> Person:
            roles = [Role(org=f.object or "", org_id=f.object_id or "", role=f.role,
                          sources=f.sources) for f in self._facts_of(node, "works_at")]
            return Person(**self._base(node), roles=_merge_roles(roles))
        return self._cached(("person", node), make)

    def models(self) -> list[Model]:
        """Every model: developer, latest size and the dated history of size claims."""
        return list(self._cached("models", self._models))

    def _models(self) -> list[Model]:
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

        def make() -> list[FactView]:  # sorted once, then filtered: a stable sort gives the same order
            edges = self._fact_edges(node, "out") if node else self._fact_edges()
            return sorted((self._fact(u, v, d) for u, v, d in edges
                           if relation is None or d["relation"] == relation), key=_fact_order)
        facts = self._cached(("facts", node, relation), make)
        if lo is None and hi is None:  # every fact is within an open range
            return list(facts)
        return [f for f in facts if within(f.when, lo, hi)]

    def timeline(self, entity: str | None = None) -> list[Event]:
        """Dated events in order: facts (their date, else the article's) and publications."""
        node = self.resolve(entity) if entity else None
        if node is None:
            return list(self._cached("timeline", lambda: self._timeline(None)))
        return self._timeline(node)

    def _timeline(self, node: str | None) -> list[Event]:
        events = [e for e in (self._event(u, v, d) for u, v, d in
                              (self._fact_edges(node) if node else self._fact_edges())) if e is not None]
        mentioned = set(_loads(self.graph.nodes[node].get("articles"))) if node else None
        events += [e for art_id, e in self._publications() if mentioned is None or art_id in mentioned]
        return sorted(events, key=_event_order)

    def _event(self, u: str, v: str, data: dict) -> Event | None:
        """The timeline's event of one fact edge, None when the claim has no date (made once per edge)."""
        kept = self._edge_events.get(id(data))
        if kept is None:
            f = self._fact(u, v, data)
            kept = self._edge_events[id(data)] = (data, Event(
                when=f.when, kind=f.relation, summary=_summary(f), subject=f.subject,
                subject_id=f.subject_id, relation=f.relation, object=f.object,
                object_id=f.object_id, role=f.role, value=f.value, max=f.max,
                date_stated=f.date is not None, article=f.article, sources=f.sources) if f.when else None)
        return kept[1]

    def _publications(self) -> list[tuple[str, Event]]:
        """(article id, its publication as an event) of every dated article, oldest first."""
        return self._cached("publications", lambda: [(art.id, Event(
            when=art.published, kind="published", date_stated=True, article=art.id,
            summary=f"{art.source or 'article'}: {art.title or art.id}",
            sources=[Source(article=art.id, published=art.published, title=art.title,
                            outlet=art.source, url=art.url)])) for art in self.articles() if art.published])

    def entity(self, name: str) -> EntityInfo:
        """Everything about one name (aliases resolve): its node and every fact it is part of."""
        node = self.resolve(name)
        return self._cached(("entity", node), lambda: self._entity(node))

    def _entity(self, node: str) -> EntityInfo:
        data = self.graph.nodes[node]
        facts = sorted((self._fact(u, v, d) for u, v, d in self._fact_edges(node)),
                       key=_fact_order)
        return EntityInfo(**self._base(node), kind=data.get("kind", ""),
                          mentions=int(data.get("mentions") or 0), facts=facts)

    def conflicts(self) -> list:
        """Where sources disagree on a model's size or a team's status at one stage
        (`hankg.graph.conflicts`): a list of `Conflict`, each side with its claims and sentences."""
        from .conflicts import find_conflicts

        return list(self._cached("conflicts", lambda: find_conflicts(self)))

    def frames(self):
        """`Frames(entities, facts, articles)`: pandas DataFrames with typed columns (`hankg[pandas]`)."""
        from .frames import frames

        return frames(self)

    def path(self, a: str, b: str) -> list[Step]:
        """The shortest chain of facts between two entities (edges taken in either direction)."""
        start, end = self.resolve(a), self.resolve(b)
        links, pairs = self._cached("links", self._links)
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

    def _links(self) -> tuple[nx.Graph, dict[frozenset, list[FactView]]]:
        """Entities joined by fact edges, and the claims of each pair (for `path`)."""
        links = nx.Graph()
        links.add_nodes_from(sorted(n for n, k in self.graph.nodes(data="kind") if k != "article"))
        pairs: dict[frozenset, list[FactView]] = defaultdict(list)
        for u, v, d in sorted(self._fact_edges(), key=lambda e: (e[0], e[1])):
            if self.graph.nodes[v].get("kind") == "article" or u == v:
                continue
            links.add_edge(u, v)
            pairs[frozenset((u, v))].append(self._fact(u, v, d))
        return links, pairs


class _Edges:
    """The edges the questions read, grouped in one pass over the graph's adjacency (as networkx's
    `edges`, `out_edges(node)` and `in_edges(node)` walk it, so in their order). It reads networkx's
    own dicts (`_adj`, `_pred`): its views cost a call or two per neighbour, three quarters of the pass."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.facts: list[tuple[str, str, dict]] = []
        self.out: dict[str, list[tuple[str, str, dict]]] = {}
        self.into: dict[str, list[tuple[str, str, dict]]] = {}
        self.mentions: dict[str, list[dict]] = {}
        for u, nbrs in graph._adj.items():
            for v, keyed in nbrs.items():
                for d in keyed.values():
                    if d.get("kind") == "fact":
                        edge = (u, v, d)
                        self.facts.append(edge)
                        self.out.setdefault(u, []).append(edge)
        for v, nbrs in graph._pred.items():
            for u, keyed in nbrs.items():
                for d in keyed.values():
                    kind = d.get("kind")
                    if kind == "fact":
                        self.into.setdefault(v, []).append((u, v, d))
                    elif kind == "mentions":
                        self.mentions.setdefault(v, []).append(d)


def _names(names: Iterable[str | None]) -> list[str]:
    return sorted({n for n in names if n})


def _fact_order(f: FactView) -> tuple:
    start = f.sources[0].start if f.sources and f.sources[0].start is not None else -1
    return (sort_key(f.when), f.article, start, f.relation, f.subject_id, f.object_id or "")


_RANK = {"published": 0}


def _event_order(e: Event) -> tuple:
    return (sort_key(e.when), e.article, _RANK.get(e.kind, 1),
            e.sources[0].start if e.sources and e.sources[0].start is not None else -1, e.summary)


def _merge_roles(roles: list[Role]) -> list[Role]:
    """One role per (org, title), its sources pooled: 부사장 at 업스테이지 said in 3 articles."""
    merged: dict[tuple[str, str | None], Role] = {}
    for r in roles:
        key = (r.org_id, r.role)
        if key in merged:
            merged[key].sources.extend(r.sources)
        else:
            merged[key] = r.model_copy(update={"sources": list(r.sources)})  # its own list, the same sources
    return list(merged.values())


def _summary(f: FactView) -> str:
    """A one-line human reading of a fact, for timelines and reports."""
    if f.relation == "parameters":
        return f"{f.subject}: {format_params(f.value, f.max)} parameters"
    if f.relation == "programme_status":
        return f"{f.subject}: {f.role or 'status'}"
    if f.relation == "gpus":
        return f"{f.subject}: {format_gpus(f.role, f.value, f.max)}"
    if f.relation == "works_at":
        return f"{f.subject}, {f.role or 'works'} at {f.object}"
    if f.relation == "develops":
        return f"{f.subject} develops {f.object}"
    if f.relation == "partner_of":
        return f"{f.subject} partners {f.object}" + (f" ({f.role})" if f.role else "")
    return f"{f.subject} {f.relation} {f.object or ''}".strip()
