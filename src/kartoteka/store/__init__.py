"""The archive store: the only place with SQL. ``open_archive`` picks the backend from the
address (a file path for SQLite; ``postgresql://…`` for a server: :mod:`kartoteka.store.opening`),
and every backend is used through the one :class:`Archive`.
"""

from __future__ import annotations

from kartoteka.store.archive import Archive
from kartoteka.store.dialect import Dialect
from kartoteka.store.opening import is_server_url, open_archive, open_dialect
from kartoteka.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Archive", "Dialect", "is_server_url", "open_archive", "open_dialect"]
