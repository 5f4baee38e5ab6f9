"""Reading articles: encodings, formats, manifests, and problems that name file and line."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from hankg.extract.readers import InputProblem, read_file, read_inputs
from hankg.schema import Article

TEXT = "업스테이지가 새 모델을 공개했다. 2026년 1월 15일, 'Solar' 100B."
KOREAN_PROSE = "과학기술정보통신부는 독자 인공지능 파운데이션 모델 프로젝트의 정예팀을 발표했다."


def read(*paths: Path) -> tuple[list[Article], list[InputProblem]]:
    items = list(read_inputs(paths))
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputProblem)])


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "data"),
    [
        (TEXT, TEXT.encode("utf-8")),
        (TEXT, b"\xef\xbb\xbf" + TEXT.encode("utf-8")),
        ("업스테이지", "업스테이지".encode("cp949")),
        (TEXT, TEXT.encode("cp949", errors="strict")),
        (TEXT, TEXT.encode("utf-16")),  # with BOM
        (TEXT, TEXT.encode("utf-16-le")),  # no BOM, enough ASCII for the NUL test
        pytest.param(KOREAN_PROSE, KOREAN_PROSE.encode("utf-16-le")),
    ],
    ids=["utf8", "utf8-bom", "cp949-word", "cp949-text", "utf16-bom", "utf16le-mixed", "utf16le-korean-prose"],
)
def test_decoding(tmp_path, text, data):
    (art,) = list(read_file(write(tmp_path / "a.txt", data)))
    assert isinstance(art, Article), art
    assert art.text == text


def test_binary_file_is_a_problem_naming_it(tmp_path):
    rng = random.Random(0)
    data = b"".join(rng.randbytes(50) + b"\x00" for _ in range(80))
    arts, problems = read(write(tmp_path / "blob.txt", data))
    assert arts == []
    (p,) = problems
    assert p.fatal and "blob.txt" in str(p)


@pytest.mark.parametrize("content", ["", "   \n\t\n"], ids=["empty", "whitespace"])
def test_empty_file_is_a_problem(tmp_path, content):
    arts, problems = read(write(tmp_path / "empty.txt", content))
    assert arts == []
    (p,) = problems
    assert p.fatal and "empty.txt" in str(p) and "empty" in p.message


def test_html_gives_visible_text_only(tmp_path):
    html = """<!doctype html><html><head><title>제목줄</title>
    <style>.x { color: red }</style><script>var secret = "비밀";</script></head>
    <body><p>업스테이지가 <b>새 모델</b>을 공개했다.</p>
    <script>alert("숨김")</script><noscript>자바스크립트</noscript>
    <div>둘째&nbsp;문단 &amp; 끝</div></body></html>"""
    (art,) = list(read_file(write(tmp_path / "page.html", html)))
    assert art.id == "page"
    assert "업스테이지가 새 모델을 공개했다." in art.text
    assert "둘째" in art.text and "& 끝" in art.text
    for hidden in ("color", "secret", "비밀", "alert", "숨김", "자바스크립트", "<", ">"):
        assert hidden not in art.text


def test_html_sniffed_in_a_txt_file(tmp_path):
    (art,) = list(read_file(write(tmp_path / "page.txt", "<html><body><p>본문</p><script>x()</script></body></html>")))
    assert art.text == "본문"


def test_markdown_is_read_as_is(tmp_path):
    md = "# 제목\n\n업스테이지가 **모델**을 공개했다.\n"
    (art,) = list(read_file(write(tmp_path / "note.md", md)))
    assert (art.id, art.text) == ("note", md)


def test_jsonl_lines_ids_and_a_malformed_line(tmp_path):
    lines = [
        json.dumps({"id": "given", "text": "첫 기사", "published": "2026-01-18", "source": "한빛일보"}),
        json.dumps({"text": "둘째 기사"}),
        '{"text": "깨진 줄"',
        "",
        json.dumps({"title": "본문 없음"}),
        json.dumps({"text": "여섯째 기사", "title": "제목", "url": "https://x.kr/6"}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    arts, problems = read(path)
    assert [a.id for a in arts] == ["given", "batch:2", "batch:6"]
    assert [a.text for a in arts] == ["첫 기사", "둘째 기사", "여섯째 기사"]
    assert (arts[0].published, arts[0].source) == ("2026-01-18", "한빛일보")
    assert (arts[2].title, arts[2].url) == ("제목", "https://x.kr/6")
    assert [(p.line, p.fatal) for p in problems] == [(3, True), (5, True)]
    assert all("batch.jsonl" in str(p) for p in problems)
    assert str(problems[0]).startswith(f"{path}:3")


@pytest.mark.parametrize("manifest", ["jsonl", "csv"])
def test_manifest_gives_metadata(tmp_path, manifest):
    rows = [
        {
            "file": "a.txt",
            "id": "art-a",
            "published": "2026-01-18",
            "title": "제목 A",
            "source": "한빛일보",
            "url": "https://x.kr/a",
        },
        {"file": "b.txt", "id": "art-b", "published": "2025-08-13", "title": "제목 B", "source": "새벽일보", "url": ""},
    ]
    write(tmp_path / "a.txt", "첫 기사")
    write(tmp_path / "b.txt", "둘째 기사")
    write(tmp_path / "c.txt", "목록에 없는 기사")
    if manifest == "jsonl":
        write(tmp_path / "manifest.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
    else:
        keys = list(rows[0])
        write(
            tmp_path / "manifest.csv", "\n".join([",".join(keys)] + [",".join(r[k] for k in keys) for r in rows]) + "\n"
        )
    arts, problems = read(tmp_path)
    assert problems == []
    got = {a.id: (a.published, a.title, a.source, a.url) for a in arts}
    assert got == {
        "art-a": ("2026-01-18", "제목 A", "한빛일보", "https://x.kr/a"),
        "art-b": ("2025-08-13", "제목 B", "새벽일보", None),
        "c": (None, None, None, None),
    }


def test_a_lone_file_takes_its_folders_manifest(tmp_path):
    write(tmp_path / "a.txt", "첫 기사")
    write(tmp_path / "manifest.jsonl", json.dumps({"file": "a.txt", "id": "art-a", "published": "2026-01-18"}))
    arts, _ = read(tmp_path / "a.txt")
    assert [(a.id, a.published) for a in arts] == [("art-a", "2026-01-18")]


@pytest.mark.parametrize("bad", ["18/01/2026", "어제", "2026-13-45"])
def test_bad_published_is_a_warning_not_a_failure(tmp_path, bad):
    write(tmp_path / "a.txt", "첫 기사")
    write(tmp_path / "manifest.jsonl", json.dumps({"file": "a.txt", "published": bad}, ensure_ascii=False))
    arts, problems = read(tmp_path)
    assert [(a.id, a.published) for a in arts] == [("a", None)]
    (p,) = problems
    assert not p.fatal
    assert bad in p.message and "a.txt" in str(p)


def test_bad_published_in_jsonl_names_the_line(tmp_path):
    path = write(tmp_path / "x.jsonl", json.dumps({"text": "기사", "published": "지난주"}, ensure_ascii=False))
    arts, problems = read(path)
    assert len(arts) == 1 and arts[0].published is None
    assert [(p.line, p.fatal) for p in problems] == [(1, False)]


def test_iso_timestamp_published_keeps_the_date(tmp_path):
    path = write(tmp_path / "x.jsonl", json.dumps({"text": "기사", "published": "2026-01-18T09:30:00+09:00"}))
    arts, problems = read(path)
    assert problems == [] and arts[0].published == "2026-01-18"


def test_missing_path_is_a_problem(tmp_path):
    arts, problems = read(tmp_path / "nowhere.txt")
    assert arts == []
    (p,) = problems
    assert p.fatal and "nowhere.txt" in str(p)


def test_folder_without_articles_is_a_problem(tmp_path):
    write(tmp_path / "notes.pdf", b"%PDF-1.4")
    arts, problems = read(tmp_path)
    assert arts == [] and len(problems) == 1 and problems[0].fatal


def test_folder_order_is_by_name(tmp_path):
    for name in ["b.txt", "a.txt", "c.md", "10.txt", "2.txt"]:
        write(tmp_path / name, f"{name} 기사")
    arts, _ = read(tmp_path)
    assert [a.id for a in arts] == ["10", "2", "a", "b", "c"]


def test_inputs_keep_the_order_given(tmp_path):
    write(tmp_path / "a.txt", "가")
    write(tmp_path / "b.txt", "나")
    arts, _ = read(tmp_path / "b.txt", tmp_path / "a.txt")
    assert [a.id for a in arts] == ["b", "a"]


def test_nothing_is_lost_from_a_mixed_folder(tmp_path):
    write(tmp_path / "a.txt", "텍스트 기사")
    write(tmp_path / "b.md", "# 마크다운 기사")
    write(tmp_path / "c.html", "<html><body><p>HTML 기사</p></body></html>")
    write(tmp_path / "d.jsonl", "\n".join(json.dumps({"text": f"줄 기사 {i}"}, ensure_ascii=False) for i in range(3)))
    write(tmp_path / "e.txt", "CP949 기사".encode("cp949"))
    write(tmp_path / "f.txt", "UTF-16 기사".encode("utf-16"))
    write(tmp_path / "sub" / "g.txt", "하위 폴더 기사")
    write(tmp_path / "ignored.pdf", b"%PDF")
    write(tmp_path / ".hidden" / "h.txt", "숨은 폴더")
    write(tmp_path / "manifest.jsonl", json.dumps({"file": "a.txt", "id": "first"}))
    arts, problems = read(tmp_path)
    assert problems == []
    assert sorted(a.id for a in arts) == sorted(["first", "b", "c", "d:1", "d:2", "d:3", "e", "f", "g"])
    assert {a.text for a in arts} >= {
        "텍스트 기사",
        "CP949 기사",
        "UTF-16 기사",
        "하위 폴더 기사",
        "HTML 기사",
        "줄 기사 0",
        "줄 기사 2",
    }


def test_a_bad_file_does_not_stop_the_folder(tmp_path):
    write(tmp_path / "a.txt", "첫 기사")
    write(tmp_path / "b.txt", bytes(range(256)) * 8)
    write(tmp_path / "c.txt", "셋째 기사")
    items = list(read_inputs([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article", "InputProblem", "Article"]
    assert "b.txt" in str(items[1])


def test_article_path_points_at_file_and_line(tmp_path):
    write(tmp_path / "x.jsonl", json.dumps({"text": "기사"}))
    write(tmp_path / "y.txt", "기사")
    arts, _ = read(tmp_path)
    assert [a.path for a in arts] == [f"{tmp_path / 'x.jsonl'}:1", str(tmp_path / "y.txt")]
