"""The merge policy on hand-built Docs: rules win, and only agreed PS/OG predictions join."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from hankg.data import wordset
from hankg.extract.ner import NerMerge, accept, add_ner, cued, trim

#  권순일 업스테이지 부사장은 정부는 토니 씨가 김철수 기자를 만났다
WORDS = [("권순일", "NNP", True), ("업스테이지", "NNP", True), ("부사장", "NNG", False),
         ("은", "JX", True), ("정부", "NNG", False), ("는", "JX", True), ("토니", "NNP", True),
         ("씨", "NNB", False), ("가", "JKS", True), ("김철수", "NNP", True), ("기자", "NNG", False),
         ("를", "JKO", True), ("만났다", "VV+EP", False)]


@pytest.fixture
def doc(kiwi_nlp) -> Doc:
    words, tags, spaces = zip(*WORDS, strict=True)
    doc = Doc(kiwi_nlp.vocab, words=list(words), tags=list(tags), spaces=list(spaces))
    person = Span(doc, 0, 1, label="PERSON")
    org = Span(doc, 1, 2, label="ORG")
    doc.ents = [person, org]
    person._.name, person._.rule = "권순일", "rule:name-org-title"
    org._.name, org._.rule = "업스테이지", "rule:known"
    return doc


def merged(doc: Doc, candidates: list[tuple[int, int, str]]) -> dict[str, tuple[str, str | None]]:
    doc.spans["ner"] = [Span(doc, s, e, label=lab) for s, e, lab in candidates]
    NerMerge()(doc)
    return {e.text: (e.label_, e._.rule) for e in doc.ents}


def test_rule_entities_win_overlaps_and_keep_their_rule(doc):
    ents = merged(doc, [(0, 2, "OG"), (1, 3, "PS")])
    assert ents == {"권순일": ("PERSON", "rule:name-org-title"),
                    "업스테이지": ("ORG", "rule:known")}
    assert [e._.name for e in doc.ents] == ["권순일", "업스테이지"]


def test_accepted_person_is_trimmed_and_says_ner(doc):
    ents = merged(doc, [(9, 10, "PS")])  # 김철수 (기자)
    assert ents["김철수"] == ("PERSON", "ner:PS")
    (span,) = [e for e in doc.ents if e.text == "김철수"]
    assert span._.name == "김철수"
    assert ents["권순일"] == ("PERSON", "rule:name-org-title")


def test_bare_common_noun_organisation_is_rejected(doc):
    assert "정부" not in merged(doc, [(4, 6, "OG")])


def test_person_without_surname_is_rejected(doc):
    assert "토" not in wordset("surnames")
    assert "토니" not in merged(doc, [(6, 7, "PS")])


def test_other_labels_stay_in_the_span_group_only(doc):
    ents = merged(doc, [(9, 10, "LC")])
    assert "김철수" not in ents
    assert [s.label_ for s in doc.spans["ner"]] == ["LC"]


@pytest.mark.parametrize(("words", "label", "cue", "reason"), [
    ([("김철수", "NNP")], "PERSON", True, None),
    ([("김철수", "NNP")], "PERSON", False, "no title, 씨 or organisation beside any mention"),
    ([("토니", "NNP")], "PERSON", True, "no known surname"),
    ([("김", "NNP")], "PERSON", True, "not a 2-4 syllable Hangul name"),
    ([("John", "SL")], "PERSON", True, "not a 2-4 syllable Hangul name"),
    ([("정규", "NNG"), ("화", "XSN")], "PERSON", True, "a derived word"),
    ([("한국어", "NNP")], "PERSON", True, "a word formed on a known non-entity"),
    ([("김철수", "NNG"), ("씨", "NNB")], "PERSON", True, "a bare common noun"),
    ([("연구진", "NNG")], "ORG", True, "a bare common noun"),
    ([("한국", "NNP")], "ORG", True, "a known non-entity"),
    ([("GPU", "SL")], "ORG", True, "a known non-entity"),
    ([("GPU", "SL"), ("H", "SL")], "ORG", True, "holds a generic Latin term"),
    ([("LG", "SL"), ("AI", "SL"), ("연구원", "NNG")], "ORG", False, None),
    ([("새로운", "VA+ETM"), ("연구원", "NNG")], "ORG", False, None),
    ([("SK", "SL"), ("텔레콤", "NNP")], "ORG", True, None),
    ([("네이버", "NNP")], "ORG", True, None),
    ([("네이버", "NNP")], "ORG", False,
     "no title, 측/관계자 or listed organisation beside any mention"),
    ([("H", "SL")], "ORG", True, "too short"),
    ([("Q", "SL"), (".", "SF"), ("정부", "NNG")], "ORG", True, "headed by a known non-entity"),
    ([("Q", "SL"), (".", "SF"), ("래블업", "NNP")], "ORG", True, "runs across a sentence end"),
    ([("모빌리티", "NNP")], "ORG", False,
     "no title, 측/관계자 or listed organisation beside any mention"),
    ([("쏘카", "NNP"), ("모빌리티", "NNP")], "ORG", False, None),
    ([("새로운", "VA+ETM"), ("기술", "NNG")], "ORG", True,
     "neither a proper noun nor an organisation head"),
])
def test_accept_reasons(kiwi_nlp, words, label, cue, reason):
    doc = Doc(kiwi_nlp.vocab, words=[w for w, _ in words], tags=[t for _, t in words])
    assert accept(doc[:], label, set(), cue) == reason


@pytest.mark.parametrize(("words", "ents", "at", "label", "expected"), [
    (["김철수", "기자"], [], (0, 1), "PERSON", True),
    (["김철수", "씨", "가"], [], (0, 1), "PERSON", True),
    (["이데일리", "김아름"], [(0, 1)], (1, 2), "PERSON", True),
    (["임베딩", "·"], [], (0, 1), "PERSON", False),
    (["래블업", "대표"], [], (0, 1), "ORG", True),
    (["래블업", "관계자", "는"], [], (0, 1), "ORG", True),
    (["업스테이지", "와", "래블업"], [(0, 1)], (2, 3), "ORG", True),
    (["래블업", ",", "업스테이지"], [(2, 3)], (0, 1), "ORG", True),
    (["벤치마크", "평가"], [], (0, 1), "ORG", False),
])
def test_cues_around_a_mention(kiwi_nlp, words, ents, at, label, expected):
    doc = Doc(kiwi_nlp.vocab, words=words)
    doc.ents = [Span(doc, s, e, label="ORG") for s, e in ents]
    assert cued(doc[at[0]:at[1]], label) is expected


def test_a_three_syllable_name_kiwi_never_saw_needs_no_cue(kiwi_nlp):
    doc = kiwi_nlp("어제 공개된 영상에는 설하윤과 도다은이 나왔다.")
    names = {t.text: t for t in doc}
    assert names["설하윤"]._.oov
    assert accept(doc[names["설하윤"].i:names["설하윤"].i + 1], "PERSON", set()) is None
    known = kiwi_nlp("어제 공개된 영상에는 김철수가 나왔다.")
    kim = next(t for t in known if t.text == "김철수")
    assert not kim._.oov  # a name in Kiwi's dictionary still needs a cue beside a mention
    assert accept(known[kim.i:kim.i + 1], "PERSON", set()) is not None


def test_a_compound_tail_is_rejected(kiwi_nlp):
    doc = Doc(kiwi_nlp.vocab, words=["벤처", "캐피털", "관계자"], tags=["NNG", "NNP", "NNG"],
              spaces=[False, True, False])
    assert accept(doc[1:2], "ORG", set(), True) == "the tail of a longer compound"
    doc = Doc(kiwi_nlp.vocab, words=["벤처", "캐피털", "관계자"], tags=["NNG", "NNP", "NNG"])
    assert accept(doc[1:2], "ORG", set(), True) is None


def test_trim_strips_particles_and_punctuation(kiwi_nlp):
    doc = Doc(kiwi_nlp.vocab, words=["'", "카카오", "가", "'"], tags=["SS", "NNP", "JKS", "SS"])
    assert trim(doc[:]).text == "카카오"
    assert trim(doc[2:3]) is None
    doc = Doc(kiwi_nlp.vocab, words=["한", "벤처캐피털", "이"], tags=["MM", "NNP", "JKS"])
    assert trim(doc[:]).text == "벤처캐피털"
    assert accept(trim(doc[:]), "ORG", set(), True) == "after a determiner: a description"


def test_add_ner_runs_the_model_after_the_rules(blank_kiwi, tiny_model, sample):
    nlp = blank_kiwi()
    add_ner(nlp, tiny_model, before="no_such_component")
    assert nlp.pipe_names == ["hankg_ner", "hankg_ner_merge"]
    docs = list(nlp.pipe(s.text for s in sample))
    found = {(e.text, e.label_, e._.rule) for d in docs for e in d.ents}
    assert ("김민수", "PERSON", "ner:PS") in found
    assert ("삼성전자", "ORG", "ner:OG") in found
    assert all(len(d.spans["ner"]) >= len(d.ents) for d in docs)


def test_add_ner_rejects_a_folder_that_is_not_a_model(tmp_path, blank_kiwi):
    nlp = blank_kiwi()
    with pytest.raises(ValueError, match="not a model folder"):
        add_ner(nlp, tmp_path)


def test_build_nlp_with_ner(tiny_model):
    from hankg.extract.pipeline import build_nlp

    nlp = build_nlp(ner=tiny_model)
    names = nlp.pipe_names
    assert names.index("hankg_ner") < names.index("hankg_ner_merge")
    assert "hankg_ner" not in build_nlp().pipe_names
    doc = nlp("김민수 대표는 서울에서 열린 행사에 참석했다.")
    assert all(e._.rule for e in doc.ents)
