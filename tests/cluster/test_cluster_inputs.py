"""Input listing for distributed ingest: paths, list files, JSON Lines of texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from kartoteka.cluster import ClusterError, ClusterSpec, Item, from_jsonl, from_list, items
from kartoteka.errors import ReadError
from kartoteka.ingest import parse_item


@pytest.mark.parametrize(
    ("text", "address", "workers"),
    [
        ("local:3", None, 3),
        ("local", None, 2),
        (" local:1 ", None, 1),
        ("tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786", 2),
        ("tcp://scheduler.example.org:8786/", "tcp://scheduler.example.org:8786", 2),
        ("tls://sched:8786", "tls://sched:8786", 2),
    ],
)
def test_cluster_spec_parses(text: str, address: str | None, workers: int) -> None:
    spec = ClusterSpec.parse(text)
    assert spec.address == address
    if address is None:
        assert spec.local_workers == workers


@pytest.mark.parametrize("text", ["local:0", "lokal:2", "tcp://host", "http://h:8786", "", "8786"])
def test_cluster_spec_refuses(text: str) -> None:
    with pytest.raises(ClusterError) as err:
        ClusterSpec.parse(text)
    assert err.value.location is not None and err.value.expected


def test_list_file_walks_folders_and_skips_comments(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "d" / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "d" / "skip.pdf").write_bytes(b"%PDF")
    lst = tmp_path / "list.txt"
    lst.write_text(f"# inputs\n{tmp_path / 'd'}\n\n{tmp_path / 'missing.txt'}\n", encoding="utf-8")
    got = [i.path for i in from_list(str(lst))]
    assert got == [str(tmp_path / "d" / "a.txt"), str(tmp_path / "d" / "b.txt"), str(tmp_path / "missing.txt")]


def test_missing_list_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as err:
        list(from_list(str(tmp_path / "nope.txt")))
    assert "nope.txt" in str(err.value)


def test_jsonl_bad_lines_become_error_records(tmp_path: Path) -> None:
    f = tmp_path / "texts.jsonl"
    f.write_text(
        '{"path": "a.txt", "text": "TELEGRAM\\nTabriz, 3 May 1946"}\n'
        "not json\n"
        "\n"
        '[1, 2]\n'
        '{"path": "c.txt"}\n'
        '{"text": "no path given"}\n',
        encoding="utf-8",
    )
    got = list(from_jsonl(str(f)))
    assert [i.path for i in got] == ["a.txt", f"{f}:2", f"{f}:4", f"{f}:5", f"{f}:6"]
    assert [i.problem is None for i in got] == [True, False, False, False, True]
    records = [parse_item(i) for i in got]
    assert records[0].error is None and records[0].document is not None
    assert records[0].document.text == "TELEGRAM\nTabriz, 3 May 1946"
    for rec in records[1:4]:
        assert rec.error is not None and rec.error.code == "read_error"
        assert rec.source.path in rec.error.message


def test_text_item_hashes_like_the_same_file(tmp_path: Path) -> None:
    text = "Москва, 5 мая 1946 г.\nСовершенно секретно\n"
    f = tmp_path / "doc.txt"
    f.write_bytes(text.encode("utf-8"))
    from_file = parse_item(Item(str(f)))
    from_text = parse_item(Item(str(f), text))
    assert from_file.source.sha256 == from_text.source.sha256 != ""
    assert from_file.document is not None and from_text.document is not None
    assert from_file.document.text == from_text.document.text == text


def test_items_chains_every_kind_of_input(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("a", encoding="utf-8")
    lst = tmp_path / "l.txt"
    lst.write_text(f"{a}\n", encoding="utf-8")
    js = tmp_path / "t.jsonl"
    js.write_text('{"path": "x", "text": "x"}\n', encoding="utf-8")
    assert [i.path for i in items([str(a)], from_list_file=str(lst), jsonl=str(js))] == [str(a), str(a), "x"]
