"""Classification: level and caveats from source notes, openers, closings; never from body prose."""

from __future__ import annotations

import pytest

from kartoteka.model import Level
from kartoteka.structure.classification import find_classification

L = Level
BODY = "\n\nThe Ambassador said that the matter was urgent.\n\n"

# document text, level, caveats, the marking as written
ROWS = [
    ("Title\nTehran, May 1, 1948.\nCONFIDENTIAL" + BODY, L.CONFIDENTIAL, (), "CONFIDENTIAL"),
    ("The Ambassador in Iran (Allen) to the Secretary of State\nTehran, December 9, 1946—4 p.m.\nSECRET US URGENT"
     + BODY + "891.00/12–946: Telegram", L.SECRET, ("US URGENT",), "SECRET US URGENT"),
    ("TOP SECRET EYES ONLY" + BODY, L.TOP_SECRET, ("EYES ONLY",), "TOP SECRET EYES ONLY"),
    ("Title\nSECRET    Tehran, December 9, 1946" + BODY, L.SECRET, (), "SECRET"),
    ("Title\nSECRET\nPRIORITY" + BODY, L.SECRET, ("PRIORITY",), "SECRET\nPRIORITY"),
    ("Title\nLIMITED OFFICIAL USE" + BODY, L.LIMITED_OFFICIAL_USE, (), "LIMITED OFFICIAL USE"),
    ("Secret—Eyes Only" + BODY, L.SECRET, ("Eyes Only",), "Secret—Eyes Only"),
    ("Top Secret10586\nMemo" + BODY, L.TOP_SECRET, (), "Top Secret"),
    ("CIPHERED TELEGRAM\n\nFrom TABRIZ\n\nTop Secret\nUrgent" + BODY, L.TOP_SECRET, ("Urgent",), "Top Secret\nUrgent"),
    ("INFORMATION\n\nTop Secret\nSpecial File" + BODY, L.TOP_SECRET, ("Special File",), "Top Secret\nSpecial File"),
    ("Strictly Secret\nSpecial Folder" + BODY, L.TOP_SECRET, ("Special Folder",), "Strictly Secret\nSpecial Folder"),
    ("Top Secret / Special File" + BODY, L.TOP_SECRET, ("Special File",), "Top Secret / Special File"),
    ("Osobaya papka\nSovershenno sekretno" + BODY, L.TOP_SECRET, ("Osobaya papka",),
     "Osobaya papka\nSovershenno sekretno"),
    ("Secret\nCopy No. 2" + BODY, L.SECRET, (), "Secret"),
    ("Sov. Secret\nCopy No. 3" + BODY, L.TOP_SECRET, (), "Sov. Secret"),
    ("December 9, 1946" + BODY + "9 December 1946\n\nNo 3691-3692/538\n\nForwarding a message.\n\nTop Secret\n",
     L.TOP_SECRET, (), "Top Secret"),
    ("Title" + BODY + "Source: Department of State, Central Files, 788.00/8–1953. Secret; Niact; Eyes Only. "
     "Repeated to London.", L.SECRET, ("Niact", "Eyes Only"), "Secret; Niact; Eyes Only"),
    ("Title" + BODY + "Source: Department of State, Central Files, POL 15–1 IRAN. Confidential. Drafted by Smith; "
     "cleared by Jones.", L.CONFIDENTIAL, (), "Confidential"),
    ("Title" + BODY + "Source: Johnson Library, National Security File, Country File. No classification marking.",
     L.UNMARKED, (), "No classification marking"),
    ("Title" + BODY + "Source: Central Intelligence Agency, Job 79-01025A, Box 1, Folder 6. Secret; Routine; RYBAT; "
     "PBSUCCESS. Repeated to Guatemala City.", L.SECRET, ("Routine", "RYBAT", "PBSUCCESS"),
     "Secret; Routine; RYBAT; PBSUCCESS"),
    ("Title" + BODY + "Source: Central Intelligence Agency, Job 79-01025A, Box 100, Folder 1. Secret; PBSUCCESS, "
     "RYBAT. Drafted by Page.", L.SECRET, ("PBSUCCESS", "RYBAT"), "Secret; PBSUCCESS, RYBAT"),
    ("Title" + BODY + "Source: Central Intelligence Agency, Job 79-01025A, Box 65, Folder 8. Restricted Security "
     "Information.", L.RESTRICTED, (), "Restricted Security Information"),
    ("Title" + BODY + "Source: Truman Library, Papers of Harry S. Truman, President's Secretary's Files. Secret. "
     "Another copy is in Department of State, INR-NIE Files.", L.SECRET, (), "Secret"),
    ("Title" + BODY + "Source: Eisenhower Library, John Foster Dulles Papers, J.F. Dulles Telephone Conversations, "
     "Box 2, A 67-28. No classification marking. Transcribed by Phyllis Bernau.", L.UNMARKED, (),
     "No classification marking"),
    ("Title" + BODY + "Source: National Archives, RG 59, Central Files 1967–69, POL 27 IRAN. Top Secret; Nodis. "
     "Received at 11:12 a.m.", L.TOP_SECRET, ("Nodis",), "Top Secret; Nodis"),
    ("Title" + BODY + "Source: Department of State, Central Files, 611.91/1–2655. Unclassified; Priority.",
     L.UNCLASSIFIED, ("Priority",), "Unclassified; Priority"),
    ("Title" + BODY + "Source: Department of State, Central Files, 788.00/1–554. Priority; Limdis. Repeated to London.",
     None, ("Priority", "Limdis"), "Priority; Limdis"),
    ("Title" + BODY + "Source: Department of State, Central Files, 788.00/1–554. Top Secret—Eyes Only. Sent to Ankara.",
     L.TOP_SECRET, ("Eyes Only",), "Top Secret—Eyes Only"),
    ("Title" + BODY + "Source: Department of State, Central Files, 788.00/1–554. Official Use Only.",
     L.OFFICIAL_USE_ONLY, (), "Official Use Only"),
    # a caveat in a sentence of its own after the level; a sentence that is not one stops it
    ("Title" + BODY + "Source: Department of State, Central Files, DEF 12–5 IRAN. Secret. Limit Distribution. "
     "Drafted by Bracken.", L.SECRET, ("Limit Distribution",), "Secret. Limit Distribution"),
    ("Title" + BODY + "Source: Department of State, Central Files, POL 7 IRAN. Top Secret; Nodis. Eyes Only.",
     L.TOP_SECRET, ("Nodis", "Eyes Only"), "Top Secret; Nodis. Eyes Only"),
    ("Title" + BODY + "Source: Department of State, Central Files, 788.00/1–554. Secret. Repeated to London. "
     "Priority.", L.SECRET, (), "Secret"),
    ("CIPHERED TELEGRAM\n\nStrictly Secret\nCopying Prohibited\n\nFrom TEHRAN" + BODY, L.TOP_SECRET,
     ("Copying Prohibited",), "Strictly Secret\nCopying Prohibited"),
    ("Strictly Confidential" + BODY, L.CONFIDENTIAL, (), "Strictly Confidential"),
    ("Title" + BODY + "Source: Department of State, NEA/IRN Files: Lot 70 D 443, POL 1 General Policy. Secret; "
     "Official–Informal.", L.SECRET, ("Official–Informal",), "Secret; Official–Informal"),
    ("Title" + BODY + "Source: Department of State, Central Files, POL 7 IRAN. Secret. No Foreign Dissem. Drafted by "
     "Smith.", L.SECRET, ("No Foreign Dissem",), "Secret. No Foreign Dissem"),
    ("Of Special Importance\nTop Secret" + BODY, L.TOP_SECRET, ("Of Special Importance",),
     "Of Special Importance\nTop Secret"),
]


