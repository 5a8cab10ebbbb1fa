"""Targets stated in the plan body as a list under a "Chỉ tiêu" heading (each target its
own paragraph, "- " or "a)" items, sub-headings between them), not only in one paragraph
that says "chỉ tiêu" itself: every listed target with a figure is found, and the list
ends at the next section."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractors.find_body_targets import find_body_targets
from extractors.read_text import read_text
from tests.conftest import ROOT
from tests.fixtures.render_tables import to_docx

HEAD = (
    "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 12/KH-UBND\nGia Lai, ngày 03 tháng 3 năm 2025\nKẾ HOẠCH\n"
)

# body paragraphs, the values of the body targets found (one list per body target)
CASES = [
    (
        # a "Chỉ tiêu cụ thể" heading, sub-headings a) b), "- " items; the list ends at II.
        [
            "I. MỤC TIÊU",
            "1. Mục tiêu chung",
            "Phát triển Chính phủ số, kinh tế số, xã hội số.",
            "2. Chỉ tiêu cụ thể",
            "a) Về Chính quyền số",
            "- 100% hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng.",
            "- Tối thiểu 80% thủ tục hành chính được cung cấp trực tuyến toàn trình.",
            "b) Về kinh tế số",
            "- Kinh tế số chiếm tối thiểu 10% GRDP của tỉnh.",
            "II. NHIỆM VỤ, GIẢI PHÁP",
            "- Bảo đảm 100% kinh phí cho nhiệm vụ.",
        ],
        [[100], [80], [10]],
    ),
    (
        # a lead-in ending with ":" opens the list; numbered items; a new "3." heading ends it
        [
            "2. Các chỉ tiêu chủ yếu năm 2025:",
            "2.1. Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%;",
            "2.2. Tỷ lệ người dân hài lòng đạt trên 90%.",
            "3. Yêu cầu",
            "Bảo đảm 100% nhiệm vụ được triển khai đúng hạn.",
        ],
        [[98], [90]],
    ),
    (
        # one paragraph naming "chỉ tiêu" and its figures (the shape read before)
        ["Phấn đấu đạt các chỉ tiêu: 50% hồ sơ trực tuyến; 90% người dân hài lòng."],
        [[50, 90]],
    ),
    (
        # figures in prose outside any "Chỉ tiêu" section are no targets
        ["I. MỤC ĐÍCH", "Bảo đảm 100% cán bộ được quán triệt.", "II. NHIỆM VỤ"],
        [],
    ),
]


@pytest.mark.parametrize(("body", "want"), CASES)
def test_body_targets(body: list[str], want: list[list[int]]) -> None:
    doc = read_text(("\n".join([HEAD, *body]) + "\n").encode(), "plan.txt")
    got = [
        [int(m.value) for m in t.measures if m.value is not None] for t in find_body_targets(doc)
    ]
    assert got == want


def test_cli_extract_docx(tmp_path: Path) -> None:
    """The user's path: the first case as a Word file, through ``parplan extract``."""
    body, want = CASES[0]
    docx = to_docx("\n\n".join([HEAD, *body]) + "\n", tmp_path / "plan.docx")
    out = subprocess.run(
        [sys.executable, "-m", "parplan.cli", "extract", str(docx)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    got = json.loads(out.stdout)["body_targets"]
    assert [[int(float(m["value"])) for m in t["measures"]] for t in got] == want


# A "Chỉ tiêu" heading over lettered items, each its own paragraph (blank lines between):
# the heading, ending without a stop, was joined to the first item as if a page break had
# cut one paragraph ("1. Chỉ tiêu cụ thể a) 100% ..."); a footnote's mark closing an item
# ("... theo quy định1.") stayed in its text.
LISTED = [
    "I. MỤC TIÊU",
    "1. Chỉ tiêu cụ thể",
    "a) 100% văn bản quy phạm pháp luật được rà soát theo quy định1.",
    "b) Tối thiểu 85% người dân hài lòng với sự phục vụ của cơ quan hành chính².",
    "II. NHIỆM VỤ",
]
LISTED_TEXTS = [
    "a) 100% văn bản quy phạm pháp luật được rà soát theo quy định.",
    "b) Tối thiểu 85% người dân hài lòng với sự phục vụ của cơ quan hành chính.",
]


@pytest.mark.parametrize("between", ["\n", "\n\n"], ids=["lines", "paragraphs"])
def test_listed_body_targets_as_paragraphs(between: str) -> None:
    doc = read_text((HEAD + "\n" + between.join(LISTED) + "\n").encode(), "plan.txt")
    assert [t.text for t in find_body_targets(doc)] == LISTED_TEXTS
