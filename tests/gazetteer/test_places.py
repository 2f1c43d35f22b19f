"""Gazetteer resolution and authority lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from kartoteka.errors import ReadError
from kartoteka.gazetteer import resolve
from kartoteka.gazetteer.authority import load_authority

FRUS_DEV = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "frus-dev" / "frus1952-54Guat"


@pytest.mark.parametrize(("name", "canonical", "geonames"), [
    ("Tabriz", "Tabriz", "113646"), ("Tebriz", "Tabriz", "113646"), ("Təbriz", "Tabriz", "113646"),
    ("Tehran", "Tehran", "112931"), ("Teheran", "Tehran", "112931"), ("Тегеран", "Tehran", "112931"),
    ("Ahvaz", "Ahvaz", "144448"), ("Ahwaz", "Ahvaz", "144448"), ("Zanjan", "Zanjan", "111453"),
    ("Iran", "Iran", "130758"), ("Greece", "Greece", "390903"),
])
def test_resolves_with_coordinates(name: str, canonical: str, geonames: str) -> None:
    place = resolve(name)
    assert place is not None
    assert place.name == canonical
    assert ("geonames", geonames) in place.authority
    assert place.latitude != 0.0 and place.longitude != 0.0


def test_regions_from_the_shipped_file() -> None:
    for name in ("Azerbaijan", "Gilan", "Kurdistan"):
        place = resolve(name)
        assert place is not None and place.curated and place.latitude


def test_unknown_is_none() -> None:
    assert resolve("Qwxzzy") is None


def test_frus_persons_json() -> None:
    auth = load_authority(str(FRUS_DEV / "persons.json"))
    by_id = {p.id: p for p in auth.persons}
    assert by_id["p_CACC1"].display == "Colonel Carlos Castillo Armas"
    assert "(" not in by_id["p_DAARA1"].name


def test_csv_authority(tmp_path: Path) -> None:
    f = tmp_path / "persons.csv"
    f.write_text("id,name,variants,description\nq1,\"Qavam, Ahmad\",Ghavam|Qavam os-Saltaneh,Prime Minister\n",
                 encoding="utf-8")
    (p,) = load_authority(str(f)).persons
    assert (p.id, p.display, p.variants, p.description) == ("q1", "Ahmad Qavam", ("Ghavam", "Qavam os-Saltaneh"),
                                                            "Prime Minister")


def test_bad_csv_names_the_line(tmp_path: Path) -> None:
    f = tmp_path / "bad.csv"
    f.write_text("id,name\nq1,Qavam\n,\n x2,\n", encoding="utf-8")
    with pytest.raises(ReadError) as err:
        load_authority(str(f))
    assert ":4" in str(err.value)


def test_russian_case_endings() -> None:
    place = resolve("Тебризе")
    assert place is not None and place.name == "Tabriz"


@pytest.mark.parametrize(("name", "near", "country", "kind"), [
    ("San Jose", [], "CR", "city"),  # no context: a national capital before a larger city
    ("San Jose", [{"GT": 2}], "CR", "city"),  # nor does a small port of a neighbour overrule it
    ("San Jose", [{"US": 3}], "US", "city"),  # a city of a million in the country the document names
    ("San Jose", [{}, {"CR": 1}], "CR", "city"),  # the collection decides when the document cannot
    ("Salvador", [{"BR": 2}], "BR", "city"),
    ("Moscow", [{"US": 9}, {"US": 90}], "RU", "city"),  # a world capital, never Moscow, Idaho
    ("Georgia", [{"US": 2}], "US", "state"), ("Georgia", [{"SU": 2}], "GE", "country"),
    ("Azerbaijan", [{"IR": 2}], "IR", "region"), ("Azerbaijan SSR", [{"IR": 2}], "AZ", "state"),
    ("Salvador", [{"GT": 4, "SV": 1}], "SV", "country"),  # "El Salvador" without its article
    ("Iran", [{"US": 9}], "IR", "country"),  # a country's own name is never overruled
    ("Tabriz", [{"US": 9}], "IR", "city"),  # nor our own data
    ("Julfa", [], "IR", "city"), ("Transjordan", [], "JO", "country"), ("Sinai", [], "EG", "region"),
])
def test_context_decides_shared_names(name: str, near: list[dict[str, int]], country: str, kind: str) -> None:
    place = resolve(name, near=near)
    assert place is not None and (place.country, place.kind.value) == (country, kind)


@pytest.mark.parametrize(("name", "capital"), [("Iran", "Tehran"), ("Guatemala", "Guatemala City"),
                                                ("United States", "Washington")])
def test_a_country_is_placed_inside_it_not_at_its_capital(name: str, capital: str) -> None:
    country, city = resolve(name), resolve(capital)
    assert country is not None and city is not None and country.country == city.country
    assert (country.latitude, country.longitude) != (city.latitude, city.longitude)
    assert abs(country.latitude - city.latitude) + abs(country.longitude - city.longitude) > 0.4
