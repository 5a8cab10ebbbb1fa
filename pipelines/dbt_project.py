"""The dbt project in ``sql/``: how parplan runs it (``parplan build``, ``parplan docs``) and
where Dagster finds its manifest. No Dagster import here: the CLI uses it without paying
for one.

dbt comes from the running Python (its API, ``dbtRunner``, for the command line and for
Dagster's runs alike), never from PATH. The profile is written for each run,
naming the DuckDB file to build, so nothing is read from ``~/.dbt``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from warehouse.database import Warehouse
from warehouse.publish import mark_written

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
MANIFEST = SQL_DIR / "target" / "manifest.json"
PROFILE = "parplan"


class DbtError(RuntimeError):
    """A dbt run failed (a model did not build or a data test failed)."""


@dataclass(frozen=True)
class BuildResult:
    rows: dict[str, int]  # the marts (tables) and their row counts
    tests_passed: int


def profiles_yaml(db_file: Path) -> str:
    """A dbt profile for one DuckDB file (JSON is YAML: no quoting rules to get wrong)."""
    import json

    profile = {
        PROFILE: {
            "target": "warehouse",
            "outputs": {"warehouse": {"type": "duckdb", "path": str(db_file), "threads": 1}},
        }
    }
    return json.dumps(profile)


@contextmanager
def profiles_dir(db_file: Path) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="parplan-dbt-") as tmp:
        (Path(tmp) / "profiles.yml").write_text(profiles_yaml(db_file), encoding="utf-8")
        yield Path(tmp)


def dbt_dir(wh: Warehouse) -> Path:
    """dbt's target and log folder for this warehouse (kept: dbt parses again only what
    changed)."""
    return wh.published.with_name(wh.published.stem + ".dbt")


def run_dbt(
    args: Sequence[str],
    db_file: Path,
    target_dir: Path,
    callbacks: Sequence[Callable[[Any], None]] = (),
) -> object:
    """``dbt ARGS`` in this process on ``db_file``, each of dbt's events handed to
    ``callbacks`` as it fires; raises DbtError naming what failed."""
    from dbt.cli.main import dbtRunner

    with profiles_dir(db_file) as profiles:
        result = dbtRunner(callbacks=list(callbacks)).invoke(
            [
                *args,
                "--project-dir",
                str(SQL_DIR),
                "--profiles-dir",
                str(profiles),
                "--target-path",
                str(target_dir),
                "--log-path",
                str(target_dir),
                "--quiet",
            ]
        )
    if not result.success:
        raise DbtError(_failures(result, target_dir))
    return result.result


def _failures(result: object, target_dir: Path) -> str:
    """The failing models and tests with dbt's message, else the exception."""
    lines = []
    for r in getattr(getattr(result, "result", None), "results", None) or []:
        if str(r.status) in ("error", "fail"):
            lines.append(f"{r.node.name}: {r.status}: {(r.message or '').strip()}")
    exc = getattr(result, "exception", None)
    if exc is not None:
        lines.append(str(exc))
    detail = "\n  ".join(lines) or "see the log"
    return f"dbt failed (log: {target_dir / 'dbt.log'}):\n  {detail}"


def mart_rows(db_file: Path) -> dict[str, int]:
    marts = sorted(p.stem for p in (SQL_DIR / "models" / "marts").glob("*.sql"))
    with duckdb.connect(str(db_file)) as con:
        return {m: int(con.execute(f"select count(*) from {m}").fetchone()[0]) for m in marts}  # type: ignore[index]


def mark_models_written(db_file: Path) -> None:
    """The models changed what analysts see: the analysts' copy is behind until published."""
    with duckdb.connect(str(db_file)) as con:
        mark_written(con)


def build(wh: Warehouse, as_of: dt.date | None = None) -> BuildResult:
    """``dbt build`` (models, then their tests) in the working file, then publish once.
    ``as_of``: the date task progress is judged at (default: the build date)."""
    target = dbt_dir(wh)
    args = ["build"]
    if as_of is not None:
        args += ["--vars", json.dumps({"as_of": as_of.isoformat()})]
    with wh.exclusive():  # one writer; publishes when the block succeeds
        results = run_dbt(args, wh.work, target)
        rows = mart_rows(wh.work)
        mark_models_written(wh.work)
    passed = sum(
        1
        for r in getattr(results, "results", [])
        if r.node.resource_type == "test" and str(r.status) == "pass"
    )
    return BuildResult(rows, passed)


def write_docs(wh: Warehouse, out_dir: Path) -> Path:
    """dbt's documentation site as one offline file, from a copy of the published warehouse
    (analysts and the writer are not disturbed)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="parplan-docs-") as tmp:
        copy = Path(tmp) / "parplan.duckdb"
        if not wh.published.exists():
            raise FileNotFoundError(
                f"{wh.published}: no published warehouse yet (run `parplan build` first)"
            )
        shutil.copyfile(wh.published, copy)
        target = Path(tmp) / "target"
        run_dbt(["docs", "generate", "--static"], copy, target)
        out = out_dir / "index.html"
        shutil.copyfile(target / "static_index.html", out)
    return out


def prepare_manifest() -> Path:
    """``sql/target/manifest.json`` for Dagster's definitions: parsed again when any file of
    the project is newer. Parsed into a temporary folder and moved into place, so two
    processes loading the definitions at once never read half a file."""
    newest = max(p.stat().st_mtime for p in SQL_DIR.rglob("*") if _is_source(p))
    if MANIFEST.exists() and MANIFEST.stat().st_mtime >= newest:
        return MANIFEST
    MANIFEST.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=MANIFEST.parent, prefix=".parse-") as tmp:
        run_dbt(["parse"], Path(tmp) / "unused.duckdb", Path(tmp))
        os.replace(Path(tmp) / "manifest.json", MANIFEST)
    return MANIFEST


def _is_source(path: Path) -> bool:
    rel = path.relative_to(SQL_DIR)
    return path.is_file() and rel.parts[0] != "target" and path.suffix in (".sql", ".yml")
