"""Linking: the collection-level step that gathers mentions of all documents into entities.

``linker`` holds the step (``link``, and the ``NameTally``/``Tables``/``Linker`` a store re-links with);
``cluster`` matches person names, ``spread`` spreads verdicts, ``keys`` folds spellings.
"""

from kartoteka.linking.linker import (
    Clusterer,
    Linker,
    NameTally,
    Tables,
    authority_entries,
    counting_version,
    link,
)

__all__ = ["Clusterer", "Linker", "NameTally", "Tables", "authority_entries", "counting_version", "link"]
