"""The task-progress reader (extractors/progress): statuses as a closed vocabulary, the
layout found by its status column, and rows or rejects naming the value and the row."""

from __future__ import annotations

import io
import unicodedata
from datetime import date
from decimal import Decimal

import polars as pl
import pytest

from extractors.errors import ExtractionError
from extractors.progress import Status, is_progress_header, parse_status, read_progress
from extractors.progress.percent import contradiction, percent_column, percent_value
from extractors.progress.read import parse_date

STATUS_CASES = [
    # the five statuses as reports write them
    ("Đã hoàn thành", Status.DONE, None),
    ("Hoàn thành trễ hạn", Status.DONE_LATE, None),
    ("Đang thực hiện", Status.IN_PROGRESS, None),
    ("Chưa thực hiện", Status.NOT_STARTED, None),
    ("Không thực hiện được", Status.CANNOT_DO, None),
    # case, spacing and a trailing full stop do not matter
    ("  ĐÃ HOÀN THÀNH. ", Status.DONE, None),
    # decomposed (NFD) text is the same status
    (unicodedata.normalize("NFD", "Đang thực hiện"), Status.IN_PROGRESS, None),
    # the reason written after the status, after a colon or 'do'
    (
        "Không thực hiện được: chưa có hướng dẫn của Bộ",
        Status.CANNOT_DO,
        "chưa có hướng dẫn của Bộ",
    ),
    ("Không thực hiện được do thiếu kinh phí", Status.CANNOT_DO, "thiếu kinh phí"),
    # the same status in the other words agencies write
    ("Hoàn thành đúng hạn", Status.DONE, None),  # on time said outright
    ("hoan thanh dung han", Status.DONE, None),  # without diacritics, lower case
    ("Hoàn thành quá hạn", Status.DONE_LATE, None),  # past its deadline
    ("Đã hoàn thành, chưa đúng hạn", Status.DONE_LATE, None),  # done, not on time
    ("Hoàn thành chậm tiến độ", Status.DONE_LATE, None),
    ("ĐANG TRIỂN KHAI", Status.IN_PROGRESS, None),  # upper case
    ("Đang tiến hành", Status.IN_PROGRESS, None),
    ("Chưa hoàn thành", Status.IN_PROGRESS, None),  # not finished: never done
    ("Không hoàn thành", Status.IN_PROGRESS, None),  # a year-end "not finished"
    ("Chưa hoàn thành (đang triển khai)", Status.IN_PROGRESS, None),  # said twice
    ("Hoàn thành một phần", Status.IN_PROGRESS, None),  # partly done
    ("Cơ bản hoàn thành", Status.IN_PROGRESS, None),  # nearly done is not done
    ("Chưa triển khai", Status.NOT_STARTED, None),
    ("Không thể thực hiện", Status.CANNOT_DO, None),
    # "Không thực hiện": cannot_do here; the row is a reject unless a reason is beside it
    ("Không thực hiện", Status.CANNOT_DO, None),
    ("Không thực hiện: không phát sinh hồ sơ", Status.CANNOT_DO, "không phát sinh hồ sơ"),
    # anything else is not a status (a reject names it)
    ("Hoàn thành 80%", None, None),
    ("", None, None),
    ("Tốt", None, None),
    ("Tạm dừng", None, None),  # paused: no status of the warehouse says it
    ("Đang thực hiện (đạt 80%)", None, None),  # a percent belongs in its own column
]


@pytest.mark.parametrize(("raw", "status", "reason"), STATUS_CASES)
def test_parse_status(raw: str, status: Status | None, reason: str | None) -> None:
    got = parse_status(raw)
    if status is None:
        assert got is None
    else:
        assert got == (status, reason)


HEADER_CASES = [
    # a status column: Tình trạng
    (["STT", "Nhiệm vụ", "Cơ quan", "Tình trạng"], True),
    # Kết quả thực hiện alone is the status column
    (["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan chủ trì", "Kết quả thực hiện"], True),
    # a metric file's header (Kết quả is a value there) is not a progress header
    (["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Kết quả"], False),
    (["Đơn vị", "Năm", "Tỷ lệ (%)"], False),
    # a metric file whose value column is headed Kết quả thực hiện names no task
    (["Cơ quan", "Chỉ tiêu", "Năm", "Kết quả thực hiện"], False),
]


