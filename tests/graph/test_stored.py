"""The answers kept in the store (issue 10): a loaded store answers the whole-corpus questions from
them, with the records the graph works out, and stops using them as soon as the store changes."""

from __future__ import annotations

import sqlite3

import pytest
from graph_fixtures import ent, fact, record
from pydantic import BaseModel
from test_query_fast import questions

from hankg import extract_path
from hankg.graph import stored
from hankg.graph.query import KnowledgeGraph
from hankg.graph.store import DB, OutputStore, load
from hankg.graph.stored import StoredAnswer
from hankg.schema import entity_id

WHOLE = ("organizations", "people", "models", "timeline", "articles", "facts", "conflicts")


def same_records(fast, slow) -> None:
    """Equal records, each with the same fields set (so `exclude_unset` dumps agree too)."""
    assert len(fast) == len(slow)
    for f, s in zip(fast, slow, strict=True):
        assert type(f) is type(s) and f == s
        assert f.model_dump_json(exclude_unset=True) == s.model_dump_json(exclude_unset=True)


def store_of(folder, records):
    store = OutputStore(folder)
    store.add_all(records)
    store.close()
    return folder


@pytest.fixture(scope="module")
def corpus_store(nlp, repo, tmp_path_factory):
    return store_of(tmp_path_factory.mktemp("corpus") / "out", list(extract_path(repo / "corpus", nlp=nlp)))


@pytest.mark.parametrize("which", ["corpus", "fixtures"])
def test_a_loaded_store_answers_every_question_as_its_graph_does(which, request):
    folder = request.getfixturevalue("corpus_store" if which == "corpus" else "out_dir")
    g = load(folder)
    worked = KnowledgeGraph(g.graph)  # the same graph, answering from it
    asked, expected = questions(g), questions(worked)
    assert asked.keys() == expected.keys()
    for name in WHOLE:
        assert isinstance(asked[name], StoredAnswer), name
    for name, answer in asked.items():
        if isinstance(answer, str):
            assert answer == expected[name], name
        elif isinstance(answer, BaseModel):
            assert answer == expected[name], name
        else:
            same_records(answer, expected[name])
            assert answer == expected[name] and expected[name] == answer
    assert asked["timeline"] and asked["people"]


def test_stored_facts_keep_the_period_asked_for(out_dir):
    g = load(out_dir)
    worked = KnowledgeGraph(g.graph)
    for rel in (None, "works_at", "parameters", "programme_status"):
        for since, until in ((None, None), ("2025-08", None), (None, "2025-06"), ("2025-07", "2025-12")):
            answer = g.facts(relation=rel, since=since, until=until)
            assert isinstance(answer, StoredAnswer)
            same_records(answer, worked.facts(relation=rel, since=since, until=until))


def test_a_stored_answer_reads_like_a_list(out_dir):
    g = load(out_dir)
    answer, worked = g.timeline(), KnowledgeGraph(g.graph).timeline()
    assert len(answer) == len(worked) > 3
    assert answer[0] == worked[0] and answer[-1] == worked[-1]
    assert answer[1:3] == worked[1:3] and answer[::-2] == worked[::-2]
    assert list(reversed(answer)) == worked[::-1]
    assert answer + [] == worked and [] + answer == worked
    assert answer.index(worked[2]) == 2 and worked[2] in answer
    with pytest.raises(IndexError):
        answer[len(worked)]
    assert g.timeline()[0] is answer[0]  # read once, then kept
    copy = answer.copy()
    copy.clear()
    assert len(g.timeline()) == len(worked)


def test_adding_an_article_drops_the_answers_until_the_run_ends(out_dir):
    new = record("late", "2026-03-01", [ent("organization", "늦은랩"), ent("person", "나중인", at=10)],
                 [fact(entity_id("person", "나중인"), "works_at", entity_id("organization", "늦은랩"), role="대표")])
    before = len(load(out_dir).organizations())
    store = OutputStore(out_dir)
    store.add(new)
    store.flush()
    mid = load(out_dir)  # mid-run: no stored answers, the graph's rows as of the last refresh
    assert not isinstance(mid.organizations(), StoredAnswer)
    assert stored.StoredAnswers.open(out_dir / DB) is None
    store.close()
    after = load(out_dir)
    orgs = after.organizations()
    assert isinstance(orgs, StoredAnswer) and len(orgs) == before + 1
    assert "늦은랩" in [o.name for o in orgs]
    same_records(orgs, KnowledgeGraph(after.graph).organizations())


def test_answers_from_other_code_or_a_stale_store_are_not_read(out_dir, monkeypatch):
    assert isinstance(load(out_dir).models(), StoredAnswer)
    db = sqlite3.connect(out_dir / DB)
    with db:
        db.execute("UPDATE meta SET value = '1' WHERE key = 'stale'")
    assert not isinstance(load(out_dir).models(), StoredAnswer)
    with db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'stale'")
    db.close()
    monkeypatch.setattr(stored, "code", lambda: "other")
    assert not isinstance(load(out_dir).models(), StoredAnswer)
    OutputStore(out_dir).close()  # the next run writes them again, for this code
    assert isinstance(load(out_dir).models(), StoredAnswer)


