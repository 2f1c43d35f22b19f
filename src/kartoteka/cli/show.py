"""``kartoteka show``: one document of an archive — header, agents, names found, and its text."""

from __future__ import annotations

import click

from kartoteka.cli.archive import archive_option, colour, open_existing
from kartoteka.store.views import DocumentView


@click.command()
@click.argument("doc")
@archive_option
@click.option("--text/--no-text", "with_text", default=True, show_default=True, help="Print the document's text.")
def show(doc: str, archive: str, with_text: bool) -> None:
    """Show DOC: a sha256 (or its first 6+ characters), a path, or a file name such as d12.txt."""
    with open_existing(archive) as arc:
        view = arc.document(doc)
    render(view, with_text=with_text, ansi=colour())


def render(d: DocumentView, *, with_text: bool, ansi: bool) -> None:
    out = click.echo

    def label(s: str) -> str:
        return click.style(f"{s:<15}", bold=True) if ansi else f"{s:<15}"

    out(label("title") + (d.title or "—"))
    out(label("source") + f"{d.path}")
    out(label("sha256") + d.sha256)
    out(label("date") + (f"{d.date_iso}" + (f"  (“{d.date_text}”)" if d.date_text else "") if d.date_iso else "—"))
    if d.place:
        out(label("place") + d.place)
    cls = d.classification_level or ""
    if d.classification_caveats:
        cls += (" · " if cls else "") + ", ".join(d.classification_caveats)
    out(label("classification") + (cls or "—"))
    for role, heading in (("sender", "senders"), ("recipient", "recipients"), ("signatory", "signatories")):
        names = [a.name + (f" [{a.entity_id}]" if a.entity_id else "") for a in d.agents if a.role == role]
        if names:
            out(label(heading) + "; ".join(names))
    if d.references:
        out(label("references") + "; ".join(d.references))
    if d.summary:
        out(label("summary") + " ".join(d.summary.split()))
    if d.corrections:
        out(label("corrected by") + ", ".join(f"#{c}" for c in d.corrections))
    if d.error:
        out(label("parse error") + d.error)
    if d.mentions:
        out("")
        out(f"mentions ({len(d.mentions)}): id kind @offset text -> entity")
        for m in d.mentions:
            ent = f"{m.entity_name} [{m.entity_id}]" if m.entity_id else "—"
            out(f"  #{m.id:<6} {m.kind:<12} @{m.start:<6} {m.text}  -> {ent}")
    if with_text:
        out("")
        out(d.text.rstrip("\n"))
