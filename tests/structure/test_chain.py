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
    ],
)
def test_chain(text: str, chain: list[tuple[str, list[str], str | None]]) -> None:
    assert _chain(text) == chain
