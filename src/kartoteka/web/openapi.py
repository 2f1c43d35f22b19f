"""The OpenAPI 3.1 document of the reading room's JSON API (written out, checked by the tests)."""

from __future__ import annotations

from typing import Any

from kartoteka.store.citations import MAX_CITED

SEARCH_PARAMS: list[dict[str, Any]] = [
    {"name": "q", "in": "query", "schema": {"type": "string"},
     "description": 'Search syntax: words, "phrases", AND/OR/NOT, -word, prefix*, parentheses.'},
    {"name": "from", "in": "query", "schema": {"type": "string"}, "description": "Earliest date: YYYY, YYYY-MM or YYYY-MM-DD."},
    {"name": "to", "in": "query", "schema": {"type": "string"}, "description": "Latest date."},
    {"name": "person", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "explode": True,
     "description": "A person named in the document: a name (any spelling of it) or an entity id (that entity)."},
    {"name": "place", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "explode": True,
     "description": "A place named in the document or its place of origin: a name or an entity id."},
    {"name": "org", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "explode": True,
     "description": "An organisation named in the document: a name or an entity id."},
    {"name": "classification", "in": "query", "schema": {"type": "array", "items": {"type": "string"}},
     "explode": True, "description": "top secret, secret, confidential, …"},
    {"name": "sender", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "explode": True},
    {"name": "recipient", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "explode": True},
    {"name": "language", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "explode": True,
     "description": "The language the document is written in (ISO 639-1: en, ru, de, fr); see the `language` facet."},
    {"name": "type", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "explode": True,
     "description": "The document's type as its title names it (telegram, memorandum, letter, report …); see the "
                    "`type` facet."},
    {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["relevance", "date", "-date", "title"]},
     "description": "Order of the hits: relevance (the default with `q`), date (oldest first; the default without "
                    "`q`), -date (newest first), title. Undated documents come last in both date orders; ties go "
                    "by document."},
    {"name": "collection", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "explode": True,
     "description": "In this collection (the first part of a document's address)."},
    {"name": "exact", "in": "query", "schema": {"type": "string", "enum": ["1", "0"]},
     "description": "1: search the query's words as spelt; otherwise each name also matches every spelling and "
                    "script the archive joins to it (listed in `expanded`)."},
]
PAGING = [
    {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}},
    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 20}},
]
MONTHS = [
    {"name": "start", "in": "query", "schema": {"type": "string"},
     "description": "Documents whose date begins in this month or later: YYYY or YYYY-MM."},
    {"name": "end", "in": "query", "schema": {"type": "string"},
     "description": "Documents whose date begins in this month or earlier: YYYY (its December) or YYYY-MM."},
]
NETWORK = [
    {"name": "ego", "in": "query", "schema": {"type": "string"},
     "description": "A person's entity id: that person, the people named with them, and the ties among them."},
    {"name": "min", "in": "query", "schema": {"type": "integer", "minimum": 1},
     "description": "Co-mention ties in at least this many documents (default: the least of 1, 2, 3, 5, 10, 20 "
                    "that leaves at most 2.5 co-mention ties a person); transmission ties always stay."},
]
ID = [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]
KEY = [{"name": "key", "in": "path", "required": True, "schema": {"type": "string"},
        "description": "The document's sha256 (or its first 8+ hex characters; an earlier version's too)."}]

HIT = {
    "type": "object",
    "required": ["source", "score", "rank", "snippet"],
    "properties": {
        "source": {"type": "object", "properties": {"path": {"type": "string"}, "sha256": {"type": "string"}}},
        "title": {"type": ["string", "null"]}, "date": {"type": ["string", "null"]},
        "classification": {"type": ["string", "null"]}, "score": {"type": "number"}, "rank": {"type": "integer"},
        "snippet": {"type": "string", "description": "Matches wrapped in ** … **."},
    },
}
ERROR = {"type": "object", "properties": {"error": {"type": "string"}, "expected": {"type": ["string", "null"]}}}
OBJECT = {"type": "object"}
_STR, _INT, _BOOL = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
_STR_OR_NULL, _INT_OR_NULL = {"type": ["string", "null"]}, {"type": ["integer", "null"]}
_NUM_OR_NULL = {"type": ["number", "null"]}
_OBJECTS = {"type": "array", "items": OBJECT}
_HISTORY = {"type": "array", "items": {"$ref": "#/components/schemas/HistoryEntry"},
            "description": "Corrections concerning it, undone ones too, newest first."}

