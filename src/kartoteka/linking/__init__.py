"""Linking: the collection-level step that gathers mentions of all documents into entities.

``linker`` holds the step (``link``, and the ``Tables``/``Linker`` a store re-links with, over a
``tally.NameTally``);
``cluster`` matches person names, ``spread`` spreads verdicts, ``keys`` folds spellings.
"""

from kartoteka.linking.linker import (
    Clusterer,
    Linker,
    Tables,
    authority_entries,
    counting_version,
    link,
)
from kartoteka.linking.tally import NameTally

__all__ = ["Clusterer", "Linker", "NameTally", "Tables", "authority_entries", "counting_version", "link"]
