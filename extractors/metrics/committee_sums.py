"""The province's People's Committee reported beside its own agencies, as their sum.

A file of provincial departments often ends with a line for ``UBND tỉnh`` (kind
``committee`` in ``agencies.csv``) holding the province's total: loaded beside the
departments it would be counted twice in the province's sums. The committee is an agency
of its own too (it may report a figure that is no sum), so its row is rejected only where
the file proves it a sum: its Tử số and Mẫu số (or, without counts, its value on a count)
are the sums of the rows of the agencies of its level in the same province, indicator and
period, at least one of them there. Alone, or with figures of its own, it loads.
"""

from __future__ import annotations

import polars as pl

from extractors.metrics.catalog_checks import Catalog

COLUMN = "committee_sum"  # per row: why it is rejected as the sum of its agencies' (or null)


def committee_members(
    resolved: list[tuple[int, str | None, str | None, str | None]], catalog: Catalog
) -> dict[int, list[int]]:
    """Committee agency key -> the keys of the agencies of its level in the same province
    (``resolved``: key, province, agency as written, code), for each committee with any."""
    keys: dict[str | None, dict[str, list[int]]] = {}
    for key, prov, _, code in resolved:
        if code:
            keys.setdefault(prov, {}).setdefault(code, []).append(key)
    out = {}
    for key, prov, _, code in resolved:
        if code in catalog.committees:
            present = keys.get(prov, {})
            members = [k for m in catalog.members(code, set(present)) for k in present[m]]
            if members:
                out[key] = members
    return out


def committee_sums(rows: pl.DataFrame, committees: dict[int, list[int]]) -> pl.Series | None:
    """Per row, why it is rejected as the sum of its agencies' rows (null: not such a row);
    None when no row is. ``rows``: agency_key, indicator_key, period_key, numerator,
    denominator, value, percent, problem."""
    if not committees:
        return None
    pairs = [(m, c) for c, members in committees.items() for m in members]
    member_of = pl.DataFrame(
        {"agency_key": [m for m, _ in pairs], "committee": [c for _, c in pairs]},
        schema={"agency_key": pl.Int64, "committee": pl.Int64},
    )
    key = ["committee", "indicator_key", "period_key"]
    sums = (
        rows.filter(~pl.col("problem"))
        .with_columns(pl.col("agency_key").cast(pl.Int64))
        .join(member_of, on="agency_key")
        .group_by(key)
        .agg(
            members=pl.len(),
            num=pl.col("numerator").sum(),
            den=pl.col("denominator").sum(),
            val=pl.col("value").sum(),
            counted=pl.col("numerator").is_not_null().all()
            & pl.col("denominator").is_not_null().all(),
        )
    )
    judged = rows.select(
        pl.col("agency_key").cast(pl.Int64).alias("committee"),
        "indicator_key",
        "period_key",
        "numerator",
        "denominator",
        "value",
        "percent",
    ).join(sums, on=key, how="left", maintain_order="left")
    same = (
        pl.col("counted")
        & pl.col("numerator").is_not_null()
        & ((pl.col("numerator") - pl.col("num")).abs() < 1e-9)
        & ((pl.col("denominator") - pl.col("den")).abs() < 1e-9)
    ) | (
        ~pl.col("counted")
        & ~pl.col("percent")  # (shares without counts do not add up)
        & pl.col("numerator").is_null()
        & pl.col("value").is_not_null()
        & ((pl.col("value") - pl.col("val")).abs() < 1e-9)
    )
    reason = pl.format(
        "the row is the sum of the {} rows of the province's agencies in the file (the "
        "province's People's Committee reporting their total): the marts add up the "
        "agencies' own rows; send them without the committee's, or the committee's alone",
        pl.col("members"),
    )
    flags = judged.select(
        pl.when(pl.col("members").is_not_null() & same.fill_null(False)).then(reason)
    ).to_series()
    return flags if flags.is_not_null().any() else None
