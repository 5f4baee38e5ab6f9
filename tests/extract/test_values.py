"""Numbers with units: parameter counts, told apart from tokens, context, money and GPUs."""

from __future__ import annotations

import pytest

from hankg.extract.values import find_values


def params(text: str) -> list[tuple[str, float, float | None]]:
    return [(text[v.start : v.end], v.value, v.max) for v in find_values(text) if v.unit == "params"]


def units(text: str) -> list[tuple[str, str]]:
    return [(text[v.start : v.end], v.unit) for v in find_values(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1000억(100B) 규모의 모델", [("1000억(100B)", 1e11, None)]),  # one value stated twice
        ("3000억 파라미터 모델", [("3000억", 3e11, None)]),
        ("파라미터 수는 5000억개에 이른다", [("5000억개", 5e11, None)]),
        ("매개변수 3000억개 규모", [("3000억개", 3e11, None)]),
        ("500B(5000억개) 파라미터 규모", [("500B(5000억개)", 5e11, None)]),
        ("519B급 초거대 모델", [("519B", 5.19e11, None)]),
        ("5000B 이상으로 추정된다", [("5000B", 5e12, None)]),
        ("2000~3000B로 추정된다", [("2000~3000B", 2e12, 3e12)]),
        ("30~70B 규모의 모델", [("30~70B", 3e10, 7e10)]),
        ("1.5T 파라미터", [("1.5T", 1.5e12, None)]),
        ("700억(70B) 모델", [("700억(70B)", 7e10, None)]),
        ("1조 파라미터 모델", [("1조", 1e12, None)]),
        ("32B 모델", [("32B", 3.2e10, None)]),
        ("솔라는 100B이다", [("100B", 1e11, None)]),
        ("배정받은 GPU로 1000억 파라미터 규모의 모델을", [("1000억", 1e11, None)]),  # the word after decides
        pytest.param("솔라는 1000억(100B)이다", [("1000억(100B)", 1e11, None)], id="doubled-without-parameter-word"),
    ],
)
def test_parameter_counts(text, expected):
    got = params(text)
    assert [(s, m) for s, _, m in got] == [(s, pytest.approx(m) if m else None) for s, _, m in expected]
    assert [v for _, v, _ in got] == pytest.approx([v for _, v, _ in expected])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("학습량을 10T에서 15T로 늘렸다", [("10T", "tokens"), ("15T", "tokens")]),
        ("학습 데이터 2조 토큰", [("2조", "tokens")]),
        ("128K 컨텍스트를 지원한다", [("128K", "context")]),
        ("컨텍스트 길이 128K", [("128K", "context")]),
        ("GPU 1만개를 확보했다", [("1만개", "gpus")]),
    ],
)
def test_other_sizes_are_classified(text, expected):
    assert units(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "학습량을 10T에서 15T로 늘렸다",
        "128K 컨텍스트",
        "70억원을 투자했다",
        "매출 1200억원",
        "100억 달러",
        "H100 512장을 투입했다",
        "엔비디아 B200 1000장",
        "GPU 1만개를 확보했다",
        "B2B 시장을 겨냥했다",
        "직원 300명",
        "점유율 30%",
        "해당 모델의 어휘 수는 약 15만 개다",  # a vocabulary
        "모델 1000만 다운로드",
    ],
)
def test_not_parameters(text):
    assert params(text) == []


def test_a_lower_case_size_inside_a_hyphened_name():
    assert params("카카오의 'Kanana-1.5-8b-instruct' 모델") == [("8b", 8e9, None)]


def test_a_mixture_of_experts_states_total_and_active():
    assert params("별빛 236B-A23B 모델") == [("236B", 2.36e11, None), ("A23B", 2.3e10, None)]


def test_values_come_in_text_order():
    text = "제미나이는 2000~3000B, 챗GPT는 5000B 이상, 솔라는 1000억(100B) 규모다."
    assert [s for s, _, _ in params(text)] == ["2000~3000B", "5000B", "1000억(100B)"]


def test_value_spans_land_in_the_doc(nlp):
    from hankg.schema import Article

    doc = nlp.make_doc("다온랩은 519B급 모델과 128K 컨텍스트를 공개했다.")
    doc._.article = Article(id="v", text=doc.text)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    got = [(s.text, s.label_, s._.value) for s in doc.spans["values"]]
    assert got == [("519B", "PARAMS", pytest.approx(5.19e11)), ("128K", "CONTEXT", 128000.0)]