@pytest.mark.parametrize(("header", "expected"), HEADER_CASES)
def test_is_progress_header(header: list[str], expected: bool) -> None:
    assert is_progress_header(header) is expected


CSV = (
    "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2022\n"
    "Mã nhiệm vụ,Nhiệm vụ,Cơ quan,Kết quả thực hiện,Tình trạng,Ngày hoàn thành,"
    "Văn bản/sản phẩm,Kỳ báo cáo\n"
    "I.1,Rà soát thủ tục hành chính,Sở Tư pháp,Đã rà soát 120 thủ tục,Đã hoàn thành,"
    "15/06/2022,123/QĐ-UBND,6 tháng đầu năm 2022\n"
    "I.2,Công bố danh mục thủ tục,Văn phòng UBND tỉnh,,Hoàn thành trễ hạn,2022-07-20,,"
    "6 tháng đầu năm 2022\n"
    "II.1,Kiện toàn tổ chức bộ máy,Sở Nội vụ,,Đang thực hiện,,,6 tháng đầu năm 2022\n"
    "II.2,Tuyên truyền cải cách hành chính,Sở Thông tin và Truyền thông,,Tốt,,,"
    "6 tháng đầu năm 2022\n"
    "II.3,Số hoá hồ sơ,Sở Nội vụ,,Không thực hiện được: thiếu kinh phí,,,"
    "6 tháng đầu năm 2022\n"
    "II.4,Đo lường sự hài lòng,Sở Nội vụ,,Đã hoàn thành,31/02/2022,,6 tháng đầu năm 2022\n"
)


def test_read_progress_csv_rows_and_rejects() -> None:
    got = read_progress(CSV.encode(), "bc.csv")
    assert [(r.source_row, r.code, r.status, r.completed_on) for r in got.rows] == [
        (3, "I.1", Status.DONE, date(2022, 6, 15)),
        (4, "I.2", Status.DONE_LATE, date(2022, 7, 20)),
        (5, "II.1", Status.IN_PROGRESS, None),
        (7, "II.3", Status.CANNOT_DO, None),
    ]
    first = got.rows[0]
    assert first.task == "Rà soát thủ tục hành chính"
    assert first.agency_raw == "Sở Tư pháp"
    assert first.result == "Đã rà soát 120 thủ tục"
    assert first.evidence == "123/QĐ-UBND"
    assert (first.period_start, first.period_end) == (date(2022, 1, 1), date(2022, 6, 30))
    assert got.rows[3].reason == "thiếu kinh phí"
    assert [(r.source_row, r.reason) for r in got.rejects] == [
        (
            6,
            "bc.csv row 6: status 'Tốt' is not one of Đã hoàn thành, Hoàn thành trễ hạn, "
            "Đang thực hiện, Chưa thực hiện, Không thực hiện được",
        ),
        (8, "bc.csv row 8: completion date '31/02/2022' is not a date"),
    ]


def test_kqth_alone_is_the_status_and_stt_the_code() -> None:
    data = (
        "STT;Nhiệm vụ;Cơ quan chủ trì;Kết quả thực hiện;Lý do;Kỳ báo cáo\n"
        "1;Rà soát thủ tục;Sở Tư pháp;Chưa thực hiện;;Năm 2022\n"
        "2;Số hoá hồ sơ;Sở Nội vụ;Không thực hiện được;Chưa có hướng dẫn;Năm 2022\n"
    ).encode()
    got = read_progress(data, "x.csv")
    assert [(r.code, r.status, r.reason, r.result) for r in got.rows] == [
        ("1", Status.NOT_STARTED, None, None),
        ("2", Status.CANNOT_DO, "Chưa có hướng dẫn", None),
    ]
    assert got.rows[0].period_end == date(2022, 12, 31)


