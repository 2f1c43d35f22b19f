"""Schemas kartoteka validates its output against, shipped with the package.

``tei_all.rng`` is the TEI P5 4.3.0 RelaxNG schema, © TEI Consortium, licensed under BSD-2 and
CC-BY (see the licence comment inside the file).
"""

from __future__ import annotations

from importlib.resources import files

TEI_ALL = "tei_all.rng"


def schema_path(name: str = TEI_ALL) -> str:
    """The file-system path of a bundled schema."""
    return str(files(__package__).joinpath(name))


__all__ = ["TEI_ALL", "schema_path"]
