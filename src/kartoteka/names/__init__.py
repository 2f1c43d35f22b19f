"""Name knowledge in data files: transliteration rules, letter groups, apostrophes and name particles,
each with its reason."""

from kartoteka.names.folding import (
    Rule,
    apostrophes,
    fingerprint,
    particles,
    spelling_groups,
    transliteration_rules,
)

__all__ = ["Rule", "apostrophes", "fingerprint", "particles", "spelling_groups", "transliteration_rules"]
