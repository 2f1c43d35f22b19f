"""Who wrote, signed, received and passed on a Soviet-bloc record: cipher-clerk lines as chain
events with their times, addressees in capitals with a gloss, copy lists, offices and bodies as
authors and recipients, signature blocks with rank and "[signature]", authenticators and
translators in their own roles, Russian addressees in the dative with their lemma. Each table
lists surface forms of one convention, written for these tests."""

from __future__ import annotations

import pytest

from kartoteka.dates import find_dates
from kartoteka.model import Action, Agent, Document
from kartoteka.structure import Structure, analyse

BODY = ("The delegation arrived yesterday and was received by the chairman of the council, who asked "
        "for a reply on the deliveries before the end of the month.\n\n")


def _analyse(text: str) -> Structure:
    return analyse(Document.from_text(text), find_dates(text))


def _texts(agents: tuple[Agent, ...]) -> list[str]:
    return [a.span.text for a in agents]


# a telegram's service lines: text, [(action, date as written, time as written)]
CHAIN_ROWS = [
    ("CIPHERED TELEGRAM\n\nFrom Warsaw. Sent 21.X.56 02:10\nReceived 21.X 06:30\nDeciphered 21.X 07:45\n\n"
     + BODY + "PONOMARENKO\n",
     [(Action.SENT, "21.X.56", "02:10"), (Action.RECEIVED, "21.X", "06:30"), (Action.RECEIVED, "21.X", "07:45")]),
    ("CIPHERED TELEGRAM\n\nFrom BELGRADE\nSent 4.6.55 23:10\nReceived 5.6 01:20\n"
     "Sent to the 1st Directorate of the General Staff 5.6 02:05\n\n" + BODY + "VALKOV\n",
     [(Action.SENT, "4.6.55", "23:10"), (Action.RECEIVED, "5.6", "01:20"), (Action.TRANSMITTED, "5.6", "02:05")]),
    ("ШИФРТЕЛЕГРАММА\n\nИз ВАРШАВЫ\nОтправлена 21.X.56 г. 02 ч. 10 м.\nПолучена 21.X.56 г. 06 ч. 30 м.\n\n"
     "Делегация прибыла вчера и была принята председателем совета, который просил ответа о поставках.\n\n"
     "Пономаренко\n",
     [(Action.SENT, "21.X.56", "02 ч. 10 м."), (Action.RECEIVED, "21.X.56", "06 ч. 30 м.")]),
]


@pytest.mark.parametrize(("text", "steps"), CHAIN_ROWS)
def test_cipher_clerk_lines_are_chain_events(text: str, steps: list[tuple[Action, str, str]]) -> None:
    chain = [s for s in _analyse(text).chain if s.time is not None]
    assert [(s.action, s.date.span.text if s.date else None, s.time.text if s.time else None) for s in chain] == steps


@pytest.mark.parametrize("line", ["By telegraph", "Sent by telegraph 3.IV.47 11:20", "By VCh"])
def test_by_telegraph_is_a_sending(line: str) -> None:
    text = f"Top Secret\n\n{line}\n\nMOSCOW\nMFA USSR\n\n" + BODY + "GROMYKO\n"
    assert any(s.action is Action.SENT for s in _analyse(text).chain)


# addressees: text, recipients that must be found (name, office or the gloss's bearer)
RECIPIENT_ROWS = [
    ("CIPHERED TELEGRAM\n\nTO COMRADE FILIPPOV [Stalin]\n\n" + BODY + "ZORIN\n", ["FILIPPOV"]),
    ("Top Secret\n\nBELGRADE\nSOVIET AMBASSADOR\n\n" + BODY + "MOLOTOV\n", ["SOVIET AMBASSADOR"]),
    ("CIPHERED TELEGRAM\n\nFrom BUDAPEST\nSent 30.X.56 04:00\n\nMOSCOW, MFA USSR, to Cde. Molotov\n\n"
     + BODY + "ANDROPOV\n", ["MFA USSR", "Molotov"]),
    ("Secret\n\nCC CPSU\n\n" + BODY + "V. Kuznetsov\n", ["CC CPSU"]),
    ("Top Secret\n\nTo the Chairman of the Council of Ministers of the USSR\nComrade N. A. Bulganin\n\n"
     + BODY + "G. Zhukov\n", ["Bulganin", "Chairman of the Council of Ministers of the USSR"]),
    ("Секретно\n\nМинистру иностранных дел СССР\nтоварищу Громыко А. А.\n\n"
     "Делегация прибыла вчера и была принята председателем совета, который просил ответа о поставках.\n\n"
     "Пузанов\n", ["Громыко А. А.", "Министру иностранных дел СССР"]),
]


@pytest.mark.parametrize(("text", "names"), RECIPIENT_ROWS)
def test_addressees_persons_offices_bodies(text: str, names: list[str]) -> None:
    st = _analyse(text)
    found = [s for a in st.recipients for s in (a.span.text, a.office.text if a.office else "")]
    for name in names:
        assert any(name in s for s in found), (name, found)


# copy lists: the list, the names read from it
COPY_ROWS = [
    ("Copies: Malenkov (2), Molotov, Bulganin, File of 1st Dept.", ["Malenkov", "Molotov", "Bulganin"]),
    ("Distributed: Cdes. Khrushchev - 2, Suslov, Mikoyan, 8th Dept. file", ["Khrushchev", "Suslov", "Mikoyan"]),
    ("Copies: 1. Comrade Nagy, 2. Comrade Kádár, 3. File", ["Nagy", "Kádár"]),
    ("Копии: т. Маленкову (2), т. Берии, в дело.", ["Маленкову", "Берии"]),
    ("Copies: Zhukov, Konev (by VCh), Sokolovsky", ["Zhukov", "Konev", "Sokolovsky"]),
]


