"""The statistical half: KLUE data, the Kiwi-vector CNN, training, evaluation and the merge.

`import hankg.extract.ner` registers hankg's tokenizer, embeddings and the `hankg_ner` /
`hankg_ner_merge` factories, so a trained folder loads with `spacy.load`.
"""

from hankg.extract.ner.merge import NerMerge, accept, add_ner, cued, load_model, trim

__all__ = ["NerMerge", "accept", "add_ner", "cued", "load_model", "trim"]
