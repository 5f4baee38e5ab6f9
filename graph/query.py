"""The questions analysts ask the programme graph, as a thin object over the networkx graph.

>>> g = hankg.load("outputs")
>>> [m.name for m in g.models()]
>>> g.people(org="Upstage")          # aliases resolve: 업스테이지's people
>>> g.timeline(entity="엑사원")
>>> g.path("권순일", "솔라")

Every answer is a typed record (pydantic, `hankg.graph.answers`) carrying `sources`: the
articles, with evidence offsets, that make the claim, because a claim without its source cannot
be checked. Names resolve through the nodes' names, aliases and ids after the scorer's
normalisation; an unknown name raises `UnknownEntity` (a `KeyError`) with the closest known names.

Each `KnowledgeGraph` works an answer out once: the claims of an edge, the edges and facts of a
node and the answers of the questions are kept on the object, built at first use (so a loaded
graph is ready at once and pays only for what it is asked; a question about one name reads only
that node's edges). The records it returns are therefore shared between calls: read them, or
`model_copy(deep=True)` one before changing it. After changing `g.graph` itself, call `g.refresh()`.

A graph loaded from a store (`hankg.load`) answers the questions about the whole corpus from the
answers the store keeps (`hankg.graph.stored`): a `StoredAnswer`, a read-only sequence equal to
the list worked out, read a page at a time. Graphs made otherwise answer with lists.
"""

from __future__ import annotations

import difflib
import gc
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from hankg.data import Actors
from hankg.schema import ArticleRecord

from . import walks
from .answers import (
    RELATIONS,
    ArticleInfo,
    EntityInfo,
    Event,
    FactView,
    GpuClaim,
    Model,
    NoPath,
    Organization,
    Person,
    Role,
    SizeClaim,
    Source,
    Step,
    UnknownEntity,
    _event_order,
    _fact_order,
    _loads,
    _merge_roles,
    _names,
    _summary,
    format_gpus,
    format_params,
)
from .build import ARTICLE_PREFIX, build_graph
from .resolve import norm
from .store import GRAPH
from .when import parse_bound, sort_key, within

if TYPE_CHECKING:
    from .stored import StoredAnswers, StoredNames

__all__ = [  # the records live in `answers`; `from hankg.graph.query import Source` keeps working
    "RELATIONS", "ArticleInfo", "EntityInfo", "Event", "FactView", "GpuClaim", "KnowledgeGraph", "Model",
    "NoPath", "Organization", "Person", "Role", "SizeClaim", "Source", "Step", "UnknownEntity",
    "_summary", "format_gpus", "format_params",
]
_MISSING = object()
Edge = tuple[str, str, dict]