def test_a_store_rewritten_under_a_loaded_graph_answers_from_the_graph(out_dir):
    g = load(out_dir)
    answer = g.people()
    worked = KnowledgeGraph(g.graph).people()
    store = OutputStore(out_dir)
    store.add(record("other", "2026-04-01", [ent("organization", "다른랩")], []))
    store.close()
    same_records(answer, worked)  # its pages are gone: the graph loaded before works them out


def test_a_changed_graph_stops_using_the_store(out_dir):
    g = load(out_dir)
    assert isinstance(g.models(), StoredAnswer)
    g.graph.remove_nodes_from([n for n, k in g.graph.nodes(data="kind") if k == "model"][:1])
    g.refresh()
    assert isinstance(g.models(), list)
    assert len(g.models()) == len(KnowledgeGraph(g.graph).models())


def test_a_lazy_graph_is_read_only_when_a_question_needs_it(out_dir):
    g = load(out_dir, lazy=True)
    assert g._graph is None
    assert len(g.models()) and g._graph is None
    org = g.organizations()[0]
    assert g.people(org=org.id) == load(out_dir).people(org=org.id)
    assert g._graph is not None


def test_names_resolve_from_the_store_as_from_the_graph(out_dir):
    g = load(out_dir)
    worked = KnowledgeGraph(g.graph)
    names = {n for node, d in g.graph.nodes(data=True) if d.get("kind") != "article"
             for n in (node, d.get("name"), "없는이름")}
    for name in sorted(filter(None, names)):
        try:
            expected = worked.resolve(name)
        except KeyError as e:
            with pytest.raises(type(e)):
                g.resolve(name)
        else:
            assert g.resolve(name) == expected


def test_paths_walked_a_node_at_a_time_are_the_ones_networkx_finds():
    """`path` on a graph with many ties (few names, many articles) against the old search."""
    from slow_query import SlowGraph
    from test_store_db import synthetic

    kg = KnowledgeGraph.from_records(synthetic(40))
    slow = SlowGraph(kg.graph)
    ids = sorted(n for n, k in kg.graph.nodes(data="kind") if k != "article")
    assert len(ids) > 8
    for a in ids:
        for b in ids:
            try:
                expected = slow.path(a, b)
            except LookupError as e:
                with pytest.raises(type(e)):
                    kg.path(a, b)
            else:
                assert [s.model_dump() for s in kg.path(a, b)] == [s.model_dump() for s in expected], (a, b)


def test_a_loaded_graph_pickles_with_its_answers(out_dir):
    import pickle

    g = load(out_dir)
    first, org = g.timeline()[0], g.organizations()[0].id
    staff = g.people(org=org)  # records of edges made before pickling are not carried over
    again = pickle.loads(pickle.dumps(g))
    assert again.timeline() == g.timeline() and again.timeline()[0] == first
    assert again.people(org=org) == staff and again.entity(org) == g.entity(org)
    lazy = pickle.loads(pickle.dumps(load(out_dir, lazy=True)))
    assert lazy.people(org=org) == staff


def test_answers_are_kept_once_enough_of_the_store_is_new(nlp, repo, tmp_path, monkeypatch):
    """Working the answers out costs the whole graph: a run keeps them when 1/ANSWERS_EVERY of the
    store is new since they were kept (or when asked to), not for every article added."""
    from hankg.graph import store as store_module

    monkeypatch.setattr(store_module, "ANSWERS_ALWAYS", 0)
    monkeypatch.setattr(store_module, "ANSWERS_EVERY", 5)
    records = list(extract_path(repo / "corpus", nlp=nlp))
    folder = tmp_path / "out"

    def run(recs, **kw) -> bool:
        store = OutputStore(folder, **kw)
        store.add_all(recs)
        store.close()
        db = sqlite3.connect(folder / DB)
        try:
            return stored.current(db)
        finally:
            db.close()

    assert run(records[:8])  # all new: kept
    assert not run(records[8:9])  # 1 of 9 new: 5 × 1 < 9
    assert not isinstance(load(folder).organizations(), StoredAnswer)  # worked out from the graph meanwhile
    assert run([], keep_answers=True)  # asked for: kept now
    assert not run(records[9:10])  # 1 of 10 since then: 5 × 1 < 10


# -- answers written back by a loaded graph ------------------------------------------------
def _add(folder, *records) -> None:
    """A run that adds `records` and is not due to keep the answers."""
    store = OutputStore(folder, keep_answers=False)
    store.add_all(records)
    store.close()


