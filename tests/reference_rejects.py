"""The plain version of ``warehouse.metric_rejects``: which rows of a judged file are
rejected and why, row by row in Python, as the reader worded rejects before DuckDB did it
(``extractors/metrics/reasons.py`` until then). Tests compare the SQL kernels with it."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from extractors.metrics.judge import Judged
from warehouse.metric_rejects import LISTED_ROWS


def _short(x: float) -> str:
    """A number as a person writes it: at most two decimals, no trailing zeros."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _fmt(x: float) -> str:
    return repr(float(x))


def _listed(rows: list[int]) -> str:
    rows = sorted(rows)
    text = ", ".join(str(r) for r in rows[:LISTED_ROWS])
    return text + (f" and {len(rows) - LISTED_ROWS} more" if len(rows) > LISTED_ROWS else "")


def repeat_reasons(rows: list[dict[str, Any]]) -> dict[int, str]:
    """Row index -> why its key's repeat rejects it: every row of a key with conflicting
    values; the rows after the first of identical ones."""
    by_key: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_key[r["row_key"]].append(i)
    out = {}
    for members in by_key.values():
        if len(members) < 2:
            continue
        variants = {
            (rows[i]["numerator"], rows[i]["denominator"], rows[i]["value"]) for i in members
        }
        source_rows = [rows[i]["source_row"] for i in members]
        first = min(source_rows)
        for i in members:
            if len(variants) > 1:
                out[i] = (
                    "conflicting values for the same agency, indicator and period "
                    f"(rows {_listed(source_rows)})"
                )
            elif rows[i]["source_row"] != first:
                out[i] = f"duplicate of row {first}"
    return out


def own_reason(r: dict[str, Any], src: dict[str, Any], bad_period: str | None) -> str | None:
    """The first problem of a row's own, as the reject says it (None: none)."""
    num, den, val = r["numerator"], r["denominator"], r["value"]
    if r["agency_blank"]:
        return "agency is blank"
    if r["indicator_blank"]:
        return "indicator is blank"
    if r["period_bad"]:
        return "period is blank" if src["period"] is None else bad_period
    for role, label in (
        ("value", "value"),
        ("numerator", "numerator (Tử số)"),
        ("denominator", "denominator (Mẫu số)"),
    ):
        if r[f"{role}_bad"]:
            return f"{label} {src[role + '_problem']}"
    if val is None and num is None:
        return "no value: Giá trị/Tỷ lệ and Tử số are blank"
    if any(x is not None and x < 0 for x in (val, num, den)):
        return "negative value"
    if den == 0:
        return "denominator (Mẫu số) is zero"
    if num is not None and den is not None and num > den:
        return f"numerator {_fmt(num)} > denominator {_fmt(den)}"
    share = val if val is not None else (None if num is None or den is None else 100.0 * num / den)
    if r["percent"] and share is not None and share > 100:
        return f"share {_fmt(round(share, 2))}% outside 0-100"
    if (
        num is not None
        and den
        and val is not None
        and abs(100.0 * num / den - val) > src["value_half_unit"] + 1e-9
    ):
        return (
            f"counts and value disagree: {_short(num)}/{_short(den)} is "
            f"{_short(100.0 * num / den)}% but the value is {_short(val)}"
        )
    return None


def reference_rejects(judged: Judged) -> tuple[list[int], list[tuple[int, str, str]]]:
    """(source rows that load, rejects as (source_row, reason, raw_record)), in file order."""
    rows = judged.rows.to_dicts()
    agencies = {a["key"]: a for a in judged.agencies.to_dicts()}
    indicators = {i["key"]: i for i in judged.indicators.to_dicts()}
    periods = {p["key"]: p["period_raw"] for p in judged.periods.to_dicts()}
    bad_periods = dict(judged.bad_periods.iter_rows())
    cells = {role: {c["cell"]: c for c in f.to_dicts()} for role, f in judged.cells.items()}
    repeats = repeat_reasons(rows)
    loads, rejects = [], []
    for i, r in enumerate(rows):
        cell = {role: cells[role].get(r[f"{role}_cell"], {}) for role in cells}
        src = {
            "period": periods.get(r["period_key"]),
            **{f"{role}_problem": cell[role].get("problem") for role in cells},
            "value_half_unit": cell["value"].get("half_unit"),
        }
        reason = own_reason(r, src, bad_periods.get(r["period_key"])) or repeats.get(i)
        if reason is None:
            loads.append(r["source_row"])
            continue
        agency, indicator = agencies[r["agency_key"]], indicators[r["indicator_key"]]
        record = {
            "agency": agency["agency_raw"],
            "indicator": indicator["indicator_raw"],
            "period": src["period"],
            "numerator": cell["numerator"].get("shown"),
            "denominator": cell["denominator"].get("shown"),
            "value": cell["value"].get("shown"),
            "unit": indicator["unit"],
        }
        rejects.append((r["source_row"], reason, json.dumps(record, ensure_ascii=False)))
    return loads, sorted(rejects, key=lambda t: t[0])
