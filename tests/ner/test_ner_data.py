"""Alignment of character spans to Kiwi tokens, splits, and gold-format reading."""

from __future__ import annotations

import json

import pytest

from hankg.extract.ner.data import AlignmentReport, align, read_sentences, split
from hankg.extract.ner.klue import Sentence


def test_aligned_spans_are_kept_as_they_are(kiwi_nlp):
    sent = Sentence("a", "경찰은 김철수를 체포했다.", ((0, 2, "OG"), (4, 7, "PS")))
    report = AlignmentReport()
    spans = align(kiwi_nlp.make_doc(sent.text), sent, report)
    assert [(s.text, s.label_) for s in spans] == [("경찰", "OG"), ("김철수", "PS")]
    assert (report.spans, report.misaligned, report.merged) == (2, 0, 0)


def test_spans_inside_a_token_are_expanded_merged_and_counted(kiwi_nlp):
    # Kiwi keeps 남북 as one token; KLUE marks 남 and 북 as two organisations
    sent = Sentence("a", "남북 정상이 만났다.", ((0, 1, "OG"), (1, 2, "OG")))
    doc = kiwi_nlp.make_doc(sent.text)
    assert doc[0].text == "남북"
    report = AlignmentReport()
    spans = align(doc, sent, report)
    assert [(s.text, s.label_) for s in spans] == [("남북", "OG")]
    assert (report.spans, report.expanded, report.merged) == (2, 2, 1)
    assert report.by_label["OG"] == 2
    text = str(report)
    assert text.startswith("2 of 2 spans (100.0%) do not fall on Kiwi token boundaries")
    assert "merged" in text
    assert report.samples and "'남'" in report.samples[0]


def test_whitespace_only_span_is_counted_not_lost(kiwi_nlp):
    sent = Sentence("a", "가 나", ((1, 2, "LC"),))
    report = AlignmentReport()
    assert align(kiwi_nlp.make_doc(sent.text), sent, report) == []
    assert (report.spans, report.empty, report.misaligned) == (1, 1, 0)
    assert "1 held only spaces or punctuation" in str(report)


def test_edge_punctuation_and_sentence_breaks(kiwi_nlp):
    # KLUE writes <<레이:PS>; Kiwi ends a sentence after '<'
    text = "시간이 아깝다.<레이,토니스타크 연기"
    sent = Sentence("a", text, ((8, 11, "PS"), (12, 17, "PS")))
    doc = kiwi_nlp.make_doc(text)
    assert doc[[t.idx for t in doc].index(9)].is_sent_start  # 레이 starts a Kiwi sentence
    report = AlignmentReport()
    spans = align(doc, sent, report)
    assert [s.text for s in spans] == ["레이", "토니스타크"]
    assert (report.trimmed, report.misaligned) == (1, 0)
    assert "lost edge punctuation" in str(report)


def test_split_is_deterministic_and_complete():
    items = list(range(100))
    a = split(items, 7, 0.1, 0.15)
    assert a == split(items, 7, 0.1, 0.15)
    assert [len(x) for x in a] == [75, 10, 15]
    assert sorted(sum(a, [])) == items
    assert split(items, 8, 0.1)[1] != split(items, 7, 0.1)[1]


def test_gold_names_become_og_and_ps(tmp_path):
    (tmp_path / "arts").mkdir()
    (tmp_path / "arts" / "a1.txt").write_text(
        "권순일 업스테이지 부사장은 말했다.\n\nUpstage는 Upstaged와 다르다.", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"article": "a1", "organizations": [
        {"name": "업스테이지", "aliases": ["Upstage"]}], "people": [
        {"name": "권순일", "aliases": []}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    first, second = read_sentences([gold, tmp_path / "arts"])
    assert [(first.text[s:e], lab) for s, e, lab in first.entities] == [
        ("권순일", "PS"), ("업스테이지", "OG")]
    # a Latin alias never matches inside a longer Latin word
    assert [(second.text[s:e], lab) for s, e, lab in second.entities] == [("Upstage", "OG")]
    assert second.id == "a1:3"


def test_gold_without_its_article_names_the_line(tmp_path):
    (tmp_path / "arts").mkdir()
    (tmp_path / "arts" / "a1.txt").write_text("텍스트", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"article": "a1", "people": []}\n{"article": "zz", "people": []}\n',
                    encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold\.jsonl:2: article 'zz'"):
        read_sentences([gold, tmp_path / "arts"])


def test_articles_without_gold_are_refused(tmp_path):
    (tmp_path / "a.txt").write_text("텍스트", encoding="utf-8")
    with pytest.raises(ValueError, match="a.txt"):
        read_sentences([tmp_path / "a.txt"])


def test_shared_gold_with_seeds(shared):
    sents = read_sentences([shared / "gold" / "seeds.jsonl", shared / "seeds"])
    labels = {lab for s in sents for *_, lab in s.entities}
    assert labels == {"OG", "PS"}
    assert any(s.text[a:b] == "권순일" for s in sents for a, b, _ in s.entities)


@pytest.mark.parametrize(("text", "span", "expected"), [
    ("물가가 50% 올랐다", "50%", "50%"),              # % is part of a quantity
    ("(주)플로섬이 상장했다", "(주)플로섬", "(주)플로섬"),  # a bracket pair inside stays
    ("'부에노스아이레스'에서", "'부에노스아이레스'", "부에노스아이레스"),
])
def test_edge_trimming_keeps_what_belongs(kiwi_nlp, text, span, expected):
    start = text.index(span)
    sent = Sentence("a", text, ((start, start + len(span), "X"),))
    (got,) = align(kiwi_nlp.make_doc(text), sent, AlignmentReport())
    assert got.text == expected
