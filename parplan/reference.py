"""Load the curated reference data (agency registry, indicator catalog) from CSV.

The repo ships ``reference/``; a deployment overrides it with ``PARPLAN_REFERENCE``
(a folder with the same file names). Analysts add aliases there; the next run uses them.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from extractors.resolve_names import Entry

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "reference"


def reference_dir() -> Path:
    return Path(os.environ.get("PARPLAN_REFERENCE", DEFAULT_DIR))


def read_rows(name: str, folder: Path | None = None) -> list[dict[str, str]]:
    path = (folder or reference_dir()) / name
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def _entries(rows: list[dict[str, str]], name_col: str) -> list[Entry]:
    return [
        Entry(
            code=r["code"],
            name=r[name_col],
            aliases=tuple(a.strip() for a in r.get("aliases", "").split("|") if a.strip()),
            province=r.get("province") or None,
        )
        for r in rows
    ]


def load_agencies(folder: Path | None = None) -> list[Entry]:
    return _entries(read_rows("agencies.csv", folder), "name")


def load_indicators(folder: Path | None = None) -> list[Entry]:
    return _entries(read_rows("indicators.csv", folder), "name_vi")
