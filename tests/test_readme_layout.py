"""The README's layout block names every module of the tree, so a newcomer reading it finds
each file a commit adds (issue 12: "the README's architecture section agrees with the tree").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("extractors", "warehouse", "pipelines", "parplan", "sample_data")


def layout_block(readme: str) -> str:
    """The fenced block under the README's "### Layout" heading."""
    after = readme.split("### Layout", 1)[1]
    return after.split("```", 2)[1]


def unnamed_modules(block: str, modules: list[str]) -> list[str]:
    """The modules (dotted) whose own name the block never says as a word."""
    return [m for m in modules if not re.search(rf"\b{m.rsplit('.', 1)[-1]}\b", block)]


def tree_modules() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.stem != "__init__":
                found.append(".".join(path.relative_to(ROOT).with_suffix("").parts))
    return found


@pytest.mark.parametrize(
    ("block", "modules", "expected"),
    [
        # named with its suffix, or bare in a list: both count
        ("ingest.py (the story), files", ["warehouse.ingest", "warehouse.files"], []),
        # a name inside a longer word is not the module
        ("metric_load.py", ["warehouse.load"], ["warehouse.load"]),
        # a module the block never mentions
        ("ingest.py", ["warehouse.ingest", "warehouse.inbox"], ["warehouse.inbox"]),
    ],
)
def test_the_check_finds_an_unnamed_module(
    block: str, modules: list[str], expected: list[str]
) -> None:
    assert unnamed_modules(block, modules) == expected


def test_the_readme_layout_names_every_module() -> None:
    block = layout_block((ROOT / "README.md").read_text(encoding="utf-8"))
    assert unnamed_modules(block, tree_modules()) == []
