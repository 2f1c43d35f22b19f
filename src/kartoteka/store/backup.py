"""Backing an archive up and restoring it, consistent while the reading room writes to it.

An SQLite archive is copied with SQLite's online backup API: the copy is one snapshot, with what
is still in the write-ahead log folded in (a plain file copy of a served archive lost
corrections). A PostgreSQL archive is dumped with ``pg_dump`` (one snapshot, custom format) and
restored with ``pg_restore``; their directory is found on the PATH, else under
``/usr/lib/postgresql/*/bin``, else named by ``KARTOTEKA_PG_BIN``.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from kartoteka.errors import Location, StoreError
from kartoteka.store.opening import is_server_url, open_archive
from kartoteka.store.postgres import redact


def backup(archive: str, target: str) -> None:
    """Write a consistent copy of ``archive`` to the file ``target`` (which must not exist)."""
    if os.path.exists(target):
        raise StoreError("already exists", location=Location(target), expected="a new file for the backup")
    if is_server_url(archive):
        _pg_tool("pg_dump", "--format=custom", "--no-owner", f"--file={target}", archive, where=archive)
        return
    open_archive(archive).close()  # a kartoteka archive (of this schema, migrated), or a clear error
    _copy(archive, target)


def restore(backup_file: str, archive: str, *, replace: bool = False) -> None:
    """Restore ``backup_file`` into ``archive`` (a new file, or a database; ``replace`` to overwrite)."""
    if not os.path.isfile(backup_file):
        raise StoreError("no such backup", location=Location(backup_file), expected="a file made by `kartoteka backup`")
    if is_server_url(archive):
        _pg_tool("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                 f"--dbname={archive}", backup_file, where=archive)
        return
    if os.path.exists(archive) and not replace:
        raise StoreError("already exists", location=Location(archive),
                         expected="a new archive file (or --replace to overwrite it)")
    open_archive(backup_file).close()  # refuse what is no kartoteka archive before touching the target
    _copy(backup_file, archive)


def _copy(source: str, target: str) -> None:
    try:
        src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)  # every page in one step: one read transaction, one snapshot (WAL lets writers on)
            dst.execute("PRAGMA journal_mode = WAL")
        finally:
            dst.close()
            src.close()
    except sqlite3.Error as exc:
        raise StoreError(f"backup failed: {exc}", location=Location(target)) from None


def _pg_tool(name: str, *args: str, where: str) -> None:
    exe = _pg_bin(name)
    proc = subprocess.run([exe, *args], capture_output=True, text=True, timeout=24 * 3600, check=False)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["failed"])[-1]
        raise StoreError(f"{name}: {last.replace(where, redact(where))}", location=Location(redact(where)))


def _pg_bin(name: str) -> str:
    env = os.environ.get("KARTOTEKA_PG_BIN")
    found = (shutil.which(name, path=env) if env else None) or shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if found is None:
        raise StoreError(f"{name} is not installed", location=Location(name),
                         expected="PostgreSQL's client tools (Debian: postgresql-client), or KARTOTEKA_PG_BIN")
    return found


__all__ = ["backup", "restore"]
