"""Figures an agency writes that mean something other than one agency's number in the
indicator's unit, through ``parplan ingest``: a collective's or a total's row (the sum of
its members, which the marts add up themselves), a unit that is not the indicator's, a
count given as a numerator and a denominator, half of a pair of counts. Each such row is
a reject naming why and what to send instead (exit 3, DESIGN.md); the other rows load as
written. Each case was a silent wrong number before (exit 0)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from parplan.cli import main

VALUE = "Tỉnh;Cơ quan;Chỉ tiêu;Kỳ báo cáo;Giá trị"
UNIT = "Tỉnh;Cơ quan;Chỉ tiêu;Kỳ báo cáo;Đơn vị tính;Giá trị"
COUNTS = "Tỉnh;Cơ quan;Chỉ tiêu;Kỳ báo cáo;Tử số;Mẫu số;Giá trị"
SHARE = "Tỉnh;Cơ quan;Chỉ tiêu;Kỳ báo cáo;Tử số;Mẫu số;Tỷ lệ (%)"


@dataclass(frozen=True)
class Case:
    header: str
    lines: list[str]  # the file's data rows (row 2 on)
    loads: list[tuple[str, float | None]]  # (agency as written, value) of the figures loaded
    rejects: list[tuple[int, str]]  # (source row, a part of its reason)


def _row(agency: str, indicator: str, *cells: str) -> str:
    return ";".join(["Long An", agency, indicator, "Năm 2023", *cells])


CASES = [
    # was: a collective's row added to its members' (province total 450 units, meant 150)
    pytest.param(
        Case(
            VALUE,
            [
                _row("Sở Y tế", "public_unit_count", "40"),
                _row("Sở Giáo dục và Đào tạo", "public_unit_count", "60"),
                _row("Các sở, ngành tỉnh", "public_unit_count", "100"),
                _row("UBND huyện Cần Giuộc", "public_unit_count", "30"),
                _row("UBND huyện Bến Lức", "public_unit_count", "20"),
                _row("UBND cấp huyện", "public_unit_count", "50"),
                _row("UBND các cấp", "public_unit_count", "150"),
            ],
            loads=[
                ("Sở Y tế", 40.0),
                ("Sở Giáo dục và Đào tạo", 60.0),
                ("UBND huyện Cần Giuộc", 30.0),
                ("UBND huyện Bến Lức", 20.0),
            ],
            rejects=[
                (4, "'Các sở, ngành tỉnh' is a collective"),
                (7, "'UBND cấp huyện' is a collective"),
                (8, "'UBND các cấp' is a collective"),
            ],
        ),
        id="collectives-of-counts",
    ),
    # was: a collective's counts added to its members' (the share summed twice)
    pytest.param(
        Case(
            SHARE,
            [
                _row("Sở Nội vụ", "dossier_online_share", "400", "1000", "40"),
                _row("Các sở, ngành tỉnh", "dossier_online_share", "1000", "2000", "50"),
                _row("UBND huyện Bến Lức", "dossier_online_share", "300", "400", "75"),
            ],
            loads=[("Sở Nội vụ", 40.0), ("UBND huyện Bến Lức", 75.0)],
            rejects=[(3, "members report in this file too ('Sở Nội vụ'): its row is their sum")],
        ),
        id="collective-of-shares",
    ),
    # a collective alone stands for members with no row of their own (the communes as one
    # line): it loads, and the marts count it once
    pytest.param(
        Case(
            SHARE,
            [
                _row("Sở Nội vụ", "dossier_online_share", "400", "1000", "40"),
                _row("UBND huyện Bến Lức", "dossier_online_share", "300", "400", "75"),
                _row("UBND các xã, phường, thị trấn", "dossier_online_share", "90", "300", "30"),
            ],
            loads=[
                ("Sở Nội vụ", 40.0),
                ("UBND huyện Bến Lức", 75.0),
                ("UBND các xã, phường, thị trấn", 30.0),
            ],
            rejects=[],
        ),
        id="collective-alone",
    ),
    # a collective of every level beside a collective of one level: the first holds the
    # second (counted twice if both loaded)
    pytest.param(
        Case(
            VALUE,
            [
                _row("UBND cấp huyện", "public_unit_count", "50"),
                _row("UBND các cấp", "public_unit_count", "150"),
            ],
            loads=[("UBND cấp huyện", 50.0)],
            rejects=[(3, "'UBND các cấp' is a collective whose members report")],
        ),
        id="collective-of-collectives",
    ),
    # was: "Tổng cộng", "Toàn tỉnh" left in the review queue as unknown agencies, and a
    # subtotal ("Cộng cấp huyện") likewise; the province's own committee is an agency
    pytest.param(
        Case(
            SHARE,
            [
                _row("Sở Nội vụ", "dossier_online_share", "400", "1000", "40"),
                _row("Tổng cộng", "dossier_online_share", "400", "1000", "40"),
                _row("Cộng cấp huyện", "dossier_online_share", "400", "1000", "40"),
                _row("Toàn tỉnh", "dossier_online_share", "800", "2000", "40"),
                _row("Tổng", "dossier_online_share", "800", "2000", "40"),
                _row("UBND tỉnh", "dossier_online_share", "1400", "2600", "53,85"),
            ],
            loads=[("Sở Nội vụ", 40.0), ("UBND tỉnh", 53.85)],
            # 'Tổng cộng' is the row above it (kept out, a note); the others are the sum
            # of no rows of the file (400/1000 and 800/2000 against 1800/3600): rejected
            rejects=[
                (4, "'Cộng cấp huyện' is a total row that does not agree"),
                (5, "'Toàn tỉnh' is a total row that does not agree"),
                (
                    6,
                    "'Tổng' is a total row that does not agree with the 2 rows it sums: Tử "
                    "số 800 and Mẫu số 2000, where they add up to 1800 and 3600",
                ),
            ],
        ),
        id="total-rows",
    ),
    # was: 8,5 "điểm" loaded as 8.5%, and 1,2 "nghìn đơn vị" as 1.2 units
    pytest.param(
        Case(
            UNIT,
            [
                _row("Sở Nội vụ", "sat_tthc", "điểm", "8,5"),
                _row("Sở Tư pháp", "sat_tthc", "%", "88"),
                _row("Sở Y tế", "public_unit_count", "đơn vị", "45"),
                _row("Sở Tài chính", "public_unit_count", "nghìn đơn vị", "1,2"),
            ],
            loads=[("Sở Tư pháp", 88.0), ("Sở Y tế", 45.0)],
            rejects=[
                (2, "unit 'điểm' is not the unit of sat_tthc (%"),
                (5, "unit 'nghìn đơn vị' is not the unit of public_unit_count (count"),
            ],
        ),
        id="unit-not-the-indicators",
    ),
    # spellings of an indicator's unit pass; a per-mille, a bare "tỷ lệ" (a fraction or a
    # percent?) and a percent on a score do not
    pytest.param(
        Case(
            UNIT,
            [
                _row("Sở Nội vụ", "sat_tthc", "tỷ lệ %", "88"),
                _row("Sở Tư pháp", "sat_tthc", "Phần trăm", "87"),
                _row("Sở Y tế", "sat_tthc", "Tỷ lệ (%)", "86"),
                _row("Sở Tài chính", "public_unit_count", "Cơ quan", "12"),
                _row("Sở Xây dựng", "par_index", "Điểm", "85,5"),
                _row("Sở Công Thương", "sat_tthc", "‰", "885"),
                _row("Sở Giáo dục và Đào tạo", "sat_tthc", "tỷ lệ", "0,885"),
                _row("Sở Giao thông vận tải", "par_index", "%", "85,5"),
                _row("Sở Tư pháp", "public_unit_count", "%", "45"),
            ],
            loads=[
                ("Sở Nội vụ", 88.0),
                ("Sở Tư pháp", 87.0),
                ("Sở Y tế", 86.0),
                ("Sở Tài chính", 12.0),
                ("Sở Xây dựng", 85.5),
            ],
            rejects=[
                (7, "unit '‰' is not the unit of sat_tthc"),
                (8, "unit 'tỷ lệ' is not the unit of sat_tthc"),
                (9, "unit '%' is not the unit of par_index (score"),
                (10, "unit '%' is not the unit of public_unit_count"),
            ],
        ),
        id="unit-spellings",
    ),
    # was: 1,2 loaded as 1.2 public service units
    pytest.param(
        Case(
            VALUE,
            [
                _row("Sở Y tế", "public_unit_count", "45"),
                _row("Sở Tài chính", "public_unit_count", "1,2"),
            ],
            loads=[("Sở Y tế", 45.0)],
            rejects=[(3, "1.2 is not a whole number: public_unit_count is a count")],
        ),
        id="fractional-count",
    ),
    # was: a count given as Tử số/Mẫu số loaded as a share (5/10: 50, added to 30 units)
    pytest.param(
        Case(
            COUNTS,
            [
                _row("Sở Giao thông vận tải", "public_unit_count", "5", "10", ""),
                _row("Sở Tư pháp", "public_unit_count", "", "", "30"),
            ],
            loads=[("Sở Tư pháp", 30.0)],
            rejects=[(2, "public_unit_count is a count, not a share: give the count in Giá trị")],
        ),
        id="count-as-numerator-and-denominator",
    ),
    # was: a numerator alone loaded as a figure with no value, counted as reporting
    pytest.param(
        Case(
            COUNTS,
            [
                _row("Sở Nội vụ", "dossier_online_share", "100", "1000", "10"),
                _row("Sở Y tế", "dossier_online_share", "553", "", ""),
                _row("Sở Tư pháp", "dossier_online_share", "", "800", ""),
                _row("Sở Tài chính", "dossier_online_share", "553", "", "90"),
            ],
            loads=[("Sở Nội vụ", 10.0)],
            rejects=[
                (3, "a numerator (Tử số) without its denominator (Mẫu số)"),
                (4, "a denominator (Mẫu số) without its numerator (Tử số)"),
                (5, "a numerator (Tử số) without its denominator (Mẫu số)"),
            ],
        ),
        id="half-a-pair-of-counts",
    ),
]


@pytest.mark.parametrize("case", CASES)
def test_a_figure_the_agency_did_not_mean_is_a_reject(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: Case
) -> None:
    csv = tmp_path / "bao_cao.csv"
    csv.write_text("\n".join([case.header, *case.lines]) + "\n", encoding="utf-8")
    db = tmp_path / "parplan.duckdb"
    code = main(["ingest", "--db", str(db), str(csv)])
    out = capsys.readouterr().out
    assert code == (3 if case.rejects else 0), out
    assert f"{len(case.loads)} rows loaded, {len(case.rejects)} rows rejected" in out, out
    with duckdb.connect(str(db.with_name("parplan.work.duckdb")), read_only=True) as con:
        loaded = con.execute(
            "select agency_raw, value from metric_observations order by source_row"
        ).fetchall()
        rejected = con.execute(
            "select source_row, reason from metric_rejects order by source_row"
        ).fetchall()
        queued = con.execute("select raw from review_queue").fetchall()
    assert [(a, None if v is None else round(v, 2)) for a, v in loaded] == case.loads
    assert [r for r, _ in rejected] == [r for r, _ in case.rejects], rejected
    for (_, reason), (_, part) in zip(rejected, case.rejects, strict=True):
        assert part in reason, reason
    assert queued == []  # nothing waits for a name: a total or a collective is no unknown
