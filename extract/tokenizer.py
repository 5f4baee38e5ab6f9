"""Kiwi's morphological analysis as a spaCy tokenizer that never loses or shifts text.

Kiwi returns morphemes with character offsets; some overlap (`했다` → `하` + `었` at one
position) and whitespace is not covered. Here overlapping morphemes fuse into one token
(`XSV+EP`), every uncovered character lands in a token or a token's trailing space, and
text that is not NFC is analysed in NFC and mapped back, so `doc.text == text` always.
"""

from __future__ import annotations

import gc
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import accumulate

import numpy
from kiwipiepy import Kiwi
from spacy.attrs import LEMMA, SENT_START, TAG
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from hankg.data import user_words

_KIWI: Kiwi | None = None
_RUNS = re.compile(r"\s+|\S+")
LONG_RUN = 1000
_LONG = re.compile(rf"\S{{{LONG_RUN + 1},}}")
_LOCK = threading.Lock()
_ANNOTATIONS = [TAG, LEMMA, SENT_START]


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


def release_kiwi() -> None:
    """Let this process's Kiwi go (the next analysis builds it again): a run that has analysed its
    last article needs the memory for the graph's answers instead."""
    global _KIWI
    with _LOCK:
        _KIWI = None
    gc.collect()


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


def _morphemes(norm: str, back: list[int] | None) -> Iterator[tuple[int, int, str, str, bool, bool]]:
    """Kiwi's morphemes of the NFC text `norm` as tokens (start, end, tag, lemma, oov, starts a
    Kiwi sentence), offsets mapped through `back` (None: `norm` is the text); morphemes that
    overlap or are empty fuse into the token before, tags and lemmas joined with `+`."""
    kiwi = get_kiwi()
    have = False
    cs = ce = 0
    ctag = clemma = ""
    coov = cnew = False
    for off, piece in _pieces(norm):
        if not piece.strip():
            continue
        sent = None  # a new piece starts a new sentence, as Kiwi numbers them per call
        for t in kiwi.tokenize(piece):  # one call per text (or piece); t.sent_position numbers sentences
            tag = t.tag
            if back is None:
                s = off + t.start
                e = s + t.len
            else:
                start = off + t.start
                n = t.len
                s, e = back[start], back[start + n]
                if n and e <= s:
                    e = s + 1
            lemma = t.lemma if tag[0] == "V" else t.form
            sp = t.sent_position
            if have and sp == sent and (s < ce or e <= s):
                if e > ce:
                    ce = e
                ctag = f"{ctag}+{tag}"
                clemma = f"{clemma}+{lemma}"
                coov = coov or t.oov
                continue
            if have:
                yield cs, ce, ctag, clemma, coov, cnew
            cnew = sp != sent
            sent = sp
            cs, ce, ctag, clemma, coov, have = s, e, tag, lemma, t.oov, True
    if have:
        yield cs, ce, ctag, clemma, coov, cnew


def _gap(
    text: str,
    pos: int,
    upto: int,
    new_sent: bool,
    words: list[str],
    spaces: list[bool],
    tags: list[str],
    lemmas: list[str],
    starts: list[bool],
    idx: list[int],
) -> bool:
    """Tokens for `text[pos:upto]`, which Kiwi left out: a space after a word becomes its
    trailing space, other runs of spaces `_SP` tokens and of anything else `SW` tokens. Whether
    a line break since the last non-space token starts a sentence is returned."""
    for m in _RUNS.finditer(text, pos, upto):
        run, at = m.group(), m.start()
        if "\n" in run:
            new_sent = True
        if run[0] == " " and words and not spaces[-1] and not words[-1].isspace():
            spaces[-1] = True
            run, at = run[1:], at + 1
            if not run:
                continue
        blank = run.isspace()
        idx.append(at)
        words.append(run)
        spaces.append(False)
        tags.append("_SP" if blank else "SW")
        lemmas.append(run)
        starts.append(len(words) == 1 or (not blank and new_sent))
        if not blank:
            new_sent = False
    return new_sent


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
        self._ids: dict[str, int] = {}  # tag or lemma -> its id in `vocab.strings`, added once

    def _id(self, s: str) -> int:
        """The id of a tag or lemma seen for the first time; kept for good (not transient in a
        spaCy memory zone), so that the id cached for it stays valid."""
        h = self._ids[s] = self.vocab.strings.add(s, allow_transient=False)
        return h

    def __call__(self, text: str) -> Doc:
        # one pass over Kiwi's tokens builds the Doc's own columns and `words_of`'s at once
        words: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        lemmas: list[str] = []
        starts: list[bool] = []
        idx: list[int] = []
        oov: list[int] = []
        pos = 0
        new_sent = first = True
        norm, back = (text, None) if unicodedata.is_normalized("NFC", text) else nfc_map(text)
        for s, e, tag, lemma, unknown, new in _morphemes(norm, back):
            first = first or new
            if s < pos:
                s = pos
            if e <= s:
                continue
            if s > pos:
                if s == pos + 1 and text[pos] == " " and words and not spaces[-1] and not words[-1].isspace():
                    spaces[-1] = True  # the one space between two words: most gaps
                else:
                    new_sent = _gap(text, pos, s, new_sent, words, spaces, tags, lemmas, starts, idx)
            if unknown:
                oov.append(len(words))
            idx.append(s)
            words.append(text[s:e])
            spaces.append(False)
            tags.append(tag)
            lemmas.append(lemma)
            starts.append(first or new_sent or len(words) == 1)
            first = new_sent = False
            pos = e
        if pos < len(text):
            _gap(text, pos, len(text), new_sent, words, spaces, tags, lemmas, starts, idx)
        if not words:
            return Doc(self.vocab, words=[], spaces=[])
        doc = KiwiDoc(self.vocab, words=words, spaces=spaces)
        ids, new_id, n = self._ids, self._id, len(words)
        values = numpy.empty((n, 3), dtype=numpy.uint64)
        values[:, 0] = numpy.fromiter([ids[t] if t in ids else new_id(t) for t in tags], numpy.uint64, n)
        values[:, 1] = numpy.fromiter([ids[t] if t in ids else new_id(t) for t in lemmas], numpy.uint64, n)
        values[:, 2] = numpy.where(numpy.fromiter(starts, bool, n), 1, -1).astype(numpy.uint64)
        doc.from_array(_ANNOTATIONS, values)  # what `Doc(tags=, lemmas=, sent_starts=)` does, less each value's trip
        doc._hankg_text = text
        # a token's sentence: the number of sentence starts up to it, less one (the first token starts one)
        sent = list(accumulate(starts, initial=-1))[1:]
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
