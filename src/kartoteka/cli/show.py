"""``kartoteka show``: one document of an archive — header, agents, names found, and its text, as
its page in the reading room reads it (``Archive.reading``)."""

from __future__ import annotations

import click

from kartoteka.cli.archive import archive_option, colour, open_existing
from kartoteka.errors import Location, StoreError
from kartoteka.store.pageviews import CAVEATS_ONLY, DocumentPage

AGENTS = (("sender", "senders"), ("recipient", "recipients"), ("signatory", "signatories"))


@click.command()
@click.argument("doc")
@archive_option
@click.option("--text/--no-text", "with_text", default=True, show_default=True, help="Print the document's text.")
def show(doc: str, archive: str, with_text: bool) -> None:
    """Show DOC: a sha256 (or its first 6+ characters), a path, or a file name such as d12.txt."""
    with open_existing(archive) as arc:
        page = arc.reading.document_page(arc.resolve_document(doc))
    if page is None:
        raise StoreError("no such document in the archive", location=Location(doc),
                         expected="a sha256 (or its first 6+ characters), a path or a file name")
    render(page, with_text=with_text, ansi=colour())


def render(d: DocumentPage, *, with_text: bool, ansi: bool) -> None:
    out = click.echo

    def label(s: str) -> str:
        return click.style(f"{s:<15}", bold=True) if ansi else f"{s:<15}"

    out(label("title") + (d.title or "—"))
    out(label("source") + f"{d.path}")
    out(label("sha256") + d.sha256)
    date = next(iter(d.values("date")), None)
    out(label("date") + (f"{date.value}" + (f"  (“{date.text}”)" if date.text else "") if date else "—"))
    for place in d.values("origin"):
        out(label("place") + place.value)
    cls = next(iter(d.values("classification")), None)
    level = "" if cls is None or cls.value == CAVEATS_ONLY else cls.value
    if cls is not None and cls.extra:
        level += (" · " if level else "") + cls.extra
    out(label("classification") + (level or "—"))
    for role, heading in AGENTS:
        names = [a.value + (f" [{a.entity}]" if a.entity else "") for a in d.values(role)]
        if names:
            out(label(heading) + "; ".join(names))
    if refs := d.values("reference"):
        out(label("references") + "; ".join(r.value for r in refs))
    for summary in d.values("summary")[:1]:
        out(label("summary") + " ".join(summary.value.split()))
    active = sorted(h.id for h in d.history if h.undone_at is None and h.applied)
    if active:
        out(label("corrected by") + ", ".join(f"#{c}" for c in active))
    if d.error:
        out(label("parse error") + d.error)
    if d.mentions:
        out("")
        out(f"mentions ({len(d.mentions)}): id kind @offset text -> entity")
        for m in d.mentions:
            ent = f"{m.entity_name} [{m.entity}]" if m.entity else "—"
            out(f"  #{m.id:<6} {m.kind:<12} @{m.start:<6} {m.text}  -> {ent}")
    if with_text:
        out("")
        out(d.text.rstrip("\n"))
