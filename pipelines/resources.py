"""Resources: the warehouse and the submission folders. Their values come from the code
location (``pipelines.definitions`` reads the environment); nothing here reads it."""

from pathlib import Path

import dagster as dg

from extractors.read_any import PdfLimits
from warehouse.database import Warehouse
from warehouse.files import Limits
from warehouse.ingest import Progress


class WarehouseResource(dg.ConfigurableResource):  # type: ignore[type-arg]
    """The DuckDB warehouse. Writers take its file lock one at a time (see Warehouse.writer)."""

    db_path: str
    reference: str  # the reference folder (agencies.csv, indicators.csv)
    pdf_memory_mb: int = PdfLimits.memory_bytes // 2**20
    pdf_seconds: float = PdfLimits.seconds
    reports_dir: str = ""  # where the reports go; empty: ``reports/`` beside the warehouse
    province: str = ""  # the province of metric rows that name none; empty: none

    @property
    def warehouse(self) -> Warehouse:
        return Warehouse.at(self.db_path, self.reference)

    @property
    def reports(self) -> Path:
        return (
            Path(self.reports_dir)
            if self.reports_dir
            else self.warehouse.published.parent / "reports"
        )

    @property
    def limits(self) -> Limits:
        return Limits(
            pdf=PdfLimits(self.pdf_memory_mb * 2**20, self.pdf_seconds),
            province=self.province or None,
        )


# What a run reports file by file as it loads (the command line's progress bar); None in
# the code location. Not configuration: an object handed to an in-process run.
ProgressParam = dg.ResourceParam[Progress | None]


class SubmissionFolders(dg.ConfigurableResource):  # type: ignore[type-arg]
    """Where new submissions land (an archive of past ones goes through ``parplan
    backfill`` instead)."""

    inbox: str = "inbox"
    quiet_seconds: float = 60.0  # a file unchanged this long (and not open for writing) is whole

    def inbox_path(self) -> Path:
        return Path(self.inbox)
