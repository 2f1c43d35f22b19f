"""Signature lines of Soviet-bloc papers that the name-under-office reading does not cover.

"Lieutenant-General [signature] Kozlov", "подполковник [подпись] Кулиев": a rank, the mark of
the signature, then the name. "[Stalin’s signature]": an approval known only from a bracket.
"Correct: [signed] Major N. Orlov", "Верно: …": who certified the copy, an authenticator, not
an author. "Translated by: …" names a translator, who signs nothing.
"""

from __future__ import annotations

import re

from kartoteka.model import Agent, AgentKind, Span
from kartoteka.structure.agents import RANK, agent_of

SIGNED_MARK = (r"(?:\[(?:signed|signature|s|sgd\.?|подпись|подписано|подп\.)\s*:?\]|\((?:signed|sgd\.?|signature|подпись)\)|"
               r"/s/|/signed/)")
_RANK_SIGNED_NAME = re.compile(
    rf"\s*(?P<rank>{RANK})[ \t]*{SIGNED_MARK}[ \t]*(?P<name>\S[^\n]*?)\s*$", re.IGNORECASE)
_OWN_SIGNATURE = re.compile(r"\s*\[(?P<name>[A-ZА-ЯЁ][\w.’' -]{1,40}?)[’']s\s+(?:signature|initials)\]\s*$")
# "Correct:", "True copy:", "Verified:", "Верно:", "С подлинным верно:"
_AUTHENTICATED = re.compile(
    rf"\s*(?:Correct|True\s+copy|Copy\s+correct|Verified|Certified(?:\s+true\s+copy)?|Верно|С\s+подлинным\s+верно)\s*:?"
    rf"[ \t]*(?:{SIGNED_MARK})?[ \t]*(?=\S)", re.IGNORECASE)
TRANSLATED_BY = re.compile(r"\s*(?:Translated(?:\s+from\s+\w+)?\s+by|Translator|Перевёл|Перевел|Перевод)\s*:?", re.IGNORECASE)


def _person(source: str, start: int, end: int) -> Agent | None:
    who = agent_of(source, start, end)
    return who if who is not None and who.kind is AgentKind.PERSON else None


def rank_signed_name(source: str, start: int, end: int) -> Agent | None:
    """"Colonel [signature] Rzayev": the name after the mark, the rank before it."""
    m = _RANK_SIGNED_NAME.match(source, start, end)
    who = _person(source, m.start("name"), m.end("name")) if m else None
    if m is None or who is None:
        return None
    return Agent(who.span, AgentKind.PERSON, office=who.office, rank=Span.of(source, m.start("rank"), m.end("rank")))


def own_signature(source: str, start: int, end: int) -> Agent | None:
    """"[Stalin’s signature]": the one whose signature the bracket reports, an approver."""
    m = _OWN_SIGNATURE.match(source, start, end)
    who = _person(source, m.start("name"), m.end("name")) if m else None
    return None if who is None else Agent(who.span, AgentKind.PERSON, rank=who.rank, role="approver")


def authenticator(source: str, start: int, end: int) -> Agent | None:
    """"Correct: [signed] Major N. Orlov": who certified the copy."""
    m = _AUTHENTICATED.match(source, start, end)
    who = _person(source, m.end(), end) if m else None
    return None if who is None else Agent(who.span, AgentKind.PERSON, office=who.office, rank=who.rank,
                                          role="authenticator")


__all__ = ["SIGNED_MARK", "TRANSLATED_BY", "authenticator", "own_signature", "rank_signed_name"]
