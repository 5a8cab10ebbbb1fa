"""Metric files as agencies write them that loaded a number the agency did not mean, with
exit 0 (issue 14, testers' leftovers of silent33): a share column of fractions of 1 whose
fractions were refused for their number convention, leaving a "1" to load as 1%; the
province's People's Committee reported beside its own departments (their sum, counted
twice). One ``parplan ingest`` of every case's file, each in its own folder; per case what
loads (source row, agency as written, value), the rows rejected and what the file is told.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import FileCase as Case
from tests.helpers import assert_loaded_as, case_load, case_table, csv_bytes

LA = "Long An"
NV, TP, YT = "Sở Nội vụ", "Sở Tư pháp", "Sở Y tế"
DOS = "dossier_online_share"
ONLINE = "Tỷ lệ hồ sơ trực tuyến"  # a share indicator's name, as a wide file's column
Y23 = "Năm 2023"


def _wide(column: str, *rows: tuple[str, str]) -> bytes:
    """A wide file of one share column: (agency, cell) for 2023, the header with no "%"."""
    return csv_bytes(
        [["Tỉnh", "Cơ quan", "Kỳ báo cáo", column], *([LA, a, Y23, v] for a, v in rows)], sep=","
    )


def _counts(*rows: tuple[str, str, str]) -> bytes:
    """A long file of counts: (agency, Tử số, Mẫu số) of the online share for 2023."""
    return csv_bytes(
        [
            ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"],
            *([LA, a, DOS, Y23, n, d] for a, n, d in rows),
        ]
    )


def _noted(note: str, *rows: tuple[str, str, str, str]) -> bytes:
    """A long file of shares with a note column: (agency, period, value, note)."""
    return csv_bytes(
        [
            ["STT", "Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tỷ lệ (%)", note],
            *([str(i), LA, a, DOS, p, v, n] for i, (a, p, v, n) in enumerate(rows, 1)),
        ]
    )


# a case's loads: (source row, agency as written, value)


FRACTION = f"in column '{ONLINE}' is a share written as a fraction of 1"
MIXED = "the column mixes the Vietnamese ('0,95') and the English ('0.9')"
SUBTOTAL = "is the sum of the 2 rows of the province's agencies in the file"
ESTIMATE = "an estimate (ước) is not a reported figure: send the figures"
CASES = [
    # --- a share column of fractions of 1, some refused for their convention -----------------
    # was: '1' loaded as 1% (the agency meant 100%), the other two rejected as mixed
    Case("'1' beside '0.9' and '0,95'", _wide(ONLINE, (NV, "1"), (TP, "0.9"), (YT, "0,95")),
         rejects=[(2, FRACTION), (3, MIXED), (4, MIXED)]),
    Case("'0' beside '0.9' and '0,95'", _wide(ONLINE, (NV, "0"), (TP, "0.9"), (YT, "0,95")),
         rejects=[(2, FRACTION), (3, MIXED), (4, MIXED)]),
    # (rejected before too) one convention: every share a fraction
    Case("'1' beside '0,9' and '0,95'", _wide(ONLINE, (NV, "1"), (TP, "0,9"), (YT, "0,95")),
         rejects=[(2, FRACTION), (3, FRACTION), (4, FRACTION)]),
    # (loaded before too) a value over 1 proves percents; a refused value proves nothing
    Case("'1' beside '95' and '90.5' '90,5'",
         _wide(ONLINE, (NV, "1"), (TP, "95"), (YT, "90.5"), ("Sở Công Thương", "90,5")),
         loads=[(2, NV, 1.0), (3, TP, 95.0)],
         rejects=[(4, "mixes the Vietnamese"), (5, "mixes the Vietnamese")]),
    # --- the province's committee beside its departments: their sum --------------------------
    # was: all three loaded, the province's counts doubled (270/300)
    Case("UBND tỉnh beside its departments", _counts((NV, "90", "100"), (TP, "45", "50"),
                                                     ("UBND tỉnh", "135", "150")),
         loads=[(2, NV, 90.0), (3, TP, 90.0)], rejects=[(4, SUBTOTAL)]),
    Case("Ủy ban nhân dân tỉnh Long An beside its departments",
         _counts(("Ủy ban nhân dân tỉnh Long An", "135", "150"), (NV, "90", "100"),
                 (TP, "45", "50")),
         loads=[(3, NV, 90.0), (4, TP, 90.0)], rejects=[(2, SUBTOTAL)]),
    # (loaded before too) alone, the committee's row is the province's one figure
    Case("UBND tỉnh alone", _counts(("UBND tỉnh", "135", "150")),
         loads=[(2, "UBND tỉnh", 90.0)]),
    # --- a row its note calls an estimate ----------------------------------------------------
    # was: the estimates loaded as 2024's actual figures
    Case("'ước thực hiện' in Ghi chú",
         _noted("Ghi chú", (NV, "Năm 2022", "90", ""), (TP, "Năm 2024", "91", "ước thực hiện"),
                (YT, "Năm 2024", "92", "Số ước tính"), ("Sở Công Thương", "Năm 2024", "93", "ƯTH")),
         loads=[(2, NV, 90.0)], rejects=[(3, ESTIMATE), (4, ESTIMATE), (5, ESTIMATE)]),
    Case("'dự kiến' in 'Ghi chú, giải trình'",
         _noted("Ghi chú, giải trình", (NV, "Năm 2021", "90", "Đã rà soát"),
                (TP, "Năm 2024", "91", "Số liệu dự kiến")),
         loads=[(2, NV, 90.0)], rejects=[(3, "period 'Năm 2024 (Số liệu dự kiến)'")]),
    # a note saying something else is no estimate; "Ước" as part of a name is no word of it
    Case("a note in words", _noted("Ghi chú", (NV, "Năm 2020", "90", "Theo báo cáo quý"),
                                   (TP, "Năm 2020", "91", "Hiệp Phước")),
         loads=[(2, NV, 90.0), (3, TP, 91.0)]),
]  # fmt: skip


warehouse = case_table("agency_unmeant", CASES, 3)  # rows rejected


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_what_an_agency_file_loads(warehouse: Path, case: Case) -> None:
    got = case_load(warehouse, CASES, case, "source_row, agency_raw, value", "1")
    assert_loaded_as(
        got, [(r, a, pytest.approx(v)) for r, a, v in case.loads], case.rejects, case.told
    )
