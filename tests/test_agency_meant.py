"""The figure an agency meant, or a loud reject: shapes a tester (agency4) found loading a
wrong number with exit 0 (issue 14). One ``parplan ingest`` of every case's file, each in
its own folder and its own year (no file corrects another); per case what loads (source
row, numerator, denominator, value), which rows are rejected with a part of the reason,
and the notes the file gets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from parplan.cli import main
from tests.helpers import (
    assert_rejected,
    assert_told,
    case_load,
    case_table,
    csv_bytes,
    file_load,
    xlsx_bytes,
)

LA, DOS, SAT, UNITS = "Long An", "dossier_online_share", "sat_tthc", "public_unit_count"
NV, TP, YT = "Sở Nội vụ", "Sở Tư pháp", "Sở Y tế"


def _lines(*lines: str) -> bytes:
    """A CSV as a script writes it: joined by hand, nothing quoted."""
    return ("\n".join(lines) + "\n").encode()


@dataclass(frozen=True)
class Case:
    why: str
    data: bytes
    name: str = "bao_cao.csv"
    loads: list[tuple[int, float | None, float | None, float | None]] = field(
        default_factory=list
    )  # row, numerator, denominator, value
    rejects: list[tuple[int, str]] = field(default_factory=list)  # row, part of the reason
    notes: list[str] = field(default_factory=list)  # part of each note on the file


SPLIT = "splits an unquoted"
CASES = [
    # --- a comma-separated file whose numbers hold commas, unquoted ------------------------
    # was: 90 and 87 loaded, exit 0: '90,5' split into 90 | 5 and the 5 went into Ghi chú
    Case("a decimal comma split into the note",
         _lines("Tỉnh,Cơ quan,Chỉ tiêu,Kỳ báo cáo,Tỷ lệ (%),Ghi chú",
                f"{LA},{NV},{SAT},Năm 2018,90,5", f"{LA},{TP},{SAT},Năm 2018,88,",
                f"{LA},{YT},{SAT},Năm 2018,87,25"),
         loads=[(3, None, None, 88.0)], rejects=[(2, SPLIT), (4, SPLIT)]),
    # was: 1/200 = 0.5% loaded, exit 0: '1,200,2400' moved every figure one column right
    Case("a thousands comma split into the next counts",
         _lines("Tỉnh,Cơ quan,Chỉ tiêu,Kỳ báo cáo,Tử số,Mẫu số,Ghi chú",
                f"{LA},{NV},{DOS},Năm 2019,1,200,2400", f"{LA},{TP},{DOS},Năm 2019,500,1000,"),
         loads=[(3, 500.0, 1000.0, 50.0)], rejects=[(2, "'2400' in column 'Ghi chú'")]),
    # a note in words stays a note ("ước tính", an estimate, is a reject of its own:
    # test_agency_unmeant); a ;-separated file cannot split on a comma
    Case("a note in words in a comma file",
         _lines("Tỉnh,Cơ quan,Chỉ tiêu,Kỳ báo cáo,Tỷ lệ (%),Ghi chú",
                f"{LA},{NV},{SAT},Năm 2020,90,đã rà soát", f"{LA},{TP},{SAT},Năm 2020,88,"),
         loads=[(2, None, None, 90.0), (3, None, None, 88.0)]),
    # a column of numbers the reader does not load (the last period's) is no split
    Case("a comma file with the last period's figures beside",
         _lines("Tỉnh,Cơ quan,Chỉ tiêu,Kỳ báo cáo,Tỷ lệ (%),Cùng kỳ năm trước (%),Ghi chú",
                f"{LA},{NV},{SAT},Năm 2014,90,85,"),
         loads=[(2, None, None, 90.0)],
         notes=["'Cùng kỳ năm trước (%)' (column 6) not understood"]),
    Case("a number in the note of a ;-separated file",
         csv_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tỷ lệ (%)", "Ghi chú"],
                    [LA, NV, SAT, "Năm 2021", "90,5", "5"]]),
         loads=[(2, None, None, 90.5)]),
    # --- a sign the figure is in another unit than its indicator's --------------------------
    # was: 95 units loaded, exit 0: '95%' is a share, public_unit_count is a count
    Case("a percent sign on a count",
         csv_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"],
                    [LA, NV, UNITS, "Năm 2022", "95%"], [LA, TP, UNITS, "Năm 2022", "12"]]),
         loads=[(3, None, None, 12.0)], rejects=[(2, "'95%' is a share")]),
    # --- the column of this period's figure, named as reports name it ----------------------
    # was: quarantined, "long layout without a value column": Kỳ này is this period's
    # figure; Kỳ trước (the last period's) is reported, not loaded
    Case("this period beside the last",
         csv_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Kỳ trước (%)", "Kỳ này (%)"],
                    [LA, NV, SAT, "Năm 2017", "85", "90,5"]]),
         loads=[(2, None, None, 90.5)], notes=["'Kỳ trước (%)' (column 5) not understood"]),
    # was: quarantined, "long layout without a value column": a score and its rank
    Case("a score beside its rank",
         csv_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Xếp hạng", "Điểm"],
                    [LA, "UBND tỉnh", "par_index", "Năm 2016", "12", "85,5"]]),
         loads=[(2, None, None, 85.5)], notes=["'Xếp hạng' (column 5) not understood"]),
    # was: the row of units rejected, "agency is blank" (exit 3 for a clean file)
    Case("a row of units under the header",
         xlsx_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số", "Tỷ lệ"],
                     [None, None, None, None, "hồ sơ", "hồ sơ", "%"],
                     [LA, NV, DOS, "Năm 2015", 300, 1000, 30]]), name="bao_cao.xlsx",
         loads=[(3, 300.0, 1000.0, 30.0)], notes=["row 2 gives the columns' units"]),
]  # fmt: skip


# Files refused whole, and the part of the reason that names the column
REFUSED = [
    # was: 1.2/2.4 loaded, exit 0: the counts 1000x too small, so a province's ratio of
    # sums with another agency's counts (in units) is wrong
    ("thousands in the count headers",
     csv_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số (nghìn hồ sơ)",
                 "Mẫu số (nghìn hồ sơ)"], [LA, NV, DOS, "Năm 2022", "1,2", "2,4"]]),
     "'Tử số (nghìn hồ sơ)' (column 5) gives its figures in thousands"),
    # the same in a wide file's indicator column, and millions in a value column
    ("thousands in a wide column",
     csv_bytes([["Tỉnh", "Cơ quan", "Kỳ báo cáo", "Số đơn vị sự nghiệp công lập (nghìn)"],
                [LA, NV, "Năm 2022", "1,2"]]),
     "(column 4) gives its figures in thousands"),
    ("millions in the value header",
     csv_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị (triệu)"],
                [LA, NV, UNITS, "Năm 2022", "1,5"]]),
     "'Giá trị (triệu)' (column 5) gives its figures in millions"),
    # was: 1.2/2.4 loaded, exit 0: the row of units under the header ("nghìn hồ sơ") was
    # skipped as a section heading, and its scale with it
    ("thousands in a row of units under the header",
     xlsx_bytes([["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"],
                 [None, None, None, None, "nghìn hồ sơ", "nghìn hồ sơ"],
                 [LA, NV, DOS, "Năm 2022", 1.2, 2.4]]),
     "'Tử số' (column 5) gives its figures in thousands (row 2: 'nghìn hồ sơ')"),
]  # fmt: skip


warehouse = case_table("agency_meant", CASES, 3)  # rows rejected, no file refused


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_the_figure_an_agency_meant(warehouse: Path, case: Case) -> None:
    got = case_load(warehouse, CASES, case, "source_row, numerator, denominator, value")
    assert got.status == "loaded", got.error
    assert got.rows == [tuple(pytest.approx(v) for v in row) for row in case.loads]
    assert_rejected(got.rejects, case.rejects)
    assert_told([m for _, m in got.issues], case.notes)


@pytest.mark.parametrize(("why", "data", "part"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_file_in_another_scale_is_refused(
    tmp_path: Path, why: str, data: bytes, part: str
) -> None:
    """A header that gives its figures in thousands or millions is refused naming the
    column (exit 1): its numbers are not the counts, and nothing of it loads scaled wrong."""
    name = "bao_cao.xlsx" if data.startswith(b"PK") else "bao_cao.csv"
    (tmp_path / name).write_bytes(data)
    db = tmp_path / "parplan.duckdb"
    assert main(["ingest", "--db", str(db), str(tmp_path / name)]) == 1
    got = file_load(db, f"%/{name}", "source_row")
    assert got.status == "quarantined"
    assert part in (got.error or ""), got.error
    assert got.rows == []
