"""Collection linking split by transliteration key over a real LocalCluster gives exactly the
one-machine result, with and without an authority list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest
from distributed import Client

from kartoteka.cluster.linking import blocks, link_on_cluster
from kartoteka.linking import link
from kartoteka.linking.candidates import name_of
from kartoteka.linking.cluster import Clustering
from kartoteka.linking.keys import skeleton
from kartoteka.model import Record
from kartoteka.pipeline import parse_path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
PERSONS = SHARED / "corpus" / "frus-dev" / "frus1952-54Guat" / "persons.json"


@pytest.fixture(scope="module")
def records(dev_files: list[Path]) -> list[Record]:
    paths = [*sorted((SHARED / "seed").glob("*.txt")), *sorted((SHARED / "corpus" / "genre-dev").rglob("*.txt")),
             *dev_files[::12]]
    return [parse_path(str(p)) for p in paths if "gold" not in p.parts]


@pytest.mark.parametrize(
    ("names", "together"),
    [
        (["Dzhavid", "Javid", "Джавид"], True),
        (["Ahmad Qavam", "Qavam", "Ghavam"], True),
        (["Ahmad Qavam", "Ebrahim Hakimi"], False),
        (["Aliyev", "Kuliyev"], False),
    ],
)
def test_blocks_keep_key_sharing_names_together(names: list[str], together: bool) -> None:
    found = blocks(Counter(dict.fromkeys(names, 1)))
    assert (len(found) == 1) is together
    assert sorted(s for b in found for s in b[0]) == sorted(names)


def test_no_block_shares_a_key_with_another(records: list[Record]) -> None:
    names = Counter(m.span.text for r in records for m in r.mentions if m.kind == "person")
    found = blocks(names)
    assert len(found) > 5
    seen: dict[str, int] = {}
    for i, (surfaces, _) in enumerate(found):
        for s in surfaces:
            for word in name_of(s).tokens:
                key = skeleton(word)
                if len(word) > 1 and key:
                    assert seen.setdefault(key, i) == i, (s, key)


@pytest.mark.parametrize("with_authority", [False, True])
def test_distributed_linking_is_the_local_linking(client: Client, records: list[Record], with_authority: bool) -> None:
    authority = None
    if with_authority:
        if not PERSONS.exists():
            pytest.skip("no persons.json in the FRUS dev set")
        from kartoteka.gazetteer.authority import load_authority

        authority = load_authority(str(PERSONS))
    local = link(records, authority)
    remote = link_on_cluster(client, records, authority)
    assert remote == local
    assert any(m.entity for r in local for m in r.mentions)


def test_archive_relink_on_the_cluster_sends_only_changed_blocks(client: Client, records: list[Record],
                                                                 tmp_path: Path) -> None:
    """``kartoteka link --cluster``'s path: the archive's blocks clustered on the workers give the
    archive a one-machine re-link gives; after new documents only the changed blocks travel."""
    from kartoteka.cluster.linking import block_clusterer
    from kartoteka.linking.blocks import Block
    from kartoteka.store import open_archive
    from kartoteka.store.relinker import Relinker

    sent: list[int] = []
    on_cluster = block_clusterer(client)

    def counted(found: Sequence[Block]) -> list[Clustering]:
        sent.append(len(found))
        return on_cluster(found)

    half = len(records) // 2
    with open_archive(str(tmp_path / "cluster.db"), create=True) as a:
        a.add_records(records[:half])
        Relinker(a.db, block_clusterer=counted).run()
        a.add_records(records[half:])
        rep = Relinker(a.db, block_clusterer=counted).run()
        remote = a.db.query('SELECT d.sha256, m.start, m."end", m.entity_id FROM mentions m '
                            "JOIN documents d ON d.id = m.document_id ORDER BY 1, 2, 3")
        remote_entities = a.db.query("SELECT id, name, mentions FROM entities ORDER BY id")
    assert sent[-1] == rep.clustered < rep.blocks  # type: ignore[attr-defined]
    with open_archive(str(tmp_path / "local.db"), create=True) as b:
        b.add_records(records)
        b.relink()
        assert remote == b.db.query('SELECT d.sha256, m.start, m."end", m.entity_id FROM mentions m '
                                    "JOIN documents d ON d.id = m.document_id ORDER BY 1, 2, 3")
        assert remote_entities == b.db.query("SELECT id, name, mentions FROM entities ORDER BY id")