@pytest.mark.parametrize(("line", "names"), COPY_ROWS)
def test_copy_lists_are_recipients_not_senders(line: str, names: list[str]) -> None:
    st = _analyse("Top Secret\n\n" + BODY + "SEROV\n\n" + line + "\n")
    assert _texts(st.recipients)[-len(names):] == names
    assert not set(names) & set(_texts(st.senders + st.signatories))


# signature blocks: text, (name, rank, office) for each signer expected
SIGNATURE_ROWS = [
    (BODY + "Commander of the Troops of the Belorussian Front\nMarshal [signature] Rokossovsky\n",
     [("Rokossovsky", "Marshal", "Commander of the Troops of the Belorussian Front")]),
    (BODY + "Chief of Staff of the Front\nColonel-General [signature] Malinin\n",
     [("Malinin", "Colonel-General", "Chief of Staff of the Front")]),
    (BODY + "Начальник управления\nполковник [подпись] Сазонов\n",
     [("Сазонов", "полковник", "Начальник управления")]),
]


@pytest.mark.parametrize(("text", "signers"), SIGNATURE_ROWS)
def test_signature_blocks_with_rank_and_mark(text: str, signers: list[tuple[str, str, str]]) -> None:
    st = _analyse(text)
    got = [(a.span.text, a.rank.text if a.rank else None, a.office.text if a.office else None) for a in st.signatories]
    assert got == signers


@pytest.mark.parametrize(("line", "name", "role"), [
    ("Correct: [signed] Captain P. Ivanov", "P. Ivanov", "authenticator"),
    ("True copy: [signed] Lieutenant Kalinin", "Kalinin", "authenticator"),
    ("Верно: [подпись] Сидоров", "Сидоров", "authenticator"),
    ("[Molotov’s signature]", "Molotov", "approver"),
    ("[Voroshilov's signature]", "Voroshilov", "approver"),
])
def test_authenticators_and_approvers_keep_their_role(line: str, name: str, role: str) -> None:
    st = _analyse(BODY + "V. Zorin\n\n" + line + "\n")
    signed = {a.span.text: a.role for a in st.signatories}
    assert signed.get(name) == role
    assert name not in _texts(st.senders)


@pytest.mark.parametrize("line", [
    "Translated by: Captain A. Petrov", "Translated from Hungarian by: I. Nemeth", "Translator: O. Kim",
])
def test_translator_is_no_signatory(line: str) -> None:
    st = _analyse(BODY + "V. Zorin\n\n" + line + "\n")
    assert _texts(st.signatories) == ["V. Zorin"]


@pytest.mark.parametrize(("heading", "office"), [
    ("CHAIRMAN\nOF THE COUNCIL OF MINISTERS\nOF THE USSR", "CHAIRMAN\nOF THE COUNCIL OF MINISTERS\nOF THE USSR"),
    ("MINISTER\nOF FOREIGN AFFAIRS\nOF THE USSR", "MINISTER\nOF FOREIGN AFFAIRS\nOF THE USSR"),
    ("CHAIRMAN OF THE PRESIDIUM OF THE SUPREME SOVIET", "CHAIRMAN OF THE PRESIDIUM OF THE SUPREME SOVIET"),
])
def test_letterhead_office_is_a_sender(heading: str, office: str) -> None:
    st = _analyse(f"Letter from Bulganin to Nehru\n\n{heading}\n\nMoscow, 5 May 1956\n\nDear Mr. Prime Minister,\n\n"
                  + BODY + "Respectfully,\nN. BULGANIN\n")
    assert office in _texts(st.senders)


@pytest.mark.parametrize(("line", "recorder"), [
    ("Recorder: Li Ping", "Li Ping"), ("Recorded by: Wang Hai", "Wang Hai"), ("Записал: Федоренко", "Федоренко"),
])
def test_recorder_of_a_conversation_is_its_author(line: str, recorder: str) -> None:
    text = f"Record of Conversation\n\nTime: 3 May 1958\nLocation: Beijing\n{line}\n\n" + BODY
    assert recorder in _texts(_analyse(text).senders)


# Russian addressees: line as written, lemma
DATIVE_ROWS = [
    ("Тов. Маленкову", "Маленкову", "Маленков"),
    ("товарищу Берии Л. П.", None, None),
    ("Тов. Аркадьеву", "Аркадьеву", "Аркадьев"),
    ("Тов. Ворошилову К. Е.", "Ворошилову К. Е.", "Ворошилов К. Е."),
    ("Тов. Фуртцевой", "Фуртцевой", "Фуртцева"),
]


@pytest.mark.parametrize(("line", "name", "lemma"), DATIVE_ROWS)
def test_dative_addressee_keeps_its_lemma(line: str, name: str | None, lemma: str | None) -> None:
    text = ("Совершенно секретно\n\nМОСКВА\n" + line + "\n\n"
            "Делегация прибыла вчера и была принята председателем совета, который просил ответа о поставках.\n\n"
            "Пузанов\n")
    st = _analyse(text)
    assert st.recipients
    if name is not None:
        a = st.recipients[0]
        assert (a.span.text, a.lemma) == (name, lemma)
