"""The SQLite store: incremental runs give the bytes a full rebuild gives; imports, errors, reads."""

from __future__ import annotations

import io
import json
import random
import sqlite3

import networkx as nx
import pytest
from graph_fixtures import ent, fact, make_records, record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hankg.data import actors as load_actors
from hankg.graph.build import build_graph
from hankg.graph.query import KnowledgeGraph
from hankg.graph.store import DB, FACTS, GRAPH, OutputStore, StoreError, load, read_article, spec_line
from hankg.schema import Article, ArticleRecord, entity_id

ROLES = ("대표", "부사장", "연구원", "기자")


def synthetic(n: int, seed: int = 3, start: int = 0) -> list[ArticleRecord]:
    """Made-up records over a small pool of names, so that nodes merge and namesakes meet."""
    rnd = random.Random(seed)
    orgs = ["업스테이지", "Upstage", "SKT", "한빛AI", "Hanbit AI", "가온랩", "누리연구원"]
    people = ["김성훈", "권순일", "이하늘", "박가온"]
    models = ["솔라", "EXAONE", "누리 1.0", "A.X K1"]
    out = []
    for i in range(start, start + n):
        ents, facts = {}, []
        for j in range(rnd.randint(1, 4)):
            org, person = rnd.choice(orgs), rnd.choice(people)
            for kind, name in (("organization", org), ("person", person)):
                ents.setdefault(entity_id(kind, name), ent(kind, name, at=10 * j))
            if rnd.random() < 0.7:
                facts.append(fact(entity_id("person", person), "works_at", entity_id("organization", org),
                                  role=rnd.choice(ROLES), at=10 * j))
            if rnd.random() < 0.5:
                model = rnd.choice(models)
                ents.setdefault(entity_id("model", model), ent("model", model, at=10 * j + 5))
                facts.append(fact(entity_id("organization", org), "develops", entity_id("model", model)))
                facts.append(fact(entity_id("model", model), "parameters", value=float(rnd.choice((7, 32, 100))) * 1e9,
                                  unit="params", date=rnd.choice((None, "2025-12", "2026-H1"))))
        out.append(record(f"s{i:04d}", rnd.choice((None, "2025-08-13", "2026-01-15")), list(ents.values()), facts,
                          title=rnd.choice((None, 'a "quoted" & <odd> title'))))
    return out


def reference(records: list[ArticleRecord], actors=None) -> tuple[bytes, bytes]:
    """What the version before the store wrote: every record rebuilt, networkx's writer."""
    latest = {r.article: r for r in records}
    facts = "".join(spec_line(r) + "\n" for r in latest.values()).encode("utf-8")
    buf = io.BytesIO()
    nx.write_graphml_xml(build_graph(records, actors or load_actors()), buf, encoding="utf-8")
    return facts, buf.getvalue()


def files(out) -> tuple[bytes, bytes]:
    return (out / FACTS).read_bytes(), (out / GRAPH).read_bytes()


def run(out, records, **kw):
    store = OutputStore(out, **kw)
    for rec in records:
        store.add(rec)
    return store.close()


def test_runs_that_add_a_few_at_a_time_write_what_one_full_rebuild_writes(tmp_path):
    recs = synthetic(60)
    out = tmp_path / "out"
    done: list[ArticleRecord] = []
    for lo, hi in ((0, 25), (25, 26), (26, 60)):
        run(out, recs[lo:hi], batch_size=7)
        done += recs[lo:hi]
        assert files(out) == reference(done)


def test_a_namesake_arriving_later_renames_nodes_and_the_edges_follow(tmp_path):
    out = tmp_path / "out"
    first = record("p1", "2025-01-01", [ent("person", "김성훈"), ent("organization", "업스테이지")],
                   [fact("person:김성훈", "works_at", "org:업스테이지", role="대표")])
    run(out, [first])
    assert "person:김성훈" in load(out).graph
    second = record("p2", "2025-02-01", [ent("person", "김성훈"), ent("organization", "LG AI연구원")],
                    [fact("person:김성훈", "works_at", "org:LG AI연구원", role="원장")])
    run(out, [second])
    g = load(out).graph
    assert {"person:김성훈@업스테이지", "person:김성훈@LG AI연구원"} <= set(g) and "person:김성훈" not in g
    assert files(out) == reference([first, second])


def test_a_replaced_record_keeps_its_place_and_its_old_edges_go(tmp_path):
    recs = make_records()
    out = tmp_path / "out"
    run(out, recs)
    newer = record("a2", "2025-10-29", [ent("organization", "플리토")], [], text="a2 corrected")
    run(out, [newer])
    assert files(out) == reference([*recs, newer])
    assert not [e for e in load(out).graph.edges(keys=True) if e[2].startswith("a2:") and "플리토" not in e[1]]


