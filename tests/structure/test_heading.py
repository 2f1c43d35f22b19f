"""Titles and the senders and recipients a heading names, over many heading forms."""

from __future__ import annotations

import pytest

from kartoteka.dates import find_dates
from kartoteka.model import Span
from kartoteka.structure.heading import find_title, heading_agents
from kartoteka.structure.zones import zones


def _title(text: str) -> str | None:
    span, _ = find_title(text, zones(text), find_dates(text))
    if span is not None:
        assert text[span.start:span.end] == span.text
    return span.text if span else None


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Telegram From the Embassy in Iran to the Department of State\nTehran, January 5, 1964, 4 p.m.\n\n625. Text.\n",
         "Telegram From the Embassy in Iran to the Department of State"),
        ("December 9, 1946\n\nMemo via a Telegraph Message from Tabriz\n\n\nThe oil question can be decided in our favour only now.\n",
         "Memo via a Telegraph Message from Tabriz"),
        ("CIPHERED TELEGRAM\n\nFrom TABRIZ\nSent 23:40 14.XI.1945\n", "CIPHERED TELEGRAM"),
        ("INFORMATION\non the results of the elections\n\nTop Secret\n\nThe elections were held in January.\n",
         "INFORMATION\non the results of the elections"),
        ("From the Diary of the Soviet Ambassador in Iran, A. A. Lavrent'ev\n\nRECORD OF CONVERSATION\n"
         "with the Prime Minister of Iran\n\n20 August 1953\n",
         "RECORD OF CONVERSATION\nwith the Prime Minister of Iran"),
        ("Strictly Secret\nSpecial Folder\n\nExtract from Protocol No 51 of the Session of the Politburo\n\nDecision of 6 July 1945\n",
         "Extract from Protocol No 51 of the Session of the Politburo"),
        ("SECRET\n\nTehran, 9 December 1946.\n\nNote on the position of the Democrats in Tabriz\n",
         "Note on the position of the Democrats in Tabriz"),
        # an address block first: the document has no title
        ("Secret\nCopy No. 2\n\nTo the Minister of Foreign Affairs of the USSR\nCde. V. M. Molotov\n\nI am sending you the report now.\n",
         None),
        # running text first: no title either
        ("Secret\n\nThe delegation demands that the fedai be put under the command of the general staff.\n", None),
        ("July 22, 1949\n\nFrom the Journal of A. A. Gromyko, 'Reception of the Ambassador of Iran'\n\nThe ambassador came.\n",
         "From the Journal of A. A. Gromyko, 'Reception of the Ambassador of Iran'"),
        ("Editorial Note\n\nOn June 18 the forces crossed the border from Honduras into Guatemala.\n", "Editorial Note"),
        # an addressee alone above the title (a party organ, a comrade), or a "To" line: the title is below
        ("Top Secret\nSpecial File\n\nTsK KPSS\n\nINFORMATION\non the situation in Syria\n\n"
         "According to reliable sources the chief of staff met the party leaders on 14 August.\n",
         "INFORMATION\non the situation in Syria"),
        ("Of Special Importance\n\nTo the Central Committee of the CPSU\n\n"
         "Information of the Committee of State Security on the situation in Iran\n\n"
         "The Shah intends to dissolve the Majlis and rule by decree until the reform is adopted.\n",
         "Information of the Committee of State Security on the situation in Iran"),
        ("Strictly Secret\n\nCC VKP(b)\nTo Cde. Stalin I. V.\n\nI report that the delegation has left for Tehran.\n", None),
        # below an address block, a name line is the addressee's, not a title
        ("To the Secretary of the CC VKP(b)\nCde. MALENKOV G. M.\n\nI report that the delegation has left for Tehran.\n",
         None),
        # a hand's resolution across the top is not the title
        ("[Handwritten:] To Cde. Molotov. Agree. I. Stalin\n\nTo Cde. STALIN I. V.\n\n"
         "I am sending you the draft of the instruction to the consul in Tabriz.\n", None),
        ("[Handwritten in the upper left corner: To Cde. Bagirov. M. B.]\n\nREPORT\non the situation in Ardebil\n\n"
         "The fedai left the town at night and the gendarmes came in the morning.\n",
         "REPORT\non the situation in Ardebil"),
        # below an organ's name, a title by its subject alone
        ("CC CPSU\n\nOn the situation in Iraq\n\nAfter the coup of 14 July the position of the party has strengthened.\n",
         "On the situation in Iraq"),
        # a letterhead is whose paper it is, not the title; a genre word makes it the title
        ("MINISTRY OF FOREIGN AFFAIRS OF THE USSR\nStrictly Secret. Copy No. 3\nNo. 123/s\n5 May 1946\n\n"
         "TO COMRADE J. V. STALIN\n\nI report on the conversation with the Iranian Ambassador Ala.\n", None),
        ("NATIONAL SECURITY COUNCIL REPORT\n\nThe United States should continue to support the Shah in every way.\n",
         "NATIONAL SECURITY COUNCIL REPORT"),
        # a title carrying its register number
        ("CIPHERED TELEGRAM No. 2451\n\nFrom BAKU to MOSCOW\nSent 11 December 1946 at 23:50\n", "CIPHERED TELEGRAM No. 2451"),
        # 1948: the opener above the title is a marking
        ("SECRET US URGENT\n\nThe Ambassador in Iran (Allen) to the Secretary of State\n\nTehran, May 4, 1948—4 p. m.\n",
         "The Ambassador in Iran (Allen) to the Secretary of State"),
    ],
)
def test_find_title(text: str, title: str | None) -> None:
    assert _title(text) == title


