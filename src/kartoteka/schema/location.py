"""Where a bundled schema is on disk."""

from __future__ import annotations

from importlib.resources import files

TEI_ALL = "tei_all.rng"


def schema_path(name: str = TEI_ALL) -> str:
    """The file-system path of a bundled schema."""
    return str(files(__package__).joinpath(name))