ENTITY_LINK = {
    "type": "object",
    "required": ["role", "id", "name", "now"],
    "properties": {
        "role": {"type": "string", "enum": ["kept", "merged", "split from", "new", "attached to", "renamed"]},
        "id": {"type": "string", "description": "The entity id the correction named."},
        "name": {"type": "string", "description": "Its name when the correction was made."},
        "now": {**_STR_OR_NULL, "description": "The id it lives under now (through merges); null when gone."},
    },
}
HISTORY_ENTRY = {
    "type": "object",
    "description": "One correction of the audit log as a reader sees it.",
    "required": ["id", "created_at", "author", "action", "target", "reason", "undone_at", "undone_by",
                 "undo_reason", "applied", "field", "value", "parsed", "in_force", "entities", "imported_from",
                 "imported_at"],
    "properties": {
        "id": _INT, "created_at": {**_STR, "description": "ISO 8601, UTC."}, "author": _STR,
        "action": {"type": "string", "enum": ["merge", "split", "reattach", "rename", "set_date",
                                              "set_classification", "set_title"]},
        "target": {**_STR, "description": "What it changed, human-readable."}, "reason": _STR,
        "undone_at": _STR_OR_NULL, "undone_by": _STR_OR_NULL, "undo_reason": _STR_OR_NULL,
        "applied": {**_BOOL, "description": "False when its targets no longer exist (it waits, dormant)."},
        "field": {"type": ["string", "null"], "enum": ["title", "date", "classification", None],
                  "description": "The document value it sets (null for an entity correction)."},
        "value": {**_STR_OR_NULL, "description": "The value it set."},
        "parsed": {**_STR_OR_NULL, "description": "The value as the parse gave it."},
        "in_force": {**_BOOL, "description": "The value the archive shows now is this one's."},
        "entities": {"type": "array", "items": {"$ref": "#/components/schemas/EntityLink"}},
        "imported_from": {**_STR_OR_NULL, "description": "The file it came from by `kartoteka import` (its author "
                                                         "and time are its maker's); null when made here."},
        "imported_at": {**_STR_OR_NULL, "description": "When it was imported (ISO 8601, UTC)."},
    },
}
DOCUMENT = {
    "type": "object",
    "required": ["id", "sha256", "path", "text", "title", "record", "mentions", "history"],
    "properties": {
        "id": _INT, "sha256": _STR, "path": _STR, "text": {**_STR, "description": "The source text, unchanged."},
        "title": _STR, "date_iso": _STR_OR_NULL,
        "date_end": {**_STR_OR_NULL, "description": "The last of a range at the date's precision (`date_iso` "
                                                    "1945, `date_end` 1947); null when the date is not a range."},
        "record": {**_OBJECTS, "description": "Evidence rows with their spans (offsets into `text`)."},
        "chain": _OBJECTS, "marks": _OBJECTS, "mentions": _OBJECTS, "error": _STR_OR_NULL,
        "history": _HISTORY,
        "address": {**_STR, "description": "`collection/name`: the page is `/documents/` + it."},
        "collection": _STR, "name": _STR,
        "version": {**_INT, "description": "Of the transcription (1 for the first)."},
        "versions": {**_OBJECTS, "description": "Every transcription, oldest first, the current one last; empty for a document never replaced."},
        "events": {**_OBJECTS, "description": "Replacements, withdrawals, reinstatements: who, when, why."},
        "withdrawn_at": _STR_OR_NULL, "withdrawn_by": _STR_OR_NULL, "withdrawn_reason": _STR_OR_NULL,
        "classification_caveats": {"type": "array", "items": {"type": "string"},
                                   "description": "The classification's caveats as stored (corrected), one by one."},
        "roles": {**_OBJECTS, "description": "Titles standing alone for their holders (\"the Prime Minister\"): "
                                             "`start`, `end`, `text`, the holder's `entity` and `entity_name` "
                                             "(null: nobody is named), `method` (apposition, document or "
                                             "collection) and `score`."},
    },
}
ENTITY = {
    "type": "object",
    "required": ["id", "kind", "name", "audit"],
    "properties": {
        "id": _STR, "kind": _STR, "name": _STR, "description": _STR_OR_NULL,
        "authority": {"type": "array", "items": {"type": "array", "items": _STR},
                      "description": "(scheme, id) pairs."},
        "latitude": _NUM_OR_NULL, "longitude": _NUM_OR_NULL, "mention_count": _INT, "document_count": _INT,
        "origin": _STR, "spellings": _OBJECTS, "links": _OBJECTS, "years": _OBJECTS, "documents": _OBJECTS,
        "people": _OBJECTS, "places": _OBJECTS, "mentions": _OBJECTS, "audit": _HISTORY,
        "documents_from": _INT, "documents_next": _INT_OR_NULL, "mentions_next": _INT_OR_NULL,
        "counted_over": _INT,
        "titles": {**_OBJECTS, "description": "The titles the documents give the person before the name or in "
                                              "apposition: `title`, `year` (\"\" undated), `documents`."},
    },
}

