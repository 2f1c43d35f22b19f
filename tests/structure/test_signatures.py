"""Closings, signature blocks and relay lines, read from the short lines after the prose."""

from __future__ import annotations

import pytest

from kartoteka.dates import find_dates
from kartoteka.model import Agent
from kartoteka.structure.signatures import find_closings
from kartoteka.structure.zones import zones

BODY = "Title\n\nThe delegation demands that the fedai be put under the command of the general staff.\n\n"


def _show(a: Agent) -> str:
    out = a.span.text
    if a.office:
        out += f" | office: {a.office.text}"
    if a.rank:
        out += f" | rank: {a.rank.text}"
    return out


def _closings(tail: str) -> tuple[list[list[str]], list[tuple[str, str | None]], list[str | None]]:
    text = BODY + tail
    c = find_closings(text, zones(text), find_dates(text), frozenset())
    for b in c.blocks:
        for a in b.agents:
            for sp in (a.span, a.office, a.rank):
                if sp is not None:
                    assert text[sp.start:sp.end] == sp.text
    return ([[_show(a) for a in b.agents] for b in c.blocks],
            [(r.agent.span.text, r.date.iso if r.date else None) for r in c.relays],
            [b.date.iso if b.date else None for b in c.blocks])


@pytest.mark.parametrize(
    ("tail", "blocks", "relays", "dated"),
    [
        ("With deep respect: Pishevari, Shabustari, Padegan, Doctor Dzhavid, Daneshyan\n\n\n7 December 46   Kuliyev\n\n\n"
         "Minister of State Security of the Azerbaijan SSR\n\nGeneral-Major Yemel’yanov [signed]\n\n\n9 December 1946\n\n"
         "No 3691-3692/538\n",
         [["Pishevari", "Shabustari", "Padegan", "Dzhavid | rank: Doctor", "Daneshyan"],
          ["Yemel’yanov | office: Minister of State Security of the Azerbaijan SSR | rank: General-Major"]],
         [("Kuliyev", "1946-12-07")], [None, "1946-12-09"]),
        ("Pishevari, Padegan, Biriya\n\n8 May 46   Atakishiyev\n\nSecretary of the CC of the Communist Party (Bolsheviks) "
         "of Azerbaijan\nM. Bagirov [signed]\n\n9 May 1946\n",
         [["Pishevari", "Padegan", "Biriya"],
          ["M. Bagirov | office: Secretary of the CC of the Communist Party (Bolsheviks) of Azerbaijan"]],
         [("Atakishiyev", "1946-05-08")], [None, "1946-05-09"]),
        ("Consul General Krasnykh\n\nNo 1187-1188\n", [["Krasnykh | office: Consul General"]], [], [None]),
        # a column of signers
        ("Pishevari\nShabustari\nPadegan\nDoctor Dzhavid\nDaneshyan\n\n9 December 1946\n",
         [["Pishevari", "Shabustari", "Padegan", "Dzhavid | rank: Doctor", "Daneshyan"]], [], ["1946-12-09"]),
        ("With comradely greetings\nS. J. Pishevari\n\nGAPPOD AzR, f. 1, op. 89, d. 161, l. 88.\n",
         [["S. J. Pishevari"]], [], [None]),
        ("Secretary of the CC\n[signature illegible]\n", [["Secretary of the CC"]], [], [None]),
        ("[signed] M. BAGIROV\n12 November 1945\n", [["M. BAGIROV"]], [], ["1945-11-12"]),
        # FRUS: the name, then the office under it; a redacted signer is no agent
        ("J.C. King\nCWH\n\nSource: Central Intelligence Agency, Job 79-01025A, Box 151, Folder 2. Secret.\n",
         [["J.C. King | office: CWH"]], [], [None]),
        ("Hans V. Tofte\nChief, PP/OPS\n\nSource: Central Intelligence Agency. Secret.\n",
         [["Hans V. Tofte | office: Chief, PP/OPS"]], [], [None]),
        ("George A. Morgan\nActing Director\n\nSource: Central Intelligence Agency. Secret.\n",
         [["George A. Morgan | office: Acting Director"]], [], [None]),
        ("Sincerely yours,\n\nRudolf E. Schoenfeld\n\nSource: Department of State, Central Files. Secret.\n",
         [["Rudolf E. Schoenfeld"]], [], [None]),
        ("Allen\n\n891.00/12–946: Telegram\n", [["Allen"]], [], [None]),
        ("G[eorge] V. A[llen]\n\n891.00/12–946\n", [["G[eorge] V. A[llen]"]], [], [None]),
        ("Herbert Hoover, Jr.\n\nSource: Department of State, Central Files. Secret.\n", [["Herbert Hoover, Jr."]], [], [None]),
        ("[name not declassified]\n\nSource: Central Intelligence Agency. Secret.\n", [], [], []),
        # a 1948 routing note is not a signature, and "867N.6363/…" is a source note
        ("Sent Department 603, Department pass London 158, Dhahran 291, Cairo 119, Baghdad 50, Damascus 23.\n\n"
         "Childs\n\n867N.6363/11–2248: Telegram\n", [["Childs"]], [], [None]),
        ("MEYER\nGP-3\n\nSource: National Archives, RG 59, Central Files 1967-69, PET 6 IRAN. Secret.\n",
         [["MEYER"]], [], [None]),
        ("Dean Rusk\n\nSource: Department of State, Central Files, POL 15–1 IRAN. Secret; Priority.\n",
         [["Dean Rusk"]], [], [None]),
        # Soviet telegrams: a name in capitals above a copy list, a "[signature]", a hand's resolution
        ("SADCHIKOV\n\nCopies: Cde. Stalin, Cde. Molotov, Cde. Beria, file\n", [["SADCHIKOV"]], [], [None]),
        ("BAGIROV\n\n[signature]\n\nNo 2451\n", [["BAGIROV"]], [], [None]),
        ("SOLOD\n\nCopies: Bulganin, Khrushchev, Molotov [illegible]\n\n"
         "[Handwritten:] Distribute to the members of the Presidium of the Central Committee. V. M.\n",
         [["SOLOD"]], [], [None]),
        # a closing formula, the signer under it with initials first
        ("Sincerely,\nM. R. Pahlavi\n\nSource: Kennedy Library, President's Office Files. No classification marking.\n",
         [["M. R. Pahlavi"]], [], [None]),
        # the body a signer speaks for is his office; a relay line with the name first
        ("On behalf of the Central Committee of the Communist Party (Bolsheviks) of Azerbaijan\nM. Bagirov\n\n"
         "Kuliyev   29 April 1946\n\n30 April 1946\n",
         [["M. Bagirov | office: Central Committee of the Communist Party (Bolsheviks) of Azerbaijan"]],
         [("Kuliyev", "1946-04-29")], [None]),
        ("Consul General Krasnykh\n\nAtakishiyev   8.V.46\n", [["Krasnykh | office: Consul General"]],
         [("Atakishiyev", "1946-05-08")], [None]),
        # a name and its date on one line, a comma between: a dated signature
        ("Sincerely,\nM. Bagirov, 9 May 1946\n", [["M. Bagirov"]], [], ["1946-05-09"]),
        ("Secretary of the CC CP(b) of Azerbaijan\nM. Bagirov, 9 May 1946\n",
         [["M. Bagirov | office: Secretary of the CC CP(b) of Azerbaijan"]], [], ["1946-05-09"]),
        # a copy's "Signed: …" repeats the signature above it; "(M. Bagirov)" under "[signature]"
        ("Consul General of the USSR in Tabriz\nA. KRASNYKH\n\nSigned: Krasnykh\n",
         [["A. KRASNYKH | office: Consul General of the USSR in Tabriz"]], [], [None]),
        ("[signature]\n(M. Bagirov)\n\n5 May 1946\n", [["M. Bagirov"]], [], ["1946-05-05"]),
        # a typed copy's "/M. Bagirov/"; an attachment's page count and the typist's note are no attachment
        ("Attachment: on 3 pages.\n\nSecretary of the CC CP(b) of Azerbaijan\n/M. Bagirov/\n\n6 May 1946\n"
         "Printed in 3 copies\n",
         [["M. Bagirov | office: Secretary of the CC CP(b) of Azerbaijan"]], [], ["1946-05-06"]),
        ("USSR Ambassador in Iran\nI. Sadchikov\n\nTrue copy: [signature]\nTranslated by Gary Goldberg\n",
         [["I. Sadchikov | office: USSR Ambassador in Iran"]], [], [None]),
        # a dateline below a closing is no relay: it dates the signature
        ("Pishevari\n\nTabriz, 9 May 1946\n", [["Pishevari"]], [], ["1946-05-09"]),
        # table rows and list items are not signatures
        ("Contingencies | 300,000\nTOTAL | $2,735,000\n\nSource: Central Intelligence Agency. Secret.\n", [], [], []),
        ("Weight—135 lbs.\nHair—Black\n\nSource: Central Intelligence Agency. Secret.\n", [], [], []),
        ("Approve\nDisapprove\nOther\n\nSource: Department of State, Central Files. Secret.\n", [], [], []),
        ("Iraq\nTurkey\nPakistan\n\nSource: Department of State, Central Files. Secret.\n", [], [], []),
        ("Three months at General Staff course (Ground), Ft. Leavenworth, Kansas\n\nLt. Colonel—\n\n"
         "Source: Central Intelligence Agency. Secret.\n", [], [], []),
    ],
)
def test_closings(tail: str, blocks: list[list[str]], relays: list[tuple[str, str | None]],
                  dated: list[str | None]) -> None:
    assert _closings(tail) == (blocks, relays, dated)


