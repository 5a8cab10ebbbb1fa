"""Resources: the warehouse and the submission folders, configured from the environment."""

from pathlib import Path

import dagster as dg

from warehouse.database import Warehouse


class WarehouseResource(dg.ConfigurableResource):  # type: ignore[misc]
    """The DuckDB warehouse. Writers take its file lock one at a time (see Warehouse.writer)."""

    db_path: str = "parplan.duckdb"

    @property
    def warehouse(self) -> Warehouse:
        return Warehouse.at(self.db_path)


class SubmissionFolders(dg.ConfigurableResource):  # type: ignore[misc]
    """Where new submissions land (inbox) and where past ones are kept (archive)."""

    inbox: str = "inbox"
    archive: str = "archive"

    def inbox_path(self) -> Path:
        return Path(self.inbox)

    def archive_path(self) -> Path:
        return Path(self.archive)
