"""Sign-in like a careful web app: sessions revoked server-side, guesses limited, passwords hashed
at today's parameters, login names private, cookies Secure over HTTPS; only this machine's host
names answered; the security headers on every answer, errors too."""

from __future__ import annotations

import asyncio
import hashlib
import re
import sqlite3
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from web_harness import DISPLAY, PASSWORD, USER, Server, kartoteka

from kartoteka.store.users import SCRYPT, Users
from kartoteka.web import create_app
from kartoteka.web.app import CSP
from kartoteka.web.throttle import FAILURES


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]


def _sign_in(client: httpx.Client, password: str = PASSWORD, name: str = USER) -> httpx.Response:
    csrf = _csrf(client.get("/login").text)
    return client.post("/login", data={"name": name, "password": password, "csrf": csrf})


def _person(archive: Path | str) -> str:
    with sqlite3.connect(archive) as c:
        row = c.execute("SELECT id FROM entities WHERE kind = 'person' ORDER BY documents DESC LIMIT 1").fetchone()
    c.close()
    return str(row[0])


def _rename(client: httpx.Client, eid: str, name: str) -> int:
    token = _csrf(client.get(f"/entities/{eid}").text)
    return client.post(f"/entities/{eid}/rename", data={"csrf": token, "name": name, "reason": "r"}).status_code


@contextmanager
def _kept_cookie(server: Server) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    """A signed-in browser, and a second client holding a copy of its cookie (and CSRF token)."""
    with httpx.Client(base_url=server.url, follow_redirects=False, timeout=60) as browser:
        assert _sign_in(browser).status_code == 303
        with httpx.Client(base_url=server.url, follow_redirects=False, timeout=60,
                          cookies=dict(browser.cookies)) as kept:
            yield browser, kept


@pytest.mark.parametrize("how", ["sign out", "user remove", "new password"])
def test_a_revoked_session_is_refused(writable: Server, how: str) -> None:
    eid = _person(writable.archive)
    with _kept_cookie(writable) as (browser, kept):
        assert _rename(kept, eid, "Before") == 303  # the copy works while the session is open
        if how == "sign out":
            browser.post("/logout", data={"csrf": _csrf(browser.get("/").text)})
        elif how == "user remove":
            kartoteka("user", "remove", USER, "--archive", str(writable.archive))
        else:
            kartoteka("user", "add", USER, "--archive", str(writable.archive), "--password", "another password 2")
        assert _rename(kept, eid, "After") == 403
        assert "Sign in" in kept.get("/").text and "Sign out" not in kept.get("/").text
    names = [e["target"] for e in httpx.get(writable.url + "/api/corrections", timeout=60).json()]
    assert len(names) == 1


def test_the_eleventh_wrong_password_is_answered_429(writable: Server) -> None:
    with httpx.Client(base_url=writable.url, follow_redirects=False, timeout=60) as client:
        for _ in range(FAILURES):
            assert _sign_in(client, "wrong password").status_code == 401
        refused = _sign_in(client, "wrong password")
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
        assert "try again in" in refused.text
        assert _sign_in(client).status_code == 429  # even the right one, until the wait is over


def test_addresses_are_limited_across_names(built_archive: Path) -> None:
    async def run() -> None:
        async with _in_process(built_archive, "http://127.0.0.1", ("192.0.2.7", 4000)) as client:
            for i in range(FAILURES):
                csrf = _csrf((await client.get("/login")).text)
                r = await client.post("/login", data={"name": f"guess{i}", "password": "x" * 8, "csrf": csrf})
                assert r.status_code == 401
            csrf = _csrf((await client.get("/login")).text)
            r = await client.post("/login", data={"name": "guess-next", "password": "x" * 8, "csrf": csrf})
            assert r.status_code == 429 and r.headers["retry-after"]
        async with _in_process(built_archive, "http://127.0.0.1", ("192.0.2.8", 4000)) as other:
            csrf = _csrf((await other.get("/login")).text)
            r = await other.post("/login", data={"name": "guess-next", "password": "x" * 8, "csrf": csrf})
            assert r.status_code == 401  # another address, its own count (and another app: its own memory)

    asyncio.run(run())


def _in_process(archive: Path, base: str, client: tuple[str, int] = ("127.0.0.1", 5000)) -> httpx.AsyncClient:
    """The app itself, called in this process as a server would call it (scheme and address as given)."""
    transport = httpx.ASGITransport(app=create_app(archive, secret="s"), client=client)
    return httpx.AsyncClient(transport=transport, base_url=base, follow_redirects=False)


def test_unknown_and_known_names_take_the_same_time(built_archive: Path) -> None:
    users = Users(built_archive)
    users.sign_in("nobody", "warm")  # the unknown name's stand-in hash is made once, at first use

    def took(name: str) -> float:
        t0 = time.perf_counter()
        assert users.sign_in(name, "not the password") is None
        return time.perf_counter() - t0

    known = statistics.median(took(USER) for _ in range(3))
    unknown = statistics.median(took("nobody") for _ in range(3))
    assert 0.6 < unknown / known < 1.6, (known, unknown)


