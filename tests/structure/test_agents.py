"""Agents as written: name, office and rank apart, each its own span (table-driven)."""

from __future__ import annotations

import pytest

from kartoteka.model import Agent
from kartoteka.structure.agent_lists import agents_in_heading_part, agents_in_list
from kartoteka.structure.agents import agent_of, looks_like_name


def _read(agent: Agent | None) -> tuple[str, str, str | None, str | None] | None:
    if agent is None:
        return None
    return (agent.span.text, str(agent.kind), agent.office.text if agent.office else None,
            agent.rank.text if agent.rank else None)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # FRUS headings: the name in parentheses closes the office
        ("the Chief of the Western Hemisphere Division, Central Intelligence Agency (King)",
         ("King", "person", "Chief of the Western Hemisphere Division, Central Intelligence Agency", None)),
        ("The Ambassador in Iran (Allen)", ("Allen", "person", "Ambassador in Iran", None)),
        ("the Ambassador to Guatemala (Peurifoy)", ("Peurifoy", "person", "Ambassador to Guatemala", None)),
        ("the Assistant Director for Communications ([name not declassified])",
         ("[name not declassified]", "person", "Assistant Director for Communications", None)),
        ("the President's Special Assistant for National Security Affairs (Rostow)",
         ("Rostow", "person", "President's Special Assistant for National Security Affairs", None)),
        # office then name, no parentheses
        ("Director of Central Intelligence Dulles", ("Dulles", "person", "Director of Central Intelligence", None)),
        ("Secretary of State John Foster Dulles", ("John Foster Dulles", "person", "Secretary of State", None)),
        ("President Johnson", ("Johnson", "person", "President", None)),
        ("Consul General Krasnykh", ("Krasnykh", "person", "Consul General", None)),
        # rank apart from the name
        ("General-Major Yemel’yanov", ("Yemel’yanov", "person", None, "General-Major")),
        ("Colonel Castillo Armas", ("Castillo Armas", "person", None, "Colonel")),
        ("Lieutenant General Razmara", ("Razmara", "person", None, "Lieutenant General")),
        ("Doctor Dzhavid", ("Dzhavid", "person", None, "Doctor")),
        # honorifics are neither name nor office
        ("Cde. V. M. Molotov", ("V. M. Molotov", "person", None, None)),
        ("Comrade J. V. STALIN", ("J. V. STALIN", "person", None, None)),
        ("Mr. Henderson", ("Henderson", "person", None, None)),
        # office by comma or by "of"
        ("the Soviet Ambassador in Iran, A. A. Lavrent'ev",
         ("A. A. Lavrent'ev", "person", "Soviet Ambassador in Iran", None)),
        ("Jerome Dunbar, Operation PBSUCCESS Headquarters in Florida",
         ("Jerome Dunbar", "person", "Operation PBSUCCESS Headquarters in Florida", None)),
        ("Robert W. Komer of the National Security Council Staff",
         ("Robert W. Komer", "person", "National Security Council Staff", None)),
        # offices and organisations without a name
        ("Minister of State Security of the Azerbaijan SSR",
         ("Minister of State Security of the Azerbaijan SSR", "office", None, None)),
        ("Ambassador of the USSR in Iran", ("Ambassador of the USSR in Iran", "office", None, None)),
        ("the Secretary of State", ("Secretary of State", "office", None, None)),
        ("the Shah of Iran", ("Shah of Iran", "office", None, None)),
        ("the Head of the Foreign Department of the CC of the Communist Party (Bolsheviks) of Azerbaijan",
         ("Head of the Foreign Department of the CC of the Communist Party (Bolsheviks) of Azerbaijan",
          "office", None, None)),
        ("the Central Intelligence Agency", ("Central Intelligence Agency", "organization", None, None)),
        ("the CIA Station in [place not declassified]",
         ("CIA Station in [place not declassified]", "organization", None, None)),
        ("Operation PBSUCCESS Headquarters in Florida",
         ("Operation PBSUCCESS Headquarters in Florida", "organization", None, None)),
        ("the Embassy in Iran", ("Embassy in Iran", "organization", None, None)),
        ("Certain Posts", ("Certain Posts", "organization", None, None)),
        ("Politburo of the CC VKP(b)", ("Politburo of the CC VKP(b)", "organization", None, None)),
        # read from the data files: ranks and rulers in names/data/titles.csv, office heads and
        # body words in structure/data
        ("генерал-майор Иванов", ("Иванов", "person", None, "генерал-майор")),
        ("Divisional Commissar Petrov", ("Petrov", "person", None, "Divisional Commissar")),
        ("the Patriarch of Moscow", ("Patriarch of Moscow", "office", None, None)),
        ("the Crown Prince of Iran", ("Crown Prince of Iran", "office", None, None)),
        ("the Station Chief in Tehran", ("Station Chief in Tehran", "office", None, None)),
        ("Case Officer Smith", ("Smith", "person", "Case Officer", None)),
        ("the Soviet Legation in Kabul", ("Soviet Legation in Kabul", "organization", None, None)),
        # plain names, signatures by initials
        ("Jacob R. Seekford", ("Jacob R. Seekford", "person", None, None)),
        ("Graham L Page", ("Graham L Page", "person", None, None)),
        ("S.H.", ("S.H.", "person", None, None)),
        ("Mir Jafar Abbasovich", ("Mir Jafar Abbasovich", "person", None, None)),
        ("Herbert Hoover, Jr.", ("Herbert Hoover, Jr.", "person", None, None)),
        ("USSR Minister of Foreign Affairs V. Molotov",
         ("V. Molotov", "person", "USSR Minister of Foreign Affairs", None)),
        ("the Iranian Ambassador (Ala)", ("Ala", "person", "Iranian Ambassador", None)),
        ("COMRADE STALIN", ("STALIN", "person", None, None)),
        ("(M. Silin)", ("M. Silin", "person", None, None)),
        ("Comrade A.Ya. VYSHINSKY", ("A.Ya. VYSHINSKY", "person", None, None)),
        ("Secretary of the CC of the CP of Azerbaijan T.A. Yakubov",
         ("T.A. Yakubov", "person", "Secretary of the CC of the CP of Azerbaijan", None)),
        ("CC CPSU G.M. Malenkov", ("G.M. Malenkov", "person", "CC CPSU", None)),
        ("Ambassador in Saudi Arabia", ("Ambassador in Saudi Arabia", "office", None, None)),
        ("Prime Minister of Iran Mosaddyk", ("Mosaddyk", "person", "Prime Minister of Iran", None)),
        ("Deputy Director (Plans)", ("Deputy Director (Plans)", "office", None, None)),
        # nobody
        ("Conclusions", None),
        ("Advise.", None),
        ("Activity of Political Exiles", None),
        ("", None),
    ],
)
def test_agent_of(phrase: str, expected: tuple[str, str, str | None, str | None] | None) -> None:
    text = f"<< {phrase} >>"
    agent = agent_of(text, 3, 3 + len(phrase))
    assert _read(agent) == expected
    if agent is not None:
        for span in (agent.span, agent.office, agent.rank):
            if span is not None:
                assert text[span.start:span.end] == span.text


