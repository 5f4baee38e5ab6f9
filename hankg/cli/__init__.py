"""`hankg`: one Typer app joining one sub-app per command module."""

from __future__ import annotations

import typer

from hankg.cli import evaluate, export, extract, ner, query, report

app = typer.Typer(
    name="hankg",
    help="Korean news knowledge extractor: articles in, a queryable knowledge graph out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
for module in (extract, evaluate, query, export, report, ner):
    app.add_typer(module.app)


@app.callback()
def main() -> None:
    """hankg reads Korean news articles and builds a knowledge graph of what they state."""
