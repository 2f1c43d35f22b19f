"""What a re-link keeps for the next one: the collection's counts (``link_counts``) with the
last document they cover, and each block of names' clustering (``link_blocks``) by digest."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from kartoteka.linking import counting_version
from kartoteka.linking.blocks import clustering_from_json
from kartoteka.linking.cluster import Clustering
from kartoteka.store.dialect import marks
from kartoteka.store.writer import Writer

BATCH = 500


class LinkMemory:
    """The kept counts and clusterings of one archive (the caller holds the transaction)."""

    def __init__(self, writer: Writer) -> None:
        self.writer = writer
        self.db = writer.db

    def covered(self) -> int | None:
        """The last document id the kept counts cover, when adding the documents after it to them
        gives exactly the counts of the whole archive: counted by this code, none of the covered
        documents deleted or re-parsed since. None: count the archive anew."""
        meta = self.writer.meta
        through, documents = meta("link_counts_through"), meta("link_counts_documents")
        if (through is None or documents is None or meta("link_counts_version") != counting_version()
                or meta("link_counts_replaced") != (meta("documents_replaced") or "0")):
            return None
        covered = self.db.query("SELECT count(*) FROM documents WHERE id <= ?", (int(through),))
        return int(through) if int(covered[0][0] or 0) == int(documents) else None

    def rows(self, prefix: str) -> Iterator[tuple[str, str, int]]:
        for counter, key, count in self.db.iterate("SELECT counter, key, count FROM link_counts WHERE counter LIKE ?",
                                                   (prefix + "%",)):
            yield str(counter)[len(prefix):], str(key), int(count)

    def keep_counts(self, prefix: str, rows: Iterable[tuple[str, str, int]], only: set[tuple[str, str]] | None) -> None:
        """``link_counts`` rows of one prefix made ``rows``: every one, or ``only`` those keys
        (the ones new documents moved), the others being as kept."""
        if only is None:
            self.db.execute("DELETE FROM link_counts WHERE counter LIKE ?", (prefix + "%",))
            self.db.executemany("INSERT INTO link_counts (counter, key, count) VALUES (?, ?, ?)",
                                ((prefix + c, k, n) for c, k, n in rows))
            return
        now = {(c, k): n for c, k, n in rows if (c, k) in only}
        self.db.executemany("INSERT INTO link_counts (counter, key, count) VALUES (?, ?, ?) "
                            "ON CONFLICT (counter, key) DO UPDATE SET count = excluded.count",
                            ((prefix + c, k, n) for (c, k), n in sorted(now.items())))
        # a name or country no document names any more
        self.db.executemany("DELETE FROM link_counts WHERE counter = ? AND key = ?",
                            sorted((prefix + c, k) for c, k in only if (c, k) not in now))

    def blocks(self, digests: Sequence[str]) -> dict[str, Clustering]:
        """The kept clusterings of these blocks (those kept)."""
        kept: dict[str, Clustering] = {}
        for i in range(0, len(digests), BATCH):
            part = digests[i:i + BATCH]
            for r in self.db.query(f"SELECT digest, clustering FROM link_blocks WHERE digest IN ({marks(len(part))})",
                                   part):
                kept[str(r[0])] = clustering_from_json(str(r[1]))
        return kept

    def keep_blocks(self, digests: Sequence[str], new: dict[str, str]) -> None:
        """``link_blocks`` holds this re-link's blocks: the gone ones deleted, ``new`` added."""
        want = set(digests)
        gone = [str(r[0]) for r in self.db.query("SELECT digest FROM link_blocks") if str(r[0]) not in want]
        for i in range(0, len(gone), BATCH):
            part = gone[i:i + BATCH]
            self.db.execute(f"DELETE FROM link_blocks WHERE digest IN ({marks(len(part))})", part)
        self.db.executemany(self.db.insert_ignore("link_blocks", ("digest", "clustering")), sorted(new.items()))


__all__ = ["LinkMemory"]
