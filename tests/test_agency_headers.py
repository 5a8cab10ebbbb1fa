"""Metric files whose header, encoding or province column is written the way agencies write
them: a numbering row under the header, the usual spellings of each column, ASCII
identifiers of the usual extra columns, UTF-16 without a byte-order mark, a province with
its administrative prefix. Each is read as the agency meant it, or refused loudly.

One row per case: the file, what loads (source row, value, province), which rows are
rejected and why, which warnings and notes the file gets, or why it is refused. All the
files go through one ``parplan ingest`` of a folder, as an agency's files do.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.metrics.formats import as_utf8
from extractors.reference import BUNDLED
from extractors.sniff import sniff, utf16_codec
from parplan.cli import main
from tests.helpers import assert_rejected, assert_told, case_load, case_table, csv_bytes, xlsx_bytes
from warehouse.database import Warehouse

LONG = ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]
PROV = ["Tỉnh", *LONG]
COUNTS = ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số", "Tỷ lệ (%)"]
SYT, IND = "Sở Y tế", "dossier_online_share"
ROW = [SYT, IND, "2023", "80"]
SAT = "Mức độ hài lòng về giải quyết TTHC (%)"  # an indicator's name, as a wide file heads it
NUMBERED = "numbers the columns"  # part of the note on a numbering row skipped


def _csv(header: list[str], *rows: list[object], **kw: object) -> bytes:
    return csv_bytes([header, *rows], **kw)  # type: ignore[arg-type]


def _tsv_text(header: list[str], *rows: list[str]) -> str:
    """Excel's "Unicode text": tab-separated lines."""
    return "".join("\t".join(r) + "\r\n" for r in (header, *rows))


@dataclass(frozen=True)
class Case:
    why: str
    data: bytes
    name: str = "bao_cao.csv"
    loads: list[tuple[object, ...]] = field(default_factory=list)  # row, value, province
    rejects: list[tuple[int, str]] = field(default_factory=list)  # row, part of the reason
    refused: str | None = None  # part of the reason the whole file is refused
    notes: list[str] = field(default_factory=list)  # part of each warning or note on the file


