"""Imports every module that registers a `hankg.*` spaCy factory, so a config can name them."""

from hankg.extract import dates, entities, relations, values  # noqa: F401
