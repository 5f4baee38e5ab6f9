"""Kiwi's CoNg vectors (`hankg.KiwiEmbed.v2`): every anchor resolves, meaning shows, and a
model keeps its projection."""

from __future__ import annotations

import numpy
import pytest
import spacy

from hankg.data import kiwi_anchors
from hankg.extract.ner.arch import _similarities, kiwi_vectors


@pytest.fixture(scope="module")
def layer():
    model = kiwi_vectors(64)
    model.initialize()
    return model


def _vector(layer, form: str, tag: str) -> numpy.ndarray:
    row = _similarities(layer)(form, tag)
    assert row is not None, (form, tag)
    vec = row @ layer.get_param("P")
    return vec / numpy.linalg.norm(vec)


def test_every_anchor_is_a_built_in_morpheme_even_with_hankg_user_words(layer):
    ids = _similarities(layer).ids()
    missing = [a for a in kiwi_anchors() if a not in ids]
    assert not missing
    assert len(kiwi_anchors()) >= 256  # the CoNg space has about 256 dimensions to span


def test_neighbours_are_nearer_than_strangers(layer):
    v = {w: _vector(layer, *w) for w in
         [("서울", "NNP"), ("부산", "NNP"), ("사과", "NNG"), ("경찰청", "NNG"), ("검찰", "NNG")]}
    assert v["서울", "NNP"] @ v["부산", "NNP"] > v["서울", "NNP"] @ v["사과", "NNG"] + 0.2
    assert v["경찰청", "NNG"] @ v["검찰", "NNG"] > v["경찰청", "NNG"] @ v["사과", "NNG"] + 0.1


def test_user_words_verbs_and_unknown_forms_get_vectors(layer):
    sims = _similarities(layer)
    assert sims("삼성전자", "NNP") is not None  # a hankg user word shadows Kiwi's own entry
    assert numpy.allclose(sims("먹다", "VV"), sims("먹", "VV"))  # lemma_ of a verb ends in 다
    # a name Kiwi has never seen gets the vector of an unknown proper noun, not zeros
    assert numpy.allclose(sims("팔란티어코리아", "NNP"), sims("", "NNP"))
    assert numpy.abs(sims("팔란티어코리아", "NNP")).sum() > 0
    assert sims("하", "XSV+EP") is not None  # fused tokens use their first morpheme


def test_projection_and_anchors_travel_with_the_model(layer):
    again = kiwi_vectors(64).from_bytes(layer.to_bytes())
    assert numpy.array_equal(again.get_param("P"), layer.get_param("P"))
    assert [tuple(a) for a in again.attrs["anchors"]] == list(kiwi_anchors())


def test_trained_model_uses_the_vectors(tiny_model):
    nlp = spacy.load(tiny_model)
    names = [node.name for node in nlp.get_pipe("tok2vec").model.walk()]
    assert "kiwi_vectors" in names
