"""The stored documents as linking reads them: each document's text, header, marks and the
mentions as parsed, beside what the last linking wrote (its mention, agent and place rows),
read in id order a chunk at a time."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from kartoteka.model import (
    Action,
    Agent,
    AgentKind,
    Certainty,
    ChainStep,
    DateValue,
    Document,
    Mark,
    MarkKind,
    Mention,
    MentionKind,
    Place,
    Precision,
    Record,
    Source,
    Span,
)
from kartoteka.store.dialect import Dialect

CHUNK = 500


@dataclass(frozen=True, slots=True)
class Stored:
    """One stored document: the linker's input (mentions as parsed) and what linking last wrote."""

    doc_id: int
    record: Record
    mentions: tuple[tuple[int, int, int, str, str | None, str | None], ...]  # id, start, end, kind, method, linked
    agents: tuple[tuple[int, str, int, int, str | None], ...]  # id, role, start, end, linked
    place_entity: str | None
    ingested_at: str
    linked: tuple[Mention, ...]  # the mentions as the last linking left them (kinds, additions), no ids

    def spread_as_stored(self) -> Record:
        """The record as the last linking's spreading left it (its stored rows)."""
        return replace(self.record, mentions=self.linked)



DOCUMENTS = ("SELECT id, sha256, path, format, text, place, place_start, place_end, place_entity_id, ingested_at, "
             "date_iso, date_precision, date_not_before, date_not_after, date_certainty FROM documents")


def stored(db: Dialect, chunk: int = CHUNK, *, after: int = 0,
           through: int | None = None) -> Iterator[list[Stored]]:
    """The archive's documents in id order (those after ``after``, up to ``through``), ``chunk``
    at a time, each with its rows."""
    for docs in document_rows(db, chunk, after, through):
        yield load(db, docs)


def document_rows(db: Dialect, chunk: int, after: int, through: int | None) -> Iterator[list[Named]]:
    last = after
    bound = "" if through is None else f" AND id <= {int(through)}"
    while True:
        docs = db.rows(f"{DOCUMENTS} WHERE id > ?{bound} ORDER BY id LIMIT ?", (last, chunk))
        if not docs:
            return
        last = int(docs[-1]["id"])
        yield docs


def load(db: Dialect, docs: Sequence[Named]) -> list[Stored]:
    """The stored documents of these ``documents`` rows (in id order), each with its rows."""
    if not docs:
        return []
    ids = [int(d["id"]) for d in docs]
    if len(ids) == ids[-1] - ids[0] + 1:  # a run of ids: a range scan of each table
        where, span = "document_id BETWEEN ? AND ?", [ids[0], ids[-1]]
    else:
        where, span = f"document_id IN ({', '.join('?' for _ in ids)})", ids
    # the hot tables (a re-link reads millions of their rows) come as tuples, each unpacked into
    # its columns' names in :func:`_stored` (a dict a row costs a fifth more of loading)
    mentions: dict[int, list[Row]] = defaultdict(list)
    unlinked: dict[int, list[Row]] = defaultdict(list)
    for r in db.query('SELECT document_id, id, kind, text, start, "end", method, linked_entity_id, parsed_kind, '
                      "parsed_method, title, title_start, title_end FROM mentions "
                      f"WHERE {where} ORDER BY document_id, start, id", span):
        mentions[int(r[0])].append(r)
    # the parse's mentions linking took out of ``mentions`` (never linked)
    for r in db.query('SELECT document_id, text, start, "end", kind, method, title, title_start, title_end '
                      f"FROM unlinked_mentions WHERE {where}", span):
        unlinked[int(r[0])].append(r)
    agents: dict[int, list[Row]] = defaultdict(list)
    for r in db.query('SELECT document_id, id, role, step, kind, name, start, "end", linked_entity_id '
                      f"FROM agents WHERE {where} ORDER BY id", span):
        agents[int(r[0])].append(r)
    marks: dict[int, list[Mark]] = defaultdict(list)
    for doc, kind, value, lang, text, start, end in db.query(
            'SELECT document_id, kind, value, lang, text, start, "end" FROM marks '
            f"WHERE {where} ORDER BY document_id, start, id", span):
        marks[int(doc)].append(Mark(Span(int(start), int(end), str(text)), _MARK_KINDS[kind], str(value), lang))
    steps: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for doc, position, action in db.query("SELECT document_id, position, action FROM chain_steps "
                                          f"WHERE {where} ORDER BY document_id, position", span):
        steps[int(doc)].append((int(position), str(action)))
    out = []
    for d in docs:
        i = int(d["id"])
        out.append(_stored(d, mentions.get(i, []), agents.get(i, []), marks.get(i, []), steps.get(i, []),
                           unlinked.get(i, [])))
    return out


