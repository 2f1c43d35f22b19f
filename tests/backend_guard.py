"""Which backends a test run exercised: a summary at the end of every run, and a guard for CI.

A test counts for a backend when it carries the backend's marker, or (found without a marker) when:

- sqlite: a parameter of it is ``"sqlite"`` (``archive_url``), it uses the reading room's archive,
  or its module (not a PostgreSQL-only test) names an SQLite file;
- postgresql: a parameter of it is ``"postgresql"``, or it uses ``pg_url``;
- chromium: it is marked ``browser``;
- dask: it uses the ``client`` fixture of tests/cluster (a real LocalCluster);
- shared: it uses a fixture that reads ../shared, its module names ../shared (or the seed), or it
  was skipped for a reason that names ../shared.

``KARTOTEKA_REQUIRE_BACKENDS=sqlite,postgresql,...`` (``.ci/run`` sets it) makes the run fail when
a required backend ran no test or skipped one: a missing server, browser or corpus is then an
error, not a row of quiet ``s``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REQUIRE_ENV = "KARTOTEKA_REQUIRE_BACKENDS"

# backend -> (marker, what it is, for the summary)
BACKENDS: dict[str, tuple[str, str]] = {
    "sqlite": ("sqlite", "SQLite archive files"),
    "postgresql": ("postgres", "PostgreSQL server (KARTOTEKA_TEST_PG)"),
    "chromium": ("browser", "headless Chromium (Playwright)"),
    "dask": ("dask", "Dask LocalCluster (tests/cluster)"),
    "shared": ("shared", "the shared corpus in ../shared"),
}

# Registered here (not in pyproject.toml) so that any run loading this plugin knows them (--strict-markers).
MARKER_HELP = {
    "sqlite": "sqlite: stores into an SQLite archive file",
    "postgres": "postgres: needs a PostgreSQL server (KARTOTEKA_TEST_PG)",
    "browser": "browser: drives a real headless Chromium",
    "dask": "dask: runs on a real Dask LocalCluster",
    "shared": "shared: reads the seed or a corpus from ../shared",
}

# Fixtures whose value comes from ../shared (those built on them are in a test's fixture closure too).
SHARED_FIXTURES = frozenset({
    "seed_path", "soviet_paths", "corpus_records", "guatemala_records", "seed_genre_records",
    "dev_files", "sources",
})

# A module reads ../shared when it names the folder or a constant standing for it.
SHARED_SOURCE = re.compile(r"""["']shared["'/]|\b(?:SHARED|SEED|SEEDS|SEED_DIR|FRUS_DEV|GENRE_DEV)\b""")
SQLITE_SOURCE = re.compile(r"""\bsqlite3\b|\.db["'/]""")
# Fixtures whose archive is an SQLite file (the reading room's, built by the real ingest).
SQLITE_FIXTURES = frozenset({"built_archive"})


@dataclass
class BackendTally:
    """What happened to one backend's tests."""

    ran: int = 0
    skips: dict[str, int] = field(default_factory=dict)

    @property
    def skipped(self) -> int:
        return sum(self.skips.values())


def _source(path: Path, cache: dict[Path, str]) -> str:
    if path not in cache:
        try:
            cache[path] = path.read_text(encoding="utf-8")
        except OSError:
            cache[path] = ""
    return cache[path]


def backends_of(item: pytest.Item, cache: dict[Path, str]) -> set[str]:
    found = {name for name, (marker, _) in BACKENDS.items() if item.get_closest_marker(marker)}
    callspec = getattr(item, "callspec", None)
    params = {v for v in callspec.params.values() if isinstance(v, str)} if callspec is not None else set()
    fixtures = set(getattr(item, "fixturenames", ()))
    if "postgresql" in params or "pg_url" in fixtures:
        found.add("postgresql")
    source = _source(item.path, cache)
    if "sqlite" in params or fixtures & SQLITE_FIXTURES or (
            "postgresql" not in found and SQLITE_SOURCE.search(source)):
        found.add("sqlite")
    if "client" in fixtures and item.path.parent.name == "cluster":
        found.add("dask")
    if fixtures & SHARED_FIXTURES or SHARED_SOURCE.search(source):
        found.add("shared")
    return found


def _reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return reason.removeprefix("Skipped: ")


class BackendGuard:
    """Tallies every test's outcome under its backends; fails the run when a required one fell short."""

    def __init__(self, required: list[str]) -> None:
        self.required = required
        self.tallies = {name: BackendTally() for name in BACKENDS}
        self.sources: dict[Path, str] = {}
        self.shortfalls: list[str] = []

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
            self, item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        counted = report.when == "call" or (report.skipped and report.when == "setup")
        if counted and not hasattr(report, "wasxfail"):
            reason = _reason(report) if report.skipped else ""
            names = backends_of(item, self.sources)
            if "../shared" in reason:  # a skip that names the corpus is the corpus's, wherever it is
                names.add("shared")
            for name in names:
                tally = self.tallies[name]
                if report.skipped:
                    tally.skips[reason] = tally.skips.get(reason, 0) + 1
                else:
                    tally.ran += 1
        return report

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if session.config.option.collectonly:
            return
        for name in self.required:
            tally = self.tallies[name]
            if tally.skipped:
                self.shortfalls.append(f"{name}: {tally.skipped} test(s) skipped")
            elif not tally.ran:
                self.shortfalls.append(f"{name}: no test ran")
        if self.shortfalls and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        tr = terminalreporter
        tr.write_sep("=", "backends")
        for name, (_, what) in BACKENDS.items():
            tally = self.tallies[name]
            need = " (required)" if name in self.required else ""
            state = f"{tally.ran} ran" if tally.ran else "none ran"
            if tally.skipped:
                state += f", {tally.skipped} skipped"
            tr.write_line(f"{name:<11} {state:<24} {what}{need}")
            for reason, count in sorted(tally.skips.items()):
                tr.write_line(f"{'':<11}   skipped {count}x: {reason}")
        if self.shortfalls:
            tr.write_line(f"FAILED: {REQUIRE_ENV} requires backends that did not all run:", red=True, bold=True)
            for line in self.shortfalls:
                tr.write_line(f"  {line}", red=True)


def required_backends(value: str) -> list[str]:
    names = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [n for n in names if n not in BACKENDS]
    if unknown:
        raise pytest.UsageError(f"{REQUIRE_ENV}: unknown backend(s) {', '.join(unknown)}; "
                                f"known: {', '.join(BACKENDS)}")
    return names


def pytest_configure(config: pytest.Config) -> None:
    for line in MARKER_HELP.values():
        config.addinivalue_line("markers", line)
    guard = BackendGuard(required_backends(os.environ.get(REQUIRE_ENV, "")))
    config.pluginmanager.register(guard, "backend_guard_tally")
