"""A document's genre from its title's opening words and its language from its little words."""

from __future__ import annotations

import pytest

from kartoteka.structure.genre import genre, genres
from kartoteka.structure.language import language


@pytest.mark.parametrize(("title", "expected"), [
    ("Telegram From the Embassy in Iran to the Department of State", "telegram"),
    ("Circular Telegram From the Department of State to Certain Diplomatic Missions", "telegram"),
    ("Memorandum of Conversation", "memorandum of conversation"),
    ("Memorandum From the Director of Central Intelligence to the President", "memorandum"),
    ("Draft Memorandum for the Record", "memorandum"),
    ("Memo via a Telegraph Message from Tabriz", "memorandum"),
    ("Letter From President Eisenhower to Prime Minister Churchill", "letter"),
    ("National Intelligence Estimate", "estimate"),
    ("Despatch From the Embassy in Guatemala", "despatch"),
    ("Dispatch From the Station", "despatch"),
    ("Minutes of a Meeting of the Operations Coordinating Board", "minutes"),
    ("Editorial Note", "note"),
    ("Briefing Paper Prepared in the Department of State", "paper"),
    ("ШИФРТЕЛЕГРАММА", "telegram"),
    ("Справка о положении в Иранском Азербайджане", "note"),
    ("Докладная записка", "memorandum"),
    ("Запись беседы с послом", "memorandum of conversation"),
    ("The Situation in the Northern Provinces After the Withdrawal of the Troops", None),  # genre word too late
    ("Text of a Statement by the Secretary", "statement"),
    ("Oral Statements Made to the Ambassador", None),  # "statements": no listed word
    ("", None),
    (None, None),
])
def test_genre(title: str | None, expected: str | None) -> None:
    assert genre(title) == expected


def test_every_genre_is_listed() -> None:
    assert {"telegram", "memorandum", "letter", "report"} <= set(genres())
    assert list(genres()) == sorted(set(genres()))


@pytest.mark.parametrize(("text", "expected"), [
    ("The Ambassador told me that the Shah was ready to receive the delegation of the party in the "
     "morning, and that he would speak with them.", "en"),
    ("Сообщаем, что в Тебризе на собрании партии было принято решение о том, что к вечеру "
     "делегация выедет в Тегеран и что по прибытии она будет принята.", "ru"),
    ("Der Botschafter teilte mit, dass die Delegation der Partei nicht mit dem Schah und den Ministern "
     "sprechen wird, und das ist zu bedauern.", "de"),
    ("Le ministre a dit que la délégation des partis est arrivée dans la capitale et que les "
     "entretiens pour la paix sont une priorité.", "fr"),
    # an English translation keeping Russian words in brackets is English
    ("The [vystupleniye] of the party was made in the city and the [fedai] were in the streets of "
     "Tabriz with the people.", "en"),
    ("TOP SECRET", None),  # too few words for a verdict
    ("", None),
])
def test_language(text: str, expected: str | None) -> None:
    assert language(text) == expected
