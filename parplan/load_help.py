"""What the commands that load files (ingest, reprocess, backfill) say in their --help: the
files they take and the exit codes a scheduled job reads (one table, DESIGN.md)."""

from __future__ import annotations

import argparse
import textwrap

PATHS_HELP = (
    "files or folders (a folder is read with everything under it): plan documents (PDF, "
    "DOCX, HTML, text), agency metric files (CSV, XLSX, Parquet) and task-progress "
    "reports (CSV, XLSX, or a report document with a progress appendix); each file's kind "
    "is recognised from its content"
)

EXIT_CODES = """\
exit codes:
  0  everything loaded clean (or nothing was new)
  1  at least one file quarantined: the rest of the batch loaded; the summary and the
     quarantine table (parplan query "select * from quarantine") say why
  2  usage error: an option or a path that cannot be used (nothing is read)
  3  no file quarantined, but rows were rejected (metric_rejects), figures are kept out of
     the marts by an unresolved name (review_queue), or a plan loaded with error-level
     extraction issues (extraction_issues)
"""


def load_command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    parents: list[argparse.ArgumentParser],
    help: str,
) -> argparse.ArgumentParser:
    """A loading command's parser: its one-line help shown in its own --help too, and the
    exit codes below the options (laid out as written)."""
    return sub.add_parser(
        name,
        parents=parents,
        help=help,
        description=textwrap.fill(help[0].upper() + help[1:] + ".", 88),
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
