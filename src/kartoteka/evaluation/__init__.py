"""Evaluation: score records against a gold set (frus-dev format, or derived from a FRUS TEI volume)."""
