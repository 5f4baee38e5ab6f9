"""The one place the spaCy pipeline is assembled, from a config, and run over articles."""

from __future__ import annotations

import gc
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import Config

from hankg.extract import components, extensions, tokenizer  # noqa: F401  (registrations)
from hankg.extract.readers import InputProblem
from hankg.extract.records import OFFSETS, doc_to_record
from hankg.extract.tokenizer import KiwiDoc, nfc_map
from hankg.schema import Article, ArticleRecord

CONFIG = """
[nlp]
lang = "ko"
pipeline = ["hankg_entities", "hankg_values", "hankg_dates", "hankg_relations"]

[nlp.tokenizer]
@tokenizers = "hankg.KiwiTokenizer.v1"

[components]

[components.hankg_entities]
factory = "hankg_entities"
aliases = []

[components.hankg_values]
factory = "hankg_values"

[components.hankg_dates]
factory = "hankg_dates"

[components.hankg_relations]
factory = "hankg_relations"
aliases = []
"""


def build_nlp(aliases: Sequence[Path | str] = (), ner: Path | str | None = None) -> Language:
    """hankg's pipeline; `aliases` are user actor files, `ner` a model from `hankg train`."""
    config = Config().from_str(CONFIG)
    extra = [str(Path(a)) for a in aliases]
    config["components"]["hankg_entities"]["aliases"] = extra
    config["components"]["hankg_relations"]["aliases"] = extra
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    if ner is not None:
        from hankg.extract.ner import add_ner

        add_ner(nlp, Path(ner), before="hankg_relations")
    return nlp


def make_doc(nlp: Language, article: Article):
    """The Doc of an article; text not in NFC (decomposed Hangul, as macOS copies it) is
    analysed in NFC, since the rules and word lists are NFC, and records map offsets back."""
    text = article.text
    if unicodedata.is_normalized("NFC", text):
        doc = nlp.make_doc(text)
    else:
        norm, back = nfc_map(text)
        doc = nlp.make_doc(norm)
        doc.user_data[OFFSETS] = back
    doc._.article = article
    return doc


def extract_docs(
    articles: Iterable[Article | InputProblem],
    nlp: Language | None = None,
) -> Iterator[tuple[Article, object] | InputProblem]:
    """(article, Doc) in input order, streaming; a failing article becomes an InputProblem."""
    nlp = nlp or build_nlp()
    failures: deque[InputProblem] = deque()
    passthrough: deque[InputProblem] = deque()

    def on_error(proc_name, proc, docs, e):
        for doc in docs:
            art = doc._.article
            failures.append(InputProblem(art.path or art.id, None, f"{proc_name} failed on article {art.id}: {e!r}"))

    nlp.set_error_handler(on_error)

    def docs() -> Iterator:
        for item in articles:
            if isinstance(item, InputProblem):
                passthrough.append(item)
                continue
            try:
                yield make_doc(nlp, item)
            except Exception as e:  # noqa: BLE001 - one bad article never stops the batch
                failures.append(
                    InputProblem(item.path or item.id, None, f"tokenizer failed on article {item.id}: {e!r}")
                )

    for doc in nlp.pipe(docs(), batch_size=16):
        while passthrough:
            yield passthrough.popleft()
        while failures:
            yield failures.popleft()
        yield doc._.article, doc
    yield from passthrough
    yield from failures


def extract(
    articles: Iterable[Article | InputProblem],
    nlp: Language | None = None,
    *,
    workers: int = 1,
    aliases: Sequence[Path | str] = (),
    ner: Path | str | None = None,
) -> Iterator[ArticleRecord | InputProblem]:
    """Articles (and reading problems) in, one record per article out, in input order.

    `workers > 1` runs that many processes, each building its own pipeline from `aliases`
    and `ner` (a pipeline object cannot be shared), with the same records as one."""
    if workers > 1:
        if nlp is not None:
            raise ValueError("with workers > 1 each process builds its own pipeline: pass aliases/ner, not nlp.")
        from hankg.extract.parallel import extract_parallel

        yield from extract_parallel(articles, workers, aliases, ner)
        return
    for item in extract_docs(articles, nlp or build_nlp(aliases, ner)):
        if isinstance(item, InputProblem):
            yield item
            continue
        record = doc_to_record(item[1])
        release(item[1])
        freeze_long_lived()
        yield record


_FROZEN = False


def freeze_long_lived() -> None:
    """Once per process, after its first article: everything alive then (the pipeline, the word
    lists and tables its first article loaded, some 100,000 objects that live as long as the
    process) moves out of the cyclic garbage collector's sight, whose full passes would walk
    them all again every few dozen articles (some 3% of one core). No collection first: it
    would cost a full pass (50 ms) to free a few hundred objects of start-up garbage."""
    global _FROZEN
    if not _FROZEN:
        _FROZEN = True
        gc.freeze()


def release(doc) -> None:
    """Let a Doc no one reads any more go at once: the Tokens a KiwiDoc keeps point back at
    it, and such a cycle (with the words, spans and memos it holds, thousands of objects per
    article) would wait for the cyclic garbage collector, whose full passes then grow with it."""
    if isinstance(doc, KiwiDoc):
        doc._hankg_tokens = None
