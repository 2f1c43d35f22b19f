"""Claims: the characters of a text already taken by kept finds, asked whether a new stretch
overlaps one of them in time proportional to its length (the finds of a long text number in
the tens of thousands; testing each against every kept one grew with their square)."""

from __future__ import annotations

from bisect import bisect_right, insort


class Claims:
    """Half-open stretches ``[start, end)`` of a text of ``size`` characters, added one by one,
    none overlapping another.

    Two stretches overlap when ``a.start < b.end and b.start < a.end`` (so an empty stretch
    overlaps what strictly surrounds its point). Stretches of positive length that do not
    overlap share no character, so one byte per character says whether it is taken, and
    another whether a taken stretch starts there: a point is strictly inside a taken stretch
    when the characters on both sides of it are taken and none starts at it. Empty stretches
    are kept apart, as sorted points.
    """

    __slots__ = ("_points", "_starts", "_taken")

    def __init__(self, size: int) -> None:
        self._taken = bytearray(size + 1)
        self._starts = bytearray(size + 1)
        self._points: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        if start == end:
            return start > 0 and self._taken[start - 1] == 1 and self._taken[start] == 1 and not self._starts[start]
        if self._taken.find(1, start, end) >= 0:
            return True
        j = bisect_right(self._points, start)
        return j < len(self._points) and self._points[j] < end

    def add(self, start: int, end: int) -> None:
        """Take ``[start, end)``, which must overlap nothing taken (``overlaps`` said so)."""
        if start == end:
            insort(self._points, start)
            return
        self._taken[start:end] = b"\x01" * (end - start)
        self._starts[start] = 1


__all__ = ["Claims"]
