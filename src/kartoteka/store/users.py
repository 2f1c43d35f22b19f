"""The reading room's users and their sessions, kept in the archive (schema version 12), read and
written over the archive's :class:`Dialect` like every other table.

A user signs in with a name and a password (scrypt at ``SCRYPT``: N=2^17, r=8, p=1, a hash made
under older parameters is made again at the next sign-in) and is shown to others by a public
display name, never by the login name. A sign-in opens a server-side session: the browser holds
only a random id, the archive its sha256, so a session ends for good at sign-out, when the user is
removed and when the password changes. An unknown name costs the same hash as a known one.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kartoteka.errors import Location, StoreError

if TYPE_CHECKING:
    from kartoteka.store.dialect import Dialect

SCRYPT = {"n": 2**17, "r": 8, "p": 1}  # OWASP's current guidance for scrypt
SESSION_HOURS = 12
HASHING_AT_ONCE = 2  # each scrypt at N=2^17 takes 128 MiB: a flood of sign-ins cannot take more

_hashing = threading.BoundedSemaphore(HASHING_AT_ONCE)
_dummy: dict[str, str] = {}


@dataclass(frozen=True, slots=True)
class User:
    """A signed-in user: ``name`` signs in, ``display`` is what others see (corrections' author)."""

    name: str
    display: str = ""

    @property
    def public(self) -> str:
        return self.display or ANONYMOUS


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    with _hashing:
        return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32,
                              maxmem=128 * r * (n + p + 2) + (1 << 20))


def hash_password(password: str, salt: bytes | None = None) -> str:
    """``scrypt$n$r$p$salt$hash`` (hex) of a password, with a fresh salt unless one is given."""
    salt = salt or secrets.token_bytes(16)
    digest = _scrypt(password, salt, **SCRYPT)
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt" or int(n) > 2**20 or int(r) > 32 or int(p) > 16:
            return False
        got = _scrypt(password, bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), digest)


def outdated(stored: str) -> bool:
    """Whether a stored hash was made under other parameters than today's."""
    return not stored.startswith(f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}$")


