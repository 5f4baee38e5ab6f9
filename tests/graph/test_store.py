"""The output folder: incremental, idempotent, atomic; facts.jsonl is the store of record."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from graph_fixtures import ent, make_records, record

from hankg.graph.store import DB, FACTS, GRAPH, OutputStore, read_records
from hankg.schema import Article


def snapshot(out):
    return (out / FACTS).read_bytes(), (out / GRAPH).read_bytes()


def test_close_writes_both_files_and_counts_the_merged_graph(tmp_path, records):
    out = tmp_path / "new" / "dir"
    store = OutputStore(out)
    for rec in records:
        store.add(rec)
    summary = store.close()
    assert (out / FACTS).exists() and (out / GRAPH).exists()
    assert summary.new == 4 and summary.articles == 4
    g = nx.read_graphml(out / GRAPH, force_multigraph=True)
    assert summary.entities == sum(d["kind"] != "article" for _, d in g.nodes(data=True))
    assert summary.facts == sum(d["kind"] == "fact" for *_, d in g.edges(data=True))
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_facts_jsonl_is_one_spec_line_per_article_in_ingestion_order(out_dir, records):
    lines = (out_dir / FACTS).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["article"] for line in lines] == ["a1", "a2", "a3", "a4"]
    assert lines[0] == json.dumps(records[0].to_spec(), ensure_ascii=False, sort_keys=False)
    assert "업스테이지" in lines[0]             # not \uXXXX-escaped


def test_reopening_and_closing_changes_no_byte(out_dir):
    before = snapshot(out_dir)
    store = OutputStore(out_dir)
    for rec in make_records():
        assert store.has(Article(id=rec.article, text=f"text of {rec.article}"))
    summary = store.close()
    assert summary.new == 0 and summary.articles == 4
    assert snapshot(out_dir) == before


def test_re_adding_the_same_records_changes_no_byte(out_dir):
    before = snapshot(out_dir)
    store = OutputStore(out_dir)
    for rec in make_records():
        store.add(rec)
    store.close()
    assert snapshot(out_dir) == before


def test_has_is_keyed_by_content_not_by_id(out_dir):
    store = OutputStore(out_dir)
    assert store.has(Article(id="another-id", text="text of a2"))
    assert not store.has(Article(id="a2", text="text of a2, corrected"))


def test_a_new_article_is_added_to_the_existing_graph(out_dir):
    store = OutputStore(out_dir)
    store.add(record("a5", "2026-02-01", [ent("organization", "업스테이지")], []))
    summary = store.close()
    assert summary.new == 1 and summary.articles == 5
    assert [r.article for r in read_records(out_dir / FACTS)] == ["a1", "a2", "a3", "a4", "a5"]
    g = nx.read_graphml(out_dir / GRAPH, force_multigraph=True)
    assert json.loads(g.nodes["org:업스테이지"]["articles"])[-1] == "a5"
    assert g.nodes["org:업스테이지"]["last_seen"] == "2026-02-01"


def test_same_id_with_new_content_replaces_in_place(out_dir):
    store = OutputStore(out_dir)
    new = record("a2", "2025-10-29", [ent("organization", "플리토")], [], text="a2 corrected")
    assert not store.has(Article(id="a2", text="a2 corrected"))
    store.add(new)
    summary = store.close()
    assert summary.articles == 4
    recs = read_records(out_dir / FACTS)
    assert [r.article for r in recs] == ["a1", "a2", "a3", "a4"]
    assert recs[1].content_hash == new.content_hash and recs[1].published == "2025-10-29"
    reopened = OutputStore(out_dir)
    assert reopened.has(Article(id="a2", text="a2 corrected"))
    assert not reopened.has(Article(id="a2", text="text of a2"))


def test_rebuild_starts_over(out_dir):
    store = OutputStore(out_dir, rebuild=True)
    assert store.records == []
    store.add(record("only", "2025-01-01", [ent("organization", "플리토")], []))
    assert store.close().articles == 1
    assert [r.article for r in read_records(out_dir / FACTS)] == ["only"]


def old_folder(out):
    """The folder as a version before the store left it: facts.jsonl and graph.graphml only."""
    for p in out.glob(f"{DB}*"):
        p.unlink()
    return out


def test_a_malformed_line_of_an_old_folder_names_file_and_line(out_dir):
    path = old_folder(out_dir) / FACTS
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(2, '{"article": "broken", "entities": "not a list"}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"facts\.jsonl:3"):
        OutputStore(out_dir)
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"facts\.jsonl:1"):
        OutputStore(out_dir)
    OutputStore(out_dir, rebuild=True)        # --rebuild is the way out


def test_user_aliases_reach_the_graph(tmp_path, records):
    table = tmp_path / "my.yaml"
    table.write_text("organizations:\n  한빛인공지능: [한빛AI, Hanbit AI]\n", encoding="utf-8")
    store = OutputStore(tmp_path / "o", aliases=[table])
    for rec in records:
        store.add(rec)
    store.close()
    g = nx.read_graphml(tmp_path / "o" / GRAPH, force_multigraph=True)
    assert "org:한빛인공지능" in g and "org:한빛AI" not in g


def test_hankg_extract_twice_is_byte_identical(tmp_path):
    """End to end through the real CLI: the second run skips everything and rewrites nothing."""
    pytest.importorskip("kiwipiepy")
    from typer.testing import CliRunner

    from hankg.cli import app

    src = tmp_path / "in"
    src.mkdir()
    text = "업스테이지는 13일 솔라를 공개했다. 권순일 업스테이지 부사장이 말했다.\n"
    (src / "one.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(app, ["extract", str(src), "--out", str(out), "-q"])
    assert first.exit_code == 0, first.output
    before = snapshot(out)
    second = runner.invoke(app, ["extract", str(src), "--out", str(out), "-q"])
    assert second.exit_code == 0, second.output
    assert "1 already in the graph" in second.output
    assert snapshot(out) == before