def _agents(title: str) -> tuple[list[str], list[str]]:
    senders, recipients = heading_agents(title, Span(0, len(title), title))
    return [a.span.text for a in senders], [a.span.text for a in recipients]


@pytest.mark.parametrize(
    ("title", "senders", "recipients"),
    [
        ("Telegram From the CIA Station in Guatemala to Operation PBSUCCESS Headquarters in Florida",
         ["CIA Station in Guatemala"], ["Operation PBSUCCESS Headquarters in Florida"]),
        ("The Ambassador in Iran (Allen) to the Secretary of State", ["Allen"], ["Secretary of State"]),
        ("The Secretary of State to the Embassy in Iran", ["Secretary of State"], ["Embassy in Iran"]),
        ("President Truman to the Shah of Iran", ["Truman"], ["Shah of Iran"]),
        ("Letter From the Ambassador to Guatemala (Peurifoy) to the Assistant Secretary of State for "
         "Inter-American Affairs (Cabot)", ["Peurifoy"], ["Cabot"]),
        ("Memorandum by the Director of the Office of Near Eastern and African Affairs (Henderson) to the "
         "Secretary of State", ["Henderson"], ["Secretary of State"]),
        ("Memorandum From the President's Special Assistant for National Security Affairs (Rostow) to "
         "President Johnson", ["Rostow"], ["Johnson"]),
        ("Memorandum from the Head of the Foreign Department to Cde. Bagirov on the Kurdish Tribes",
         ["Head of the Foreign Department"], ["Bagirov"]),
        ("Letter from Pishevari to Bagirov", ["Pishevari"], ["Bagirov"]),
        ("Telegram Relayed via Baku from the Leaders of the Azerbaijan Democratic Party",
         ["Leaders of the Azerbaijan Democratic Party"], []),
        ("Extract from Protocol No 51 of the Session of the Politburo of the CC VKP(b)",
         ["Politburo of the CC VKP(b)"], []),
        ("Memorandum of Telephone Conversation Between Secretary of State John Foster Dulles and Director "
         "of Central Intelligence Allen Dulles", ["John Foster Dulles"], ["Allen Dulles"]),
        ("Memorandum for the Chief of the Western Hemisphere Division, Central Intelligence Agency (King)",
         [], ["King"]),
        ("Memorandum for the Record", [], []),
        ("Memorandum of Interview", [], []),
        ("Special Paper Prepared in the Division of Research for Latin America, Department of State", [], []),
        ("National Intelligence Estimate", [], []),
        ("Circular Telegram From the Department of State to Certain Posts",
         ["Department of State"], ["Certain Posts"]),
        # 1948 and later FRUS forms: a post writing to a ministry, offices with the name in parentheses
        ("The British Embassy to the Department of State", ["British Embassy"], ["Department of State"]),
        ("Aide-Mémoire From the British Embassy to the Department of State", ["British Embassy"],
         ["Department of State"]),
        ("The Iranian Ambassador (Ala) to the Secretary of State", ["Ala"], ["Secretary of State"]),
        ("Memorandum by the Director of the Office of Near Eastern and African Affairs (Henderson) to the Secretary "
         "of State", ["Henderson"], ["Secretary of State"]),
        ("Backchannel Message From the Ambassador to Iran (Helms) to the President's Assistant for National Security "
         "Affairs (Kissinger)", ["Helms"], ["Kissinger"]),
        ("Note by the Executive Secretary (Lay) to the National Security Council", ["Lay"],
         ["National Security Council"]),
        ("Memorandum From the Joint Chiefs of Staff to Secretary of Defense Wilson", ["Joint Chiefs of Staff"],
         ["Wilson"]),
        ("Position Paper Prepared in the Department of State", [], []),
        # Soviet-side headings as archives title them: topics, lists, routes, either order
        ("Cipher telegram from Ambassador Sadchikov in Tehran to Molotov", ["Sadchikov"], ["Molotov"]),
        ("Report from the Soviet Consul in Tabriz, Krasnykh, to Bagirov", ["Krasnykh"], ["Bagirov"]),
        ("Message from Bagirov on April 7 meeting with Pishevari", ["Bagirov"], []),
        ("Message from Bagirov to Stalin and Molotov Containing a Record of a Conversation between Rossow and "
         "Pishevari", ["Bagirov"], ["Stalin", "Molotov"]),
        ("Memo to Bagirov from Kuliyev about Qavam", ["Kuliyev"], ["Bagirov"]),
        ("Message to Bagirov from General-Lieutenant Korzhenevich", ["Korzhenevich"], ["Bagirov"]),
        ("Message from Bagirov and Maslennikov, Forwarding 'An Appeal of the National Government'",
         ["Bagirov", "Maslennikov"], []),
        ("Telegram from Baku to Moscow, M.D. Bagirov and I.I. Maslennikov to Cdes. Stalin, Molotov, Beria, and "
         "Malenkov", ["M.D. Bagirov", "I.I. Maslennikov"], ["Stalin", "Molotov", "Beria", "Malenkov"]),
        ("Telegram from Rasht to Baku, 'The Situation in Gilan'", [], []),
        ("Letter, Dimitrov to Molotov, 'The Situation in the People's Party of Iran'", ["Dimitrov"], ["Molotov"]),
        ("Decree of the CC CPSU Politburo to the Secretary of the CC, 'Measures to Organize a Movement'",
         ["CC CPSU Politburo"], ["Secretary of the CC"]),
        ("Message to N.S. Khrushchev from Secretary of the CC of the CP of Azerbaijan T.A. Yakubov on Work with "
         "the Democrats", ["T.A. Yakubov"], ["N.S. Khrushchev"]),
        ("Memo per Telegraph Report of Atakishiyev, Ibragimov, and Gasanov from Tabriz",
         ["Atakishiyev", "Ibragimov", "Gasanov"], []),
        ("Deciphered Telegram No. 2140/4, from Kozlov to Filippov [Stalin]", ["Kozlov"], ["Filippov [Stalin]"]),
        ("M. D. Bagirov, 'Concerning the Participation of Party Workers'", ["M. D. Bagirov"], []),
        ("Letter, M.D. Bagirov to Cdes. Kafar-Zade, Yemel’yanov, Yakubov, T., and Atakishiyev",
         ["M.D. Bagirov"], ["Kafar-Zade", "Yemel’yanov", "Yakubov", "Atakishiyev"]),
        ("Letter to Deputy USSR People's Commissar of Foreign Affairs Kavtaradze and the USSR Ambassador to Iran "
         "Makisimov from Vice-Consul of the USSR General Consulate in Tabriz Marchenko",
         ["Marchenko"], ["Kavtaradze", "Makisimov"]),
        ("Cable No 37172/37168 from Tehran", [], []),
        # electronic volumes carry the dateline in the heading
        ("Memorandum From the Executive Secretary of the Department of State (Read) to the President's Assistant "
         "for National Security Affairs (Kissinger), Washington, January 30, 1969", ["Read"], ["Kissinger"]),
        ("Telegram 416 From the Embassy in Iran to the Department of State, February 3, 1969, 1735Z",
         ["Embassy in Iran"], ["Department of State"]),
        ("Memorandum From Harold H. Saunders of the National Security Council Staff to the President's Assistant "
         "for National Security Affairs (Kissinger), Washington, undated", ["Harold H. Saunders"], ["Kissinger"]),
        ("Report by the Special Committee on Iran to the National Security Council",
         ["Special Committee on Iran"], ["National Security Council"]),
    ],
)
def test_heading_agents(title: str, senders: list[str], recipients: list[str]) -> None:
    assert _agents(title) == (senders, recipients)