def test_an_old_hash_is_made_again_at_sign_in(tmp_path: Path, built_archive: Path) -> None:
    archive = tmp_path / "old.db"
    with sqlite3.connect(built_archive) as a, sqlite3.connect(archive) as b:
        a.backup(b)
    a.close()
    b.close()
    users = Users(archive)
    salt = b"s" * 16
    digest = hashlib.scrypt(PASSWORD.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    with sqlite3.connect(archive) as c:
        c.execute("UPDATE reading_room_users SET password = ? WHERE name = ?",
                  (f"scrypt${2**14}$8$1${salt.hex()}${digest.hex()}", USER))
    c.close()
    user = users.sign_in(USER, PASSWORD)
    assert user is not None and user.display == DISPLAY
    with sqlite3.connect(archive) as c:
        stored = c.execute("SELECT password FROM reading_room_users WHERE name = ?", (USER,)).fetchone()[0]
    c.close()
    assert stored.startswith(f"scrypt${SCRYPT['n']}$8$1$") and SCRYPT["n"] == 2**17
    assert users.sign_in(USER, PASSWORD) is not None


def test_cookies_are_secure_over_https_only(built_archive: Path) -> None:
    async def run(base: str) -> httpx.Response:
        async with _in_process(built_archive, base) as client:
            return await client.get("/login")

    for base, secure in (("https://127.0.0.1", True), ("http://127.0.0.1", False)):
        r = asyncio.run(run(base))
        cookie = r.headers["set-cookie"].lower()
        assert ("; secure" in cookie) is secure
        assert ("strict-transport-security" in r.headers) is secure
        assert "httponly" in cookie and "samesite=strict" in cookie


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1.evil.example", "192.0.2.1"])
def test_a_foreign_host_is_refused(server: Server, host: str) -> None:
    r = httpx.get(server.url + "/api/search", params={"q": "Guatemala"}, headers={"host": host}, timeout=60)
    assert r.status_code == 400 and "Guatemala" not in r.text
    assert r.headers["content-security-policy"] == CSP and r.headers["x-frame-options"] == "DENY"
    port = server.url.rsplit(":", 1)[1]
    for ok in (f"localhost:{port}", f"127.0.0.1:{port}"):
        assert httpx.get(server.url + "/api/openapi.json", headers={"host": ok}, timeout=60).status_code == 200


def test_a_named_host_is_answered_when_allowed(built_archive: Path) -> None:
    async def run(host: str, allowed: tuple[str, ...]) -> int:
        transport = httpx.ASGITransport(app=create_app(built_archive, secret="s", hosts=allowed))
        async with httpx.AsyncClient(transport=transport, base_url=f"http://{host}") as client:
            return (await client.get("/api/openapi.json")).status_code

    assert asyncio.run(run("archive.example.org", ("archive.example.org",))) == 200
    assert asyncio.run(run("archive.example.org", ())) == 400


@pytest.mark.parametrize(("path", "status"), [("/nowhere", 404), ("/api/documents/ffffffff", 404),
                                              ("/api/search?q=" + "(" * 50 + "x", 400), ("/login", 405)])
def test_error_pages_carry_the_security_headers(server: Server, path: str, status: int) -> None:
    r = (httpx.put if status == 405 else httpx.get)(server.url + path, timeout=60)
    assert r.status_code == status
    for name in ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy"):
        assert name in r.headers, (path, name)


def test_a_huge_mention_id_is_a_clear_400(writable: Server) -> None:
    token = kartoteka("user", "token", USER, "--archive", str(writable.archive)).stdout.strip()
    eid = _person(writable.archive)
    r = httpx.post(f"{writable.url}/api/entities/{eid}/split", headers={"authorization": f"Bearer {token}"},
                   json={"mention": [10**23], "reason": "r"}, timeout=60)
    assert r.status_code == 400 and "no mention" in r.json()["error"]


def _two_people_and_a_place(archive: Path | str) -> tuple[str, str, int, str]:
    with sqlite3.connect(archive) as c:
        a, b = (str(r[0]) for r in c.execute(
            "SELECT id FROM entities WHERE kind = 'person' AND merged_into IS NULL ORDER BY documents DESC LIMIT 2"))
        b_mention = int(c.execute("SELECT id FROM mentions WHERE entity_id = ? LIMIT 1", (b,)).fetchone()[0])
        place = str(c.execute("SELECT id FROM entities WHERE kind = 'place' ORDER BY documents DESC LIMIT 1")
                    .fetchone()[0])
    c.close()
    return a, b, b_mention, place


def test_a_split_takes_only_the_entity_s_own_mentions_and_a_place_is_no_person(writable: Server) -> None:
    token = kartoteka("user", "token", USER, "--archive", str(writable.archive)).stdout.strip()
    auth = {"authorization": f"Bearer {token}"}
    a, _, b_mention, place = _two_people_and_a_place(writable.archive)
    r = httpx.post(f"{writable.url}/api/entities/{a}/split", headers=auth, timeout=60,
                   json={"mention": [b_mention], "name": "Someone", "reason": "r"})
    assert r.status_code == 400 and "is not one of" in r.json()["error"]
    r = httpx.post(f"{writable.url}/api/entities/{a}/merge", headers=auth, timeout=60,
                   json={"other": place, "reason": "r"})
    assert r.status_code == 400 and "a place" in r.json()["error"]
    assert httpx.get(writable.url + "/api/corrections", timeout=60).json() == []  # nothing logged