def test_other_aliases_redo_the_graph_even_with_nothing_new(tmp_path):
    recs = make_records()
    out = tmp_path / "out"
    run(out, recs)
    table = tmp_path / "my.yaml"
    table.write_text("organizations:\n  한빛인공지능: [한빛AI, Hanbit AI]\n", encoding="utf-8")
    run(out, [], aliases=[table])
    assert files(out) == reference(recs, load_actors((str(table),)))
    run(out, [])
    assert files(out) == reference(recs)


def test_an_old_folder_is_imported_on_first_use(tmp_path):
    recs = make_records()
    out = tmp_path / "old"
    out.mkdir()
    (out / FACTS).write_bytes(reference(recs)[0])
    store = OutputStore(out)
    assert store.has(Article(id="x", text="text of a3"))
    summary = store.close()
    assert summary.imported == 4 and summary.new == 0 and summary.articles == 4
    assert files(out) == reference(recs)
    assert OutputStore(out).close().imported == 0       # once


def test_the_store_keeps_each_articles_text_and_metadata(tmp_path):
    store = OutputStore(tmp_path / "out")
    art = Article(id="t1", text="권순일 업스테이지 부사장은 말했다.", published="2025-08-13", title="제목",
                  url="https://example.test/t1", source="테스트일보", path="in/t1.txt")
    rec = record("t1", "2025-08-13", [ent("person", "권순일")], [], text=art.text, title="제목")
    store.add(rec, art)
    assert store.article("t1") == art
    store.close()
    assert read_article(tmp_path / "out", "t1") == art
    assert read_article(tmp_path / "out", "nope") is None and read_article(tmp_path / "none", "t1") is None
    db = sqlite3.connect(tmp_path / "out" / DB)
    assert db.execute("SELECT text, path FROM articles WHERE id = 't1'").fetchone() == (art.text, "in/t1.txt")


def test_records_are_committed_a_batch_at_a_time(tmp_path):
    out = tmp_path / "out"
    store = OutputStore(out, batch_size=3, batch_seconds=3600)
    recs = synthetic(7)
    committed = []
    for rec in recs:
        store.add(rec)
        other = sqlite3.connect(out / DB)           # what a reader (or the next run) sees
        committed.append(other.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        other.close()
    assert committed == [0, 0, 3, 3, 3, 6, 6]
    store.abandon()                                  # a run cut short: its finished articles stay
    assert OutputStore(out).close().articles == 7


def test_loading_from_the_store_answers_as_the_graphml_does(tmp_path):
    recs = make_records() + synthetic(30)
    out = tmp_path / "out"
    run(out, recs)
    from_store, from_file = load(out), KnowledgeGraph.load(out / GRAPH)
    assert list(from_store.graph.nodes(data=True)) == list(from_file.graph.nodes(data=True))
    assert list(from_store.graph.edges(keys=True, data=True)) == list(from_file.graph.edges(keys=True, data=True))
    for ask in (lambda g: g.models(), lambda g: g.organizations(), lambda g: g.people(org="Upstage"),
                lambda g: g.timeline(), lambda g: g.facts(relation="parameters")):
        assert ask(from_store) == ask(from_file)


def test_a_full_disk_fails_clearly_and_keeps_the_committed_batches(tmp_path):
    out = tmp_path / "out"
    run(out, make_records())
    before = files(out)
    store = OutputStore(out, batch_size=1000)
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages + 2}")   # SQLite's own "disk is full"
    big = [record(f"big{i}", None, [ent("organization", f"기관{i}{'가' * 3000}")], []) for i in range(40)]
    with pytest.raises(StoreError, match="full"):
        for rec in big:
            store.add(rec)
        store.close()
    store.abandon()
    assert files(out) == before
    again = OutputStore(out)
    assert again.close().articles == 4
    assert files(out) == before


def test_an_output_folder_that_cannot_be_made_is_a_store_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open the store"):
        OutputStore(blocker / "out")


def test_facts_jsonl_of_the_store_is_one_line_per_article_in_ingestion_order(tmp_path):
    recs = synthetic(5)
    out = tmp_path / "out"
    run(out, list(reversed(recs)))
    lines = (out / FACTS).read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["article"] for x in lines] == [r.article for r in reversed(recs)]


@pytest.mark.parametrize("args", [
    ["organizations"], ["people"], ["people", "--org", "Upstage"], ["models"], ["timeline"],
    ["timeline", "--entity", "솔라"], ["entity", "업스테이지"], ["path", "업스테이지", "솔라"],
    ["facts", "--relation", "parameters"], ["facts", "--subject", "SKT", "--since", "2025-08"]])
