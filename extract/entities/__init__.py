"""Organisations, people and models, found by rules over Kiwi's analysis.

Korean news names people as `NAME ORG TITLE` (권순일 업스테이지 부사장은), in bylines and by
back-reference (권 부사장); organisations by their heads (…연구원, …위원회), by the ORG slot of
the person pattern, in consortium listings and by parenthesised aliases; models by quotes
and the words around them. Every mention keeps the rule that found it. Curated actors
(`hankg/data/actors.yaml`) give canonical names; recall on new names comes from the rules.

One module per kind of thing found: `people`, `orgs`, `models`; `known` finds the curated
actors, `resolve` turns the overlapping mentions into `doc.ents`, `lexicon` holds the word
tests they share. Besides `doc.ents`, the component leaves `doc.user_data["hankg.roles"]`: the
(person, org, title) triples the person patterns read, which `hankg_relations` turns into
works_at facts.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from hankg.extract import extensions  # noqa: F401
from hankg.extract.entities.known import KnownActors, _known, token_bounds
from hankg.extract.entities.lexicon import (
    Mention,
    is_person_name,
    is_proper,
    looks_like_org,
    share_memos,
    title_of,
)
from hankg.extract.entities.models import (
    FAMILY,
    drop_glosses,
    extend_versions,
    in_title,
    quoted_models,
    versioned_models,
)
from hankg.extract.entities.orgs import org_rules
from hankg.extract.entities.people import PersonRules, listed_people
from hankg.extract.entities.resolve import propagate, resolve
from hankg.extract.entities.variants import (
    extend_variants,
    listed_models,
    maker_products,
    maker_versions,
    name_bare_variants,
)
from hankg.extract.words import words_of

__all__ = [
    "FAMILY",
    "EntityRecognizer",
    "KnownActors",
    "Mention",
    "is_person_name",
    "is_proper",
    "looks_like_org",
    "title_of",
]


class EntityRecognizer:
    """`hankg_entities`: fills doc.ents with ORG / PERSON / MODEL mentions."""

    def __init__(self, aliases: tuple[str, ...] = ()):
        self.aliases = aliases

    @property
    def known(self) -> KnownActors:
        return _known(self.aliases)

    def __call__(self, doc: Doc) -> Doc:
        art = doc._.article
        source = getattr(art, "source", None)
        text = doc.text
        words = words_of(doc)
        share_memos(words)
        known = self.known
        bounds = token_bounds(doc)
        mentions = [m for m in known.find(doc, bounds) if not (m.kind == "model" and in_title(text, m))]
        mentions += known.find_spaced(words, mentions)
        people = PersonRules(words, source, frozenset((m.start, m.end) for m in mentions if m.kind == "organization"))
        people.run()
        mentions += people.mentions
        mentions += quoted_models(text, words, known)
        mentions += versioned_models(text)
        mentions += org_rules(doc, words, mentions, source)
        mentions += listed_people(
            words, {m.start for m in mentions}, frozenset(m.start for m in mentions if m.kind != "person")
        )
        extend_versions(text, mentions)
        extend_variants(text, mentions)
        mentions += maker_versions(text, mentions) + maker_products(text, mentions)
        mentions += listed_models(text, mentions)
        name_bare_variants(mentions)
        again = propagate(doc, mentions, bounds)
        extend_variants(text, again)
        mentions += again
        doc.user_data["hankg.roles"] = people.roles
        resolve(doc, drop_glosses(text, mentions), known, bounds)
        return doc


@Language.factory("hankg_entities", default_config={"aliases": []})
def make_entities(nlp: Language, name: str, aliases: list[str]) -> EntityRecognizer:
    return EntityRecognizer(tuple(aliases))
