"""Names that look like a catalog entry but mean something else, through ``parplan ingest``:
a negated or qualified indicator ("không hài lòng", "kế hoạch giao", "cùng kỳ năm trước"),
a district of another province, a province in the title followed by a suffix. From the
agency's side: what it wrote either loads as the number it meant, or goes to the review
queue and the job is told (exit 3, a summary naming where to look) - never a figure of
another indicator, agency or province loaded silently."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from extractors.metrics.layout import title_province
from extractors.reference import BUNDLED, load_reference
from extractors.resolve_in_time import TimedResolver, entry_of
from parplan.cli import main
from tests.helpers import csv_bytes

LONG = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]

# (case, the file's rows, per data row (agency code, indicator code) as loaded, what the
#  review queue holds, exit code, what the summary says)
CASES: list[
    tuple[str, list[list[str]], list[tuple[str | None, str | None]], set[str], int, list[str]]
] = [
    # negated names: 12 % dissatisfied is not 12 % satisfied; the reverse of each indicator
    # goes to the queue, the indicator itself (a control) still loads
    (
        "negations",
        [
            LONG,
            ["Long An", "Sở Nội vụ", "Mức độ không hài lòng về giải quyết TTHC", "Năm 2023", "12"],
            [
                "Long An",
                "Sở Tư pháp",
                "Tỷ lệ hồ sơ TTHC chưa được luân chuyển điện tử",
                "2023",
                "15",
            ],
            ["Long An", "Sở Y tế", "Tỷ lệ hồ sơ không giải quyết trực tuyến", "Năm 2023", "20"],
            [
                "Long An",
                "Sở Tài chính",
                "Tỷ lệ người dân, doanh nghiệp phải cung cấp lại thông tin, giấy tờ đã có",
                "Năm 2023",
                "30",
            ],
            ["Long An", "Sở Xây dựng", "Mức độ hài lòng về giải quyết TTHC (%)", "Năm 2023", "88"],
            [
                "Long An",
                "Sở Công Thương",
                "Tỷ lệ người dân, doanh nghiệp không phải cung cấp lại thông tin",
                "Năm 2023",
                "70",
            ],
        ],
        [
            ("so_noi_vu", None),
            ("so_tu_phap", None),
            ("so_yte", None),
            ("so_tai_chinh", None),
            ("so_xay_dung", "sat_tthc"),
            ("so_cong_thuong", "data_reuse_share"),
        ],
        {
            "Mức độ không hài lòng về giải quyết TTHC",
            "Tỷ lệ hồ sơ TTHC chưa được luân chuyển điện tử",
            "Tỷ lệ hồ sơ không giải quyết trực tuyến",
            "Tỷ lệ người dân, doanh nghiệp phải cung cấp lại thông tin, giấy tờ đã có",
        },
        3,
        ["4 figures kept out of the marts by an unresolved name (see review_queue)"],
    ),
    # the plan's figure, a target, last year's figure or a change is not the year's actual
    (
        "plan, target and comparison",
        [
            LONG,
            [
                "Long An",
                "Sở Nội vụ",
                "Tỷ lệ hồ sơ giải quyết trực tuyến (kế hoạch giao)",
                "2023",
                "80",
            ],
            ["Long An", "Sở Tư pháp", "Kế hoạch: Tỷ lệ hồ sơ giải quyết trực tuyến", "2023", "80"],
            ["Long An", "Sở Y tế", "Mục tiêu về mức độ hài lòng giải quyết TTHC", "2023", "95"],
            ["Long An", "Sở Tài chính", "Tỷ lệ hồ sơ trực tuyến so với năm 2022", "2023", "5"],
            ["Long An", "Sở Xây dựng", "Chỉ số SIPAS cùng kỳ", "2023", "81"],
            ["Long An", "Sở Công Thương", "Tỷ lệ hồ sơ giải quyết trực tuyến", "2023", "60"],
        ],
        [
            ("so_noi_vu", None),
            ("so_tu_phap", None),
            ("so_yte", None),
            ("so_tai_chinh", None),
            ("so_xay_dung", None),
            ("so_cong_thuong", "dossier_online_share"),
        ],
        {
            "Tỷ lệ hồ sơ giải quyết trực tuyến (kế hoạch giao)",
            "Kế hoạch: Tỷ lệ hồ sơ giải quyết trực tuyến",
            "Mục tiêu về mức độ hài lòng giải quyết TTHC",
            "Tỷ lệ hồ sơ trực tuyến so với năm 2022",
            "Chỉ số SIPAS cùng kỳ",
        },
        3,
        ["5 figures kept out of the marts by an unresolved name (see review_queue)"],
    ),
    # a wide file: the headers are the names, judged alike
    (
        "wide headers",
        [
            [
                "Tỉnh",
                "Cơ quan",
                "Kỳ báo cáo",
                "Mức độ không hài lòng về giải quyết TTHC (%)",
                "Tỷ lệ hồ sơ giải quyết trực tuyến - chỉ tiêu giao (%)",
            ],
            ["Long An", "Sở Nội vụ", "Năm 2023", "12", "80"],
        ],
        [("so_noi_vu", None), ("so_noi_vu", None)],
        {
            "Mức độ không hài lòng về giải quyết TTHC (%)",
            "Tỷ lệ hồ sơ giải quyết trực tuyến - chỉ tiêu giao (%)",
        },
        3,
        ["2 figures kept out of the marts by an unresolved name (see review_queue)"],
    ),
    # a district of Long An's name in another province's rows is that province's district,
    # which the reference data does not have: queued, never Long An's; in Long An's rows it
    # is Long An's, unless its brackets name another province
    (
        "districts of other provinces",
        [
            LONG,
            ["Tiền Giang", "UBND huyện Châu Thành", "sat_tthc", "Năm 2023", "10"],
            ["Bến Tre", "UBND huyện Châu Thành", "sat_tthc", "Năm 2023", "40"],
            ["Long An", "UBND huyện Châu Thành", "sat_tthc", "Năm 2023", "50"],
            ["Long An", "UBND huyện Châu Thành (Tiền Giang)", "sat_tthc", "Năm 2023", "60"],
            ["Long An", "UBND huyện Châu Thành (tỉnh Long An)", "sat_tthc", "Năm 2022", "55"],
        ],
        [
            (None, "sat_tthc"),
            (None, "sat_tthc"),
            ("la_h_chau_thanh", "sat_tthc"),
            (None, "sat_tthc"),
            ("la_h_chau_thanh", "sat_tthc"),
        ],
        {"UBND huyện Châu Thành", "UBND huyện Châu Thành (Tiền Giang)"},
        3,
        ["3 figures kept out of the marts by an unresolved name (see review_queue)"],
    ),
    # the title names the province, then says which submission this is
    (
        "title province with a suffix",
        [
            ["BÁO CÁO SỐ LIỆU CCHC NĂM 2023 - TỈNH LONG AN (LẦN 2)", "", ""],
            ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"],
            ["Sở Nội vụ", "dossier_online_share", "Năm 2023", "500", "1000"],
        ],
        [("so_noi_vu", "dossier_online_share")],
        set(),
        0,
        ["1 rows loaded, 0 rows rejected"],
    ),
]


def _ingest(tmp_path: Path, rows: list[list[str]]) -> tuple[int, str, Path]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "so_lieu.csv").write_bytes(csv_bytes(rows))
    db = tmp_path / "wh" / "parplan.duckdb"
    db.parent.mkdir()  # (a warehouse in a missing folder is a usage error)
    return main(["ingest", str(inbox), "--db", str(db)]), "", db.with_name("parplan.work.duckdb")


@pytest.mark.parametrize(
    ("name", "rows", "loaded", "queued", "code", "said"), CASES, ids=[c[0] for c in CASES]
)
def test_a_name_meaning_something_else_is_queued_not_loaded_as_the_entry(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    rows: list[list[str]],
    loaded: list[tuple[str | None, str | None]],
    queued: set[str],
    code: int,
    said: list[str],
) -> None:
    monkeypatch.delenv("PARPLAN_PROVINCE", raising=False)
    got, _, work = _ingest(tmp_path, rows)
    out = capsys.readouterr().out
    assert got == code, out
    for part in said:
        assert part in out, out
    with duckdb.connect(str(work), read_only=True) as con:
        obs = con.execute(
            "select agency_code, indicator_code, province from metric_observations "
            "order by source_row, indicator_raw"
        ).fetchall()
        queue = {r for (r,) in con.execute("select raw from review_queue").fetchall()}
    assert [(a, i) for a, i, _ in obs] == loaded
    assert all(p is not None for _, _, p in obs)  # every figure has its province
    assert queue == queued


def test_figures_without_a_province_are_found_where_the_summary_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No province anywhere (column, title, file name, configuration): the figures load,
    are kept out, and the summary names the place that lists them - not an empty queue."""
    monkeypatch.delenv("PARPLAN_PROVINCE", raising=False)
    rows = [["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"], ["Sở Y tế", "sat_tthc", "2023", "9"]]
    got, _, work = _ingest(tmp_path, rows)
    out = capsys.readouterr().out
    assert got == 3, out
    assert "review_queue" not in out, out  # nothing is queued: it must not point there
    assert "1 figures kept out of the marts with no province (see extraction_issues)" in out
    with duckdb.connect(str(work), read_only=True) as con:
        issues = con.execute(
            "select code, message from extraction_issues where code = 'no_province'"
        ).fetchall()
    assert len(issues) == 1 and "1 row" in issues[0][1], issues


