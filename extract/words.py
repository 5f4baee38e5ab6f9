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


@dataclass(slots=True, init=False)
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

    def __init__(
        self,
        i: int,
        start: int,
        end: int,
        core_start: int,
        core_end: int,
        tags: tuple[str, ...],
        core_tags: tuple[str, ...],
        tail: str,
        sent: int,
        paren: tuple[int, int] | None = None,
        oov: bool = False,
        is_paren: bool = False,
        gap_before: str = "",
        doc_text: str = "",
    ) -> None:
        # written out rather than generated: a dataclass's `__init__` and `__post_init__` cost
        # half again as much, and an article has hundreds of words
        self.i = i
        self.start = start
        self.end = end
        self.core_start = core_start
        self.core_end = core_end
        self.tags = tags
        self.core_tags = core_tags
        self.tail = tail
        self.sent = sent
        self.paren = paren
        self.oov = oov
        self.is_paren = is_paren
        self.gap_before = gap_before
        self.doc_text = doc_text
        self.text = doc_text[start:end]
        self.core = doc_text[core_start:core_end]
        self.paren_text = doc_text[paren[0] : paren[1]] if paren else None
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


def _is_tail(tag: str) -> bool:
    """Whether a token with this tag is what Korean attaches to a word, memoised per tag."""
    tail = _TAIL[tag] = tag.startswith(TAIL_TAGS)
    return tail


_TAIL: dict[str, bool] = {}


def words_of(doc: Doc) -> list[Word]:
    """The doc's words in order; cached on the doc (components run in sequence)."""
    cached = doc.user_data.get("hankg.words")
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    text = doc.text
    oov = doc.user_data.get("hankg.oov", frozenset())
    columns = getattr(doc, "_hankg_columns", None)  # a KiwiDoc's, as its tokenizer made them
    texts, idx, tag_list, ws, sent_of = columns if columns and len(columns[0]) == len(doc) else _tokens(doc)
    n = len(texts)
    tags = tuple(tag_list)  # so that a word's tags are a slice
    brk = [t in BREAKS or g in BREAK_TAGS or t.isspace() for t, g in zip(texts, tags, strict=True)]
    tail_of = _TAIL
    is_tail = [tail_of[g] if g in tail_of else _is_tail(g) for g in tags]
    surnames = wordset("surnames")
    out: list[Word] = []
    prev_end = 0  # where the word before ended: what lies between is the next word's `gap_before`
    i = 0
    while i < n:
        if brk[i]:
            i += 1
            continue
        s = idx[i]
        gap = text[prev_end:s]
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
                    tags[i:j],
                    (),
                    "",
                    sent_of[i],
                    None,
                    False,
                    True,
                    gap,
                    text,
                )
            )
            prev_end = e
            i = j
            continue
        # the tokens of a word touch (no space between) and hold no break and no `(`
        j = i + 1
        while j < n and not ws[j - 1] and not brk[j] and texts[j] != "(":
            j += 1
        core_end_tok = j
        for k in range(i + 1, j):
            if is_tail[k]:
                core_end_tok = k
                break
        word_end = idx[j - 1] + len(texts[j - 1])
        paren = None
        end_tok = j
        after_paren = ""
        if j < n and texts[j] == "(" and not ws[j - 1]:
            k, depth = _close(texts, j, n, stop_at_newline=False)
            if depth == 0:
                paren = (idx[j] + 1, idx[k - 1])
                end_tok = k
                while end_tok < n and is_tail[end_tok] and not ws[end_tok - 1]:
                    end_tok += 1
                if end_tok > k:  # the tokens after `)` touch: their text is one slice
                    after_paren = text[idx[k] : idx[end_tok - 1] + len(texts[end_tok - 1])]
        tail = text[idx[core_end_tok] : word_end] + after_paren if core_end_tok < j else after_paren
        # a rare name Kiwi split into a surname and a non-particle (채 + 도운): keep it whole
        if (
            core_end_tok - i == 1
            and j - i >= 2
            and texts[i] in surnames
            and not STANDARD_TAIL.match(text[idx[core_end_tok] : word_end])
            and NAME_SHAPE.match(text[s:word_end])
        ):
            core_end_tok = j
            tail = after_paren
        e = idx[end_tok - 1] + len(texts[end_tok - 1])
        unknown = bool(oov) and (i in oov if core_end_tok == i + 1 else not oov.isdisjoint(range(i, core_end_tok)))
        out.append(
            Word(
                len(out),
                s,
                e,
                s,
                idx[core_end_tok - 1] + len(texts[core_end_tok - 1]),
                tags[i:end_tok],
                tags[i:core_end_tok],
                tail,
                sent_of[i],
                paren,
                unknown,
                False,
                gap,
                text,
            )
        )
        prev_end = e
        i = end_tok
    doc.user_data["hankg.words"] = (len(doc), out)
    return out
