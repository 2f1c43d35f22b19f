"""Opening an archive: the backend picked from its address (a file path for SQLite;
``postgresql://…`` for a server), each used through the one :class:`Archive`."""

from __future__ import annotations

from kartoteka.errors import Location, StoreError
from kartoteka.store.archive import Archive
from kartoteka.store.dialect import Dialect


def is_server_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def open_dialect(target: str, *, create: bool = False) -> Dialect:
    """The connection layer for an archive address."""
    if not target or not target.strip():
        raise StoreError("no archive given", location=Location("--archive"),
                         expected="a file path (FILE.db) or postgresql://…")
    if is_server_url(target):
        try:
            from kartoteka.store.postgres import PostgresDialect  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            raise StoreError("PostgreSQL archives are not available in this build", location=Location(target),
                             expected="a file path (FILE.db)") from None
        dialect: Dialect = PostgresDialect(target, create=create)
        return dialect
    if "://" in target:
        raise StoreError("unknown archive address", location=Location(target),
                         expected="a file path (FILE.db) or postgresql://…")
    from kartoteka.store.sqlite import SQLiteDialect

    return SQLiteDialect(target, create=create)


def open_archive(target: str, *, create: bool = False) -> Archive:
    """Open the archive at ``target`` (created with its schema when ``create`` and absent)."""
    return Archive(open_dialect(target, create=create), create=create)


__all__ = ["is_server_url", "open_archive", "open_dialect"]
