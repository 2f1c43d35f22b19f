"""Authority lists of persons: a FRUS ``persons.json`` (List of Persons) or a plain CSV
``id,name,variants,description`` (variants separated by ``|`` or ``;``). Read at the edge,
returned as frozen values for the linker."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from kartoteka.errors import Location, ReadError

_BRACKETS = re.compile(r"\s*\([^)]*\)")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Person:
    """One listed person: ``name`` as listed (maybe "Surname, Given"), ``display`` in direct order."""

    id: str
    name: str
    display: str
    variants: tuple[str, ...] = ()
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Authority:
    source: str
    persons: tuple[Person, ...]


def load_authority(path: str) -> Authority:
    """The persons of an authority file, by its content: JSON (FRUS) or CSV."""
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadError(f"cannot read authority list: {exc}", location=Location(path),
                        expected="a UTF-8 persons.json or CSV file") from exc
    if raw.lstrip().startswith(("{", "[")):
        return Authority(path, _from_json(raw, path))
    return Authority(path, _from_csv(raw, path))


def _from_json(raw: str, path: str) -> tuple[Person, ...]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ReadError(f"malformed JSON: {exc.msg}", location=Location(path, exc.lineno, exc.colno),
                        expected="a FRUS persons.json object") from exc
    items = data.get("persons") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ReadError("no list of persons", location=Location(path), expected='{"persons": [...]}')
    out: list[Person] = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict) or not item.get("id") or not item.get("name"):
            raise ReadError(f"person {n} has no id or name", location=Location(path),
                            expected='entries like {"id": "p_X1", "name": "Surname, Given"}')
        name = _BRACKETS.sub("", str(item["name"])).strip()
        display = _display(name, str(item.get("name_direct_order") or ""))
        ident = item.get("identification")
        out.append(Person(str(item["id"]), name, display, (), str(ident) if ident else None))
    return tuple(out)


def _from_csv(raw: str, path: str) -> tuple[Person, ...]:
    reader = csv.reader(io.StringIO(raw))
    out: list[Person] = []
    for line, row in enumerate(reader, 1):
        if not row or not any(c.strip() for c in row):
            continue
        if line == 1 and [c.strip().lower() for c in row[:2]] == ["id", "name"]:
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise ReadError("a row needs an id and a name", location=Location(path, line),
                            expected="id,name,variants,description")
        name = _BRACKETS.sub("", row[1]).strip()
        variants = tuple(v.strip() for v in re.split(r"[|;]", row[2]) if v.strip()) if len(row) > 2 else ()
        desc = row[3].strip() if len(row) > 3 and row[3].strip() else None
        out.append(Person(row[0].strip(), name, _direct(name), variants, desc))
    return tuple(out)


def _display(name: str, direct: str) -> str:
    """The listed direct-order form without its brackets, unless the brackets took part of the
    name with them: "Allen (Ascham Dulles, Robert A.)", listed for "Dulles, Allen (Ascham,
    Robert A.)", would leave "Allen"; the name turned round is "Allen Dulles"."""
    shown = _BRACKETS.sub("", direct).strip()
    if shown and set(_WORD.findall(name)) <= set(_WORD.findall(shown)):
        return shown
    return _direct(name)


def _direct(name: str) -> str:
    """"Dulles, Allen" → "Allen Dulles"; a name without a comma is already in direct order."""
    if "," not in name:
        return name
    surname, _, given = name.partition(",")
    return f"{given.strip()} {surname.strip()}".strip()


__all__ = ["Authority", "Person", "load_authority"]
