"""One class per name across the package: two public classes of one name are two meanings for one word."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "kartoteka"


def public_classes(root: Path = SRC) -> dict[str, set[str]]:
    """Public class name -> the modules (relative to ``root``) defining it, nested ones too."""
    where: dict[str, set[str]] = defaultdict(set)
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                where[node.name].add(path.relative_to(root).as_posix())
    return where


def test_each_public_class_name_is_defined_once() -> None:
    twice = {name: sorted(mods) for name, mods in public_classes().items() if len(mods) > 1}
    assert twice == {}


def test_a_second_definition_is_found(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "hits.py").write_text("class Hit:\n    class Window: ...\n\nclass _Cache: ...\n", encoding="utf-8")
    (tmp_path / "store" / "rows.py").write_text("class Hit: ...\nclass _Cache: ...\n", encoding="utf-8")
    assert public_classes(tmp_path) == {"Hit": {"hits.py", "store/rows.py"}, "Window": {"hits.py"}}
