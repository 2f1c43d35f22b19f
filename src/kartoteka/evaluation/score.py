"""Scoring records against gold documents: the metrics of the shared FRUS scorer (kscore), counted alike.

Predictions are records in the JSON form of the record contract (what ``parse --format jsonl``
writes), so records parsed in this process and records read from a file are scored the same
way, and a malformed predicted span is counted rather than trusted.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kartoteka.evaluation.gold import GoldDoc, GoldVolume
from kartoteka.evaluation.matching import match, norm_level, norm_text, overlaps, span_match, text_match
from kartoteka.evaluation.predictions import JSON, Predictions

PRECISION_NOTE = ("person precision is a lower bound: gold tags only the people in each "
                  "volume's List of Persons (1948: heading names only)")
AGENT_FIELDS = ("senders", "recipients", "signatories")


# ------------------------------------------------------------------ reading predicted spans


@dataclass(frozen=True, slots=True)
class PSpan:
    """A predicted span as read (its text as the record gives it), with the JSON object it came from."""

    start: int
    end: int
    text: str
    obj: JSON

    @property
    def bounds(self) -> tuple[int, int]:
        return (self.start, self.end)


class _Reader:
    """Reads a record's spans, counting malformed ones and ones whose text is not the file's slice."""

    def __init__(self, text: str, counts: Counter[str]) -> None:
        self.text, self.counts = text, counts

    def span(self, obj: Any) -> PSpan | None:
        if not isinstance(obj, dict):
            return None
        s, e = obj.get("start"), obj.get("end")
        if type(s) is not int or type(e) is not int or not 0 <= s <= e:
            self.counts["spans.malformed"] += 1
            return None
        t = obj.get("text")
        self.counts["spans.checked"] += 1
        if not isinstance(t, str) or self.text[s:e] != t:
            self.counts["spans.text_mismatch"] += 1
            if not isinstance(t, str):
                t = self.text[s:e]
        return PSpan(s, e, t, obj)

    def spans(self, objs: Any, kind: str | None = None) -> list[PSpan]:
        out: list[PSpan] = []
        for o in objs if isinstance(objs, list) else []:
            if kind is not None and (not isinstance(o, dict) or o.get("kind") != kind):
                continue
            sp = self.span(o)
            if sp is not None:
                out.append(sp)
        return out


# ------------------------------------------------------------------ per document


def score_document(gd: GoldDoc, rec: JSON | None, c: Counter[str], pairs: list[tuple[str, str]]) -> None:
    """Add one gold document's counts to ``c``; (person id, entity id) pairs go to ``pairs`` for linking."""
    c["cov.gold_docs"] += 1
    if rec is not None:
        c["cov.records"] += 1
        if "error" in rec:
            c["cov.errors"] += 1
    pred: JSON = rec if isinstance(rec, dict) and "error" not in rec else {}
    rd = _Reader(gd.text, c)

    _score_header(gd, pred, rd, c)
    _score_agents(gd, pred, rd, c)
    _score_classification(gd, pred, c)
    _score_references(gd, pred, rd, c)
    _score_persons(gd, pred, rd, c, pairs)


def _score_header(gd: GoldDoc, pred: JSON, rd: _Reader, c: Counter[str]) -> None:
    """Title, date and place of writing: answered, and answered right."""
    if gd.title is not None:
        c["title.total"] += 1
        sp = rd.span(pred.get("title"))
        if sp is not None:
            c["title.answered"] += 1
            c["title.correct"] += norm_text(sp.text) == norm_text(gd.title.text)

    if gd.date_iso:
        c["date.total"] += 1
        pdate = pred.get("date") if isinstance(pred.get("date"), dict) else {}
        if pdate:
            rd.span(pdate)
        piso = pdate.get("iso") if pdate else None
        if isinstance(piso, str) and piso:
            c["date.answered"] += 1
            iso = gd.date_iso
            c["date.correct"] += piso.startswith(iso) and piso[len(iso):len(iso) + 1] in ("", "-")

    gp = gd.place
    if gp is not None and gp.declassified and "not declassified" not in gp.span.text.casefold():
        c["place.total"] += 1
        sp = rd.span(pred.get("place"))
        if sp is not None and sp.text.strip():
            c["place.answered"] += 1
            c["place.correct"] += text_match(sp.text, gp.span.text)


