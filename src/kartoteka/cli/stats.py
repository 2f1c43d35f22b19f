"""``kartoteka stats``: counts of an archive, readable or as JSON for scripts."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from kartoteka.cli.archive import archive_option, open_existing


@click.command()
@archive_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(archive: str, fmt: str) -> None:
    """Documents, mentions, entities, spellings and corrections of an archive."""
    with open_existing(archive) as arc:
        s = arc.stats()
    if fmt == "json":
        d = asdict(s)
        d["by_kind"] = dict(s.by_kind)
        click.echo(json.dumps(d, ensure_ascii=False))
        return
    rows = [
        ("documents", f"{s.documents}" + (f" ({s.failed} with parse errors)" if s.failed else "")),
        ("mentions", str(s.mentions)),
        ("entities", str(s.entities) + (" (" + ", ".join(f"{k} {n}" for k, n in s.by_kind) + ")" if s.by_kind else "")),
        ("spellings", str(s.variants)),
        ("corrections", f"{s.active_corrections} active of {s.corrections}"),
        ("linking", "stale: run `kartoteka link`" if s.links_stale else "up to date"),
        ("schema", f"version {s.schema_version}"),
        ("size", f"{s.size_bytes / 1e6:.1f} MB" + (f" ({s.size_bytes / s.documents / 1e3:.1f} kB per document)"
                                                      if s.documents else "")),
    ]
    for k, v in rows:
        click.echo(f"{k:<12} {v}")
