"""The DuckDB files: where they live, how they are opened, migrated and published.

DuckDB lets one process hold a database file; a read-only connection elsewhere blocks the
writer ("Could not set lock on file") and vice versa. So the writer owns a *working* file
(``<name>.work.duckdb``) and, after each successful batch, publishes the analysts' copy
(``<name>.duckdb``): copy to a temporary name, then an atomic rename. Analysts open the
published copy read-only with external access disabled and the configuration locked, so
neither side ever waits for the other.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse import publish as publishing

LOG = logging.getLogger("parplan.warehouse")

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class Warehouse:
    """A warehouse file and the reference folder its agency and indicator tables copy
    (both chosen by the caller: the command line or the Dagster definitions)."""

    published: Path  # what analysts open
    reference: Path  # agencies.csv, indicators.csv
    copy: publishing.Copy | None = field(default=None, compare=False)  # None: shutil.copyfile
    wait_notice: float = 3.0  # seconds waiting for another writer before saying so

    @property
    def work(self) -> Path:
        return self.published.with_name(self.published.stem + ".work.duckdb")

    @property
    def raw_dir(self) -> Path:
        return self.published.with_name(self.published.stem + ".raw")

    @classmethod
    def at(cls, path: str | os.PathLike[str], reference: str | os.PathLike[str]) -> Warehouse:
        return cls(Path(path).resolve(), Path(reference).resolve())

    def connect(self) -> duckdb.DuckDBPyConnection:
        """The writer's connection to the working file, migrated to the latest schema."""
        self.work.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(self.work))
        migrate(con)
        return con

    @property
    def lock_path(self) -> Path:
        return self.published.with_name(self.published.stem + ".lock")

    @contextmanager
    def writer(
        self, publish: bool = True, catch_up: bool = True
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """The one writer: waits for any other writer (a file lock shared by the CLI, Dagster
        runs and backfills alike), then yields the working connection; publishes on success
        (``publish``), or when the analysts' copy is behind (unless ``catch_up`` is off).
        The working file is opened (and migrated) once for the whole turn.

        DuckDB lets one process hold the file; without this lock a second writer would fail
        with "Could not set lock on file" instead of waiting its turn.
        """
        with self._turn():
            con = self.connect()
            try:
                yield con
                behind = publishing.is_behind(con, self.published)
            finally:
                con.close()
            self._publish_after(publish, behind and catch_up)

    @contextmanager
    def exclusive(self, publish: bool = True, catch_up: bool = True) -> Iterator[Path]:
        """The writer's turn without a connection, for a tool that opens the working file
        itself (dbt): the working file migrated first, and one publish on success, or
        whenever the analysts' copy is behind (a run killed before its publish is caught
        up here), unless ``catch_up`` is off."""
        with self._turn():
            self.connect().close()
            yield self.work
            with duckdb.connect(str(self.work)) as con:
                behind = publishing.is_behind(con, self.published)
            self._publish_after(publish, behind and catch_up)

    @contextmanager
    def _turn(self) -> Iterator[None]:
        """The writer's lock (saying so when another writer keeps it), with the leftovers
        of dead writers removed; let go however the turn ends."""
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        with self.lock_path.open("a") as lock:
            self._lock(lock.fileno())
            try:
                publishing.remove_leftovers([self.published.parent, self.raw_dir])
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _publish_after(self, publish: bool, behind: bool) -> None:
        """Publish at the end of a turn that asks for it, or to catch the analysts' copy up
        (``behind``: and catching up is on). ``publish=False``: a step of a batch that
        publishes once at its end (a Dagster run's last asset)."""
        if publish or behind:
            self.publish()

    def _lock(self, fd: int) -> None:
        """Take the writer's lock, saying so once when another writer keeps it a while."""
        waited_since = time.monotonic()
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if not told and time.monotonic() - waited_since >= self.wait_notice:
                    LOG.warning("%s: waiting for another writer to finish", self.published)
                    told = True
                time.sleep(0.05)

    def publish(self) -> Path:
        """Copy the working file to the analysts' path atomically (call with no writer open)."""
        return publishing.publish(self.work, self.published, self.copy or shutil.copyfile)

    def is_behind(self, con: duckdb.DuckDBPyConnection) -> bool:
        """The analysts' copy misses writes of the working file (or is missing)."""
        return publishing.is_behind(con, self.published)

    def analyst(self) -> duckdb.DuckDBPyConnection:
        """A read-only connection to the published copy that cannot touch other files."""
        if not self.published.exists():
            raise FileNotFoundError(
                f"{self.published}: no published warehouse yet "
                "(run `parplan ingest` or `make run` first)"
            )
        return duckdb.connect(
            str(self.published),
            read_only=True,
            config={"enable_external_access": False, "lock_configuration": True},
        )


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _create_migrations_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""create table schema_migrations (
        version integer primary key, name varchar not null, applied_at timestamp not null)""")
    for target, text in (
        ("table schema_migrations", "Schema versions applied (warehouse/migrations)."),
        ("column schema_migrations.version", "Migration number (file name prefix)."),
        ("column schema_migrations.name", "Migration file name without .sql."),
        ("column schema_migrations.applied_at", "When it was applied (UTC)."),
    ):
        con.execute(f"comment on {target} is '{text}'")


def migrate(con: duckdb.DuckDBPyConnection, folder: Path = MIGRATIONS) -> list[str]:
    """Apply the migrations not yet applied, all in one transaction: a warehouse is at the
    schema it had or at the latest, never between (a migration that fails leaves it as it
    was), and a fresh file is made in one commit instead of one per migration."""
    exists = con.execute(
        "select count(*) from duckdb_tables() where schema_name = 'main' "
        "and table_name = 'schema_migrations'"
    ).fetchall()[0][0]
    done: set[int] = set()
    if exists:  # opening an up-to-date warehouse writes nothing
        done = {v for (v,) in con.execute("select version from schema_migrations").fetchall()}
    pending = [p for p in sorted(folder.glob("*.sql")) if int(p.name.split("_", 1)[0]) not in done]
    if not pending:
        return []
    con.execute("begin")
    try:
        if not exists:
            _create_migrations_table(con)
        for path in pending:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(
                "insert into schema_migrations values (?, ?, ?)",
                [int(path.name.split("_", 1)[0]), path.stem, now()],
            )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return [p.stem for p in pending]