def _score_agents(gd: GoldDoc, pred: JSON, rd: _Reader, c: Counter[str]) -> None:
    """Senders, recipients and signatories: by their characters, and by their text."""
    for key, gold_spans in zip(AGENT_FIELDS, (gd.senders, gd.recipients, gd.signatories), strict=True):
        if not gold_spans:
            continue
        got = rd.spans(pred.get(key))
        c[f"{key}.docs"] += 1
        c[f"{key}.gold"] += len(gold_spans)
        c[f"{key}.pred"] += len(got)
        c[f"{key}.tp"] += len(span_match([(s.start, s.end) for s in gold_spans], [p.bounds for p in got]))
        c[f"{key}.text_tp"] += len(match([s.text for s in gold_spans], [p.text for p in got], text_match))


def _score_classification(gd: GoldDoc, pred: JSON, c: Counter[str]) -> None:
    """The classification level and the caveats."""
    gc = gd.classification
    if gc is not None:
        pc = pred.get("classification") if isinstance(pred.get("classification"), dict) else {}
        if gc.level:
            c["level.total"] += 1
            pl = pc.get("level") if pc else None
            if isinstance(pl, str) and pl.strip():
                c["level.answered"] += 1
                c["level.correct"] += norm_level(pl) == norm_level(gc.level)
        gold_cav = {norm_level(x) for x in gc.caveats}
        raw = pc.get("caveats") if pc else None
        pred_cav = {norm_level(x) for x in (raw if isinstance(raw, list) else []) if isinstance(x, str)}
        c["caveats.docs"] += 1
        c["caveats.gold"] += len(gold_cav)
        c["caveats.pred"] += len(pred_cav)
        c["caveats.tp"] += len(gold_cav & pred_cav)


def _score_references(gd: GoldDoc, pred: JSON, rd: _Reader, c: Counter[str]) -> None:
    """File references: recall, and precision inside the citation the gold marks."""
    refs = rd.spans(pred.get("references"))
    if gd.references:
        gold_refs = [(s.start, s.end) for s in gd.references]
        bounds = [p.bounds for p in refs]
        c["refs.docs"] += 1
        c["refs.gold"] += len(gold_refs)
        c["refs.tp"] += len(span_match(gold_refs, bounds))
        if gd.citation is not None:
            cit = (gd.citation.start, gd.citation.end)
            inside = [b for b in bounds if overlaps(b, cit)]
            c["refs.pred_in_citation"] += len(inside)
            c["refs.tp_in_citation"] += len(span_match(gold_refs, inside))


def _score_persons(gd: GoldDoc, pred: JSON, rd: _Reader, c: Counter[str], pairs: list[tuple[str, str]]) -> None:
    """Person mentions (exact and overlapping, in the body too) and the (person id, entity id) pairs of
    the matched ones, for linking."""
    gold_spans_p = [(m.span.start, m.span.end) for m in gd.persons]
    people = rd.spans(pred.get("mentions"), kind="person")
    bounds_p = [p.bounds for p in people]
    in_body = [m.zone == "body" for m in gd.persons]
    c["persons.gold"] += len(gd.persons)
    c["persons.gold_body"] += sum(in_body)
    c["persons.pred"] += len(people)
    left = Counter(bounds_p)
    for i, sp2 in enumerate(gold_spans_p):
        if left[sp2] > 0:
            left[sp2] -= 1
            c["persons.exact_tp"] += 1
            c["persons.body_exact_tp"] += in_body[i]
    matched = span_match(gold_spans_p, bounds_p)
    c["persons.overlap_tp"] += len(matched)
    c["persons.body_overlap_tp"] += sum(in_body[i] for i in matched)

    for i, m in enumerate(gd.persons):
        if not m.person_id:
            continue
        c["link.gold_with_id"] += 1
        if i in matched:
            c["link.matched"] += 1
            ent = people[matched[i]].obj.get("entity")
            if ent is not None and ent != "":
                c["link.scored"] += 1
                pairs.append((m.person_id, json.dumps(ent, sort_keys=True)))


