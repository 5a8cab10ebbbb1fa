"""Metric files as agencies write them whose period or estimate still went wrong (issue 14,
periods36): a share column of plain "1" with no "%" anywhere (loaded as 1%); an estimate
named only in the note column of a file whose period is its title's or its name's (loaded
as the actual figure); a "Loại số liệu" column saying which rows are estimates (not
understood); the year and the quarter or month in two columns, or a "Quý" column of
"I/2024" (the file quarantined); "Dự kiến năm 2024" as a period (refused as no period,
not as the estimate it is). One ``parplan ingest`` of every case's file, each in its own
folder; per case what loads (source row, agency as written, period kind and first day,
value), the rows rejected and why, and what the file is told.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import (
    assert_loaded_as,
    assert_rejected,
    case_load,
    case_table,
    csv_bytes,
    file_load,
    ingest_cases,
    xlsx_bytes,
)

LA, DOS = "Long An", "dossier_online_share"
NV, TP, YT = "Sở Nội vụ", "Sở Tư pháp", "Sở Y tế"
LONG = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo"]


def _long(value: str, *rows: tuple[str, str, str]) -> bytes:
    """A long file of the online share: (agency, period, value) under ``value``."""
    return csv_bytes([[*LONG, value], *([LA, a, DOS, p, v] for a, p, v in rows)])


def _noted(title: list[str], *rows: tuple[str, str, str]) -> bytes:
    """A long file with no period column, its title rows ``title`` above the header:
    (agency, Tỷ lệ (%), Ghi chú)."""
    header = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Tỷ lệ (%)", "Ghi chú"]
    return csv_bytes([*([t] for t in title), header, *([LA, a, DOS, v, n] for a, v, n in rows)])


def _kinds(column: str, *rows: tuple[str, str, str, str]) -> bytes:
    """A long file with a column of the kind of figure: (agency, period, kind, value)."""
    return csv_bytes(
        [[*LONG, column, "Tỷ lệ (%)"], *([LA, a, DOS, p, k, v] for a, p, k, v in rows)]
    )


def _parts(header: list[str], *rows: list[object]) -> list[list[object]]:
    """A long file whose period is written in ``header``'s columns (Năm, Quý, Tháng):
    each row (agency, the period's cells ..., value)."""
    return [
        ["Tỉnh", "Cơ quan", "Chỉ tiêu", *header, "Tỷ lệ (%)"],
        *([LA, r[0], DOS, *r[1:]] for r in rows),
    ]


Loaded = tuple[int, str, str, date, float]  # source row, agency, period kind, start, value


@dataclass(frozen=True)
class Case:
    why: str
    data: bytes
    loads: list[Loaded] = field(default_factory=list)
    rejects: list[tuple[int, str]] = field(default_factory=list)  # row, part of the reason
    told: list[str] = field(default_factory=list)  # part of each warning and note
    name: str = "bao_cao.csv"
    status: str = "loaded"
    refusal: str = ""  # part of the quarantine reason


def Y(year: int) -> tuple[str, date]:  # a period as it loads: a year
    return "year", date(year, 1, 1)


def Q(year: int, q: int) -> tuple[str, date]:  # a quarter
    return "quarter", date(year, 3 * q - 2, 1)


def M(year: int, m: int) -> tuple[str, date]:  # a month
    return "month", date(year, m, 1)


ONLY_01 = "in column 'Giá trị' holds only 0 and 1: 1 may be 100%"
ESTIMATE = "an estimate (ước) is not a reported figure: send the figures as"
PLAN = "a plan (kế hoạch) is a target, not a reported period"
CASES = [
    # --- 1. a share column of plain numbers that does not say its scale -------------------
    # was: loaded as 1% (the agency may mean 100%, a fraction of 1): nothing in the column
    # says which
    Case("'1' alone under Giá trị for a share", _long("Giá trị", (NV, "Năm 2023", "1")),
         rejects=[(2, ONLY_01)]),
    Case("'1', '0', '1' under Giá trị for a share",
         _long("Giá trị", (NV, "Năm 2022", "1"), (TP, "Năm 2022", "0"), (YT, "Năm 2022", "1")),
         rejects=[(2, ONLY_01), (3, ONLY_01), (4, ONLY_01)]),
    # (rejected before too) a fraction beside the "1": the column holds fractions of 1
    Case("'1' beside '0,85' under Giá trị",
         _long("Giá trị", (NV, "Năm 2021", "1"), (TP, "Năm 2021", "0,85")),
         rejects=[(2, "is a share written as a fraction of 1 (1 = 100%)"),
                  (3, "is a share written as a fraction of 1 (0,85 = 85%)")]),
    # (loaded before too) the header says percent: "1" is 1%
    Case("'1' under Tỷ lệ (%)", _long("Tỷ lệ (%)", (NV, "Năm 2020", "1")),
         loads=[(2, NV, *Y(2020), 1.0)]),
    # (loaded before too) a "%" written in the column says percent
    Case("'1' beside '0%'", _long("Giá trị", (NV, "Năm 2019", "1"), (TP, "Năm 2019", "0%")),
         loads=[(2, NV, *Y(2019), 1.0), (3, TP, *Y(2019), 0.0)]),
    # --- 2. an estimate named in the note, the period the title's or the file name's --------
    # was: every row loaded as the year's (the quarter's) actual figure
    Case("'ước thực hiện' and 'Dự kiến' in Ghi chú under a title naming 2024",
         _noted(["BÁO CÁO KẾT QUẢ CẢI CÁCH HÀNH CHÍNH NĂM 2024"], (NV, "90", ""),
                (TP, "91", "ước thực hiện"), (YT, "92", "Dự kiến")),
         loads=[(3, NV, *Y(2024), 90.0)],
         rejects=[(4, f"{ESTIMATE} 'Năm 2024' once final"),
                  (5, f"{ESTIMATE} 'Năm 2024' once final")]),
    Case("'ƯTH' in Ghi chú of a file named for quarter 2",
         _noted([], (NV, "90", "ƯTH"), (TP, "91", "Đã rà soát")), name="bao_cao_quy_2_2024.csv",
         loads=[(3, TP, *Q(2024, 2), 91.0)], rejects=[(2, f"{ESTIMATE} 'Quý 2/2024' once final")]),
    Case("a workbook with 'Ước tính' in Ghi chú under a title naming 6 months",
         xlsx_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Tỷ lệ (%)", "Ghi chú"],
                     [LA, NV, DOS, 80, "Ước tính"], [LA, TP, DOS, 81, None]],
                    title=["BÁO CÁO SỐ LIỆU 6 THÁNG ĐẦU NĂM 2024"]),
         name="bao_cao.xlsx", loads=[(4, TP, "half", date(2024, 1, 1), 81.0)],
         rejects=[(3, f"{ESTIMATE} '6 tháng đầu năm 2024' once final")]),
    # a column per quarter: the row its note calls an estimate is one, in every column
    Case("'dự kiến' in Ghi chú beside a column per quarter",
         csv_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Quý I/2024", "Quý II/2024", "Ghi chú"],
                    [LA, NV, DOS, "70", "75", "Quý II dự kiến"], [LA, TP, DOS, "71", "76", ""]]),
         loads=[(3, TP, *Q(2024, 1), 71.0), (3, TP, *Q(2024, 2), 76.0)],
         rejects=[(2, f"{ESTIMATE} 'Quý 1/2024' once final"),
                  (2, f"{ESTIMATE} 'Quý 2/2024' once final")]),
    # --- 3. a column saying which figures are estimates --------------------------------------
    # was: "column 'Loại số liệu' not understood", every row loaded as the actual figure
    Case("Loại số liệu: Ước thực hiện / Thực hiện",
         _kinds("Loại số liệu", (NV, "Năm 2024", "Ước thực hiện", "90"),
                (TP, "Năm 2024", "Thực hiện", "91"), (YT, "Năm 2023", "Thực hiện", "92")),
         loads=[(3, TP, *Y(2024), 91.0), (4, YT, *Y(2023), 92.0)],
         rejects=[(2, f"{ESTIMATE} 'Năm 2024' once final")]),
    Case("Loại số liệu: ƯTH, TH, chính thức, kế hoạch, blank",
         _kinds("Loại số liệu", (NV, "Năm 2022", "ƯTH", "90"), (TP, "Năm 2022", "TH", "91"),
                (YT, "Năm 2022", "Số chính thức", "92"), ("Sở Công Thương", "Năm 2022", "", "93"),
                ("Sở Xây dựng", "Năm 2022", "Kế hoạch", "94")),
         loads=[(3, TP, *Y(2022), 91.0), (4, YT, *Y(2022), 92.0),
                (5, "Sở Công Thương", *Y(2022), 93.0)],
         rejects=[(2, f"{ESTIMATE} 'Năm 2022' once final"), (6, PLAN)]),
    # an export's identifiers: the note and the kind of figure are read all the same (was:
    # the rows loaded as the figures done); a kind this reader does not know is not loaded
    Case("loai_so_lieu: Sơ bộ, Chính thức; ghi_chu: dự kiến",
         csv_bytes([[*LONG, "loai_so_lieu", "Tỷ lệ (%)", "ghi_chu"],
                    [LA, NV, DOS, "Năm 2021", "Sơ bộ", "90", ""],
                    [LA, TP, DOS, "Năm 2021", "Chính thức", "91", ""],
                    [LA, YT, DOS, "Năm 2021", "", "92", "dự kiến"]]),
         loads=[(3, TP, *Y(2021), 91.0)],
         rejects=[(2, "period 'Năm 2021 (Sơ bộ)'"), (4, f"{ESTIMATE} 'Năm 2021' once final")]),
    # --- 4. the year and the part of it in two columns ----------------------------------------
    # was: quarantined ("names part of the period ... would load as the whole year")
    Case("Năm and Quý: I, II, 1, 2",
         csv_bytes(_parts(["Năm", "Quý"], [NV, "2024", "I", "90"], [NV, "2024", "II", "91"],
                          [TP, "2024", "1", "80"], [TP, "2024", "2", "81"])),
         loads=[(2, NV, *Q(2024, 1), 90.0), (3, NV, *Q(2024, 2), 91.0),
                (4, TP, *Q(2024, 1), 80.0), (5, TP, *Q(2024, 2), 81.0)]),
    Case("Năm and Quý: 'Quý III', a blank (the year), 5",
         csv_bytes(_parts(["Năm", "Quý"], [NV, "Năm 2023", "Quý III", "90"],
                          [TP, "2023", "", "85"], [YT, "2023", "5", "80"])),
         loads=[(2, NV, *Q(2023, 3), 90.0), (3, TP, *Y(2023), 85.0)],
         rejects=[(4, "quarter 5 is not 1-4")]),
    Case("Năm and Tháng: 1, 12, T6",
         csv_bytes(_parts(["Năm", "Tháng"], [NV, "2024", "1", "90"], [NV, "2024", "12", "91"],
                          [TP, "2024", "T6", "92"])),
         loads=[(2, NV, *M(2024, 1), 90.0), (3, NV, *M(2024, 12), 91.0),
                (4, TP, *M(2024, 6), 92.0)]),
    Case("a workbook: Năm and Quý as number cells",
         xlsx_bytes(_parts(["Năm", "Quý"], [NV, 2024, 3, 90], [NV, 2024, 4, 91])),
         name="bao_cao.xlsx", loads=[(2, NV, *Q(2024, 3), 90.0), (3, NV, *Q(2024, 4), 91.0)]),
    # a quarter and a month beside the year: which is the period? still refused
    Case("Năm, Quý and Tháng",
         csv_bytes(_parts(["Năm", "Quý", "Tháng"], [NV, "2024", "I", "1", "90"])),
         status="quarantined", refusal="column 'Tháng' (column 6) names part of the period"),
    # --- 5. a part-of-year header over periods with their year -------------------------------
    # was: quarantined as a part of the period beside the year
    Case("Quý over 'I/2024', 'Quý II/2024', '3/2024'",
         csv_bytes(_parts(["Quý"], [NV, "I/2024", "90"], [NV, "Quý II/2024", "91"],
                          [NV, "3/2024", "92"])),
         loads=[(2, NV, *Q(2024, 1), 90.0), (3, NV, *Q(2024, 2), 91.0),
                (4, NV, *Q(2024, 3), 92.0)]),
    Case("Tháng over '1/2024', 'Tháng 2/2024'",
         csv_bytes(_parts(["Tháng"], [NV, "1/2024", "90"], [NV, "Tháng 2/2024", "91"])),
         loads=[(2, NV, *M(2024, 1), 90.0), (3, NV, *M(2024, 2), 91.0)]),
    # a part column alone, its year the title's ("BÁO CÁO ... NĂM 2024"); with none, refused
    Case("Tháng over 1, 2 under a title naming 2024",
         csv_bytes([["BÁO CÁO SỐ LIỆU NĂM 2024"],
                    *_parts(["Tháng"], [NV, "1", "90"], [NV, "2", "91"], [NV, "3/2023", "92"])]),
         loads=[(3, NV, *M(2024, 1), 90.0), (4, NV, *M(2024, 2), 91.0)],
         rejects=[(5, "period 'Tháng 3/2023 | 2024'")]),
    Case("Quý over I, II, no year anywhere",
         csv_bytes(_parts(["Quý"], [NV, "I", "90"], [NV, "II", "91"])),
         rejects=[(2, "period 'Quý I': a quarter with no year"),
                  (3, "period 'Quý II': a quarter with no year")]),
    # --- 6. an estimate written in the period, with "dự kiến" ----------------------------------
    # was: "not a period (year, half, quarter ...)"
    Case("'Dự kiến năm 2024' as the period",
         _long("Tỷ lệ (%)", (NV, "Dự kiến năm 2024", "90"), (TP, "Năm 2023", "91")),
         loads=[(3, TP, *Y(2023), 91.0)], rejects=[(2, f"{ESTIMATE} 'Năm 2024' once final")]),
]  # fmt: skip


