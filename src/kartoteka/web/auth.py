"""Who may correct the archive: signed-in users (session cookie) or API tokens, and CSRF protection.

Reading needs nobody. A correction needs a user: either the session of a browser that signed in
with a password (``kartoteka user add``), whose form must also carry the session's CSRF token,
or an ``Authorization: Bearer`` token (``kartoteka user token``), which no browser sends by
itself and so needs no CSRF token.
"""

from __future__ import annotations

import hmac
import secrets

from starlette.requests import Request

from kartoteka.store.reading import User, Users

SESSION_USER = "user"
SESSION_CSRF = "csrf"


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use."""
    token = request.session.get(SESSION_CSRF)
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_CSRF] = token
    return token


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def current_user(request: Request, users: Users) -> User | None:
    """The signed-in user (token first, then session), or None for a reader."""
    token = bearer(request)
    if token is not None:
        return users.by_token(token)
    name = request.session.get(SESSION_USER)
    return User(name) if isinstance(name, str) and name else None


def same_origin(request: Request) -> bool:
    """A browser's POST must come from this site (Origin, else Referer, names our host)."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin:
        return True  # non-browser clients send neither; the CSRF token still guards the session
    host = request.headers.get("host", "")
    rest = origin.split("://", 1)[-1]
    return rest.split("/", 1)[0] == host


def csrf_ok(request: Request, submitted: object) -> bool:
    """True when a POST may act for its session: a bearer token, or a matching CSRF token from our origin."""
    if bearer(request) is not None:
        return True
    expected = request.session.get(SESSION_CSRF)
    if not isinstance(expected, str) or not isinstance(submitted, str) or not submitted:
        return False
    return same_origin(request) and hmac.compare_digest(expected, submitted)


def sign_in(request: Request, user: User) -> None:
    request.session.clear()  # a new session on sign-in: no fixation of an old one
    request.session[SESSION_USER] = user.name
    csrf_token(request)


def sign_out(request: Request) -> None:
    request.session.clear()


__all__ = ["bearer", "csrf_ok", "csrf_token", "current_user", "same_origin", "sign_in", "sign_out"]