def test_xlsx_and_parquet_give_the_same_rows_as_the_csv() -> None:
    frame = pl.DataFrame(
        {
            "Mã nhiệm vụ": ["I.1", "I.2"],
            "Nhiệm vụ": ["Rà soát thủ tục", "Công bố danh mục"],
            "Cơ quan": ["Sở Tư pháp", "Sở Nội vụ"],
            "Tình trạng": ["Đã hoàn thành", "Đang thực hiện"],
            "Kỳ báo cáo": ["Năm 2022", "Năm 2022"],
        }
    )
    csv_rows = read_progress(frame.write_csv().encode(), "a.csv").rows
    pq = io.BytesIO()
    frame.write_parquet(pq)
    xl = io.BytesIO()
    frame.write_excel(xl)

    # row numbers differ (Parquet has no header row): compared without them
    def strip(rows: tuple) -> list:
        return [(r.code, r.task, r.agency_raw, r.status, r.period_end) for r in rows]

    assert strip(read_progress(pq.getvalue(), "a.parquet").rows) == strip(csv_rows)
    assert strip(read_progress(xl.getvalue(), "a.xlsx").rows) == strip(csv_rows)


def test_no_status_column_is_a_clear_error() -> None:
    with pytest.raises(ExtractionError, match="no header row with a status column"):
        read_progress("Cơ quan,Chỉ tiêu,Giá trị\nA,B,1\n".encode(), "m.csv")


PERCENT_CASES = [
    # (cells of the column, the cell read, its percent or a fragment of the reason)
    (["100", "40"], "40", Decimal(40)),  # a whole number
    (["100", "87,5"], "87,5", Decimal("87.5")),  # a decimal comma
    (["100", "87.5"], "87.5", Decimal("87.5")),  # a decimal point
    (["100%", "0"], "100%", Decimal(100)),  # with its sign
    (["100", "0,5%"], "0,5%", Decimal("0.5")),  # under 1 with its sign: a percent
    (["100", "0,5"], "0,5", "is under 1 where the others are percents: write 50 "),
    (["100", "120"], "120", "'120' is over 100"),
    (["100", "khá"], "khá", "'khá' is not a percent"),
    (["100", "-5"], "-5", "'-5' is not a percent"),
    # every value between 0 and 1, one strictly: fractions of 1, each a reject
    (["1", "0,6"], "0,6", "is a share written as a fraction of 1 (0,6 = 60%)"),
    (["1", "0,6"], "1", "is a share written as a fraction of 1 (1 = 100%)"),
    (["1", "0"], "1", Decimal(1)),  # 0 and 1 alone prove nothing: 1%
]


@pytest.mark.parametrize(("column", "cell", "expected"), PERCENT_CASES)
def test_percent_value(column: list[str], cell: str, expected: Decimal | str) -> None:
    got = percent_value(cell, percent_column("Tỷ lệ hoàn thành (%)", column))
    if isinstance(expected, Decimal):
        assert got == expected
    else:
        assert isinstance(got, str) and expected in got, got


CONTRADICTION_CASES = [
    (Status.DONE, Decimal(100), False),
    (Status.DONE, Decimal(50), True),  # done at half: contradicted
    (Status.DONE_LATE, Decimal(99), True),
    (Status.IN_PROGRESS, Decimal(50), False),
    (Status.IN_PROGRESS, Decimal(0), False),  # begun, nothing measurable yet
    (Status.IN_PROGRESS, Decimal(100), True),  # all done, yet in progress
    (Status.NOT_STARTED, Decimal(0), False),
    (Status.NOT_STARTED, Decimal(10), True),
    (Status.CANNOT_DO, Decimal(30), False),  # stopped part-way
    (Status.CANNOT_DO, Decimal(100), True),
]


@pytest.mark.parametrize(("status", "percent", "contradicted"), CONTRADICTION_CASES)
def test_contradiction(status: Status, percent: Decimal, contradicted: bool) -> None:
    assert contradiction(status, percent) is contradicted


DATE_CASES = [
    ("15/06/2022", date(2022, 6, 15)),  # day first
    ("5-6-2022", date(2022, 6, 5)),
    ("15.06.2022", date(2022, 6, 15)),
    ("2022-06-15", date(2022, 6, 15)),  # ISO
    ("2022-09-30 00:00:00", date(2022, 9, 30)),  # an Excel date cell read as text
    ("2022-06-25 09:30:00", date(2022, 6, 25)),  # a date-time cell: the day
    ("2022-06-25T09:30", date(2022, 6, 25)),
    ("31/02/2022", None),  # no such day
    ("45292", None),  # a serial number in a CSV: not a date
    ("2022-06-25 lúc 9h", None),
]


@pytest.mark.parametrize(("text", "expected"), DATE_CASES)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected
