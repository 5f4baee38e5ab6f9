"""Kiwi's morphological analysis as a spaCy tokenizer that never loses or shifts text.

Kiwi returns morphemes with character offsets; some overlap (`했다` → `하` + `었` at one
position) and whitespace is not covered. Here overlapping morphemes fuse into one token
(`XSV+EP`), every uncovered character lands in a token or a token's trailing space, and
text that is not NFC is analysed in NFC and mapped back, so `doc.text == text` always.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from kiwipiepy import Kiwi
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from hankg.data import user_words

_KIWI: Kiwi | None = None
_RUNS = re.compile(r"\s+|\S+")
LONG_RUN = 1000
_LONG = re.compile(rf"\S{{{LONG_RUN + 1},}}")
_LOCK = threading.Lock()


def get_kiwi() -> Kiwi:
    """The one Kiwi per process, created on first use with hankg's user dictionary.

    Without Kiwi's multi-word dictionary (252,000 WikiData names with a space inside, 70 % of
    them people): it doubles Kiwi's start-up (1.8 s of about 3) and hankg's name rules read
    the two words of `샘 올트먼` or `젠슨 황` as one name anyway (same records on the gold
    sets and the audited real articles but one, which the rules then got right too).
    """
    global _KIWI
    with _LOCK:
        if _KIWI is None:
            kiwi = Kiwi(load_multi_dict=False)
            for word, tag in user_words():
                kiwi.add_user_word(word, tag, 0.0)
            _KIWI = kiwi
    return _KIWI


def nfc_map(text: str) -> tuple[str, list[int]]:
    """NFC text and, for each of its characters and its end, the original offset."""
    if unicodedata.is_normalized("NFC", text):
        return text, list(range(len(text) + 1))
    out: list[str] = []
    offsets: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and (unicodedata.combining(text[j]) or "\u1160" <= text[j] <= "\u11ff"):
            j += 1
        seg = unicodedata.normalize("NFC", text[i:j])
        out.append(seg)
        offsets.extend([i] * len(seg))
        i = j
    offsets.append(len(text))
    return "".join(out), offsets


def _pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece) to hand Kiwi: the whole text, unless it holds a run without spaces longer
    than `LONG_RUN`; such a run is cut every `LONG_RUN` characters, because Kiwi's time grows with
    the square of a run's length (200,000 characters: minutes) and no word is that long."""
    cuts = [m.start() + k for m in _LONG.finditer(text) for k in range(LONG_RUN, m.end() - m.start(), LONG_RUN)]
    if not cuts:
        return [(0, text)]
    bounds = [0, *cuts, len(text)]
    return [(a, text[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


def analyse(text: str) -> Iterator[tuple[int, int, list[str], list[str], bool, bool]]:
    """Kiwi's morphemes as tokens (start, end, tags, lemmas, oov, starts a Kiwi sentence) in
    `text`'s own offsets; morphemes that overlap or are empty fuse into the token before."""
    if unicodedata.is_normalized("NFC", text):
        norm, back = text, None
    else:
        norm, back = nfc_map(text)
    if not norm.strip():
        return
    cur: list | None = None
    sent = None
    for p, (off, piece) in enumerate(_pieces(norm)):
        if not piece.strip():
            continue
        for t in get_kiwi().tokenize(piece):  # one call per text (or piece); t.sent_position numbers sentences
            start, n, tag = off + t.start, t.len, t.tag
            s, e = (start, start + n) if back is None else (back[start], back[start + n])
            if n and e <= s:
                e = s + 1
            lemma = t.lemma if tag[0] == "V" else t.form
            new = (p, t.sent_position) != sent
            if cur is not None and not new and (s < cur[1] or e <= s):
                if e > cur[1]:
                    cur[1] = e
                cur[2].append(tag)
                cur[3].append(lemma)
                cur[4] = cur[4] or t.oov
                continue
            if cur is not None:
                yield cur
            sent = (p, t.sent_position)
            cur = [s, e, [tag], [lemma], bool(t.oov), new]
    if cur is not None:
        yield cur


class KiwiDoc(Doc):
    """A Doc that keeps its text and its Token objects: spaCy's `Doc.text` joins every token
    again on each read and iterating makes every Token afresh, and hankg's rules do both a
    dozen times per article. Merging and splitting tokens never change the text, so the text
    given is the text for good; the Tokens point into the token array, so `retokenize`
    drops them."""

    _hankg_text: str
    _hankg_tokens: list | None = None
    # the tokenizer's own columns (texts, offsets, tags, trailing space, sentence number), so
    # that `words_of` need not read them back token by token; None once tokens change
    _hankg_columns: tuple | None = None

    @property
    def text(self) -> str:
        return self._hankg_text

    @property
    def text_with_ws(self) -> str:
        return self._hankg_text

    def __iter__(self) -> Iterator:
        tokens = self._hankg_tokens
        if tokens is None or len(tokens) != len(self):
            tokens = self._hankg_tokens = list(Doc.__iter__(self))
        return iter(tokens)

    @contextmanager
    def retokenize(self):
        self._hankg_tokens = self._hankg_columns = None
        try:
            with Doc.retokenize(self) as retokenizer:
                yield retokenizer
        finally:
            self._hankg_tokens = self._hankg_columns = None


class KiwiTokenizer:
    """spaCy tokenizer over Kiwi: `tag_` is Kiwi's tag (fused with `+`), `lemma_` its lemma,
    and sentence starts follow Kiwi's split and line breaks."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        lemmas: list[str] = []
        starts: list[bool] = []
        pos = 0
        new_sent = True

        def gap(upto: int) -> None:
            nonlocal pos, new_sent
            for run in _RUNS.findall(text[pos:upto]):
                if "\n" in run:
                    new_sent = True
                if run[0] == " " and words and not spaces[-1] and not words[-1].isspace():
                    spaces[-1] = True
                    run = run[1:]
                    if not run:
                        continue
                words.append(run)
                spaces.append(False)
                tags.append("_SP" if run.isspace() else "SW")
                lemmas.append(run)
                starts.append(len(words) == 1 or (not run.isspace() and new_sent))
                if not run.isspace():
                    new_sent = False
            pos = max(pos, upto)

        oov: list[int] = []
        first = True
        for s, e, tg, lm, unknown, new in analyse(text):
            first = first or new
            if s < pos:
                s = pos
            if e <= s:
                continue
            if s > pos:
                gap(s)
            words.append(text[s:e])
            spaces.append(False)
            tags.append(tg[0] if len(tg) == 1 else "+".join(tg))
            lemmas.append(lm[0] if len(lm) == 1 else "+".join(lm))
            if unknown:
                oov.append(len(words) - 1)
            starts.append(first or new_sent or len(words) == 1)
            first = new_sent = False
            pos = e
        gap(len(text))
        if not words:
            return Doc(self.vocab, words=[], spaces=[])
        doc = KiwiDoc(self.vocab, words=words, spaces=spaces, tags=tags, lemmas=lemmas, sent_starts=starts)
        doc._hankg_text = text
        idx, sent, at, si = [], [], 0, -1
        for word, space, start in zip(words, spaces, starts, strict=True):
            idx.append(at)
            at += len(word) + space
            si += start or not sent
            sent.append(si)
        doc._hankg_columns = (words, idx, tags, spaces, sent)
        doc.user_data["hankg.oov"] = frozenset(oov)  # read as `token._.oov`: Kiwi did not know the word
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> KiwiTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> KiwiTokenizer:
        return self

    def __reduce__(self):
        return (KiwiTokenizer, (self.vocab,))


@registry.tokenizers("hankg.KiwiTokenizer.v1")
def create_kiwi_tokenizer():
    def make(nlp) -> KiwiTokenizer:
        return KiwiTokenizer(nlp.vocab)

    return make
