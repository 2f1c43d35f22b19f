"""Russian case forms of names written in Cyrillic: the nominative a declined surname may stand for.

A Russian text declines the names it writes ("telegram to Багирову", "the government of
Кавама"), so a Cyrillic word can be a Latin-script person's name with a case ending. The
linker tries these stems only for a Cyrillic word no name of the collection spells as it is,
and takes one only where its spelling key is a known name's.
"""

from __future__ import annotations

from functools import lru_cache

# Case endings of Russian surnames and of foreign names declined like nouns, longest first:
# -ов/-ев/-ин surnames (Багирова, Багирову, Багировым, Багирове), nouns in a consonant (Кавама,
# Кавамом), names in -ия (Берии, Берию, Берией) and in -а (Сталиной, Сталины). A stem shorter
# than three letters is no name.
_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ией", "ия"), ("ии", "ия"), ("ию", "ия"),
    ("ыми", ""), ("ому", ""), ("ого", ""), ("ым", ""), ("ом", ""), ("ой", "а"), ("ой", ""), ("ою", "а"),
    ("ей", ""), ("ем", ""),
    ("а", ""), ("у", ""), ("е", ""), ("ы", "а"), ("ю", "я"),
)
_MIN_STEM = 3


@lru_cache(maxsize=20_000)
def case_stems(word: str) -> tuple[str, ...]:
    """The nominatives a Cyrillic word may be a case form of, most specific ending first (none
    for a word in another script)."""
    if not any("CYRILLIC" in _name(ch) for ch in word if ch.isalpha()):
        return ()
    low = word.lower()
    out: list[str] = []
    for ending, nominative in _ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= _MIN_STEM:
            stem = word[: len(word) - len(ending)] + nominative
            if stem not in out:
                out.append(stem)
    return tuple(out)


def _name(ch: str) -> str:
    import unicodedata

    return unicodedata.name(ch, "")


__all__ = ["case_stems"]
