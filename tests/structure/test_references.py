"""References: register and file numbers and archival citations, each with its kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from kartoteka.model import ReferenceKind
from kartoteka.structure.references import find_references

R = ReferenceKind
SHARED = Path(__file__).resolve().parents[2].parent / "shared"

# text, [(reference as written, kind)]
ROWS = [
    ("9 December 1946\nNo 3691-3692/538\n", [("No 3691-3692/538", R.REGISTER)]),
    ("12 July 1946\nNo 241/s", [("No 241/s", R.REGISTER)]),
    ("20 January 1947\nNo. 63/ss\n", [("No. 63/ss", R.REGISTER)]),
    ("No 1187-1188", [("No 1187-1188", R.REGISTER)]),
    ("Protocol No P51/4 of the Politburo", [("Protocol No P51/4", R.RESOLUTION)]),
    ("Extract from Protocol No 51 of the Session", [("Protocol No 51", R.RESOLUTION)]),
    ("incoming № 1412/sh", [("№ 1412/sh", R.REGISTER)]),
    ("Source: Department of State, Central Files, 611.88/1–1659. Secret.", [("611.88/1–1659", R.DECIMAL_FILE)]),
    ("891.00/12–946: Telegram", [("891.00/12–946", R.DECIMAL_FILE)]),
    ("Central Files, 788.00(W)/6–1152. Secret.", [("788.00(W)/6–1152", R.DECIMAL_FILE)]),
    ("Source: National Archives and Records Administration, RG 59, Central Files 1964–66, POL 15–1 IRAN. Secret.",
     [("RG 59", R.RECORD_GROUP), ("POL 15–1 IRAN", R.SUBJECT_NUMERIC_FILE)]),
    ("Source: National Archives, RG 59, Central Files 1967–69, POL IRAN–US. Confidential.",
     [("RG 59", R.RECORD_GROUP), ("POL IRAN–US", R.SUBJECT_NUMERIC_FILE)]),
    ("Source: National Archives, RG 59, Central Files 1970–73, POL 33 PERSIAN GULF. Secret; Exdis.",
     [("RG 59", R.RECORD_GROUP), ("POL 33 PERSIAN GULF", R.SUBJECT_NUMERIC_FILE)]),
    ("Central Files 1967–69, POL 1 NEAR E. Secret.", [("POL 1 NEAR E", R.SUBJECT_NUMERIC_FILE)]),
    ("Central Files 1970–73, POL 7 US/NIXON. Secret.", [("POL 7 US/NIXON", R.SUBJECT_NUMERIC_FILE)]),
    ("Central Files, DEF 12–5 IRAN; AID (US) 15 IRAN.",
     [("DEF 12–5 IRAN", R.SUBJECT_NUMERIC_FILE), ("AID (US) 15 IRAN", R.SUBJECT_NUMERIC_FILE)]),
    ("Source: Department of State, S/S Files: Lot 62 D 430, Iran. Secret", [("Lot 62 D 430", R.LOT_FILE)]),
    ("Source: Central Intelligence Agency, Job 79-01025A, Box 134, Folder 1. Secret; Eyes Only.",
     [("Job 79-01025A, Box 134, Folder 1", R.CIA_JOB)]),
    ("Source: Central Intelligence Agency, Job 79–01025A, Box 9, Folder 2. Secret.",
     [("Job 79–01025A, Box 9, Folder 2", R.CIA_JOB)]),
    ("Executive Registry, Job 80-R01731R, Box 30, Folder 1011. Secret.",
     [("Job 80-R01731R, Box 30, Folder 1011", R.CIA_JOB)]),
    ("Source: Central Intelligence Agency, Job 79-01025A, Box 46. Secret.", [("Job 79-01025A, Box 46", R.CIA_JOB)]),
    ("Source: Washington National Records Center, RG 330, OSD Files: FRC 72 A 2379, Iran 091. Top Secret.",
     [("RG 330", R.RECORD_GROUP), ("FRC 72 A 2379", R.FRC_ACCESSION)]),
    ("GAPPOD AzR, f. 1, op. 89, d. 104, ll. 12-14.", [("GAPPOD AzR, f. 1, op. 89, d. 104, ll. 12-14",
                                                      R.ARCHIVE_CITATION)]),
    ("AVP RF, f. 094, op. 37, p. 363, d. 8, ll. 45-51.", [("AVP RF, f. 094, op. 37, p. 363, d. 8, ll. 45-51",
                                                          R.ARCHIVE_CITATION)]),
    ("RGANI, f. 89, per. 43, d. 9, ll. 1-3.", [("RGANI, f. 89, per. 43, d. 9, ll. 1-3", R.ARCHIVE_CITATION)]),
    ("TsDAHO, f. 1, op. 23, spr. 4889, ark. 8-10.", [("TsDAHO, f. 1, op. 23, spr. 4889, ark. 8-10",
                                                     R.ARCHIVE_CITATION)]),
    ("RGASPI, f. 17, op. 162, d. 37, ll. 145-146.", [("RGASPI, f. 17, op. 162, d. 37, ll. 145-146",
                                                     R.ARCHIVE_CITATION)]),
    ("S. J. Pishevari\n\nGAPPOD AzR, f. 1, op. 89, d. 161, l. 88.",
     [("GAPPOD AzR, f. 1, op. 89, d. 161, l. 88", R.ARCHIVE_CITATION)]),
    ("GARF, f. R-9401, op. 2, d. 93, l. 12 ob.", [("GARF, f. R-9401, op. 2, d. 93, l. 12 ob", R.ARCHIVE_CITATION)]),
    ("my telegram No. 319, February 11", [("telegram No. 319", R.REGISTER)]),
    ("501.BB Palestine/5–1448: Telegram", [("501.BB Palestine/5–1448", R.DECIMAL_FILE)]),
    ("867N.01/5–1448: Telegram", [("867N.01/5–1448", R.DECIMAL_FILE)]),
    ("Central Files, 780.5-MSP/3–1054. Secret.", [("780.5-MSP/3–1054", R.DECIMAL_FILE)]),
    ("Central Files, ORG 7 S. Secret", [("ORG 7 S", R.SUBJECT_NUMERIC_FILE)]),
    # the sign is found first and its label just before it: the label stays in the span and types it
    ("To No. 497/sh. of 3 May", [("To No. 497/sh", R.REPLY_TO)]),
    ("In reply to  No 12/s we report", [("In reply to  No 12/s", R.REPLY_TO)]),
    ("see File No. 7 of the case", [("File No. 7", R.FILE)]),
    ("Outgoing No. 3/127", [("Outgoing No. 3/127", R.REGISTER)]),
    ("despatch No. 586 and despatch No. 587", [("despatch No. 586", R.REGISTER), ("despatch No. 587", R.REGISTER)]),
    ("the letter\nNo. 44", [("No. 44", R.REGISTER)]),  # a label never reaches over a line break
    ("page No. 4, Copy No. 2; Nr. 5", [("Nr. 5", R.REGISTER)]),
    # a word before the code is no part of it, nor a code inside a word
    ("the JobNo 12 and MRG 59 and ALot 62 D 430", []),
    ("AFRC 72 A 2379; XPOL 15 IRAN.", []),
    ("1611.88/1–1659 and x611.88/1–1659", []),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_references(text: str, expected: list[tuple[str, ReferenceKind]]) -> None:
    refs = find_references(text)
    assert [(r.span.text, r.kind) for r in refs] == expected
    for r in refs:
        assert text[r.span.start:r.span.end] == r.span.text


@pytest.mark.parametrize("text", [
    "Secret\nCopy No. 2",
    "I met E. H. Smith in Tehran; we are in IRAN.",
    "The 15th Majlis met on 10-15 January 1947.",
    "He paid 3,500 tomans at 23:40.",
    "Sent 23:40 14.XI.1945",
    "WE DO NOT KNOW WHAT IT IS. I CONCUR.",
    "ll. 145-146 and d. 37",
])
def test_not_references(text: str) -> None:
    assert find_references(text) == ()


def test_seed_reference(seed_text: str) -> None:
    assert [(r.span.text, r.kind) for r in find_references(seed_text)] == [("No 3691-3692/538", R.REGISTER)]


def test_every_span_is_the_slice_of_its_source() -> None:
    files = sorted((SHARED / "corpus" / "frus-dev").glob("*/text/*.txt"))[::4]
    files += sorted((SHARED / "corpus" / "genre-dev" / "docs").glob("*.txt"))
    if not files:
        pytest.skip("no shared corpus")
    for f in files:
        text = f.read_bytes().decode("utf-8")
        for r in find_references(text):
            assert text[r.span.start:r.span.end] == r.span.text
            assert "\n" not in r.span.text