class KnowledgeGraph:
    """The merged graph and its questions. `g.graph` is the raw `networkx.MultiDiGraph`."""

    def __init__(self, graph: nx.MultiDiGraph | None = None, *,
                 read: Callable[[], nx.MultiDiGraph] | None = None,
                 stored: StoredAnswers | None = None) -> None:
        """`graph`, or `read` to read it when first needed; `stored`, the answers its store keeps."""
        if (graph is None) == (read is None):
            raise TypeError("KnowledgeGraph needs a graph, or a function that reads it (read=).")
        self._graph, self._read = graph, read
        self._forget()
        self._stored = stored

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The raw `networkx.MultiDiGraph` (read now if it was loaded lazily)."""
        if self._graph is None:
            assert self._read is not None
            self._graph = self._read()
        return self._graph

    @graph.setter
    def graph(self, graph: nx.MultiDiGraph) -> None:
        self._graph = graph
        self.refresh()

    def refresh(self) -> None:
        """Forget every answer and index worked out so far: call it after changing `self.graph`.
        The store's answers are no longer used either: they describe the graph as it was."""
        self._forget()
        self._stored = None

    def __getstate__(self) -> dict:
        """Pickled without what it worked out: the records of edges are kept by the id of their data."""
        return {"_graph": self.graph, "_read": None, "_stored": self._stored}

    def __setstate__(self, state: dict) -> None:
        self._graph, self._read = state["_graph"], None
        self._forget()
        self._stored = state["_stored"]

    def _forget(self) -> None:
        self._index_: Mapping[str, Collection[str]] | StoredNames | None = None
        # Worked out at first use (`_cached`): answers by question and argument, the records
        # made of each edge (by the id of its data dict, which the entry keeps alive).
        self._memo: dict[Any, Any] = {}
        self._edge_facts: dict[int, tuple[dict, FactView]] = {}
        self._edge_sources: dict[int, tuple[dict, Source]] = {}
        self._edge_events: dict[int, tuple[dict, Event | None]] = {}

    @property
    def _index(self) -> Mapping[str, Collection[str]] | StoredNames:
        """Normalised name, alias or id -> the nodes it names: made at the first name resolved, or
        read from the store a name at a time."""
        if self._index_ is None:
            if self._stored is not None and self._stored.names:
                from .stored import StoredNames

                self._index_ = StoredNames(self._stored, self._make_index)
            else:
                self._index_ = self._make_index()
        return self._index_

    def _make_index(self) -> dict[str, Collection[str]]:
        index: dict[str, set[str]] = defaultdict(set)
        for node, data in self.graph.nodes(data=True):
            if data.get("kind") == "article":
                continue
            for name in [node, data.get("name"), *_loads(data.get("aliases"))]:
                if name:
                    index[norm(name)].add(node)
        return index  # type: ignore[return-value]

    def _whole(self, key: Any, make: Callable[[], list], stored: str | None = None,
               keep: Callable[[str | None], bool] | None = None) -> Sequence:
        """A question over the whole corpus: the store's answer `stored` (default: `key`) when the
        graph was loaded with one, else the answer worked out (kept under `key`), as a new list;
        worked out for a graph loaded from a store, it is also written back to it (`stored.write_back`)."""
        name = stored or key
        if self._stored is not None and name in self._stored:
            return self._stored.answer(name, lambda: self._cached(key, make), keep)
        value = self._cached(key, make)
        if self._stored is not None:  # loaded from a store that keeps no current answer to it: kept now
            self._stored.keep(name, value)
        return list(value) if keep is None else [f for f in value if keep(f.when)]

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

    def _walk_fact_edges(self, node: str | None, direction: str) -> list[Edge]:
        if node is None:
            return self._cached("edges", lambda: walks.all_facts(self.graph))
        out, into, _ = self._node_edges(node)
        if direction == "in":
            return into
        if direction == "both":
            return out + [e for e in into if e[0] != node]
        return out

    def _node_edges(self, node: str) -> tuple[list[Edge], list[Edge], list[dict]]:
        """A node's fact edges out and in, and the data of its mentions, in networkx's order."""
        return self._cached(("node_edges", node), lambda: walks.node_edges(self.graph, node))

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
        sources = [self._source(d) for d in self._node_edges(node)[2]]
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
        return self._whole("articles", self._articles)

    def _articles(self) -> list[ArticleInfo]:
        arts = [self._article(n, d) for n, d in self.graph.nodes(data=True) if d.get("kind") == "article"]
        return sorted(arts, key=lambda a: (sort_key(a.published), a.id))

    def _article(self, node: str, data: dict) -> ArticleInfo:
        return self._cached(("article", node), lambda: ArticleInfo(
            id=data.get("article") or node[len(ARTICLE_PREFIX):], title=data.get("title"),
            source=data.get("source"), url=data.get("url"), published=data.get("published"),
            content_hash=data.get("content_hash")))

    def organizations(self) -> list[Organization]:
        """Every organisation: its models, people, consortium, programme status, sizes and GPUs."""
        return self._whole("organizations", self._organizations)

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
            return self._whole("people", lambda: [self._person(n) for n in self._nodes("person")])
        # those with a role at the org: the people its `works_at` edges come from, in `_nodes` order
        staff = {u for u, _, d in self._fact_edges(org_id, "in") if d["relation"] == "works_at"}
        return [self._person(n) for n in sorted(
            (n for n in staff if self.graph.nodes[n].get("kind") == "person"), key=lambda n: (self.name(n), n))]

    def _person(self, node: str) -> Person:
        def make() -> Person:
            roles = [Role(org=f.object or "", org_id=f.object_id or "", role=f.role,
                          sources=f.sources) for f in self._facts_of(node, "works_at")]
            return Person(**self._base(node), roles=_merge_roles(roles))
        return self._cached(("person", node), make)

    def models(self) -> list[Model]:
        """Every model: developer, latest size and the dated history of size claims."""
        return self._whole("models", self._models)

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
        keep = None if lo is None and hi is None else (lambda when: within(when, lo, hi))
        if node is None:
            from .stored import facts_name

            return self._whole(("facts", None, relation), make, facts_name(relation), keep)
        facts = self._cached(("facts", node, relation), make)
        return list(facts) if keep is None else [f for f in facts if keep(f.when)]

    def timeline(self, entity: str | None = None) -> list[Event]:
        """Dated events in order: facts (their date, else the article's) and publications."""
        node = self.resolve(entity) if entity else None
        if node is None:
            return self._whole("timeline", lambda: self._timeline(None))
        return list(self._cached(("timeline", node), lambda: self._timeline(node)))

    def _timeline(self, node: str | None) -> list[Event]:
        events = [e for e in (self._event(u, v, d) for u, v, d in
                              (self._fact_edges(node) if node else self._fact_edges())) if e is not None]
        if node is None:
            events += [e for _, e in self._publications()]
        else:  # publications are one per article and never tie in `_event_order`: their order is moot
            events += self._publications_of(set(_loads(self.graph.nodes[node].get("articles"))))
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
        return self._cached("publications", lambda: [
            (art.id, self._publication(art)) for art in self._cached("articles", self._articles) if art.published])

    def _publications_of(self, articles: set[str]) -> list[Event]:
        """The publications of these articles (those with a date), read from their own nodes."""
        infos = []
        for art_id in articles:
            node = ARTICLE_PREFIX + art_id
            data = self.graph.nodes[node] if node in self.graph else {}
            if data.get("kind") != "article" or (data.get("article") or art_id) != art_id:
                # an article node that does not carry its id as the usual name: look through them all
                return [e for art_id, e in self._publications() if art_id in articles]
            infos.append(self._article(node, data))
        return [self._publication(art) for art in infos if art.published]

    def _publication(self, art: ArticleInfo) -> Event:
        """An article's publication as an event (made once per article)."""
        return self._cached(("publication", art.id), lambda: Event(
            when=art.published, kind="published", date_stated=True, article=art.id,
            summary=f"{art.source or 'article'}: {art.title or art.id}",
            sources=[Source(article=art.id, published=art.published, title=art.title,
                            outlet=art.source, url=art.url)]))

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

        return self._whole("conflicts", lambda: find_conflicts(self))

    def frames(self):
        """`Frames(entities, facts, articles)`: pandas DataFrames with typed columns (`hankg[pandas]`)."""
        from .frames import frames

        return frames(self)

    def path(self, a: str, b: str) -> list[Step]:
        """The shortest chain of facts between two entities (edges taken in either direction)."""
        start, end = self.resolve(a), self.resolve(b)
        try:
            hops = walks.shortest_path(self._neighbours, start, end)
        except nx.NetworkXNoPath:
            raise NoPath(f"No chain of facts joins {self.name(start)!r} and "
                         f"{self.name(end)!r}.") from None
        steps = []
        for u, v in zip(hops, hops[1:], strict=False):
            facts = sorted((self._fact(x, y, d) for x, y, d in walks.hop_edges(self.graph, u, v)), key=_fact_order)
            steps.append(Step(source=self.name(u), source_id=u, target=self.name(v), target_id=v,
                              facts=facts, sources=[s for f in facts for s in f.sources]))
        return steps

    def _neighbours(self, node: str) -> list[str]:
        return self._cached(("neighbours", node), lambda: walks.neighbours(self.graph, node))
