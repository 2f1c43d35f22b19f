"""Whole documents in forms the dev sets lack (1948 and 1964 FRUS telegrams, Soviet-side
telegrams and letters): title, date, place, senders, recipients and signatories together."""

from __future__ import annotations

import pytest

from kartoteka.dates import find_dates
from kartoteka.model import Agent, Document
from kartoteka.structure import analyse


def _names(agents: tuple[Agent, ...]) -> list[str]:
    return [a.span.text for a in agents]


CASES = [
    ("The Minister in Saudi Arabia (Childs) to the Secretary of State\nJidda, November 22, 1948—6 p. m.\nSECRET\n\n"
     "603. Aminco representatives informed by SAG Palestine bar to conclusion concession agreement.\n\n"
     "Sent Department 603, Department pass London 158, Dhahran 291, Cairo 119, Baghdad 50, Damascus 23.\n\n"
     "Childs\n\n867N.6363/11–2248: Telegram\n",
     "The Minister in Saudi Arabia (Childs) to the Secretary of State", "1948-11-22", "Jidda",
     ["Childs"], ["Secretary of State"], ["Childs"]),
    ("Memorandum of Conversation, by the Director of the Office of Near Eastern and African Affairs (Henderson)\n"
     "[Washington,] December 9, 1946.\nSECRET\n\nParticipants: Mr. Ala, Iranian Ambassador; Mr. Henderson\n\n"
     "The Iranian Ambassador called on me this afternoon at his request.\n\nLoy W. Henderson\n\n891.00/12–946\n",
     "Memorandum of Conversation, by the Director of the Office of Near Eastern and African Affairs (Henderson)",
     "1946-12-09", "Washington", ["Henderson"], [], ["Loy W. Henderson"]),
    ("Telegram From the Department of State to the Embassy in Iran\nWashington, April 21, 1964, 5 p.m.\n\n"
     "785. Re Deptel 774; Embtel 922. While future plans for Iran are not final, credit is available.\n\nRusk\n\n"
     "Source: Department of State, Central Files, DEF 19–3 U.S.-IRAN. Confidential. Approved by Bracken.\n",
     "Telegram From the Department of State to the Embassy in Iran", "1964-04-21", "Washington",
     ["Department of State"], ["Embassy in Iran"], ["Rusk"]),
    ("Memorandum From Robert W. Komer of the National Security Council Staff to President Johnson\n"
     "Washington, June 5, 1964.\n\nThe Shah's visit went well. He asked about aid for the army.\n\nR.W. Komer\n\n"
     "Source: Johnson Library, National Security File. Secret.\n",
     "Memorandum From Robert W. Komer of the National Security Council Staff to President Johnson",
     "1964-06-05", "Washington", ["Robert W. Komer"], ["Johnson"], ["R.W. Komer"]),
    ("Top Secret\n\nCIPHERED TELEGRAM\n\nFrom: Tabriz\nTo: Cde. Bagirov\n\n"
     "The situation in the city is calm and the fedai are in their barracks tonight.\n\nKrasnykh\n\n14.XI.45\n",
     "CIPHERED TELEGRAM", "1945-11-14", "Tabriz", ["Krasnykh"], ["Bagirov"], ["Krasnykh"]),
    ("[Handwritten: To Cde. Stalin. Molotov]\n\nStrictly Secret\n\nFrom: Cde. Bagirov\n\nTo Comrade Stalin I.V.\n\n"
     "I report that the negotiations with the Tehran delegation have ended without result.\n\n"
     "With communist greetings,\nM. Bagirov\n\n12 November 1945\n",
     None, "1945-11-12", None, ["Bagirov"], ["Stalin I.V."], ["M. Bagirov"]),
    ("Top Secret\nCopy No. 1\n\nTo Comrade J. V. STALIN\n\nI report that the negotiations in Tehran have ended.\n\n"
     "[signed] M. BAGIROV\n12 November 1945\n\nRGASPI, f. 558, op. 11, d. 98, l. 12.\n",
     None, "1945-11-12", None, ["M. BAGIROV"], ["J. V. STALIN"], ["M. BAGIROV"]),
    ("November 26, 1945\n\nTelegram from Baku to Moscow, M.D. Bagirov and I.I. Maslennikov to Cdes. Stalin and Molotov\n\n"
     "TELEGRAM\n\nFROM BAKU 26 November 1945\n\nto MOSCOW, to Cdes. STALIN, MOLOTOV, BERIA, and MALENKOV\n\n"
     "We report the situation in Iranian Azerbaijan as of 0800 26 November.\n\nBAGIROV\nMASLENNIKOV\n\n26 November 1945\n",
     "Telegram from Baku to Moscow, M.D. Bagirov and I.I. Maslennikov to Cdes. Stalin and Molotov", "1945-11-26",
     "BAKU", ["M.D. Bagirov", "I.I. Maslennikov"], ["Stalin", "Molotov", "BERIA", "MALENKOV"],
     ["BAGIROV", "MASLENNIKOV"]),
    ("April 14, 1946\n\nTelegram from Bagirov to Stalin about the situation in Southern Azerbaijan\n\nMoscow\n"
     "CC VKPB to Cde. Stalin\n\nAfter our telegram new facts of beatings of active members have been registered.\n\n"
     "Secretary of the Tsekapart [Translator’s note: presumably “Party CC”] of Azerbaijan Bagirov\n14. IV-46\n"
     "No 8/sh\n",
     "Telegram from Bagirov to Stalin about the situation in Southern Azerbaijan", "1946-04-14", None,
     ["Bagirov"], ["Stalin"], ["Bagirov"]),
    # electronic volumes: the dateline in the heading, a typed letterhead, a signature above enclosures
    ("Memorandum From the Executive Secretary of the Department of State (Read) to the President's Assistant for "
     "National Security Affairs (Kissinger), Washington, January 30, 1969\nWashington, January 30, 1969\n\n"
     "DEPARTMENT OF STATE\nWashington, D.C. 20520\n\nMEMORANDUM FOR\nMR. HENRY A. KISSINGER\nTHE WHITE HOUSE\n\n"
     "Subject:\nYour Meeting with Iranian Ambassador Ansary, Friday, January 31, 1969, at 3:00 p.m.\n\n"
     "Ambassador Ansary is calling on you prior to his departing on February 4 to consult with the Shah.\n\n"
     "Benjamin H. Read\nExecutive Secretary\n\nEnclosures:\n1. Biography of the Ambassador of Iran\n\n"
     "U.S. RELATIONS WITH IRAN\n\nThe principal United States interest in Iran derives from its location.\n\n"
     "Source: National Archives, RG 59, Central Files 1967-69, POL 17-5 IRAN-US. Confidential.\n",
     "Memorandum From the Executive Secretary of the Department of State (Read) to the President's Assistant for "
     "National Security Affairs (Kissinger), Washington, January 30, 1969", "1969-01-30", "Washington",
     ["Read"], ["Kissinger"], ["Benjamin H. Read"]),
    # a 1969 telegram in capitals, with its routing block and group mark
    ("Telegram 416 From the Embassy in Iran to the Department of State, February 3, 1969, 1735Z\n"
     "February 3, 1969, 1735Z\n\nTELEGRAM\nDepartment of State\nTEHRAN 00416\nPR 031735Z FEB, 69\n\nFM\n"
     "AMEMBASSY TEHRAN\n\nTO\nSECSTATE WASHDC PRIORITY 7464\n\n"
     "SUMMARY: AT SHAH'S INSTRUCTIONS, PRIMIN HOVEYDA HAS NOTIFIED AMBASSADORS OF FOUR COUNTRIES.\n\n"
     "2. DEPT WILL BE INFORMED OF DEVELOPMENTS.\n\nMEYER\nGP-3\n\n"
     "Source: National Archives, RG 59, Central Files 1967-69, PET 6 IRAN. Secret; Priority; Limdis.\n",
     "Telegram 416 From the Embassy in Iran to the Department of State, February 3, 1969, 1735Z", "1969-02-03",
     None, ["Embassy in Iran"], ["Department of State"], ["MEYER"]),
    ("President Truman to the Shah of Iran\n[Washington,] March 3, 1948.\n\n"
     "Your Majesty: I have received your letter and I am glad to know of the progress made.\n\nHarry S. Truman\n\n"
     "891.001/3–348\n",
     "President Truman to the Shah of Iran", "1948-03-03", "Washington", ["Truman"], ["Shah of Iran"],
     ["Harry S. Truman"]),
    # 1948: the opener above the title, the dateline below it with a blank line between
    ("SECRET US URGENT\n\nThe Ambassador in Iran (Allen) to the Secretary of State\n\nTehran, May 4, 1948—4 p. m.\n\n"
     "412. Prime Minister told me today that the Majlis would not ratify the agreement before the summer recess.\n\n"
     "Allen\n\n891.00/5–448: Telegram\n",
     "The Ambassador in Iran (Allen) to the Secretary of State", "1948-05-04", "Tehran", ["Allen"],
     ["Secretary of State"], ["Allen"]),
    # a memorandum of conversation: its participants are neither senders, recipients nor signers
    ("Memorandum of Conversation\nWashington, April 12, 1962.\n\nSUBJECT\nThe Shah's Visit: Military Aid\n\n"
     "PARTICIPANTS\nHis Imperial Majesty Mohammad Reza Pahlavi, Shah of Iran\nAmbassador Hossein Ghods-Nakhai\n"
     "The Secretary\nPhillips Talbot, Assistant Secretary for Near Eastern and South Asian Affairs\n\n"
     "The Shah opened the conversation by saying that the army could not be reduced while Iraq was arming.\n\n"
     "Source: Department of State, Central Files, 788.5-MSP/4–1262. Secret. Drafted by Bowling.\n",
     "Memorandum of Conversation", "1962-04-12", "Washington", [], [], []),
    # a ciphered telegram: "From TABRIZ", service lines, the signer in capitals above "[signature]"
    ("CIPHERED TELEGRAM\n\nFrom TABRIZ\nSent 23:40 14.XI.1945\nReceived 02:15 15.XI.1945\n\nTo Cde. Molotov\n\n"
     "The fedai occupied the post office and the gendarmerie tonight without a shot being fired.\n\n"
     "KRASNYKH\n\n[signature]\n",
     "CIPHERED TELEGRAM", "1945-11-14", "TABRIZ", ["KRASNYKH"], ["Molotov"], ["KRASNYKH"]),
    # a hand's resolution across the top; the addressee with his initials after the name
    ("[Handwritten:] To Cde. Molotov. Agree. I. Stalin\n\nStrictly Secret\n\nTo Comrade Stalin I. V.\n\n"
     "I submit for your approval the draft of the instruction to the consul in Tabriz on the elections.\n\n"
     "V. Molotov\n\n4 June 1946\n",
     None, "1946-06-04", None, ["V. Molotov"], ["Stalin I. V."], ["V. Molotov"]),
    # an organ named alone above the title is an addressee; the title is below it
    ("Top Secret\nSpecial File\n\nTsK KPSS\n\nINFORMATION\non the situation in Syria\n\n"
     "According to information received from reliable sources, the chief of staff met the party leaders.\n\n"
     "Chairman of the KGB\nI. Serov\n\n16 August 1957\nNo 2094-S\n\nf. 3, op. 12, d. 1005, l. 34.\n",
     "INFORMATION\non the situation in Syria", "1957-08-16", None, ["I. Serov"], ["TsK KPSS"], ["I. Serov"]),
    # the signer above a copy list, a hand's resolution at the foot
    ("Secret\n\nCIPHERED TELEGRAM\n\nFrom CAIRO\nSent 02.X.1955 at 14:30\nReceived 02.X.1955 at 19:10\nNo 9812\n\n"
     "To Cde. Molotov\n\nNasser confirmed today that the agreement on the purchase of arms would be announced.\n\n"
     "SOLOD\n\nCopies: Bulganin, Khrushchev, Kaganovich\n\n"
     "[Handwritten:] Distribute to the members of the Presidium. V. M.\n",
     "CIPHERED TELEGRAM", "1955-10-02", "CAIRO", ["SOLOD"], ["Molotov", "Bulganin", "Khrushchev", "Kaganovich"],
     ["SOLOD"]),
    # a letter closing "Sincerely," and greeting by first name: the heading names the addressee
    ("Letter From President Johnson to the Shah of Iran\nWashington, May 19, 1964.\n\nDear Mohammad Reza:\n\n"
     "I was glad to have your letter about the military program and I share your hopes for its success.\n\n"
     "Sincerely,\nLyndon B. Johnson\n\nSource: Johnson Library, National Security File. No classification marking.\n",
     "Letter From President Johnson to the Shah of Iran", "1964-05-19", "Washington", ["Johnson"],
     ["Shah of Iran", "Mohammad Reza"], ["Lyndon B. Johnson"]),
    # a letter without a heading that names its addressee: the greeting by first name does
    ("Tehran, March 2, 1965\n\nDear Phil:\n\nThe Prime Minister asked me again about the credit for the new "
     "destroyers.\n\nSincerely,\nArmin H. Meyer\n",
     None, "1965-03-02", "Tehran", ["Armin H. Meyer"], ["Phil"], ["Armin H. Meyer"]),
    # a title carrying its register number; "From BAKU to MOSCOW"; addressees in capitals, initials after
    ("CIPHERED TELEGRAM No. 2451\n\nFrom BAKU to MOSCOW\nSent 11 December 1946 at 23:50\n"
     "Received 12 December 1946 at 01:15\n\nStrictly Secret\nTO COMRADE STALIN I. V.\nTO COMRADE MOLOTOV V. M.\n\n"
     "I report that the government troops entered Tabriz this morning and that the leaders crossed the border.\n\n"
     "BAGIROV\n11 December 1946\n",
     "CIPHERED TELEGRAM No. 2451", "1946-12-11", "BAKU", ["BAGIROV"], ["STALIN I. V.", "MOLOTOV V. M."], ["BAGIROV"]),
    # a comrade greeted by name is the addressee; two signers in a column; place and date at the foot
    ("Strictly Secret\n\nComrade Stalin!\n\nWe report to you on the course of the elections in Southern "
     "Azerbaijan. The Democrats won all the seats in Tabriz.\n\nM. Bagirov\nMaslennikov\n\n"
     "[Resolution:] To Cde. Molotov. J. St.\n\nMoscow, 14 January 1946\n",
     None, "1946-01-14", "Moscow", ["M. Bagirov", "Maslennikov"], ["Stalin"], ["M. Bagirov", "Maslennikov"]),
    # 1950: the file number first, the marking in lower case between title and dateline
    ("788.00/7–1250: Telegram\n\nThe Ambassador in Iran (Grady) to the Secretary of State\n\ntop secret   priority\n"
     "Tehran, July 12, 1950—1 p. m.\n\n112. Shah told me today he was determined to appoint Razmara as Prime "
     "Minister within the week.\n\nGrady\n",
     "The Ambassador in Iran (Grady) to the Secretary of State", "1950-07-12", "Tehran", ["Grady"],
     ["Secretary of State"], ["Grady"]),
]


@pytest.mark.parametrize(("text", "title", "iso", "place", "senders", "recipients", "signatories"), CASES)
def test_document_forms(text: str, title: str | None, iso: str | None, place: str | None, senders: list[str],
                        recipients: list[str], signatories: list[str]) -> None:
    st = analyse(Document.from_text(text), find_dates(text))
    assert (st.title.text if st.title else None) == title
    assert (st.date.iso if st.date else None) == iso
    assert (st.place.text if st.place else None) == place
    assert _names(st.senders) == senders
    assert _names(st.recipients) == recipients
    assert _names(st.signatories) == signatories
    for a in st.senders + st.recipients + st.signatories:
        assert text[a.span.start:a.span.end] == a.span.text
