"""Role: a title standing alone for its holder ("the Shah", "the President"), and who holds it."""

from __future__ import annotations

from dataclasses import dataclass

from kartoteka.model.mention import Mention
from kartoteka.model.span import Span


@dataclass(frozen=True, slots=True)
class Role:
    """A title standing alone (``span``, without its "the") and whom it stands for.

    ``referent`` is the person mention the document itself says holds it (an apposition, or
    the one person it gives that title); ``entity`` is the holder's entity, from that mention or,
    where the document does not say, from the collection (``method`` "collection": the one
    person its documents of those years give that title). ``score`` is the share of that
    evidence the holder has; an unattached role has neither referent nor entity.
    """

    span: Span
    referent: Mention | None = None
    entity: str | None = None
    method: str = ""
    score: float = 0.0
