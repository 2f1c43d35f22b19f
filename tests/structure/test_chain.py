"""The transmission chain, oldest step first, from closings, relay lines and telegram service lines."""

from __future__ import annotations

import pytest

from kartoteka.dates import find_dates
from kartoteka.model import Document
from kartoteka.structure import analyse


def _chain(text: str) -> list[tuple[str, list[str], str | None]]:
    st = analyse(Document.from_text(text), find_dates(text))
    return [(str(s.action), [a.span.text for a in s.agents], s.date.iso if s.date else None) for s in st.chain]


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        # service lines of a ciphered telegram: sent by the signer, received and deciphered
        ("CIPHERED TELEGRAM\n\nFrom TABRIZ\nSent 23:40 14.XI.1945\nReceived 02:15 15.XI.1945\n"
         "Deciphered 04:30 15.XI.1945\n\nCopies: Cde. Molotov, Cde. Beria\n\n"
         "Today in the evening the fedai occupied the post office and the gendarmerie.\n\nConsul General Krasnykh\n",
         [("sent", ["Krasnykh"], "1945-11-14"), ("received", [], "1945-11-15"), ("received", [], "1945-11-15")]),
        # service lines that name the clerk
        ("CIPHERED TELEGRAM No 1412\n\nFrom TABRIZ\nSent 23:40 14.XI.1945\nReceived by Petrov 02:15 15.XI.1945\n"
         "Deciphered 04:30 15.XI.1945 Ivanov\n\nThe fedai occupied the post office and the gendarmerie tonight.\n\n"
         "Consul General Krasnykh\n",
         [("sent", ["Krasnykh"], "1945-11-14"), ("received", ["Petrov"], "1945-11-15"),
          ("received", ["Ivanov"], "1945-11-15")]),
        # a cover letter above an enclosure written earlier: the enclosure comes first
        ("Secret\n\nTo the Minister of Foreign Affairs of the USSR\nCde. V. M. Molotov\n\n"
         "I am sending you the report of Cde. Kuznetsov on the situation in Gilan province.\n\n"
         "Ambassador of the USSR in Iran\nI. Sadchikov\n\n12 July 1946\nNo 241/s\n\nREPORT\non the situation in Gilan\n\n"
         "In June the landowners of Rasht returned to their estates under the protection of gendarmes.\n\n"
         "Consul in Rasht\nP. Kuznetsov\n28 June 1946\n",
         [("authored", ["P. Kuznetsov"], "1946-06-28"), ("forwarded", ["I. Sadchikov"], "1946-07-12")]),
        # authors, a relay on the way, and the forwarding signature with the cover date
        ("9 May 1946\n\nTelegram Relayed via Baku from the Leaders of the Azerbaijan Democratic Party\n\nTo Cde. Stalin\n\n"
         "We inform you that the negotiations with the Tehran delegation have ended without result.\n\n"
         "Pishevari, Padegan, Biriya\n\n8 May 46   Atakishiyev\n\nSecretary of the CC\nM. Bagirov [signed]\n\n"
         "9 May 1946\nNo 1412/sh\n",
         [("authored", ["Pishevari", "Padegan", "Biriya"], None), ("transmitted", ["Atakishiyev"], "1946-05-08"),
          ("forwarded", ["M. Bagirov"], "1946-05-09")]),
        # a 1948 telegram: signed on the dateline's day, received the next
        ("The Ambassador in Iran (Allen) to the Secretary of State\nTehran, December 9, 1946—5 p. m. "
         "[Received December 10—9:15 a. m.]\nSECRET US URGENT\n\n1774. Qavam told me he would send troops.\n\n"
         "Allen\n\n891.00/12–946: Telegram\n",
         [("authored", ["Allen"], "1946-12-09"), ("received", [], "1946-12-10")]),
        # a FRUS telegram without a signature: sent by the heading's sender on the dateline's day
        ("Telegram From the Central Intelligence Agency to the CIA Station in Guatemala\n"
         "Washington, November 1, 1952, 1550Z.\n\n1. Sincerely regret delay and present inability to assist.\n\n"
         "Source: Central Intelligence Agency, Job 79-01025A, Box 151, Folder 2. Secret.\n",
         [("sent", ["Central Intelligence Agency"], "1952-11-01")]),
        # the editors' source note: received on the dateline's day, repeated to other posts
        ("Telegram From the Embassy in Israel to the Department of State\nTel Aviv, October 29, 1956—midnight.\n\n"
         "519. Ben Gurion received me at 9:30 p.m. and spoke of the fedayeen bases.\n\nLawson\n\n"
         "Source: Department of State, Central Files, 684A.86/10–2956. Secret; Niact. Received at 8:03 p.m. "
         "Repeated niact to Cairo, Amman, London, and Paris.\n",
         [("authored", ["Lawson"], "1956-10-29"), ("received", [], "1956-10-29"),
          ("transmitted", ["Cairo", "Amman", "London", "Paris"], "1956-10-29")]),
        # a receipt on a day of its own, across the year's end; no signature: the heading's sender sent it
        ("Telegram From the Embassy in Saudi Arabia to the Department of State\nJidda, December 31, 1956—6 p.m.\n\n"
         "388. King Saud received me at Riyadh yesterday and spoke at length of the Buraimi dispute.\n\n"
         "Source: Department of State, Central Files, 786A.00/12–3156. Confidential. Received January 1, 3:15 a.m.\n",
         [("sent", ["Embassy in Saudi Arabia"], "1956-12-31"), ("received", [], "1957-01-01")]),
        # 1946: a routing line under the dateline; its telegram number at the post is no part of the post
        ("The Vice Consul at Tabriz (Rossow) to the Secretary of State\nTabriz, December 12, 1946—noon.\nCONFIDENTIAL\n\n"
         "Sent Department 112, repeated Tehran 88.\n\nThe Democrats have withdrawn from the city without a fight.\n\n"
         "Rossow\n\n891.00/12–1246: Telegram\n",
         [("authored", ["Rossow"], "1946-12-12"), ("transmitted", ["Tehran"], "1946-12-12")]),
        # an office repeated to, and a post at a withheld place
        ("Telegram From the CIA Station in Guatemala to Headquarters\nGuatemala City, May 16, 1954, 2025Z.\n\n"
         "1. The shipment was unloaded at Puerto Barrios on the morning of the 15th.\n\n"
         "Source: Central Intelligence Agency, Job 79-01025A, Box 5. Secret. Repeated to the Director of Central "
         "Intelligence and the CIA Station in [place not declassified].\n",
         [("sent", ["CIA Station in Guatemala"], "1954-05-16"),
          ("transmitted", ["Director of Central Intelligence", "CIA Station in [place not declassified]"], "1954-05-16")]),
        # passed on after receipt, on the day received; the hour is no part of the post
        ("Telegram From the Embassy in Iran to the Department of State\nTehran, August 19, 1953—11 p.m.\n\n"
         "440. 1. Zahedi now in control of the city. Shah expected to return tomorrow from Rome.\n\nHENDERSON\n\n"
         "Source: Department of State, Central Files, 788.00/8–1953. Top Secret; Niact. Received August 20, 2:15 a.m. "
         "Passed to the White House at 3 a.m.\n",
         [("authored", ["HENDERSON"], "1953-08-19"), ("received", [], "1953-08-20"),
          ("transmitted", ["White House"], "1953-08-20")]),
        # two signers in a column author together
        ("Strictly Secret\n\nComrade Stalin!\n\nWe report to you on the course of the elections in Southern "
         "Azerbaijan. The Democrats won all the seats.\n\nM. Bagirov\nMaslennikov\n\nMoscow, 14 January 1946\n",
         [("authored", ["M. Bagirov", "Maslennikov"], "1946-01-14")]),
    ],
)
def test_chain(text: str, chain: list[tuple[str, list[str], str | None]]) -> None:
    assert _chain(text) == chain
