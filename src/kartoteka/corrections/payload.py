"""A correction as the JSON its audit-log entry keeps, and back."""

from __future__ import annotations

import json
from typing import Any

from kartoteka.corrections.correction import (
    Correction,
    CorrectionAction,
    EntityRef,
    MentionRef,
    Merge,
    Reattach,
    Rename,
    SetClassification,
    SetDate,
    SetTitle,
    Split,
)
from kartoteka.errors import CorrectionError, Location


def _mref(d: Any) -> MentionRef:
    return MentionRef(str(d["sha256"]), int(d["start"]), int(d["end"]))


def _eref(d: Any) -> EntityRef:
    return EntityRef(str(d["id"]), str(d["name"]), str(d["kind"]), tuple(_mref(a) for a in d.get("anchors", ())))


def _mjson(m: MentionRef) -> dict[str, Any]:
    return {"sha256": m.sha256, "start": m.start, "end": m.end}


def _ejson(e: EntityRef) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "kind": e.kind, "anchors": [_mjson(a) for a in e.anchors]}


def to_payload(c: Correction) -> str:
    """The correction as the JSON kept in the audit log."""
    d: dict[str, Any]
    if isinstance(c, Merge):
        d = {"into": _ejson(c.into), "other": _ejson(c.other)}
    elif isinstance(c, Split):
        d = {"entity": _ejson(c.entity), "mentions": [_mjson(m) for m in c.mentions], "name": c.name}
        if c.spellings:
            d["spellings"] = list(c.spellings)
    elif isinstance(c, Reattach):
        d = {"mention": _mjson(c.mention), "entity": _ejson(c.entity) if c.entity else None}
    elif isinstance(c, Rename):
        d = {"entity": _ejson(c.entity), "name": c.name}
    elif isinstance(c, SetDate):
        d = {"sha256": c.sha256, "iso": c.iso, "not_before": c.not_before, "not_after": c.not_after}
        if c.certainty != "high":  # entries of a certain date read as before
            d["certainty"] = c.certainty
    elif isinstance(c, SetClassification):
        d = {"sha256": c.sha256, "level": c.level, "caveats": list(c.caveats)}
    else:
        d = {"sha256": c.sha256, "title": c.title}
    return json.dumps(d, ensure_ascii=False, sort_keys=True)


def from_payload(action: str, payload: str, where: str = "corrections") -> Correction:
    """A correction back from the audit log; :class:`CorrectionError` if the entry is damaged."""
    try:
        d = json.loads(payload)
        a = CorrectionAction(action)
        if a is CorrectionAction.MERGE:
            return Merge(_eref(d["into"]), _eref(d["other"]))
        if a is CorrectionAction.SPLIT:
            return Split(_eref(d["entity"]), tuple(_mref(m) for m in d["mentions"]), str(d["name"]),
                         tuple(str(x) for x in d.get("spellings", ())))
        if a is CorrectionAction.REATTACH:
            return Reattach(_mref(d["mention"]), _eref(d["entity"]) if d["entity"] else None)
        if a is CorrectionAction.RENAME:
            return Rename(_eref(d["entity"]), str(d["name"]))
        if a is CorrectionAction.SET_DATE:
            return SetDate(str(d["sha256"]), str(d["iso"]), str(d["not_before"]), str(d["not_after"]),
                           str(d.get("certainty", "high")))
        if a is CorrectionAction.SET_CLASSIFICATION:
            level = d["level"]
            return SetClassification(str(d["sha256"]), None if level is None else str(level),
                                     tuple(str(x) for x in d.get("caveats", ())))
        return SetTitle(str(d["sha256"]), str(d["title"]))
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        # (an entry from an imported file may be any JSON: nested too deep, a list for an object)
        raise CorrectionError(f"damaged correction entry: {str(exc)[:200]}", location=Location(where),
                              expected="an entry written by `kartoteka correct`") from None
