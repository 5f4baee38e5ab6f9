"""Reading speed of saved pages and WARC archives (no analysis: the reader alone).

    python bench/pages.py [--pages N]

Each article of the bundled `corpus/` is wrapped in a news site's clutter (menu, ticker,
"most read" list, footer); the pages are read with trafilatura (`pages.read_page`) and with
the plain visible-text reader, then written N times over into a `.warc.gz` and read back
with `warc.read_warc`. Prints pages per second, the share of clutter kept, and peak memory.
"""

from __future__ import annotations

import argparse
import io
import resource
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from hankg.extract.pages import read_page
from hankg.extract.readers import html_to_text
from hankg.extract.warc import read_warc
from hankg.schema import Article

ROOT = Path(__file__).resolve().parents[1]
CLUTTER = "메뉴항목", "속보문구", "많이본기사", "발행인줄"
TEMPLATE = """<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="벤치일보">
<meta property="article:published_time" content="2026-01-18T09:30:00+09:00">
<script>var ad = "광고";</script></head><body>
<header><nav><ul><li><a href="/1">메뉴항목 정치</a></li><li><a href="/2">메뉴항목 경제</a></li></ul></nav>
<div class="ticker"><a href="/n/9">속보문구 새 모델 공개</a></div></header>
<main><article><h1>{title}</h1>{body}</article></main>
<aside><h2>많이본기사</h2><ol><li><a href="/n/1">많이본기사 하나</a></li>
<li><a href="/n/2">많이본기사 둘</a></li></ol></aside>
<footer><p>벤치일보 | 발행인줄 홍길순</p></footer></body></html>"""


def pages() -> list[str]:
    out = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        body = "".join(f"<p>{line}</p>" for line in lines[1:])
        out.append(TEMPLATE.format(title=lines[0], body=body))
    return out


def timed(fn, items) -> tuple[float, list]:
    start = time.perf_counter()
    results = [fn(item) for item in items]
    return time.perf_counter() - start, results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=500, help="records in the WARC")
    a = ap.parse_args()
    html = pages()
    read_page(html[0])  # imports and warms trafilatura
    t_plain, plain = timed(html_to_text, html)
    t_page, read = timed(read_page, html)
    kept = sum(any(c in p.text for c in CLUTTER) for p in read)
    kept_plain = sum(any(c in t for c in CLUTTER) for t in plain)
    print(f"{len(html)} pages: trafilatura {len(html) / t_page:.0f} pages/s, visible text {len(html) / t_plain:.0f}")
    print(f"  pages with clutter kept: trafilatura {kept}, visible text {kept_plain}")
    print(f"  dated from the page: {sum(p.meta.get('published') == '2026-01-18' for p in read)} of {len(read)}")
    assert [read_page(h) for h in html] == read, "read_page is not deterministic"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.warc.gz"
        with open(path, "wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            for i in range(a.pages):
                body = html[i % len(html)].replace("</article>", f"<p>일련번호 {i}.</p></article>").encode()
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
                url = f"https://bench.example.kr/a/{i}"
                record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
                writer.write_record(record)
        start = time.perf_counter()
        n = sum(isinstance(item, Article) for item in read_warc(path))
        took = time.perf_counter() - start
        size = path.stat().st_size / 1e6
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"WARC of {a.pages} records ({size:.1f} MB): {n} articles, {n / took:.0f} records/s; peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
