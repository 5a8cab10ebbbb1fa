"""The layers, read from the imports (``ast``): imports point down, configuration is read at
the edges only.

    parplan/ (CLI)   pipelines/ (Dagster)     the edges: they read the environment
            \\           /
            warehouse/   (DuckDB; every input passed in)
                 |
            extractors/  (pure: no duckdb, no dagster, no os.environ)

``parplan`` may import ``pipelines``, never the other way round. A test module imports no
other test module (shared builders live in ``tests/helpers.py`` and ``tests/conftest.py``).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("extractors", "warehouse", "pipelines", "parplan", "sample_data")

# package -> top-level modules it must not import
FORBIDDEN: dict[str, frozenset[str]] = {
    "extractors": frozenset({"duckdb", "dagster", "warehouse", "pipelines", "parplan"}),
    "warehouse": frozenset({"dagster", "pipelines", "parplan", "sample_data"}),
    "pipelines": frozenset({"parplan", "sample_data"}),
    "parplan": frozenset(),
    "sample_data": frozenset({"duckdb", "dagster", "warehouse", "pipelines", "parplan"}),
}
# the files that may read the environment (everything else is given its configuration)
CONFIG_EDGES = ("parplan/cli*.py", "pipelines/definitions.py")
TEST_MODULES_ALLOWED = frozenset({"tests.helpers", "tests.conftest"})


@dataclass(frozen=True)
class Violation:
    line: int
    what: str


def imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, dotted module) for every import, at any depth (a lazy import counts too)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            # ``from tests import test_x`` names a module too
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def reads_environment(tree: ast.AST) -> list[int]:
    """Lines that read the environment: ``os.environ``, ``os.getenv``, ``environ`` or
    ``getenv`` imported from ``os``, and ``dagster.EnvVar``."""
    lines: list[int] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ("environ", "getenv", "EnvVar")
            and isinstance(node.value, ast.Name)
        ) or (
            isinstance(node, ast.ImportFrom)
            and node.module == "os"
            and any(a.name in ("environ", "getenv") for a in node.names)
        ):
            lines.append(node.lineno)
    return lines


def layer_violations(package: str, source: str, may_read_environment: bool) -> list[Violation]:
    """What a module of ``package`` does that its layer forbids."""
    tree = ast.parse(source)
    out = [
        Violation(line, f"imports {module}")
        for line, module in imported_modules(tree)
        if module.split(".")[0] in FORBIDDEN[package]
    ]
    if not may_read_environment:
        out += [Violation(line, "reads the environment") for line in reads_environment(tree)]
    return out


def test_module_violations(source: str) -> list[Violation]:
    """Imports of another test module (anything under ``tests`` but the helpers)."""
    return [
        Violation(line, f"imports {module}")
        for line, module in imported_modules(ast.parse(source))
        if module.split(".")[0] == "tests"
        and module.count(".") >= 1
        and module.split(".")[1].startswith("test_")
    ]


test_module_violations.__test__ = False  # type: ignore[attr-defined]  # not a test itself


SNIPPETS = [  # (package, source, may read the environment, what must be found)
    # an extractor importing DuckDB
    ("extractors", "import duckdb\n", False, ["imports duckdb"]),
    # an extractor importing Dagster lazily, inside a function
    ("extractors", "def f():\n    import dagster as dg\n", False, ["imports dagster"]),
    # an extractor reading the environment two ways
    (
        "extractors",
        "import os\nX = os.environ['A']\nY = os.getenv('B')\n",
        False,
        ["reads the environment", "reads the environment"],
    ),
    # ... and importing it by name
    ("extractors", "from os import environ\n", False, ["reads the environment"]),
    # an extractor importing upward
    (
        "extractors",
        "from warehouse.database import Warehouse\n",
        False,
        ["imports warehouse.database", "imports warehouse.database.Warehouse"],
    ),
    # the warehouse importing the CLI package
    (
        "warehouse",
        "from parplan.reference import load_agencies\n",
        False,
        ["imports parplan.reference", "imports parplan.reference.load_agencies"],
    ),
    # the warehouse importing the orchestration
    ("warehouse", "import pipelines.assets\n", False, ["imports pipelines.assets"]),
    # the warehouse reading configuration
    (
        "warehouse",
        "import os\np = os.environ.get('PARPLAN_DB')\n",
        False,
        ["reads the environment"],
    ),
    # pipelines importing the CLI
    ("pipelines", "from parplan import cli\n", False, ["imports parplan", "imports parplan.cli"]),
    # a pipelines module other than the definitions reading an EnvVar
    ("pipelines", "import dagster as dg\nx = dg.EnvVar('A')\n", False, ["reads the environment"]),
    # the definitions may read the environment
    ("pipelines", "import dagster as dg\nx = dg.EnvVar('A')\n", True, []),
    # the CLI may import the pipelines and read the environment
    ("parplan", "import os\nfrom pipelines.backfill import backfill\nos.environ\n", True, []),
    # pure code passes
    ("extractors", "import re\nfrom extractors.normalize import fold\n", False, []),
    # a string that mentions os.environ is not a read
    ("extractors", "'''os.environ'''\n", False, []),
]


@pytest.mark.parametrize(("package", "source", "edge", "expected"), SNIPPETS)
def test_the_checker_finds_what_it_must(
    package: str, source: str, edge: bool, expected: list[str]
) -> None:
    assert [v.what for v in layer_violations(package, source, edge)] == expected


TEST_SNIPPETS = [  # (source, what must be found)
    # a test importing another test module's names
    (
        "from tests.test_marts import PLANS\n",
        ["imports tests.test_marts", "imports tests.test_marts.PLANS"],
    ),
    # ... or the module itself
    ("from tests import test_marts\n", ["imports tests.test_marts"]),
    # the helpers and the conftest are shared on purpose
    ("from tests.helpers import csv_bytes\nfrom tests.conftest import SEED\n", []),
]


@pytest.mark.parametrize(("source", "expected"), TEST_SNIPPETS)
def test_the_checker_finds_tests_importing_tests(source: str, expected: list[str]) -> None:
    assert [v.what for v in test_module_violations(source)] == expected


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def test_every_package_is_checked() -> None:
    for package in PACKAGES:
        assert _modules(package), f"{package}/ has no Python module: is the list stale?"


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_point_down_and_configuration_stays_at_the_edges(package: str) -> None:
    found = []
    for path in _modules(package):
        rel = path.relative_to(ROOT)
        edge = any(rel.match(pattern) for pattern in CONFIG_EDGES)
        found += [
            f"{rel}:{v.line}: {v.what}"
            for v in layer_violations(package, path.read_text(encoding="utf-8"), edge)
        ]
    assert found == []


def test_test_modules_import_no_other_test_module() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{v.line}: {v.what}"
        for path in sorted((ROOT / "tests").glob("*.py"))
        for v in test_module_violations(path.read_text(encoding="utf-8"))
    ]
    assert found == []
