"""KLUE-NER TSV reading: offsets from the character lines, ids from the `##` lines."""

from __future__ import annotations

import pytest

from hankg.extract.ner.klue import Sentence, looks_like_klue, markup, read_klue, write_klue

TSV = """## 토큰, 레이블 구분자 : \\t
## 컬럼명 : CHAR\tNE_TAG
## s-0\t<김철수:PS>는 <1일:DT> 출근했다.
김\tB-PS
철\tI-PS
수\tI-PS
는\tO
 \tO
1\tB-DT
일\tI-DT
 \tO
출\tO
근\tO
했\tO
다\tO
.\tO

## s-1\t<서울:LC><시청:OG>
서\tB-LC
울\tI-LC
시\tB-OG
청\tI-OG

"""


@pytest.fixture
def tsv(tmp_path):
    path = tmp_path / "tiny.tsv"
    path.write_text(TSV, encoding="utf-8")
    return path


def test_sentences_text_ids_and_offsets(tsv):
    first, second = read_klue(tsv)
    assert first.id == "s-0"
    assert first.text == "김철수는 1일 출근했다."
    assert first.entities == ((0, 3, "PS"), (5, 7, "DT"))
    assert [first.text[s:e] for s, e, _ in first.entities] == ["김철수", "1일"]
    assert first.where == f"{tsv}:4"
    # adjacent spans of different labels stay apart
    assert second.entities == ((0, 2, "LC"), (2, 4, "OG"))


def test_markup_matches_the_header_line(tsv):
    first, second = read_klue(tsv)
    assert markup(first) == "<김철수:PS>는 <1일:DT> 출근했다."
    assert markup(second) == "<서울:LC><시청:OG>"


@pytest.mark.parametrize(("tags", "spans"), [
    (["O", "I-PS", "I-PS", "O"], [(1, 3, "PS")]),            # I- without B- opens a span
    (["B-OG", "B-OG", "O"], [(0, 1, "OG"), (1, 2, "OG")]),   # B- after B- is a new span
    (["B-PS", "I-OG"], [(0, 1, "PS"), (1, 2, "OG")]),        # label change closes the span
])
def test_bio_edge_cases(tmp_path, tags, spans):
    path = tmp_path / "edge.tsv"
    path.write_text("## x\n" + "".join(f"가\t{t}\n" for t in tags), encoding="utf-8")
    (sent,) = read_klue(path)
    assert list(sent.entities) == spans


def test_bad_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("## x\n가\tO\n나\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:3"):
        list(read_klue(path))


def test_bad_tag_names_file_and_line(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("## x\n가\tO\n나\tX-PS\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:2.*X-PS"):
        list(read_klue(path))


def test_write_then_read_round_trips(tmp_path):
    sents = [Sentence("a", "이순신 장군", ((0, 3, "PS"),)), Sentence("b", "없음", ())]
    path = tmp_path / "out.tsv"
    write_klue(sents, path)
    assert [(s.id, s.text, s.entities) for s in read_klue(path)] == [
        (s.id, s.text, s.entities) for s in sents]
    assert looks_like_klue(path)


def test_real_klue_file_reads(shared):
    path = shared / "klue" / "klue-ner-v1.1_dev.visible.tsv"
    sents = list(read_klue(path))
    assert len(sents) > 1000
    assert all(0 <= s < e <= len(x.text) for x in sents for s, e, _ in x.entities)
    assert sents[0].id.startswith("klue-ner")
