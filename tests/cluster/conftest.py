"""A real Dask LocalCluster of two worker processes, shared by the cluster tests of a module."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from distributed import Client

from kartoteka.cluster import ClusterSpec, connect

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "frus-dev"


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with connect(ClusterSpec.parse("local:2")) as c:
        c.wait_for_workers(2, timeout=60)
        yield c


@pytest.fixture(scope="session")
def dev_files() -> list[Path]:
    files = sorted(DEV.rglob("*.txt"))
    if not files:
        pytest.skip("the FRUS dev set is not in ../shared/corpus/frus-dev")
    return files


@pytest.fixture(scope="session")
def make_texts(dev_files: list[Path]) -> Callable[[Path, int], dict[str, str]]:
    return lambda out, copies: texts_jsonl(dev_files, out, copies)


def texts_jsonl(dev_files: list[Path], out: Path, copies: int) -> dict[str, str]:
    """A JSON Lines file of ``copies`` distinct texts made from dev documents; path -> sha256."""
    expected: dict[str, str] = {}
    with open(out, "w", encoding="utf-8") as fh:
        for i in range(copies):
            src = dev_files[i % len(dev_files)]
            text = src.read_text(encoding="utf-8") + f"\n[copy {i}]\n"
            path = f"gen/{i:05d}-{src.name}"
            fh.write(json.dumps({"path": path, "text": text}, ensure_ascii=False) + "\n")
            expected[path] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return expected
