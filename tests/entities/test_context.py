"""Context rules: a paragraph letter, a common word opening a sentence, a name in a place's slot,
routes and lists of places, speakers; and the mentions they change, through the real recogniser."""

from __future__ import annotations

import pytest

from kartoteka.entities import context, rules, shapes
from kartoteka.entities.classification import classify, word_before
from kartoteka.model import MentionKind
from kartoteka.pipeline import parse_text

LETTERED = "1. Report.\n\nA. Galvez arrived.\nB. Ramos left.\nC. Osorio stayed.\n"


@pytest.mark.parametrize(("text", "word", "want"), [
    (LETTERED, "B. Ramos", 3),
    (LETTERED, "A. Galvez", 3),
    ("Notes.\n\nJ. Caldwell King\n", "J. Caldwell King", 0),  # one letter alone is an initial
    ("He met J. Smith.\nK. Rossi came.\n", "K. Rossi", 3),   # J. and K. both open lines? only K. does
    ("He met A. Smith today.\nB. Jones left.\n", "A. Smith", 0),  # not at a line's start
])
def test_outline_marker(text: str, word: str, want: int) -> None:
    got = context.outline_marker(text, text.index(word))
    if word == "K. Rossi":
        assert got == 0  # "J." opens no line: no lettered paragraphs
    else:
        assert got == want


@pytest.mark.parametrize(("text", "word", "want"), [
    ("We can go. Can produce some revolts.", "Can", True),
    ("Can Bey arrived. Can said he would go.", "Can", False),          # never written in lower case
    ("Content was aimed at the content of news.", "Content", True),
    ("Page will come. We asked Page to go. The page is torn.", "Page", False),  # also inside a sentence
    ("Then we saw that Can produce.", "Can", False),                     # not first in a sentence
])
def test_common_word(text: str, word: str, want: bool) -> None:
    assert context.common_word(text, word, text.index(word)) is want


@pytest.mark.parametrize(("text", "word", "want"), [
    ("Send them. Can you obtain details?", "Can", True),
    ("Will he agree to it?", "Will", True),
    ("Then Tabriz fell.", "Tabriz", False),
    ("We asked whether Can you", "Can", False),          # not first in a sentence
])
def test_asks(text: str, word: str, want: bool) -> None:
    s = text.index(word)
    assert context.asks(text, s, s + len(word)) is want


@pytest.mark.parametrize(("text", "word", "want"), [
    ("They were captured at Vado Hondo.", "Hondo", "Vado Hondo"),
    ("landed near Santo Tomas, then left", "Tomas", "Santo Tomas"),
    ("move to San Luis Jilotepeque to Jalapa", "Luis", "San Luis Jilotepeque"),
    ("Colonel Estrada, Commander Zacapa zone, has promised", "Zacapa", "Zacapa"),
    ("soldiers from the Puerto Barrios area were", "Barrios", "Puerto Barrios"),
    ("oil from the Bandar Shahpur refinery", "Shahpur", "Bandar Shahpur"),
    ("Tell Galvez that we agree.", "Galvez", None),                      # a verb, no place's head
    ("arrived Puerto Barrios May 15 at noon", "Barrios", "Puerto Barrios"),  # a month ends the name
    ("the Santo Domingoan envoy", "Domingoan", None),                   # a people's word
    ("Affected area is small; the affected towns", "Affected", None),   # a common word
    ("Calligeris forces moved", "Calligeris", None),                    # a body of men, no ground
])
def test_place_slot(text: str, word: str, want: str | None) -> None:
    s = text.index(word)
    got = context.place_slot(text, s, s + len(word))
    assert (text[got[0]:got[1]] if got else None) == want


@pytest.mark.parametrize(("text", "want"), [
    ("the envoy of General Trujillo of Santo Domingo", "Trujillo"),   # a big city's name after a rank
    ("He saw President Trujillo again.", "Trujillo"),
    ("Ambassador Moscow reports the talks failed.", None),            # an office a post stands for
    ("a talk with Mr. Tehran about", None),                            # our own data's place
    ("Synthesis of Ambassador Peurifoy's Remarks Relevant to X", "Peurifoy"),  # up to the possessive
    ("reviewed by Minister Charnaud MacDonald and returned", "Charnaud MacDonald"),
    ("Mr. O'Brien agreed", "O'Brien"),
    ("says Acting Manager United Fruit Company", None),               # an office held for now
    ("Director of Central Intelligence Allen Dulles briefed them", "Allen Dulles"),  # after the body
    ("the Minister of Foreign Affairs Entezam agreed", "Entezam"),
    ("Secretary General of the National Farm Workers of Guatemala (CNCG)", None),  # the body goes on
    ("to the Secretary of State's Special Assistant for Intelligence", None),
])
def test_titled_names_and_towns(text: str, want: str | None) -> None:
    got = [text[f.start:f.end] for f in rules.titled_names(text)]
    assert got == ([want] if want else [])


