"""From overlapping mentions to doc.ents: one sense per name, canonical names, aliases."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span

from hankg.extract.entities.known import KnownActors, TokenBounds, token_bounds
from hankg.extract.entities.lexicon import LATIN_ACRONYM, Mention, alias_ok, norm, strip_ticker
from hankg.extract.entities.models import COUNTER, FAMILY, RANK
from hankg.extract.entities.variants import without_variant
from hankg.extract.words import words_of
from hankg.schema import entity_id

DESCRIPTION = re.compile(r"모델|[가-힣]+\s+[가-힣]+|^[\d.,~]+\s*[KMBT]?$")
HEREAFTER = re.compile(r"^이하\s*['‘\"“]?|['’\"”]$")
SIZED = re.compile(r"^(.+?)[- ]\d+(?:\.\d+)?[BMT]$")


LABELS = {"organization": "ORG", "person": "PERSON", "model": "MODEL"}


def _expand(bounds: TokenBounds, start: int, end: int) -> tuple[int, int] | None:
    """The tokens `doc.char_span(start, end, alignment_mode="expand")` spans, found without making Tokens."""
    offsets = bounds.offsets
    if not 0 <= start < bounds.limit or not 0 <= end - 1 < bounds.limit:
        return None
    first = bisect_right(offsets, start) - 1  # the token whose text or trailing space holds the character
    last = bisect_right(offsets, end - 1) - 1
    if start == bounds.end_of[first]:
        first += 1  # the trailing space of a token is not part of it
    return first, last + 1


def _filter_spans(spans: list[tuple[Span, int, int]]) -> list[Span]:
    """`spacy.util.filter_spans` over (span, first token, end token): the longest, then first, of overlapping spans."""
    result = []
    seen: set[int] = set()
    for span, start, end in sorted(spans, key=lambda x: (x[2] - x[1], -x[1]), reverse=True):
        if start not in seen and end - 1 not in seen:
            result.append((start, span))
            seen.update(range(start, end))
    return [span for _, span in sorted(result, key=lambda x: x[0])]


def _occurrences(name: str, text: str):
    """Where `name` (not empty) stands in text, left to right and not overlapping: `re.finditer` of it escaped."""
    a = text.find(name)
    while a >= 0:
        yield a, a + len(name)
        a = text.find(name, a + len(name))


def propagate(doc: Doc, mentions: list[Mention], bounds: TokenBounds | None = None) -> list[Mention]:
    """One name, one sense per article: every other occurrence of a name a rule found."""
    text = doc.text
    bounds = bounds or token_bounds(doc)
    starts, ends = bounds.starts, bounds.ends
    names = {
        (m.kind, m.name)
        for m in mentions
        if m.kind != "person" and len(m.name) >= 2 and not m.rule.startswith("kb:") and text[m.start : m.end] == m.name
    }
    out = []
    for kind, name in sorted(names):
        for a, b in _occurrences(name, text):
            if a in starts and b in ends:
                out.append(Mention(a, b, kind, name, "rule:same-name", prio=0))
    for name in sorted({m.name for m in mentions if m.kind == "model"}):
        fam = FAMILY.match(without_variant(name))  # `누리 3.1 라이트` is of the family 누리 too
        if not fam or len(fam.group(1).strip(" -")) < 2:
            continue
        sibling = re.compile(re.escape(fam.group(1)) + r"[- ]?\d+(?:\.\d+)?[A-Za-z]*(?:\s\d+(?![\d.]))?")
        for hit in sibling.finditer(text):
            e = hit.end()
            while e > hit.start() and e not in ends:
                e -= 1
            if hit.start() in starts and e > hit.start() + len(fam.group(1)) and not COUNTER.match(text[e : e + 4]):
                out.append(Mention(hit.start(), e, "model", text[hit.start() : e], "rule:model-family", prio=0))
    # the series of a sized model: `바르코 비전 2.0 1.7B` → `바르코 비전 2.0` wherever it stands alone
    for name in sorted({m.name for m in mentions if m.kind == "model"}):
        series = SIZED.match(name)
        if series is None or not re.search(r"\d$", series.group(1)):
            continue
        for a, b in _occurrences(series.group(1), text):
            if a in starts and b in ends and not text.startswith(name, a):
                out.append(Mention(a, b, "model", series.group(1), "rule:model-series", prio=0))
    return out


def resolve(doc: Doc, mentions: list[Mention], known: KnownActors, bounds: TokenBounds | None = None) -> None:
    """Canonical names, aliases, and non-overlapping doc.ents."""
    text = doc.text
    words = words_of(doc)
    # keep the best mention where mentions overlap: longer, then higher priority
    chosen: list[Mention] = []
    starts: list[int] = []  # the chosen spans, disjoint, in text order: their ends are in order too
    ends: list[int] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), -m.prio, m.start)):
        m.name = m.name.strip(" '\"‘’“”")
        if not m.name or m.end <= m.start:
            continue
        k = bisect_left(starts, m.end)  # the chosen spans before k start before m ends
        if k and ends[k - 1] > m.start:
            continue
        chosen.append(m)
        starts.insert(k, m.start)
        ends.insert(k, m.end)
    # curated canonical names
    for m in chosen:
        hit = known.lookup(m.name)
        if hit and hit[0] == m.kind:
            if norm(m.name) != norm(hit[1]):
                m.aliases.add(m.name)
            m.name = hit[1]
    # parenthesised aliases glued to a mention: 과학기술정보통신부(과기정통부), SK텔레콤(SKT)
    by_end = {m.end: m for m in chosen}
    alias_to: dict[str, tuple[str, str]] = {}
    for w in words:
        m = by_end.get(w.core_end)
        if m is None or not w.paren or m.kind == "person":
            continue
        alias = HEREAFTER.sub("", strip_ticker(w.paren_text or ""))  # `모티프테크놀로지스(이하 모티프)`
        if not alias_ok(alias) or (m.kind == "model" and (RANK.match(alias) or DESCRIPTION.search(alias))):
            continue  # `GPT-4o(41점)`, `QwQ 32B(추론에 특화된 모델)`: a score or a description, not another name
        hit = known.lookup(alias)
        if hit and hit[0] == m.kind and known.lookup(m.name) is None:
            if m.kind == "model":  # `'배키(VAETKI)'`: 배키 elsewhere in the article is VAETKI too
                alias_to[norm(m.name)] = (m.kind, hit[1])
            m.aliases.add(m.name)
            m.name = hit[1]
        elif hit is None or hit[1] == m.name:
            m.aliases.add(alias)
            alias_to[norm(alias)] = (m.kind, m.name)
    # an alias learnt here stands for the entity wherever else it appears
    taken_spans = [(c.start, c.end) for c in chosen]
    bounds = bounds or token_bounds(doc)
    tok_starts, tok_ends = bounds.starts, bounds.ends
    for key, (kind, name) in sorted(alias_to.items()):
        # the mention the alias was glued to, not necessarily the entity's first (`A가 … A(이하 B) …`)
        m = next((m for m in chosen if m.name == name and m.kind == kind and key in map(norm, m.aliases)), None)
        if m is None:
            continue
        for alias in sorted(m.aliases):
            if norm(alias) != key:
                continue
            for hit in re.finditer(re.escape(alias), text):
                a, b = hit.span()
                if a in tok_starts and b in tok_ends and not any(x < b and a < y for x, y in taken_spans):
                    chosen.append(Mention(a, b, kind, name, "rule:alias-again", aliases={alias}))
                    taken_spans.append((a, b))
    # one name per entity within the article: forms that normalise alike, or an alias
    canon: dict[tuple[str, str], str] = {}
    for m in sorted(chosen, key=lambda m: m.start):
        key = (m.kind, norm(m.name))
        if key in canon:
            m.name = canon[key]
        elif norm(m.name) in alias_to and alias_to[norm(m.name)][0] == m.kind:
            m.aliases.add(m.name)
            m.name = alias_to[norm(m.name)][1]
        else:
            canon[key] = m.name
    # a model's short form: `솔라 오픈` beside `솔라 오픈 100B` is that model without its size
    sized = {}
    for n in {m.name for m in chosen if m.kind == "model"}:
        if (s := SIZED.match(n)) and not re.search(r"\d", s.group(1)):
            sized.setdefault(s.group(1), []).append(n)
    for m in chosen:
        if m.kind == "model" and len(sized.get(m.name, ())) == 1:
            m.aliases.add(m.name)
            m.name = sized[m.name][0]
    longer = sorted({m.name for m in chosen if m.kind == "organization" and " " in m.name})
    word_starts: list[int] | None = None
    for m in chosen:
        if m.kind != "organization" or not LATIN_ACRONYM.match(m.name):
            continue
        if word_starts is None:
            word_starts = [w.start for w in words]
        k = bisect_left(word_starts, m.end)
        nxt = words[k] if k < len(words) else None
        if nxt is not None and nxt.is_paren and re.search(r"원|▲|▼|%", nxt.core):
            continue
        full = [n for n in longer if n.startswith(m.name + " ")]
        if len(full) == 1:
            m.aliases.add(m.name)
            m.name = full[0]
    aliases: dict[str, set[str]] = {}
    spans: list[tuple[Span, int, int]] = []
    for m in chosen:
        tokens = _expand(bounds, m.start, m.end)
        if tokens is None:
            continue
        span = Span(doc, *tokens, label=LABELS[m.kind])
        span._.name = m.name
        span._.rule = m.rule
        spans.append((span, *tokens))
        eid = entity_id(m.kind, m.name)
        bucket = aliases.setdefault(eid, set())
        key = norm(m.name)
        if m.aliases:
            bucket.update(a for a in m.aliases if norm(a) != key)
        surface = text[m.start : m.end]
        if m.kind != "person" and surface != m.name and norm(surface) != key:
            bucket.add(surface)
    for eid in aliases:
        kind, name = eid.split(":", 1)
        group = known.table.orgs if kind == "org" else known.table.models if kind == "model" else {}
        aliases[eid].update(group.get(name, []))
    doc.set_ents(_filter_spans(spans))  # what `doc.ents = …` does, without making each Span again
    doc._.aliases = aliases
