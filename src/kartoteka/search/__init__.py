"""Search: query parsing (never raw FTS syntax), name-variant expansion, filters and results.

The archive (:mod:`kartoteka.store`) runs the assembled query; this package is pure.
"""

from kartoteka.search.filters import Filters, day_bounds, make_filters
from kartoteka.search.query import Node, parse_query, words_of
from kartoteka.search.result import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN, Facet, FacetValue, Hit, SearchResult
from kartoteka.search.variants import expand, name_keys

__all__ = [
    "HIGHLIGHT_CLOSE",
    "HIGHLIGHT_OPEN",
    "Facet",
    "FacetValue",
    "Filters",
    "Hit",
    "Node",
    "SearchResult",
    "day_bounds",
    "expand",
    "make_filters",
    "name_keys",
    "parse_query",
    "words_of",
]
