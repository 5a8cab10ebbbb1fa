"""A re-send that leaves a figure out does not delete it, and says so. Real files, real
DuckDB, through ``parplan ingest``.

The rule (what these cases pin down). A file that replaces figures of an earlier
submission is a correction of it, figure by figure: a figure of the earlier file that the
new one does not hold stays as it was (a re-send does not delete; an agency that meant to
withdraw a figure says so another way). But it is said: the new file's note names the
earlier file and how many of its figures were not in the re-send (with the first few),
and the ingest summary counts them. The exit code stays 0: nothing was lost or rejected.
A file replacing nothing (another year) says nothing of the kind.
"""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl
import pytest

from extractors.reference import BUNDLED as REFERENCE
from parplan.cli import main
from tests.helpers import csv_bytes
from warehouse.database import Warehouse

HEADER = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"]


def report(title: str, figures: list[tuple[str, int]], year: int = 2023) -> list[list[str]]:
    rows = [
        ["Long An", agency, "dossier_online_share", f"Năm {year}", str(num), "1000"]
        for agency, num in figures
    ]
    return [[title], HEADER, *rows]


S1 = report(  # the Sở Nội vụ's summary of three agencies
    "BÁO CÁO SỐ LIỆU CCHC NĂM 2023",
    [("Sở Nội vụ", 300), ("Sở Tư pháp", 400), ("Sở Y tế", 500)],
)

# (case id, the second file, the numerators counting afterwards by agency, what the
#  second file's note and the summary must say (None: no word of figures left out))
CASES = [
    # the tester's case: "(LẦN 2)" re-sends two of the three rows; Sở Y tế's figure stays
    # as it was, and the note and the summary say that 1 figure was not in the re-send
    (
        "resend leaves a row out",
        report("BÁO CÁO SỐ LIỆU CCHC NĂM 2023 (LẦN 2)", [("Sở Nội vụ", 350), ("Sở Tư pháp", 400)]),
        [("so_noi_vu", 350.0), ("so_tu_phap", 400.0), ("so_yte", 500.0)],
        ("1 figure of s1.csv", "Sở Y tế", "1 figures of earlier files not in the files"),
    ),
    # a complete re-send: nothing left out, nothing said
    (
        "complete resend",
        report("BÁO CÁO (LẦN 2)", [("Sở Nội vụ", 350), ("Sở Tư pháp", 400), ("Sở Y tế", 510)]),
        [("so_noi_vu", 350.0), ("so_tu_phap", 400.0), ("so_yte", 510.0)],
        None,
    ),
    # one agency's own correction: the other two figures of s1 are not in it and stay
    (
        "one agency corrects its row",
        report("BÁO CÁO SỐ LIỆU - SỞ TƯ PHÁP", [("Sở Tư pháp", 450)]),
        [("so_noi_vu", 300.0), ("so_tu_phap", 450.0), ("so_yte", 500.0)],
        ("2 figures of s1.csv", "Sở Nội vụ", "2 figures of earlier files not in the files"),
    ),
    # another year replaces nothing: nothing is said
    (
        "another year",
        report("BÁO CÁO SỐ LIỆU CCHC NĂM 2024", [("Sở Nội vụ", 100)], year=2024),
        [("so_noi_vu", 100.0), ("so_noi_vu", 300.0), ("so_tu_phap", 400.0), ("so_yte", 500.0)],
        None,
    ),
]


@pytest.mark.parametrize(
    ("second", "counting", "said"), [pytest.param(*c[1:], id=c[0]) for c in CASES]
)
def test_a_resend_keeps_the_figures_it_leaves_out_and_says_how_many(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    second: list[list[str]],
    counting: list[tuple[str, float]],
    said: tuple[str, ...] | None,
) -> None:
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir()  # --db names a folder that is there
    for name, rows in (("s1.csv", S1), ("s2.csv", second)):
        (tmp_path / name).write_bytes(csv_bytes(rows))
        capsys.readouterr()
        assert main(["ingest", "--db", str(db), str(tmp_path / name)]) == 0
    out = capsys.readouterr().out
    with Warehouse.at(db, REFERENCE).analyst() as con:
        figures = con.execute("""select agency_code, numerator from metric_observations
            where superseded_by is null order by all""").fetchall()
    assert figures == counting
    if said is None:
        assert "not in" not in out, out
    else:
        assert all(s in out for s in said), out


def _parquet(rows: list[list[str]]) -> bytes:
    """A database export of a report's rows (no title, so no stated version): typed counts."""
    typed = [[*r[:4], int(r[4]), int(r[5])] for r in rows[2:]]
    frame = pl.DataFrame(typed, schema=HEADER, orient="row")
    buf = io.BytesIO()
    frame.write_parquet(buf)
    return buf.getvalue()


# (case id, the files in the order they arrive, the file loaded as history, what its note
#  must say (each a part), the numerators counting afterwards)
LATER_UNVERSIONED = [
    # the tester's case: "(LẦN 2)" as a CSV, then the same figures re-sent as a Parquet
    # export stating no version; was: only "1 file loaded as history" in the summary
    (
        "a Parquet re-send after a CSV marked (LẦN 2)",
        [("s1.csv", csv_bytes(report("BÁO CÁO SỐ LIỆU CCHC NĂM 2023 (LẦN 2)",
                                     [("Sở Nội vụ", 350), ("Sở Tư pháp", 400)]))),
         ("s2.parquet", _parquet(report("", [("Sở Nội vụ", 360), ("Sở Tư pháp", 410)])))],
        "s2.parquet",
        ["s1.csv stays current", "states version 2", "this file states none"],
        [("so_noi_vu", 350.0), ("so_tu_phap", 400.0)],
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("files", "history", "said", "counting"),
    [pytest.param(*c[1:], id=c[0]) for c in LATER_UNVERSIONED],
)
def test_a_later_file_loaded_as_history_says_which_file_stays_current_and_why(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    files: list[tuple[str, bytes]],
    history: str,
    said: list[str],
    counting: list[tuple[str, float]],
) -> None:
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir()  # --db names a folder that is there
    for name, data in files:
        (tmp_path / name).write_bytes(data)
        capsys.readouterr()
        assert main(["ingest", "--db", str(db), str(tmp_path / name)]) == 0
    out = capsys.readouterr().out
    assert "1 file loaded as history" in out, out
    note = next((line for line in out.splitlines() if said[0] in line), "")
    assert all(s in note for s in said), out
    with Warehouse.at(db, REFERENCE).analyst() as con:
        status = con.execute(
            "select status from file_manifest where original_path like ?", [f"%/{history}"]
        ).fetchone()
        figures = con.execute("""select agency_code, numerator from metric_observations
            where superseded_by is null order by all""").fetchall()
    assert status == ("superseded",)
    assert figures == counting
