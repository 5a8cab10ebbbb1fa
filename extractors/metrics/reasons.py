"""Why a row is rejected: the checks as one boolean expression, repeated keys, and the
wording of each reason (the first that applies)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

import polars as pl

from extractors.metrics.catalog_checks import Meant
from extractors.metrics.cells import (
    REJECTS,
    raw_record,
    raw_records,
    reject_rows,
    short_number,
    shown,
)
from extractors.metrics.encode import count_distinct_keys
from extractors.metrics.fractions import fraction_reason, undecided_reason
from extractors.metrics.percent_marks import unmarked_reason
from extractors.parse_period import period_problem

# a row's figure: the value it reports, else the share its numerator is of its denominator
# (as metric_observations.value derives it in SQL)
SHARE = pl.coalesce("value", 100.0 * pl.col("numerator") / pl.col("denominator"))


# counts and a value on one row that do not agree: the share the counts make is further
# from the value than half a unit of the value's last written digit
DISAGREE = (pl.col("denominator") > 0) & (
    (100.0 * pl.col("numerator") / pl.col("denominator") - pl.col("value")).abs()
    > pl.col("value_tolerance") + 1e-9
)

RID = pl.int_range(pl.len(), dtype=pl.Int64).alias("rid")  # a row's index


def has_problem(checks: Iterable[str] = (), never: Collection[str] = ()) -> pl.Expr:
    """Rows with a reason of their own (cheap: one boolean expression); ``checks``: more
    boolean columns that fail a row (``catalog_checks``); ``never``: the tests below that
    no row can meet (``impossible``, from the distinct values), left out of the pass."""
    num, den, val = (pl.col(c) for c in ("numerator", "denominator", "value"))
    more = [pl.col(c).fill_null(False) for c in checks]
    tests = {
        "no_figure": val.is_null() & num.is_null(),
        "half_pair": num.is_null() != den.is_null(),  # half of a pair of counts
        "value_negative": val < 0,
        "numerator_negative": num < 0,
        "denominator_negative": den < 0,
        "denominator_zero": den == 0,
        "numerator_over": num > den,
        "share_over": pl.col("percent") & (SHARE > 100),
        "disagree": DISAGREE,
    }
    found = [test for name, test in tests.items() if name not in never]
    return (
        pl.any_horizontal(pl.col("province_unknown"), *more)
        | pl.col("agency_blank")
        | pl.col("indicator_blank")
        | pl.col("period_bad")
        | pl.col("value_bad")
        | pl.col("numerator_bad")
        | pl.col("denominator_bad")
        | pl.any_horizontal(*found)
    ).fill_null(False)


def impossible(numbers: dict[str, pl.Series], percent: bool) -> set[str]:
    """The tests of ``has_problem`` that no row can meet, told by the distinct numbers of
    each role (``numbers``: numerator, denominator, value; a role never read: no values)
    and whether any row can be in percent: a file of counts without a value column is
    never checked against values, a column with no negative number never for one."""
    num, den, val = (numbers[r] for r in ("numerator", "denominator", "value"))

    def some(column: pl.Series, test: pl.Expr) -> bool:
        return bool(column.to_frame("x").select(test.fill_null(False).any()).item())

    x = pl.col("x")
    never = {
        name
        for name, column, test in (
            ("value_negative", val, x < 0),
            ("numerator_negative", num, x < 0),
            ("denominator_negative", den, x < 0),
            ("denominator_zero", den, x == 0),
        )
        if not some(column, test)
    }
    counts = some(num, x.is_not_null()) and some(den, x.is_not_null())
    if not counts:
        never |= {"numerator_over", "disagree"}
    if not some(val, x.is_not_null()):
        never.add("disagree")
    if not percent:
        never.add("share_over")
    return never


# a repeated key's reasons: every row of a key with conflicting values (its rows listed in
# number order), each identical copy after the first
CONFLICTING = "conflicting values for the same agency, indicator and period (rows {})"
DUPLICATE = "duplicate of row {}"


def repeated_rows(rows: pl.DataFrame) -> pl.DataFrame:
    """rid, reason, conflict for rows repeating a (province, agency, indicator, period) -
    their ``row_key``: a row identical to an earlier one is a duplicate (the first is kept,
    the file noted: not a reject); conflicting values for one key keep none (``conflict``:
    rejects). A clean file costs one count of distinct keys."""
    key = rows["row_key"]
    if count_distinct_keys(key) == rows.height:
        return pl.DataFrame(schema={"rid": pl.Int64, "reason": pl.String, "conflict": pl.Boolean})
    keyed = rows.select(RID, "source_row", "numerator", "denominator", "value")
    keyed = keyed.with_columns(key=key).filter(pl.col("key").is_duplicated())
    per_key = keyed.group_by("key").agg(
        variants=pl.struct("numerator", "denominator", "value").n_unique(),
        first_row=pl.col("source_row").min(),
        rows=pl.col("source_row").sort().cast(pl.String).str.join(", "),
    )
    reason = (
        pl.when(pl.col("variants") > 1)
        .then(pl.format(CONFLICTING, pl.col("rows")))
        .when(pl.col("source_row") != pl.col("first_row"))
        .then(pl.format(DUPLICATE, pl.col("first_row")))
    )
    return (
        keyed.join(per_key, on="key")
        .select("rid", reason=reason, conflict=pl.col("variants") > 1)
        .filter(pl.col("reason").is_not_null())
    )


def duplicates_note(rows: pl.DataFrame, shown: int = 10, total: int | None = None) -> str | None:
    """One note for a file's duplicate rows (source_row, reason: "duplicate of row N"),
    naming the first ``shown`` of them; None when there are none. ``total``: how many
    there are, when ``rows`` holds only some of them (the first ``shown`` among them)."""
    count = rows.height if total is None else total
    if count == 0:
        return None
    first = rows.sort("source_row").head(shown)
    listed = ", ".join(f"row {r} ({why})" for r, why in first.iter_rows())
    more = f" and {count - shown} more" if count > shown else ""
    return (
        f"{count} row{'' if count == 1 else 's'} repeating an earlier row "
        f"(same agency, indicator, period and figures) kept once: {listed}{more}"
    )


def _number_problem(why: dict[str, dict[str, str]], role: str, raw: str) -> str:
    """Why a cell is not a number, as the judge found it (naming the value)."""
    problem = why.get(role, {}).get(raw)
    if problem is None:
        return f"'{shown(raw)}' is not a number"
    return problem if problem.startswith("'") else f"'{shown(raw)}': {problem}"


def _fmt(x: float) -> str:
    return repr(float(x))


def reject_reasons(
    bad: pl.DataFrame,
    read: pl.DataFrame,
    repeats: pl.DataFrame,
    numbers: dict[str, dict[str, str]] | None = None,
    gone: dict[int, str] | None = None,
    provinces: dict[str | None, str] | None = None,
    meant: Meant | None = None,
    subtotals: dict[int, str] | None = None,
) -> pl.DataFrame:
    """The rejects: each failing row with its reason (the first that applies) and the row
    as read (``read``: the body's rows of ``bad``, in the same order). ``numbers``: per
    numeric role, why a value of it is not a number; ``gone``: agency key -> why the
    agency is not in force at the row's period; ``provinces``: a Tỉnh value that names
    no province (None: the title's, for rows without one) -> why; ``meant``: the checks
    against the catalog (``catalog_checks``); ``subtotals``: agency key -> why a
    collective's rows are rejected."""
    own = own_problem(bad, meant)
    repeated = bad.select("rid", "source_row").filter(~own)  # a repeated key, nothing else
    if repeated.height:
        worded = repeat_rejects(repeated, read.filter(~own), repeats)
        bad, read = bad.filter(own), read.filter(own)
    repeat = dict(repeats.select("rid", "reason").iter_rows()) if bad.height else {}
    why = numbers or {}
    out = []
    for r, src in zip(bad.iter_rows(named=True), read.iter_rows(named=True), strict=True):
        num, den, val = r["numerator"], r["denominator"], r["value"]
        if r["agency_blank"]:  # a total row ("Tổng cộng" under Tỉnh) says this first
            reason = "agency is blank"
        elif r["province_unknown"]:
            reason = (provinces or {})[src["province"]]
        elif r.get("total_off"):  # a total row its rows disagree with (``total_rows``)
            reason = f"'{src['agency_raw']}' {r['total_off']}"
        elif r.get("agency_gone"):
            reason = (gone or {}).get(r["agency_key"], "agency not in force at the period")
        elif r.get("agency_collective"):
            reason = (subtotals or {}).get(
                r["agency_key"], "a collective's row beside its members'"
            )
        elif r["indicator_blank"]:
            reason = "indicator is blank"
        elif r["period_bad"] and src["period_raw"] is None:
            reason = "period is blank"
        elif r["period_bad"]:
            reason = f"period '{src['period_raw']}': {period_problem(src['period_raw'])}"
        elif r["value_bad"]:
            reason = "value " + _number_problem(why, "value", src["value"])
        elif r["numerator_bad"]:
            reason = "numerator (Tử số) " + _number_problem(why, "numerator", src["numerator"])
        elif r["denominator_bad"]:
            reason = "denominator (Mẫu số) " + _number_problem(
                why, "denominator", src["denominator"]
            )
        elif num is not None and den is None:
            reason = "a numerator (Tử số) without its denominator (Mẫu số)"
        elif den is not None and num is None:
            reason = "a denominator (Mẫu số) without its numerator (Tử số)"
        elif meant and (wrong := meant.reason(r, src)):
            reason = wrong
        elif val is None and num is None:
            reason = "no value: Giá trị/Tỷ lệ and Tử số are blank"
        elif any(x is not None and x < 0 for x in (val, num, den)):
            reason = "negative value"
        elif den == 0:
            reason = "denominator (Mẫu số) is zero"
        elif num is not None and den is not None and num > den:
            reason = f"numerator {_fmt(num)} > denominator {_fmt(den)}"
        elif r["percent"] and r["share"] is not None and r["share"] > 100:
            reason = f"share {_fmt(round(r['share'], 2))}% outside 0-100"
        elif (
            num is not None
            and den
            and val is not None
            and (abs(100.0 * num / den - val) > r["value_tolerance"] + 1e-9)
        ):
            reason = (
                f"counts and value disagree: {short_number(num)}/{short_number(den)} is "
                f"{short_number(100.0 * num / den)}% but the value is {short_number(val)}"
            )
            if abs(100.0 * num / den - 100.0 * val) <= 100.0 * r["value_tolerance"] + 1e-9:
                reason += f" (a fraction of 1? write {short_number(100.0 * val)})"
        elif r.get("committee_sum"):
            reason = f"'{src['agency_raw']}': {r['committee_sum']}"
        elif r.get("fraction_of"):
            reason = fraction_reason(str(shown(src["value"])), val, r["fraction_of"])
        elif r.get("undecided_of"):
            reason = undecided_reason(str(shown(src["value"])), r["undecided_of"])
        elif r.get("unmarked_of"):
            reason = unmarked_reason(str(shown(src["value"])), r["unmarked_of"])
        else:
            reason = repeat[r["rid"]]
        out.append((r["source_row"], reason, raw_record(src)))
    rejects = reject_rows(out)
    if "key_row" in repeats.columns and bad.height:  # its key's reason lists it too
        keys = bad.select("rid", "source_row").join(repeats.select("rid", "key_row"), on="rid")
        rejects = rejects.drop("key_row").join(
            keys.select("source_row", "key_row"), on="source_row", how="left"
        )
    if repeated.height:
        rejects = pl.concat([rejects, worded])
    return rejects.sort("source_row", maintain_order=True)


def repeat_rejects(
    repeated: pl.DataFrame, read: pl.DataFrame, repeats: pl.DataFrame
) -> pl.DataFrame:
    """The rejects of rows failing for repeating a key alone (rid, source_row; ``read``:
    their body rows, in the same order), worded on columns (a file can repeat millions of
    keys): each row's reason is its repeat's (``repeats`` as ``reject_reasons`` takes
    them), its record its cells as read."""
    # the loader's reason numbers and keys' first rows (``batches.worded_repeats``)
    loader = [
        repeats[c] if c in repeats.columns else pl.lit(None, pl.Int64).alias(c)
        for c in ("reason_id", "key_row")
    ]
    by_repeat = repeated.join(repeats.select("rid", "reason", *loader), on="rid", how="left")
    return by_repeat.select(
        "source_row",
        "reason",
        "reason_id",
        raw_record=raw_records(read),
        key_row="key_row",
    ).cast(REJECTS)


def own_problem(bad: pl.DataFrame, meant: Meant | None) -> pl.Series:
    """Per judged row, whether it fails for a reason of its own (else, if it fails, only
    for repeating another row's key): the checks ``has_problem`` reads, and the flags the
    judge adds."""
    more = [c for c in ("agency_gone", "agency_collective") if c in bad.columns]
    checks = [c for c in (meant.CHECKS if meant else ()) if c in bad.columns]
    own = has_problem(checks).or_(
        *(pl.col(c).fill_null(False) for c in more),
        *(
            pl.col(c).is_not_null()
            for c in ("fraction_of", "undecided_of", "unmarked_of", "committee_sum")
            if c in bad.columns
        ),
    )
    return bad.select(own.alias("own")).to_series()
