"""A record as a readable page for the terminal (``kartoteka parse --format text``)."""

from __future__ import annotations

from kartoteka.model import Agent, Record


def _agent(a: Agent) -> str:
    parts = [a.span.text]
    extra = [s.text for s in (a.rank, a.office) if s is not None]
    if extra:
        parts.append(f"({', '.join(extra)})")
    return " ".join(parts)


def render(record: Record) -> str:
    """Several lines: the record's fields, one per line, then marks and mentions."""
    lines = [f"== {record.source.path}"]
    if record.error is not None:
        lines.append(f"   error: {record.error.message}")
        return "\n".join(lines)

    def field(name: str, value: str | None) -> None:
        if value:
            lines.append(f"   {name:<15}{value}")

    field("title", record.title.text if record.title else None)
    if record.date:
        d = record.date
        bounds = "" if d.not_before == d.not_after else f"  [{d.not_before} .. {d.not_after}]"
        field("date", f"{d.iso} ({d.precision}){bounds}  «{d.span.text}»")
    field("place", record.place.span.text if record.place else None)
    field("from", "; ".join(_agent(a) for a in record.senders))
    field("to", "; ".join(_agent(a) for a in record.recipients))
    field("signed", "; ".join(_agent(a) for a in record.signatories))
    for i, step in enumerate(record.chain, 1):
        who = "; ".join(_agent(a) for a in step.agents) or "?"
        when = f" on {step.date.iso}" if step.date else ""
        lines.append(f"   {'chain' if i == 1 else '':<15}{i}. {step.action}: {who}{when}")
    if record.classification:
        c = record.classification
        field("classification", " / ".join(filter(None, [str(c.level) if c.level else None, *c.caveats])))
    field("references", "; ".join(r.span.text for r in record.references))
    field("summary", record.summary.text if record.summary else None)
    if record.marks:
        field("marks", ", ".join(f"{m.kind}:{m.span.text}" for m in record.marks))
    if record.mentions:
        kinds: dict[str, list[str]] = {}
        for m in record.mentions:
            kinds.setdefault(str(m.kind), [])
            if m.span.text not in kinds[str(m.kind)]:
                kinds[str(m.kind)].append(m.span.text)
        for kind, names in kinds.items():
            field(kind + "s", ", ".join(names))
    return "\n".join(lines)