def bcubed(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """Sums over mentions of B-cubed precision and recall (gold cluster = person id, predicted = entity id)."""
    gold_size = Counter(g for g, _ in pairs)
    pred_size = Counter(p for _, p in pairs)
    both = Counter(pairs)
    return (sum(both[pair] / pred_size[pair[1]] for pair in pairs),
            sum(both[pair] / gold_size[pair[0]] for pair in pairs))


# ------------------------------------------------------------------ metrics


def _ratio(num: float, den: float) -> float | None:
    return round(num / den, 4) if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p == 0 or r == 0:
        return 0.0
    if p is None or r is None:
        return None
    return round(2 * p * r / (p + r), 4)


def _acc(c: Counter[str], k: str) -> JSON:
    return {"correct": c[f"{k}.correct"], "total": c[f"{k}.total"], "answered": c[f"{k}.answered"],
            "accuracy": _ratio(c[f"{k}.correct"], c[f"{k}.total"])}


def _prf(tp: int, gold: int, pred: int, **extra: int) -> JSON:
    p, r = _ratio(tp, pred), _ratio(tp, gold)
    return {**extra, "tp": tp, "gold": gold, "pred": pred, "precision": p, "recall": r, "f1": _f1(p, r)}


def metrics(c: Counter[str]) -> JSON:
    """The nested metrics of one column of counts (same keys as kscore's JSON)."""
    out: JSON = {
        "coverage": {
            "gold_docs": c["cov.gold_docs"], "records": c["cov.records"],
            "rate": _ratio(c["cov.records"], c["cov.gold_docs"]),
            "error_records": c["cov.errors"], "duplicate_records": c["cov.duplicates"],
            "sha256_checked": c["cov.sha_checked"], "sha256_mismatch": c["cov.sha_mismatch"],
            "spans_checked": c["spans.checked"], "spans_text_mismatch": c["spans.text_mismatch"],
            "spans_malformed": c["spans.malformed"],
        },
        "title": _acc(c, "title"),
        "date": _acc(c, "date"),
        "place": _acc(c, "place"),
    }
    for k in AGENT_FIELDS:
        out[k] = _prf(c[f"{k}.tp"], c[f"{k}.gold"], c[f"{k}.pred"], docs=c[f"{k}.docs"])
        out[k]["text"] = _prf(c[f"{k}.text_tp"], c[f"{k}.gold"], c[f"{k}.pred"])
    out["classification"] = {
        "level": _acc(c, "level"),
        "caveats": _prf(c["caveats.tp"], c["caveats.gold"], c["caveats.pred"], docs=c["caveats.docs"]),
    }
    out["references"] = {
        "docs": c["refs.docs"], "gold": c["refs.gold"], "tp": c["refs.tp"],
        "recall": _ratio(c["refs.tp"], c["refs.gold"]),
        "pred_in_citation": c["refs.pred_in_citation"],
        "precision_in_citation": _ratio(c["refs.tp_in_citation"], c["refs.pred_in_citation"]),
    }
    out["persons"] = {
        "gold": c["persons.gold"], "gold_body": c["persons.gold_body"], "pred": c["persons.pred"],
        "exact": _prf(c["persons.exact_tp"], c["persons.gold"], c["persons.pred"]),
        "overlap": _prf(c["persons.overlap_tp"], c["persons.gold"], c["persons.pred"]),
        "body_recall_exact": _ratio(c["persons.body_exact_tp"], c["persons.gold_body"]),
        "body_recall_overlap": _ratio(c["persons.body_overlap_tp"], c["persons.gold_body"]),
        "body_exact_tp": c["persons.body_exact_tp"],
        "body_overlap_tp": c["persons.body_overlap_tp"],
        "precision_is_lower_bound": True,
    }
    n = c["link.scored"]
    bp, br = _ratio(c["link.bcubed_p_sum"], n), _ratio(c["link.bcubed_r_sum"], n)
    out["linking"] = {
        "gold_with_id": c["link.gold_with_id"], "matched": c["link.matched"], "scored": n,
        "matched_rate": _ratio(c["link.matched"], c["link.gold_with_id"]),
        "bcubed": {"precision": bp, "recall": br, "f1": _f1(bp, br)},
    }
    return out


@dataclass(frozen=True, slots=True)
class Scores:
    """Counts per volume and over all volumes, and the assignment they were made from."""

    per_volume: dict[str, Counter[str]]
    total: Counter[str]
    predictions: Predictions
    volumes: tuple[GoldVolume, ...]


def score(volumes: Sequence[GoldVolume], pi: Predictions) -> Scores:
    per: dict[str, Counter[str]] = {}
    for v in volumes:
        c: Counter[str] = Counter()
        pairs: list[tuple[str, str]] = []
        for doc in sorted(v.docs, key=lambda d: d.basename):
            score_document(doc, pi.records.get((v.key, doc.basename)), c, pairs)
        c["cov.duplicates"] += pi.duplicates[v.key]
        c["cov.sha_checked"] += pi.sha_checked[v.key]
        c["cov.sha_mismatch"] += pi.sha_mismatch[v.key]
        p_sum, r_sum = bcubed(pairs)
        c["link.bcubed_p_sum"] = p_sum  # type: ignore[assignment]
        c["link.bcubed_r_sum"] = r_sum  # type: ignore[assignment]
        per[v.key] = c
    total: Counter[str] = Counter()
    for c in per.values():
        for k, x in c.items():
            total[k] += x
    return Scores(per, total, pi, tuple(volumes))


__all__ = [
    "AGENT_FIELDS",
    "PRECISION_NOTE",
    "PSpan",
    "Scores",
    "bcubed",
    "metrics",
    "score",
    "score_document",
]
