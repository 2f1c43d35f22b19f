"""A worker process's tie to the process that started it: when that one dies, even by kill -9,
the worker ends too instead of living on as an orphan holding its models in memory.

On Linux the kernel sends the worker SIGKILL when its parent ends (``PR_SET_PDEATHSIG``); on
every platform a daemon thread also looks at the parent twice a second and ends the worker once
it is gone (a worker started through a fork server has that server as its parent, so the thread
watches the starting process's pid itself).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
POLL_SECONDS = 0.5


def bind_to_parent(parent: int) -> None:
    """Called first in a worker started by process ``parent``: the worker ends when it does."""
    if os.getppid() == parent:
        if sys.platform.startswith("linux"):
            _death_signal()
        if os.getppid() != parent:  # the parent died before the signal was asked for
            os._exit(1)
        watch: Callable[[int], bool] = _same_parent
    else:
        watch = _alive
    threading.Thread(target=_watch, args=(parent, watch), daemon=True, name="kartoteka-lifeline").start()


def _death_signal() -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # no prctl here: the watching thread is enough
        pass


def _same_parent(parent: int) -> bool:
    return os.getppid() == parent


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a process of another user took the pid: ours is gone
        return False
    return True


def _watch(parent: int, alive: Callable[[int], bool]) -> None:
    while alive(parent):
        time.sleep(POLL_SECONDS)
    os._exit(1)  # nothing of a worker's is worth cleaning up: its results have no reader


__all__ = ["bind_to_parent"]
