"""`hankg.KiwiEmbed.v1` and `.v2`: token embeddings from what Korean names are made of.

spaCy's `MultiHashEmbed` can hash a token's first character and last three, but Korean
organisation and person names are told apart by single syllables at either end: the
surname (김…, 이…) and the head (…대, …부, …청, …은행, …위원회). This embedding hashes
the normalised form, the first one and two characters, the last one, two and three, the
Kiwi tag, the shape, whether a space follows (the eojeol boundary Kiwi's morphemes hide)
and the length, then mixes them with a maxout layer, as `MultiHashEmbed` does.

`.v2` (the default for `hankg train`) adds what a few thousand sentences cannot teach: the
meaning of words they never show. Kiwi's CoNg language model, which hankg already loads to
analyse text, embeds its 70,000 built-in morphemes; `kiwi_vectors` reads those embeddings
through Kiwi's public similarity API (no vector table is shipped or downloaded).

A model that uses it needs this module imported before `spacy.load`;
`hankg.extract.tokenizer`, `hankg.extract.ner` and `hankg.extract.ner.train` import it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, Ragged, chain, concatenate, with_array
from thinc.types import Floats2d, Ints2d

from hankg.data import kiwi_anchors
from hankg.extract.tokenizer import get_kiwi

FEATURES = ("norm", "first", "first2", "last", "last2", "last3", "tag", "shape", "space", "length")


def _token_features(doc: Doc) -> numpy.ndarray:
    rows = numpy.zeros((len(doc), len(FEATURES)), dtype="uint64")
    for i, tok in enumerate(doc):
        text = tok.norm_
        rows[i] = (
            tok.norm,
            hash_string(text[:1]),
            hash_string(text[:2]),
            hash_string(text[-1:]),
            hash_string(text[-2:]),
            hash_string(text[-3:]),
            tok.tag,
            tok.shape,
            1 if tok.whitespace_ else 0,
            min(len(text), 10),
        )
    return rows


def _extract_forward(model: Model, docs: list[Doc], is_train: bool):
    ops = model.ops
    arrays = [ops.asarray(_token_features(doc), dtype="uint64") for doc in docs]
    lengths = ops.asarray1i([len(doc) for doc in docs])
    data = ops.xp.concatenate(arrays) if arrays else ops.alloc2i(0, len(FEATURES), dtype="uint64")
    return Ragged(data, lengths), lambda d_features: []


def kiwi_feature_extractor() -> Model[list[Doc], Ragged]:
    return Model("kiwi_features", _extract_forward)


@registry.architectures("hankg.KiwiEmbed.v1")
def kiwi_embed(width: int, rows: list[int]) -> Model[list[Doc], list[Floats2d]]:
    """One hash embedding table per feature in `FEATURES` (`rows` gives their sizes)."""
    tables = _hash_tables(width, rows, "hankg.KiwiEmbed.v1")
    mix = Maxout(width, width * len(tables), nP=3, dropout=0.0, normalize=True)
    embed: Model[Ints2d, Floats2d] = chain(concatenate(*tables), mix)
    model: Model[list[Doc], list[Floats2d]] = chain(kiwi_feature_extractor(), with_array(embed), _ragged2list())
    model.set_dim("nO", width)
    return model


def _hash_tables(width: int, rows: list[int], name: str) -> list[Model[Ints2d, Floats2d]]:
    """One `HashEmbed` per column of `_token_features`, `rows[i]` rows each."""
    if len(rows) != len(FEATURES):
        raise ValueError(f"{name} needs {len(FEATURES)} row counts ({', '.join(FEATURES)}), got {len(rows)}.")
    return [HashEmbed(width, n, column=i, seed=i + 7, dropout=0.0) for i, n in enumerate(rows)]


def _ragged2list() -> Model[Ragged, list[Floats2d]]:
    from thinc.api import ragged2list

    return ragged2list()


class _Similarities:
    """A morpheme's cosine similarity, in Kiwi's CoNg embedding space, to each anchor.

    Kiwi ships no vector table, but its CoNg language model answers similarity queries; the
    similarities to a few hundred anchors span that space, so a fixed projection of them is
    the morpheme's embedding in other coordinates. Morphemes are looked up by (form, tag)
    among Kiwi's built-in ones, so hankg's user words (which have no embedding of their own)
    still find theirs; a form Kiwi does not know gets the vector of its tag's unknown word.
    """

    def __init__(self, anchors: Sequence[tuple[str, str]]):
        self.anchors = tuple(tuple(a) for a in anchors)
        self.cache: dict[tuple[str, str], numpy.ndarray | None] = {}
        self._ids: dict[tuple[str, str], int] | None = None
        self._anchor_ids: list[int | None] = []

    def ids(self) -> dict[tuple[str, str], int]:
        """(form, tag) -> the first built-in morpheme id with an embedding; read once."""
        if self._ids is None:
            kiwi, ids = get_kiwi(), {}
            for i in range(_BUILT_IN):
                try:
                    m = kiwi.morpheme(i)
                except (ValueError, IndexError, RuntimeError):
                    break
                if (m.form, m.tag) not in ids and not math.isnan(kiwi.morpheme_similarity(i, i)):
                    ids[m.form, m.tag] = i
            self._ids = ids
            self._anchor_ids = [ids.get(a) for a in self.anchors]
        return self._ids

    def __call__(self, form: str, tag: str) -> numpy.ndarray | None:
        key = (form.split("+", 1)[0], tag.split("+", 1)[0])
        if key not in self.cache:
            self.cache[key] = self._lookup(key)
        return self.cache[key]

    def _lookup(self, key: tuple[str, str]) -> numpy.ndarray | None:
        ids = self.ids()
        form, tag = key
        if tag.startswith("V") and form.endswith("다") and (form[:-1], tag) in ids:
            form = form[:-1]  # hankg's lemma_ for verbs is Kiwi's lemma, 먹다; the morpheme is 먹
        found = ids.get((form, tag), ids.get(("", tag)))
        if found is None:
            return None
        kiwi = get_kiwi()
        row = [0.0 if a is None else kiwi.morpheme_similarity(found, a) for a in self._anchor_ids]
        return numpy.nan_to_num(numpy.array(row, dtype="float32"))

    def matrix(self, doc: Doc) -> numpy.ndarray:
        out = numpy.zeros((len(doc), len(self.anchors)), dtype="float32")
        for i, tok in enumerate(doc):
            row = self(tok.lemma_ or tok.text, tok.tag_)
            if row is not None:
                out[i] = row
        return out


# Kiwi's embedded morphemes come first (70,488 in kiwipiepy_model 0.24); the ids after them
# are allomorphs and user words, which have none
_BUILT_IN = 80_000


def _projection(sims: _Similarities, dims: int) -> numpy.ndarray:
    """Whitened principal axes of the anchors' own similarities: anchors x dims."""
    gram = numpy.stack([sims(*a) for a in sims.anchors]).astype("float64")
    values, vectors = numpy.linalg.eigh((gram + gram.T) / 2)
    order = numpy.argsort(values)[::-1][:dims]
    values, vectors = values[order], vectors[:, order]
    # a fixed sign per axis, so the same anchors give the same projection everywhere
    vectors *= numpy.sign(vectors[numpy.abs(vectors).argmax(axis=0), numpy.arange(dims)])
    return (vectors / numpy.maximum(values, 1e-6) * numpy.sqrt(len(sims.anchors))).astype("float32")


