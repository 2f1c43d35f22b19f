"""The OpenAPI document against the live JSON: every field a document, an entity or the corrections
log carries (history entries and the entities they name included) is a property of its schema, and
every property the schema requires is there, on a real server over a real archive with corrections."""

from __future__ import annotations

import sqlite3
from typing import Any

import httpx
from web_harness import USER, Server, kartoteka


def _get(url: str) -> Any:
    r = httpx.get(url, timeout=60)
    assert r.status_code == 200, (url, r.text)
    return r.json()


def _schema(doc: dict[str, Any], path: str) -> dict[str, Any]:
    schema: dict[str, Any] = doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    return _resolve(doc, schema)


def _resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _same_fields(doc: dict[str, Any], schema: dict[str, Any], value: dict[str, Any], where: str) -> None:
    props = schema["properties"]
    assert set(value) == set(props), (where, set(value) ^ set(props))
    assert set(schema.get("required", ())) <= set(value), where


def _check_history(doc: dict[str, Any], entries: list[dict[str, Any]], where: str) -> None:
    assert entries, where  # the test made corrections: a schema over nothing proves nothing
    entry, link = _resolve(doc, {"$ref": "#/components/schemas/HistoryEntry"}), None
    for e in entries:
        _same_fields(doc, entry, e, where)
        for x in e["entities"]:
            link = _resolve(doc, entry["properties"]["entities"]["items"])
            _same_fields(doc, link, x, where + " entities")
    assert link is not None, where  # a merge names its two entities


def test_openapi_names_the_fields_the_json_has(writable: Server) -> None:
    with sqlite3.connect(writable.archive) as c:
        (a,), (b,) = c.execute("SELECT id FROM entities WHERE kind = 'person' ORDER BY documents DESC LIMIT 2")
        sha = c.execute("SELECT d.sha256 FROM documents d JOIN mentions m ON m.document_id = d.id "
                        "WHERE m.entity_id = ? LIMIT 1", (b,)).fetchone()[0]
    c.close()
    token = kartoteka("user", "token", USER, "--archive", str(writable.archive)).stdout.strip()
    r = httpx.post(f"{writable.url}/api/entities/{a}/merge", headers={"authorization": f"Bearer {token}"},
                   json={"other": b, "reason": "one man"}, timeout=60)
    assert r.status_code == 200, r.text
    kartoteka("correct", "title", sha, "A title set by hand", "--author", USER, "--reason", "the file's own",
              "--archive", str(writable.archive))
    doc = _get(writable.url + "/api/openapi.json")

    document = _get(f"{writable.url}/api/documents/{sha}")
    _same_fields(doc, _schema(doc, "/api/documents/{key}"), document, "document")
    _check_history(doc, document["history"], "document history")
    assert {h["field"] for h in document["history"]} >= {"title"}

    entity = _get(f"{writable.url}/api/entities/{a}")
    schema = _schema(doc, "/api/entities/{id}")
    _same_fields(doc, schema, entity, "entity")
    history = [k for k, v in schema["properties"].items() if v.get("items") == {"$ref": "#/components/schemas/HistoryEntry"}]
    assert len(history) == 1, history
    _check_history(doc, entity[history[0]], "entity history")

    log = _get(f"{writable.url}/api/corrections")
    items = _schema(doc, "/api/corrections")
    assert items["type"] == "array"
    _check_history(doc, log, "corrections")
    assert [e["action"] for e in log] == ["set_title", "merge"]  # newest first
    assert log == document["history"][:1] + [e for e in entity[history[0]] if e["action"] == "merge"]
