"""WARC archives: HTML responses become articles, the rest is counted, bad records are reported."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from hankg.cli import app
from hankg.extract.readers import InputProblem, read_inputs
from hankg.extract.warc import url_id
from hankg.schema import Article

# Two pages written for this test; the first states its date, the second leaves it to the record.
FIRST = """<html><head><meta property="og:site_name" content="새벽일보">
<meta property="article:published_time" content="2026-03-04T08:00:00+09:00"><title>다온랩 새 모델</title></head>
<body><nav><a href="/">홈</a> <a href="/it">IT</a></nav><article><h1>다온랩, '누리-7B' 공개</h1>
<p>윤서하 다온랩 대표는 지난 2일 70억 파라미터 모델 '누리-7B'를 공개했다.</p>
<p>다온랩은 올해 하반기 더 큰 모델도 내놓을 계획이라고 밝혔다. 회사는 이번 모델을 누구나 내려받아 쓸 수
있도록 공개하고, 한국어 문서 요약과 질의응답 성능을 높이는 데 학습 자원을 집중했다고 설명했다.</p>
<p>윤 대표는 "작은 모델로도 현장에서 쓸 만한 품질을 내는 것이 목표"라며 "다음 달부터 기업 고객과
함께 시범 서비스를 시작하겠다"고 말했다.</p></article>
<footer>새벽일보 발행인 한도윤</footer></body></html>"""
SECOND = """<html><head><title>가온데이터 컨소시엄</title></head><body><article>
<p>가온데이터 컨소시엄에는 누리칩스와 다온랩이 참여한다. 강민재 누리칩스 CTO는 새 칩을 공개했다.</p>
</article></body></html>"""
GONE = "<html><body>없는 기사</body></html>"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
RECORDS = [  # (url, status, content type, body, WARC-Date)
    ("https://news.example.kr/a/1", "200 OK", "text/html; charset=utf-8", FIRST.encode(), "2026-03-05T01:00:00Z"),
    ("https://news.example.kr/logo.png", "200 OK", "image/png", PNG, "2026-03-05T01:00:01Z"),
    ("https://news.example.kr/a/gone", "404 Not Found", "text/html", GONE.encode(), None),
    ("https://news.example.kr/a/2", "200 OK", "text/html", SECOND.encode(), "2026-03-06T02:00:00Z"),
    ("https://news.example.kr/a/1?from=main", "200 OK", "text/html", FIRST.encode(), "2026-03-06T03:00:00Z"),
]


def write_warc(path: Path, gzip: bool) -> list[int]:
    """The archive of RECORDS, and the byte offset where each record starts."""
    starts = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for url, status, ctype, body, date in RECORDS:
            starts.append(fh.tell())
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            headers = {"WARC-Date": date or "2026-03-05T00:00:00Z"}
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict=headers
            )
            writer.write_record(record)
    return starts


def read(path: Path) -> tuple[list[Article], list[InputProblem], Counter]:
    items = list(read_inputs([path]))
    problems = [i for i in items if isinstance(i, InputProblem)]
    skipped = Counter(p.skipped for p in problems if p.skipped)
    return [i for i in items if isinstance(i, Article)], [p for p in problems if not p.skipped], skipped


@pytest.fixture(params=["warc", "warc.gz"])
def archive(request, tmp_path) -> tuple[Path, list[int]]:
    path = tmp_path / f"crawl.{request.param}"
    return path, write_warc(path, gzip=request.param.endswith("gz"))


def test_html_responses_become_articles_and_the_rest_is_counted(archive):
    path, _ = archive
    arts, problems, skipped = read(path)
    assert problems == []
    assert skipped == {"non-HTML": 1, "non-200": 1, "duplicate": 1}
    first, second = arts
    assert (first.url, first.id) == ("https://news.example.kr/a/1", url_id("https://news.example.kr/a/1"))
    assert first.id.startswith("news.example.kr-")
    assert (first.published, first.source) == ("2026-03-04", "새벽일보")  # the page's date
    assert first.text.startswith("다온랩, '누리-7B' 공개\n윤서하 다온랩 대표는 지난 2일")
    assert "발행인" not in first.text and "홈" not in first.text
    assert (second.url, second.published) == ("https://news.example.kr/a/2", "2026-03-06")  # the record's
    assert "published" in second.from_page and "url" not in second.from_page
    assert first.path == f"{path}@0"


def test_a_truncated_copy_still_yields_the_first_article(archive, tmp_path):
    path, starts = archive
    data = path.read_bytes()
    cut = tmp_path / path.name.replace("crawl", "cut")
    cut.write_bytes(data[: starts[3] + (starts[4] - starts[3]) // 2])  # half of the second page
    arts, problems, skipped = read(cut)
    assert [a.url for a in arts] == ["https://news.example.kr/a/1"]
    assert skipped == {"non-HTML": 1, "non-200": 1}
    (problem,) = problems
    assert problem.fatal and str(problem).startswith(f"{cut}: record at byte {starts[3]} is truncated")


def test_a_corrupt_record_is_reported_and_the_rest_is_read(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    starts = write_warc(path, gzip=True)
    data = path.read_bytes()
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(data[: starts[2]] + b"\x1f\x8b\x08" + b"not a record" * 8 + data[starts[3] :])
    arts, problems, skipped = read(bad)
    assert [a.url for a in arts] == ["https://news.example.kr/a/1", "https://news.example.kr/a/2"]
    (problem,) = problems
    assert problem.fatal and f"record at byte {starts[2]} is truncated or corrupt" in str(problem)
    assert skipped == {"non-HTML": 1, "duplicate": 1}


def test_a_folder_reads_warc_files_and_the_summary_counts_the_skips(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_warc(folder / "crawl.warc.gz", gzip=True)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(folder), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "2 articles extracted (0 already in the graph, 1 duplicate skipped, 1 non-200 skipped, " in result.output
    assert "1 non-HTML skipped)" in result.output
    facts = [json.loads(line) for line in (out / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {f["article"] for f in facts} == {url_id("https://news.example.kr/a/1"), url_id("https://news.example.kr/a/2")}
    (first,) = [f for f in facts if f["article"] == url_id("https://news.example.kr/a/1")]
    assert {"text": "지난 2일", "value": "2026-03-02"} in [{k: d[k] for k in ("text", "value")} for d in first["dates"]]


def one_record_warc(path: Path, body: bytes, ctype: str) -> Path:
    """`body` at https://x.kr/1, then SECOND at https://x.kr/2."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        for url, data, kind in [("https://x.kr/1", body, ctype), ("https://x.kr/2", SECOND.encode(), "text/html")]:
            http = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(data), http_headers=http))
    return path


