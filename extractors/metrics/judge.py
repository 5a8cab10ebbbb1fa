"""Judging a metric file's rows on their distinct values.

Numbers are read with the convention each column proves (``extractors.parse_numbers``:
``1.234,5`` Vietnamese unless the column shows ``1,234.5``; a float parser would read
``1.234`` as 1.234), periods with ``extractors.parse_period``, agencies and indicators
against the registry and catalog. The rows then get their keys and numbers by index, one
boolean pass finds the rows with a problem and one count of distinct keys the repeated
ones; only those rows get a reason (``extractors.metrics.reasons``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import polars as pl

from extractors.errors import ExtractionError
from extractors.metrics.body import TEXT_COLUMNS
from extractors.metrics.encode import by_code, encode, key_table, null_as_last, pair_key, pairs
from extractors.metrics.in_time import in_time
from extractors.metrics.layout import Layout, title_province
from extractors.metrics.reasons import RID, SHARE, has_problem, reject_reasons, repeated_rows
from extractors.metrics.vocabulary import NUMERIC_ROLES
from extractors.parse_numbers import NULL_TOKENS, parse_number
from extractors.parse_period import Period, parse_period
from extractors.reference_time import Reference
from extractors.resolve_names import Entry, ResolverCache, indicator_resolver


def number_convention(values: list[str]) -> str:
    """ "," (Vietnamese) unless the column's values prove the English convention.

    >>> number_convention(["1.234", "52,5"]), number_convention(["1,234.5", "7.25"])
    (',', '.')
    """
    en = vi = 0
    for v in values:
        s = re.sub(r"[\s%]", "", v)
        if re.fullmatch(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+\.\d{1,2}|-?\d+\.\d{4,}", s):
            en += 1
        if re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?|-?\d+,\d+", s):
            vi += 1
    return "." if en and not vi else ","


@dataclass(frozen=True)
class Judged:
    """One metric file, judged. Keys are the file's own (0-based); the loader offsets them.

    agencies:   key, province, agency_raw, agency_code
    indicators: key, indicator_raw, unit, indicator_code
    periods:    key, period_raw, period_kind, period_start, period_end, year
    facts:      agency_key, indicator_key, period_key, source_row, numerator, denominator,
                value (as reported: null when the row reports a numerator and denominator,
                whose ``SHARE`` readers derive)
    rejects:    source_row, reason, raw_record (the row as read, JSON)
    """

    agencies: pl.DataFrame
    indicators: pl.DataFrame
    periods: pl.DataFrame
    facts: pl.DataFrame
    rejects: pl.DataFrame
    notes: tuple[str, ...] = ()  # resolved, but an analyst should know (reorganisation)


def _period_order(p: Period | None, raw: str) -> tuple[date, date, str]:
    return (p.start, p.end, raw) if p else (date.max, date.max, raw)


def _numbers(levels: list[str], typed: bool) -> tuple[pl.Series, pl.Series]:
    decimal = "." if typed else number_convention(levels)
    values, bad = [], []
    for raw in levels:
        num: Decimal | None = parse_number(raw, decimal)
        values.append(None if num is None else float(num))
        bad.append(num is None and raw.strip().lower() not in NULL_TOKENS)
    return pl.Series(values, dtype=pl.Float64), pl.Series(bad, dtype=pl.Boolean)


def judge(
    body: pl.DataFrame,
    layout: Layout,
    path: str,
    agencies: list[Entry],
    indicators: list[Entry],
    percent_codes: set[str],
    reference: Reference | None = None,
) -> Judged:
    """Numbers, periods, agencies and indicators judged on distinct values; every row gets
    its keys, numbers and, if it fails, its reason. With ``reference`` (the reference data
    with time) names resolve at the dates the file reports (``in_time``)."""
    if "period" not in layout.roles:
        fallback = next((t for t in [*layout.title, Path(path).stem] if parse_period(t)), None)
        if fallback is None:
            raise ExtractionError(
                path,
                "no period: no period column, and neither a title row "
                "nor the file name names a year",
            )
        body = body.with_columns(period_raw=pl.lit(fallback))
    text, numeric = list(TEXT_COLUMNS), list(NUMERIC_ROLES)
    parse = cache(parse_period)  # each distinct period is parsed once
    # periods in time order: a period's key grows with its dates, so a filter on years
    # becomes a range of keys (and row groups of facts are skipped by their key ranges)
    levels, codes = encode(
        body, text + numeric, {"period_raw": lambda raw: _period_order(parse(raw), raw)}
    )

    # each distinct value judged once: a table per column, indexed by the value's code
    numbers = {role: _numbers(levels[role], role in layout.typed) for role in numeric}
    parsed = [parse(raw) for raw in levels["period_raw"]]
    periods = pl.DataFrame(
        {
            "key": range(len(parsed)),
            "period_raw": levels["period_raw"],
            "period_kind": [p.kind if p else None for p in parsed],
            "period_start": [p.start if p else None for p in parsed],
            "period_end": [p.end if p else None for p in parsed],
            "year": [p.year if p else None for p in parsed],
        },
        schema={
            "key": pl.Int64,
            "period_raw": pl.String,
            "period_kind": pl.String,
            "period_start": pl.Date,
            "period_end": pl.Date,
            "year": pl.Int32,
        },
    )
    ind = indicator_resolver(indicators)
    ind_codes = {raw: ind.resolve(raw).code for raw in levels["indicator_raw"]}

    def flags(values: list[str], test: Callable[[str], bool]) -> pl.Series:
        return pl.Series([test(v) for v in values], dtype=pl.Boolean)

    checks = {  # per row, what can fail it (reject_reasons words them, in its own order)
        "agency_blank": by_code(
            flags(levels["agency_raw"], lambda raw: not raw.strip()), "agency_raw", null=True
        ),
        "indicator_blank": pl.col("indicator_raw").is_null(),
        "period_bad": by_code(periods["period_kind"].is_null(), "period_raw", null=True),
        **{f"{role}_bad": by_code(numbers[role][1], role, null=False) for role in numeric},
        "percent": by_code(flags(levels["unit"], lambda u: "%" in u), "unit", null=False)
        | by_code(
            flags(levels["indicator_raw"], lambda raw: ind_codes[raw] in percent_codes),
            "indicator_raw",
            null=False,
        ),
    }

    # one pass over the rows: an integer key per (province, agency) and per (indicator,
    # unit) as written (null: the last number), and per row's (province, agency,
    # indicator, period), which must not repeat; the numbers; the checks
    n = {c: len(levels[c]) for c in levels}
    col = pl.col
    agency = pair_key(
        null_as_last(col("province"), n["province"]), col("agency_raw"), n["agency_raw"]
    )
    rows = (
        codes.lazy()
        .select(
            body["source_row"],
            agency_key=agency,
            indicator_key=pair_key(
                null_as_last(col("indicator_raw"), n["indicator_raw"]), col("unit"), n["unit"]
            ),
            period_key=null_as_last(col("period_raw"), -1),
            row_key=pair_key(
                pair_key(agency, col("indicator_raw"), n["indicator_raw"]),
                col("period_raw"),
                n["period_raw"],
            ),
            **{role: by_code(numbers[role][0], role) for role in numeric},
            **checks,
        )
        .with_columns(problem=has_problem())
        .collect()  # (lazily, so the shared sub-expressions are computed once)
    )

    # agencies: one key per (province, agency) pair as written
    agency_key, indicator_key = rows["agency_key"], rows["indicator_key"]
    province = title_province(layout.title)
    distinct = pairs(agency_key, levels["province"], levels["agency_raw"])
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
        found = {local[c] for _, _, _, c in resolved if c in local} | set(levels["province"])
        province = found.pop() if len(found) == 1 else None
        if timed and reference and province:  # in time again, now that it is known
            timed = in_time(distinct, province, periods, agencies, reference)
            resolved = timed.resolved if timed else resolved
    agency_table = key_table(
        [(k, prov or province, raw, code) for k, prov, raw, code in resolved],
        ("province", "agency_raw", "agency_code"),
    )

    # indicators: one key per (indicator, unit) pair as written
    ind_rows = [
        (k, raw, unit, None if raw is None else ind_codes.get(raw))
        for k, raw, unit in pairs(indicator_key, levels["indicator_raw"], levels["unit"])
    ]
    indicator_table = key_table(ind_rows, ("indicator_raw", "unit", "indicator_code"))

    # rejects: the rows that fail a check, and repeated keys
    if timed and timed.remaps:  # a file reporting on both sides of a change
        rows = rows.with_columns(timed.remap())
    if timed and timed.gone:  # a row whose agency is not in force at its period
        rows = rows.with_columns(agency_gone=timed.out_of_time(periods))
        rows = rows.with_columns(problem=pl.col("problem") | pl.col("agency_gone"))
    repeats = repeated_rows(rows)
    if repeats.height:  # a repeat is a problem too (a row's rid is its index)
        rows = rows.with_columns(rows["problem"].scatter(repeats["rid"], True))
    indexed = rows.lazy().with_columns(RID)
    failing = indexed.filter("problem") if rows["problem"].any() else indexed.clear()
    bad = failing.with_columns(share=SHARE).collect()
    rejects = reject_reasons(bad, body[bad["rid"]], repeats, timed.reasons() if timed else {})
    good = rows.filter(~pl.col("problem")) if bad.height else rows
    facts = good[list(FACT_COLUMNS)]  # by name: select() would copy the columns again
    notes = timed.notes if timed else ()
    return Judged(agency_table, indicator_table, periods, facts, rejects, notes)


FACT_COLUMNS = (
    "agency_key",
    "indicator_key",
    "period_key",
    "source_row",
    "numerator",
    "denominator",
    "value",
)
