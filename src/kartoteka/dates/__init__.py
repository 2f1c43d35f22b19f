"""Dates: date expressions in text to normalised DateValues, the century taken from context.

Owns the date grammar of archival transcriptions: written-out dates in either order ("December 9,
1946", "9 December 1946", "7 December 46"), Roman-numeral months ("14.XI.1945"), numeric and ISO
forms, ranges ("June 1–5, 1954", "between 10 and 15 March 1946"), month, season, year and decade
precision, approximate dates ("early December 1946", "late 1940s", "mid-June") and the date codes
of State Department decimal file numbers ("611.88/1–1659" = 1959-01-16). A trailing time of day
("June 29, 1954, 2025Z", "December 9, 1946—4 p.m.") belongs to the date's span; a time alone is
not a date.

Two-digit and missing years are resolved from the four-digit years the text itself carries, so
"46" in a 1946 document is 1946, never 2046; a year that had to be inferred lowers certainty.
"""

from __future__ import annotations

from kartoteka.dates.finding import find_dates, parse_date

__all__ = ["find_dates", "parse_date"]
