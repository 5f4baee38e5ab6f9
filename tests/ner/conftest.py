"""Shared fixtures for the NER tests: a dozen annotated sentences and a model trained on them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy

from hankg.extract import tokenizer  # noqa: F401  (registers hankg.KiwiTokenizer.v1)
from hankg.extract.ner.klue import Sentence

KIWI = "hankg.KiwiTokenizer.v1"
SHARED = Path(os.environ.get("HANKG_SHARED", Path(__file__).resolve().parents[3] / "shared"))

# (text, [(surface, label), ...]) - each surface is annotated at its first occurrence
SAMPLE = [
    ("김민수 대표는 서울에서 열린 행사에 참석했다.", [("김민수", "PS")]),
    ("업스테이지는 새로운 언어 모델을 공개했다.", [("업스테이지", "OG")]),
    ("이영희 교수가 카이스트에서 강연을 했다.", [("이영희", "PS"), ("카이스트", "OG")]),
    ("네이버와 카카오가 협력한다고 밝혔다.", [("네이버", "OG"), ("카카오", "OG")]),
    ("박지훈 기자는 삼성전자를 취재했다.", [("박지훈", "PS"), ("삼성전자", "OG")]),
    ("최수진 연구원은 LG AI연구원에서 일한다.", [("최수진", "PS"), ("LG AI연구원", "OG")]),
    ("정우성 씨가 현대자동차 광고에 출연했다.", [("정우성", "PS"), ("현대자동차", "OG")]),
    ("과학기술정보통신부는 이번 사업을 발표했다.", [("과학기술정보통신부", "OG")]),
    ("한지민 대변인은 SK텔레콤의 입장을 설명했다.", [("한지민", "PS"), ("SK텔레콤", "OG")]),
    ("오픈AI는 새로운 모델을 내놓았다.", [("오픈AI", "OG")]),
    ("강동원 감독과 윤서연 작가가 만났다.", [("강동원", "PS"), ("윤서연", "PS")]),
    ("서울대학교 연구팀은 결과를 발표했다.", [("서울대학교", "OG")]),
]


def annotate(i: int, text: str, marks: list[tuple[str, str]]) -> Sentence:
    ents = []
    for surface, label in marks:
        start = text.index(surface)
        ents.append((start, start + len(surface), label))
    return Sentence(f"sample-{i}", text, tuple(sorted(ents)), f"sample:{i}")


@pytest.fixture(scope="session")
def sample() -> list[Sentence]:
    return [annotate(i, text, marks) for i, (text, marks) in enumerate(SAMPLE)]


def _blank_kiwi():
    return spacy.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers": KIWI}}})


@pytest.fixture
def blank_kiwi():
    """Makes fresh blank Korean pipelines with hankg's tokenizer."""
    return _blank_kiwi


@pytest.fixture(scope="session")
def kiwi_nlp():
    """A blank Korean pipeline with hankg's tokenizer, shared by the session."""
    return _blank_kiwi()


def _tiny_settings(seed: int = 0):
    from hankg.extract.ner.train import Settings

    return Settings(width=64, depth=2, rows=(1000, 200, 400, 200, 400, 500, 100, 50, 4, 10),
                    hidden=32, dropout=0.1,
                    batch_size=4, max_epochs=30, patience=30, seed=seed)


@pytest.fixture
def tiny_settings():
    """Makes settings for a small, quick model: `tiny_settings(seed=1)`."""
    return _tiny_settings


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory, sample) -> Path:
    """A model trained (in seconds) on the sample, choosing its epoch on the sample itself."""
    from hankg.extract.ner.train import train

    out = tmp_path_factory.mktemp("ner") / "model"
    train(sample, out, _tiny_settings(), dev=sample)
    return out


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "klue").is_dir():
        pytest.skip(f"{SHARED} (the team's shared data) is not here")
    return SHARED
