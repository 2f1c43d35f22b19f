"""``kartoteka evaluate``: score records against a gold set and print kscore's metrics."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from typing import Any

import click

from kartoteka.errors import ConfigError, Location, ReadError


def _read_jsonl(path: str) -> list[dict[str, Any] | None]:
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.readlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadError(f"cannot read predictions: {exc}", location=Location(path),
                        expected="a UTF-8 JSON Lines file from `kartoteka parse --format jsonl`") from None
    out: list[dict[str, Any] | None] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            rec = None
        if not isinstance(rec, dict):
            click.echo(f"kartoteka: warning: {path}:{n}: not a JSON record with source.path", err=True)
            rec = None
        out.append(rec)
    return out


@click.command()
@click.argument("paths", nargs=-1)
@click.option("--gold", "gold", multiple=True, metavar="DIR",
              help="A gold volume folder (text/, gold/) in the frus-dev format, or a folder of them. Repeatable.")
@click.option("--pred", "pred", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Records to score (JSON Lines of `kartoteka parse --format jsonl`) instead of parsing PATHS.")
@click.option("--tei", "tei", type=click.Path(dir_okay=False), default=None,
              help="A FRUS TEI volume: import it, parse its documents and score them "
                   "(against the gold derived from its markup, unless --gold is given).")
@click.option("--persons", type=click.Path(exists=True, dir_okay=False), default=None,
              help="An authority list of persons used when parsing PATHS.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--by-volume", is_flag=True, help="Also report each volume separately.")
@click.option("-j", "--jobs", type=int, default=0, help="Worker processes (0 = one per core).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on a terminal).")
def evaluate(paths: tuple[str, ...], gold: tuple[str, ...], pred: str | None, tei: str | None, persons: str | None,
             as_json: bool, by_volume: bool, jobs: int, progress: bool | None) -> None:
    """Score parsing against a gold set: title, date, place, senders, recipients, signatories,
    classification, references, person mentions and linking, as the shared kscore tool does.

    Records come from --pred FILE, or from parsing PATHS (files or folders), or from a TEI
    volume (--tei FILE), which also brings its own gold: `kartoteka evaluate --tei VOLUME.xml`
    imports, parses and scores in one command.
    """
    from kartoteka.evaluation.gold import gold_dirs, gold_from_tei, load_volume
    from kartoteka.evaluation.predictions import assign
    from kartoteka.evaluation.report import render, result_json
    from kartoteka.evaluation.score import score
    from kartoteka.export.record_json import record_json

    sources = sum(bool(x) for x in (pred, paths, tei))
    if sources != 1:
        raise ConfigError("give exactly one source of records: --pred FILE, PATHS, or --tei FILE",
                          location=Location("evaluate"), expected="--pred, PATHS or --tei")
    if not gold and not tei:
        raise ConfigError("no gold set", location=Location("evaluate"), expected="--gold DIR (or --tei FILE)")
    records: list[dict[str, Any] | None]
    volumes = [load_volume(p) for p in gold_dirs(list(gold))] if gold else []
    if len({v.key for v in volumes}) != len(volumes):
        raise ConfigError("two gold volume folders have the same name", location=Location("--gold"))
    if tei:
        from kartoteka.cli.import_ import parse_imports
        from kartoteka.readers.tei import read_tei_file

        imp = read_tei_file(tei)
        if not volumes:
            volumes = [gold_from_tei(imp)]
            if not volumes[0].docs:
                raise ReadError("the TEI file has no documents with a dateline to score", location=Location(tei),
                                expected='a FRUS-style volume (div type="document" with <dateline>)')
            # editorial notes have no gold: parsing them would only add unmatched records
            imp = replace(imp, documents=tuple(d for d in imp.documents if d.annotations.dateline is not None))
        records = [record_json(r) for r in parse_imports([imp], jobs, progress)]
        name = tei
    elif pred:
        records = list(_read_jsonl(pred))
        name = pred
    else:
        from kartoteka.cli.export import parse_paths

        parsed = parse_paths(paths, persons, jobs, progress)
        records = [record_json(r) for r in parsed]
        name = " ".join(paths) if len(paths) < 4 else f"{len(parsed)} files"
    sys.setrecursionlimit(max(10000, sys.getrecursionlimit()))
    scores = score(volumes, assign(records, volumes))
    if as_json:
        click.echo(json.dumps(result_json(scores, name, by_volume), ensure_ascii=False, indent=1))
    else:
        click.echo(render(scores, name, by_volume))
