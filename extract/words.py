"""An eojeol view of a Kiwi-tokenised Doc: the unit Korean rules are written in.

A `Word` is a run of tokens between spaces or separators (`,` `·` `[` `]` `ⓒ` `=` quotes),
split into its content (`core`: 업스테이지) and what Korean attaches to it (`tail`: the
particle 가, the copula 이자); a parenthesis glued to it (`SK텔레콤(SKT)은`) is kept aside as
`paren`. A stand-alone parenthesis (`(56,100원 ▲300)`) is a word of its own marked `is_paren`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from hankg.data import wordset

BREAKS = {
    "[",
    "]",
    "ⓒ",
    "©",
    "=",
    "▲",
    "△",
    "▷",
    "■",
    "/",
    "<",
    ">",
    "·",
    "ㆍ",
    "…",
    ",",
    "，",
    "“",
    "”",
    "‘",
    "’",
    "'",
    '"',
    "「",
    "」",
    "『",
    "』",
    "《",
    "》",
    "〈",
    "〉",
    "|",
    ":",
    ";",
    "!",
    "?",
    "-",
    "–",
    "—",
    "~",
    "∼",
    "〜",
    "+",
    "&",
    "*",
    "#",
}
TAIL_TAGS = ("J", "E", "VCP", "XSV", "XSA", "VX")
STANDARD_TAIL = re.compile(
    r"^(은|는|이|가|을|를|의|에|에서|에게|와|과|도|로|으로|만|까지|부터|께서|에는|에서는|이나|나|보다|처럼|마다|"
    r"이다|였다|이며|이자|인|이고|에도|와도|과도|한|했다|하는|하고|하며|해|했|된|되는|됐다)$"
)
NAME_SHAPE = re.compile(r"^[가-힣]{3}$")


@dataclass(slots=True)
class Word:
    i: int
    start: int
    end: int
    core_start: int
    core_end: int
    tags: tuple[str, ...]
    core_tags: tuple[str, ...]
    tail: str
    sent: int
    paren: tuple[int, int] | None = None
    oov: bool = False
    is_paren: bool = False
    gap_before: str = ""
    doc_text: str = ""
    # sliced once here: the rules read these millions of times per thousand articles
    text: str = field(init=False)
    core: str = field(init=False)
    paren_text: str | None = field(init=False)
    # the entity rules' word tests, computed once per word and article (`entities.lexicon.memoised`)
    memo: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.text = self.doc_text[self.start : self.end]
        self.core = self.doc_text[self.core_start : self.core_end]
        self.paren_text = self.doc_text[self.paren[0] : self.paren[1]] if self.paren else None
        self.memo = {}

    def __repr__(self) -> str:
        return f"Word({self.text!r} core={self.core!r} tail={self.tail!r})"


BREAK_TAGS = frozenset(("SF", "SP", "SE", "_SP"))


def _tokens(doc: Doc) -> tuple[list[str], list[int], list[str], list[bool], list[int]]:
    """Texts, offsets, tags, trailing-space flags and sentence numbers of the doc's tokens,
    read once: a spaCy Token is made afresh on every access, plain lists are not."""
    texts, idx, tags, ws, sent = [], [], [], [], []
    si = -1
    for t in doc:
        texts.append(t.text)
        idx.append(t.idx)
        tags.append(t.tag_)
        ws.append(bool(t.whitespace_))
        si += t.i == 0 or t.is_sent_start is True
        sent.append(si)
    return texts, idx, tags, ws, sent


def _close(texts: list[str], j: int, n: int, stop_at_newline: bool) -> tuple[int, int]:
    """From the `(` at token j: the token after the matching `)` and the depth left there."""
    depth, k = 0, j
    while k < n:
        depth += texts[k] == "("
        depth -= texts[k] == ")"
        k += 1
        if depth <= 0 or stop_at_newline and "\n" in texts[k - 1] and texts[k - 1].isspace():
            break
    return k, depth


def words_of(doc: Doc) -> list[Word]:
    """The doc's words in order; cached on the doc (components run in sequence)."""
    cached = doc.user_data.get("hankg.words")
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    text = doc.text
    oov = doc.user_data.get("hankg.oov", frozenset())
    columns = getattr(doc, "_hankg_columns", None)  # a KiwiDoc's, as its tokenizer made them
    texts, idx, tags, ws, sent_of = columns if columns and len(columns[0]) == len(doc) else _tokens(doc)
    n = len(texts)
    brk = [t.isspace() or t in BREAKS or g in BREAK_TAGS for t, g in zip(texts, tags, strict=True)]
    surnames = wordset("surnames")
    out: list[Word] = []
    i = 0
    while i < n:
        if brk[i]:
            i += 1
            continue
        s = idx[i]
        gap = text[out[-1].end : s] if out else text[:s]
        if texts[i] == "(":
            j, _ = _close(texts, i, n, stop_at_newline=True)
            e = idx[j - 1] + len(texts[j - 1])
            out.append(
                Word(
                    len(out),
                    s,
                    e,
                    s + 1,
                    max(s + 1, e - 1),
                    tuple(tags[i:j]),
                    (),
                    "",
                    sent_of[i],
                    is_paren=True,
                    gap_before=gap,
                    doc_text=text,
                )
            )
            i = j
            continue
        j = i
        while j < n and not brk[j] and texts[j] != "(" and (j == i or not ws[j - 1]):
            j += 1
        core_end_tok = j
        for k in range(i + 1, j):
            if tags[k].startswith(TAIL_TAGS):
                core_end_tok = k
                break
        paren = None
        end_tok = j
        k = j
        if j < n and texts[j] == "(" and not ws[j - 1]:
            k, depth = _close(texts, j, n, stop_at_newline=False)
            if depth == 0:
                paren = (idx[j] + 1, idx[k - 1])
                end_tok = k
                while end_tok < n and tags[end_tok].startswith(TAIL_TAGS) and not ws[end_tok - 1]:
                    end_tok += 1
        after_paren = texts[k:end_tok] if paren else []
        tail = texts[core_end_tok:j] + after_paren
        # a rare name Kiwi split into a surname and a non-particle (채 + 도운): keep it whole
        word_end = idx[j - 1] + len(texts[j - 1])
        if (
            core_end_tok - i == 1
            and texts[i] in surnames
            and j - i >= 2
            and not STANDARD_TAIL.match(text[idx[core_end_tok] : word_end])
            and NAME_SHAPE.match(text[s:word_end])
        ):
            core_end_tok = j
            tail = after_paren
        out.append(
            Word(
                len(out),
                s,
                idx[end_tok - 1] + len(texts[end_tok - 1]),
                s,
                idx[core_end_tok - 1] + len(texts[core_end_tok - 1]),
                tuple(tags[i:end_tok]),
                tuple(tags[i:core_end_tok]),
                "".join(tail),
                sent_of[i],
                paren=paren,
                oov=not oov.isdisjoint(range(i, core_end_tok)),
                gap_before=gap,
                doc_text=text,
            )
        )
        i = end_tok
    doc.user_data["hankg.words"] = (len(doc), out)
    return out
