"""Which entities of different articles are the same node of the graph.

Each article names its actors in its own way (업스테이지, Upstage, 업스테이지 컨소시엄 →
업스테이지); the graph must hold one node per actor, or every question asked of it is
answered in pieces. The rules, in order:

1. **Curated table** (`hankg.data.actors`, extended by the user's `--aliases` files): an
   organisation or model whose name or alias equals, after `norm`, a curated name or alias is
   that actor, and its node carries the curated name.
2. **Shared names**: other organisations and models of the same kind that share any
   normalised name or alias are one node (union-find over names, so A~B and B~C join A~C);
   such a group joins a curated actor when one of its names was already given to exactly
   one curated actor by an entity of rule 1 (an article wrote "업스테이지(Upstage AI)").
3. **People** are the same person when the normalised name agrees and so does the
   organisation they work at (`works_at` facts of their article). A person whose article
   names no organisation joins the one same-named person if exactly one exists; when two
   or more exist (two 김성훈 at different firms) the unaffiliated mentions stay a node of
   their own rather than be guessed into one of them.

Node ids follow SPEC's entity ids (`org:업스테이지`); when several people share a name their
ids carry the organisation, `person:김성훈@LG AI연구원`, and the unaffiliated one keeps
`person:김성훈`. Ids may therefore change when a later article brings a namesake: the graph
is resolved again over every stored entity on every write (the store rebuilds the edges of
the articles whose entities moved), so it is always consistent with itself.

Everything here is independent of the order of the records.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from hankg.data import Actors
from hankg.schema import KIND_PREFIX, ArticleRecord, Entity, entity_id
from hankg.scoring import norm as _norm

# The scorer's name key (the graph merges what the scorer matches), remembered: resolution asks
# for the same few thousand names hundreds of thousands of times.
norm = lru_cache(maxsize=1 << 16)(_norm)

_PREFIX_KIND = {prefix: kind for kind, prefix in KIND_PREFIX.items()}


def names_of(entity: Entity) -> list[str]:
    """Every surface form of an entity, its name first."""
    return [n for n in dict.fromkeys([entity.name, *entity.aliases]) if norm(n)]


@dataclass
class Cluster:
    """One node to be: the record entities that were found to be the same actor."""

    node: str
    kind: str
    name: str
    members: list[tuple[int, Entity]] = field(default_factory=list)
    curated: bool = False
    curated_aliases: list[str] = field(default_factory=list)
    developer: str | None = None


@dataclass
class Resolution:
    """The outcome: which node each (record index, entity id) belongs to, and the nodes."""

    node_of: dict[tuple[int, str], str]
    clusters: dict[str, Cluster]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def complete_entities(record: ArticleRecord) -> list[Entity]:
    """The record's entities plus a stand-in for any id a fact names but the list lacks.

    Hand-written or foreign facts.jsonl files may reference `org:X` without listing it; the
    fact is still a claim of the article, so it keeps a node rather than silently vanishing.
    """
    entities = list(record.entities)
    known = {e.id for e in entities}
    for fact in record.facts:
        for eid in (fact.subject, fact.object):
            if eid and eid not in known and ":" in eid:
                prefix, name = eid.split(":", 1)
                if prefix in _PREFIX_KIND and norm(name):
                    entities.append(Entity(id=eid, kind=_PREFIX_KIND[prefix], name=name))
                    known.add(eid)
    return entities


def _canonical(members: Sequence[tuple[int, Entity]], articles: Sequence[str]) -> str:
    """The name most articles use; then the shortest; then the first in code-point order."""
    counts = Counter(name for name, _ in {(e.name, articles[idx]) for idx, e in members})
    return min(counts, key=lambda n: (-counts[n], len(n), n))


def _curated_index(actors: Actors) -> dict[str, dict[str, str]]:
    """kind → {normalised name or alias → curated canonical name}; names win over aliases."""
    index: dict[str, dict[str, str]] = {"organization": {}, "model": {}}
    for kind, table in (("organization", actors.orgs), ("model", actors.models)):
        for name in sorted(table):
            index[kind].setdefault(norm(name), name)
        for name in sorted(table):
            for alias in table[name]:
                index[kind].setdefault(norm(alias), name)
    return index


def resolve(records: Sequence[ArticleRecord], actors: Actors) -> Resolution:
    """Assign every entity of every record to a node (see the module docstring)."""
    articles = [r.article for r in records]
    entities = [complete_entities(r) for r in records]
    curated = _curated_index(actors)
    node_of: dict[tuple[int, str], str] = {}
    clusters: dict[str, Cluster] = {}

    def cluster(node: str, kind: str, name: str) -> Cluster:
        if node not in clusters:
            clusters[node] = Cluster(node=node, kind=kind, name=name)
        return clusters[node]

    for kind in ("organization", "model"):
        table = actors.orgs if kind == "organization" else actors.models
        index = curated[kind]
        pending: list[tuple[int, Entity]] = []
        claimed: dict[str, set[str]] = defaultdict(set)
        for idx, ents in enumerate(entities):
            for ent in ents:
                if ent.kind != kind:
                    continue
                hit = next((index[norm(n)] for n in names_of(ent) if norm(n) in index), None)
                if hit is None:
                    pending.append((idx, ent))
                    continue
                for n in names_of(ent):
                    claimed[norm(n)].add(hit)
                c = cluster(entity_id(kind, hit), kind, hit)
                c.members.append((idx, ent))
                node_of[(idx, ent.id)] = c.node
        uf = _UnionFind()
        for _, ent in pending:
            keys = [norm(n) for n in names_of(ent)]
            for k in keys[1:]:
                uf.union(keys[0], k)
        groups: dict[str, list[tuple[int, Entity]]] = defaultdict(list)
        for idx, ent in pending:
            groups[uf.find(norm(names_of(ent)[0]))].append((idx, ent))
        for members in groups.values():
            keys = {norm(n) for _, e in members for n in names_of(e)}
            owners = {a for k in keys if len(claimed.get(k, ())) == 1 for a in claimed[k]}
            if len(owners) == 1:
                hit = owners.pop()
                c = cluster(entity_id(kind, hit), kind, hit)
            else:
                name = _canonical(members, articles)
                c = cluster(entity_id(kind, name), kind, name)
            c.members.extend(members)
            for idx, ent in members:
                node_of[(idx, ent.id)] = c.node
        for name in table:
            node = entity_id(kind, name)
            if node in clusters:
                clusters[node].curated = True
                clusters[node].curated_aliases = list(table[name])
                if kind == "model" and name in actors.developer:
                    clusters[node].developer = actors.developer[name]

    _resolve_people(records, entities, articles, node_of, clusters)
    return Resolution(node_of=node_of, clusters=clusters)


def _resolve_people(records: Sequence[ArticleRecord], entities: Sequence[list[Entity]],
                    articles: Sequence[str], node_of: dict[tuple[int, str], str],
                    clusters: dict[str, Cluster]) -> None:
    """Rule 3: people by name and organisation (after organisations have their nodes)."""
    by_name: dict[str, list[tuple[int, Entity, frozenset[str]]]] = defaultdict(list)
    for idx, ents in enumerate(entities):
        works = defaultdict(set)
        for fact in records[idx].facts:
            if fact.relation == "works_at" and fact.object and (idx, fact.object) in node_of:
                works[fact.subject].add(node_of[(idx, fact.object)])
        for ent in ents:
            if ent.kind == "person" and norm(ent.name):
                by_name[norm(ent.name)].append((idx, ent, frozenset(works.get(ent.id, ()))))
    for mentions in by_name.values():
        uf = _UnionFind()
        for i, (_, _, orgs) in enumerate(mentions):
            for org in orgs:
                uf.union(("m", i), ("o", org))
        affiliated: dict = defaultdict(list)
        loose: list[tuple[int, Entity]] = []
        for i, (idx, ent, orgs) in enumerate(mentions):
            if orgs:
                affiliated[uf.find(("m", i))].append((idx, ent, orgs))
            else:
                loose.append((idx, ent))
        groups: list[tuple[list[tuple[int, Entity]], set[str]]] = [
            ([(idx, ent) for idx, ent, _ in ms], set().union(*(o for _, _, o in ms)))
            for ms in affiliated.values()]
        if len(groups) <= 1:
            members = (groups[0][0] if groups else []) + loose
            name = _canonical(members, articles)
            _assign(clusters, node_of, entity_id("person", name), name, members)
            continue
        for members, orgs in groups:
            name = _canonical(members, articles)
            org = min(clusters[o].name for o in orgs)
            _assign(clusters, node_of, f"{entity_id('person', name)}@{org}", name, members)
        if loose:
            name = _canonical(loose, articles)
            _assign(clusters, node_of, entity_id("person", name), name, loose)


def _assign(clusters: dict[str, Cluster], node_of: dict[tuple[int, str], str], node: str,
            name: str, members: Iterable[tuple[int, Entity]]) -> None:
    c = clusters.setdefault(node, Cluster(node=node, kind="person", name=name))
    for idx, ent in members:
        c.members.append((idx, ent))
        node_of[(idx, ent.id)] = node