def test_routes_and_enumerations() -> None:
    text = "to move from Copan Ruinas to Camotan to Jocotan. Fortuny, Toriello and Fanjul left."
    assert [text[s:e] for s, e in context.routes(text)] == ["Copan Ruinas", "Camotan", "Jocotan"]
    assert [[text[s:e] for s, e in items] for items in context.enumerations(text)] == [
        ["Fortuny", "Toriello", "Fanjul"]]
    assert context.routes("A message from Whiting to Ascham.") == []  # two names are no route


@pytest.mark.parametrize(("text", "want"), [
    ("1702. Mosadeq told us this afternoon that he would not yield.", ["Mosadeq"]),
    ("Later Zahedi said the army was loyal.", ["Zahedi"]),
    ("The Chief of Protocol told the press nothing.", []),
    ("Seamen aboard Alfhem told the agent.", []),
    ("Moscow said nothing; the Department stated its view.", []),
    ("The Honduran Ambassador told me so.", []),
    ("Rest assured that action will follow.", []),
])
def test_speakers(text: str, want: list[str]) -> None:
    assert [text[f.start:f.end] for f in rules.speakers(text)] == want


@pytest.mark.parametrize(("word", "want"), [
    ("Jefatura", True), ("Federacion", True), ("Infancia", True), ("Bogotazo", True), ("Seguridad", True),
    ("Ventura", False), ("Batista", False), ("Valencia", False), ("Arbenz", False), ("Pishevari", False),
    ("Mosadeq", False), ("Toriello", False), ("Dzhavid", False),
])
def test_noun_shaped(word: str, want: bool) -> None:
    assert shapes.noun_shaped(word) is want


@pytest.mark.parametrize(("name", "want"), [
    ("Considerations", False), ("Recommendations", False), ("Dulles Papers", False),
    ("Vance", True), ("Lawrence", True), ("Mir Dzhafar Bagirov", True), ("Qazi Muhammad", True),
])
def test_person_words(name: str, want: bool) -> None:
    assert shapes.person_words_ok(name) is want


@pytest.mark.parametrize(("text", "want"), [
    ("Please report your assessment of Hoveyda as soon as possible.", ["Hoveyda"]),
    ("after the arrest of Mosadeq the Tudeh rioted", ["Mosadeq"]),
    ("since the assassination of Razmara in March", ["Razmara"]),
    ("the assessment of Tehran was gloomy", []),                # a place
    ("the son of God", []),                                     # a word
    ("the arrest of Tudeh leaders", []),                        # a party's people
])
def test_persons_of(text: str, want: list[str]) -> None:
    assert [text[f.start:f.end] for f in rules.persons_of(text)] == want


