"""Judging a metric file's rows on their distinct values.

Numbers are read with the convention each column proves (``extractors.parse_numbers``:
``1.234,5`` Vietnamese unless the column shows ``1,234.5``; a float parser would read
``1.234`` as 1.234), periods with ``extractors.parse_period``, agencies and indicators
against the registry and catalog. The rows then get their keys and numbers by index, one
boolean pass finds the rows with a problem and one count of distinct keys the repeated
ones; only those rows get a reason (``extractors.metrics.reasons``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

import polars as pl

from extractors.errors import ExtractionError
from extractors.metrics.agencies import (
    central_without_province,
    file_agencies,
    known_provinces,
    named_province,
    without_former,
)
from extractors.metrics.batches import RowBatches
from extractors.metrics.body import TEXT_COLUMNS
from extractors.metrics.catalog_checks import Catalog, Meant, collective_subtotals
from extractors.metrics.cells import REJECTS, without_text_prefix
from extractors.metrics.column_numbers import read_numbers
from extractors.metrics.committee_sums import committee_members
from extractors.metrics.encode import (
    by_code,
    distinct_pair_keys,
    distinct_values,
    encode,
    flags,
    key_table,
    null_as_last,
    pair_key,
    pairs,
)
from extractors.metrics.estimate_notes import titled
from extractors.metrics.failing import (
    SLICE_ROWS,
    Failing,
    duplicates,
    failing_of,
    repeated_keys,
)
from extractors.metrics.fractions import (
    REFUSED,
    flagged,
    fractions_of,
    refused_fractions,
    undecided_of,
    value_columns,
)
from extractors.metrics.in_time import title_province_known, unknown_provinces
from extractors.metrics.layout import Layout, title_province
from extractors.metrics.note_cutoff import cut_by_note
from extractors.metrics.percent_cells import percent_flags, percent_notes, percent_scale
from extractors.metrics.percent_marks import unmarked_fractions
from extractors.metrics.planned import INDICATOR_COLUMNS, Planned, Reasons, sorted_out
from extractors.metrics.reasons import duplicates_note, has_problem, impossible
from extractors.metrics.same_keys import period_order, period_table, same_period
from extractors.metrics.sheet_period import file_period
from extractors.metrics.title_period import layout_refusal as title_refusal
from extractors.metrics.total_rows import sum_rows
from extractors.metrics.vocabulary import NUMERIC_ROLES
from extractors.metrics.wide_check import check_wide
from extractors.period import period_label
from extractors.reference_time import Reference
from extractors.resolve_names import Entry, indicator_resolver
from extractors.roman_periods import read_periods


@dataclass(frozen=True)
class Judged:
    """One metric file, judged. Keys are the file's own (0-based); the loader offsets them.

    agencies:   key, province, agency_raw, agency_code
    indicators: key, indicator_raw, unit, indicator_code
    periods:    key, period_raw, period_kind, period_start, period_end, year
    facts:      agency_key, indicator_key, period_key, source_row, numerator, denominator,
                value (as reported: null when the row reports a numerator and denominator,
                whose ``SHARE`` readers derive)
    rejects:    source_row, reason, reason_id, raw_record (the row as read: cells.REJECTS),
                but a file judged whole's failing rows (``failing``)
    """

    agencies: pl.DataFrame
    indicators: pl.DataFrame
    periods: pl.DataFrame
    facts: pl.DataFrame
    rejects: pl.DataFrame
    warnings: tuple[str, ...] = ()  # the layout's: columns matched loosely or not understood
    skipped: tuple[str, ...] = ()  # the layout's: rows not read as data (a numbering row)
    notes: tuple[str, ...] = ()  # resolved, but an analyst should know (reorganisation)
    duplicates: tuple[str, ...] = ()  # rows repeating an earlier row, kept once (no reject)
    version: int | None = None  # the version the file states (``extractors.metrics.version``)
    reported_on: date | None = None  # the report date it states (``metrics.report_date``)
    unread_sheets: tuple[str, ...] = ()  # a workbook's other sheets of figures, not read
    # a large file judged as it is written, slice by slice (``batches``): facts and
    # rejects (but those judged apart, as hidden rows) are theirs
    batches: RowBatches | None = None
    unplaced: int | None = None  # its facts with no province, once written (``batches``)
    totals: int = 0  # total rows kept out, agreeing with their rows (``total_rows``)
    # a file judged whole: its failing rows, worded as they are written (``failing``);
    # ``rejects`` are those judged apart (hidden rows, another province's figures)
    failing: Failing | None = None


def judged_whole(plan: Planned, layout: Layout, size: int = SLICE_ROWS) -> Judged:
    """Every row judged in one pass (``batches.judged_in_batches``: in slices of rows,
    the rows written as each slice is judged, to the same answer); its failing rows are
    worded ``size`` at a time as they are written (``failing``)."""
    rows = plan.rows()
    layout.warnings.extend(percent_notes(rows, layout))
    layout.warnings.extend(plan.year_notes())
    ind_rows = plan.indicator_rows(rows["indicator_key"])
    rows = plan.renamed(rows, ind_rows)
    shares_in = value_columns(layout, ind_rows)
    # sums of other rows: the committee's of its agencies' (rejected), totals (``total_rows``)
    rows, read, totals = sum_rows(rows, plan.body, plan.committees)
    layout.notes.extend(totals.notes)
    # shares written as fractions of 1: rejects naming the column
    rows = flagged(rows, "fraction_of", fractions_of(rows, plan.values, *shares_in))
    # a share column of 0 and 1 alone, typed or text: 100% or 1%? rejected
    rows = flagged(rows, "undecided_of", undecided_of(rows, *shares_in))
    # 0,45 beside 45%: rejects naming the value
    rows = flagged(rows, "unmarked_of", unmarked_fractions(rows, *shares_in))
    repeats = repeated_keys(rows)
    facts, rows, failing, copied = sorted_out(rows, repeats)
    note = duplicates_note(duplicates(copied))
    return Judged(
        plan.agencies,
        key_table(ind_rows, INDICATOR_COLUMNS),
        plan.periods,
        facts,
        pl.DataFrame(schema=REJECTS),
        notes=plan.notes,
        duplicates=(note,) if note else (),
        totals=totals.rows,
        failing=failing_of(plan.reasons, rows, failing, read, repeats, size),
    )


def plan_judgement(
    body: pl.DataFrame,
    layout: Layout,
    path: str,
    agencies: list[Entry],
    indicators: list[Entry],
    percent_codes: set[str],
    province: str | None = None,
    reference: Reference | None = None,
    catalog: Catalog | None = None,
) -> Planned:
    """Numbers, periods, agencies and indicators judged on distinct values; every row gets
    its keys, numbers and, if it fails, its reason. A row's province is its Tỉnh column's,
    else the title's, else the file name's, else the one its agencies belong to, else the
    deployment's ``province``. With ``reference`` (the reference data with time) names
    resolve at the dates the file reports (``in_time``). With ``catalog`` (units of the
    indicators, collective agencies) a row is checked to be one agency's figure in its
    indicator's unit (``catalog_checks``)."""
    if "period" not in layout.roles and not layout.periods:  # (periods: per column)
        named = file_period(layout.sheet, layout.period_sources, path)  # the sheet's first
        named = named and cut_by_note(named, layout.below)  # a note: "tính đến ngày 30/11"
        fallback = period_label(named) if named else None
        if fallback is None:
            raise ExtractionError(
                path,
                "no period: no period column, and neither a title row "
                "nor the file name names a period",
            )
        body = titled(body, fallback)  # (a row's note saying estimate kept: refused)
    text, numeric = list(TEXT_COLUMNS), list(NUMERIC_ROLES)
    # each distinct period is parsed once; a Roman numeral alone (I/2024) as its column says
    column = layout.header[layout.roles["period"]] if "period" in layout.roles else ""
    parse = cache(read_periods(distinct_values(body["period_raw"]).to_list(), column))
    # periods in time order: a period's key grows with its dates, so a filter on years
    # becomes a range of keys (and row groups of facts are skipped by their key ranges)
    levels, codes = encode(
        body, text + numeric, {"period_raw": lambda raw: period_order(parse(raw), raw)}
    )

    if "province" in layout.roles:  # "Tây Ninh (Long An cũ)": the merged province, Tây Ninh
        levels["province"], former = without_former(
            levels["province"], layout.header[layout.roles["province"]]
        )
        layout.warnings.extend(former)
    for role in numeric:  # Excel's text prefix exported with a number: '1.234 is 1.234
        levels[role] = [without_text_prefix(v) for v in levels[role]]
    ind = indicator_resolver(indicators)
    ind_codes = {raw: ind.resolve(raw).code for raw in levels["indicator_raw"]}
    # each distinct value judged once: a table per column, indexed by the value's code. A
    # value column whose every indicator is a count holds whole numbers, as Tử số does
    # ("1.204" there is 1204)
    counts = (catalog or Catalog()).all_counts(ind_codes.values())
    whole = {"numerator", "denominator", *(["value"] if counts else [])}
    numbers = {
        role: read_numbers(levels[role], role in layout.typed, role in whole) for role in numeric
    }
    parsed = [parse(raw) for raw in levels["period_raw"]]
    if refused := title_refusal(layout, parsed):  # a half year's title over a column of years
        raise ExtractionError(path, refused)
    periods = period_table(levels["period_raw"], parsed)
    check_wide(layout, path, ind)
    meant = Meant(catalog or Catalog(), ind_codes)

    # a Tỉnh value, or the title's province for rows without one (key None), that names no
    # province of any time: its rows are rejected
    unknown: dict[str | None, str] = {}
    title = title_province(layout.title)
    if reference:
        title = title_province_known(title, reference)  # "TỈNH LONG AN - TỶ LỆ ..."
        column = layout.header[layout.roles["province"]] if "province" in layout.roles else ""
        unknown.update(unknown_provinces(levels["province"], f"column {column}", reference))
        for reason in unknown_provinces([title] if title else [], "the title", reference).values():
            unknown[None] = reason
    in_percent = {  # per distinct unit and indicator: a row of it is in percent
        "unit": flags(levels["unit"], lambda u: "%" in u),
        "indicator_raw": flags(
            levels["indicator_raw"], lambda raw: ind_codes[raw] in percent_codes
        ),
    }
    checks = {  # per row, what can fail it (reject_reasons words them, in its own order)
        "province_unknown": by_code(
            flags(levels["province"], lambda raw: raw in unknown),
            "province",
            null=None in unknown,
        ),
        "agency_blank": by_code(
            flags(levels["agency_raw"], lambda raw: not raw.strip()), "agency_raw", null=True
        ),
        "indicator_blank": pl.col("indicator_raw").is_null(),
        "period_bad": by_code(periods["period_kind"].is_null(), "period_raw", null=True),
        **{f"{role}_bad": by_code(numbers[role][1], role, null=False) for role in numeric},
        "percent": by_code(in_percent["unit"], "unit", null=False)
        | by_code(in_percent["indicator_raw"], "indicator_raw", null=False),
        **meant.checks(levels, numbers["value"][0]),
    }

    counted = [ind_codes[r] not in {None, *percent_codes} for r in levels["indicator_raw"]]
    shown_percent = percent_flags(levels["value"], counted)  # counts in cells shown as %
    refused_values = refused_fractions(levels["value"], numbers["value"][1])  # "0.9", "0,95"
    refused_flag = (
        {} if refused_values is None else {REFUSED: by_code(refused_values, "value", null=False)}
    )

    # an integer key per (province, agency) pair as written (null: the last number); the
    # pairs resolve first, since how they resolve in time decides the rows' keys. The
    # (agency, period) pairs the rows hold are found in the same look at the rows: the
    # agencies are theirs, and a note about an era names an agency with rows in it
    n = {c: len(levels[c]) for c in levels}
    col = pl.col
    agency = pair_key(
        null_as_last(col("province"), n["province"]), col("agency_raw"), n["agency_raw"]
    )
    held = distinct_pair_keys(codes, agency, col("period_raw"), n["period_raw"])
    written_pairs = pairs(held // (n["period_raw"] + 1), levels["province"], levels["agency_raw"])
    found = file_agencies(
        written_pairs,
        province,
        title or named_province(path, known_provinces(agencies, province)),
        set(levels["province"]) - set(unknown),
        periods,
        agencies,
        reference,
        meant.catalog.central(),
    )
    timed, resolved, province = found.timed, found.resolved, found.province
    if found.homeless:
        layout.warnings.append(central_without_province(found.homeless, province))

    # the tests no row can meet (no negative count, no value column ...) are left out
    percent_rows = any(t.any() for t in in_percent.values())
    never = impossible({role: numbers[role][0] for role in numeric}, percent_rows)
    # one pass over the rows (one lazy query, so nothing is computed twice or held
    # between steps): the keys - per (indicator, unit) as written, and per row's
    # (province, agency, indicator, period), which must not repeat -; the numbers; the
    # checks; an earlier era's rows given their agency's key of that era (a file reporting
    # on both sides of a change) and checked against its span
    written = col("agency_key")
    # a collective's row beside its members' is their sum (checked on the keys after the
    # remap: an earlier era's key is an agency of its own)
    subtotals = collective_subtotals(resolved, meant.catalog)
    committees = committee_members(resolved, meant.catalog)

    def query(rows: pl.LazyFrame, source_row: pl.Series) -> pl.LazyFrame:
        """The pass over a slice of the rows (their codes) and their source rows (in one
        piece: the pass cuts it where it cuts the codes, so the facts' columns share
        their chunks and are read as whole batches)."""
        rows = (
            rows.with_columns(agency.alias("agency_key"))
            .select(
                source_row,
                written,
                indicator_key=pair_key(
                    null_as_last(col("indicator_raw"), n["indicator_raw"]), col("unit"), n["unit"]
                ),
                period_key=null_as_last(col("period_raw"), -1),
                row_key=pair_key(
                    pair_key(written, col("indicator_raw"), n["indicator_raw"]),
                    same_period(parsed),
                    n["period_raw"],
                ),
                **{role: by_code(numbers[role][0], role) for role in numeric},
                value_tolerance=by_code(numbers["value"][3], "value"),
                # its Đơn vị tính says "%": its share is a percent, as "Tỷ lệ (%)" says
                unit_percent=by_code(in_percent["unit"], "unit", null=False),
                value_marked=by_code(
                    pl.Series(levels["value"], dtype=pl.String).str.ends_with("%"), "value", False
                ),
                **checks,
                **shown_percent,
                **refused_flag,
            )
            .with_columns(**percent_scale(shown_percent))  # a count: the number its cell holds
            .with_columns(problem=has_problem(meant.CHECKS, never))
        )
        if timed and (timed.remaps or timed.gone):  # (gone: its agency not in force then)
            rows = timed.in_force(rows, periods, max(k for k, _, _ in written_pairs))
        if timed and timed.gone:
            rows = rows.with_columns(problem=col("problem") | col("agency_gone"))
        if subtotals:
            rows = rows.with_columns(agency_collective=col("agency_key").is_in(list(subtotals)))
            rows = rows.with_columns(problem=col("problem") | col("agency_collective"))
        return rows

    values = numbers["value"][0]
    return Planned(
        body,
        codes,
        query,
        found.table,
        periods,
        Reasons(
            {role: numbers[role][2] for role in numeric},
            timed.reasons() if timed else {},
            unknown,
            meant,
            subtotals,
        ),
        levels,
        ind_codes,
        resolved,
        province,
        n,
        timed.notes_for(held, n["period_raw"]) if timed else (),
        # a decision on the whole value column (fractions of 1, cells shown as percents)
        # may be needed: only the whole file can make it
        bool(((values > 0) & (values < 1)).any())
        or bool(shown_percent)
        or refused_values is not None
        or bool(committees)
        or (bool(values.is_in([0.0, 1.0]).any()) and percent_rows),  # (undecided_of)
        values,
        committees,
    )
