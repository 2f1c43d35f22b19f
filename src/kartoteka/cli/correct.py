"""``kartoteka correct``: a historian's corrections — merge, split, re-attach, rename, fix a date,
classification or title — kept as an audit log, listed, and undone."""

from __future__ import annotations

import json
import sys

import click

from kartoteka.cli.archive import archive_option, default_author, open_existing
from kartoteka.corrections import (
    Correction,
    Merge,
    Reattach,
    Rename,
    SetClassification,
    SetDate,
    SetTitle,
    Split,
    from_payload,
)
from kartoteka.corrections.typed_date import read_date
from kartoteka.errors import CorrectionError, Location
from kartoteka.search.filters import classification_level
from kartoteka.store import Archive
from kartoteka.store.views import CorrectionEntry


def _who(fn: click.decorators.FC) -> click.decorators.FC:
    fn = click.option("--reason", required=True, help="Why (kept in the audit log).")(fn)
    fn = click.option("--author", default=default_author, show_default="$KARTOTEKA_AUTHOR or the login name",
                      help="Who makes the correction.")(fn)
    return archive_option(fn)


@click.group()
def correct() -> None:
    """Correct an archive. Corrections survive re-ingest and re-linking, and can be undone.

    Each one is kept in an audit log with who made it (--author) and why (--reason): see
    `kartoteka correct list`, for one document or entity with --document/--entity. Every
    `kartoteka export` format shows the archive as corrected, and who corrected what.
    """


def _entity_id(arc: Archive, name: str) -> str:
    found = arc.find_entities(name)
    if not found:
        raise CorrectionError(f"no entity called {name!r}", location=Location(name),
                              expected="an entity id or name (see `kartoteka entity NAME`)")
    if len(found) > 1 and found[0].id != name:
        # the one entity written exactly so wins over those a spelling key also reaches
        exact = [e for e in found if name.casefold() in {e.name.casefold(), *(v.variant.casefold() for v in e.variants)}]
        if len(exact) == 1:
            return exact[0].id
        ids = ", ".join(f"{e.id} ({e.name})" for e in found[:6])
        raise CorrectionError(f"{len(found)} entities are called {name!r}: {ids}", location=Location(name),
                              expected="one entity id")
    return found[0].id


def _done(entry: CorrectionEntry) -> None:
    click.echo(f"#{entry.id} {entry.target}")


@correct.command()
@click.argument("into")
@click.argument("other")
@_who
def merge(into: str, other: str, archive: str, author: str, reason: str) -> None:
    """Merge entity OTHER into entity INTO (ids or names)."""
    with open_existing(archive) as arc:
        c = Merge(arc.entity_ref(_entity_id(arc, into)), arc.entity_ref(_entity_id(arc, other)))
        _done(arc.correct(c, author=author, reason=reason))


@correct.command(short_help="Split mentions (by id or spelling) off ENTITY.")
@click.argument("entity")
@click.option("--mention", "mentions", type=int, multiple=True,
              help="A mention id (see `kartoteka show DOC`) to move to the new entity; repeatable.")
@click.option("--spelling", "spellings", multiple=True,
              help="Move every mention of ENTITY spelled so (see `kartoteka entity`); repeatable.")
@click.option("--name", required=True, help="The new entity's name.")
@_who
def split(entity: str, mentions: tuple[int, ...], spellings: tuple[str, ...], name: str, archive: str, author: str,
          reason: str) -> None:
    """Split mentions off ENTITY into a new entity called --name: those given by id (--mention) and
    every one spelled a given way (--spelling)."""
    with open_existing(archive) as arc:
        eid = _entity_id(arc, entity)
        chosen = list(dict.fromkeys([*mentions, *arc.reading.mention_ids(eid, spellings)]))
        if not chosen:
            raise CorrectionError("no mention to split off", location=Location("--mention/--spelling"),
                                  expected="a mention id, or a spelling the entity's mentions have")
        c = Split(arc.entity_ref(eid), tuple(arc.mention_ref(m) for m in chosen), name)
        _done(arc.correct(c, author=author, reason=reason))


@correct.command(short_help="Re-attach a mention to an entity, or to none.")
@click.argument("mention", type=int)
@click.argument("entity", required=False)
@click.option("--none", "detach", is_flag=True, help="Attach the mention to no entity.")
@_who
def attach(mention: int, entity: str | None, detach: bool, archive: str, author: str, reason: str) -> None:
    """Re-attach MENTION (an id from `kartoteka show`) to ENTITY (id or name), or to none."""
    if (entity is None) == (not detach):
        raise CorrectionError("give an entity or --none", location=Location("ENTITY"),
                              expected="exactly one of ENTITY and --none")
    with open_existing(archive) as arc:
        target = arc.entity_ref(_entity_id(arc, entity)) if entity else None
        _done(arc.correct(Reattach(arc.mention_ref(mention), target), author=author, reason=reason))


