"""The ``parplan`` command line: the parser, the configuration (read from the environment
here and nowhere else in ``parplan``), and the exit codes. The commands live in
``commands_plans`` (plan documents and their versions), ``commands_warehouse``,
``commands_report`` and ``commands_run``.

Environment: ``PARPLAN_DB`` (the warehouse when ``--db`` is not given), ``PARPLAN_PROVINCE``
(the province of metric rows that name none, when ``--province`` is not given),
``PARPLAN_REFERENCE`` (the reference folder), ``PARPLAN_PDF_MEMORY_MB`` and
``PARPLAN_PDF_SECONDS`` (what parsing one PDF may take), ``DAGSTER_HOME`` (the backfill's
Dagster instance).
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Mapping
from pathlib import Path

import duckdb

from extractors.errors import ExtractionError
from extractors.read_any import PdfLimits
from extractors.reference import BUNDLED, check_reference, load_reference
from extractors.reference_checks import ReferenceDataError
from extractors.resolve_province import is_province
from parplan import commands_plans, commands_report, commands_run, commands_warehouse
from parplan.output import UsageError
from parplan.settings import Settings
from pipelines.dbt_project import DbtError
from warehouse.publish import PublishError


def settings_from(environ: Mapping[str, str]) -> Settings:
    default = PdfLimits()
    return Settings(
        db=environ.get("PARPLAN_DB") or None,
        reference=Path(environ.get("PARPLAN_REFERENCE") or BUNDLED),
        pdf=PdfLimits(
            memory_bytes=int(environ.get("PARPLAN_PDF_MEMORY_MB", 0)) * 2**20
            or default.memory_bytes,
            seconds=float(environ.get("PARPLAN_PDF_SECONDS", 0)) or default.seconds,
        ),
        dagster_home=environ.get("DAGSTER_HOME") or None,
        province=environ.get("PARPLAN_PROVINCE") or None,
        batch_from=_megabytes(environ.get("PARPLAN_BATCH_FROM_MB")),
        batch_rows=int(environ.get("PARPLAN_BATCH_ROWS") or 0) or None,
    )


def _megabytes(value: str | None) -> int | None:
    """A size in MB from the environment, in bytes (unset or blank: None)."""
    return None if not value else int(float(value) * 2**20)


ENVIRONMENT = """\
environment:
  PARPLAN_DB           the warehouse when --db is not given
  PARPLAN_PROVINCE     the province of metric rows that name none (--province)
  PARPLAN_REFERENCE    the reference folder (agencies, provinces, indicators, aliases)
  PARPLAN_PDF_MEMORY_MB, PARPLAN_PDF_SECONDS
                       what parsing one PDF may take
  PARPLAN_BATCH_FROM_MB, PARPLAN_BATCH_ROWS
                       a metric file this large is loaded in slices of so many rows
  DAGSTER_HOME         the backfill's Dagster instance
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parplan",
        description=textwrap.fill(
            "Plans of public-administration reform and the figures reported against them, "
            "into a DuckDB warehouse: extract plan documents, load metric files and "
            "progress reports, build the marts, report.",
            88,
        ),
        epilog=ENVIRONMENT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands_plans.add_commands(sub)
    warehouse = argparse.ArgumentParser(add_help=False)  # what every warehouse command takes
    warehouse.add_argument(
        "--db",
        help="warehouse file, in a folder that is there (default: $PARPLAN_DB, else "
        "./parplan.duckdb)",
    )
    commands_warehouse.add_commands(sub, warehouse)
    commands_plans.add_version_commands(sub, warehouse)
    commands_report.add_commands(sub, warehouse)
    commands_run.add_commands(sub, warehouse)
    return parser


# Commands that read the reference CSVs: a broken one stops them before any load.
USES_REFERENCE = {"extract", "summary", "review", "ingest", "resolve", "run", "backfill"}
# Commands that place metric rows naming no province in the configured one.
PLACES_ROWS = {"ingest", "reprocess", "run", "backfill"}


def check_province(args: argparse.Namespace, settings: Settings) -> None:
    """The province rows are placed in (``--province``, else $PARPLAN_PROVINCE) names a
    province of the reference data (any spelling of its name or aliases: "Tay Ninh",
    "tỉnh Long An"); a typo is a usage error, never figures filed under a province no
    mart knows."""
    given = getattr(args, "province", None) if args.command == "ingest" else None
    name, option = (given, "--province") if given else (settings.province, "$PARPLAN_PROVINCE")
    if args.command not in PLACES_ROWS or not name:
        return
    if not is_province(name, load_reference(settings.reference)):
        raise UsageError(
            f"{option} {name!r} names no province of the reference data; the provinces "
            f"and their other names are listed in {settings.reference / 'provinces.csv'} "
            "(columns name, aliases)"
        )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = settings_from(os.environ)
    try:
        if args.command in USES_REFERENCE:
            check_reference(settings.reference)  # a bad edit is named before any file is touched
        check_province(args, settings)
        return int(args.func(args, settings))
    except ReferenceDataError as exc:  # one line per problem, each naming its file and line
        for line in str(exc).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return 2
    except (ExtractionError, UsageError, FileNotFoundError, PublishError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except duckdb.Error as exc:  # the whole message: DuckDB's hints and the caret under the place
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `parplan query ... | head`: the reader has what it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the exit flush does not fail again
        return 0
    except DbtError as exc:  # a model or a data test failed: nothing was published
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
