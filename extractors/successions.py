"""Units across the reorganisation: the successor a unit lives on in at a date, today's,
the chain between, and why a unit cannot be meant at a date (``reference/agency_successors.csv``
and the provinces' successions)."""

from __future__ import annotations

from datetime import date

from extractors.reference_time import Reference, Unit


def out_of_time(unit: Unit, on: date, reference: Reference, province: str | None) -> str:
    """Why ``unit`` cannot be meant on ``on``, with its successors and source."""
    if unit.span.valid_to and on > unit.span.valid_to:
        why = f"{unit.name!r} ({unit.code}) ceased on {unit.span.valid_to}"
    else:
        why = f"{unit.name!r} ({unit.code}) exists only from {unit.span.valid_from}"
    succ = reference.successors(unit.code, province)
    names = ", ".join(f"{s.successor}{'' if s.main else ' (' + s.functions + ')'}" for s in succ)
    tail = f"; successors: {names}" if names else ""
    return f"{why}, not in force on {on}{tail} [{unit.source}]"


def successor_at(
    code: str, on: date, reference: Reference, province: str | None = None
) -> Unit | None:
    """The unit ``code`` lives on in at ``on``: its main successors, followed until one is in
    force (the reference data has no cycles: it was checked on load)."""
    unit = reference.unit(code)
    while unit is not None and not unit.span.covers(on):
        if unit.span.valid_from and on < unit.span.valid_from:
            return None  # before it began: a successor is never the answer
        nxt = [s for s in reference.successors(unit.code, province) if s.main]
        unit = reference.unit(nxt[0].successor) if nxt else None
    return unit


def current_code(code: str, reference: Reference, province: str | None = None) -> str:
    """The code ``code`` lives on in today (its main successor chain's end)."""
    return lineage(code, reference, province)[-1]


def lineage(code: str, reference: Reference, province: str | None = None) -> tuple[str, ...]:
    """The chain of main successors from ``code`` to the unit in force today."""
    chain = [code]
    while True:
        nxt = [s for s in reference.successors(chain[-1], province) if s.main]
        if not nxt or nxt[0].successor in chain:
            return tuple(chain)
        chain.append(nxt[0].successor)