@pytest.mark.parametrize(("text", "level", "caveats", "written"), ROWS)
def test_marking(text: str, level: Level | None, caveats: tuple[str, ...], written: str) -> None:
    c = find_classification(text)
    assert c is not None
    assert (c.level, c.caveats, c.span.text) == (level, caveats, written)
    assert text[c.span.start:c.span.end] == c.span.text


@pytest.mark.parametrize("text", [
    "Title\n\nThe secret police arrested him.\n\nThe Minister said it was top secret.",
    "Secretary of State\n\nThe Secretariat met.",
    "Memorandum on the Secret Protocol\n\nBody text that is not secret.",
    "Title" + BODY + "Source: Department of State, Central Files, 611.88/1–1659. Drafted by Smith.",
    "Title" + BODY + "Source: Eisenhower Library, Jackson Records. Previously printed in Foreign Relations.",
])
def test_no_marking(text: str) -> None:
    assert find_classification(text) is None


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_marking_at_the_foot_whatever_the_line_endings(newline: str) -> None:
    # twenty lines of a list, the marking last, above the editors' source note
    lines = ["Title", *(f"Item {i} of the list" for i in range(20)), "TOP SECRET", "", "Source: a file."]
    text = newline.join(lines)
    c = find_classification(text)
    assert c is not None and c.level is L.TOP_SECRET and c.span.text == "TOP SECRET"


def test_a_marking_among_the_list_is_no_foot_marking() -> None:
    # the foot is the last six lines above the source note: a marking further up is body text
    lines = ["Title", *(f"Item {i} of the list" for i in range(20)), "SECRET", *(f"Line {i}" for i in range(6))]
    assert find_classification("\n".join(lines)) is None


def test_source_note_wins_over_opener() -> None:
    text = "Title\nCONFIDENTIAL" + BODY + "Source: Department of State, Central Files, 788.00/1–554. Secret; Niact."
    c = find_classification(text)
    assert c is not None and c.level is L.SECRET and c.caveats == ("Niact",)


def test_seed_marking_at_its_last_line(seed_text: str) -> None:
    c = find_classification(seed_text)
    assert c is not None and c.level is L.TOP_SECRET and c.span.text == "Top Secret"
    assert seed_text[c.span.end:].strip() == ""
