"""Agency names of the shapes 2025 plans use, against the bundled reference data.

The names are the test's own, written in the shapes seen in real provincial and
government plans of late 2025: a ministry with the unit doing the work in brackets, the
State Bank's regional branches (numbered in Roman or Arabic figures, with or without
"chi nhánh" and "Việt Nam"), the socio-political organisations, collectives of schools,
of businesses and associations, and of the agencies managing a sector (with a pointer to
a part of the plan). Expected codes are written by hand from the reference rows' sources.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from extractors.reference import BUNDLED, load_agencies, load_reference
from extractors.reference_time import Reference
from extractors.resolve_in_time import TimedResolver
from parplan.cli import main

LATE_2025 = date(2025, 12, 15)


@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference(BUNDLED)


SHAPES = [
    # (raw, document province, date, code, problem contains)
    # a ministry with the unit that does the work in brackets: the ministry answers for it
    ("Bộ Tư pháp (Cục Kiểm tra văn bản)", None, LATE_2025, "bo_tu_phap", None),
    ("Bộ Tài chính (Cục Thống kê)", None, LATE_2025, "bo_tai_chinh_2025", None),
    ("Bộ Nội vụ (Vụ Cải cách hành chính)", None, date(2024, 5, 1), "bo_noi_vu", None),
    # ... but an abbreviation in brackets is still the name's own ("Sở Nội vụ (SNV)")
    ("Sở Tư pháp (STP)", "Tây Ninh", LATE_2025, "so_tu_phap", None),
    # the State Bank's regional branches since 01/03/2025: the region's number is not part
    # of the unit a province deals with (each province is served by one region)
    ("Ngân hàng Nhà nước chi nhánh Khu vực 7", "Tây Ninh", LATE_2025, "nhnn_khu_vuc", None),
    ("Ngân hàng nhà nước khu vực IX", "Tây Ninh", LATE_2025, "nhnn_khu_vuc", None),
    (
        "Ngân hàng Nhà nước Việt Nam - Chi nhánh Khu vực 14",
        "Cà Mau",
        LATE_2025,
        "nhnn_khu_vuc",
        None,
    ),
    ("NHNN chi nhánh Khu vực III", "Cà Mau", LATE_2025, "nhnn_khu_vuc", None),
    # ... and the provincial branch before it, which ended on 28/02/2025
    ("Ngân hàng Nhà nước chi nhánh tỉnh Long An", "Long An", date(2023, 6, 30), "nhnn_tinh", None),
    ("NHNN chi nhánh tỉnh", "Long An", date(2023, 6, 30), "nhnn_tinh", None),
    ("Ngân hàng Nhà nước chi nhánh tỉnh", "Tây Ninh", LATE_2025, None, "nhnn_khu_vuc"),
    # a region branch does not exist before 01/03/2025
    ("Ngân hàng Nhà nước khu vực 5", "Long An", date(2023, 6, 30), None, "2025-03-01"),
    # the central bank itself stays itself
    ("Ngân hàng Nhà nước Việt Nam", None, LATE_2025, "ngan_hang_nha_nuoc", None),
    # the socio-political organisations of a province
    ("Tỉnh Đoàn", "Tây Ninh", LATE_2025, "tinh_doan", None),
    ("Thành đoàn", "Hải Phòng", LATE_2025, "tinh_doan", None),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh", "Tây Ninh", LATE_2025, "tinh_doan", None),
    ("Ủy ban MTTQ Việt Nam tỉnh", "Tây Ninh", LATE_2025, "ubmttq_tinh", None),
    ("Hội Liên hiệp Phụ nữ tỉnh", "Tây Ninh", LATE_2025, "hoi_lhpn_tinh", None),
    ("Hội Nông dân tỉnh", "Tây Ninh", LATE_2025, "hoi_nong_dan_tinh", None),
    ("Liên đoàn Lao động tỉnh", "Tây Ninh", LATE_2025, "ldld_tinh", None),
    # collectives: schools, businesses and associations, the agencies managing a sector
    ("Các trường cao đẳng, trung cấp trên địa bàn tỉnh", "Tây Ninh", LATE_2025, "c_truong", None),
    ("Các trường: Đại học, Cao đẳng", "Tây Ninh", LATE_2025, "c_truong", None),
    (
        "Các doanh nghiệp cung cấp dịch vụ logistics",
        "Tây Ninh",
        LATE_2025,
        "c_doanh_nghiep",
        None,
    ),
    ("các Hiệp hội ngành nghề và doanh nghiệp", None, LATE_2025, "c_doanh_nghiep", None),
    (
        "Các cơ quan quản lý các ngành nêu tại mục II",
        "Tây Ninh",
        LATE_2025,
        "c_co_quan_quan_ly",
        None,
    ),
    # look-alikes of the new rows stay apart
    ("Các doanh nhân tiêu biểu", "Tây Ninh", LATE_2025, None, None),
    ("Trường Chính trị tỉnh", "Tây Ninh", LATE_2025, None, None),
    ("Hội Nông dân xã An Thạnh", "Tây Ninh", LATE_2025, None, None),
]


@pytest.mark.parametrize("raw, province, on, code, says", SHAPES)
def test_a_2025_shape_resolves(
    ref: Reference,
    raw: str,
    province: str | None,
    on: date,
    code: str | None,
    says: str | None,
) -> None:
    res = TimedResolver(ref, load_agencies(BUNDLED), province).resolve(raw, on, None)
    assert res.code == code
    if says is not None:
        assert says in (res.problem or "")


def test_every_new_row_cites_its_source(ref: Reference) -> None:
    codes = {
        "nhnn_tinh",
        "nhnn_khu_vuc",
        "tinh_doan",
        "ubmttq_tinh",
        "hoi_lhpn_tinh",
        "hoi_nong_dan_tinh",
        "ldld_tinh",
        "c_truong",
        "c_doanh_nghiep",
        "c_co_quan_quan_ly",
    }
    units = {u.code: u for u in ref.units if u.code in codes}
    assert set(units) == codes
    assert all(u.source for u in units.values())
    assert {s.successor for s in ref.successions if s.predecessor == "nhnn_tinh"} == {
        "nhnn_khu_vuc"
    }


PLAN_2023 = Path(__file__).parent / "fixtures" / "plans" / "haugiang_2023_par_plan.txt"
# lead and support cells of the fixture replaced by the shapes above (a 2026 plan)
CELLS = {
    "Sở Tư pháp, Sở KH&ĐT": "Tỉnh Đoàn; Ngân hàng Nhà nước chi nhánh Khu vực 9",
    "Các cơ quan, đơn vị liên quan": (
        "Các doanh nghiệp cung cấp dịch vụ logistics; Các trường: Đại học, Cao đẳng"
    ),
}


def test_review_of_a_2026_plan_queues_none_of_these_shapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = PLAN_2023.read_text(encoding="utf-8").replace("2023", "2026")
    for old, new in CELLS.items():
        assert old in text
        text = text.replace(old, new)
    plan = tmp_path / "plan_2026.txt"
    plan.write_text(text, encoding="utf-8")
    assert main(["extract", str(plan)]) == 0
    payload = json.loads(capsys.readouterr().out)
    got = {
        a["raw"]: a["code"]
        for rec in (*payload["targets"], *payload["tasks"])
        for a in (*rec["lead"], *rec["support"])
    }
    assert got["Tỉnh Đoàn"] == "tinh_doan"
    assert got["Ngân hàng Nhà nước chi nhánh Khu vực 9"] == "nhnn_khu_vuc"
    assert got["Các doanh nghiệp cung cấp dịch vụ logistics"] == "c_doanh_nghiep"
    assert got["Các trường: Đại học, Cao đẳng"] == "c_truong"
    assert main(["review", str(plan)]) == 0
    out = capsys.readouterr().out
    for name in ("Tỉnh Đoàn", "Khu vực 9", "logistics", "Các trường"):
        assert name not in out