@correct.command()
@click.argument("entity")
@click.argument("name")
@_who
def rename(entity: str, name: str, archive: str, author: str, reason: str) -> None:
    """Give ENTITY (id or name) the preferred name NAME."""
    with open_existing(archive) as arc:
        _done(arc.correct(Rename(arc.entity_ref(_entity_id(arc, entity)), name.strip()), author=author,
                          reason=reason))


@correct.command(short_help="Set DOC's date (a range, circa allowed).")
@click.argument("doc")
@click.argument("value")
@_who
def date(doc: str, value: str, archive: str, author: str, reason: str) -> None:
    """Set DOC's date: YYYY, YYYY-MM or YYYY-MM-DD (or DD.MM.YYYY); a range FROM/TO
    (1946-12-07/1946-12-09); uncertain as "circa 1946" or "1946-12?"."""
    typed = read_date(value, "DATE")
    with open_existing(archive) as arc:
        sha = arc.document(doc).sha256
        _done(arc.correct(SetDate(sha, typed.iso, typed.not_before, typed.not_after, typed.certainty),
                          author=author, reason=reason))


@correct.command()
@click.argument("doc")
@click.argument("level")
@click.option("--caveat", "caveats", multiple=True, help="A handling caveat (Eyes Only, Nodis…); repeatable.")
@_who
def classification(doc: str, level: str, caveats: tuple[str, ...], archive: str, author: str, reason: str) -> None:
    """Set DOC's classification LEVEL ("none" for caveats only)."""
    lv = None if level.strip().casefold() == "none" else classification_level(level)
    with open_existing(archive) as arc:
        sha = arc.document(doc).sha256
        _done(arc.correct(SetClassification(sha, lv, caveats), author=author, reason=reason))


@correct.command()
@click.argument("doc")
@click.argument("title")
@_who
def title(doc: str, title: str, archive: str, author: str, reason: str) -> None:
    """Set DOC's title."""
    if not title.strip():
        raise CorrectionError("an empty title", location=Location("TITLE"), expected="a title")
    with open_existing(archive) as arc:
        sha = arc.document(doc).sha256
        _done(arc.correct(SetTitle(sha, title.strip()), author=author, reason=reason))


@correct.command("list", short_help="The audit log: who corrected what, when and why.")
@archive_option
@click.option("--active", is_flag=True, help="Only corrections not undone.")
@click.option("--document", "doc", default=None, metavar="DOC",
              help="Only those about this document (collection/name, sha256, path or file name).")
@click.option("--entity", default=None, metavar="ENTITY", help="Only those about this entity (id or name).")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
def list_(archive: str, active: bool, doc: str | None, entity: str | None, fmt: str) -> None:
    """The audit log: who corrected what, when and why (oldest first)."""
    if doc and entity:
        raise CorrectionError("give --document or --entity, not both", location=Location("--document/--entity"),
                              expected="one of them")
    with open_existing(archive) as arc:
        if doc:
            entries = arc.correction_history(document=arc.document(doc).sha256)
        elif entity:
            entries = arc.correction_history(entity=_entity_id(arc, entity))
        else:
            entries = arc.corrections()
    if active:
        entries = [e for e in entries if e.undone_at is None]
    for e in entries:
        if fmt == "jsonl":
            d = {"id": e.id, "created_at": e.created_at, "author": e.author, "action": e.action,
                 "target": e.target, "reason": e.reason, "payload": json.loads(e.payload),
                 "undone_at": e.undone_at, "undone_by": e.undone_by, "undo_reason": e.undo_reason,
                 "applied": e.applied}
            sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
            continue
        state = f"undone {e.undone_at} by {e.undone_by}: {e.undo_reason}" if e.undone_at else (
            "active" if e.applied else "active, target not in archive")
        click.echo(f"#{e.id:<4} {e.created_at}  {e.author}  {e.target}")
        click.echo(f"      why: {e.reason}  [{state}]")
    if not entries and fmt == "text":
        click.echo("no corrections" + (" about it" if doc or entity else ""))


@correct.command(short_help="Undo a correction (it stays in the log, marked undone).")
@click.argument("correction_id", type=int)
@_who
def undo(correction_id: int, archive: str, author: str, reason: str) -> None:
    """Undo correction CORRECTION_ID (it stays in the log, marked undone)."""
    with open_existing(archive) as arc:
        e = arc.undo(correction_id, author=author, reason=reason)
        now = _now_holds(arc, from_payload(e.action, e.payload))
    click.echo(f"#{e.id} undone: {e.target}" + (f"; {now}" if now else ""))


def _now_holds(arc: Archive, c: Correction) -> str | None:
    """What a document's value is once a correction of it is undone (the parse's, or an earlier
    correction's)."""
    if not isinstance(c, SetDate | SetClassification | SetTitle):
        return None
    d = arc.document(c.sha256)
    if isinstance(c, SetDate):
        return f"its date is {d.date_iso or 'none'}"
    if isinstance(c, SetClassification):
        return f"its classification is {'; '.join([d.classification_level or 'none', *d.classification_caveats])}"
    own = d.value("title")
    return f"its title is {own!r}" if own else "it has no title"
