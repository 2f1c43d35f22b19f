"""The document's own date and place, picked by position from the dates found in it."""

from __future__ import annotations

import pytest

from kartoteka.dates import find_dates
from kartoteka.model import Certainty, Document
from kartoteka.structure import analyse


def _date_place(text: str) -> tuple[str | None, str | None]:
    st = analyse(Document.from_text(text), find_dates(text))
    for span in (st.place, st.date.span if st.date else None):
        if span is not None:
            assert text[span.start:span.end] == span.text
    return (st.date.iso if st.date else None), (st.place.text if st.place else None)


@pytest.mark.parametrize(
    ("text", "iso", "place"),
    [
        ("Telegram From the CIA Station in Guatemala to Headquarters\nGuatemala City, June 29, 1954, 2025Z.\n\nText.\n",
         "1954-06-29", "Guatemala City"),
        ("Telegram\n[place not declassified], June 25, 1952.\n\n600. Re: 596.\n", "1952-06-25", "[place not declassified]"),
        ("The Ambassador in Iran (Allen) to the Secretary of State\nTehran, December 9, 1946—5 p.m.\nSECRET US URGENT\n\n"
         "1774. Qavam told me this morning that he would send troops.\n", "1946-12-09", "Tehran"),
        ("The Minister in Saudi Arabia (Childs) to the Secretary of State\nJidda, November 22, 1948—6 p. m.\nSECRET\n\n"
         "603. Aminco representatives informed by SAG that Palestine is a bar to the agreement.\n", "1948-11-22", "Jidda"),
        ("Telegram From the Department of State to the Embassy in Iran\nWashington, April 21, 1964, 5 p.m.\n\n"
         "785. Re Deptel 774. While future plans for Iran are not final, credit is available.\n", "1964-04-21", "Washington"),
        ("Memorandum of Conversation\nCamp David, Maryland, September 26, 1959, 3 p.m.\n\nThe President received them.\n",
         "1959-09-26", "Camp David, Maryland"),
        ("The Ambassador in Iran (Allen) to the Secretary of State\nTehran, December 9, 1946—5 p. m. "
         "[Received December 10—9:15 a. m.]\nSECRET US URGENT\n\n1774. Qavam told me he would send troops.\n",
         "1946-12-09", "Tehran"),
        ("Memorandum for the Record\nWashington,April 8, 1954.\n\nThe meeting was held in the morning.\n",
         "1954-04-08", "Washington"),
        # a surname before the date is a dated signature; a known town stays a place
        ("Bagirov, 9 May 1946\n\nTo Comrade Stalin.\n\nThe situation in Tabriz is quiet.\n", "1946-05-09", None),
        ("Dzhaparidze, 12 June 1946\n\nTo Comrade Beria.\n\nThe report follows.\n", "1946-06-12", None),
        ("Baku, 9 May 1946\n\nTo Comrade Stalin.\n\nThe situation in Tabriz is quiet.\n", "1946-05-09", "Baku"),
        ("President Truman to the Shah of Iran\n[Washington,] March 3, 1948.\n\nYour Majesty: I have read your letter.\n",
         "1948-03-03", "Washington"),
        ("Contact Report\n[place not declassified], January 29-30, 1954.\n\nThe group met twice.\n",
         "1954-01-29", "[place not declassified]"),
        ("Letter from Pishevari to Bagirov\n\nTabriz, 3.IX.47\n\nDear Mir Jafar Abbasovich,\n", "1947-09-03", "Tabriz"),
        # the title names the place; the date stands alone above it
        ("December 9, 1946\n\nMemo via a Telegraph Message from Tabriz\n\nThe oil question is decided now for us.\n",
         "1946-12-09", "Tabriz"),
        ("CIPHERED TELEGRAM\n\nFrom TABRIZ\nSent 23:40 14.XI.1945\nReceived 02:15 15.XI.1945\n\nThe fedai took the post office.\n",
         "1945-11-14", "TABRIZ"),
        ("Strictly Secret\n\nExtract from Protocol No 51\n\nDecision of 6 July 1945\n\n1. To consider it expedient to begin work.\n",
         "1945-07-06", None),
        # no dateline: the cover date on a line of its own, below the signature
        ("Secret\n\nTo Cde. V. M. Molotov\n\nI am sending you the report on Gilan.\n\nI. Sadchikov\n\n12 July 1946\nNo 241/s\n\n"
         "REPORT\n\nOn 28 June 1946 a clash took place near Fuman in which three were killed.\n", "1946-07-12", None),
        # a place the title names is not taken from a signatory's name
        ("Telegram from Pishevari\n\nWe ask for arms at once, for the attack has begun.\n\nPishevari\n", None, None),
        ("Telegram from Pishevari\n\nWe ask for arms at once, for the attack has begun.\n", None, None),
        ("Cable No 37172/37168 from Tehran\n\nQavam told me that the elections will be held later.\n", None, "Tehran"),
        ("Briefing Paper\nWashington, undated.\n\nThe situation on 5 June 1954 was grave for all of us.\n", None, "Washington"),
        # the editors' "[no date]" under the title: no date is guessed from the text
        ("Paper Prepared in the Department of State\n[no date]\n\nTHE PERSIAN GULF\n\n"
         "1. The British decision to leave the Gulf by the end of 1971 leaves Iran as the main power there.\n", None, None),
        # an editorial note is no document: it has no date of its own
        ("Editorial Note\n\nOn January 20, 1969, the day of the inauguration, the Shah sent a message to the President.\n",
         None, None),
        # Soviet service lines: the date of sending; a Roman month with a two-digit year
        ("CIPHERED TELEGRAM\n\nFrom CAIRO\nSent 02.X.1955 at 14:30\nReceived 02.X.1955 at 19:10\n\n"
         "Nasser confirmed today that the agreement on arms would be announced.\n", "1955-10-02", "CAIRO"),
        ("Strictly Secret\n\nTo Cde. L. I. Brezhnev\n\nThe Ambassador of the UAR handed over a request for aircraft.\n\n"
         "A. Gromyko\n\n12.VI.67\nNo 1538/gs\n", "1967-06-12", None),
        # a day left blank on the form: the cover date is of the month, not a day from the text
        ("Top Secret\n\nTo Comrade V. M. Molotov\n\nI report that on 3 May the Soviet troops left Iranian Azerbaijan.\n\n"
         "Deputy Minister of Foreign Affairs of the USSR\nV. Dekanozov\n\n\"__\" May 1946\n", "1946-05", None),
        # a year in the title's subject is a guess at most
        ("Secret\n\nREPORT\non the work of the consulate in Tabriz in 1946\n\n"
         "In that year the consulate studied the situation in Iranian Azerbaijan.\n\nA. KRASNYKH\n", "1946", None),
        # the date first, then the place; a weekday is no place
        ("Telegram\n14 January 1946, Moscow\n\nThe Shah told me that the army would be reduced next year.\n",
         "1946-01-14", "Moscow"),
        ("Telegram\n9 December 1946, Tuesday\n\nThe Shah told me that the army would be reduced next year.\n",
         "1946-12-09", None),
        ("Telegram\nMoscow, Kremlin, 14 January 1946\n\nThe Shah told me that the army would be reduced next year.\n",
         "1946-01-14", "Moscow, Kremlin"),
        ("Telegram\nBaku, 7/V-46\n\nThe Shah told me that the army would be reduced next year.\n", "1946-05-07", "Baku"),
        ("Telegram\nTehran, April 1953.\n\nThe Shah told me that the army would be reduced next year.\n", "1953-04",
         "Tehran"),
        # a dated signature at the foot names no place
        ("Comrade Stalin!\n\nWe report to you on the course of the elections in Southern Azerbaijan.\n\n"
         "M. Bagirov, 14 January 1946\n", "1946-01-14", None),
        # place and date at the foot of a letter
        ("Comrade Stalin!\n\nWe report to you on the course of the elections in Southern Azerbaijan.\n\n"
         "M. Bagirov\n\nMoscow, 14 January 1946\n", "1946-01-14", "Moscow"),
        # 1948: the opener and a dateline with "noon"
        ("The Vice Consul at Tabriz (Rossow) to the Secretary of State\nTabriz, December 12, 1946—noon.\nCONFIDENTIAL\n\n"
         "The Democrats have withdrawn from the city without a fight.\n", "1946-12-12", "Tabriz"),
    ],
)
def test_date_and_place(text: str, iso: str | None, place: str | None) -> None:
    assert _date_place(text) == (iso, place)


def test_a_date_from_the_title_alone_says_so() -> None:
    text = "Secret\n\nREPORT\non the work of the consulate in 1946\n\nThe consulate studied the situation there.\n"
    st = analyse(Document.from_text(text), find_dates(text))
    assert st.date is not None and st.date.iso == "1946"
    assert st.date.certainty is Certainty.LOW


def test_a_date_guessed_from_running_text_says_so() -> None:
    text = "Note\n\nOn 5 June 1954 the group met at the farm and agreed on the plan.\n"
    st = analyse(Document.from_text(text), find_dates(text))
    assert st.date is not None and st.date.iso == "1954-06-05"
    assert st.date.certainty is Certainty.LOW


def test_no_dates_found_means_no_date_but_the_place_stays() -> None:
    text = "Telegram\nTehran, December 9, 1946—5 p.m.\n\n1774. Qavam told me this morning that he would go.\n"
    st = analyse(Document.from_text(text), ())
    assert st.date is None
    assert st.place is not None and st.place.text == "Tehran"
