"""Who may correct the archive: signed-in users (session cookie) or API tokens, and CSRF protection.

Reading needs nobody. A correction needs a user: either the session of a browser that signed in
with a password (``kartoteka user add``), whose form must also carry the session's CSRF token,
or an ``Authorization: Bearer`` token (``kartoteka user token``), which no browser sends by
itself and so needs no CSRF token. The signed cookie holds only a session id; the session itself
is the archive's (``store/users.py``), so signing out, removing the user or changing the password
ends it everywhere.
"""

from __future__ import annotations

import hmac
import secrets

from starlette.requests import Request

from kartoteka.store.users import User, Users

SESSION_ID = "sid"
SESSION_CSRF = "csrf"
_UNKNOWN = object()


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
    sid = request.session.get(SESSION_ID)
    if not isinstance(sid, str) or not sid:
        return None
    known = getattr(request.state, "session_user", _UNKNOWN)
    user = users.session_user(sid) if known is _UNKNOWN else known
    request.state.session_user = user  # one look per request, however often a page asks
    return user if isinstance(user, User) else None


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


def sign_in(request: Request, users: Users, user: User) -> None:
    request.session.clear()  # a new session on sign-in: no fixation of an old one
    request.session[SESSION_ID] = users.open_session(user)
    csrf_token(request)


def sign_out(request: Request, users: Users) -> None:
    sid = request.session.get(SESSION_ID)
    if isinstance(sid, str) and sid:
        users.close_session(sid)
    request.session.clear()


__all__ = ["bearer", "csrf_ok", "csrf_token", "current_user", "same_origin", "sign_in", "sign_out"]
