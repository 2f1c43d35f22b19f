"""Predicted records assigned to the gold documents they are of (by path and text hash), with
what could not be assigned counted."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kartoteka.evaluation.gold import GoldDoc, GoldVolume

JSON = dict[str, Any]


# ------------------------------------------------------------------ matching records to gold


@dataclass
class Predictions:
    """Records assigned to gold documents, and what could not be assigned."""

    records: dict[tuple[str, str], JSON] = field(default_factory=dict)
    lines: int = 0
    bad_lines: int = 0
    unmatched: int = 0
    ambiguous: int = 0
    duplicates: Counter[str] = field(default_factory=Counter)
    sha_checked: Counter[str] = field(default_factory=Counter)
    sha_mismatch: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def example(self, what: str, path: str) -> None:
        lst = self.examples.setdefault(what, [])
        if len(lst) < 5:
            lst.append(path)


def locate(path: str, sha: str | None, volumes: Sequence[GoldVolume]) -> tuple[str, GoldDoc | None]:
    """The gold document a record's source path names: by a parent folder named as a volume, by
    content hash among documents of that file name, or by the file name alone when unique."""
    parts = [p for p in re.split(r"[\\/]+", path) if p]
    if not parts:
        return "unmatched", None
    base, folders = parts[-1], parts[:-1]
    named: dict[str, GoldVolume] = {}
    for v in volumes:
        named[v.key] = v
        named.setdefault(v.volume_id, v)
    for d in reversed(folders):
        if d in named:
            doc = named[d].by_basename().get(base)
            return ("ok", doc) if doc is not None else ("unmatched", None)
    cands = [doc for v in volumes if (doc := v.by_basename().get(base)) is not None]
    same = [d for d in cands if sha and d.sha256 == sha]
    if len(same) == 1:
        return "ok", same[0]
    if len(folders) >= 2 and folders[-1] == "text" and folders[-2] not in (".", ".."):
        return "unmatched", None
    if len(cands) == 1:
        return "ok", cands[0]
    return ("ambiguous", None) if cands else ("unmatched", None)


def assign(records: Sequence[JSON | None], volumes: Sequence[GoldVolume], where: str = "records") -> Predictions:
    """Assign contract records (None for an unreadable line) to gold documents."""
    pi = Predictions()
    for rec in records:
        pi.lines += 1
        src = rec.get("source") if isinstance(rec, dict) else None
        spath = src.get("path") if isinstance(src, dict) else None
        if not isinstance(rec, dict) or not isinstance(src, dict) or not isinstance(spath, str):
            pi.bad_lines += 1
            continue
        sha = src.get("sha256") if isinstance(src.get("sha256"), str) else None
        status, doc = locate(spath, sha, volumes)
        if doc is None:
            if status == "ambiguous":
                pi.ambiguous += 1
            else:
                pi.unmatched += 1
            pi.example(status, spath)
            continue
        key = (doc.volume, doc.basename)
        if key in pi.records:
            pi.duplicates[doc.volume] += 1
            pi.example("duplicate", spath)
            continue
        pi.records[key] = rec
        if sha is not None:
            pi.sha_checked[doc.volume] += 1
            if sha != doc.sha256:
                pi.sha_mismatch[doc.volume] += 1
                pi.example("sha256_mismatch", spath)
    return pi


__all__ = ["JSON", "Predictions", "assign", "locate"]
