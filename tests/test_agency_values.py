"""The number (and the period) an agency meant, or a reject naming the value: the cases a
tester still found loading a guess (issue 14). One ``parplan ingest`` of every case's file,
each in its own folder; per case what loads (source row, period kind, value) and which rows
are rejected, with a part of the reason, and the notes the file gets.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from parplan.cli import main
from tests.helpers import assert_rejected, assert_told, case_load, case_table, csv_bytes

LONG = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]
LA, SAT, UNITS = "Long An", "sat_tthc", "public_unit_count"
AGENCIES = ["Sở Nội vụ", "Sở Tư pháp", "Sở Y tế"]


def _csv(*rows: list[object], sep: str = ";") -> bytes:
    return csv_bytes([LONG, *rows], sep=sep)


def _xlsx(*rows: list[object]) -> bytes:
    """A workbook as an agency fills it: numbers as number cells, a ``date`` as a date cell
    (shown dd/mm/yyyy), text as text."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        ws, shown = wb.add_worksheet("Báo cáo"), wb.add_format({"num_format": "dd/mm/yyyy"})
        ws.write_row(0, 0, LONG)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row):
                if isinstance(v, date):
                    ws.write_datetime(r, c, datetime.combine(v, time()), shown)
                else:
                    ws.write(r, c, v)
    return buf.getvalue()


def _parquet(periods: list[object], values: list[float], indicator: str = UNITS) -> bytes:
    """A database export: typed columns (a float period column, a double value column)."""
    n = len(values)
    frame = pl.DataFrame(
        {"Tỉnh": [LA] * n, "Cơ quan": AGENCIES[:n], "Chỉ tiêu": [indicator] * n,
         "Kỳ báo cáo": periods, "Giá trị": values}
    )  # fmt: skip
    buf = io.BytesIO()
    frame.write_parquet(buf)
    return buf.getvalue()


@dataclass(frozen=True)
class Case:
    why: str
    data: bytes
    name: str = "bao_cao.csv"
    loads: list[tuple[int, str, float]] = field(default_factory=list)  # row, period kind, value
    rejects: list[tuple[int, str]] = field(default_factory=list)  # row, part of the reason
    notes: list[str] = field(default_factory=list)  # part of each note on the file


