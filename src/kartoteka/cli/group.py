"""The ``kartoteka`` command group: its commands by name, each loaded when called.

Each command lives in its own module and is imported only when called, so ``kartoteka --help``
stays fast and a command's heavy dependencies (spaCy, Dask, a web server) load only for it.
Errors of the library (KartotekaError) become one clear line on stderr; no traceback reaches a user.
"""

from __future__ import annotations

import importlib
import sys

import click

from kartoteka.errors import KartotekaError

# name -> (module, function, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "parse": ("kartoteka.cli.parse", "parse", "Parse transcriptions into structured records."),
    "entities": ("kartoteka.cli.entities", "entities", "List a collection's entities with variants and counts."),
    "ingest": ("kartoteka.cli.ingest", "ingest", "Ingest documents into an archive."),
    "link": ("kartoteka.cli.link", "link", "Re-link the whole archive's mentions into entities."),
    "persons": ("kartoteka.cli.persons", "persons", "Show, replace or drop an archive's persons list."),
    "search": ("kartoteka.cli.search", "search", "Search an archive."),
    "show": ("kartoteka.cli.show", "show", "Show one document of an archive."),
    "cite": ("kartoteka.cli.cite", "cite", "Cite one document of an archive (note, CSL-JSON, BibTeX, RIS)."),
    "replace": ("kartoteka.cli.replace", "replace", "Replace a document's transcription, keeping its address."),
    "withdraw": ("kartoteka.cli.withdraw", "withdraw", "Withdraw a document from search (or reinstate it)."),
    "entity": ("kartoteka.cli.entity", "entity", "Show an entity of an archive."),
    "stats": ("kartoteka.cli.stats", "stats", "Counts of an archive."),
    "correct": ("kartoteka.cli.correct", "correct", "Correct an archive: merge, split, re-attach, fix fields."),
    "serve": ("kartoteka.cli.serve", "serve", "Serve the reading room web app."),
    "user": ("kartoteka.cli.user", "user", "Manage reading-room users."),
    "export": ("kartoteka.cli.export", "export", "Export an archive (TEI, CMIF, CSV, JSONL, graphs, GeoJSON)."),
    "import": ("kartoteka.cli.import_", "import_", "Import TEI files into an archive."),
    "evaluate": ("kartoteka.cli.evaluate", "evaluate", "Score parsing against a gold set."),
    "verify": ("kartoteka.cli.verify", "verify", "Re-hash an archive's stored texts and source files."),
    "backup": ("kartoteka.cli.backup", "backup", "Back an archive up (consistent while it is served)."),
    "restore": ("kartoteka.cli.backup", "restore", "Restore an archive from a backup."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name, (mod, _, _) in COMMANDS.items() if importlib.util.find_spec(mod) is not None)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None or importlib.util.find_spec(entry[0]) is None:
            return None
        cmd = getattr(importlib.import_module(entry[0]), entry[1])
        assert isinstance(cmd, click.Command)
        return cmd

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KartotekaError as exc:
            click.echo(f"kartoteka: error: {exc}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("kartoteka: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(0)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kartoteka")
def cli() -> None:
    """kartoteka: structure, link, search and export translated archival documents."""


def main() -> None:
    cli(prog_name="kartoteka")


import importlib.util  # noqa: E402  (find_spec lives in a submodule)
