"""What a progress report states of itself orders its submissions, as for metric files: the
version its title or a ``Lần gửi`` column states, then the report date its title's dated
line or a ``Ngày báo cáo`` column states, before arrival. Progress reports recorded neither,
so an older report sent after the newer one replaced it, exit 0, nothing said (tester
reports17 p01, p02, p04, p06). Real files, real DuckDB, through ``parplan ingest`` (one batch
per file, the newer report first) and, for one case, ``parplan build``."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from parplan.cli import main
from tests.conftest import SEED

HEADER = ["Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan", "Tình trạng", "Ngày hoàn thành", "Kỳ báo cáo"]
TITLE = "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2022"
NEWER = [  # what the newer report says: both tasks done
    ["1.1", "", "Sở Nội vụ", "Đã hoàn thành", "30/09/2022", "Năm 2022"],
    ["1.3", "", "Sở Nội vụ", "Đã hoàn thành", "15/11/2022", "Năm 2022"],
]
OLDER = [  # the older report, sent after it: both in progress
    ["1.1", "", "Sở Nội vụ", "Đang thực hiện", "", "Năm 2022"],
    ["1.3", "", "Sở Nội vụ", "Đang thực hiện", "", "Năm 2022"],
]


def report(title: list[str], rows: list[list[str]], column: tuple[str, str] | None) -> str:
    lines = [["UBND TỈNH LONG AN"], *([t] for t in title)]
    lines.append(HEADER + ([column[0]] if column else []))
    lines += [r + ([column[1]] if column else []) for r in rows]
    return "\ufeff" + "\n".join(";".join(r) for r in lines) + "\n"


# (case id, the newer file, the older file sent after it, build and read the mart)
CASES = [
    # p01: the title states a version ("bản sửa đổi lần 2"); the original states none
    (
        "title version",
        report([f"{TITLE} (bản sửa đổi lần 2)"], NEWER, None),
        report([TITLE], OLDER, None),
        False,
    ),
    # p06: a Lần gửi column, 2 then 1
    (
        "version column",
        report([TITLE], NEWER, ("Lần gửi", "2")),
        report([TITLE], OLDER, ("Lần gửi", "1")),
        False,
    ),
    # p02: the title's dated lines, 20/01 then 10/01
    (
        "title report date",
        report(["Long An, ngày 20 tháng 01 năm 2023", TITLE], NEWER, None),
        report(["Long An, ngày 10 tháng 01 năm 2023", TITLE], OLDER, None),
        False,
    ),
    # p04: a Ngày báo cáo column, 20/01 then 10/01; the mart counts the newer
    (
        "report date column",
        report([TITLE], NEWER, ("Ngày báo cáo", "20/01/2023")),
        report([TITLE], OLDER, ("Ngày báo cáo", "10/01/2023")),
        True,
    ),
]


@pytest.mark.parametrize(
    ("newer", "older", "build"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_an_older_progress_report_sent_later_is_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], newer: str, older: str, build: bool
) -> None:
    db = tmp_path / "wh" / "parplan.duckdb"
    (tmp_path / "wh").mkdir()  # --db names a folder that is there
    assert main(["ingest", "--db", str(db), str(SEED)]) == 0
    for name, text in (("moi.csv", newer), ("cu.csv", older)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        capsys.readouterr()
        assert main(["ingest", "--db", str(db), str(tmp_path / name)]) == 0
    out = capsys.readouterr().out
    assert "1 file loaded as history" in out, out  # the older one, said so
    with duckdb.connect(str(db).replace(".duckdb", ".work.duckdb"), read_only=True) as con:
        current = con.execute("""select v.task_code, p.status from progress_task_versions v
                                 join progress_rows p using (source_sha256, source_row)
                                 where v.is_current order by 1""").fetchall()
        statuses = con.execute("""select regexp_extract(original_path, '[^/]+$'), status
                                  from file_manifest where kind = 'progress'
                                  order by 1""").fetchall()
    assert current == [("1.1", "done"), ("1.3", "done")]
    assert statuses == [("cu.csv", "superseded"), ("moi.csv", "loaded")]
    if not build:
        return
    assert main(["build", "--db", str(db)]) == 0
    with duckdb.connect(str(db), read_only=True) as con:
        got = con.execute("""select code, status from task_progress
                             where code in ('1.1', '1.3') order by code""").fetchall()
    assert got == [("1.1", "done"), ("1.3", "done")]