@pytest.mark.parametrize(
    ("written", "names"),
    [
        ("Cde. Molotov, Cde. Beria, Cde. Bagirov", ["Molotov", "Beria", "Bagirov"]),
        ("Cdes. Stalin, Molotov, Beria, Malenkov, Mikoyan", ["Stalin", "Molotov", "Beria", "Malenkov", "Mikoyan"]),
        ("Pishevari, Shabustari, Padegan, Doctor Dzhavid, Daneshyan",
         ["Pishevari", "Shabustari", "Padegan", "Dzhavid", "Daneshyan"]),
        ("Cdes. Bagirov and Yakubov", ["Bagirov", "Yakubov"]),
        # an editor's mark after a name is no part of it; initials after a surname are
        ("Bulganin, Khrushchev, Mikoyan [illegible]", ["Bulganin", "Khrushchev", "Mikoyan"]),
        ("Cde. STALIN I. V., Cde. Molotov V.M.", ["STALIN I. V.", "Molotov V.M."]),
        ("/M. Bagirov/", ["M. Bagirov"]),
    ],
)
def test_agents_in_list(written: str, names: list[str]) -> None:
    assert [a.span.text for a in agents_in_list(written, 0, len(written))] == names


@pytest.mark.parametrize(
    ("written", "names"),
    [
        ("the Deputy Director for Plans (Wisner) and the Acting Deputy Director of Administration",
         ["Wisner", "Acting Deputy Director of Administration"]),
        ("the Chief of the Western Hemisphere Division (King) for Jerome C. Dunbar", ["King", "Jerome C. Dunbar"]),
        # "and" inside a place list does not part two agents
        ("the CIA Stations in Guatemala and [place not declassified]",
         ["CIA Stations in Guatemala and [place not declassified]"]),
    ],
)
def test_agents_in_heading_part(written: str, names: list[str]) -> None:
    assert [a.span.text for a in agents_in_heading_part(written, 0, len(written))] == names


@pytest.mark.parametrize(
    ("written", "is_name"),
    [("J. Caldwell King", True), ("SH", True), ("[name not declassified]", True), ("Ali Mansur", True),
     ("Hans V. Tofte", True), ("Build—Slender", False), ("TOTAL | $2,735,000", False), ("5. Advise.", False),
     ("the Shah", False), ("A.", False), ("STALIN I. V.", True), ("Stalin I.", True), ("J. V.", False),
     ("I. V.", False)],
)
def test_looks_like_name(written: str, is_name: bool) -> None:
    assert looks_like_name(written) is is_name
