"""An eojeol view of a Kiwi-tokenised Doc: the unit Korean rules are written in.

A `Word` is a run of tokens between spaces or separators (`,` `·` `[` `]` `ⓒ` `=` quotes),
split into its content (`core`: 업스테이지) and what Korean attaches to it (`tail`: the
particle 가, the copula 이자); a parenthesis glued to it (`SK텔레콤(SKT)은`) is kept aside as
`paren`. A stand-alone parenthesis (`(56,100원 ▲300)`) is a word of its own marked `is_paren`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass
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

    @property
    def text(self) -> str:
        return self.doc_text[self.start : self.end]

    @property
    def core(self) -> str:
        return self.doc_text[self.core_start : self.core_end]

    @property
    def paren_text(self) -> str | None:
        return self.doc_text[self.paren[0] : self.paren[1]] if self.paren else None

    def __repr__(self) -> str:
        return f"Word({self.text!r} core={self.core!r} tail={self.tail!r})"


def _is_break(tok) -> bool:
    return tok.is_space or tok.text in BREAKS or tok.tag_ in ("SF", "SP", "SE", "_SP")


def words_of(doc: Doc) -> list[Word]:
    """The doc's words in order; cached on the doc (components run in sequence)."""
    cached = doc.user_data.get("hankg.words")
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    text = doc.text
    oov = doc.user_data.get("hankg.oov", frozenset())
    sent_of = {}
    for si, sent in enumerate(doc.sents):
        for t in sent:
            sent_of[t.i] = si
    out: list[Word] = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if _is_break(tok):
            i += 1
            continue
        gap = text[out[-1].end : tok.idx] if out else text[: tok.idx]
        if tok.text == "(":
            depth, j = 0, i
            while j < n:
                depth += doc[j].text == "("
                depth -= doc[j].text == ")"
                j += 1
                if depth <= 0 or doc[j - 1].is_space and "\n" in doc[j - 1].text:
                    break
            s, e = tok.idx, doc[j - 1].idx + len(doc[j - 1])
            out.append(
                Word(
                    len(out),
                    s,
                    e,
                    s + 1,
                    max(s + 1, e - 1),
                    tuple(t.tag_ for t in doc[i:j]),
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
        while j < n and not _is_break(doc[j]) and doc[j].text != "(" and (j == i or not doc[j - 1].whitespace_):
            j += 1
        core_end_tok = j
        for k in range(i + 1, j):
            if doc[k].tag_.startswith(TAIL_TAGS):
                core_end_tok = k
                break
        paren = None
        end_tok = j
        if j < n and doc[j].text == "(" and not doc[j - 1].whitespace_:
            depth, k = 0, j
            while k < n:
                depth += doc[k].text == "("
                depth -= doc[k].text == ")"
                k += 1
                if depth <= 0:
                    break
            if depth == 0:
                paren = (doc[j].idx + 1, doc[k - 1].idx)
                end_tok = k
                while end_tok < n and doc[end_tok].tag_.startswith(TAIL_TAGS) and not doc[end_tok - 1].whitespace_:
                    end_tok += 1
        tail_tokens = [t for t in doc[core_end_tok:j]]
        if paren:
            tail_tokens += [t for t in doc[k:end_tok]]
        # a rare name Kiwi split into a surname and a non-particle (채 + 도운): keep it whole
        if (
            core_end_tok - i == 1
            and tok.text in wordset("surnames")
            and j - i >= 2
            and not STANDARD_TAIL.match(text[doc[core_end_tok].idx : doc[j - 1].idx + len(doc[j - 1])])
            and NAME_SHAPE.match(text[tok.idx : doc[j - 1].idx + len(doc[j - 1])])
        ):
            core_end_tok = j
            tail_tokens = list(doc[k:end_tok]) if paren else []
        core_s = tok.idx
        core_e = doc[core_end_tok - 1].idx + len(doc[core_end_tok - 1])
        last = doc[end_tok - 1]
        out.append(
            Word(
                len(out),
                tok.idx,
                last.idx + len(last),
                core_s,
                core_e,
                tuple(t.tag_ for t in doc[i:end_tok]),
                tuple(t.tag_ for t in doc[i:core_end_tok]),
                "".join(t.text for t in tail_tokens),
                sent_of[i],
                paren=paren,
                oov=any(t.i in oov for t in doc[i:core_end_tok]),
                gap_before=gap,
                doc_text=text,
            )
        )
        i = end_tok
    doc.user_data["hankg.words"] = (len(doc), out)
    return out
