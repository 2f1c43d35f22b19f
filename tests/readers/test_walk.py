"""The folder walk keeps to its folders and says what it does not read; reading never hangs."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kartoteka.cli import cli
from kartoteka.errors import ReadError
from kartoteka.readers.files import MAX_TEXT_BYTES, Refused, read_file, walk
from kartoteka.readers.text import decode

TELEGRAM = "Telegram From the Embassy in Tehran to the Department of State\n\nTEHRAN, May 3, 1951.\n\nSMITH\n"


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """A folder of one good document and every kind of path the walk must not read silently."""
    top = tmp_path / "in"
    (top / "sub").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (top / "a.txt").write_text(TELEGRAM, encoding="utf-8")
    (top / "sub" / "b.txt").write_text(TELEGRAM.replace("May 3", "May 4"), encoding="utf-8")
    (tmp_path / "elsewhere" / "passwd.txt").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (top / "escape.txt").symlink_to(tmp_path / "elsewhere" / "passwd.txt")
    (top / "zero.txt").symlink_to("/dev/zero")
    (top / "linked").symlink_to(tmp_path / "elsewhere")
    (top / "inside").symlink_to(top / "sub")  # a link within the tree: walked, once
    os.mkfifo(top / "fifo.txt")
    (top / "empty.txt").write_bytes(b"")
    return top


def test_refused_paths_are_yielded_with_their_reason(tree: Path) -> None:
    found = list(walk([str(tree)]))
    refused = {Path(p).name: p.reason for p in found if isinstance(p, Refused)}
    assert set(refused) == {"escape.txt", "zero.txt", "linked"}
    assert "outside" in refused["escape.txt"] and "/dev/zero" in refused["zero.txt"]
    plain = sorted(Path(p).relative_to(tree).as_posix() for p in found if not isinstance(p, Refused))
    assert plain == ["a.txt", "empty.txt", "fifo.txt", "sub/b.txt"]  # the link into sub/ adds nothing
    assert pickle.loads(pickle.dumps(found[0])).__class__ is type(found[0])  # travels to worker processes
    with_outside = [Path(p).name for p in walk([str(tree)], outside=True)]
    assert "passwd.txt" in with_outside and not any(isinstance(p, Refused) for p in walk([str(tree)], outside=True))


@pytest.mark.parametrize(("name", "says"), [("fifo.txt", "not a regular file (a FIFO)"), ("empty.txt", "empty file"),
                                            ("escape.txt", "a link to a file outside")])
def test_reading_refuses_clearly_and_at_once(tree: Path, name: str, says: str) -> None:
    path = next(p for p in walk([str(tree)]) if Path(p).name == name)
    t0 = time.monotonic()
    with pytest.raises(ReadError, match=says.replace("(", r"\(").replace(")", r"\)")):
        read_file(path)
    assert time.monotonic() - t0 < 1  # a FIFO with no writer is not waited on


def test_a_device_named_directly_is_refused(tree: Path) -> None:
    with pytest.raises(ReadError, match="character device"):
        read_file(str(tree / "zero.txt"))  # named on the command line: the link is followed, the device refused


def test_an_oversized_file_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(MAX_TEXT_BYTES + 1)
    with pytest.raises(ReadError, match="too large"):
        read_file(str(big))


def test_the_command_reports_each_and_exits_non_zero(tree: Path) -> None:
    res = CliRunner().invoke(cli, ["parse", str(tree), "--inside-only", "--format", "jsonl", "--no-progress", "-j", "1"])
    assert res.exit_code == 1
    for name in ("escape.txt", "zero.txt", "linked", "fifo.txt", "empty.txt"):
        assert any(name in line for line in res.stderr.splitlines()), name
    assert "root:x" not in res.stdout


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_russian_utf16_without_a_byte_order_mark(codec: str) -> None:
    text = "Совершенно секретно\nТелеграмма из Тегерана, 12 мая 1946 г.\nТов. Багирову.\n"
    decoded, encoding, warnings = decode(text.encode(codec), "t.txt")
    assert decoded == text and encoding == "utf-16" and warnings
