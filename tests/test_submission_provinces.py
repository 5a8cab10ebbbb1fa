"""Two provinces' reports that reach one figure after the 2025 merger: a conflict, never a
correction. Real files, real DuckDB, through ``parplan ingest``.

The rule (what these cases pin down). A figure's key is province x agency x indicator x
period, the province as it resolves at the period (Long An's 2025 report counts under Tây
Ninh, which took it in on 01/07/2025). Each submission also keeps the province it was
WRITTEN under (its Tỉnh column, else its title's or file name's province), taken as the
province that name means before any succession ("Tỉnh Tây Ninh" and "Tây Ninh" are one
written province; "Long An" is another). A later submission replaces an earlier one only
when both were written under the same province: that is a correction. When a figure
already stored under one written province arrives again under another (a predecessor's
name against its successor's, or two predecessors'), neither can say it is the other's
correction - a former province's partial report is not a re-send of the merged
province's - so the one stored first stays current and the later row is rejected
(``metric_rejects``: the reason names both files and both written provinces), the batch
exits 3 and nothing is lost (the rejected row is kept as read).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.reference import BUNDLED as REFERENCE
from parplan.cli import main
from tests.helpers import csv_bytes
from warehouse.database import Warehouse

HEADER = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"]


def row(province: str, year: int, num: int, den: int) -> list[str]:
    return [province, "Sở Nội vụ", "dossier_online_share", f"Năm {year}", str(num), str(den)]


# (case id, first file: (name, rows), second file, exit codes of the two ingests, the
#  figures counting afterwards as (province, numerator, denominator), what the reject's
#  reason must name (empty: no reject))
CASES = [
    # the tester's case: Tây Ninh (merged) reports its 2025 figure, then Long An (a former
    # province, merged into Tây Ninh on 01/07/2025) reports a partial one for the same key:
    # the later one is a conflict, Tây Ninh's figure stays
    (
        "successor first",
        ("c17b_tayninh_2025.csv", [row("Tây Ninh", 2025, 800, 2000)]),
        ("c17a_longan_2025.csv", [row("Long An", 2025, 300, 1000)]),
        (0, 3),
        [("Tây Ninh", 800.0, 2000.0)],
        ["c17a_longan_2025.csv", "c17b_tayninh_2025.csv", "'Long An'", "'Tây Ninh'"],
    ),
    # the reverse order: the successor's report does not replace the predecessor's either
    (
        "predecessor first",
        ("c17a_longan_2025.csv", [row("Long An", 2025, 300, 1000)]),
        ("c17b_tayninh_2025.csv", [row("Tây Ninh", 2025, 800, 2000)]),
        (0, 3),
        [("Tây Ninh", 300.0, 1000.0)],
        ["c17a_longan_2025.csv", "c17b_tayninh_2025.csv", "'Long An'", "'Tây Ninh'"],
    ),
    # two predecessors of Cần Thơ (Hậu Giang and Sóc Trăng merged into it): a conflict too
    (
        "two predecessors",
        ("hau_giang_2025.csv", [row("Hậu Giang", 2025, 100, 400)]),
        ("soc_trang_2025.csv", [row("Sóc Trăng", 2025, 200, 400)]),
        (0, 3),
        [("Cần Thơ", 100.0, 400.0)],
        ["hau_giang_2025.csv", "soc_trang_2025.csv", "'Hậu Giang'", "'Sóc Trăng'"],
    ),
    # Long An corrects its own 2025 report: the same written province, a correction
    (
        "predecessor corrects itself",
        ("longan_2025.csv", [row("Long An", 2025, 300, 1000)]),
        ("longan_2025_sua.csv", [row("Long An", 2025, 350, 1000)]),
        (0, 0),
        [("Tây Ninh", 350.0, 1000.0)],
        [],
    ),
    # Tây Ninh corrects its report, writing the province with its kind: one written province
    (
        "successor corrects itself",
        ("tayninh_2025.csv", [row("Tây Ninh", 2025, 800, 2000)]),
        ("tayninh_2025_sua.csv", [row("Tỉnh Tây Ninh", 2025, 900, 2000)]),
        (0, 0),
        [("Tây Ninh", 900.0, 2000.0)],
        [],
    ),
    # before the merger the two provinces' figures are two keys: both count
    (
        "before the merger",
        ("longan_2023.csv", [row("Long An", 2023, 300, 1000)]),
        ("tayninh_2023.csv", [row("Tây Ninh", 2023, 800, 2000)]),
        (0, 0),
        [("Long An", 300.0, 1000.0), ("Tây Ninh", 800.0, 2000.0)],
        [],
    ),
]


@pytest.mark.parametrize(
    ("first", "second", "codes", "counting", "named"),
    [pytest.param(*c[1:], id=c[0]) for c in CASES],
)
def test_a_figure_written_under_another_province_is_a_conflict_not_a_correction(
    tmp_path: Path,
    first: tuple[str, list[list[str]]],
    second: tuple[str, list[list[str]]],
    codes: tuple[int, int],
    counting: list[tuple[str, float, float]],
    named: list[str],
) -> None:
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir()  # --db names a folder that is there
    for (name, rows), code in zip((first, second), codes, strict=True):
        path = tmp_path / name
        path.write_bytes(csv_bytes([HEADER, *rows]))
        assert main(["ingest", "--db", str(db), str(path)]) == code
    with Warehouse.at(db, REFERENCE).analyst() as con:
        figures = con.execute("""select province, numerator, denominator
            from metric_observations where superseded_by is null order by all""").fetchall()
        reasons = [r for (r,) in con.execute("select reason from metric_rejects").fetchall()]
        kept = con.execute(
            "select count(*) from metric_rejects where raw_record is not null"
        ).fetchone()
    assert figures == counting
    if named:
        assert len(reasons) == 1
        assert all(n in reasons[0] for n in named), reasons[0]
        assert kept == (1,)  # the row as read is kept
    else:
        assert reasons == []
