"""The reading room's corrections: the forms and JSON calls that merge, split, re-attach and rename
entities, set a document's date, title or classification, and undo a correction. Each needs a
signed-in user and a fresh form (CSRF); the work is the archive's own (``Archive.correct``, ``undo``).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from kartoteka.corrections import Correction, SetClassification, SetDate, SetTitle
from kartoteka.corrections.typed_date import read_date
from kartoteka.errors import CorrectionError, KartotekaError, Location
from kartoteka.search.filters import classification_level
from kartoteka.store.users import User, Users
from kartoteka.web import auth
from kartoteka.web.finder import Finder


class Editing:
    """The correction handlers of the reading room's pages (:class:`kartoteka.web.pages.Pages`)."""

    finder: Finder
    users: Users

    def render(self, request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        raise NotImplementedError

    def error(self, request: Request, status: int, message: str, expected: str | None) -> Response:
        raise NotImplementedError

    # ------------------------------------------------------------ corrections

    def refused(self, request: Request, exc: KartotekaError, back: str, title: str) -> Response:
        """A correction the archive refused: an error page (422, error styling, the reason and
        what was expected) with the way back to the page the form was on; nothing was changed."""
        return self.render(request, "error.html", 422, title=title, message=exc.message, expected=exc.expected,
                           back=back, back_label="Back to the page")

    def _user_for_post(self, request: Request, csrf: object) -> User | None:
        user = auth.current_user(request, self.users)
        if user is None or not auth.csrf_ok(request, csrf):
            return None
        return user

    async def correct(self, request: Request) -> Response:
        form = await request.form()
        entity_id, action = request.path_params["id"], request.path_params["action"]
        user = self._user_for_post(request, form.get("csrf"))
        if user is None:
            return self.error(request, 403, "sign in first (or the form expired)", "a signed-in user and a fresh form")
        fields = {k: [str(v) for v in form.getlist(k)] for k in form}
        try:
            done = self.finder.correct(user, entity_id, action, fields)
        except KartotekaError as exc:
            return self.refused(request, exc, f"/entities/{_quote(entity_id)}", "Not done")
        request.session["flash"] = f"Done: {done.message}"  # in the session, not the URL: no one can forge it
        return RedirectResponse(f"/entities/{_quote(done.entity)}", status_code=303)

    async def correct_document(self, request: Request) -> Response:
        """A document's date, title or classification set from its page's form."""
        form = await request.form()
        key = request.path_params["key"]
        user = self._user_for_post(request, form.get("csrf"))
        if user is None:
            return self.error(request, 403, "sign in first (or the form expired)", "a signed-in user and a fresh form")
        back = f"/documents/{_quote(key)}#history"
        field = str(form.get("field", ""))
        value, reason = str(form.get("value", "")).strip(), str(form.get("reason", "")).strip()
        caveats = tuple(c.strip() for c in str(form.get("caveats", "")).split(";") if c.strip())
        try:
            doc_id = self.finder.reading.document_id(key)
            doc = self.finder.reading.documents_in([doc_id]) if doc_id is not None else []
            if not doc:
                raise CorrectionError("no such document", location=Location("web"), expected="a document's sha256")
            entry = self.finder.archive.correct(document_correction(doc[0].sha256, field, value, caveats),
                                                author=user.public, reason=reason)
        except KartotekaError as exc:
            return self.refused(request, exc, back, "Not done")
        request.session["flash"] = f"Done: #{entry.id} {entry.target}"
        return RedirectResponse(back, status_code=303)

    async def undo(self, request: Request) -> Response:
        """Undo a correction from the history on a document's or an entity's page (it stays in the log)."""
        form = await request.form()
        user = self._user_for_post(request, form.get("csrf"))
        if user is None:
            return self.error(request, 403, "sign in first (or the form expired)", "a signed-in user and a fresh form")
        archive = self.finder.archive
        if "key" in request.path_params:
            back = f"/documents/{_quote(request.path_params['key'])}#history"
            doc_id = self.finder.reading.document_id(request.path_params["key"])
            docs = self.finder.reading.documents_in([doc_id]) if doc_id is not None else []
            listed = archive.correction_history(document=docs[0].sha256) if docs else []
        else:
            back = f"/entities/{_quote(request.path_params['id'])}#history"
            listed = archive.correction_history(entity=request.path_params["id"])
        try:
            cid = int(str(form.get("correction", "")))
        except ValueError:
            cid = 0
        try:
            # only what the page lists: a form cannot be turned on another document's corrections
            if cid not in {e.id for e in listed}:
                raise CorrectionError(f"correction #{cid} is not in this page's history", location=Location("web"),
                                      expected="a correction listed on the page")
            entry = archive.undo(cid, author=user.public, reason=str(form.get("reason", "")))
        except KartotekaError as exc:
            return self.refused(request, exc, back, "Not undone")
        request.session["flash"] = f"Undone: #{entry.id} {entry.target}"
        return RedirectResponse(back, status_code=303)

    async def correct_api(self, request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return self.error(request, 400, "the body must be a JSON object", '{"reason": …, …}')
        user = auth.current_user(request, self.users)
        if user is None or not auth.csrf_ok(request, body.get("csrf")):
            return self.error(request, 403, "a correction needs a user", "Authorization: Bearer TOKEN")
        fields = {k: [str(x) for x in v] if isinstance(v, list) else [str(v)] for k, v in body.items()}
        done = self.finder.correct(user, request.path_params["id"], request.path_params["action"], fields)
        return JSONResponse({"entity": done.entity, "message": done.message})

    async def corrections_api(self, request: Request) -> Response:
        return JSONResponse([asdict(a) for a in self.finder.audit()])


def document_correction(sha256: str, field: str, value: str, caveats: tuple[str, ...] = ()) -> Correction:
    """A document value as a historian types it into the page's form, read as ``kartoteka correct``
    reads it: a date by :func:`kartoteka.corrections.typed_date.read_date` (a day, month, year, a
    range, "circa"), a level by any of its names ("none": caveats
    only), a title as written."""
    if field == "date":
        typed = read_date(value, "date")
        return SetDate(sha256, typed.iso, typed.not_before, typed.not_after, typed.certainty)
    if field == "classification":
        level = None if value.casefold() == "none" else classification_level(value)
        return SetClassification(sha256, level, caveats)
    if field == "title":
        if not value:
            raise CorrectionError("an empty title", location=Location("title"), expected="a title")
        return SetTitle(sha256, value)
    raise CorrectionError(f"no document value {field!r}", location=Location("field"),
                          expected="date, title or classification")


def _quote(text: str) -> str:
    return quote(text, safe=":")


__all__ = ["Editing", "document_correction"]
