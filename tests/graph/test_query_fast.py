"""The kept answers (issue 10: indexes built once, records made once per edge, answers kept on the
object) equal what the questions gave before, on the corpus graph and the hand-built one.

`slow_query.SlowGraph` is the code before the change, walking networkx's views on every call.
Each answer is compared through its JSON (so `5` and `5.0` differ), on the fields the old code
set: a field added since is not its business.
"""

from __future__ import annotations

import pytest
from pydantic import BaseModel
from slow_query import SlowGraph

from hankg import extract_path
from hankg.graph.query import KnowledgeGraph


@pytest.fixture(scope="module")
def corpus_kg(nlp, repo) -> KnowledgeGraph:
    return KnowledgeGraph.from_records(list(extract_path(repo / "corpus", nlp=nlp)))


def same(fast, slow) -> None:
    if isinstance(slow, list):
        assert isinstance(fast, list) and len(fast) == len(slow)
        for f, s in zip(fast, slow, strict=True):
            same(f, s)
        return
    assert isinstance(slow, BaseModel) and type(fast) is type(slow)
    keys = slow.model_fields_set
    assert fast.model_dump_json(include=keys) == slow.model_dump_json(include=keys)


def questions(g) -> dict[str, object]:
    """Every question, with arguments taken from the graph, as (name → answer)."""
    orgs = g.organizations()
    people = g.people()
    models = g.models()
    out = {"organizations": orgs, "people": people, "models": models, "timeline": g.timeline(),
           "articles": g.articles(), "facts": g.facts(), "conflicts": g.conflicts()}
    for o in orgs:
        out[f"people(org={o.id})"] = g.people(org=o.id)
        out[f"facts(subject={o.id}, since=2025-08)"] = g.facts(subject=o.id, since="2025-08")
    for rel in ("works_at", "develops", "parameters", "partner_of", "programme_status"):
        out[f"facts(relation={rel})"] = g.facts(relation=rel)
        out[f"facts(relation={rel}, 2025-H2)"] = g.facts(relation=rel, since="2025-07", until="2025-12")
    for e in [*orgs, *people, *models]:
        out[f"entity({e.id})"] = g.entity(e.id)
        out[f"timeline(entity={e.id})"] = g.timeline(entity=e.id)
    ids = [e.id for e in [*orgs, *models]][:12]
    for a in ids:
        for b in ids:
            try:
                out[f"path({a}, {b})"] = g.path(a, b)
            except LookupError as e:
                out[f"path({a}, {b})"] = repr(e)
    return out


@pytest.mark.parametrize("which", ["corpus", "fixtures"])
def test_kept_answers_equal_the_walk_of_every_call(which, request):
    kg = request.getfixturevalue("corpus_kg" if which == "corpus" else "kg")
    slow = questions(SlowGraph(kg.graph))
    for _ in range(2):  # made, then kept
        fast = questions(kg)
        assert fast.keys() == slow.keys()
        for name in slow:
            if isinstance(slow[name], str):
                assert fast[name] == slow[name], name
            else:
                same(fast[name], slow[name])
    assert len(slow["timeline"]) > 20


def test_a_changed_answer_list_leaves_the_next_answer_as_it_was(kg):
    first = kg.organizations()
    n = len(first)
    first.clear()
    assert len(kg.organizations()) == n
    facts = kg.facts(relation="parameters")
    facts.pop()
    assert len(kg.facts(relation="parameters")) == len(facts) + 1


def test_refresh_answers_from_the_changed_graph(kg):
    before = {m.id for m in kg.models()}
    kg.graph.add_node("model:새모델", kind="model", name="새모델")
    assert {m.id for m in kg.models()} == before     # kept, as documented
    kg.refresh()
    assert {m.id for m in kg.models()} == before | {"model:새모델"}
    assert kg.entity("새모델").id == "model:새모델"
