"""Absurd inputs are refused quickly and cheaply, through the user's path (`parplan
extract`): a 200 MB text of one line, a DOCX whose document.xml inflates to 200 MB.
Files are generated in tmp_path (never committed)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document as new_docx

from tests.conftest import ROOT

MB = 1024 * 1024
# Runs `parplan extract FILE` as its own child and reports the child's peak memory.
_MEASURE = """
import json, resource, subprocess, sys, time
t = time.monotonic()
p = subprocess.run([sys.executable, "-m", "parplan.cli", "extract", sys.argv[1]],
                   capture_output=True, text=True)
print(json.dumps({"rc": p.returncode, "err": p.stderr[-500:], "s": time.monotonic() - t,
                  "kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def _extract_measured(path: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


def _one_line_text(path: Path, size: int) -> Path:
    chunk = ("Kế hoạch cải cách hành chính năm 2026 " * 1000).encode()
    with path.open("wb") as f:
        f.write("ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN ".encode())
        for _ in range(size // len(chunk) + 1):
            f.write(chunk)
    return path


def _inflating_docx(path: Path, size: int) -> Path:
    """A real Word package whose document.xml holds ``size`` bytes of paragraphs."""
    seed = path.with_suffix(".seed.docx")
    new_docx().save(str(seed))
    para = b"<w:p><w:r><w:t>Nhiem vu cai cach hanh chinh</w:t></w:r></w:p>" * 1000
    with zipfile.ZipFile(seed) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                dst.writestr(item, src.read(item.filename))
                continue
            xml = src.read(item.filename)
            head, tail = xml.split(b"<w:body>")
            info = zipfile.ZipInfo("word/document.xml")
            info.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(info, "w", force_zip64=True) as out:
                out.write(head + b"<w:body>")
                for _ in range(size // len(para) + 1):
                    out.write(para)
                out.write(tail)
    return path


ABSURD = [
    ("one_line.txt", _one_line_text),  # a 200 MB text of a single line
    ("inflating.docx", _inflating_docx),  # a DOCX whose document.xml inflates to 200 MB
]


@pytest.mark.parametrize(("name", "make"), ABSURD)
def test_absurd_input_refused_within_10_s_and_1_gb(name: str, make: object, tmp_path: Path) -> None:
    path = make(tmp_path / name, 200 * MB)  # type: ignore[operator]
    start = time.monotonic()
    result = _extract_measured(path)
    assert time.monotonic() - start < 10, result
    assert result["rc"] == 2, result
    assert name in str(result["err"]) and "refused" in str(result["err"]), result
    assert int(result["kb"]) * 1024 < 1024 * MB, result  # type: ignore[call-overload]
