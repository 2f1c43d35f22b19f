"""Role holders of a stored archive: who its documents give each title, read for its records.

The counts are linking's (``link_counts``, counter ``tally.role``: a sum over documents, kept by
every re-link); the holders' entities are read as they stand now, after merges and splits, from
the spellings the entities keep (``name_variants``), so a correction moves a role with its name.
"""

from __future__ import annotations

from kartoteka.linking.roles import RoleHolders, strong_link
from kartoteka.store.dialect import Dialect, marks

_BATCH = 500


def read_role_holders(db: Dialect) -> RoleHolders:
    """The archive's role holders (none before its first linking)."""
    counts = [(str(r["key"]), int(r["count"])) for r in db.rows(
        "SELECT key, count FROM link_counts WHERE counter = ? ORDER BY key", ("tally.role",))]
    names = sorted({key.split("\x1f")[1] for key, _ in counts})
    entity_of: dict[str, str] = {}
    for i in range(0, len(names), _BATCH):
        part = names[i:i + _BATCH]
        rows = db.rows("SELECT v.variant, v.method, COALESCE(e.merged_into, e.id) AS entity_id "
                       "FROM name_variants v JOIN entities e ON e.id = v.entity_id "
                       f"WHERE v.variant IN ({marks(len(part))}) AND e.kind = 'person' "
                       "ORDER BY v.variant, e.id", part)
        by_name: dict[str, set[str]] = {}
        for r in rows:
            if strong_link(str(r["method"])) and r["method"] != "link":
                by_name.setdefault(str(r["variant"]), set()).add(str(r["entity_id"]))
        # a spelling two people keep (split by a historian, or decided per document) names neither
        entity_of.update((name, next(iter(ids))) for name, ids in by_name.items() if len(ids) == 1)
    return RoleHolders.of(counts, entity_of.get)


__all__ = ["read_role_holders"]
