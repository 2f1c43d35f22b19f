"""Roles: a title standing alone for its holder ("the Shah", "the President", "the Ambassador").

A role is no person's name, and it is not a person mention: it names an office or a rank, and
who holds it depends on the document. It is attached to a person only where the document says
who: an apposition ("the Shah, Mohammad Reza Pahlavi,") or the one person the document gives
that title ("President Nixon … the President"). Elsewhere it stays unattached: the document
does not say whom it means; the collection may (``linking.roles``), from the holders each
document gives a title (``held_titles``). Pure functions over the text and its person mentions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from kartoteka.model import Mention, MentionKind, Role, Span
from kartoteka.names.titles import titles


@cache
def _pattern() -> re.Pattern[str]:
    words = sorted(titles("role"), key=lambda t: (-len(t), t))
    alternation = "|".join(re.escape(t).replace(r"\ ", r"[ \t]+") for t in words)
    # "the Shah", "The Prime Minister's": not "the Shah Mohammad" (a titled name), not "the
    # Minister of Finance" (an office named in full), not "the Secretary General"
    return re.compile(rf"(?<![\w'’-])[Tt]he[ \t]+({alternation})(?=['’]s\b|(?![\w'’-]))(?![ \t]+(?:[A-Z]|of\b))")


def roles(text: str, mentions: Sequence[Mention]) -> tuple[Role, ...]:
    """Every role in ``text``, attached where the document says who (``mentions`` are the
    document's mentions; only its persons are read)."""
    persons = _persons(mentions)
    found = _found(text)
    holders = _holders(text, found, persons)
    out: list[Role] = []
    for span in found:
        apposed = _apposed(text, span, persons)
        if apposed is not None:
            out.append(Role(span, apposed, apposed.entity, "apposition", 1.0))
            continue
        named = holders.get(_key(span.text), [])
        if len({p.entity or p.span.text for p in named}) == 1:
            first = min(named, key=lambda p: p.span.start)
            out.append(Role(span, first, first.entity, "document", 1.0))
        else:
            out.append(Role(span))
    return tuple(out)


def held_titles(text: str, mentions: Sequence[Mention]) -> frozenset[tuple[str, str]]:
    """(title, name) for every person the document gives a title a role may stand for, written
    before the name ("President Nixon") or in apposition ("the Shah, Mohammad Reza"), or a title
    that also goes with the given name alone ("Sir Roger Makins", use ``given-name``)."""
    persons = _persons(mentions)
    held = _role_keys() | given_name_titles()
    return frozenset((title, p.span.text) for title, named in _holders(text, _found(text), persons).items()
                     if title in held for p in named)


def title_key(title: str) -> str:
    """A title as roles compare it: lower case, blanks and a final full stop folded."""
    return _key(title)


def _persons(mentions: Sequence[Mention]) -> list[Mention]:
    return sorted((m for m in mentions if m.kind is MentionKind.PERSON), key=lambda m: m.span.start)


def _found(text: str) -> list[Span]:
    return [Span.of(text, m.start(1), m.end(1)) for m in _pattern().finditer(text)]


def _holders(text: str, found: Sequence[Span], persons: Sequence[Mention]) -> dict[str, list[Mention]]:
    """Who the document says holds each title: the persons put in apposition to it, and the
    persons it writes the title before."""
    holders: dict[str, list[Mention]] = {}
    for span in found:
        apposed = _apposed(text, span, persons)
        if apposed is not None:
            holders.setdefault(_key(span.text), []).append(apposed)
    for p in persons:
        holders.setdefault(_title_of(text, p), []).append(p)
    return holders


@cache
def _role_keys() -> frozenset[str]:
    return frozenset(_key(t) for t in titles("role"))


@cache
def given_name_titles() -> frozenset[str]:
    """The titles (as compared, ``title_key``) also written before a given name alone ("Sir Roger")."""
    return frozenset(_key(t) for t in titles("given-name"))


def _key(title: str) -> str:
    return " ".join(title.rstrip(". \t").split()).lower()


def _apposed(text: str, role: Span, persons: Sequence[Mention]) -> Mention | None:
    """The person named right after the role and a comma: "the Shah, Mohammad Reza Pahlavi"."""
    after = re.match(r",[ \t]+", text[role.end:role.end + 4])
    if after is None:
        return None
    start = role.end + after.end()
    named = next((p for p in persons if p.span.start == start), None)
    # an apposition closes after the name ("the Shah, Mohammad Reza Pahlavi, received"); "the
    # President, Dobrynin said" begins a new clause
    if named is None or not re.match(r"[ \t]*(?:[,;.)]|$)", text[named.span.end:named.span.end + 3]):
        return None
    return named


def _title_of(text: str, person: Mention) -> str:
    """The title written right before a person's name ("President Nixon", "Shah Mohammad Reza"),
    lower case, spaces and full stop folded."""
    if person.title is not None:
        written = person.title.text
    else:
        # no full stop between: "with the President. Dobrynin said" ends a sentence
        m = re.search(r"([A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)?)[ \t]+$", text[max(0, person.span.start - 40):person.span.start])
        written = m.group(1) if m is not None and _key(m.group(1)) in _role_keys() else ""
    return _key(written)


__all__ = ["given_name_titles", "held_titles", "roles", "title_key"]