def _dummy_hash() -> str:
    # what an unknown name's password is checked against: the same work as a known name's
    if "hash" not in _dummy:
        _dummy["hash"] = hash_password(secrets.token_urlsafe(16))
    return _dummy["hash"]


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Users:
    """The reading room's users and sessions (tables ``reading_room_users``, ``reading_room_sessions``,
    made by the archive's schema migrations), each call over a connection of its own."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = str(path)
        if not is_server(self.path) and not Path(self.path).is_file():
            raise StoreError("no archive here", location=Location(self.path),
                             expected="an archive built with `kartoteka ingest … --archive FILE`")
        from kartoteka.store import open_archive

        open_archive(self.path).close()  # an archive of an older schema gets the users' tables now

    @contextmanager
    def _db(self) -> Iterator[Dialect]:
        """A connection to the archive; each statement commits alone (a user's row never waits for the
        archive's writer lock, which an ingest may hold for minutes)."""
        from kartoteka.store.opening import open_dialect

        db = open_dialect(self.path)
        try:
            yield db
        finally:
            db.close()

    def _user_exists(self, db: Dialect, name: str) -> None:
        if not db.rows("SELECT name FROM reading_room_users WHERE name = ?", (name,)):
            raise StoreError(f"no user {name!r}", location=Location(self.path),
                             expected="`kartoteka user add NAME` first")

    def add(self, name: str, password: str, display: str | None = None) -> None:
        """Create a user, or set a new password (which ends every session of the user)."""
        if not name.strip() or len(password) < 8:
            raise StoreError("a user needs a name and a password of 8 or more characters",
                             location=Location(self.path), expected="NAME and a password of 8+ characters")
        hashed = hash_password(password)
        with self._db() as db:
            if display and (display.strip() == name
                            or db.rows("SELECT name FROM reading_room_users WHERE name = ?", (display.strip(),))):
                raise StoreError("a display name may not be a login name", location=Location(self.path),
                                 expected="a public name other than any user's login name")
            if db.rows("SELECT name FROM reading_room_users WHERE display_name = ? AND name <> ?", (name, name)):
                # the log shows display names and maps login names to them: the two never coincide
                raise StoreError(f"{name!r} is another user's display name", location=Location(self.path),
                                 expected="a login name no one is shown as")
            db.execute("INSERT INTO reading_room_users (name, password, display_name, created_at) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (name) DO UPDATE SET password = excluded.password",
                       (name, hashed, f"user-{secrets.token_hex(3)}", _iso(_now())))
            db.execute("DELETE FROM reading_room_sessions WHERE user_name = ?", (name,))
        if display:
            self.set_display(name, display)

    def set_display(self, name: str, display: str) -> None:
        """The name others see beside the user's corrections."""
        if not display.strip() or len(display) > 100:
            raise StoreError("a display name needs 1 to 100 characters", location=Location(self.path),
                             expected="a display name such as 'J. Smith (Univ. of X)'")
        with self._db() as db:
            if db.rows("SELECT name FROM reading_room_users WHERE name = ?", (display.strip(),)):
                raise StoreError("a display name may not be a login name", location=Location(self.path),
                                 expected="a public name other than any user's login name")
            self._user_exists(db, name)
            db.execute("UPDATE reading_room_users SET display_name = ? WHERE name = ?", (display.strip(), name))

    def new_token(self, name: str) -> str:
        """A fresh API token for an existing user (only its sha256 is kept)."""
        token = secrets.token_urlsafe(32)
        with self._db() as db:
            self._user_exists(db, name)
            db.execute("UPDATE reading_room_users SET token_sha256 = ? WHERE name = ?", (_digest(token), name))
        return token

    def remove(self, name: str) -> bool:
        """Remove a user, their API token and every session they have open."""
        with self._db() as db:
            found = db.rows("SELECT display_name FROM reading_room_users WHERE name = ?", (name,))
            db.execute("DELETE FROM reading_room_sessions WHERE user_name = ?", (name,))
            if found:
                # entries logged under the login name (before display names) are mapped to the display
                # name while the user exists (``public_names``); once gone, they take it for good
                shown = found[0]["display_name"] or ANONYMOUS
                db.execute("UPDATE corrections SET author = ? WHERE author = ?", (shown, name))
                db.execute("UPDATE corrections SET undone_by = ? WHERE undone_by = ?", (shown, name))
            db.execute("DELETE FROM reading_room_users WHERE name = ?", (name,))
        return bool(found)

    def names(self) -> list[str]:
        with self._db() as db:
            return [str(r["name"]) for r in db.rows("SELECT name FROM reading_room_users ORDER BY name")]

    def sign_in(self, name: str, password: str) -> User | None:
        """The user, when the password is theirs (an old hash is made again at today's parameters)."""
        with self._db() as db:
            rows = db.rows("SELECT password, display_name FROM reading_room_users WHERE name = ?", (name,))
        if not rows:
            check_password(password, _dummy_hash())
            return None
        stored, shown = str(rows[0]["password"]), rows[0]["display_name"]
        if not check_password(password, stored):
            return None
        display = shown or f"user-{secrets.token_hex(3)}"
        if outdated(stored) or not shown:
            with self._db() as db:
                db.execute("UPDATE reading_room_users SET password = ?, display_name = ? WHERE name = ? "
                           "AND password = ?", (hash_password(password), display, name, stored))
        return User(name, display)

    def by_token(self, token: str) -> User | None:
        with self._db() as db:
            rows = db.rows("SELECT name, display_name FROM reading_room_users WHERE token_sha256 = ?",
                           (_digest(token),))
        return User(rows[0]["name"], rows[0]["display_name"] or "") if rows else None

    # -- sessions

    def open_session(self, user: User) -> str:
        """A new session of ``user``: the random id for the browser's cookie (the archive keeps its sha256)."""
        sid = secrets.token_urlsafe(32)
        now = _now()
        with self._db() as db:
            db.execute("DELETE FROM reading_room_sessions WHERE expires_at < ?", (_iso(now),))
            db.execute("INSERT INTO reading_room_sessions (id_sha256, user_name, created_at, expires_at) "
                       "VALUES (?, ?, ?, ?)", (_digest(sid), user.name, _iso(now),
                                               _iso(now + timedelta(hours=SESSION_HOURS))))
        return sid

    def session_user(self, sid: str) -> User | None:
        """The user of a session still open (not signed out, removed, re-passworded or expired)."""
        with self._db() as db:
            rows = db.rows(
                "SELECT u.name, u.display_name FROM reading_room_sessions s JOIN reading_room_users u "
                "ON u.name = s.user_name WHERE s.id_sha256 = ? AND s.expires_at > ?",
                (_digest(sid), _iso(_now())))
        return User(rows[0]["name"], rows[0]["display_name"] or "") if rows else None

    def close_session(self, sid: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM reading_room_sessions WHERE id_sha256 = ?", (_digest(sid),))


ANONYMOUS = "a reading-room user"  # what others see of a user who has no display name yet


def public_names(db: Dialect) -> Callable[[str], str]:
    """A log entry's author (or undoer) as the public sees it: a reading-room user's login name —
    which entries logged before display names existed hold — becomes that user's display name;
    any other name (a ``kartoteka correct --author``, an imported file's) stays as it is. Login
    and display names never coincide (:meth:`Users.add`, :meth:`Users.set_display`), so a display
    name is never taken for another user's login."""
    names = {str(r[0]): str(r[1]) if r[1] else ANONYMOUS
             for r in db.query("SELECT name, display_name FROM reading_room_users")}
    if not names:
        return _same
    return lambda who: names.get(who, who)


def _same(who: str) -> str:
    return who


def is_server(path: str) -> bool:
    return path.startswith(("postgresql://", "postgres://"))


__all__ = ["ANONYMOUS", "SCRYPT", "User", "Users", "check_password", "hash_password", "is_server", "outdated",
           "public_names"]
