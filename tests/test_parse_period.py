"""The period grammar, from the reporting agency's side: what a period cell may say.

Every accepted form names its kind and dates; every other value is a reject that names
the value and why (a December report must never become the annual one).
"""

from __future__ import annotations

import pytest

from extractors.parse_period import find_period, parse_period, read_period
from extractors.period import PeriodError
from extractors.roman_periods import read_periods

ACCEPTED: list[tuple[str, tuple[str, str, str, int]]] = [
    # an annual report, as a bare year, with "năm", and as twelve months
    ("2022", ("year", "2022-01-01", "2022-12-31", 2022)),
    ("Năm 2022", ("year", "2022-01-01", "2022-12-31", 2022)),
    ("NĂM 2022", ("year", "2022-01-01", "2022-12-31", 2022)),
    ("Cả năm 2022", ("year", "2022-01-01", "2022-12-31", 2022)),
    ("12 tháng năm 2022", ("year", "2022-01-01", "2022-12-31", 2022)),
    # quarters in Roman and Arabic numerals, with "/", "năm", "-", and ISO-like
    ("Quý II/2022", ("quarter", "2022-04-01", "2022-06-30", 2022)),
    ("quý 4 năm 2021", ("quarter", "2021-10-01", "2021-12-31", 2021)),
    ("Quý IV - 2021", ("quarter", "2021-10-01", "2021-12-31", 2021)),
    ("Q3/2023", ("quarter", "2023-07-01", "2023-09-30", 2023)),
    ("2022-Q3", ("quarter", "2022-07-01", "2022-09-30", 2022)),
    ("2022Q1", ("quarter", "2022-01-01", "2022-03-31", 2022)),
    ("Quy 1 nam 2023", ("quarter", "2023-01-01", "2023-03-31", 2023)),  # no diacritics
    ("Quí 2/2022", ("quarter", "2022-04-01", "2022-06-30", 2022)),  # the older spelling
    ("QUÍ IV/2022", ("quarter", "2022-10-01", "2022-12-31", 2022)),
    ("3 tháng đầu năm 2023", ("quarter", "2023-01-01", "2023-03-31", 2023)),
    # halves
    ("6 tháng đầu năm 2022", ("half", "2022-01-01", "2022-06-30", 2022)),
    ("6 tháng cuối năm 2022", ("half", "2022-07-01", "2022-12-31", 2022)),
    ("6 tháng năm 2023", ("half", "2023-01-01", "2023-06-30", 2023)),
    ("H1/2023", ("half", "2023-01-01", "2023-06-30", 2023)),
    ("2023-H2", ("half", "2023-07-01", "2023-12-31", 2023)),
    # nine months: its own kind, never a year
    ("9 tháng 2022", ("nine_months", "2022-01-01", "2022-09-30", 2022)),
    ("9 tháng đầu năm 2022", ("nine_months", "2022-01-01", "2022-09-30", 2022)),
    # months: their own kind, in every order agencies write them
    ("Tháng 12/2022", ("month", "2022-12-01", "2022-12-31", 2022)),
    ("tháng 2 năm 2024", ("month", "2024-02-01", "2024-02-29", 2024)),  # leap year
    ("T12/2022", ("month", "2022-12-01", "2022-12-31", 2022)),
    ("12/2023", ("month", "2023-12-01", "2023-12-31", 2023)),
    ("3/2023", ("month", "2023-03-01", "2023-03-31", 2023)),
    ("2023-12", ("month", "2023-12-01", "2023-12-31", 2023)),
    ("2023-01", ("month", "2023-01-01", "2023-01-31", 2023)),
    ("Thang 06/2023", ("month", "2023-06-01", "2023-06-30", 2023)),
    # the first of a month (ISO, d/m/y, or a workbook's date cell as read, at midnight):
    # what a spreadsheet makes of "12/2023" typed into a cell - the month
    ("2023-12-01", ("month", "2023-12-01", "2023-12-31", 2023)),
    ("01/12/2023", ("month", "2023-12-01", "2023-12-31", 2023)),
    ("2023-02-01 00:00:00", ("month", "2023-02-01", "2023-02-28", 2023)),
    ("2023-06-01T00:00:00.000", ("month", "2023-06-01", "2023-06-30", 2023)),
    # school years (education indicators): September to August, counted in the closing year
    ("Năm học 2022-2023", ("school_year", "2022-09-01", "2023-08-31", 2023)),
    ("năm học 2022 - 2023", ("school_year", "2022-09-01", "2023-08-31", 2023)),
    ("Năm học 2023-24", ("school_year", "2023-09-01", "2024-08-31", 2024)),
    # cumulative to a point: from the year's start to the end named
    ("Lũy kế đến tháng 6/2023", ("cumulative", "2023-01-01", "2023-06-30", 2023)),
    ("Luỹ kế đến 30/9/2023", ("cumulative", "2023-01-01", "2023-09-30", 2023)),
    ("Lũy kế từ đầu năm đến hết quý III/2023", ("cumulative", "2023-01-01", "2023-09-30", 2023)),
    ("lũy kế 9 tháng 2023", ("cumulative", "2023-01-01", "2023-09-30", 2023)),
    # forms agencies and statistics exports write (issue 14, refused before): a month as
    # statistics offices code it, "6T"/"9T" for six and nine months, a YYYYMM number
    ("2024M03", ("month", "2024-03-01", "2024-03-31", 2024)),
    ("2024m3", ("month", "2024-03-01", "2024-03-31", 2024)),
    ("6T/2024", ("half", "2024-01-01", "2024-06-30", 2024)),
    ("6T đầu năm 2024", ("half", "2024-01-01", "2024-06-30", 2024)),
    ("6T cuối năm 2024", ("half", "2024-07-01", "2024-12-31", 2024)),
    ("9T/2024", ("nine_months", "2024-01-01", "2024-09-30", 2024)),
    ("9T đầu năm 2024", ("nine_months", "2024-01-01", "2024-09-30", 2024)),
    ("202403", ("month", "2024-03-01", "2024-03-31", 2024)),
    ("Q1/2024", ("quarter", "2024-01-01", "2024-03-31", 2024)),
    ("Quý I-2024", ("quarter", "2024-01-01", "2024-03-31", 2024)),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_accepted_periods(text: str, expected: tuple[str, str, str, int]) -> None:
    p = read_period(text)
    assert (p.kind, p.start.isoformat(), p.end.isoformat(), p.year) == expected


REJECTED: list[tuple[str, str]] = [
    # month 13 does not exist: not the year 2023
    ("2023-13", "month 13 is not 1-12"),
    ("Tháng 13/2023", "month 13 is not 1-12"),
    ("00/2023", "month 0 is not 1-12"),
    # a date that does not exist is not its month
    ("2023-02-30", "2023-02-30 is not a date"),
    # a date with a time of day is a moment, not a period
    ("2023-12-01 14:30:00", "not a period"),
    # quarter 5 does not exist
    ("Quý 5 năm 2023", "quarter 5 is not 1-4"),
    ("Quý V/2023", "quarter V is not 1-4"),
    ("2023-Q0", "quarter 0 is not 1-4"),
    ("H3/2023", "half 3 is not 1-2"),
    # a planned figure is a target, not a report of 2024
    ("Kế hoạch 2024", "a plan (kế hoạch) is a target, not a reported period"),
    ("KH năm 2024", "a plan (kế hoạch) is a target, not a reported period"),
    # a school year spans two consecutive years
    ("Năm học 2022-2024", "a school year runs over two consecutive years, not 2022-2024"),
    ("Lũy kế đến 31/2/2023", "31/2/2023 is not a date"),
    # a date is a day, not a span (the day of the report, or the day figures run to): the
    # reason says which periods to write instead
    (
        "31/12/2023",
        "a date, not a period: write the period it reports, e.g. 'Năm 2023', "
        "'Tháng 12/2023' or 'Lũy kế đến 31/12/2023'",
    ),
    ("Ngày 30/6/2024", "e.g. 'Năm 2024', 'Tháng 6/2024' or 'Lũy kế đến 30/6/2024'"),
    # any other day, ISO as d/m/y (it was the month of December, while 31/12/2023 was refused)
    ("2023-12-31", "a date, not a period: write the period it reports, e.g. 'Năm 2023'"),
    # "ngày" names a day, even the first of a month
    ("ngày 01/12/2023", "a date, not a period"),
    # a year a number cell held, saved as text (was: "month 0 is not 1-12")
    ("2023.0", "a year written as a decimal number: write 'Năm 2023'"),
    ("31/13/2023", "31/13/2023 is not a date"),
    # an estimate is a figure expected, not reported: named as one, with the period to send
    ("Ước năm 2023", "an estimate (ước) is not a reported figure: send the figures as 'Năm 2023'"),
    ("Năm 2023 (ước)", "an estimate (ước) is not a reported figure: send the figures as 'Năm"),
    ("Ước thực hiện năm 2025", "an estimate (ước)"),
    ("ƯTH 6 tháng đầu năm 2025", "as '6 tháng đầu năm 2025'"),
    # "dự kiến" (expected) is an estimate too, as in a note (was: "not a period")
    (
        "Dự kiến năm 2024",
        "an estimate (ước) is not a reported figure: send the figures as 'Năm 2024'",
    ),
    ("Quý II/2024 (dự kiến)", "send the figures as 'Quý 2/2024' once final"),
    # two years without "năm học", free text; a bare month is told its year is missing
    ("2022-2023", "not a period"),
    ("Tháng 12", "a month with no year: write it with its year (e.g. 'Tháng 12/2023')"),
    ("4 tháng đầu năm 2023", "not a period"),
    ("không rõ", "not a period"),
    ("", "blank"),
    # a Roman numeral alone before the year: quarter I or the first half? Alone, the cell
    # does not say (``read_periods`` decides from its column); the reason says what to write
    ("I/2024", "'I' alone may be quarter I or half I: write 'Quý I/2024' or '6 tháng đầu"),
    ("II/2024", "write 'Quý II/2024' or '6 tháng cuối năm 2024'"),
    ("V/2024", "'V' alone before a year names no quarter (I-IV) or half (I-II)"),
    # "3T" and "12T" may be three or twelve months as well as month 3 or 12 (T3, T12)
    ("3T/2024", "'3T' may be 3 months or month 3 (T3): write '3 tháng đầu năm 2024' or"),
    ("12T/2024", "'12T' may be 12 months or month 12 (T12): write 'Năm 2024' or 'Tháng 12/2024'"),
    # a YYYYMM number with no month 13
    ("202413", "month 13 is not 1-12"),
]


@pytest.mark.parametrize(("text", "why"), REJECTED)
def test_rejected_periods_name_the_value(text: str, why: str) -> None:
    with pytest.raises(PeriodError) as err:
        read_period(text)
    assert why in str(err.value) and f"'{text}'" in str(err.value)
    assert parse_period(text) is None


FOUND: list[tuple[str, tuple[str, int] | None]] = [
    # a title row names the period of a file without a period column
    ("BÁO CÁO KẾT QUẢ CCHC NĂM 2023", ("year", 2023)),
    ("BÁO CÁO KẾT QUẢ CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2023", ("quarter", 2023)),
    ("Báo cáo tháng 12/2022", ("month", 2022)),
    ("BÁO CÁO 6 THÁNG ĐẦU NĂM 2023", ("half", 2023)),
    ("Kết quả thực hiện kế hoạch CCHC 2021-2025, năm 2023", ("year", 2023)),
    # a file name
    ("bao_cao_2023_q1", ("quarter", 2023)),
    ("chi_so_cchc_2022", ("year", 2022)),
    # a bare "2023_12" could be a month or a number: no period rather than the year 2023
    ("bao_cao_2023_12", None),
    # a date of signing is not a period
    ("Ngày 12/3/2023", None),
    ("UBND TỈNH LONG AN", None),
]


# A Roman numeral alone before the year, decided by its column: its header, or the other
# values it holds (a III or IV is a quarter; an explicit quarter or half names the kind);
# a column that tells neither, or both, leaves it a reject naming the value.
# (header, the column's values, the value read, its kind or None: rejected)
COLUMNS: list[tuple[str, list[str], str, str | None]] = [
    ("Kỳ báo cáo", ["I/2024", "II/2024", "III/2024", "IV/2024"], "II/2024", "quarter"),
    ("Kỳ báo cáo", ["I/2024", "II/2024"], "I/2024", None),
    ("Quý", ["I/2024", "II/2024"], "II/2024", "quarter"),
    ("Kỳ báo cáo (quý)", ["I/2024"], "I/2024", "quarter"),
    ("Kỳ báo cáo", ["Quý III/2023", "I/2024"], "I/2024", "quarter"),
    ("Kỳ báo cáo", ["6 tháng cuối năm 2023", "I/2024"], "I/2024", "half"),
    ("6 tháng", ["I/2024", "II/2024"], "II/2024", "half"),
    # a half's header over a III: the column says both, so neither
    ("6 tháng", ["I/2024", "III/2024"], "I/2024", None),
    ("Kỳ báo cáo", ["Quý III/2023", "6 tháng đầu năm 2024", "I/2024"], "I/2024", None),
    # a half beside a III: the column says both, so neither
    ("Kỳ báo cáo", ["6 tháng đầu năm 2024", "III/2024"], "III/2024", None),
]


@pytest.mark.parametrize(("header", "values", "text", "kind"), COLUMNS)
def test_a_roman_numeral_alone_is_read_by_its_column(
    header: str, values: list[str], text: str, kind: str | None
) -> None:
    read = read_periods(values, header)
    got = read(text)
    assert (got.kind if got else None) == kind
    if kind == "half":
        assert got is not None and got.start.month == 1 + 6 * (text.startswith("II"))


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_period_found_in_a_title_or_file_name(text: str, expected: tuple[str, int] | None) -> None:
    p = find_period(text)
    assert (None if p is None else (p.kind, p.year)) == expected
