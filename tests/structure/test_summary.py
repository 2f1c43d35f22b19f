"""Summary: the editor's description after the closing apparatus, or none."""

from __future__ import annotations

import pytest

from kartoteka.structure.summary import find_summary

LETTER = "Dear Comrade,\n\nWe have no guarantees and cannot deceive ourselves.\n\nWith deep respect: Pishevari\n\n"

ROWS = [
    (LETTER + "9 December 1946\nNo 3691-3692/538\n\nForwarding a message from the leaders of the Azerbaijan "
     "Democratic Party begging for military aid.\n\nTop Secret\n",
     "Forwarding a message from the leaders of the Azerbaijan Democratic Party begging for military aid."),
    (LETTER + "GAPPOD AzR, f. 1, op. 89, d. 161, l. 88.\n\nA letter from Pishevari about the refugees from "
     "Iranian Azerbaijan living in Nakhichevan in 1947.\n",
     "A letter from Pishevari about the refugees from Iranian Azerbaijan living in Nakhichevan in 1947."),
    (LETTER + "Secretary of the CC\nM. Bagirov [signed]\n\nRelaying a telegram from the leaders of the party.\n\n"
     "Secret", "Relaying a telegram from the leaders of the party."),
    (LETTER + "9 December 1946\nNo 3691-3692/538\n\nForwarding a message from the leaders of the party.\n\n"
     "GAPPOD AzR, f. 1, op. 89, d. 112, ll. 1-5.\n", "Forwarding a message from the leaders of the party."),
    # a signature alone closes the document: the prose below it is the editor's
    (LETTER + "Ambassador of the USSR in Iran\nI. Sadchikov\n\nSadchikov reports on the talks with Qavam about the "
     "oil company.\n", "Sadchikov reports on the talks with Qavam about the oil company."),
    ("CIPHERED TELEGRAM\n\nFrom TEHRAN\n\nQavam received me today.\n\nSADCHIKOV\n\nCopies: Stalin, Molotov\n\n"
     "Report on Qavam's answer about the oil company.\n", "Report on Qavam's answer about the oil company."),
    (LETTER + "9 December 1946\nNo 3691-3692/538\n\nPishevari asks for arms: “We cannot hold Tabriz without "
     "them.”\n", "Pishevari asks for arms: “We cannot hold Tabriz without them.”"),
    (LETTER + "V. Molotov\n\n[Handwritten:] Send to Cdes. Stalin, Beria. V.M.\n\nMolotov's record of the Iranian "
     "Ambassador's visit, with his instruction to circulate it.\n",
     "Molotov's record of the Iranian Ambassador's visit, with his instruction to circulate it."),
    ("Title\n\nSummary: The Ambassador reported on the crisis in Azerbaijan.\n\nBody text here is long enough.",
     "The Ambassador reported on the crisis in Azerbaijan."),
]


@pytest.mark.parametrize(("text", "summary"), ROWS)
def test_summary(text: str, summary: str) -> None:
    s = find_summary(text)
    assert s is not None and s.text == summary
    assert text[s.start:s.end] == s.text


@pytest.mark.parametrize("text", [
    # the archival citation ends the document: no summary
    LETTER + "Consul in Rasht\nP. Kuznetsov\n28 June 1946\n\nAVP RF, f. 094, op. 37, p. 363, d. 8, ll. 45-51.\n",
    # an editors' source note is not a summary
    "Title\nWashington, June 2, 1954.\n\nThe plan is ready.\n\nSource: Central Intelligence Agency, Job 79-01025A, "
    "Box 1, Folder 6. Secret.\n",
    # the document's own last paragraph, in the first person
    LETTER + "9 May 1946\n\nWe inform you that the negotiations have ended without result.\n",
    # a postscript in the first person after the signature
    LETTER + "S. J. Pishevari\n\nP.S. Please give my letter to Cde. Aliyev as well.\n",
    # a document's own summary section under its heading is no editor's description
    "NATIONAL INTELLIGENCE ESTIMATE\n\nSUMMARY\n1. The Shah's position will remain secure for two years.\n",
    # body prose after body prose
    "Title\n\nThe first paragraph of the body says a good deal.\n\nThe second paragraph says even more than that.\n",
    "",
])
def test_no_summary(text: str) -> None:
    assert find_summary(text) is None


def test_seed_summary(seed_text: str) -> None:
    s = find_summary(seed_text)
    assert s is not None and s.text.startswith("Forwarding a message from the leaders of the Azerbaijan Democratic")
    assert seed_text[s.start:s.end] == s.text
