"""The reporting agencies of progress reports at each report's date (the reference data
with time), inside the caller's transaction.

A report speaks of its period: its agencies resolve to the units in force at the period's
end, as a metric file's do. An agency of another time ("UBND cấp huyện" in a 2026 report:
cấp huyện ended on 30/06/2025) flags its rows (``agency_allowed`` false) and is listed in
the review queue with the reason, whether or not its row names a task of a plan. A task
whose lead or support has since become another unit may be reported on by that successor
(a 2022 task led by Sở TT&TT, reported in 2025 by the merged Sở Khoa học và Công nghệ).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import duckdb

from extractors.reference_time import Reference
from extractors.resolve_in_time import TimedResolver
from extractors.resolve_names import Entry
from extractors.successions import successor_at


class ReportingAgencies:
    """Reporting agencies resolved at their report's dates (one resolver per province)."""

    def __init__(self, reference: Reference, agencies: Sequence[Entry]) -> None:
        self.reference = reference
        self.agencies = list(agencies)
        self._resolvers: dict[str | None, TimedResolver] = {}

    def resolve(
        self, raw: str, province: str | None, start: date | None, end: date
    ) -> tuple[str | None, str | None]:
        """(the unit's code at ``end``, or None; why the name is of another time, or None)."""
        if province not in self._resolvers:
            self._resolvers[province] = TimedResolver(self.reference, self.agencies, province)
        res = self._resolvers[province].resolve(raw, end, start)
        return res.code, res.problem

    def succeeds(self, code: str, named: Sequence[str], on: date, province: str | None) -> bool:
        """``code`` is, at ``on``, the unit one of the ``named`` units (a task's lead and
        supports, as the plan resolved them) has become."""
        for old in named:
            unit = successor_at(old, on, self.reference, province)
            if unit is not None and unit.code == code:
                return True
        return False


def flag_agencies_of_another_time(
    con: duckdb.DuckDBPyConnection, agencies: ReportingAgencies
) -> list[dict[str, object]]:
    """Flag the rows whose agency is not in force at their period's end; their review-queue
    items, the reason as the candidates."""
    queue: dict[tuple[str, str | None], dict[str, object]] = {}
    for province, raw, start, end, n in con.execute(
        """select province, agency_raw, period_start, period_end, count(*) from progress_rows
           where agency_raw is not null and period_end is not null group by all order by all"""
    ).fetchall():
        _, problem = agencies.resolve(raw, province, start, end)
        if problem is None:
            continue
        con.execute(
            """update progress_rows set agency_allowed = false where agency_raw = ?
               and province is not distinct from ? and period_end = ?""",
            [raw, province, end],
        )
        item = queue.setdefault(
            (raw, province),
            {"kind": "agency", "raw": raw, "province": province, "n": 0, "candidates": problem},
        )
        item["n"] = int(str(item["n"])) + n
    return list(queue.values())
