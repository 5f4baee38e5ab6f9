"""`hankg.KiwiEmbed.v1`: token embeddings from the features Korean names are made of.

spaCy's `MultiHashEmbed` can hash a token's first character and last three, but Korean
organisation and person names are told apart by single syllables at either end: the
surname (김…, 이…) and the head (…대, …부, …청, …은행, …위원회). This embedding hashes
the normalised form, the first one and two characters, the last one, two and three, the
Kiwi tag, the shape, whether a space follows (the eojeol boundary Kiwi's morphemes hide)
and the length, then mixes them with a maxout layer, as `MultiHashEmbed` does.

A model that uses it needs this module imported before `spacy.load`;
`hankg.extract.tokenizer`, `hankg.extract.ner` and `hankg.extract.ner_train` import it.
"""

from __future__ import annotations

import numpy
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, Ragged, chain, concatenate, with_array
from thinc.types import Floats2d, Ints2d

FEATURES = ("norm", "first", "first2", "last", "last2", "last3", "tag", "shape", "space",
            "length")


def _token_features(doc: Doc) -> numpy.ndarray:
    rows = numpy.zeros((len(doc), len(FEATURES)), dtype="uint64")
    for i, tok in enumerate(doc):
        text = tok.norm_
        rows[i] = (tok.norm, hash_string(text[:1]), hash_string(text[:2]),
                   hash_string(text[-1:]), hash_string(text[-2:]), hash_string(text[-3:]),
                   tok.tag, tok.shape, 1 if tok.whitespace_ else 0, min(len(text), 10))
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
    if len(rows) != len(FEATURES):
        raise ValueError(f"hankg.KiwiEmbed.v1 needs {len(FEATURES)} row counts "
                         f"({', '.join(FEATURES)}), got {len(rows)}.")
    tables = [HashEmbed(width, n, column=i, seed=i + 7, dropout=0.0) for i, n in enumerate(rows)]
    mix = Maxout(width, width * len(tables), nP=3, dropout=0.0, normalize=True)
    embed: Model[Ints2d, Floats2d] = chain(concatenate(*tables), mix)
    model: Model[list[Doc], list[Floats2d]] = chain(
        kiwi_feature_extractor(), with_array(embed), _ragged2list())
    model.set_dim("nO", width)
    return model


def _ragged2list() -> Model[Ragged, list[Floats2d]]:
    from thinc.api import ragged2list

    return ragged2list()
