"""A metric file's agencies: each distinct (province, agency) pair as written, resolved -
in time where the reference data has time (``in_time``) - and the province of the rows
nothing else places."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from extractors.metrics.encode import key_table
from extractors.metrics.in_time import TimedAgencies, in_time
from extractors.normalize import fold
from extractors.reference_time import Reference
from extractors.resolve_names import Entry, ResolverCache
from extractors.resolve_province import resolve_province

Resolved = tuple[int, str | None, str | None, str | None]  # key, province, agency, code

# a province written with its former name in brackets, as a merged province's offices
# write it ("Tây Ninh (Long An cũ)", "Tây Ninh (tỉnh Long An cũ)"): the row's province is
# the name outside the brackets; the bracket names where the figure was counted before
WITH_FORMER = re.compile(
    r"""^\s*(?P<name>[^()]*?[^\s()])             # the province, outside the brackets
        \s*\(\s*(?:tỉnh|thành\s+phố|tp\.?)?\s*  # (its kind, if written)
        (?P<former>[^()]*?[^\s()])\s+cũ\s*\)      # the former province, "... cũ"
        \s*$""",
    re.VERBOSE | re.IGNORECASE,
)


def without_former(levels: list[str], column: str) -> tuple[list[str], list[str]]:
    """Province values with a former province in brackets read as the name outside them,
    and a warning per value so read.

    >>> without_former(["Tây Ninh (tỉnh Long An cũ)", "Long An"], "Tỉnh")[0]
    ['Tây Ninh', 'Long An']
    """
    out, warnings = [], []
    for raw in levels:
        m = WITH_FORMER.match(raw)
        out.append(m["name"] if m else raw)
        if m:
            warnings.append(
                f"column '{column}': '{raw}' read as the province {m['name']} (a former "
                f"province in brackets, {m['former']}, is not the row's province)"
            )
    return out, warnings


@dataclass(frozen=True)
class FileAgencies:
    table: pl.DataFrame  # key, province, agency_raw, agency_code, province_written
    resolved: list[Resolved]  # the pairs as the table has them, province as written
    province: str | None  # the file's: for rows with no Tỉnh value
    timed: TimedAgencies | None  # with the reference data with time
    homeless: tuple[str, ...] = ()  # central agencies (as written) not given ``configured``


def central_without_province(names: tuple[str, ...], configured: str | None) -> str:
    """What a file is told of central agencies' rows left with no province."""
    listed = ", ".join(f"'{n}'" for n in names)
    return (
        f"{listed}: a central agency's own figures are no province's, so the configured "
        f"province ({configured}) is not given to them and they are kept out of the marts; "
        "write the province in a Tỉnh column if they are a province's figures"
    )


def known_provinces(agencies: list[Entry], configured: str | None) -> set[str]:
    """The provinces a file's name may name: those of the registry's agencies and the
    deployment's."""
    return {e.province for e in agencies if e.province} | ({configured} if configured else set())


def named_province(path: str, known: set[str]) -> str | None:
    """The one known province a file's name names ("bao_cao_long_an_2023" -> Long An).

    >>> named_province("in/bao_cao_long_an_2023.csv", {"Long An", "An Giang"})
    'Long An'
    """
    name = f" {fold(Path(path).stem.replace('_', ' '))} "
    found = {p for p in known if f" {fold(p)} " in name}
    return found.pop() if len(found) == 1 else None


def file_agencies(
    distinct: list[tuple[int, str | None, str | None]],
    configured: str | None,
    placed: str | None,
    column: set[str],
    periods: pl.DataFrame,
    agencies: list[Entry],
    reference: Reference | None,
    central: frozenset[str] = frozenset(),
) -> FileAgencies:
    """``distinct``: (key, province, agency) as written. The file's province is ``placed``
    (the title's or the file name's), else the one province its agencies belong to and its
    Tỉnh ``column`` names (the known ones), else the deployment's ``configured`` - which is
    never given to a ``central`` agency's row (a ministry's own figure is no province's)."""
    province = placed
    configured_only = False
    timed = in_time(distinct, province, periods, agencies, reference) if reference else None
    if timed:
        resolved = timed.resolved
    else:
        resolvers = ResolverCache(agencies)
        resolved = [
            (
                key,
                prov,
                raw,
                resolvers.get(prov or province).resolve(raw).code if raw is not None else None,
            )
            for key, prov, raw in distinct
        ]
    if not province:
        local = {e.code: e.province for e in agencies if e.province}
        found = {local[c] for _, _, _, c in resolved if c in local} | column
        configured_only = len(found) != 1 and configured is not None
        province = found.pop() if len(found) == 1 else configured
        if timed and reference and province:  # in time again, now that it is known
            timed = in_time(distinct, province, periods, agencies, reference)
            resolved = timed.resolved if timed else resolved
    written = written_provinces(distinct, province, timed, reference)
    # a ministry's row with no Tỉnh value, in a file placed by the configuration alone
    unplaced = {k for k, p, _ in distinct if p is None} if configured_only else set()
    homeless = {k for k, _, _, code in resolved if k in unplaced and code in central}
    table = key_table(
        [
            (k, prov or province, raw, code, written.get(k))
            if k not in homeless
            else (k, None, raw, code, None)
            for k, prov, raw, code in resolved
        ],
        ("province", "agency_raw", "agency_code", "province_written"),
    )
    ministries = tuple(sorted({raw for k, _, raw, _ in resolved if k in homeless and raw}))
    return FileAgencies(table, resolved, province, timed, ministries)


def written_provinces(
    distinct: list[tuple[int, str | None, str | None]],
    province: str | None,
    timed: TimedAgencies | None,
    reference: Reference | None,
) -> dict[int, str | None]:
    """Per agency key, the province its rows were written under (the Tỉnh value, else the
    file's ``province``) as the name means it before any succession: "Tỉnh Long An" is
    Long An even in a 2025 report counted under Tây Ninh. A submission corrects another
    only under the same written province (``warehouse.province_conflicts``). An earlier
    era's key (``timed.remaps``) was written as its own key was."""
    names: dict[str, str | None] = {}

    def canonical(raw: str | None) -> str | None:
        if raw is None or reference is None:
            return raw
        if raw not in names:
            names[raw] = resolve_province(raw, None, reference).name or raw
        return names[raw]

    written = {key: canonical(prov or province) for key, prov, _ in distinct}
    for key, _, new in timed.remaps if timed else ():
        written[new] = written[key]
    return written
