"""What the command line was configured with (read from the environment by ``parplan.cli``
only, and passed to every command)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extractors.read_any import PdfLimits
from extractors.reference import BUNDLED
from parplan.output import UsageError
from warehouse.database import Warehouse
from warehouse.files import Limits

DEFAULT_DB = "parplan.duckdb"


@dataclass(frozen=True)
class Settings:
    db: str | None = None  # $PARPLAN_DB (``--db`` wins); None: the command's default
    reference: Path = BUNDLED  # $PARPLAN_REFERENCE, else the repository's reference/
    pdf: PdfLimits = field(default_factory=PdfLimits)
    dagster_home: str | None = None  # $DAGSTER_HOME: the backfill's Dagster instance
    province: str | None = None  # $PARPLAN_PROVINCE: for metric rows nothing else places
    # $PARPLAN_BATCH_FROM_MB, $PARPLAN_BATCH_ROWS: a metric file this large is judged and
    # written in slices of so many rows (None: the default)
    batch_from: int | None = None
    batch_rows: int | None = None

    def warehouse(self, db: str | None = None, default: str | Path = DEFAULT_DB) -> Warehouse:
        """The warehouse ``--db`` names, else the configured one, else ``default``
        (./parplan.duckdb; ``parplan run``: the one in its workdir). A warehouse named by
        ``--db`` or $PARPLAN_DB must be in a folder that is there: a typo in its path is a
        usage error, never a second, empty warehouse; only the default one is made where
        it belongs on first use."""
        named = db or self.db
        if named:
            folder = Path(named).parent
            if not folder.is_dir():
                option = "--db" if db else "$PARPLAN_DB"
                raise UsageError(
                    f"{named} ({option}): no folder {folder}; check the path, or create the "
                    "folder first (a warehouse named by --db or $PARPLAN_DB is opened where "
                    "it is, never made in a new folder)"
                )
        return Warehouse.at(named or default, self.reference)

    @property
    def limits(self) -> Limits:
        default = Limits()
        return Limits(
            pdf=self.pdf,
            province=self.province,
            batch_from=default.batch_from if self.batch_from is None else self.batch_from,
            batch_rows=self.batch_rows or default.batch_rows,
        )