def test_every_query_from_the_store_prints_what_the_graphml_gives(tmp_path, args):
    from typer.testing import CliRunner

    from hankg.cli import app

    out = tmp_path / "out"
    run(out, make_records() + synthetic(40))
    runner = CliRunner()
    for fmt in (["--json"], []):
        from_store = runner.invoke(app, ["query", *args, "--graph", str(out), *fmt])
        from_file = runner.invoke(app, ["query", *args, "--graph", str(out / GRAPH), *fmt])
        assert from_store.exit_code == from_file.exit_code == 0, from_store.output
        assert from_store.stdout == from_file.stdout


@pytest.mark.parametrize("fmt", ["graphml", "csv", "json"])
def test_exports_streamed_from_the_store_equal_those_of_the_loaded_graph(tmp_path, fmt):
    from typer.testing import CliRunner

    from hankg.cli import app
    from hankg.graph.export import export

    out = tmp_path / "out"
    run(out, make_records() + synthetic(30))
    result = CliRunner().invoke(app, ["export", "--graph", str(out), "--format", fmt, "--to", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    export(KnowledgeGraph.load(out / GRAPH).graph, fmt, tmp_path / "g")
    if fmt == "csv":
        for name in ("nodes.csv", "edges.csv"):
            assert (tmp_path / "s" / name).read_bytes() == (tmp_path / "g" / name).read_bytes()
    else:
        assert (tmp_path / "s").read_bytes() == (tmp_path / "g").read_bytes()
    if fmt == "graphml":
        assert (tmp_path / "s").read_bytes() == (out / GRAPH).read_bytes()


def test_a_store_of_another_version_is_refused_with_the_way_out(tmp_path):
    out = tmp_path / "out"
    run(out, make_records())
    db = sqlite3.connect(out / DB)
    db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="another hankg.*--rebuild"):
        OutputStore(out)
    assert run(out, [], rebuild=True).articles == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 10_000), st.lists(st.integers(1, 12), min_size=1, max_size=4),
       st.lists(st.integers(0, 40), max_size=3))
def test_any_sequence_of_runs_writes_what_one_full_rebuild_writes(tmp_path_factory, seed, runs, redo):
    """Runs of any sizes, some re-extracting an earlier id with other content: the files are always
    those of the version before the store, rebuilt from every record."""
    out = tmp_path_factory.mktemp("runs") / "out"
    pool = synthetic(sum(runs) + len(redo), seed=seed)
    done: list[ArticleRecord] = []
    at = 0
    for n in runs:
        batch = pool[at:at + n]
        at += n
        if redo and done:
            old = done[redo.pop() % len(done)]
            batch.append(pool[at].model_copy(update={"article": old.article}))
            at += 1
        run(out, batch, batch_size=5)
        done += batch
        assert files(out) == reference(done)


def test_new_edge_code_rebuilds_every_articles_edges(tmp_path, monkeypatch):
    from hankg.graph import materialize

    out = tmp_path / "out"
    run(out, make_records())
    real = materialize._fact_edges

    def tagged(idx, rec, res):
        for u, v, key, attrs in real(idx, rec, res):
            yield u, v, key, {**attrs, "tag": "new"}

    monkeypatch.setattr(materialize, "_fact_edges", tagged)
    monkeypatch.setattr(materialize, "_edge_code", lambda: "changed")
    run(out, [])                                   # nothing new, yet the edges follow the code
    facts = [d for *_, d in load(out).graph.edges(data=True) if d["kind"] == "fact"]
    assert facts and all(d["tag"] == "new" for d in facts)


def test_records_stored_under_another_schema_are_written_as_today(tmp_path):
    out = tmp_path / "out"
    recs = make_records()
    run(out, recs)
    db = sqlite3.connect(out / DB)
    line = db.execute("SELECT record FROM articles WHERE id = 'a1'").fetchone()[0]
    old = json.loads(line)
    del old["dates"]                                  # as a version without that field stored it
    db.execute("UPDATE articles SET record = ? WHERE id = 'a1'", (json.dumps(old, ensure_ascii=False),))
    db.execute("UPDATE meta SET value = 'older' WHERE key = 'record_schema'")
    db.commit()
    db.close()
    run(out, [])
    assert files(out)[0] == reference(recs)[0].replace(b'"dates": [{"text": "13\xec\x9d\xbc", "value": "2025-08-13", '
                                                       b'"start": 5, "end": 8}]', b'"dates": []')
