"""Declension: a Russian name as an addressee writes it, in the dative, back to its nominative.

"Тов. Багирову" is addressed to Bagirov: Russian puts the addressee in the dative, and the
record keeps the name as written with its lemma beside it. Only the regular surname endings are
undone (-ову/-еву/-ину → -ов/-ев/-ин, -овой/-евой/-иной → -ова/-ева/-ина, -скому → -ский,
-ской → -ская); a name that does not end so is left alone, initials and first names untouched.
"""

from __future__ import annotations

import re

_ENDINGS: tuple[tuple[str, str], ...] = (
    ("скому", "ский"), ("цкому", "цкий"), ("ской", "ская"), ("цкой", "цкая"),
    ("овой", "ова"), ("евой", "ева"), ("ёвой", "ёва"), ("иной", "ина"), ("ыной", "ына"),
    ("ову", "ов"), ("еву", "ев"), ("ёву", "ёв"), ("ину", "ин"), ("ыну", "ын"),
)
_WORD = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?")


def nominative(name: str) -> str | None:
    """The nominative of a Cyrillic name written in the dative, or None when nothing changes."""
    out = []
    changed = False
    for token in name.split(" "):
        if _WORD.fullmatch(token):
            for end, base in _ENDINGS:
                if token.endswith(end) and len(token) > len(end) + 1:
                    token = token[: -len(end)] + base
                    changed = True
                    break
        out.append(token)
    return " ".join(out) if changed else None


__all__ = ["nominative"]