def kiwi_vectors(dims: int) -> Model[list[Doc], Ragged]:
    """Static `dims`-wide vectors from Kiwi's CoNg model; the projection is computed once at
    initialisation and saved with the model (param `P`, never updated), with the anchors."""
    return Model(
        "kiwi_vectors",
        _vectors_forward,
        init=_vectors_init,
        dims={"nO": dims},
        params={"P": None},
        attrs={"anchors": []},
    )


_SIMILARITIES: dict[tuple[tuple[str, str], ...], _Similarities] = {}


def _similarities(model: Model) -> _Similarities:
    """One cache per anchor list and process, shared by every model that uses it."""
    anchors = tuple(tuple(a) for a in model.attrs["anchors"])
    if anchors not in _SIMILARITIES:
        _SIMILARITIES[anchors] = _Similarities(anchors)
    return _SIMILARITIES[anchors]


def _vectors_init(model: Model, X=None, Y=None) -> None:
    if model.has_param("P"):
        return
    model.attrs["anchors"] = [list(a) for a in kiwi_anchors()]
    model.set_param("P", model.ops.asarray2f(_projection(_similarities(model), model.get_dim("nO"))))


def _vectors_forward(model: Model, docs: list[Doc], is_train: bool):
    sims = _similarities(model)
    projection = model.get_param("P")
    rows = [model.ops.asarray2f(sims.matrix(doc)) for doc in docs]
    lengths = model.ops.asarray1i([len(doc) for doc in docs])
    data = (model.ops.xp.concatenate(rows) if rows else model.ops.alloc2f(0, projection.shape[0])) @ projection
    return Ragged(data, lengths), lambda d_out: []


@registry.architectures("hankg.KiwiEmbed.v2")
def kiwi_embed_v2(width: int, rows: list[int], vectors: int) -> Model[list[Doc], list[Floats2d]]:
    """`hankg.KiwiEmbed.v1` plus `vectors`-wide static vectors from Kiwi's own CoNg model
    (see `kiwi_vectors`): meaning that 3,000 training sentences cannot teach."""
    tables = _hash_tables(width, rows, "hankg.KiwiEmbed.v2")
    hashed = chain(kiwi_feature_extractor(), with_array(concatenate(*tables)))
    mix = Maxout(width, width * len(tables) + vectors, nP=3, dropout=0.0, normalize=True)
    model: Model[list[Doc], list[Floats2d]] = chain(
        concatenate(hashed, kiwi_vectors(vectors)), with_array(mix), _ragged2list()
    )
    model.set_dim("nO", width)
    return model
