"""A mistyped ``--sheet``, from the user's side: the workbook is refused for that run (exit
1, the reason lists its sheets), and once the right sheet loads, nothing says the workbook
is quarantined any more: the manifest row of the attempt is kept as history (superseded,
its reason kept) and the ``quarantine`` table (what the report lists as refused) no longer
holds it. A sheet the workbook has, refused for what it holds, stays quarantined."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import xlsxwriter

from extractors.reference import BUNDLED
from parplan.cli import main
from warehouse.database import Warehouse

HEADER = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]
GUIDE = [["Hướng dẫn điền biểu mẫu"], ["Ghi số liệu vào sheet Báo cáo, không sửa tiêu đề."]]


def _rows(year: int) -> list[list[object]]:
    return [HEADER, ["Long An", "Sở Y tế", "dossier_online_share", f"Năm {year}", 80]]


def _workbook(sheets: list[tuple[str, list[list[object]]]]) -> bytes:
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        for name, rows in sheets:
            ws = wb.add_worksheet(name)
            for r, row in enumerate(rows):
                ws.write_row(r, 0, row)
    return buf.getvalue()


TWO_YEARS = [("Năm 2023", _rows(2023)), ("Năm 2024", _rows(2024))]
WITH_GUIDE = [*TWO_YEARS, ("Hướng dẫn", GUIDE)]

# (case, sheets, the runs (--sheet, exit code), then per manifest row (sheet, status), the
#  sheets the quarantine table still names, the years loaded)
CASES = [
    # the workbook loaded, then its second sheet asked for with a typo, then rightly
    ("a typo after the workbook loaded", TWO_YEARS,
     [(None, 3), ("Nam 2024", 1), ("Năm 2024", 0)],
     [(None, "loaded"), ("Nam 2024", "superseded"), ("Năm 2024", "loaded")], [], [2023, 2024]),
    # the first run's typo: the right sheet then loads under the workbook's own row
    ("a typo in the first run", TWO_YEARS,
     [("Nam 2024", 1), ("Năm 2024", 0)],
     [("Năm 2024", "loaded")], [], [2024]),
    # a sheet the workbook has, with no figures: its refusal is no typo and stays
    ("a real sheet refused, then a typo", WITH_GUIDE,
     [(None, 3), ("Hướng dẫn", 1), ("Nam 2024", 1), ("Năm 2024", 0)],
     [(None, "loaded"), ("Hướng dẫn", "quarantined"), ("Nam 2024", "superseded"),
      ("Năm 2024", "loaded")], ["Hướng dẫn"], [2023, 2024]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "sheets", "runs", "manifest", "quarantined", "years"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_a_mistyped_sheet_is_not_quarantined_once_the_right_one_loads(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    case: str,
    sheets: list[tuple[str, list[list[object]]]],
    runs: list[tuple[str | None, int]],
    manifest: list[tuple[str | None, str]],
    quarantined: list[str],
    years: list[int],
) -> None:
    path = tmp_path / "bao_cao.xlsx"
    path.write_bytes(_workbook(sheets))
    db = tmp_path / "wh" / "parplan.duckdb"
    db.parent.mkdir()
    for chosen, code in runs:
        got = main(["ingest", str(path), "--db", str(db), *(["--sheet", chosen] if chosen else [])])
        out = capsys.readouterr().out
        assert got == code, (chosen, out)
    with Warehouse.at(db, BUNDLED).analyst() as con:
        rows = con.execute(
            "select sheet, status from file_manifest order by first_seen_at"
        ).fetchall()
        still = con.execute(
            "select m.sheet from quarantine q join file_manifest m using (sha256) order by 1"
        ).fetchall()
        loaded = con.execute(
            "select year(period_start) from metric_observations order by 1"
        ).fetchall()
    assert sorted(rows, key=str) == sorted(manifest, key=str)
    assert [s for (s,) in still] == quarantined
    assert [y for (y,) in loaded] == years
