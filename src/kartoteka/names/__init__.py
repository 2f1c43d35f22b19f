"""Name knowledge in data files: transliteration rules, letter groups, apostrophes and name particles,
titles and ranks (``titles.titles``), groups of people (``data/groups.csv``), each with its reason
and read through the one checked reader, ``datafile.rows``."""

from kartoteka.names.folding import (
    Rule,
    apostrophes,
    fingerprint,
    particles,
    spelling_groups,
    transliteration_rules,
)

__all__ = ["Rule", "apostrophes", "fingerprint", "particles", "spelling_groups", "transliteration_rules"]