def _late(name: str):
    org = f"{name}랩"
    return record(name, "2026-05-01", [ent("organization", org), ent("person", f"{name}인", at=10)],
                  [fact(entity_id("person", f"{name}인"), "works_at", entity_id("organization", org), role="대표")])


def test_an_answer_worked_out_is_written_back_for_the_next_load(out_dir):
    _add(out_dir, _late("추가"))
    assert stored.StoredAnswers.open(out_dir / DB).index == {}  # no current answers: the run was not due
    first = load(out_dir)
    worked = KnowledgeGraph(first.graph)
    asked = {name: getattr(first, name)() for name in WHOLE}
    sliced = first.facts(relation="works_at", since="2026-01-01")
    for name, answer in asked.items():
        assert not isinstance(answer, StoredAnswer), name
        same_records(answer, getattr(worked, name)())
    assert "추가랩" in [o.name for o in asked["organizations"]]
    again = load(out_dir)  # as another process would: from the store
    for name, answer in asked.items():
        fast = getattr(again, name)()
        assert isinstance(fast, StoredAnswer), name
        same_records(fast, answer)
    same_records(again.facts(relation="works_at", since="2026-01-01"), sliced)
    assert isinstance(again.facts(relation="works_at"), StoredAnswer)
    assert again.resolve("추가랩") == worked.resolve("추가랩")  # names from the graph: no stored index
    db = sqlite3.connect(out_dir / DB)
    try:
        assert not stored.current(db)  # the whole set is still for the next due run to keep
    finally:
        db.close()


def test_a_written_back_answer_goes_with_the_next_article(out_dir):
    _add(out_dir, _late("하나"))
    load(out_dir).organizations()
    assert isinstance(load(out_dir).organizations(), StoredAnswer)
    _add(out_dir, _late("둘"))
    assert "organizations" not in stored.StoredAnswers.open(out_dir / DB)
    after = load(out_dir)
    orgs = after.organizations()
    assert not isinstance(orgs, StoredAnswer) and "둘랩" in [o.name for o in orgs]
    same_records(orgs, KnowledgeGraph(after.graph).organizations())
    same_records(load(out_dir).organizations(), orgs)


def test_an_answer_of_a_graph_loaded_before_the_store_changed_is_not_written_back(out_dir):
    _add(out_dir, _late("먼저"))
    before = load(out_dir)  # content as of now
    _add(out_dir, _late("나중"))  # a run adds an article meanwhile
    assert "나중랩" not in [o.name for o in before.organizations()]  # worked out from the older graph
    assert "organizations" not in stored.StoredAnswers.open(out_dir / DB)  # and not kept
    store = OutputStore(out_dir, keep_answers=False)
    store.add(_late("중간"))
    store.flush()  # mid-run: stale rows, nothing is written back
    load(out_dir).organizations()
    store.close()
    assert "organizations" not in stored.StoredAnswers.open(out_dir / DB)


def test_a_scoped_graph_writes_back_only_the_answer_it_is_for(out_dir):
    _add(out_dir, _late("범위"))
    g = load(out_dir, "organization", lazy=True)
    g.organizations()
    g.models()  # an organization's edges are not all a model's
    kept = stored.StoredAnswers.open(out_dir / DB)
    assert "organizations" in kept and "models" not in kept
    same_records(load(out_dir).organizations(), KnowledgeGraph(load(out_dir).graph).organizations())


def test_an_unwritable_store_still_answers(out_dir, monkeypatch):
    import os

    _add(out_dir, _late("읽기"))
    expected = KnowledgeGraph(load(out_dir).graph).organizations()
    if os.geteuid() != 0:  # root writes whatever the permissions
        (out_dir / DB).chmod(0o444)
        try:
            same_records(load(out_dir).organizations(), expected)
            assert "organizations" not in stored.StoredAnswers.open(out_dir / DB)
        finally:
            (out_dir / DB).chmod(0o644)
    connect = sqlite3.connect

    def failing(target, *args, **kw):
        if "mode=rw" in str(target):
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return connect(target, *args, **kw)

    monkeypatch.setattr(stored.sqlite3, "connect", failing)
    same_records(load(out_dir).organizations(), expected)
    monkeypatch.setattr(stored.sqlite3, "connect", connect)
    assert "organizations" not in stored.StoredAnswers.open(out_dir / DB)


def test_a_locked_store_is_not_waited_for(out_dir, monkeypatch):
    import time

    _add(out_dir, _late("잠금"))
    monkeypatch.setattr(stored, "BUSY_SECONDS", 0.05)
    g = load(out_dir)
    lock = sqlite3.connect(out_dir / DB, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")  # a run's transaction
    try:
        t = time.monotonic()
        same_records(g.organizations(), KnowledgeGraph(g.graph).organizations())
        assert time.monotonic() - t < 5
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    assert "organizations" not in stored.StoredAnswers.open(out_dir / DB)