CASES = [
    # --- a numbering row under the header: the columns' numbers, not data ------------------
    # was: row 2 rejected ("'(1)' is not a province"), exit 3
    Case("(1);(2);(3);(4);(5) under the header",
         _csv(PROV, ["(1)", "(2)", "(3)", "(4)", "(5)"], ["Long An", *ROW]),
         loads=[(3, 80.0, "Long An")], notes=[f"row 2 {NUMBERED}"]),
    # was: row 2 rejected (its value 4 loaded for an agency '1', or queued)
    Case("1;2;3;4 under the header",
         _csv(LONG, ["1", "2", "3", "4"], ROW),
         loads=[(3, 80.0, None)], notes=[f"row 2 {NUMBERED}"]),
    # text columns lettered, figure columns numbered, the share's formula written out
    Case("A;B;C;1;2;3=1/2x100 under a header of counts and a share",
         _csv(COUNTS, ["A", "B", "C", "1", "2", "3=1/2x100"], [SYT, IND, "2023", "40", "80", "50"]),
         loads=[(3, 50.0, None)], notes=[f"row 2 {NUMBERED}"]),
    # the computed column numbered with the formula of the columns it comes from
    Case("(1)...(5), (6)=(4)/(5)x100 under the header",
         _csv(COUNTS, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)=(4)/(5)x100"],
              [SYT, IND, "2023", "40", "80", "50"]),
         loads=[(3, 50.0, None)], notes=[f"row 2 {NUMBERED}"]),
    # the STT column left unnumbered
    Case("an STT column left blank in the numbering row",
         _csv(["STT", *LONG], ["", "(1)", "(2)", "(3)", "(4)"], ["1", *ROW]),
         loads=[(3, 80.0, None)], notes=[f"row 2 {NUMBERED}"]),
    # a workbook numbers its columns with number cells
    Case("a workbook's numbering row of number cells",
         xlsx_bytes([LONG, [1, 2, 3, 4], [SYT, IND, "2023", 80]]), "bao_cao.xlsx",
         loads=[(3, 80.0, None)], notes=[f"row 2 {NUMBERED}"]),
    # under a title: the numbering row is the one under the header, wherever that is
    Case("a workbook's numbering row (1)...(5) under a title and the header",
         xlsx_bytes([PROV, ["(1)", "(2)", "(3)", "(4)", "(5)"], ["Long An", SYT, IND, "2023", 80]],
                    title=["UBND TỈNH LONG AN", "BÁO CÁO KẾT QUẢ NĂM 2023"]),
         "bao_cao.xlsx", loads=[(5, 80.0, "Long An")], notes=[f"row 4 {NUMBERED}"]),
    # under a two-row header (a merged group over the counts and the share)
    Case("a numbering row under a two-row header",
         xlsx_bytes([["Cơ quan", "Chỉ tiêu", "Năm", "Kết quả", None, None],
                     ["", "", "", "Tử số", "Mẫu số", "Tỷ lệ (%)"],
                     ["A", "B", "C", 1, 2, "3=1/2"], [SYT, IND, "2023", 400, 800, 50]],
                    title=["UBND TỈNH LONG AN"]),
         "bao_cao.xlsx", loads=[(5, 50.0, "Long An")], notes=[f"row 4 {NUMBERED}"]),
    # a wide file: one letter for the agency, one number per indicator
    Case("a wide file's numbering row A;1",
         _csv(["Cơ quan", "Kỳ báo cáo", SAT], ["A", "B", "1"], [SYT, "2023", "92"]),
         loads=[(3, 92.0, None)], notes=[f"row 2 {NUMBERED}"]),
    # a blank template sent back: its numbering row is no data
    Case("a header and its numbering row, nothing else: refused",
         _csv(LONG, ["(1)", "(2)", "(3)", "(4)"]), refused="no data rows under the header"),
    # a header with nothing under it
    Case("a header alone: refused", _csv(PROV), refused="no data rows under the header"),
    # only the row right under the header is a numbering row: further down it is data
    Case("1;2;3;4 below a data row is data, rejected as such",
         _csv(LONG, ROW, ["1", "2", "3", "4"]),
         loads=[(2, 80.0, None)], rejects=[(3, "period '3'")]),
    # numbers out of order number no columns: data, rejected as such
    Case("2;1;3;4 under the header is no numbering row",
         _csv(LONG, ["2", "1", "3", "4"], ROW),
         loads=[(3, 80.0, None)], rejects=[(2, "period '3'")]),
    # --- the usual spellings of each column: understood, no warning -----------------------
    # was: "'Tỉnh/Thành phố' taken for the province (written without diacritics ...)"
    Case("Tỉnh/Thành phố", _csv(["Tỉnh/Thành phố", *LONG], ["Long An", *ROW]),
         loads=[(2, 80.0, "Long An")]),
    # was: not understood, its cells not loaded
    Case("Tỉnh/TP", _csv(["Tỉnh/TP", *LONG], ["Long An", *ROW]),
         loads=[(2, 80.0, "Long An")]),
    Case("Tỉnh, thành phố", _csv(["Tỉnh, thành phố", *LONG], ["Long An", *ROW]),
         loads=[(2, 80.0, "Long An")]),
    # was: a diacritics warning
    Case("Cơ quan/đơn vị", _csv(["Tỉnh", "Cơ quan/đơn vị", *LONG[1:]], ["Long An", *ROW]),
         loads=[(2, 80.0, "Long An")]),
    # was: not understood: a long file without a value column, refused
    Case("Kết quả thực hiện", _csv([*LONG[:3], "Kết quả thực hiện"], ROW),
         loads=[(2, 80.0, None)]),
    # a database export's identifier of a role stays a close miss: matched, and said
    Case("co_quan is matched and reported", _csv(["co_quan", *LONG[1:]], ROW),
         loads=[(2, 80.0, None)], notes=["'co_quan' taken for the agency"]),
    # --- the usual extra columns as ASCII identifiers: known, as their Vietnamese names ------
    # was: three columns warned as not understood, one as a close miss
    Case("stt, don_vi_tinh, ghi_chu, nguon_so_lieu are known",
         _csv(["stt", *LONG, "don_vi_tinh", "ghi_chu", "nguon_so_lieu"],
              ["1", *ROW, "%", "", "Phần mềm một cửa"]),
         loads=[(2, 80.0, None)]),
    # was: ghi_chu taken for an indicator, its note rejected as a number
    Case("ghi_chu in a wide file is no indicator",
         _csv(["Cơ quan", "Kỳ báo cáo", SAT, "ghi_chu"], [SYT, "2023", "92", "đã rà soát"]),
         loads=[(2, 92.0, None)]),
    # --- UTF-16 with or without its byte-order mark ------------------------------------------
    # was: 'binary data, not a CSV, XLSX or Parquet metric file'
    Case("UTF-16BE without a byte-order mark",
         _tsv_text(PROV, ["Long An", *ROW]).encode("utf-16-be"),
         loads=[(2, 80.0, "Long An")]),
    # was: 'binary data'
    Case("UTF-16LE without a byte-order mark",
         _tsv_text(PROV, ["Long An", SYT, IND, "2022", "70"]).encode("utf-16-le"),
         loads=[(2, 70.0, "Long An")]),
    Case("UTF-16BE with its byte-order mark",
         ("\ufeff" + _tsv_text(PROV, ["Long An", SYT, IND, "2021", "60"])).encode("utf-16-be"),
         loads=[(2, 60.0, "Long An")]),
    # real binary data stays refused, clearly
    Case("binary data with NULs: refused",
         bytes(range(256)) * 8, refused="binary data"),
    # 16-bit numbers NUL on every other byte decode to control characters, not text
    Case("16-bit binary numbers: refused",
         struct.pack("<512H", *range(512)), refused="binary data"),
    # --- a province written with its administrative prefix ---------------------------------
    # was: rejected: 'UBND tỉnh Long An' is not a province the reference data knows
    Case("UBND tỉnh Long An", _csv(PROV, ["UBND tỉnh Long An", *ROW]),
         loads=[(2, 80.0, "Long An")]),
    # was: rejected
    Case("Ủy ban nhân dân tỉnh Long An and UBND TP. Hồ Chí Minh",
         _csv(PROV, ["Ủy ban nhân dân tỉnh Long An", *ROW],
              ["UBND TP. Hồ Chí Minh", SYT, IND, "2022", "70"]),
         loads=[(2, 80.0, "Long An"), (3, 70.0, "Hồ Chí Minh")]),
    # was: the last row rejected ('UBND thành phố Hà Nội' is not a province ...)
    Case("Tỉnh Long An, TP. Hồ Chí Minh, Thành phố Hà Nội, UBND thành phố Hà Nội",
         _csv(PROV, ["Tỉnh Long An", *ROW], ["TP. Hồ Chí Minh", *ROW],
              ["Thành phố Hà Nội", *ROW], ["UBND thành phố Hà Nội", SYT, IND, "2022", "70"]),
         loads=[(2, 80.0, "Long An"), (3, 80.0, "Hồ Chí Minh"), (4, 80.0, "Hà Nội"),
                (5, 70.0, "Hà Nội")]),
    # a district's committee names no province: rejected, not placed in one
    Case("UBND huyện Bến Lức in the Tỉnh column: rejected",
         _csv(PROV, ["UBND huyện Bến Lức", *ROW]),
         rejects=[(2, "'UBND huyện Bến Lức' (column Tỉnh) is not a province")]),
    # an agency is no province, though its name ends with one
    Case("Sở Tư pháp Long An in the Tỉnh column: rejected",
         _csv(PROV, ["Sở Tư pháp Long An", *ROW]),
         rejects=[(2, "'Sở Tư pháp Long An' (column Tỉnh) is not a province")]),
]  # fmt: skip


