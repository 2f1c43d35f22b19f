"""How a FRUS List of Persons entry is shown: the editors' direct-order form, unless its brackets
took part of the name with them (a pseudonym in brackets), then the listed name turned round."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kartoteka.gazetteer.authority import load_authority


@pytest.mark.parametrize(("name", "direct", "shown"), [
    ("Dulles, Allen (Ascham, Robert A.)", "Allen (Ascham Dulles, Robert A.)", "Allen Dulles"),
    ("Bissell, Richard M. (Lynade, Pinckney E.)", "Richard M. (Lynade Bissell, Pinckney E.)", "Richard M. Bissell"),
    ("Castillo Armas, Colonel Carlos", "Colonel Carlos Castillo Armas", "Colonel Carlos Castillo Armas"),
    ("Trujillo, Molina Rafael L.", "Molina Rafael L. Trujillo", "Molina Rafael L. Trujillo"),  # as the editors list it
    ("Wisner, Frank (Harold S. Whiting)", "Frank (Harold S. Whiting) Wisner", "Frank Wisner"),
    ("Peurifoy, John E.", "", "John E. Peurifoy"),
])
def test_shown_name(tmp_path: Path, name: str, direct: str, shown: str) -> None:
    entry = {"id": "p_1", "name": name, **({"name_direct_order": direct} if direct else {})}
    path = tmp_path / "persons.json"
    path.write_text(json.dumps({"persons": [entry]}), encoding="utf-8")
    (person,) = load_authority(str(path)).persons
    assert person.display == shown
    assert "(" not in person.name
