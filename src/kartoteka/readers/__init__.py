"""Readers turn source files into Documents: bytes to text, and structured formats (TEI) to text + header."""

from kartoteka.readers.files import read_file, walk
from kartoteka.readers.text import decode, read_bytes

__all__ = ["decode", "read_bytes", "read_file", "walk"]
