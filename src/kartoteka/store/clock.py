"""The archive's clock: when something was stored, as every table keeps it (UTC, to the second)."""

from __future__ import annotations

from datetime import UTC, datetime

# ISO 8601 with a Z: sorts as text, and SQLite's strftime('%Y-%m-%dT%H:%M:%SZ', 'now') writes the same
STAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def timestamp() -> str:
    """Now, as the archive's tables keep it."""
    return datetime.now(UTC).strftime(STAMP_FORMAT)


__all__ = ["STAMP_FORMAT", "timestamp"]
