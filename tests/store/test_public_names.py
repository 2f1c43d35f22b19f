"""No public surface shows a reading-room user's login name, not even for log entries written
before display names existed (they recorded the login name): on SQLite and PostgreSQL, a user
without a display name corrects a title and renames a person and undoes a date, as the reading
room of schema 11 logged them (by login name); then gets a display name. The audit log, the
JSON API, the document's and the entity's pages and every export format show the display name
(before it, "a reading-room user"), never the login; once the user is removed the entries keep
the display name; a display name may not be a login name."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_corrections import SEED, _fresh, _person
from test_corrections_import import _read

from kartoteka.cli import cli
from kartoteka.cli.export import FORMATS
from kartoteka.corrections import Rename, SetDate, SetTitle
from kartoteka.errors import StoreError
from kartoteka.model import Record
from kartoteka.store.users import ANONYMOUS, Users

LOGIN = "jsmith-login"
DISPLAY = "J. Smith (Univ. of X)"


def _surfaces(url: str, out: Path, sha: str, entity: str) -> str:
    """Everything the public sees of the log: API, pages, and every export's files, as one text."""
    listed, document = asyncio.run(_read(url, "/api/corrections", f"/documents/{sha}"))
    _, entity_page = asyncio.run(_read(url, f"/api/entities/{entity}", f"/entities/{entity}"))
    texts = [repr(listed), document, entity_page]
    for fmt in FORMATS:
        result = CliRunner().invoke(cli, ["export", fmt, "--archive", url, "--out", str(out / fmt)])
        assert result.exit_code == 0, result.output
        texts += [p.read_text(encoding="utf-8") for p in sorted((out / fmt).iterdir())]
    return "\n".join(texts)


def test_login_names_never_shown(archive_url: str, soviet_records: list[Record], tmp_path: Path) -> None:
    a = _fresh(archive_url, soviet_records)
    users = Users(archive_url)
    users.add(LOGIN, "a long password")
    # an archive from before display names: the user has none, and the log holds the login name
    a.db.execute("UPDATE reading_room_users SET display_name = NULL")
    sha = a.document(SEED).sha256
    qavam = _person(a, "Qavam")
    a.correct(SetTitle(sha, "Telegram from Tabriz"), author=LOGIN, reason="as filed")
    a.correct(Rename(a.entity_ref(qavam), "Ahmad Qavam"), author=LOGIN, reason="full name")
    dated = a.correct(SetDate(sha, "1946-12-10", "1946-12-10", "1946-12-10"), author="historian", reason="x")
    a.undo(dated.id, author=LOGIN, reason="the dateline was right")
    a.close()

    before = _surfaces(archive_url, tmp_path / "before", sha, qavam)
    assert LOGIN not in before and ANONYMOUS in before

    users.set_display(LOGIN, DISPLAY)
    after = _surfaces(archive_url, tmp_path / "after", sha, qavam)
    assert LOGIN not in after
    escaped = DISPLAY.replace("(", "").replace(")", "")
    assert DISPLAY in after or escaped in after
    history = asyncio.run(_read(archive_url, "/api/corrections", f"/documents/{sha}"))[0]
    assert {h["author"] for h in history} == {DISPLAY, "historian"}
    assert {h["undone_by"] for h in history} == {DISPLAY, None}

    with pytest.raises(StoreError):
        users.set_display(LOGIN, LOGIN)
    users.add("other", "another long password")
    with pytest.raises(StoreError):
        users.set_display("other", LOGIN)
    with pytest.raises(StoreError):
        users.add(DISPLAY, "a third long password")

    assert users.remove(LOGIN)
    gone = _surfaces(archive_url, tmp_path / "gone", sha, qavam)
    assert LOGIN not in gone
    history = asyncio.run(_read(archive_url, "/api/corrections", f"/documents/{sha}"))[0]
    assert {h["author"] for h in history} == {DISPLAY, "historian"}
