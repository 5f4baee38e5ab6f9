"""`hankg.scoring` must give exactly what the reference scorer (shared/tools/score.py) gives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hankg.scoring import CORE, EXTRA, evaluate, format_table, norm, read_jsonl

GOLD = [
    {"article": "g1", "published": "2026-01-18",
     "organizations": [{"name": "다온랩", "aliases": ["Daonlab"]}, {"name": "누리칩스", "aliases": []},
                       {"name": "한빛일보", "aliases": []}],
     "people": [{"name": "윤서하", "aliases": [],
                 "roles": [{"org": "다온랩", "role": "대표", "role_aliases": ["대표이사"]}]},
                {"name": "정수아", "aliases": [], "roles": [{"org": "한빛일보", "role": "기자"}]}],
     "models": [{"name": "별빛", "aliases": ["Byeolbit"], "developers": ["다온랩"]},
                {"name": "하늘", "aliases": [], "developers": ["누리칩스"]}],
     "parameters": [{"subject": "별빛", "subject_alternatives": ["다온랩"], "value": 7e10, "max": None},
                    {"subject": "하늘", "value": 3e10, "max": 4e10}],
     "partners": [{"org": "누리칩스", "lead": "다온랩", "role": "칩 설계"}],
     "status": [{"org": "다온랩", "status": "selected", "date": None},
                {"org": "누리칩스", "status": "eliminated", "date": None}],
     "dates": [{"text": "지난 15일", "value": "2026-01-15"}, {"text": "올해 상반기", "value": "2026-H1"},
               {"text": "13일", "value": None}]},
    {"article": "g2", "organizations": [{"name": "미르랩", "aliases": []}]},
]


def ent(kind: str, name: str, aliases=()) -> dict:
    prefix = {"organization": "org", "person": "person", "model": "model"}[kind]
    return {"id": f"{prefix}:{name}", "kind": kind, "name": name, "aliases": list(aliases),
            "mentions": []}


def fact(subject: str, relation: str, object: str | None = None, **kw) -> dict:
    return {"subject": subject, "relation": relation, "object": object, "role": None, "value": None,
            "max": None, "unit": None, "date": None, "evidence": {"start": 0, "end": 1},
            "extractor": "test", **kw}


FACTS = [
    {"article": "g1", "published": "2026-01-18",
     "entities": [ent("organization", "Daonlab", ["다온 랩"]), ent("organization", "누리칩스"),
                  ent("organization", "가온데이터"), ent("person", "윤서하"), ent("person", "정수아"),
                  ent("model", "Byeolbit"), ent("model", "‘하늘’")],
     "facts": [fact("person:윤서하", "works_at", "org:Daonlab", role="대표 이사"),
               fact("org:Daonlab", "develops", "model:Byeolbit"),
               fact("org:누리칩스", "develops", "model:Byeolbit"),
               fact("org:Daonlab", "parameters", value=7.05e10, unit="params"),
               fact("model:‘하늘’", "parameters", value=3e10, max=5e10, unit="params"),
               fact("org:누리칩스", "partner_of", "org:Daonlab", role="칩 설계"),
               fact("org:Daonlab", "programme_status", role="selected"),
               fact("org:누리칩스", "programme_status", role="passed")],
     "dates": [{"text": "지난 15일", "value": "2026-01-15", "start": 0, "end": 5},
               {"text": "15일", "value": "2026-01-15", "start": 9, "end": 12},
               {"text": "지난해 말", "value": "2025-12", "start": 20, "end": 25},
               {"text": "13일", "value": None, "start": 30, "end": 33}]},
    {"article": "not-in-gold", "entities": [ent("organization", "아무개")], "facts": [], "dates": []},
]

# hand-counted (tp, fp, fn) for the pair above
EXPECTED = {
    "organizations": (2, 1, 2), "people": (2, 0, 0), "models": (2, 0, 0), "works_at": (1, 0, 1),
    "develops": (1, 1, 1), "parameters": (1, 1, 1), "dates": (1, 1, 1), "partner_of": (1, 0, 0),
    "programme_status": (1, 1, 1), "core": (10, 4, 6),
}


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def reference(score_py: Path, gold: Path, facts: Path) -> dict:
    done = subprocess.run([sys.executable, str(score_py), str(gold), str(facts), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def ours(gold: Path, facts: Path) -> dict:
    return evaluate(read_jsonl(gold), read_jsonl(facts)).as_dict()


def assert_same(a: dict, b: dict) -> None:
    assert a["missing_articles"] == b["missing_articles"]
    assert set(a["scores"]) == set(b["scores"])
    for cat, s in a["scores"].items():
        t = b["scores"][cat]
        assert (s["tp"], s["fp"], s["fn"]) == (t["tp"], t["fp"], t["fn"]), cat
        for k in ("p", "r", "f1"):
            assert s[k] == pytest.approx(t[k], abs=1e-12), (cat, k)


@pytest.fixture(scope="module")
def score_py(shared) -> Path:
    path = shared / "tools" / "score.py"
    if not path.is_file():
        pytest.skip(f"{path} is not there")
    return path


@pytest.fixture
def pair(tmp_path) -> tuple[Path, Path]:
    return write_jsonl(tmp_path / "gold.jsonl", GOLD), write_jsonl(tmp_path / "facts.jsonl", FACTS)


def test_hand_counted_scores(pair):
    table = evaluate(read_jsonl(pair[0]), read_jsonl(pair[1])).table
    assert {c: (t.tp, t.fp, t.fn) for c, t in table.items()} == EXPECTED


def test_missing_articles_are_listed(pair):
    assert evaluate(read_jsonl(pair[0]), read_jsonl(pair[1])).missing == ["g2"]


def test_agrees_with_the_reference_scorer(score_py, pair):
    assert_same(ours(*pair), reference(score_py, *pair))


@pytest.mark.parametrize("category", [*CORE, *EXTRA])
def test_agrees_category_by_category_on_empty_output(score_py, tmp_path, category):
    """No system output at all: every gold item is missed, precision follows the same rule."""
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    facts = write_jsonl(tmp_path / "facts.jsonl", [{"article": "g1"}])
    a, b = ours(gold, facts), reference(score_py, gold, facts)
    assert a["scores"][category] == pytest.approx(b["scores"][category])


def gold_to_facts(gold: dict) -> dict:
    """The facts.jsonl line a perfect extractor would write for this gold line."""
    kinds = {"organizations": "organization", "people": "person", "models": "model"}
    ids: dict[str, str] = {}
    entities = []
    for cat, kind in kinds.items():
        for g in gold.get(cat, []):
            e = ent(kind, g["name"], g.get("aliases") or [])
            ids.setdefault(g["name"], e["id"])
            entities.append(e)
    facts = []
    for p in gold.get("people", []):
        for r in p.get("roles", []):
            if r.get("role"):
                facts.append(fact(ids[p["name"]], "works_at", ids[r["org"]], role=r["role"]))
    for m in gold.get("models", []):
        for d in m.get("developers", []):
            facts.append(fact(ids[d], "develops", ids[m["name"]]))
    for p in gold.get("parameters", []):
        facts.append(fact(ids[p["subject"]], "parameters", value=p["value"], max=p.get("max"),
                          unit="params"))
    for p in gold.get("partners", []):
        facts.append(fact(ids[p["org"]], "partner_of", ids[p["lead"]], role=p.get("role")))
    for s in gold.get("status", []):
        facts.append(fact(ids[s["org"]], "programme_status", role=s["status"], date=s.get("date")))
    dates = [{"text": d.get("text", ""), "value": d["value"], "start": 0, "end": 1}
             for d in gold.get("dates", [])]
    return {"article": gold["article"], "published": gold.get("published"), "entities": entities,
            "facts": facts, "dates": dates}


def test_seed_gold_scored_against_itself(score_py, shared, tmp_path):
    gold_path = shared / "gold" / "seeds.jsonl"
    if not gold_path.is_file():
        pytest.skip(f"{gold_path} is not there")
    gold = list(read_jsonl(gold_path).values())
    facts = write_jsonl(tmp_path / "facts.jsonl", [gold_to_facts(g) for g in gold])
    a, b = ours(gold_path, facts), reference(score_py, gold_path, facts)
    assert_same(a, b)
    assert a["missing_articles"] == []
    assert a["scores"]["core"]["f1"] == 1.0
    assert all(s["f1"] == 1.0 for s in a["scores"].values())


def test_seed_extraction_scored_by_both(score_py, shared, nlp, tmp_path):
    """On real extractor output (misses and extras included) the two scorers still agree."""
    from hankg.extract.pipeline import extract
    from hankg.extract.readers import read_inputs
    from hankg.schema import ArticleRecord

    gold_path = shared / "gold" / "seeds.jsonl"
    if not gold_path.is_file() or not (shared / "seeds").is_dir():
        pytest.skip("no seeds")
    records = [r.to_spec() for r in extract(read_inputs([shared / "seeds"]), nlp)
               if isinstance(r, ArticleRecord)]
    facts = write_jsonl(tmp_path / "facts.jsonl", records)
    assert_same(ours(gold_path, facts), reference(score_py, gold_path, facts))


@pytest.mark.parametrize(("a", "b"), [
    ("업스테이지", "업 스테이지"),
    ("LG AI연구원", "lg ai연구원"),
    ("A.X K1", "a.x  k1"),
    ("‘솔라’", "솔라"),
    ('"솔라"', "솔라"),
    ("과기정통부·과기부", "과기정통부ㆍ과기부"),
    ("\u1100\u1161", "가"),  # NFD jamo → NFC syllable
    ("솔라\u3000오픈\t", "솔라오픈"),  # every kind of space goes, the ideographic one too
    ("업\u00a0스테이지\n", "업스테이지"),
])
def test_name_normalisation(a, b):
    assert norm(a) == norm(b)


@pytest.mark.parametrize(("a", "b"), [("솔라", "솔라2"), ("A.X", "AX"), ("LG", "LG AI")])
def test_normalisation_keeps_real_differences(a, b):
    assert norm(a) != norm(b)


def test_bad_line_names_file_and_line(tmp_path):
    path = tmp_path / "facts.jsonl"
    path.write_text('{"article": "a"}\n{not json\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"facts\.jsonl:2"):
        read_jsonl(path)
    path.write_text('{"article": "a"}\n\n{"no_article": 1}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"facts\.jsonl:3"):
        read_jsonl(path)


def test_format_table_lists_every_category(pair):
    text = format_table(evaluate(read_jsonl(pair[0]), read_jsonl(pair[1])))
    for cat in (*CORE, *EXTRA, "core"):
        assert cat in text
    assert text.splitlines()[-1].startswith("core F1 ")
    assert "10/4/6" in text
