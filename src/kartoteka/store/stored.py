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
    ChainStep,
    Document,
    Mark,
    MarkKind,
    Mention,
    MentionKind,
    Place,
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



DOCUMENTS = ("SELECT id, sha256, path, format, text, place, place_start, place_end, place_entity_id, ingested_at "
              "FROM documents")


def stored(db: Dialect, chunk: int = CHUNK, *, after: int = 0,
           through: int | None = None) -> Iterator[list[Stored]]:
    """The archive's documents in id order (those after ``after``, up to ``through``), ``chunk``
    at a time, each with its rows."""
    for docs in document_rows(db, chunk, after, through):
        yield load(db, docs)


def document_rows(db: Dialect, chunk: int, after: int, through: int | None) -> Iterator[list[Row]]:
    last = after
    bound = "" if through is None else f" AND id <= {int(through)}"
    while True:
        docs = db.query(f"{DOCUMENTS} WHERE id > ?{bound} ORDER BY id LIMIT ?", (last, chunk))
        if not docs:
            return
        last = int(docs[-1][0])
        yield docs


def load(db: Dialect, docs: Sequence[Row]) -> list[Stored]:
    """The stored documents of these ``documents`` rows (in id order), each with its rows."""
    if not docs:
        return []
    ids = [int(d[0]) for d in docs]
    if len(ids) == ids[-1] - ids[0] + 1:  # a run of ids: a range scan of each table
        where, span = "document_id BETWEEN ? AND ?", [ids[0], ids[-1]]
    else:
        where, span = f"document_id IN ({', '.join('?' for _ in ids)})", ids
    mentions: dict[int, list[Row]] = defaultdict(list)
    unlinked: dict[int, list[Row]] = defaultdict(list)
    for r in db.query('SELECT document_id, id, kind, text, start, "end", method, linked_entity_id, parsed_kind, '
                      "parsed_method, title, title_start, title_end FROM mentions "
                      f"WHERE {where} ORDER BY document_id, start, id", span):
        mentions[int(r[0])].append(r)
    # the parse's mentions linking took out of ``mentions``, in the same columns (never linked)
    for r in db.query('SELECT document_id, NULL, kind, text, start, "end", NULL, NULL, kind, method, title, '
                      f"title_start, title_end FROM unlinked_mentions WHERE {where}", span):
        unlinked[int(r[0])].append(r)
    agents: dict[int, list[Row]] = defaultdict(list)
    for r in db.query('SELECT document_id, id, role, step, kind, name, start, "end", linked_entity_id '
                      f"FROM agents WHERE {where} ORDER BY id", span):
        agents[int(r[0])].append(r)
    marks: dict[int, list[Mark]] = defaultdict(list)
    for r in db.query('SELECT document_id, kind, value, lang, text, start, "end" FROM marks '
                      f"WHERE {where} ORDER BY document_id, start, id", span):
        marks[int(r[0])].append(Mark(Span(int(r[5]), int(r[6]), str(r[4])), _MARK_KINDS[r[1]], str(r[2]), r[3]))
    steps: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for r in db.query("SELECT document_id, position, action FROM chain_steps "
                      f"WHERE {where} ORDER BY document_id, position", span):
        steps[int(r[0])].append((int(r[1]), str(r[2])))
    return [_stored(d, mentions.get(int(d[0]), []), agents.get(int(d[0]), []), marks.get(int(d[0]), []),
                    steps.get(int(d[0]), []), unlinked.get(int(d[0]), [])) for d in docs]


Row = tuple[Any, ...]
# an enum's lookup by value is slow beside a dict's, and a re-link makes millions of them
_MENTION_KINDS = {str(k): k for k in MentionKind}
_AGENT_KINDS = {str(k): k for k in AgentKind}
_MARK_KINDS = {str(k): k for k in MarkKind}


def _stored(d: Row, mentions: list[Row], agents: list[Row], marks: list[Mark], steps: list[tuple[int, str]],
            unlinked: Sequence[Row] = ()) -> Stored:
    doc_id = int(d[0])
    # the parse's mentions as the parse gave them: linking starts from the same input every time
    parsed: list[tuple[int, int, Mention]] = []
    linked = []
    for r in mentions:
        title = Span(int(r[11]), int(r[12]), str(r[10])) if r[10] is not None and r[11] is not None else None
        span = Span(int(r[4]), int(r[5]), str(r[3]))
        linked.append(Mention(span, _MENTION_KINDS[r[2]], title=title, method=str(r[6] or "")))
        if r[8] is not None:
            parsed.append((span.start, len(parsed), Mention(span, _MENTION_KINDS[r[8]], title=title,
                                                            method=str(r[9] or ""))))
    for r in unlinked:
        title = Span(int(r[11]), int(r[12]), str(r[10])) if r[10] is not None and r[11] is not None else None
        parsed.append((int(r[4]), len(parsed), Mention(Span(int(r[4]), int(r[5]), str(r[3])), _MENTION_KINDS[r[8]],
                                                       title=title, method=str(r[9] or ""))))
    if unlinked:
        parsed.sort(key=lambda x: (x[0], x[1]))
    by_role: dict[tuple[str, int | None], list[Agent]] = defaultdict(list)
    for r in agents:
        by_role[(str(r[2]), r[3])].append(Agent(Span(int(r[6]), int(r[7]), str(r[5])), _AGENT_KINDS[r[4]]))
    src = Source(str(d[2]), str(d[1]), str(d[3]))
    chain = tuple(ChainStep(Action(a), tuple(by_role.get(("chain", pos), ()))) for pos, a in steps)
    place = Place(Span(int(d[6]), int(d[7]), str(d[5]))) if d[5] is not None else None
    record = Record(
        source=src, document=Document(src, str(d[4])), place=place,
        senders=tuple(by_role.get(("sender", None), ())), recipients=tuple(by_role.get(("recipient", None), ())),
        signatories=tuple(by_role.get(("signatory", None), ())), chain=chain,
        mentions=tuple(m for _, _, m in parsed), marks=tuple(marks),
    )
    return Stored(
        doc_id, record,
        tuple((int(r[1]), int(r[4]), int(r[5]), str(r[2]), r[6], r[7]) for r in mentions),
        tuple((int(r[1]), str(r[2]), int(r[6]), int(r[7]), r[8]) for r in agents),
        d[8], str(d[9]), tuple(linked),
    )



__all__ = ["CHUNK", "DOCUMENTS", "Stored", "document_rows", "load", "stored"]