NV, TP, YT = AGENCIES
CASES = [
    # --- numbers: a column proves its convention, or its ambiguous values are refused ------
    # an English file whose share column proves nothing: 85.125 is 85.125 or 85125
    Case("an English share of three decimals, unproven",
         _csv([LA, NV, SAT, "Năm 2023", "90"], [LA, TP, SAT, "Năm 2023", "85.125"], sep=","),
         loads=[(2, "year", 90.0)], rejects=[(3, "'85.125' reads 85.125 (English) or 85125")]),
    # the same share beside 45.5, which only the English read: the column is English
    Case("an English share of three decimals, proven",
         _csv([LA, NV, SAT, "Năm 2023", "45.5"], [LA, TP, SAT, "Năm 2023", "85.125"], sep=","),
         loads=[(2, "year", 45.5), (3, "year", 85.125)]),
    # a Vietnamese share column (87,5 proves it): 12,345 is 12.345
    Case("a Vietnamese share of three decimals, proven",
         _csv([LA, NV, SAT, "Năm 2023", "87,5"], [LA, TP, SAT, "Năm 2023", "12,345"]),
         loads=[(2, "year", 87.5), (3, "year", 12.345)]),
    # in a Vietnamese share column 1.234 is 1234: no share, refused naming it
    Case("1.234 in a Vietnamese share column",
         _csv([LA, NV, SAT, "Năm 2023", "87,5"], [LA, TP, SAT, "Năm 2023", "1.234"]),
         loads=[(2, "year", 87.5)], rejects=[(3, "share 1234.0% outside 0-100")]),
    # --- a percent sign on some shares, none on a fraction ----------------------------------
    # was: 0,45 loaded as 0.45% beside 45%: it may be 45% written as a fraction of 1
    Case("45% beside 0,45",
         _csv([LA, NV, SAT, "Năm 2023", "45%"], [LA, TP, SAT, "Năm 2023", "0,45"],
              [LA, YT, SAT, "Năm 2023", "55"]),
         loads=[(2, "year", 45.0), (4, "year", 55.0)],
         rejects=[(3, "value 0,45 in column 'Giá trị' has no '%'")]),
    # was: loaded 0.553 and 0.9 beside 88.5, exit 0 (tester trial3 c10: three units wrote
    # satisfaction as fractions of 1, one as a percent; the marts summed the two scales)
    Case("fractions of 1 beside a share over 1",
         _csv([LA, NV, SAT, "Năm 2023", "0,553"], [LA, TP, SAT, "Năm 2023", "0,9"],
              [LA, YT, SAT, "Năm 2023", "88,5"]),
         loads=[(4, "year", 88.5)],
         rejects=[(2, "value 0,553 in column 'Giá trị' has no '%'"),
                  (3, "value 0,9 in column 'Giá trị' has no '%'")]),
    # a share of 0 beside shares over 1 reads the same on either scale: it loads
    Case("a share of 0 beside shares over 1",
         _csv([LA, NV, SAT, "Năm 2023", "0"], [LA, TP, SAT, "Năm 2023", "88,5"]),
         loads=[(2, "year", 0.0), (3, "year", 88.5)]),
    # a fraction written with its sign is proven: 0,45% is under one percent
    Case("45% beside 0,45%",
         _csv([LA, NV, SAT, "Năm 2023", "45%"], [LA, TP, SAT, "Năm 2023", "0,45%"]),
         loads=[(2, "year", 45.0), (3, "year", 0.45)]),
    # --- absurd magnitudes and years written as decimals ------------------------------------
    # was: "'1e+20' is not a number" (it is one: a count no agency has)
    Case("1e+20 units in a Parquet export", _parquet(["Năm 2023"] * 2, [40.0, 1e20]),
         name="bao_cao.parquet", loads=[(1, "year", 40.0)],
         rejects=[(2, "'1e+20' is too large for any count or share")]),
    # a double's noise is no figure: 3.0000000000000004 is the 3 the export meant (a double
    # and a spreadsheet keep 15 significant digits); was: "3 is not a whole number"
    Case("3.0000000000000004 units in a Parquet export",
         _parquet(["Năm 2023"] * 2, [40.0, 3.0000000000000004]), name="bao_cao.parquet",
         loads=[(1, "year", 40.0), (2, "year", 3.0)]),
    # was: loaded 1e+20 units
    Case("1e+20 units in a workbook cell",
         _xlsx([LA, NV, UNITS, "Năm 2023", 40], [LA, TP, UNITS, "Năm 2023", 1e20]),
         name="bao_cao.xlsx", loads=[(2, "year", 40.0)],
         rejects=[(3, "'1e+20' is too large for any count or share")]),
    # a numeric period cell holding 2023.0 is the year 2023
    Case("a float period column", _parquet([2023.0, 2023.0], [40.0, 41.0]),
         name="bao_cao.parquet", loads=[(1, "year", 40.0), (2, "year", 41.0)]),
    # was: "month 0 is not 1-12"; as text, 2023.0 is refused naming it and saying why
    Case("2023.0 written as text", _csv([LA, NV, SAT, "2023.0", "80"]),
         rejects=[(2, "period '2023.0': a year written as a decimal number")]),
    # --- a date in a period column: the same as a cell or as text ---------------------------
    # A spreadsheet keeps "12/2023" typed into a cell as the date 1 December 2023, and writes
    # that date out as 01/12/2023 or 2023-12-01: the first of a month stands for the month,
    # as a cell or as text. Any other day is a day, not a period (the day the report was
    # made or the day its figures run to): refused, as a cell or as text.
    Case("1 December 2023 as a date cell",
         _xlsx([LA, NV, SAT, date(2023, 12, 1), 80]), name="bao_cao.xlsx",
         loads=[(2, "month", 80.0)]),
    Case("1 December 2023 as text, d/m/y", _csv([LA, NV, SAT, "01/12/2023", "80"]),
         loads=[(2, "month", 80.0)]),
    Case("1 December 2023 as text, ISO", _csv([LA, NV, SAT, "2023-12-01", "81"]),
         loads=[(2, "month", 81.0)]),
    # was: the month of December (as a cell or ISO text) but refused as d/m/y text
    Case("31 December 2023 as a date cell",
         _xlsx([LA, NV, SAT, date(2023, 12, 31), 80]), name="bao_cao.xlsx",
         rejects=[(2, "a date, not a period")]),
    Case("31 December 2023 as text, d/m/y", _csv([LA, NV, SAT, "31/12/2023", "82"]),
         rejects=[(2, "period '31/12/2023': a date, not a period")]),
    Case("31 December 2023 as text, ISO", _csv([LA, NV, SAT, "2023-12-31", "83"]),
         rejects=[(2, "period '2023-12-31': a date, not a period")]),
    # --- an indicator naming another year than its row's period -----------------------------
    # was: silent; the row loads (its period is the period column's) and the file says so
    Case("an indicator of 2022 in a row of 2023",
         _csv([LA, NV, "Mức độ hài lòng về giải quyết TTHC năm 2022", "Năm 2023", "87,5"],
              [LA, TP, SAT, "Năm 2023", "80"]),
         loads=[(2, "year", 87.5), (3, "year", 80.0)],
         notes=["row 2 (indicator 'Mức độ hài lòng về giải quyết TTHC năm 2022' names 2022, period 'Năm 2023')"]),
]  # fmt: skip


warehouse = case_table("agency_values", CASES, 3)  # rows rejected, no file refused


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_the_value_an_agency_meant(warehouse: Path, case: Case) -> None:
    got = case_load(warehouse, CASES, case, "source_row, period_kind, value")
    assert got.status == "loaded", got.error
    assert got.rows == [(r, k, pytest.approx(v)) for r, k, v in case.loads]
    assert_rejected(got.rejects, case.rejects)
    assert_told([m for _, m in got.issues], case.notes)


def test_one_file_exit_code(tmp_path: Path) -> None:
    """Alone, a file whose mixed column refuses a row exits 3 and says where to look."""
    mixed = next(c for c in CASES if c.why == "45% beside 0,45")
    (tmp_path / "bao_cao.csv").write_bytes(mixed.data)
    db = tmp_path / "parplan.duckdb"
    assert main(["ingest", "--db", str(db), str(tmp_path / "bao_cao.csv")]) == 3
