"""Tasks of a phase plan (giai đoạn 2026 - 2030, or "đến năm 2030") whose timeframe is
recurring work named without a year ("Hằng năm", "Hàng năm", "Thường xuyên", "Quý IV hằng
năm"): each spans the plan's phase - from the start of its first year (for a plan "đến năm
2030", the year it was issued) to the end of its last - with the wording kept, and the
inference is said as an info issue ``timeframe_spans_phase`` naming the task. Work that
names its own year keeps it; conditional work gets no dates. Through ``parplan extract``;
the dates written by hand from the plans' periods.

Before: every such task had no start and no end (the annual plan's rule needs a plan
year), so a phase plan's recurring work was never due and never overdue.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import extract_cli


def _plan(title: str, issued_year: int, rows: list[tuple[str, str]]) -> str:
    body = [
        f"1.{i}\tNhiệm vụ thứ {i} của kế hoạch.\tSở Nội vụ\tCác sở, ngành\t{when}"
        for i, (_, when) in enumerate(rows, start=1)
    ]
    return "\n".join(
        [
            "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ",
            "",
            "Số: 41/KH-UBND",
            "",
            f"Quảng Trị, ngày 15 tháng 01 năm {issued_year}",
            "",
            "**KẾ HOẠCH**",
            "",
            f"**{title}**",
            "",
            "Ủy ban nhân dân tỉnh ban hành Kế hoạch với các nhiệm vụ tại Phụ lục.",
            "",
            "## PHỤ LỤC",
            "",
            "STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện",
            *body,
            "",
        ]
    )


PHASE = "Kế hoạch cải cách hành chính tỉnh Quảng Trị giai đoạn 2026 - 2030"
UNTIL = "Kế hoạch chuyển đổi số tỉnh Quảng Trị đến năm 2030"

# (title, issued year, [(what the row is, timeframe as printed)], [(start, end, kind)]),
# and the codes whose span was inferred from the phase
CASES = [
    (
        PHASE,
        2026,
        [
            ("every year", "Hằng năm"),
            ("every year, the other spelling", "Hàng năm"),
            ("ongoing", "Thường xuyên"),
            ("a quarter of every year", "Quý IV hằng năm"),
            ("a deadline every year", "Trước ngày 31/3 hằng năm"),
            ("its own year: kept", "Năm 2027"),
            ("its own years, recurring: kept", "Hằng năm, giai đoạn 2026 - 2028"),
            ("conditional: no dates", "Khi có yêu cầu"),
        ],
        [
            ("2026-01-01", "2030-12-31", "recurring"),
            ("2026-01-01", "2030-12-31", "recurring"),
            ("2026-01-01", "2030-12-31", "recurring"),
            ("2026-10-01", "2030-12-31", "recurring"),
            ("2026-01-01", "2030-03-31", "recurring"),
            ("2027-01-01", "2027-12-31", "period"),
            ("2026-01-01", "2028-12-31", "recurring"),
            (None, None, "conditional"),
        ],
        ["1.1", "1.2", "1.3", "1.4", "1.5"],
    ),
    (
        UNTIL,
        2026,
        [("every year", "Hằng năm"), ("ongoing", "Thường xuyên")],
        [("2026-01-01", "2030-12-31", "recurring"), ("2026-01-01", "2030-12-31", "recurring")],
        ["1.1", "1.2"],
    ),
]


@pytest.mark.parametrize(("title", "issued", "rows", "expected", "inferred"), CASES)
def test_recurring_work_spans_the_phase(
    title: str,
    issued: int,
    rows: list[tuple[str, str]],
    expected: list[tuple[str | None, str | None, str]],
    inferred: list[str],
    tmp_path: Path,
) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(_plan(title, issued, rows), encoding="utf-8")
    plan = extract_cli(path)
    got = [(t["timeframe"]["start"], t["timeframe"]["end"], t["timeframe"]["kind"])
           for t in plan["tasks"]]  # fmt: skip
    assert got == expected
    assert [t["timeframe"]["text"] for t in plan["tasks"]] == [when for _, when in rows]
    said = [i for i in plan["issues"] if i["code"] == "timeframe_spans_phase"]
    assert {i["severity"] for i in said} <= {"info"}
    assert sorted(c for c in inferred if any(f"task {c} " in i["message"] for i in said)) == (
        inferred
    )
    assert len(said) == len(inferred)
