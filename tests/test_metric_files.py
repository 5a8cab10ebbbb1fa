"""Metric files written the way agencies write them: formats, layouts, numbers, periods."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.parse_numbers import parse_number
from extractors.parse_period import parse_period
from extractors.reference import BUNDLED as REFERENCE
from tests.helpers import csv_bytes, read_metric_file, xlsx_bytes
from warehouse.database import Warehouse
from warehouse.ingest import ingest

LONG_HEADERS = [  # the same columns as different agencies name them
    ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số", "Giá trị"],
    ["CƠ QUAN, ĐƠN VỊ", "MÃ CHỈ TIÊU", "KỲ BÁO CÁO", "TỬ SỐ", "MẪU SỐ", "TỶ LỆ (%)"],
    ["Don vi", "Chi tieu", "Nam", "Tu so", "Mau so", "Ty le (%)"],
    ["agency", "indicator", "period", "numerator", "denominator", "value"],
]


@pytest.mark.parametrize("header", LONG_HEADERS, ids=["vi", "upper", "no-diacritics", "en"])
@pytest.mark.parametrize(
    ("sep", "bom"),
    [(";", True), (",", False), ("\t", False)],
    ids=["semicolon-bom", "comma", "tab"],
)
def test_long_csv_variants(header: list[str], sep: str, bom: bool) -> None:
    row = ["Sở Nội vụ", "dossier_online_share", "Năm 2022", "450", "1000", "45"]
    frame = read_metric_file(csv_bytes([header, row], sep=sep, bom=bom), "x.csv")
    got = frame.observations.row(0, named=True)
    assert (
        frame.layout,
        got["agency_raw"],
        got["indicator_raw"],
        got["year"],
        got["numerator"],
        got["denominator"],
        got["value"],
    ) == ("long", "Sở Nội vụ", "dossier_online_share", 2022, 450.0, 1000.0, 45.0)


VALUES = [  # (cells of one value column, what loads): the convention is decided per column
    (["52,5", "1.234", "1.234,5", "-", ""], [52.5, 1234.0, 1234.5]),  # "-" and "" are blanks
    (["52,5%", "60%", "7,25 %"], [52.5, 60.0, 7.25]),
    (["52.5", "1,234.5", "7.25"], [52.5, 1234.5, 7.25]),  # the column proves English
    (["12", "0", "100"], [12.0, 0.0, 100.0]),
]


@pytest.mark.parametrize(("cells", "expected"), VALUES)
def test_number_columns(cells: list[str], expected: list[float]) -> None:
    rows = [["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]] + [
        ["Sở Nội vụ", f"chi_tieu_{i}", "2022", c] for i, c in enumerate(cells)
    ]
    frame = read_metric_file(csv_bytes(rows), "x.csv")
    assert frame.observations["value"].to_list() == expected
    # blanks are not values: the row says so instead of loading a zero
    assert set(frame.rejects["reason"].to_list()) <= {"no value: Giá trị/Tỷ lệ and Tử số are blank"}


@given(st.decimals(min_value=Decimal("0.01"), max_value=10**8, places=2, allow_nan=False))
@settings(max_examples=200, deadline=None)
def test_vietnamese_numbers_round_trip_through_a_file(value: Decimal) -> None:
    whole, _, frac = f"{value:.2f}".partition(".")
    text = f"{int(whole):,}".replace(",", ".") + "," + frac
    rows = [
        ["Cơ quan", "Chỉ tiêu", "Năm", "Tử số", "Mẫu số"],
        ["Sở Nội vụ", "x", "2022", "0", text],
    ]
    got = read_metric_file(csv_bytes(rows), "x.csv").observations["denominator"][0]
    assert got == pytest.approx(float(parse_number(text)))  # type: ignore[arg-type]
    assert got == pytest.approx(float(value))


PERIODS = [
    ("2022", ("year", "2022-01-01", "2022-12-31")),
    ("Năm 2022", ("year", "2022-01-01", "2022-12-31")),
    ("Quý II/2022", ("quarter", "2022-04-01", "2022-06-30")),
    ("quý 4 năm 2021", ("quarter", "2021-10-01", "2021-12-31")),
    ("6 tháng đầu năm 2022", ("half", "2022-01-01", "2022-06-30")),
    ("6 tháng cuối năm 2022", ("half", "2022-07-01", "2022-12-31")),
    ("2022-Q3", ("quarter", "2022-07-01", "2022-09-30")),
    ("9 tháng 2022", ("nine_months", "2022-01-01", "2022-09-30")),
]  # (the whole grammar, titles and file names: tests/test_parse_period.py)


@pytest.mark.parametrize(("text", "expected"), PERIODS)
def test_periods(text: str, expected: tuple[str, str, str]) -> None:
    p = parse_period(text)
    assert p is not None and (p.kind, p.start.isoformat(), p.end.isoformat()) == expected


def test_wide_xlsx_with_title_rows_takes_the_period_from_the_title() -> None:
    data = xlsx_bytes(
        [
            ["STT", "Đơn vị", "Chỉ số SIPAS (%)", "Mức độ hài lòng giải quyết TTHC (%)"],
            [1, "Sở Tư pháp", 86.5, 91],
            [2, "Sở Y tế", None, "88,5"],
        ],
        title=["ỦY BAN NHÂN DÂN TỈNH LONG AN", "BÁO CÁO KẾT QUẢ CẢI CÁCH HÀNH CHÍNH NĂM 2023"],
        sheet="Báo cáo",
    )
    frame = read_metric_file(data, "bao_cao.xlsx")
    obs = frame.observations.sort("source_row", "indicator_raw")
    assert frame.layout == "wide" and frame.header_row == 3
    assert obs.select("source_row", "agency_raw", "value", "year", "province").rows() == [
        (4, "Sở Tư pháp", 86.5, 2023, "Long An"),
        (4, "Sở Tư pháp", 91.0, 2023, "Long An"),
        (5, "Sở Y tế", 88.5, 2023, "Long An"),
    ]  # a blank cell is not an observation


def test_parquet_long_with_english_headers() -> None:
    import io

    buf = io.BytesIO()
    pl.DataFrame(
        {"agency": ["UBND tỉnh"], "indicator": ["par_index"], "period": ["2022"], "value": [85.66]}
    ).write_parquet(buf)
    obs = read_metric_file(buf.getvalue(), "x.parquet").observations
    assert obs.select("agency_raw", "indicator_raw", "year", "value").rows() == [
        ("UBND tỉnh", "par_index", 2022, 85.66)
    ]


def test_unknown_strings_wait_for_an_alias_then_load_without_resubmitting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    ref = tmp_path / "ref"
    shutil.copytree(REFERENCE, ref)
    monkeypatch.setenv("PARPLAN_REFERENCE", str(ref))  # what `parplan resolve` reads below
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", ref)
    f = tmp_path / "m.csv"
    f.write_bytes(
        csv_bytes(
            [
                ["Đơn vị", "Chỉ tiêu", "Năm", "Giá trị"],
                ["Phòng Nội vụ huyện Bến Lức", "Tỷ lệ văn bản đi ký số", "2022", "75"],
            ]
        )
    )
    ingest([f], wh)
    with wh.analyst() as con:
        assert con.execute(
            "select agency_code, indicator_code from metric_observations"
        ).fetchall() == [(None, None)]
        queue = con.execute("select kind, raw from review_queue order by 1").fetchall()
    assert queue == [
        ("agency", "Phòng Nội vụ huyện Bến Lức"),
        ("indicator", "Tỷ lệ văn bản đi ký số"),
    ]
    with (ref / "agencies.csv").open("a", encoding="utf-8") as fh:
        fh.write(  # a district office ends with cấp huyện; every row cites its source
            "la_pnv_ben_luc,Phòng Nội vụ huyện Bến Lức,district_office,huyen,Long An,,"
            ",2025-06-30,QĐ của UBND huyện Bến Lức\n"
        )
    with (ref / "indicators.csv").open("a", encoding="utf-8") as fh:
        fh.write(
            "signed_docs_share,Tỷ lệ văn bản đi được ký số,%,up,ratio_of_sums,văn bản đi ký số\n"
        )
    from parplan.cli import main

    assert main(["resolve", "--db", str(wh.published)]) == 0
    with wh.analyst() as con:
        assert con.execute(
            "select agency_code, indicator_code from metric_observations"
        ).fetchall() == [("la_pnv_ben_luc", "signed_docs_share")]
        assert con.execute("select count(*) from review_queue").fetchone() == (0,)
        assert con.execute("select count(*) from file_manifest").fetchone() == (1,)


def test_query_and_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from parplan.cli import main

    db = tmp_path / "w" / "parplan.duckdb"
    (tmp_path / "w").mkdir(exist_ok=True)  # --db names a folder that is there
    f = tmp_path / "m.csv"
    f.write_bytes(
        csv_bytes(
            [["Cơ quan", "Chỉ tiêu", "Năm", "Giá trị"], ["Sở Nội vụ", "sipas", "2022", "85,5"]]
        )
    )
    assert main(["ingest", "--db", str(db), str(f), "--province", "Long An"]) == 0
    capsys.readouterr()
    assert (
        main(
            [
                "query",
                "--db",
                str(db),
                "--format",
                "json",
                "select agency_code, value from metric_observations",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out) == [{"agency_code": "so_noi_vu", "value": 85.5}]
    for suffix in (".parquet", ".csv", ".xlsx"):
        out = tmp_path / f"obs{suffix}"
        assert main(["export", "metric_observations", "--db", str(db), "--to", str(out)]) == 0
        assert out.stat().st_size > 0
    assert (
        main(
            [
                "export",
                "metric_observations; drop table x",
                "--db",
                str(db),
                "--to",
                str(tmp_path / "x.csv"),
            ]
        )
        == 2
    )
    assert "no table or view named" in capsys.readouterr().err
    # the analyst connection cannot write files or change its settings
    assert main(["query", "--db", str(db), "copy metric_observations to '/tmp/leak.csv'"]) == 2
    assert main(["query", "--db", str(db), "set enable_external_access = true"]) == 2


TITLE_PROVINCES = [  # (title rows, the province the figures are for)
    (["ỦY BAN NHÂN DÂN TỈNH HẬU GIANG", "BÁO CÁO NĂM 2023"], "Hậu Giang"),  # the issuer line
    (["UBND TỈNH HẬU GIANG", "BÁO CÁO NĂM 2023"], "Hậu Giang"),  # abbreviated
    (["SỞ NỘI VỤ TỈNH HẬU GIANG", "BÁO CÁO NĂM 2023"], "Hậu Giang"),  # closing a line
    (["Báo cáo kết quả CCHC năm 2023 của tỉnh Hậu Giang"], "Hậu Giang"),  # in running text
]


@pytest.mark.parametrize(("title", "province"), TITLE_PROVINCES)
def test_the_province_comes_from_the_title_rows(title: list[str], province: str) -> None:
    data = xlsx_bytes([["STT", "Đơn vị", "Chỉ số SIPAS (%)"], [1, "Sở Tư pháp", 86.5]], title=title)
    obs = read_metric_file(data, "bao_cao.xlsx").observations
    assert obs.select("province", "year").rows() == [(province, 2023)]