# (method, path, summary, parameters, response schema)
_OPS: list[tuple[str, str, str, list[dict[str, Any]], dict[str, Any]]] = [
    ("get", "/api/search", "Search hits (the same hits as `kartoteka search --format jsonl`), ranked or in the `sort` "
     "order, with facets (year, classification, language, type, person, place, organization): each value's "
     "`filter` is the query parameters that narrow to it, and its `count` is the `total` they give. Without `q`, "
     "every document the filters keep; with neither, a 400 error.",
     SEARCH_PARAMS + PAGING,
     {"type": "object", "required": ["total", "hits"], "properties": {
         "query": {"type": "string"}, "total": {"type": "integer"}, "offset": {"type": "integer"},
         "limit": {"type": "integer"}, "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
         "facets": {"type": "object"}, "exact": {"type": "boolean"},
         "sort": {"type": "string", "enum": ["relevance", "date", "-date", "title"],
                  "description": "The order the hits are in."},
         "expanded": {"type": "object", "description": "Per name of the query, the other spellings also searched.",
                      "additionalProperties": {"type": "array", "items": {"type": "string"}}}}}),
    ("get", "/api/search.json", "Download every hit of a search as JSON.", SEARCH_PARAMS,
     {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}}),
    ("get", "/api/search.csv", "Download every hit of a search as CSV.", SEARCH_PARAMS, {"type": "string"}),
    *(("get", f"/api/search.{suffix}", f"The hits of a search, best first, as a {name} bibliography (at most "
       f"{MAX_CITED}; `X-Total-Count` says how many matched).", SEARCH_PARAMS, schema) for suffix, name, schema in (
        ("csl.json", "CSL-JSON", {"type": "array", "items": OBJECT}), ("bib", "BibTeX", {"type": "string"}),
        ("ris", "RIS", {"type": "string"}))),
    *(("get", f"/documents/{{key}}/cite.{suffix}", f"One document's citation as {name}.", KEY, schema)
      for suffix, name, schema in (("json", "CSL-JSON", {"type": "array", "items": OBJECT}),
                                   ("bib", "BibTeX", {"type": "string"}), ("ris", "RIS", {"type": "string"}))),
    ("get", "/api/documents/{key}", "One document: text, structured record with spans, chain, marks, mentions.",
     KEY, {"$ref": "#/components/schemas/Document"}),
    ("get", "/api/documents/{collection}/{name}", "One document by its address (`collection/name`), as above.",
     [{"name": "collection", "in": "path", "required": True, "schema": {"type": "string"}},
      {"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}],
     {"$ref": "#/components/schemas/Document"}),
    ("get", "/api/entities", "Entities of a kind whose name or a spelling starts with a prefix.",
     [{"name": "kind", "in": "query", "schema": {"type": "string", "enum": ["person", "place", "organization", "group"]}},
      {"name": "prefix", "in": "query", "schema": {"type": "string"}}], {"type": "array", "items": OBJECT}),
    ("get", "/api/entities/{id}", "One entity: spellings and scripts, link decisions, documents, co-mentions, "
     "places, its corrections (`audit`).", ID, {"$ref": "#/components/schemas/Entity"}),
    ("post", "/api/entities/{id}/merge", "Merge entity `other` into this one (needs a bearer token).", ID, OBJECT),
    ("post", "/api/entities/{id}/split", "Split `mention` ids off into a new entity `name`.", ID, OBJECT),
    ("post", "/api/entities/{id}/reattach", "Re-attach `mention` ids to entity `target`.", ID, OBJECT),
    ("post", "/api/entities/{id}/rename", "Give the entity the preferred name `name` (logged as a rename; kept through re-ingest and re-linking).", ID, OBJECT),
    ("get", "/api/timeline", "Documents per month, a page of the dated documents from `start` to `end` in order "
     "(`listed_from`, `listed_total`), dates named in the texts.",
     [*SEARCH_PARAMS, *MONTHS, PAGING[0]], OBJECT),
    ("get", "/api/map", "Places named in the documents (dated from `start` to `end`), at the coordinates linking gave them (with their authority ids), as GeoJSON.", [*SEARCH_PARAMS, *MONTHS], OBJECT),
    ("get", "/api/network", "People, co-mention and transmission ties, and where the network page draws each "
     "person (`layout`: x, y, r on a 1000 × 640 drawing).", [*SEARCH_PARAMS, *MONTHS, *NETWORK], OBJECT),
    ("get", "/api/corrections", "The audit log of corrections, newest first (each entry as in a document's "
     "`history`).", [], {"type": "array", "items": {"$ref": "#/components/schemas/HistoryEntry"}}),
]

ENDPOINTS = [(m, p, s) for m, p, s, _, _ in _OPS]


def _media(path: str) -> str:
    """The media type a path answers with (by its suffix)."""
    for suffix, media in ((".csv", "text/csv"), (".bib", "application/x-bibtex"),
                          (".ris", "application/x-research-info-systems"),
                          (".csl.json", "application/vnd.citationstyles.csl+json"),
                          ("/cite.json", "application/vnd.citationstyles.csl+json")):
        if path.endswith(suffix):
            return media
    return "application/json"


def openapi_document() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for method, path, summary, params, schema in _OPS:
        op: dict[str, Any] = {
            "summary": summary,
            "parameters": params,
            "responses": {
                "200": {"description": "OK", "content": {_media(path): {"schema": schema}}},
                "400": {"description": "A query or correction that cannot be understood",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
            },
        }
        if method == "post":
            op["security"] = [{"bearer": []}]
            op["requestBody"] = {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["reason"], "properties": {
                    "reason": {"type": "string"}, "other": {"type": "string"}, "target": {"type": "string"},
                    "name": {"type": "string"}, "mention": {"type": "array", "items": {"type": "integer"}}}}}}}
            op["responses"]["403"] = {"description": "No user", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        if "{" in path:
            op["responses"]["404"] = {"description": "Not found", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        paths.setdefault(path, {})[method] = op
    return {
        "openapi": "3.1.0",
        "info": {"title": "kartoteka reading room", "version": "1",
                 "description": "Read-only JSON twins of the reading room's pages; corrections need a bearer token."},
        "paths": paths,
        "components": {
            "schemas": {"Hit": HIT, "Error": ERROR, "Document": DOCUMENT, "Entity": ENTITY,
                        "HistoryEntry": HISTORY_ENTRY, "EntityLink": ENTITY_LINK},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


__all__ = ["ENDPOINTS", "openapi_document"]
