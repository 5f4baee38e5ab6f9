"""Saved news pages: the article without the site's clutter, and the page's own metadata."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

import hankg
from hankg.cli.extract import _dated
from hankg.extract.pages import read_page
from hankg.extract.readers import InputProblem, html_to_text, read_file, read_inputs
from hankg.schema import Article

# Written for this test: an invented outlet, lab and model, with the clutter a news site
# puts around an article (menu, breaking-news ticker, "most read" list, footer).
PAGE = """<!doctype html>
<html lang="ko"><head><meta charset="utf-8">
<title>한빛AI연구원 '하늘 3.0', 1차 평가 통과 | 한빛일보</title>
<meta property="og:title" content="한빛AI연구원 '하늘 3.0', 1차 평가 통과">
<meta property="og:site_name" content="한빛일보">
<meta property="article:published_time" content="2026-01-18T09:30:00+09:00">
<script>window.dataLayer = [{"page": "article", "secret": "스크립트문구"}];</script>
<style>nav a { color: #333 }</style>
</head><body>
<header><a href="/">한빛일보</a>
<nav><ul><li><a href="/politics">정치</a></li><li><a href="/economy">경제</a></li>
<li><a href="/it">IT·과학</a></li><li><a href="/login">로그인</a></li></ul></nav>
<div class="ticker"><span>속보</span> <a href="/n/991">누리랩, 3000억 파라미터 '가람 5' 전격 공개</a></div>
</header>
<main><article>
<h1>한빛AI연구원 '하늘 3.0', 1차 평가 통과</h1>
<p>과학기술정보통신부는 지난 15일 독자 AI 파운데이션 모델 프로젝트의 1차 단계평가 결과를 발표했다.
한빛AI연구원 컨소시엄이 개발한 <b>'하늘 3.0'</b>이 평가를 통과해 2차 단계에 진출했다.</p>
<p>최민호 한빛AI연구원 원장은 "하늘 3.0은 1200억 개 매개변수를 갖춘 모델로, 올해 상반기 안에
공개 가중치를 내놓겠다"고 말했다.</p>
<p>과기정통부는 오는 3월 2차 평가 계획을 밝힐 예정이다. 정부는 이번 평가에서 모델 성능과 함께
데이터 확보 계획도 함께 살폈다고 설명했다.</p>
</article></main>
<aside class="most-read"><h2>많이 본 뉴스</h2><ol>
<li><a href="/n/1">별빛소프트, 700B 규모 '미리내 2' 개발</a></li>
<li><a href="/n/2">이도윤 별빛소프트 대표 "연내 상용화"</a></li>
<li><a href="/n/3">초거대 AI 경쟁, 누가 앞서나</a></li></ol></aside>
<footer><p>한빛일보 | 서울특별시 중구 세종대로 1 | 발행인 홍길순 | 편집인 정하늘</p>
<p>Copyright © 한빛일보. All rights reserved.</p></footer>
</body></html>
"""
CLUTTER_NAMES = ["누리랩", "가람 5", "별빛소프트", "미리내 2", "이도윤", "홍길순", "정하늘"]


def names(record) -> set[str]:
    return {n for e in record.entities for n in [e.name, *e.aliases]}


@pytest.fixture
def page(tmp_path) -> Path:
    path = tmp_path / "saved.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_the_page_gives_the_article_and_its_metadata(page):
    (art,) = list(read_file(page))
    assert art.text.startswith("한빛AI연구원 '하늘 3.0', 1차 평가 통과\n과학기술정보통신부는 지난 15일")
    assert "한빛AI연구원 컨소시엄이 개발한 '하늘 3.0'이 평가를" in art.text  # <b> does not split the line
    for clutter in ["로그인", "속보", "많이 본 뉴스", "발행인", "Copyright", "스크립트문구", *CLUTTER_NAMES]:
        assert clutter not in art.text
    assert art.title == "한빛AI연구원 '하늘 3.0', 1차 평가 통과"
    assert (art.published, art.source) == ("2026-01-18", "한빛일보")
    assert set(art.from_page) == {"title", "published", "source"}


def test_no_entity_from_the_clutter_and_relative_dates_resolve(page, nlp):
    (art,) = list(read_file(page))
    (rec,) = list(hankg.extract_articles([art], nlp))
    found = names(rec)
    assert {"한빛AI연구원", "최민호", "과학기술정보통신부"} <= found
    assert not found & set(CLUTTER_NAMES)
    dates = {d.text: d.value for d in rec.dates}
    assert dates == {"지난 15일": "2026-01-15", "올해 상반기": "2026-H1", "오는 3월": "2026-03"}
    # offsets index the text hankg extracted from the page
    for d in rec.dates:
        assert art.text[d.start : d.end] == d.text
    for e in rec.entities:
        for start, end in e.mentions:
            assert art.text[start:end]
    # the same page read as all its visible text picks the clutter up: what this guards against
    (visible,) = list(hankg.extract_articles([Article(id="v", text=html_to_text(PAGE))], nlp))
    assert names(visible) & set(CLUTTER_NAMES)


def test_metadata_the_input_states_wins_over_the_page(page):
    manifest = {"file": page.name, "id": "a1", "published": "2026-01-20", "source": "새벽일보"}
    (page.parent / "manifest.jsonl").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    (art,) = [a for a in read_inputs([page.parent]) if isinstance(a, Article)]
    assert (art.id, art.published, art.source) == ("a1", "2026-01-20", "새벽일보")
    assert art.title == "한빛AI연구원 '하늘 3.0', 1차 평가 통과"  # the manifest gives none: the page's
    assert art.from_page == ("title",)


def test_published_option_wins_over_the_page_but_not_over_the_input(page, tmp_path):
    (from_page,) = list(read_file(page))
    stated = Article(id="s", text="본문", published="2025-08-04")
    undated = Article(id="u", text="본문")
    got = list(_dated(iter([from_page, stated, undated]), "2026-02-01"))
    assert [a.published for a in got] == ["2026-02-01", "2025-08-04", "2026-02-01"]
    assert "published" not in got[0].from_page


def test_a_page_without_main_text_falls_back_to_its_visible_text_with_a_warning(tmp_path):
    path = tmp_path / "only_footer.html"
    path.write_text("<html><body><footer><p>다온랩 연락처 안내</p></footer></body></html>", encoding="utf-8")
    items = list(read_file(path))
    (warning,) = [i for i in items if isinstance(i, InputProblem)]
    (art,) = [i for i in items if isinstance(i, Article)]
    assert not warning.fatal and str(warning).startswith(f"{path}: no main text")
    assert art.text == "다온랩 연락처 안내"


def test_reading_a_page_is_offline_and_deterministic(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("a page was read with a network call")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    first = read_page(PAGE, "https://news.example.kr/a/1")
    assert first == read_page(PAGE, "https://news.example.kr/a/1")
    assert first.meta["published"] == "2026-01-18"


def test_a_page_dated_after_today_keeps_its_date():
    # trafilatura's date search drops dates after today unless given a fixed bound
    later = PAGE.replace("2026-01-18T09:30:00+09:00", "2098-05-01T09:30:00+09:00")
    assert read_page(later).meta["published"] == "2098-05-01"


@pytest.mark.parametrize(
    "hidden",
    [
        "<script>document.write('스크립트문구');</script>",
        '<script type="application/ld+json">{"headline": "스크립트문구"}</script>',
        "<noscript>스크립트문구</noscript>",
        "<template><p>스크립트문구</p></template>",
        "<style>p::after { content: '스크립트문구' }</style>",
        "<svg><text>스크립트문구</text></svg>",
    ],
    ids=["script", "json-ld", "noscript", "template", "style", "svg"],
)
def test_hidden_text_inside_the_article_is_never_read(hidden):
    page = read_page(PAGE.replace("<p>최민호", f"{hidden}<p>최민호", 1))
    assert "스크립트문구" not in page.text
    assert "최민호 한빛AI연구원 원장은" in page.text
