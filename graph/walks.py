"""The graph walked one node at a time, on networkx's own dicts: a node's edges, and paths.

A question about one name reads only that node's edges (`node_edges`), in the order networkx's
`out_edges(node)` / `in_edges(node)` give them, so its answer is the one a walk of the whole
graph gives. It reads `_adj` and `_pred`: networkx's views cost a call or two per neighbour,
three quarters of the walk.

The shortest chain of facts between two entities: `path(a, b)` was `nx.shortest_path` on an
undirected graph of every entity and fact, built at the first call: on 10,000 articles that is
almost two seconds, for a question that usually visits a few hundred nodes. Here each node's
neighbours are listed when the search reaches it, in the order that graph gave them (by the
first, in (source, target) order, of the fact edges that join them), and the search is
networkx's bidirectional breadth-first search, step for step: the same path, ties included.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

Edge = tuple[str, str, dict]


def all_facts(graph: nx.MultiDiGraph) -> list[Edge]:
    """Every fact edge, in the order networkx's `edges` gives them."""
    return [(u, v, d) for u, nbrs in graph._adj.items() for v, keyed in nbrs.items()
            for d in keyed.values() if d.get("kind") == "fact"]


def node_edges(graph: nx.MultiDiGraph, node: str) -> tuple[list[Edge], list[Edge], list[dict]]:
    """A node's fact edges out and in, and its mentions' data, as `out_edges` / `in_edges` give them."""
    out = [(node, v, d) for v, keyed in graph._adj[node].items() for d in keyed.values() if d.get("kind") == "fact"]
    into: list[Edge] = []
    mentions: list[dict] = []
    for u, keyed in graph._pred[node].items():
        for d in keyed.values():
            kind = d.get("kind")
            if kind == "fact":
                into.append((u, node, d))
            elif kind == "mentions":
                mentions.append(d)
    return out, into, mentions


def neighbours(graph: nx.MultiDiGraph, node: str) -> list[str]:
    """The entities one fact edge away from `node` (either direction; not its articles, not itself)."""
    first: dict[str, tuple[str, str]] = {}
    nodes = graph.nodes
    for v, keyed in graph._adj[node].items():
        if v != node and nodes[v].get("kind") != "article" and _has_fact(keyed):
            first[v] = (node, v)
    if nodes[node].get("kind") != "article":
        for u, keyed in graph._pred[node].items():
            if u != node and _has_fact(keyed):
                first[u] = min(first.get(u, (u, node)), (u, node))
    return sorted(first, key=first.__getitem__)


def _has_fact(keyed: dict) -> bool:
    return any(d.get("kind") == "fact" for d in keyed.values())


def hop_edges(graph: nx.MultiDiGraph, a: str, b: str) -> list[Edge]:
    """The fact edges between `a` and `b`, either direction, (source, target) order first."""
    out = []
    for u, v in sorted([(a, b), (b, a)]):
        if graph.nodes[v].get("kind") == "article" or v not in graph._adj[u]:
            continue
        out += [(u, v, d) for d in graph._adj[u][v].values() if d.get("kind") == "fact"]
    return out


def shortest_path(adj: Callable[[str], list[str]], source: str, target: str) -> list[str]:
    """networkx's `bidirectional_shortest_path`, with the neighbours of a node asked for as needed."""
    if source == target:
        return [source]
    pred: dict[str, str | None] = {source: None}
    succ: dict[str, str | None] = {target: None}
    forward, reverse = [source], [target]
    meet = None
    while forward and reverse and meet is None:
        if len(forward) <= len(reverse):
            level, forward = forward, []
            for v in level:
                for w in adj(v):
                    if w not in pred:
                        forward.append(w)
                        pred[w] = v
                    if w in succ:
                        meet = w
                        break
                if meet is not None:
                    break
        else:
            level, reverse = reverse, []
            for v in level:
                for w in adj(v):
                    if w not in succ:
                        succ[w] = v
                        reverse.append(w)
                    if w in pred:
                        meet = w
                        break
                if meet is not None:
                    break
    if meet is None:
        raise nx.NetworkXNoPath(f"No path between {source} and {target}.")
    path: list[str] = []
    w: str | None = meet
    while w is not None:
        path.append(w)
        w = pred[w]
    path.reverse()
    w = succ[path[-1]]
    while w is not None:
        path.append(w)
        w = succ[w]
    return path
