"""The sign-in throttle: failed sign-ins counted per name and per address, in this server's memory.

After ``FAILURES`` failures within ``WINDOW_S`` seconds, the name (or the address) is refused
without a password check until the oldest of them is ``WINDOW_S`` old: the answer is a 429 with
``Retry-After``, and a guess costs the server nothing. A successful sign-in forgets its name's
failures. The tables are bounded (``KEEP`` keys), the oldest forgotten first.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque

FAILURES = 10
WINDOW_S = 15 * 60.0
KEEP = 10_000


class Throttle:
    def __init__(self, failures: int = FAILURES, window_s: float = WINDOW_S) -> None:
        self.failures = failures
        self.window_s = window_s
        self._seen: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, name: str, address: str) -> int:
        """Seconds before ``name`` from ``address`` may try again (0: now)."""
        now = time.monotonic()
        with self._lock:
            return max(self._wait(f"name:{name.casefold()}", now), self._wait(f"addr:{address}", now))

    def failed(self, name: str, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in (f"name:{name.casefold()}", f"addr:{address}"):
                times = self._seen.pop(key, None) or deque(maxlen=self.failures)
                times.append(now)
                self._seen[key] = times
            while len(self._seen) > KEEP:
                self._seen.popitem(last=False)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._seen.pop(f"name:{name.casefold()}", None)

    def _wait(self, key: str, now: float) -> int:
        times = self._seen.get(key)
        if times is None or len(times) < self.failures:
            return 0
        left = times[0] + self.window_s - now
        return max(0, int(left) + 1) if left > 0 else 0


__all__ = ["FAILURES", "WINDOW_S", "Throttle"]
