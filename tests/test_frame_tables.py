"""Plans laid out in frames: a portal page whose layout table wraps the article (it was
refused: "no official document header"), and a Word file whose issuer block sits in a
content control and whose task table sits in a one-cell box (issuer, number and every
task were lost, exit 0). The fixtures are made by tests/fixtures/frames.py; the expected
records below are written by hand from that plan.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures.frames import framed_docx, portal_html
from tests.helpers import extract_cli

HEADER = {
    "issuer": "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
    "province": "Quảng Ngãi",
    "doc_number": "52/KH-UBND",
    "issued_date": "2025-01-22",
    "signer": "Đặng Văn Minh",
    "plan_year": 2025,
}
# code, description, lead, support, timeframe, budget (million đồng), budget note
TASKS = [
    ("I.1", "Rà soát văn bản quy phạm pháp luật do tỉnh ban hành", ["Sở Tư pháp"],
     ["Các sở, ban, ngành tỉnh"], "Quý II/2025", 50, None),
    # the portal prints a footnote mark after the text ("<sup><a href='#_ftn1'>[1]</a>"):
    # it was read into the task's text ("... pháp luật[1]")
    ("I.2", "Theo dõi thi hành pháp luật", ["Sở Tư pháp"],
     ["Sở Nội vụ", "UBND các xã, phường"], "Thường xuyên", None, "Ngân sách tỉnh"),
    # the lead wrapped by a line break inside the name ("Văn phòng UBND<br/>tỉnh"): it
    # was two agencies, "Văn phòng UBND" and "tỉnh"
    ("II.3", "Số hóa hồ sơ thủ tục hành chính", ["Văn phòng UBND tỉnh"],
     ["Sở Khoa học và Công nghệ"], "Năm 2025", 1200, None),
]  # fmt: skip


def _write(kind: str, folder: Path) -> Path:
    if kind == "portal html":
        path = folder / "quangngai_2025_portal.html"
        path.write_text(portal_html(), encoding="utf-8")
        return path
    return framed_docx(folder / "quangngai_2025_framed.docx")


def _extract(path: Path) -> dict:
    return extract_cli(path, "--raw-names")


@pytest.mark.parametrize("kind", ["portal html", "framed docx"])
def test_plan_in_frames_through_parplan_extract(kind: str, tmp_path: Path) -> None:
    plan = _extract(_write(kind, tmp_path))
    assert {k: plan["document"][k] for k in HEADER} == HEADER
    got = [
        (
            t["code"],
            t["description"].replace("\n", " "),
            [a["raw"] for a in t["lead"]],
            [a["raw"] for a in t["support"]],
            t["timeframe"]["text"],
            t["budget_million_vnd"],
            t["budget_note"],
        )
        for t in plan["tasks"]
    ]
    assert got == TASKS
    assert not [i for i in plan["issues"] if i["severity"] == "error"]


@pytest.mark.parametrize("kind", ["portal html", "framed docx"])
def test_plan_in_frames_through_parplan_ingest(kind: str, tmp_path: Path) -> None:
    """The user's path: the file loads as a plan with its three tasks, exit 0."""
    import duckdb

    path = _write(kind, tmp_path)
    db = tmp_path / "wh" / "wh.duckdb"
    db.parent.mkdir()
    out = subprocess.run(
        [sys.executable, "-m", "parplan.cli", "ingest", "--db", str(db), str(path)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select count(*) from tasks").fetchone()
    assert rows == (3,)
