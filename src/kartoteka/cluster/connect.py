"""Where distributed work runs: ``local:N`` (a LocalCluster of N worker processes on this
machine) or ``tcp://HOST:PORT`` (the scheduler of a running Dask cluster), and the client to it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kartoteka.errors import KartotekaError, Location

if TYPE_CHECKING:
    from distributed import Client

_LOCAL = re.compile(r"local(?::(\d+))?\Z")
_REMOTE = re.compile(r"(tcp|tls|ws|wss)://[^\s/]+:\d+/?\Z")


class ClusterError(KartotekaError):
    """A cluster that cannot be reached or started, or work it could not finish."""

    code = "cluster_error"


@dataclass(frozen=True, slots=True)
class ClusterSpec:
    """``address`` of a running scheduler, or ``local_workers`` processes to start here."""

    address: str | None = None
    local_workers: int = 2

    @classmethod
    def parse(cls, text: str) -> ClusterSpec:
        text = text.strip()
        local = _LOCAL.match(text)
        if local:
            n = int(local.group(1) or 2)
            if n < 1:
                raise ClusterError("a local cluster needs at least one worker", location=Location("--cluster"),
                                   expected="local:N with N >= 1")
            return cls(local_workers=n)
        if _REMOTE.match(text):
            return cls(address=text.rstrip("/"))
        raise ClusterError(f"not a cluster address: {text!r}", location=Location("--cluster"),
                           expected="local:N or tcp://SCHEDULER:PORT")

    def __str__(self) -> str:
        return self.address or f"local:{self.local_workers}"


@contextmanager
def connect(spec: ClusterSpec, *, timeout: float = 30.0) -> Iterator[Client]:
    """A ``distributed.Client`` for the spec; a local cluster lives as long as the block."""
    from distributed import Client, LocalCluster

    if spec.address is not None:
        try:
            client = Client(spec.address, timeout=f"{timeout}s", set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot reach the scheduler: {exc}", location=Location(spec.address),
                               expected="a running dask scheduler") from None
        try:
            yield client
        finally:
            client.close()
        return
    import dask

    # One thread per worker process: parsing is CPU-bound Python, threads would share one GIL.
    # The workers' statistical profiler samples every stack each 10 ms: ~7 % of a worker's CPU
    # spent watching the parse rather than parsing.
    with dask.config.set({"distributed.worker.profile.enabled": False}):
        cluster = LocalCluster(
            n_workers=spec.local_workers, threads_per_worker=1, processes=True,
            dashboard_address=":0", silence_logs=logging.ERROR,  # any free port: never clash with another
        )
    try:
        client = Client(cluster, set_as_default=False)
        try:
            yield client
        finally:
            client.close()
    finally:
        cluster.close()


__all__ = ["ClusterError", "ClusterSpec", "connect"]