def _kinds(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in parse_text(text).mentions:
        out.setdefault(m.span.text, set()).add(m.kind.value)
    return out


def test_recogniser_on_places_and_letters() -> None:
    text = ("Telegram From the Embassy in Guatemala to the Department of State\n"
            "Guatemala City, June 24, 1954.\n\n"
            "1. Arms were used at Canales, Palencia and Quezaltenango. The column moved from Copan Ruinas "
            "to Camotan to Jocotan and was captured at Vado Hondo.\n\n"
            "A. Galvez has an understanding with Osorio. Galvez told the Guatemalan leaders nothing.\n"
            "B. Prayer and assistance for the families.\n\n"
            "Peurifoy\n\nSource: Department of State, Central Files, 714.00/6-2454. Secret.\n")
    kinds = _kinds(text)
    for place in ("Palencia", "Camotan", "Jocotan", "Vado Hondo"):
        assert kinds.get(place) == {"place"}, (place, kinds.get(place))
    assert kinds.get("Galvez") == {"person"}
    assert "A. Galvez" not in kinds and "Prayer" not in kinds and "B. Prayer" not in kinds
    assert "Guatemalan" not in kinds          # a people's adjective is no organisation
    assert "Central Files" not in kinds       # an archive's series is no place
    assert kinds.get("Peurifoy") == {"person"}


def test_soviet_side_names_stay_persons() -> None:
    text = ("Bagirov, 9 May 1946\n\nTo Comrade Stalin.\n\nPishevari and Dzhavid met Mir Dzhafar Bagirov "
            "in Tabriz. Pishevari said the Tabriz garrison was loyal.\n\nTabriz, Kuliyev\n")
    kinds = _kinds(text)
    for person in ("Pishevari", "Dzhavid", "Mir Dzhafar Bagirov", "Kuliyev"):
        assert kinds.get(person) == {"person"}, (person, kinds.get(person))
    assert kinds.get("Tabriz") == {"place"}


def test_signature_of_a_name_a_far_town_shares() -> None:
    text = ("Telegram From the Embassy in Iran to the Department of State\nTehran, May 3, 1951, 5 p.m.\n\n"
            "1234. Mosadeq told me today that he would not yield.\n\nHenderson\n")
    kinds = _kinds(text)
    assert kinds.get("Henderson") == {"person"}
    assert kinds.get("Mosadeq") == {"person"}


def test_small_towns_name_joined_to_people() -> None:
    # a small town is a place where the document names its country (here by its capital)
    text = ("Memorandum for the Record\nGuatemala City, May 3, 1954.\n\n"
            "1. The plan was known by Delgado, Col. Somoza and Capt. Sierra. Later Delgado betrayed him.\n"
            "2. Workers at the Tiquisate and Bananera plantations struck. Arms reached Jutiapa.\n")
    kinds = _kinds(text)
    assert kinds.get("Delgado") == {"person"}       # every time, once a rule has named him
    assert kinds.get("Jutiapa") == {"place"}
    assert "person" not in kinds.get("Tiquisate", set())


def test_signature_office_and_code_word_before_a_name() -> None:
    text = ("Memorandum for the Record\nWashington, May 3, 1954.\n\n1. Request ETA Givloch soonest. "
            "Givloch will travel.\n\nGeorge A. Morgan\nActing Director\n")
    kinds = _kinds(text)
    assert "Acting Director" not in kinds and "ETA Givloch" not in kinds
    assert kinds.get("Givloch") == {"person"}


@pytest.mark.parametrize(("surface", "label", "want"), [
    ("Guatemalan", "ORG", None),                       # a people's adjective
    ("Iranian", "ORG", None),
    ("El Progreso", "ORG", MentionKind.PLACE),          # a town (El Progreso, Honduras) of a country the document names
    ("Tabriz", "ORG", MentionKind.PLACE),
    ("Central Files", "GPE", None),                    # an archive's series
    ("Whitman File", "LOC", None),
    ("ZPSEMANTIC", "GPE", None),                       # a cryptonym
    ("PP", "GPE", None),
    ("US", "GPE", MentionKind.PLACE),
    ("UAR", "GPE", MentionKind.PLACE),
    ("Foreign Office", "ORG", MentionKind.ORGANIZATION),
    ("Eisenhower Library", "PERSON", MentionKind.ORGANIZATION),  # an archive is a body
    ("Dulles Papers", "PERSON", None),                  # its series is none
    ("Jackson Records", "ORG", None),
    ("Intelligence Note Prepared", "ORG", None),        # a kind of paper
    ("Reference Deptel", "ORG", None),
    ("Hizbi Demokrati Kurdistan", "PERSON", None),      # a body named for a region
])
def test_classify_model_labels(surface: str, label: str, want: MentionKind | None) -> None:
    assert classify(surface, label, "", frozenset({"GT", "HN"})) is want


def test_small_town_taken_for_a_body_needs_its_country_named() -> None:
    assert classify("El Progreso", "ORG", "", frozenset({"US"})) is MentionKind.ORGANIZATION


def test_english_word_only_ever_first_in_a_sentence() -> None:
    text = ("Memorandum for the Record\nWashington, May 3, 1954.\n\n1. Content was aimed at the farmers. "
            "Content ranged from news to songs.\n2. Morrison will make a statement. Welch knew of it. "
            "However, Welch says nothing.\n")
    kinds = _kinds(text)
    assert "Content" not in kinds
    assert kinds.get("Morrison") == {"person"} and kinds.get("Welch") == {"person"}


@pytest.mark.parametrize(("text", "start", "want"), [
    ("troops in Tabriz", 10, "in"),
    ("troops in \t Tabriz", 12, "in"),
    ("Tabriz", 0, ""),
    ("the base at\nCienfuegos", 12, "at"),  # a line break right before the name is passed over, as "$" does
    ("the base at\n\nCienfuegos", 13, ""),
    ("a word far before it" + " " * 40 + "Tabriz", 60, ""),  # only the 30 characters before are read
    ("a_b2 Tabriz", 5, "a_b2"),
    ("Министр в Тебризе", 10, "в"),
    ("said: Tabriz", 6, ""),
])
def test_word_before(text: str, start: int, want: str) -> None:
    assert word_before(text, start) == want
