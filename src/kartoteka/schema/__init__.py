"""Schemas kartoteka validates its output against, shipped with the package.

``tei_all.rng`` is the TEI P5 4.3.0 RelaxNG schema, © TEI Consortium, licensed under BSD-2 and
CC-BY (see the licence comment inside the file).
"""

from kartoteka.schema.location import TEI_ALL, schema_path

__all__ = ["TEI_ALL", "schema_path"]