warehouse = case_table("agency_headers", CASES, 1)  # binary is refused


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_agency_headers(warehouse: Path, case: Case) -> None:
    cols = "source_row, value, province"
    got = case_load(warehouse, CASES, case, cols, "1, 2")
    if case.refused:
        assert got.status == "quarantined" and case.refused in got.error, got.error
        return
    assert got.status == "loaded", got.error
    obs, no_province = got.rows, got.said(no_province=True)
    assert obs == [(r, pytest.approx(v), p) for r, v, p in case.loads]
    assert_rejected(got.rejects, case.rejects)
    # rows loaded with no province (kept out of the marts) are said once, with their count
    unplaced = sum(p is None for _, _, p in obs)
    assert [n.split(" with no province")[0] for n in no_province] == [
        f"{unplaced} row{'' if unplaced == 1 else 's'}"
    ] * (unplaced > 0)
    # every warning and note is one the agency is told of, and nothing else is said
    assert_told(got.said(), case.notes)


def test_a_numbered_table_through_parplan_ingest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A province's table with its columns numbered, sent as UTF-16 without a byte-order
    mark and a province written as its committee: everything loads (exit 0), and the
    summary says the numbering row was skipped."""
    text = _tsv_text(PROV, ["(1)", "(2)", "(3)", "(4)", "(5)"],
                     ["UBND tỉnh Long An", SYT, IND, "Năm 2023", "80"],
                     ["UBND tỉnh Long An", "Sở Tư pháp", IND, "Năm 2023", "75,5"])  # fmt: skip
    path = tmp_path / "chi_so_2023.csv"
    path.write_bytes(text.encode("utf-16-be"))
    db = tmp_path / "parplan.duckdb"
    assert main(["ingest", "--db", str(db), str(path)]) == 0
    out = capsys.readouterr().out
    assert "2 rows loaded, 0 rows rejected" in out, out
    assert f"note: {path}: row 2 {NUMBERED}" in out, out
    assert "warning" not in out, out
    with Warehouse.at(db, BUNDLED).analyst() as con:
        got = con.execute(
            "select province, agency_code, value from metric_observations order by value"
        ).fetchall()
    assert got == [("Long An", "so_tu_phap", 75.5), ("Long An", "so_yte", 80.0)]


WORDS = ["Sở Y tế", "Sở Tư pháp", "Tỷ lệ hồ sơ", "Quý II/2023", "Năm 2024", "Long An",
         "Thừa Thiên Huế", "đúng hạn", "92,5", "1.234", "(%)", "Đắk Lắk", "ghi chú"]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.lists(st.sampled_from(WORDS), min_size=2, max_size=6), min_size=1, max_size=8),
    sep=st.sampled_from([";", ",", "\t"]),
    codec=st.sampled_from(["utf-16-le", "utf-16-be"]),
)
def test_any_table_in_utf16_without_its_mark_is_text(
    rows: list[list[str]], sep: str, codec: str
) -> None:
    """A table of Vietnamese words saved as UTF-16 without a byte-order mark is text, in the
    byte order it was saved in, and reads back as written."""
    data = "".join(sep.join(r) + "\r\n" for r in rows).encode(codec)
    assert sniff(data) == "text"
    assert utf16_codec(data) == codec
    assert as_utf8(data, "x.csv").decode("utf-8") == data.decode(codec)


def test_a_progress_report_in_utf16_without_its_mark_loads(tmp_path: Path) -> None:
    """A progress table saved as UTF-16 without a byte-order mark is read as one (it was
    refused as binary data, then as not UTF-8)."""
    text = _tsv_text(["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan", "Tình trạng", "Kỳ báo cáo"],
                     ["I.1", "Rà soát thủ tục hành chính", SYT, "Đã hoàn thành", "Quý II/2023"])  # fmt: skip
    path = tmp_path / "tien_do.csv"
    path.write_bytes(text.encode("utf-16-le"))
    main(["ingest", "--db", str(tmp_path / "parplan.duckdb"), str(path)])
    with Warehouse.at(tmp_path / "parplan.duckdb", BUNDLED).analyst() as con:
        kind, status, error = con.execute(
            "select kind, status, error from file_manifest"
        ).fetchone()
        rows = con.execute("select count(*) from progress_rows").fetchone()
    assert (kind, status) == ("progress", "loaded"), error
    assert rows == (1,)