def test_a_heading_between_paragraphs_is_not_a_signature() -> None:
    text = (BODY + "Activity of Political Exiles\n\nAt least three exile groups are plotting against the regime now.\n\n"
            "A. Planning\n\nThe planning was done by the staff in the spring of that year.\n")
    c = find_closings(text, zones(text), find_dates(text), frozenset())
    assert c.blocks == ()


def test_a_cover_signature_in_the_middle_counts_when_it_has_an_office() -> None:
    text = ("Secret\n\nTo the Minister of Foreign Affairs of the USSR\nCde. V. M. Molotov\n\n"
            "I am sending you the report of Cde. Kuznetsov on the situation in Gilan province.\n\n"
            "Ambassador of the USSR in Iran\nI. Sadchikov\n\n12 July 1946\nNo 241/s\n\nREPORT\non the situation in Gilan\n\n"
            "In June the landowners of Rasht returned to their estates under the protection of gendarmes.\n\n"
            "Consul in Rasht\nP. Kuznetsov\n28 June 1946\n\nAVP RF, f. 094, op. 37, p. 363, d. 8, ll. 45-51.\n")
    c = find_closings(text, zones(text), find_dates(text), frozenset())
    assert [(_show(b.agents[0]), b.date.iso if b.date else None) for b in c.blocks] == [
        ("I. Sadchikov | office: Ambassador of the USSR in Iran", "1946-07-12"),
        ("P. Kuznetsov | office: Consul in Rasht", "1946-06-28"),
    ]


def test_a_bare_name_above_an_attachment_signs_the_text_above() -> None:
    text = (BODY + "J.C. King\nChief, WHD\n\nAttachment\n\nMemorandum on Guatemala\n\n"
            "The situation in the country continues to be serious for all concerned.\n\n"
            "Source: Central Intelligence Agency. Secret.\n")
    c = find_closings(text, zones(text), find_dates(text), frozenset())
    assert [_show(b.agents[0]) for b in c.blocks] == ["J.C. King | office: Chief, WHD"]
