"""Metric files as agencies write them that loaded a wrong figure in silence, or were
refused although the agency's meaning is plain (issue 14, testers' leftovers of silent32):
a typed share column of 1.0 on every row (100% or 1%?), a number with its footnote mark in
the cell, a province written with its former name in brackets. One ``parplan ingest`` of
every case's file, each in its own folder; per case what loads (source row, province,
value), the rows rejected and what the file is told.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import FileCase as Case
from tests.helpers import assert_loaded_as, case_load, case_table, csv_bytes, export_parquet

LA, TN = "Long An", "Tây Ninh"
NV, TP, YT = "Sở Nội vụ", "Sở Tư pháp", "Sở Y tế"
DOS, SAT = "dossier_online_share", "sat_tthc"
Y23 = "Năm 2023"
HEAD = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo"]


def _file(header: list[str], *rows: list[str]) -> bytes:
    return csv_bytes([header, *rows])


def _values(column: str, *rows: tuple[str, str, str]) -> bytes:
    """A long file of shares: (agency, indicator, value) for 2023, under ``column``."""
    return _file([*HEAD, column], *([LA, a, i, Y23, v] for a, i, v in rows))


# a case's loads: (source row, province, value)


AMBIGUOUS = "ty_le' holds only 0 and 1"
TY_LE = "'ty_le' taken for the value"  # an identifier for 'Tỷ lệ', matched with a warning
CASES = [
    # --- a typed share column that cannot say its convention ----------------------------------
    # was: loaded as 1% on every row (the export meant 100%): the marts said every target missed
    Case("a float share column of 1.0 on every row",
         export_parquet(ty_le=[1.0, 1.0, 1.0]), name="bao_cao.parquet",
         rejects=[(1, AMBIGUOUS), (2, AMBIGUOUS), (3, AMBIGUOUS)], told=[TY_LE]),
    # 0 and 1 only: the same, nothing proves percents or fractions
    Case("a float share column of 0.0 and 1.0",
         export_parquet(ty_le=[1.0, 0.0, 1.0]), name="bao_cao.parquet",
         rejects=[(1, AMBIGUOUS), (2, AMBIGUOUS), (3, AMBIGUOUS)], told=[TY_LE]),
    # (loaded before too) a value over 1 proves the column holds percents
    Case("a float share column of 1.0 beside 95.5",
         export_parquet(ty_le=[1.0, 95.5, 100.0]), name="bao_cao.parquet",
         loads=[(1, LA, 1.0), (2, LA, 95.5), (3, LA, 100.0)], told=[TY_LE]),
    # (loaded before too) a typed column whose header says "%": 1 is 1%
    Case("a float share column of 1.0 under 'Tỷ lệ (%)'",
         export_parquet(**{"Tỷ lệ (%)": [1.0, 1.0, 1.0]}), name="bao_cao.parquet",
         loads=[(1, LA, 1.0), (2, LA, 1.0), (3, LA, 1.0)]),
    # (loaded before too) a "%" in the header says percent: 1 is 1%
    Case("'1' under Tỷ lệ (%)", _values("Tỷ lệ (%)", (NV, SAT, "1"), (TP, SAT, "1")),
         loads=[(2, LA, 1.0), (3, LA, 1.0)]),
    Case("'1,0' under Tỷ lệ (%)", _values("Tỷ lệ (%)", (NV, SAT, "1,0"), (TP, SAT, "1,0")),
         loads=[(2, LA, 1.0), (3, LA, 1.0)]),
    # --- a footnote mark in a number's cell ----------------------------------------------------
    # was: "value '95,5(*)' is not a number"
    Case("a share with '(*)'", _values("Giá trị", (NV, SAT, "95,5(*)"), (TP, SAT, "90")),
         loads=[(2, LA, 95.5), (3, LA, 90.0)],
         told=["column 'Giá trị': footnote mark dropped"]),
    Case("a share with ' (1)' and '120*' counts",
         _file([*HEAD, "Tử số", "Mẫu số"], [LA, NV, DOS, Y23, "120*", "200 (1)"],
               [LA, TP, DOS, Y23, "45", "50"]),
         loads=[(2, LA, 60.0), (3, LA, 90.0)],
         told=["column 'Tử số': footnote mark dropped", "column 'Mẫu số': footnote mark dropped"]),
    # a bracket that is no footnote mark: not a number, as before
    Case("a bracket of ten", _values("Giá trị", (NV, SAT, "95,5 (10)")),
         rejects=[(2, "value '95,5 (10)' is not a number")]),
    # --- a province with its former name in brackets -------------------------------------------
    # was: "unknown province 'Tây Ninh (Long An cũ)'"; the province is the merged one
    Case("the merged province with the former one in brackets",
         _file([*HEAD, "Giá trị"], [f"{TN} (Long An cũ)", NV, SAT, Y23, "90"],
               [f"{TN} (tỉnh Long An cũ)", TP, SAT, Y23, "91"]),
         loads=[(2, TN, 90.0), (3, TN, 91.0)],
         told=["(a former province in brackets, Long An, is not"] * 2),
]  # fmt: skip


warehouse = case_table("agency_silent", CASES, 3)  # rows rejected


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_what_an_agency_file_loads(warehouse: Path, case: Case) -> None:
    got = case_load(warehouse, CASES, case, "source_row, province, value", "1")
    assert_loaded_as(
        got, [(r, p, pytest.approx(v)) for r, p, v in case.loads], case.rejects, case.told
    )
