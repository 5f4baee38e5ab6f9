"""The custom attributes hankg's components read and write on spaCy objects.

`doc.ents` holds entity mentions (labels ORG, PERSON, MODEL); `span._.name` is the name the
mention stands for (`김 대표` → 김성훈), `span._.rule` the rule that found it. Values and dates
are span groups (`doc.spans["values"]`, `doc.spans["dates"]`) carrying `span._.value`;
relations land in `doc._.facts`, entity aliases in `doc._.aliases`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

LABEL_KIND = {"ORG": "organization", "PERSON": "person", "MODEL": "model"}
KIND_LABEL = {v: k for k, v in LABEL_KIND.items()}


def register() -> None:
    """Idempotent: safe to call from every module that needs the attributes."""
    for name, default in (("article", None), ("facts", None), ("aliases", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in ("name", "rule", "value", "max", "unit", "kind"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Token.has_extension("oov"):
        Token.set_extension("oov", getter=lambda t: t.i in t.doc.user_data.get("hankg.oov", ()))


register()
