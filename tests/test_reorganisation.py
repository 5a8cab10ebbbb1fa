"""Plans and metric files across the 2025 reorganisation, through the user's path
(``parplan extract``, ``parplan review``, ``parplan ingest``) on real DuckDB files.

The plan is the test's own Hậu Giang plan moved to 2026: Hậu Giang became part of Cần Thơ
on 01/07/2025 (Nghị quyết 202/2025/QH15), Sở Thông tin và Truyền thông ended on
28/02/2025 (Nghị định 45/2025/NĐ-CP), cấp huyện on 30/06/2025.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.reference import BUNDLED
from parplan.cli import main
from tests.helpers import csv_bytes
from warehouse.database import Warehouse

PLAN_2023 = Path(__file__).parent / "fixtures" / "plans" / "haugiang_2023_par_plan.txt"


def _plan(tmp_path: Path, year: int) -> Path:
    text = PLAN_2023.read_text(encoding="utf-8").replace("2023", str(year))
    path = tmp_path / f"haugiang_{year}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _leads(payload: dict) -> dict[str, str | None]:
    return {a["raw"]: a["code"] for t in payload["targets"] for a in (*t["lead"], *t["support"])}


def test_a_2023_plan_names_the_units_of_2023(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(_plan(tmp_path, 2023))]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["document"]["province"] == "Hậu Giang"
    leads = _leads(payload)
    assert leads["Sở Thông tin và Truyền thông"] == "so_tttt"
    assert leads["UBND các huyện, thị xã, thành phố"] == "c_ubnd_huyen"
    codes = {i["code"] for i in payload["issues"]}
    assert not codes & {"agency_not_in_force", "province_succeeded", "level_not_in_force"}


def test_a_2026_plan_naming_units_that_ended_is_told_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(_plan(tmp_path, 2026))]) == 0
    payload = json.loads(capsys.readouterr().out)
    # the province ceased: mapped to its successor, with a warning
    assert payload["document"]["province"] == "Cần Thơ"
    issues = [(i["code"], i["message"]) for i in payload["issues"]]
    assert any(c == "province_succeeded" and "Hậu Giang" in m for c, m in issues)
    # names of units that ended are not guessed: unresolved, with the reason
    leads = _leads(payload)
    assert leads["Sở Thông tin và Truyền thông"] is None
    assert leads["UBND các huyện, thị xã, thành phố"] is None
    gone = {m for c, m in issues if c == "agency_not_in_force"}
    assert any("c_ubnd_huyen" in m and "ceased on 2025-06-30" in m for m in gone)
    assert any("so_tttt" in m and "successors: so_khcn_2025" in m for m in gone)
    # units that go on resolve as before
    assert leads["Văn phòng UBND tỉnh"] == "vp_ubnd_tinh"
    # a measure at cấp huyện: the level no longer exists (target 4: "cấp huyện đạt 80%")
    levels = [m for c, m in issues if c == "level_not_in_force"]
    assert levels and all("cấp huyện" in m for m in levels)
    assert any(m.startswith("target 4 ") for m in levels)


def test_review_lists_the_names_of_another_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", str(_plan(tmp_path, 2026))]) == 0
    out = capsys.readouterr().out
    assert "agency_not_in_force" in out and "ceased on 2025-06-30" in out
    assert "province_succeeded" in out


HEAD = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số", "Tỷ lệ (%)"]


def _ingest(tmp_path: Path, rows: list[list[str]], capsys: pytest.CaptureFixture[str]) -> str:
    f = tmp_path / "report.csv"
    f.write_bytes(csv_bytes([HEAD, *rows]))
    main(["ingest", str(f), "--db", str(tmp_path / "wh.duckdb")])
    return capsys.readouterr().out


def test_ubnd_cap_huyen_in_a_2026_report_is_a_reject_naming_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        ["Tây Ninh", "UBND cấp huyện", "dossier_online_share", "Năm 2026", "8", "10", ""],
        ["Tây Ninh", "Sở Khoa học và Công nghệ", "dossier_online_share", "Năm 2026", "9", "10", ""],
    ]
    _ingest(tmp_path, rows, capsys)
    wh = Warehouse.at(tmp_path / "wh.duckdb", BUNDLED)
    with wh.analyst() as con:
        rejects = con.execute("select source_row, reason from metric_rejects").fetchall()
        kept = con.execute("select agency_code, value from metric_observations").fetchall()
    assert len(rejects) == 1 and rejects[0][0] == 2
    assert "UBND cấp huyện" in rejects[0][1] and "– 2025-06-30" in rejects[0][1]
    assert kept == [("so_khcn_2025", 90.0)]  # the merged department, not the one before


def test_a_report_naming_a_province_that_ceased_maps_to_its_successor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["Long An", "Sở Tư pháp", "dossier_online_share", "Năm 2026", "3", "4", ""]]
    out = _ingest(tmp_path, rows, capsys)
    assert "note:" in out and "mapped to its successor Tây Ninh" in out
    with Warehouse.at(tmp_path / "wh.duckdb", BUNDLED).analyst() as con:
        got = con.execute("select province, agency_code from metric_observations").fetchall()
    assert got == [("Tây Ninh", "so_tu_phap")]


def test_a_year_straddling_the_merger_belongs_to_the_unit_at_its_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        ["Long An", "Sở KH&CN", "dossier_online_share", "Năm 2025", "1", "2", ""],
        # a quarter wholly before the merger of 01/03/2025 (and of the provinces): the
        # units of its time, under a key of their own
        ["Long An", "Sở KH&CN", "dossier_online_share", "Quý I/2024", "1", "4", ""],
        # cấp huyện: kept for 2024, rejected for 2026
        ["Long An", "UBND cấp huyện", "dossier_online_share", "Năm 2024", "3", "4", ""],
        ["Long An", "UBND cấp huyện", "dossier_online_share", "Năm 2026", "3", "4", ""],
    ]
    out = _ingest(tmp_path, rows, capsys)
    assert "straddles a change" in out
    with Warehouse.at(tmp_path / "wh.duckdb", BUNDLED).analyst() as con:
        kept = con.execute(
            "select source_row, province, agency_code from metric_observations order by 1"
        ).fetchall()
        rejects = con.execute("select source_row, reason from metric_rejects").fetchall()
    assert kept == [
        (2, "Tây Ninh", "so_khcn_2025"),
        (3, "Long An", "so_khcn"),
        (4, "Long An", "c_ubnd_huyen"),
    ]
    assert [r for r, _ in rejects] == [5] and "… – 2025-06-30" in rejects[0][1]


def test_re_resolving_a_2026_plan_keeps_names_of_another_time_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "wh.duckdb")
    main(["ingest", str(_plan(tmp_path, 2026)), str(_plan(tmp_path, 2023)), "--db", db])
    assert main(["resolve", "--db", db]) == 0
    with Warehouse.at(tmp_path / "wh.duckdb", BUNDLED).analyst() as con:
        got = con.execute("""select d.plan_year, a.agency_code from target_agencies a
            join documents d on d.sha256 = a.source_sha256
            where a.agency_name in ('UBND các huyện, thị xã, thành phố', 'UBND cấp huyện')
            group by all order by 1""").fetchall()  # (a resolved name is the registry's)
        queue = con.execute("""select candidates from review_queue
            where raw = 'UBND các huyện, thị xã, thành phố'""").fetchall()
    assert got == [(2023, "c_ubnd_huyen"), (2026, None)]
    assert len(queue) == 1 and "ceased on 2025-06-30" in queue[0][0]


def test_a_bad_reference_edit_stops_ingest_naming_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from extractors.reference import BUNDLED as DEFAULT_DIR

    ref = tmp_path / "ref"
    shutil.copytree(DEFAULT_DIR, ref)
    path = ref / "agency_successors.csv"
    before = path.read_text(encoding="utf-8")
    path.write_text(before + "so_tttt,so_thong_tin,,yes,báo chí,NĐ\n", encoding="utf-8")
    line = len(before.splitlines()) + 1  # the appended row, whatever the shipped file holds
    monkeypatch.setenv("PARPLAN_REFERENCE", str(ref))
    code = main(["ingest", str(_plan(tmp_path, 2026)), "--db", str(tmp_path / "wh.duckdb")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"agency_successors.csv, line {line}: so_tttt -> so_thong_tin: no unit has" in err
    assert not (tmp_path / "wh.duckdb").exists()  # nothing touched


# Each agency of a file is resolved in every era of the file, but the notes the summary
# prints must be about rows the file holds (tester trial3 c15: a note that Sở KH&CN's
# "2025 straddles a change" when its only row was of 2023).
NOTES_ABOUT_ROWS = [
    # Sở KH&CN has a 2023 row only; the 2025 row is another agency's: no straddle note
    (
        [
            ["Tây Ninh", "Sở KH&CN", "dossier_online_share", "Năm 2023", "1", "2", ""],
            ["Tây Ninh", "Sở Tư pháp", "dossier_online_share", "Năm 2025", "1", "2", ""],
        ],
        [],
    ),
    # its own 2025 row straddles the merger of 01/03/2025: the note is about it
    (
        [
            ["Tây Ninh", "Sở KH&CN", "dossier_online_share", "Năm 2023", "1", "2", ""],
            ["Tây Ninh", "Sở KH&CN", "dossier_online_share", "Năm 2025", "1", "2", ""],
        ],
        ["Sở KH&CN"],
    ),
]


@pytest.mark.parametrize(("rows", "noted"), NOTES_ABOUT_ROWS)
def test_a_straddle_note_names_only_agencies_with_rows_in_that_period(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: list[list[str]], noted: list[str]
) -> None:
    out = _ingest(tmp_path, rows, capsys)
    straddling = [line for line in out.splitlines() if "straddles a change" in line]
    assert [a for a in ("Sở KH&CN", "Sở Tư pháp") if any(a in line for line in straddling)] == (
        noted
    )
