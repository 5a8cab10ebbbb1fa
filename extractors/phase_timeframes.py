"""Recurring work of a phase plan named without a year: it spans the plan's phase.

A phase plan (giai đoạn 2026 - 2030, or "đến năm 2030") has no plan year, so a timeframe
such as "Hằng năm", "Thường xuyên" or "Quý IV hằng năm" resolves to no date at all and the
task is never due. The work recurs over the whole phase, so it is read twice: against the
phase's first year for its start and against its last year for its end ("Quý IV hằng năm"
in 2026 - 2030: 01/10/2026 to 31/12/2030). The wording is kept and the span, being
inferred, is said as an info issue naming the task. A plan "đến năm 2030" starts the year
it was issued. Work that names its own dates keeps them; conditional work gets none.
"""

from __future__ import annotations

from dataclasses import replace

from extractors.parse_timeframe import parse_timeframe
from extractors.records import Issue, Task


def phase_years(
    start: int | None, end: int | None, plan_year: int | None, issued: str | None
) -> tuple[int, int] | None:
    """The first and last year of a multi-year plan (None: an annual plan, or no period).

    >>> phase_years(2026, 2030, None, "2026-01-15"), phase_years(None, 2030, None, "2025-12")
    ((2026, 2030), (2025, 2030))
    >>> phase_years(2026, 2026, 2026, None) is None
    True
    """
    if plan_year is not None or end is None:
        return None
    first = start if start is not None else _year(issued)
    if first is None or first > end:
        return None
    return first, end


def span_phase(tasks: list[Task], first: int, last: int) -> tuple[list[Task], list[Issue]]:
    """Each undated recurring task spanning ``first`` to ``last``, with an issue each."""
    out: list[Task] = []
    issues: list[Issue] = []
    for task in tasks:
        tf = task.timeframe
        if tf.kind != "recurring" or tf.start is not None or tf.end is not None:
            out.append(task)
            continue
        start, end = parse_timeframe(tf.text, first).start, parse_timeframe(tf.text, last).end
        if start is None or end is None or start > end:
            out.append(task)
            continue
        out.append(replace(task, timeframe=replace(tf, start=start, end=end)))
        issues.append(
            Issue(
                "info",
                "timeframe_spans_phase",
                f"task {task.code} timeframe {tf.text!r} names no year: read as recurring "
                f"over the plan's phase {first}-{last} ({start.isoformat()} to "
                f"{end.isoformat()})",
                task.loc,
            )
        )
    return out, issues


def _year(iso: str | None) -> int | None:
    return int(iso[:4]) if iso and iso[:4].isdigit() else None
