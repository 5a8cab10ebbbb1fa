"""The report's charts: Vega-Lite specifications made with altair, rendered to SVG at
build time by vl-convert, so the page needs no script and no network, and prints as drawn."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import polars as pl
import vl_convert as vlc

from warehouse.report.rows import Row
from warehouse.report.words import STATUS_COLOURS, STATUS_VI

FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"
BUDGET_TOP = 12  # agencies drawn; the table lists them all


def _data(values: list[Row]) -> pl.DataFrame:
    """Rows for a chart; altair inlines the frame's values into the specification."""
    return pl.DataFrame(values, infer_schema_length=None)


def to_svg(chart: alt.TopLevelMixin) -> str:
    spec = chart.configure(font=FONT).configure_view(stroke=None).to_dict()
    return str(vlc.vegalite_to_svg(spec))


def stacked_by_area(
    areas: Sequence[Row], area_no: str, statuses: Mapping[str, tuple[str, str]], counted: str
) -> str:
    """One bar per area (its number in ``area_no``), stacked by status: ``statuses`` maps
    each count column to its label and colour, in the order the bars stack; ``counted``:
    what the bars count (the axis title)."""
    values = [
        {
            "area": f"{a[area_no]}. {a['area'] or ''}"[:48],
            "status": statuses[s][0],
            "order": i,
            "n": int(a[s] or 0),
        }
        for a in areas
        for i, s in enumerate(statuses)
        if a.get(s)
    ]
    present = [s for s in statuses if any(a.get(s) for a in areas)]
    scale = alt.Scale(
        domain=[statuses[s][0] for s in present], range=[statuses[s][1] for s in present]
    )
    chart = (
        alt.Chart(_data(values))
        .mark_bar()
        .encode(
            y=alt.Y("area:N", title=None, sort=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X("n:Q", title=counted, axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "status:N", title="Tình trạng", scale=scale, legend=alt.Legend(orient="bottom")
            ),
            order=alt.Order("order:Q"),
            tooltip=["area:N", "status:N", "n:Q"],
        )
        .properties(width=420, height=alt.Step(22))
    )
    return to_svg(chart)


def areas_chart(areas: Sequence[Row]) -> str:
    """Measures per area, stacked by status."""
    statuses = {s: (STATUS_VI[s], STATUS_COLOURS[s]) for s in STATUS_VI}
    return stacked_by_area(areas, "area_no", statuses, "Số tiêu chí")


def trend_chart(rows: Sequence[Row], title: Sequence[str]) -> str:
    """One indicator across years: the actual as a line (broken where a year has no
    figure), the plan's target of each year as a red tick."""
    years = [int(r["year"]) for r in rows]
    by_year = {int(r["year"]): r for r in rows}
    values = [
        {
            "year": str(y),
            "actual": by_year.get(y, {}).get("actual_value"),
            "target": by_year.get(y, {}).get("target_value"),
        }
        for y in range(min(years), max(years) + 1)
    ]
    base = alt.Chart(_data(values)).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0))
    )
    # a missing year breaks the line instead of being bridged
    line = base.mark_line(point=True, invalid="break-paths-show-domains", color="#1F4E79").encode(
        y=alt.Y("actual:Q", title=None, scale=alt.Scale(zero=False)),
        tooltip=["year:O", alt.Tooltip("actual:Q", format=".1f")],
    )
    target = base.mark_tick(color="#C00000", thickness=2, size=18).encode(
        y="target:Q", tooltip=["year:O", "target:Q"]
    )
    chart = alt.layer(line, target).properties(
        width=260, height=130, title=alt.TitleParams(list(title), fontSize=12, anchor="start")
    )
    return to_svg(chart)


def budget_chart(budget: Sequence[Row]) -> str:
    """Budget of the tasks each agency leads first (million VND), largest first."""
    values = [
        {"agency": str(b["agency"])[:45], "budget": float(b["budget"])}
        for b in budget
        if b["budget"]
    ][:BUDGET_TOP]
    chart = (
        alt.Chart(_data(values))
        .mark_bar(color="#2E75B6")
        .encode(
            y=alt.Y("agency:N", title=None, sort="-x", axis=alt.Axis(labelLimit=320)),
            x=alt.X("budget:Q", title="Triệu đồng", axis=alt.Axis(format=",d")),
            tooltip=["agency:N", alt.Tooltip("budget:Q", format=",.0f")],
        )
        .properties(width=380, height=alt.Step(20))
    )
    return to_svg(chart)
