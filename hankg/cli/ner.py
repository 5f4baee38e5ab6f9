"""Placeholder: commands of this module are being written."""

import typer

app = typer.Typer()
