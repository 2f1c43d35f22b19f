"""The backends summary and its CI guard, on a tiny test folder run by a real pytest in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from backend_guard import BACKENDS, REQUIRE_ENV

TESTS = Path(__file__).resolve().parent

TINY = '''
import pytest

@pytest.mark.shared
def test_reads_the_corpus():
    pytest.skip("the corpus is not in ../shared")

@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_on_both_stores(backend):
    assert backend

@pytest.mark.browser
def test_in_chromium():
    pass
'''


def _run(folder: Path, require: str | None) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if k != REQUIRE_ENV}
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), env.get("PYTHONPATH", "")])
    if require is not None:
        env[REQUIRE_ENV] = require
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "backend_guard", "-p", "no:cacheprovider", "-q", str(folder)],
        cwd=folder, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    return done.returncode, done.stdout + done.stderr


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("tiny")
    (where / "test_tiny.py").write_text(TINY, encoding="utf-8")
    return where


@pytest.mark.parametrize(("require", "code", "says"), [
    (None, 0, "shared      none ran, 1 skipped"),
    ("", 0, "skipped 1x: the corpus is not in ../shared"),
    ("sqlite,postgresql,chromium", 0, "postgresql  1 ran"),
    ("sqlite,shared", 1, "shared: 1 test(s) skipped"),
    ("sqlite, dask", 1, "dask: no test ran"),
    ("mysql", 4, "unknown backend(s) mysql"),
])
def test_summary_and_guard(folder: Path, require: str | None, code: int, says: str) -> None:
    returncode, out = _run(folder, require)
    assert returncode == code, out
    assert says in out, out
    if code == 1:
        assert "FAILED: KARTOTEKA_REQUIRE_BACKENDS requires backends that did not all run" in out


def test_every_backend_is_in_the_summary(folder: Path) -> None:
    _, out = _run(folder, None)
    summary = out[out.index("= backends ="):]
    rows = [line.split()[0] for line in summary.splitlines()[1:6]]
    assert rows == list(BACKENDS)
    assert "sqlite      1 ran" in summary and "chromium    1 ran" in summary
