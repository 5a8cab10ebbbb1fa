"""The curated reference data (agency registry, indicator catalog), read from CSV.

Pure reading: the caller names the folder (the command line and the Dagster definitions
choose it: ``PARPLAN_REFERENCE``, else the repository's ``reference/``, ``BUNDLED``).
Analysts add aliases there; the next run uses them.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from extractors.reference_checks import ReferenceDataError, ReferenceProblem
from extractors.reference_time import Reference, ReferenceInvalid, build_reference
from extractors.resolve_names import Entry, agency_key

BUNDLED = Path(__file__).resolve().parent.parent / "reference"
FILES = ("agencies.csv", "indicators.csv", "provinces.csv", "agency_successors.csv", "levels.csv")
# the files of the reference data with time (validity spans and successions)
TIMED_FILES = (("provinces.csv", "name"), ("agencies.csv", "name"))


# The columns each file must have; every row must give the first (its key).
REQUIRED = {
    "agencies.csv": ("code", "name"),
    "indicators.csv": ("code", "name_vi", "unit"),
    "provinces.csv": ("code", "name"),
    "agency_successors.csv": ("predecessor", "successor"),
    "levels.csv": ("code", "name"),
}


def read_rows(folder: Path, name: str) -> list[dict[str, str]]:
    """The rows of one reference CSV, each value stripped (a blank cell is ""). A row that
    does not fit the header, a quote never closed, a missing column or a row without its key
    stops with the file and the line."""
    path = folder / name
    rows: list[dict[str, str]] = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, strict=True)
        try:
            header = [h.strip() for h in next(reader, [])]
            required = REQUIRED.get(name, ("code",))
            for column in required:
                if column not in header:
                    raise ReferenceDataError(f"{path}, line 1: no column {column!r} in the header")
            for fields in reader:
                if not any(v.strip() for v in fields):
                    continue  # a blank line
                if len(fields) != len(header):
                    raise ReferenceDataError(
                        f"{path}, line {reader.line_num}: {len(fields)} fields, the header has "
                        f"{len(header)} (a comma inside a name needs quotes)"
                    )
                row = {k: v.strip() for k, v in zip(header, fields, strict=True)}
                if not row[required[0]]:
                    raise ReferenceDataError(f"{path}, line {reader.line_num}: no {required[0]}")
                rows.append(row)
        except csv.Error as exc:
            raise ReferenceDataError(f"{path}, line {reader.line_num}: {exc}") from None
    return rows


def check_reference(folder: Path) -> None:
    """Read every reference file once, so a broken one stops a command before any load:
    first each file as a table, then the files with time together (spans, successions).
    Either way a ``ReferenceDataError`` names the file and the line."""
    for name in FILES:
        if name in FILES[:2] or (folder / name).exists():  # (the files with time: optional)
            read_rows(folder, name)
    load_reference(folder)


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


def load_agencies(folder: Path) -> list[Entry]:
    return _entries(read_rows(folder, "agencies.csv"), "name")


def load_indicators(folder: Path) -> list[Entry]:
    return _entries(read_rows(folder, "indicators.csv"), "name_vi")


def percent_codes(folder: Path) -> set[str]:
    """The indicators measured in percent (a share over 100 is refused)."""
    return {r["code"] for r in read_rows(folder, "indicators.csv") if r["unit"] == "%"}


def fingerprint(folder: Path) -> str:
    """A hash of the reference files' bytes: the warehouse reloads them when it changes."""
    h = hashlib.sha256()
    for name in FILES:
        if (folder / name).exists() or name in FILES[:2]:  # (the files with time: optional)
            h.update((folder / name).read_bytes())
    return h.hexdigest()


@dataclass(frozen=True)
class Registry:
    """The entries names resolve against: the agency registry and the indicator catalog."""

    agencies: list[Entry]
    indicators: list[Entry]
    reference: Reference  # with time: names resolve at the document's date

    @classmethod
    def read(cls, folder: Path) -> Registry:
        return cls(load_agencies(folder), load_indicators(folder), load_reference(folder))


def load_reference(folder: Path) -> Reference:
    """Provinces, agencies, levels and successions with time, checked on load: a problem
    raises ``ReferenceInvalid`` (a ``ReferenceDataError``) naming each file's path and line."""

    def text(name: str) -> tuple[str, str]:
        path = folder / name
        if name != "agencies.csv" and not path.exists():
            return name, ""  # a deployment's folder made before the files with time
        return name, path.read_text(encoding="utf-8-sig")

    try:
        return build_reference(
            [(*text(name), col) for name, col in TIMED_FILES],
            text("agency_successors.csv"),
            text("levels.csv"),
            key=agency_key,
        )
    except ReferenceInvalid as exc:  # the same place as a table error: the file's path
        raise ReferenceInvalid(
            [ReferenceProblem(str(folder / p.file), p.line, p.message) for p in exc.problems]
        ) from None
