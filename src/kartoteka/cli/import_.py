"""``kartoteka import``: TEI files (a FRUS volume, TEI documents of any edition, CMIF files) into an archive."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence

import click

from kartoteka.cli.archive import archive_option
from kartoteka.cli.progress import progress_bar
from kartoteka.errors import KartotekaError
from kartoteka.gazetteer.authority import Authority, Person
from kartoteka.ingest import Job, in_order
from kartoteka.model import Document, Record
from kartoteka.pipeline import parse_source
from kartoteka.readers.tei import DEFAULT_MAX_BYTES, AuthorityPerson, TeiImport, read_tei_file
from kartoteka.readers.tei.layout import ORIGINAL, REGULARISED
from kartoteka.readers.tei.letters import with_letter

_BRACKETS = re.compile(r"\s*\([^)]*\)")


def authority_of(persons: Sequence[AuthorityPerson], source: str) -> Authority | None:
    """A TEI persons list as the linker's authority list (None when the file has none)."""
    if not persons:
        return None

    return Authority(source, tuple(
        Person(p.id, _BRACKETS.sub("", p.name).strip(), _BRACKETS.sub("", p.name_direct_order).strip(), (),
               p.identification or None)
        for p in persons))


def parse_documents(docs: Sequence[Document], jobs: int, progress: Callable[[int], None] | None = None,
                    ) -> list[Record]:
    """The per-document pipeline over imported documents, in input order, on ``jobs`` processes."""
    job = Job(jobs) if jobs > 0 else Job.auto(len(docs))
    return in_order(job.executor(warm=True), parse_source, docs, progress)


def parse_imports(imports: Sequence[TeiImport], jobs: int, progress: bool | None) -> list[Record]:
    """Every imported document parsed and linked as one collection (persons lists as authority)."""
    from kartoteka.linking import link

    tds = [td for imp in imports for td in imp.documents]
    persons = [p for imp in imports for p in imp.persons]
    with progress_bar(len(tds), "parse", progress) as advance:
        records = parse_documents([td.document for td in tds], jobs, advance)
    # an edition's header (title, correspDesc) says who wrote to whom, when and where: it wins over the parse
    records = [with_letter(r, td.letter) for r, td in zip(records, tds, strict=True)]
    return link(records, authority_of(persons, imports[0].path if imports else "<tei>"))


def read_files(files: Sequence[str], max_bytes: int, readings: tuple[str, ...]) -> tuple[list[TeiImport], int]:
    """Every file that can be read, and how many could not: each of those is named on stderr with
    what was wrong, and the batch goes on."""
    imports: list[TeiImport] = []
    failed = 0
    for f in files:
        try:
            imports.append(read_tei_file(f, max_bytes, readings))
        except KartotekaError as exc:
            failed += 1
            click.echo(f"kartoteka: {exc}", err=True)
    return imports, failed


def _write_gold(out: str, imports: Sequence[TeiImport]) -> None:
    """Each volume's derived gold set under ``out/<volume id>/`` (the file-system edge)."""
    import os

    from kartoteka.errors import ExportError, Location
    from kartoteka.evaluation.gold import gold_files

    for imp in imports:
        if not imp.is_volume:
            continue
        base = os.path.join(out, imp.volume_id)
        for rel, content in gold_files(imp).items():
            path = os.path.join(base, rel)
            try:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8", newline="") as fh:
                    fh.write(content)
            except OSError as exc:
                raise ExportError(f"cannot write gold: {exc.strerror}", location=Location(path)) from None


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@archive_option
@click.option("--max-bytes", type=click.IntRange(1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse XML files larger than this.")
@click.option("--gold-out", "gold_out", type=click.Path(file_okay=False), default=None,
              help="Also write each FRUS volume's markup as a gold set (DIR/<volume>/text, gold, persons.json) "
                   "for `kartoteka evaluate --gold`.")
@click.option("--readings", type=click.Choice(["regularised", "original"]), default="regularised",
              show_default=True,
              help="Which reading of a <choice> the text takes: reg/corr/expan, or orig/sic/abbr "
                   "(the other is kept as a mark).")
@click.option("-j", "--jobs", type=int, default=0, help="Worker processes (0 = one per core).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on a terminal).")
def import_(files: tuple[str, ...], archive: str, max_bytes: int, gold_out: str | None, readings: str, jobs: int,
            progress: bool | None) -> None:
    """Import TEI files into an archive: a FRUS-style volume (one document per div type="document"),
    TEI documents (by their text and header: title, correspDesc, sourceDesc; e.g. ones `kartoteka
    export tei` wrote, or a letters edition's), or CMIF files (one record per letter, without text).

    The documents are parsed like any transcription; a volume's persons list is the authority
    list when they are linked. The historians' corrections a `kartoteka export tei` file carries
    are logged again, each with its maker and time and the file it came from, and applied. XML with entity declarations, an external DTD, or over the size
    limit is refused; a file that cannot be read is named and the others are imported.
    """
    from kartoteka.ingest import ingest_records
    from kartoteka.store import open_archive
    from kartoteka.store.restorer import restore_corrections

    imports, unreadable = read_files(files, max_bytes, ORIGINAL if readings == "original" else REGULARISED)
    if gold_out:
        _write_gold(gold_out, imports)
    records = parse_imports(imports, jobs, progress)
    failed = [r for r in records if r.error is not None]
    for r in failed:
        click.echo(f"kartoteka: {r.error.message if r.error else ''}", err=True)
    with open_archive(archive, create=True) as arc:
        report = ingest_records(arc, [r for r in records if r.error is None])
        lr = arc.relink(authority_of([p for imp in imports for p in imp.persons], files[0]))
        # the historians' corrections a kartoteka export carries, logged as imported from their file
        restored = restore_corrections(arc, [(imp.path, x) for imp in imports for td in imp.documents
                                             for x in td.changes])
    click.echo(f"{len(files)} TEI file(s), {unreadable} unreadable, {len(records)} document(s): "
               f"{report.added} added, {report.skipped} already there, {len(failed)} failed; "
               f"linked {lr.mentions} mention(s) into {lr.entities} entities", err=True)
    if restored.logged or restored.already:
        click.echo(f"{restored.logged} correction(s) imported ({restored.already} already in the log); "
                   f"{restored.applied} entity correction(s) applied, {restored.dormant} waiting for their "
                   f"targets", err=True)
    if failed or unreadable:
        sys.exit(1)