@pytest.mark.parametrize(
    ("title", "province"),
    [
        # the province closing the title, then the submission's number
        (["BÁO CÁO SỐ LIỆU CCHC NĂM 2023 - TỈNH LONG AN (LẦN 2)"], "Long An"),
        # then the year
        (["BÁO CÁO KẾT QUẢ CCHC TỈNH LONG AN NĂM 2023"], "Long An"),
        # in running text, then a dash and more
        (["Số liệu của tỉnh Tây Ninh - bản cập nhật"], "Tây Ninh"),
        # a name with a dash of its own
        (["BÁO CÁO CỦA TỈNH BÀ RỊA - VŨNG TÀU"], "Bà Rịa - Vũng Tàu"),
        # a city under the central government, then a comma
        (["Báo cáo thành phố Cần Thơ, quý 3"], "Cần Thơ"),
        # the issuer line
        (["ỦY BAN NHÂN DÂN TỈNH HẬU GIANG", "BÁO CÁO"], "Hậu Giang"),
        # no province
        (["BÁO CÁO SỐ LIỆU CCHC NĂM 2023 (LẦN 2)"], None),
    ],
)
def test_the_title_names_the_province(title: list[str], province: str | None) -> None:
    assert title_province(title) == province


@pytest.mark.parametrize(
    ("province", "raw", "on", "code", "other"),
    [
        # Long An's district in a row of Long An
        ("Long An", "UBND huyện Châu Thành", date(2023, 12, 31), "la_h_chau_thanh", None),
        # ... in a row of another province: not Long An's, not even to say it ceased
        ("Tiền Giang", "UBND huyện Châu Thành", date(2023, 12, 31), None, None),
        ("Bến Tre", "UBND huyện Châu Thành", date(2023, 12, 31), None, None),
        # ... in a 2026 row of Tây Ninh, which took Long An in: recognised, out of time
        ("Tây Ninh", "UBND huyện Châu Thành", date(2026, 12, 31), None, "la_h_chau_thanh"),
        # ... in a 2026 row of Đồng Tháp, which took Tiền Giang in, not Long An
        ("Đồng Tháp", "UBND huyện Châu Thành", date(2026, 12, 31), None, None),
        # ... in a 2023 row of Tây Ninh (Long An was not yet in it)
        ("Tây Ninh", "UBND huyện Châu Thành", date(2023, 12, 31), None, None),
        # brackets naming another province: that province's unit, never Long An's
        ("Long An", "UBND huyện Châu Thành (Tiền Giang)", date(2023, 12, 31), None, None),
        ("Long An", "Sở Nội vụ (tỉnh Bến Tre)", date(2023, 12, 31), None, None),
        # brackets naming the row's own province, or something else: as before
        ("Long An", "UBND huyện Châu Thành (Long An)", date(2023, 12, 31), "la_h_chau_thanh", None),
        ("Long An", "Sở Nội vụ (SNV)", date(2023, 12, 31), "so_noi_vu", None),
        # no province of the row's own: the one the brackets name
        (None, "UBND huyện Châu Thành (Long An)", date(2023, 12, 31), "la_h_chau_thanh", None),
        (None, "UBND huyện Châu Thành (Tiền Giang)", date(2023, 12, 31), None, None),
    ],
)
def test_a_unit_of_a_province_is_only_that_provinces(
    province: str | None, raw: str, on: date, code: str | None, other: str | None
) -> None:
    reference = load_reference(BUNDLED)
    entries = [entry_of(u) for u in reference.units if u.file.endswith("agencies.csv")]
    got = TimedResolver(reference, entries, province).resolve(raw, on)
    assert (got.code, got.other) == (code, other)
