"""The ``kartoteka`` command: a thin shell over the library (``group``), one module per command."""

from kartoteka.cli.group import COMMANDS, LazyGroup, cli, main

__all__ = ["COMMANDS", "LazyGroup", "cli", "main"]