def test_the_declared_charset_decodes_the_page(tmp_path):
    html = "<html><body><article><p>누리칩스는 새 칩을 공개했다.</p></article><script>s='숨김';</script></body></html>"
    path = one_record_warc(tmp_path / "euckr.warc", html.encode("cp949"), "text/html; charset=EUC-KR")
    arts, problems, _ = read(path)
    assert problems == []
    assert arts[0].text == "누리칩스는 새 칩을 공개했다."


def test_a_page_with_bad_bytes_is_reported_and_the_rest_is_read(tmp_path):
    body = b"<html><body><p>" + b"\x80\x81\xff" * 40 + b"</p></body></html>"
    path = one_record_warc(tmp_path / "bad.warc", body, "text/html; charset=utf-8")
    arts, problems, _ = read(path)
    assert [a.url for a in arts] == ["https://x.kr/2"]
    (problem,) = problems
    assert problem.fatal and str(problem).startswith(f"{path}@0: cannot decode")


def test_a_file_that_is_no_warc_is_reported(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_text("이것은 WARC 파일이 아니다.\n", encoding="utf-8")
    arts, problems, _ = read(path)
    assert arts == []
    (problem,) = problems
    assert problem.fatal and str(problem).startswith(f"{path}: record at byte 0 is truncated or corrupt")