warehouse = case_table("agency_periods", CASES, 1)  # a file quarantined


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_what_an_agency_file_loads(warehouse: Path, case: Case) -> None:
    got = case_load(
        warehouse,
        CASES,
        case,
        "source_row, agency_raw, period_kind, period_start, value",
        "1, 4",
    )
    if case.status != "loaded":
        assert got.status == case.status and case.refusal in (got.error or ""), got.error
        assert got.rows == [] and got.rejects == []
        return
    want = [(r, a, k, s, pytest.approx(v)) for r, a, k, s, v in case.loads]
    assert_loaded_as(got, want, case.rejects, case.told)


@pytest.mark.parametrize(
    ("rows", "code"),
    [
        # a share column of "1" alone: rows rejected (exit 3), never a success
        ([[LA, NV, DOS, "Năm 2018", "1"]], 3),
        # a year and a quarter in two columns: loads (exit 0), no longer quarantined (exit 1)
        ([[LA, NV, DOS, "2018", "IV", "1"]], 0),
    ],
)
def test_the_exit_code_says_so(tmp_path: Path, rows: list[list[str]], code: int) -> None:
    header = [*LONG, "Giá trị"] if len(rows[0]) == 5 else [*LONG[:3], "Năm", "Quý", "Tỷ lệ (%)"]
    db, got = ingest_cases(tmp_path, [("bao_cao.csv", csv_bytes([header, *rows]))])
    assert got == code
    loaded = file_load(db, "%/00/bao_cao.csv", "source_row, value")
    assert_rejected(loaded.rejects, [(2, ONLY_01)] if code == 3 else [])