# a row read by column name
Named = dict[str, Any]
Row = tuple[Any, ...]
# an enum's lookup by value is slow beside a dict's, and a re-link makes millions of them
_MENTION_KINDS = {str(k): k for k in MentionKind}
_AGENT_KINDS = {str(k): k for k in AgentKind}
_MARK_KINDS = {str(k): k for k in MarkKind}


def _title(title: Any, start: Any, end: Any) -> Span | None:
    return Span(int(start), int(end), str(title)) if title is not None and start is not None else None


def _stored(d: Named, mentions: list[Row], agents: list[Row], marks: list[Mark], steps: list[tuple[int, str]],
            unlinked: Sequence[Row] = ()) -> Stored:
    doc_id = int(d["id"])
    # the parse's mentions as the parse gave them: linking starts from the same input every time
    parsed: list[tuple[int, int, Mention]] = []
    linked = []
    mention_rows = []
    for (_, mid, kind, text, start, end, method, linked_id, parsed_kind, parsed_method,
         title_text, title_start, title_end) in mentions:
        title = _title(title_text, title_start, title_end)
        span = Span(int(start), int(end), str(text))
        linked.append(Mention(span, _MENTION_KINDS[kind], title=title, method=str(method or "")))
        if parsed_kind is not None:
            parsed.append((span.start, len(parsed), Mention(span, _MENTION_KINDS[parsed_kind], title=title,
                                                            method=str(parsed_method or ""))))
        mention_rows.append((int(mid), int(start), int(end), str(kind), method, linked_id))
    for _, text, start, end, kind, method, title_text, title_start, title_end in unlinked:
        span = Span(int(start), int(end), str(text))
        parsed.append((span.start, len(parsed), Mention(span, _MENTION_KINDS[kind],
                                                        title=_title(title_text, title_start, title_end),
                                                        method=str(method or ""))))
    if unlinked:
        parsed.sort(key=lambda x: (x[0], x[1]))
    by_role: dict[tuple[str, int | None], list[Agent]] = defaultdict(list)
    agent_rows = []
    for _, aid, role, step, kind, name, start, end, linked_id in agents:
        by_role[(str(role), step)].append(Agent(Span(int(start), int(end), str(name)), _AGENT_KINDS[kind]))
        agent_rows.append((int(aid), str(role), int(start), int(end), linked_id))
    src = Source(str(d["path"]), str(d["sha256"]), str(d["format"]))
    chain = tuple(ChainStep(Action(a), tuple(by_role.get(("chain", pos), ()))) for pos, a in steps)
    place = (Place(Span(int(d["place_start"]), int(d["place_end"]), str(d["place"])))
             if d["place"] is not None else None)
    # the date's value alone (its span is the record's business): linking reads the year of who
    # held a title (``linking.roles``)
    date = (DateValue(Span(0, 0, ""), str(d["date_iso"]), Precision(d["date_precision"]), str(d["date_not_before"]),
                      str(d["date_not_after"]), Certainty(d["date_certainty"] or "high"))
            if d["date_iso"] is not None and d["date_precision"] is not None else None)
    record = Record(
        source=src, document=Document(src, str(d["text"])), place=place, date=date,
        senders=tuple(by_role.get(("sender", None), ())), recipients=tuple(by_role.get(("recipient", None), ())),
        signatories=tuple(by_role.get(("signatory", None), ())), chain=chain,
        mentions=tuple(m for _, _, m in parsed), marks=tuple(marks),
    )
    return Stored(
        doc_id, record,
        tuple(mention_rows), tuple(agent_rows),
        d["place_entity_id"], str(d["ingested_at"]), tuple(linked),
    )



__all__ = ["CHUNK", "DOCUMENTS", "Stored", "document_rows", "load", "stored"]
