"""``kartoteka show``: one document of an archive — header, agents, names found, and its text, as
its page in the reading room reads it (``Archive.reading``)."""

from __future__ import annotations

import click

from kartoteka.cli.archive import archive_option, colour, open_existing
from kartoteka.errors import Location, StoreError
from kartoteka.store.pageviews import CAVEATS_ONLY, DocumentPage, RecordValue, StepShown

AGENTS = (("sender", "senders"), ("recipient", "recipients"), ("signatory", "signatories"))


@click.command()
@click.argument("doc")
@archive_option
@click.option("--text/--no-text", "with_text", default=True, show_default=True, help="Print the document's text.")
def show(doc: str, archive: str, with_text: bool) -> None:
    """Show DOC: an address (collection/name, e.g. frus1952-54Guat/d2), a sha256 (or its first 6+
    characters), a path, or a file name such as d12.txt."""
    with open_existing(archive) as arc:
        page = arc.reading.document_page(arc.resolve_document(doc))
    if page is None:
        raise StoreError("no such document in the archive", location=Location(doc),
                         expected="an address (collection/name), a sha256 (or its first 6+ characters), "
                                  "a path or a file name")
    render(page, with_text=with_text, ansi=colour())


def _agent(a: RecordValue) -> str:
    """An agent as ``parse`` prints it: the name, then rank and office in brackets."""
    extra = [x.value for x in a.details]
    return a.value + (f" ({', '.join(extra)})" if extra else "")


def _step(i: int, step: StepShown) -> str:
    """One step of the transmission chain, as ``parse`` prints it: "2. transmitted: Kuliyev on 1946-12-07"."""
    who = "; ".join(_agent(a) for a in step.agents) or "?"
    when = f" on {step.date.value}" if step.date else ""
    where = f" at {step.place.value}" if step.place else ""
    return f"{i}. {step.action}: {who}{when}{where}"


def render(d: DocumentPage, *, with_text: bool, ansi: bool) -> None:
    out = click.echo

    def label(s: str) -> str:
        return click.style(f"{s:<15}", bold=True) if ansi else f"{s:<15}"

    out(label("title") + (d.title or "—"))
    out(label("address") + d.address + (f"  (version {d.version})" if d.version > 1 else ""))
    if d.withdrawn_at:
        out(label("withdrawn") + f"{d.withdrawn_at} by {d.withdrawn_by}: {d.withdrawn_reason}")
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
        names = [_agent(a) + (f" [{a.entity}]" if a.entity else "") for a in d.values(role)]
        if names:
            out(label(heading) + "; ".join(names))
    if refs := d.values("reference"):
        out(label("references") + "; ".join(r.value for r in refs))
    for summary in d.values("summary")[:1]:
        out(label("summary") + " ".join(summary.value.split()))
    for i, step in enumerate(d.chain, 1):
        out(label("chain" if i == 1 else "") + _step(i, step))
    if d.marks:
        out(label("marks") + ", ".join(f"{m.kind}:{d.text[m.start:m.end]}" for m in d.marks))  # as `parse` prints them
    active = sorted(h.id for h in d.history if h.undone_at is None and h.applied)
    if active:
        out(label("corrected by") + ", ".join(f"#{c}" for c in active))
    for v in d.versions[:-1]:
        out(label(f"version {v.version}") + f"replaced {v.replaced_at} by {v.replaced_by}"
            + (f": {v.reason}" if v.reason else "") + f" (sha256 {v.sha256[:12]})")
    for ev in d.events:
        out(label(ev.action) + f"{ev.at} by {ev.author}" + (f": {ev.reason}" if ev.reason else ""))
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
