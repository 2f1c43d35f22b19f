"""The one error hierarchy of kartoteka: every error knows where it happened and what was expected.

Errors are values until a shell (CLI, web) turns them into messages; no traceback reaches a user.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is: a file (or archive, or query), and optionally a line and column (1-based)."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        out = self.path
        if self.line is not None:
            out += f":{self.line}"
            if self.column is not None:
                out += f":{self.column}"
        return out


class KartotekaError(Exception):
    """Base of every error kartoteka raises on purpose.

    ``code`` is a short stable identifier (used in the record contract's ``error.code``),
    ``expected`` says what would have been acceptable.
    """

    code = "error"

    def __init__(self, message: str, *, location: Location | None = None, expected: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.expected = expected

    def __str__(self) -> str:
        prefix = f"{self.location}: " if self.location else ""
        tail = f" (expected {self.expected})" if self.expected else ""
        return f"{prefix}{self.message}{tail}"


class ReadError(KartotekaError):
    """A source file could not be read or decoded."""

    code = "read_error"


class ParseError(KartotekaError):
    """A pipeline stage failed on a document."""

    code = "parse_error"


class XmlError(ReadError):
    """An XML input is malformed or hostile (external entities, entity expansion)."""

    code = "xml_error"


class StoreError(KartotekaError):
    """The archive is missing, locked, corrupt or of an unknown schema version."""

    code = "store_error"


class QueryError(KartotekaError):
    """A search query or filter that cannot be understood."""

    code = "query_error"


class CorrectionError(KartotekaError):
    """A correction that cannot be applied (unknown entity, mention or field)."""

    code = "correction_error"


class ExportError(KartotekaError):
    """An export that cannot be produced."""

    code = "export_error"


class ConfigError(KartotekaError):
    """A bad option or combination of options."""

    code = "config_error"
