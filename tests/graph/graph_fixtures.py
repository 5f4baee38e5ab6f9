"""Hand-built article records: the graph is tested on what it is given, not on extraction.

Four articles about the programme, written so that each merging rule has a case:

- 업스테이지 appears as 업스테이지(Upstage), as "Upstage" alone, and as "업스테이지" again;
  SK텔레콤 as 에스케이텔레콤 and SKT; 엑사원 as EXAONE (curated table).
- 한빛AI (not curated) as 한빛AI(Hanbit AI), "Hanbit AI" and "한빛 AI" (aliases, spacing).
- Two 김성훈: one at 업스테이지 (a2), one at LG AI연구원 (a3), and one with no org (a4),
  who must stay apart from both. 권순일 at 업스테이지 (a1) and without org (a3): one person.
- Sizes over time: 업스테이지 (no model named) 100B in a1; 솔라 오픈 100B 100B in a2 and
  a claim dated 2025-12 in a3; 엑사원 32B (a2) then 236B (a3).
"""

from __future__ import annotations

from pathlib import Path

from hankg.schema import Article, ArticleRecord, DateMention, Entity, Evidence, Fact, entity_id

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def ent(kind: str, name: str, *aliases: str, at: int = 0) -> Entity:
    return Entity(id=entity_id(kind, name), kind=kind, name=name, aliases=list(aliases),
                  mentions=[(at, at + len(name))])


def fact(subject: str, relation: str, obj: str | None = None, *, at: int = 0, **extra) -> Fact:
    return Fact(subject=subject, relation=relation, object=obj, evidence=Evidence(start=at,
                end=at + 10), extractor="test", **extra)


def record(article: str, published: str | None, entities: list[Entity], facts: list[Fact],
           *, text: str | None = None, title: str | None = None,
           dates: list[DateMention] | None = None) -> ArticleRecord:
    """A record as the extractor would make it, content hash from the (made-up) text."""
    art = Article(id=article, text=text or f"text of {article}", published=published)
    return ArticleRecord(article=article, published=published, title=title or f"title {article}",
                         source="테스트일보", url=f"https://example.test/{article}",
                         content_hash=art.content_hash, entities=entities, facts=facts,
                         dates=dates or [])


UP, SKT, LG, HB = "org:업스테이지", "org:에스케이텔레콤", "org:LG AI연구원", "org:한빛AI"


def make_records() -> list[ArticleRecord]:
    a1 = record("a1", "2025-08-13", [
        ent("organization", "업스테이지", "Upstage", at=0),
        ent("organization", "플리토", at=20),
        ent("organization", "한빛AI", "Hanbit AI", at=30),
        ent("person", "권순일", at=40),
        ent("model", "솔라", "Solar", at=50),
    ], [
        fact("person:권순일", "works_at", UP, role="부사장", at=40),
        fact(UP, "develops", "model:솔라", at=50),
        fact(UP, "parameters", value=1e11, unit="params", at=60),
        fact("org:플리토", "partner_of", UP, role="데이터 수집", at=70),
        fact(UP, "programme_status", role="selected", at=80),
    ], dates=[DateMention(text="13일", value="2025-08-13", start=5, end=8)])
    a2 = record("a2", "2025-10-28", [
        ent("organization", "Upstage", at=0),
        ent("organization", "에스케이텔레콤", "SKT", at=10),
        ent("organization", "LG AI연구원", at=20),
        ent("person", "김성훈", at=30),
        ent("model", "솔라 오픈 100B", at=40),
        ent("model", "EXAONE", at=50),
    ], [
        fact("person:김성훈", "works_at", "org:Upstage", role="대표", at=30),
        fact("org:Upstage", "develops", "model:솔라 오픈 100B", at=40),
        fact("model:솔라 오픈 100B", "parameters", value=1e11, unit="params", at=45),
        fact(LG, "develops", "model:EXAONE", at=50),
        fact("model:EXAONE", "parameters", value=3.2e10, unit="params", at=55),
        fact(SKT, "programme_status", role="selected", date="2025-08", at=60),
    ])
    a3 = record("a3", "2026-01-18", [
        ent("organization", "업스테이지", at=0),
        ent("organization", "LG AI연구원", "LG AI 연구원", at=10),
        ent("organization", "Hanbit AI", at=20),
        ent("organization", "SKT", at=25),
        ent("person", "김성훈", at=30),
        ent("person", "권순일", at=35),
        ent("model", "엑사원", at=40),
        ent("model", "솔라 오픈 100B", "Solar Open 100B", at=50),
    ], [
        fact("person:김성훈", "works_at", LG, role="교수", at=30),
        fact("model:엑사원", "parameters", value=2.36e11, unit="params", at=40),
        fact("model:솔라 오픈 100B", "parameters", value=1e11, max=1.2e11, unit="params",
             date="2025-12", at=50),
        fact(UP, "programme_status", role="passed", date="2026-H1", at=60),
        fact("org:SKT", "programme_status", role="passed", date="2026-H1", at=65),
        fact("org:Hanbit AI", "partner_of", LG, role="데이터", at=70),
    ])
    a4 = record("a4", "2026-01-20", [
        ent("organization", "한빛 AI", at=0),
        ent("person", "김성훈", at=10),
    ], [])
    return [a1, a2, a3, a4]


def gpu_record():
    """An article stating GPU figures: two for 업스테이지, one (by an alias) for SK텔레콤, and one for a
    company that is no team of the programme."""
    up, skt, other = "org:업스테이지", "org:SKT", "org:다온전자"
    return record("g1", "2026-06-12", [ent("organization", "업스테이지"), ent("organization", "SKT", at=30),
                                       ent("organization", "다온전자", at=60)],
                  [fact(up, "gpus", role="B200", value=512.0, unit="gpus", at=5),
                   fact(up, "gpus", role="H200", value=256.0, unit="gpus", at=15),
                   fact(skt, "gpus", role="B200", value=512.0, unit="gpus", date="2026-07", at=35),
                   fact(other, "gpus", role="GPU", value=5e4, unit="gpus", at=65)])

