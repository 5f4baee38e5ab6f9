"""Training on a dozen sentences: fast, loadable, deterministic, and it learns its data."""

from __future__ import annotations

import pytest
import spacy

from hankg.extract.ner.data import split
from hankg.extract.ner.evaluate import evaluate
from hankg.extract.ner.train import model_size, train


def test_model_finds_its_own_training_entities(tiny_model, sample):
    nlp = spacy.load(tiny_model)
    assert nlp.pipe_names == ["tok2vec", "ner"]
    scores, predicted = evaluate(nlp, sample)
    assert scores.micro.recall >= 0.8, scores.as_dict()
    assert scores.micro.precision >= 0.8, scores.as_dict()
    assert (0, 3, "PS") in predicted[0]  # 김민수


def test_model_uses_kiwi_tokens_and_stays_small(tiny_model):
    nlp = spacy.load(tiny_model)
    assert [t.text for t in nlp.make_doc("업스테이지는")] == ["업스테이지", "는"]
    assert model_size(tiny_model) < 30_000_000
    assert set(nlp.get_pipe("ner").labels) == {"PS", "OG"}


@pytest.fixture
def short(tiny_settings):
    def make(seed: int):
        settings = tiny_settings(seed=seed)
        settings.max_epochs = settings.patience = 4
        return settings
    return make


def test_same_data_and_seed_give_the_same_model(tmp_path, sample, short):
    a = train(sample, tmp_path / "a", short(3), dev=sample)
    b = train(sample, tmp_path / "b", short(3), dev=sample)
    for part in ("tok2vec/model", "ner/model"):
        assert (a.out / part).read_bytes() == (b.out / part).read_bytes(), part
    assert a.history == b.history


def test_held_back_slice_is_taken_from_the_data(tmp_path, sample, short):
    settings = short(0)
    settings.dev_fraction = 0.25
    result = train(sample, tmp_path / "m", settings)
    assert (result.train_sentences, result.dev_sentences) == (9, 3)
    held_in, _ = split(sample, 0, 0.25)
    assert result.alignment.spans == sum(len(s.entities) for s in held_in)
    assert (tmp_path / "m" / "config.cfg").is_file()
    assert not (tmp_path / "m.partial").exists()


def test_refuses_to_overwrite_a_folder_that_is_not_a_model(tmp_path, sample, tiny_settings):
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ValueError, match="not an empty folder or a model"):
        train(sample, tmp_path, tiny_settings(), dev=sample)
    assert (tmp_path / "keep.txt").exists()


def test_spacy_multihash_embedding_also_trains(tmp_path, sample, short):
    settings = short(0)
    settings.embed = "multihash"
    settings.rows = (1000, 200, 400, 100, 100, 4)
    result = train(sample, tmp_path / "m", settings, dev=sample)
    nlp = spacy.load(result.out)
    assert nlp.get_pipe("tok2vec").model.get_ref("embed").name != "kiwi_features"


def test_mismatched_rows_are_refused(tmp_path, sample, short):
    settings = short(0)
    settings.rows = (100, 100)
    with pytest.raises(ValueError, match="row counts"):
        train(sample, tmp_path / "m", settings, dev=sample)


def test_unknown_embedding_is_refused(tmp_path, sample, short):
    settings = short(0)
    settings.embed = "kiwi-vector"
    with pytest.raises(ValueError, match="unknown embedding 'kiwi-vector'"):
        train(sample, tmp_path / "m", settings, dev=sample)


def test_hashed_only_embedding_also_trains_and_loads(tmp_path, sample, short):
    settings = short(0)
    settings.embed = "kiwi"
    result = train(sample, tmp_path / "m", settings, dev=sample)
    nlp = spacy.load(result.out)
    names = [node.name for node in nlp.get_pipe("tok2vec").model.walk()]
    assert "kiwi_features" in names and "kiwi_vectors" not in names
