"""Absurd inputs are refused cheaply, through the user's paths (`parplan extract` and
`parplan ingest`): a 200 MB text of one line, a DOCX whose document.xml inflates to 200 MB.
Files are generated in a temporary folder (never committed). The refusal, its exit code
and the peak memory are checked here; how long it takes is measured in
benchmarks/RESULTS.md (a timing in a test fails on a busy machine, not on a slow parser)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document as new_docx

from tests.conftest import ROOT

MB = 1024 * 1024
# Runs `parplan ARGS...` as its own child and reports the child's peak memory.
_MEASURE = """
import json, resource, subprocess, sys, time
t = time.monotonic()
p = subprocess.run([sys.executable, "-m", "parplan.cli", *sys.argv[1:]],
                   capture_output=True, text=True)
print(json.dumps({"rc": p.returncode, "out": p.stdout[-500:] + p.stderr[-500:],
                  "s": time.monotonic() - t,
                  "kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def _parplan_measured(*args: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *args],
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


ABSURD = [  # (file name, how it is made, what the refusal says)
    # a 200 MB text of a single line
    ("one_line.txt", _one_line_text, "200 MB of text, more than any plan (32 MB); refused"),
    # a DOCX whose document.xml inflates to 200 MB
    (
        "inflating.docx",
        _inflating_docx,
        "DOCX body (word/document.xml) inflates to 209,719,548 bytes, more than any plan (32 "
        "MB); refused",
    ),
]


@pytest.fixture(scope="module")
def absurd(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("absurd")
    return {name: make(folder / name, 200 * MB) for name, make, _ in ABSURD}


@pytest.mark.parametrize(("name", "said"), [(a[0], a[2]) for a in ABSURD])
def test_extract_refuses_absurd_input(name: str, said: str, absurd: dict[str, Path]) -> None:
    result = _parplan_measured("extract", str(absurd[name]))
    assert result["rc"] == 2, result  # refused: exit 2, naming the file and why
    assert f"{absurd[name]}: {said}" in str(result["out"]), result
    assert int(result["kb"]) * 1024 < 1024 * MB, result  # type: ignore[call-overload]


@pytest.mark.parametrize(("name", "said"), [(a[0], a[2]) for a in ABSURD])
def test_ingest_quarantines_absurd_input(
    name: str, said: str, absurd: dict[str, Path], tmp_path: Path
) -> None:
    db = tmp_path / "w.duckdb"
    result = _parplan_measured("ingest", str(absurd[name]), "--db", str(db))
    assert result["rc"] == 1, result  # quarantined: exit 1, the batch summary says why
    out = str(result["out"])
    assert "1 quarantined" in out and f"quarantined: {absurd[name]}: {said}" in out, result
    assert int(result["kb"]) * 1024 < 1024 * MB, result  # type: ignore[call-overload]
