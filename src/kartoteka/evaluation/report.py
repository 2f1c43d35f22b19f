"""Evaluation results as text: the same table (rows, labels, cells) and JSON object as the shared scorer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kartoteka.evaluation.score import AGENT_FIELDS, PRECISION_NOTE, Scores, metrics

JSON = dict[str, Any]
Row = tuple[str | None, Callable[[JSON], str] | None]


def _cell(x: float | None, num: object = None, den: object = None) -> str:
    v = "n/a" if x is None else f"{x:.3f}"
    return v if num is None else f"{v} {num}/{den}"


def _agent_rows(k: str) -> list[Row]:
    R = _cell
    return [
        (f"{k} precision (overlap)", lambda m: R(m[k]["precision"], m[k]["tp"], m[k]["pred"])),
        (f"{k} recall (overlap)", lambda m: R(m[k]["recall"], m[k]["tp"], m[k]["gold"])),
        (f"{k} F1 (overlap)", lambda m: R(m[k]["f1"])),
        (f"{k} F1 (text)", lambda m: R(m[k]["text"]["f1"])),
    ]


def _rows() -> list[Row]:
    R = _cell
    rows: list[Row] = [
        ("coverage: docs with a record", lambda m: R(m["coverage"]["rate"], m["coverage"]["records"], m["coverage"]["gold_docs"])),
        ("  records with error", lambda m: str(m["coverage"]["error_records"])),
        ("  duplicate records (ignored)", lambda m: str(m["coverage"]["duplicate_records"])),
        ("  sha256 mismatch / checked", lambda m: f'{m["coverage"]["sha256_mismatch"]}/{m["coverage"]["sha256_checked"]}'),
        ("  span text != file slice", lambda m: f'{m["coverage"]["spans_text_mismatch"]}/{m["coverage"]["spans_checked"]}'),
        (None, None),
        ("title accuracy", lambda m: R(m["title"]["accuracy"], m["title"]["correct"], m["title"]["total"])),
        ("date accuracy", lambda m: R(m["date"]["accuracy"], m["date"]["correct"], m["date"]["total"])),
        ("  dates predicted", lambda m: f'{m["date"]["answered"]}/{m["date"]["total"]}'),
        ("place accuracy", lambda m: R(m["place"]["accuracy"], m["place"]["correct"], m["place"]["total"])),
        ("  places predicted", lambda m: f'{m["place"]["answered"]}/{m["place"]["total"]}'),
        (None, None),
    ]
    for k in AGENT_FIELDS:
        rows += _agent_rows(k)
    cl, pe, li = "classification", "persons", "linking"
    rows += [
        (None, None),
        ("classification level accuracy", lambda m: R(m[cl]["level"]["accuracy"], m[cl]["level"]["correct"], m[cl]["level"]["total"])),
        ("caveats precision", lambda m: R(m[cl]["caveats"]["precision"], m[cl]["caveats"]["tp"], m[cl]["caveats"]["pred"])),
        ("caveats recall", lambda m: R(m[cl]["caveats"]["recall"], m[cl]["caveats"]["tp"], m[cl]["caveats"]["gold"])),
        ("caveats F1", lambda m: R(m[cl]["caveats"]["f1"])),
        ("references recall", lambda m: R(m["references"]["recall"], m["references"]["tp"], m["references"]["gold"])),
        ("references precision in citation", lambda m: R(m["references"]["precision_in_citation"])),
        (None, None),
        ("persons recall exact", lambda m: R(m[pe]["exact"]["recall"], m[pe]["exact"]["tp"], m[pe]["gold"])),
        ("persons recall overlap", lambda m: R(m[pe]["overlap"]["recall"], m[pe]["overlap"]["tp"], m[pe]["gold"])),
        ("persons precision exact (>=)", lambda m: R(m[pe]["exact"]["precision"], m[pe]["exact"]["tp"], m[pe]["pred"])),
        ("persons precision overlap (>=)", lambda m: R(m[pe]["overlap"]["precision"], m[pe]["overlap"]["tp"], m[pe]["pred"])),
        ("persons F1 exact (>=)", lambda m: R(m[pe]["exact"]["f1"])),
        ("persons F1 overlap (>=)", lambda m: R(m[pe]["overlap"]["f1"])),
        ("persons body recall exact", lambda m: R(m[pe]["body_recall_exact"], m[pe]["body_exact_tp"], m[pe]["gold_body"])),
        ("persons body recall overlap", lambda m: R(m[pe]["body_recall_overlap"], m[pe]["body_overlap_tp"], m[pe]["gold_body"])),
        (None, None),
        ("linking: id'd gold mentions matched", lambda m: R(m[li]["matched_rate"], m[li]["matched"], m[li]["gold_with_id"])),
        ("  ... scored (pred has entity id)", lambda m: str(m[li]["scored"])),
        ("linking B-cubed precision", lambda m: R(m[li]["bcubed"]["precision"])),
        ("linking B-cubed recall", lambda m: R(m[li]["bcubed"]["recall"])),
        ("linking B-cubed F1", lambda m: R(m[li]["bcubed"]["f1"])),
    ]
    return rows


def table(columns: list[tuple[str, JSON]]) -> str:
    """Metrics as an aligned table, one column per (name, metrics)."""
    rows = _rows()
    label_w = max(len(label) for label, _ in rows if label) + 2
    cells = [[fn(m) for _, m in columns] if fn else None for _, fn in rows]
    widths = [max([len(name)] + [len(r[i]) for r in cells if r]) + 2 for i, (name, _) in enumerate(columns)]
    out = ["".ljust(label_w) + "".join(name.rjust(w) for (name, _), w in zip(columns, widths, strict=True))]
    rule = "-" * (label_w + sum(widths))
    out.append(rule)
    for (label, _), row in zip(rows, cells, strict=True):
        if row is None or label is None:
            out.append(rule)
        else:
            out.append(label.ljust(label_w) + "".join(x.rjust(w) for x, w in zip(row, widths, strict=True)))
    return "\n".join(out)


def result_json(scores: Scores, pred_name: str, by_volume: bool = False) -> JSON:
    """The whole result as one JSON-ready object (the shape of kscore's ``--json``)."""
    pi = scores.predictions
    inputs = {
        "gold_volumes": [v.path for v in scores.volumes],
        "pred": pred_name,
        "pred_lines": pi.lines,
        "bad_lines": pi.bad_lines,
        "matched_records": len(pi.records),
        "unmatched_records": pi.unmatched,
        "ambiguous_records": pi.ambiguous,
        "duplicate_records": sum(pi.duplicates.values()),
        "examples": dict(pi.examples),
    }
    out: JSON = {"kscore": 1, "inputs": inputs, "notes": [PRECISION_NOTE], "overall": metrics(scores.total)}
    if by_volume:
        out["by_volume"] = {k: metrics(c) for k, c in scores.per_volume.items()}
    return out


def render(scores: Scores, pred_name: str, by_volume: bool = False) -> str:
    """The human-readable report: a summary line, examples of unmatched records, the table, the note."""
    result = result_json(scores, pred_name, by_volume)
    pi = scores.predictions
    n_docs = scores.total["cov.gold_docs"]
    lines = [
        f"kartoteka evaluate: {n_docs} gold docs in {len(scores.volumes)} volume(s); {pred_name}: {pi.lines} records, "
        f"{len(pi.records)} matched, {pi.unmatched} unmatched, {pi.ambiguous} ambiguous, "
        f"{sum(pi.duplicates.values())} duplicate, {pi.bad_lines} unreadable"
    ]
    for what, ex in pi.examples.items():
        lines.append(f"  e.g. {what}: {', '.join(ex)}")
    lines.append("cells: value numerator/denominator; (>=) = lower bound, see note\n")
    columns = [("ALL", result["overall"])]
    if by_volume:
        columns += list(result["by_volume"].items())
    lines.append(table(columns))
    lines.append(f"\nnote: {PRECISION_NOTE}.")
    return "\n".join(lines)


__all__ = ["render", "result_json", "table"]
