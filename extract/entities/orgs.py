"""Organisations: by their heads, in listings and consortium sentences, as bylines' outlets and model owners."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from hankg.data import wordset
from hankg.extract.entities.lexicon import (
    LATIN_ACRONYM,
    PARTNER_VERBS,
    Mention,
    is_person_name,
    is_proper,
    looks_like_org,
    title_of,
)
from hankg.extract.words import Word


def org_rules(doc: Doc, words: list[Word], found: list[Mention], source: str | None) -> list[Mention]:
    """Organisations by head, unit, bullet, acronym, outlet line, listing, partner subject and model owner."""
    text = doc.text
    out: list[Mention] = []
    taken = {(m.start, m.end) for m in found}
    for w in words:
        if w.is_paren:
            continue
        if looks_like_org(w):
            out.append(Mention(w.core_start, w.core_end, "organization", w.core, "rule:org-head"))
    # a sub-unit named with its parent: `서울대 AI연구원`, `고려대 말글지능연구실`
    known_orgs = {(m.start, m.end) for m in found if m.kind == "organization"}
    for a, b in zip(words, words[1:], strict=False):
        if (a.core_start, a.core_end) in known_orgs or looks_like_org(a):
            if (
                not a.tail
                and b.gap_before == " "
                and re.search(r"(연구원|연구소|연구실|연구센터|랩)$", b.core)
                and not title_of(b.core)
                and len(b.core) > 3
            ):
                out.append(
                    Mention(
                        a.core_start,
                        b.core_end,
                        "organization",
                        text[a.core_start : b.core_end],
                        "rule:org-unit",
                        prio=1,
                    )
                )
    # bullet lists: `▲한빛AI연구원 '하늘 3.0' – 70B`
    for w in words:
        if (
            w.gap_before.strip().endswith(("▲", "△", "■", "◆"))
            and is_proper(w)
            and not is_person_name(w)
            and (w.core_start, w.core_end) not in taken
        ):
            out.append(Mention(w.core_start, w.core_end, "organization", w.core, "rule:bullet"))
    # Latin acronym + AI / 연구원 across a space: `NC AI`, `LG AI 연구원`
    for a, b in zip(words, words[1:], strict=False):
        if (
            not a.tail
            and b.gap_before == " "
            and LATIN_ACRONYM.match(a.core)
            and a.core not in wordset("not_orgs_latin")
            and b.core in ("AI", "연구원", "AI연구원")
        ):
            out.append(
                Mention(a.core_start, b.core_end, "organization", text[a.core_start : b.core_end], "rule:acronym-head")
            )
    # News outlets: bylines and copyright lines, and the article's own source
    for m in re.finditer(r"(?:ⓒ|©|Copyright\s*ⓒ?|저작권자\s*ⓒ?)\s*([^\s<>\[\]()ⓒ,.]{2,12})", text):
        s, e = m.span(1)
        cand = m.group(1)
        w = next((w for w in words if w.core_start == s), None)
        if w is not None and (is_proper(w) or looks_like_org(w)) and cand not in ("Copyright", "All"):
            out.append(Mention(s, e, "organization", w.core, "rule:outlet"))
    if source and len(source) >= 2:
        for m in re.finditer(re.escape(source), text):
            out.append(Mention(m.start(), m.end(), "organization", source, "rule:source", prio=2))
    # Listings: proper nouns in the same enumeration as a known organisation, or in a
    # sentence about a consortium (`컨소시엄에는 가온데이터, 누리칩스, 다온랩이 참여한다`)
    org_starts = {m.start for m in [*found, *out] if m.kind == "organization"}
    sent_text = {i: text[s.start_char : s.end_char] for i, s in enumerate(doc.sents)}
    groups: list[list[Word]] = []
    for w in words:
        sep = w.gap_before.strip()
        prev = groups[-1][-1] if groups else None
        joined = (
            prev is not None
            and prev.sent == w.sent
            and (
                sep in (",", "·", "ㆍ", "▲", "및", "/")
                or (prev.tail in ("와", "과", "및") and sep == "")
                or (sep == "" and prev.tail in ("와", "과"))
            )
        )
        if joined:
            groups[-1].append(w)
        else:
            groups.append([w])
    for g in groups:
        if len(g) < 2:
            continue
        has_org = any(w.core_start in org_starts for w in g)
        consortium = any(v in sent_text[g[0].sent] for v in PARTNER_VERBS)
        if not (has_org or consortium):
            continue
        for w in g:
            if w.core_start in org_starts or (w.core_start, w.core_end) in taken:
                continue
            if is_proper(w) and not is_person_name(w, strict=True) and not title_of(w.core):
                out.append(Mention(w.core_start, w.core_end, "organization", w.core, "rule:listing"))
    # `X가 데이터 수집, Y가 모델 최적화`: proper-noun subjects in a partner sentence
    for w in words:
        if (
            w.tail in ("가", "이", "는", "은", "와", "과", "도")
            and is_proper(w)
            and any(v in sent_text[w.sent] for v in PARTNER_VERBS)
            and not is_person_name(w)
            and w.core_start not in org_starts
        ):
            out.append(Mention(w.core_start, w.core_end, "organization", w.core, "rule:partner-subject"))
    # `X의 'MODEL'`: the owner of a model is an organisation
    model_starts = [m.start for m in found if m.kind == "model"]
    for w in words:
        ownerish = (
            is_proper(w)
            or looks_like_org(w)
            or (
                len(w.core) >= 2
                and w.core not in wordset("not_entities")
                and not title_of(w.core)
                and any(t in ("NNP", "SL") for t in w.core_tags)
            )
        )
        if w.tail == "의" and ownerish and not is_person_name(w) and w.core_start not in org_starts:
            nxt = text[w.end : w.end + 6]
            if any(0 <= ms - w.end <= 3 for ms in model_starts) or nxt.lstrip().startswith(("'", "‘")):
                out.append(Mention(w.core_start, w.core_end, "organization", w.core, "rule:owner-of-model"))
    return out
