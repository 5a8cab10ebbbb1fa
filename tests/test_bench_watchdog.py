"""A benchmark step that runs away is stopped and recorded, not left to take a shared
machine down: its whole process tree is watched (memory summed, wall time), and the step
past a limit is killed with what it had reached."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.watchdog import Limits, run_watched
from tests.helpers import scale_bench

ROOT = Path(__file__).resolve().parent.parent

# a child holding ~400 MB for a while (touched, so resident), in a grandchild process
HOG = """
import subprocess, sys
subprocess.run([sys.executable, "-c", "b = bytearray(400 << 20); import time; time.sleep(30)"])
"""
SLEEPER = "import time; time.sleep(30)"
QUICK = "print('done')"

CASES = [
    # a grandchild passing the ceiling stops the whole tree, long before its 30 s are up
    (HOG, Limits(memory_mb=200, seconds=60), "memory"),
    # a step that outlives its time is stopped at the limit
    (SLEEPER, Limits(memory_mb=4096, seconds=1.5), "time"),
    # a step within its limits runs to its end, its output kept
    (QUICK, Limits(memory_mb=4096, seconds=60), None),
]


@pytest.mark.parametrize(("code", "limits", "stopped"), CASES)
def test_a_step_past_its_limits_is_stopped(code: str, limits: Limits, stopped: str | None) -> None:
    run = run_watched([sys.executable, "-c", code], limits, cwd=ROOT, env=os.environ)
    assert run.stopped == stopped
    assert run.seconds < 20
    if stopped == "memory":
        assert run.tree_peak_mb > 200
        assert run.stop_note().startswith("stopped at 0.")
    if stopped is None:
        assert (run.returncode, run.stdout) == (0, "done\n")


def test_the_tree_is_gone_once_stopped() -> None:
    # the grandchild holding the memory is killed with the step, not left behind
    marker = "import time; time.sleep(30)  # bench-watchdog-orphan-check"
    code = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {marker!r}])"
    run = run_watched([sys.executable, "-c", code], Limits(4096, 1.5), cwd=ROOT, env=os.environ)
    assert run.stopped == "time"
    assert run.seconds < 20  # (an orphan holding the output pipe would hold the step 30 s)
    # (an orphan is adopted by whichever process reaps orphans here: every process looked at)
    assert [p for p in Path("/proc").iterdir() if marker.encode() in _cmdline(p)] == []


def _cmdline(proc: Path) -> bytes:
    try:
        return (proc / "cmdline").read_bytes()
    except OSError:  # not a process, or ended meanwhile
        return b""


def test_make_bench_records_a_stopped_step_and_goes_on(tmp_path: Path) -> None:
    # the scale benchmark as `make bench` runs it, with a ceiling the load passes (the
    # ingest's process holds some 220 MB) and DuckDB's bare CTAS (some 115 MB) does not:
    # the load is recorded as stopped, the CTAS beside it as measured, the entry written

    proc, lines = scale_bench(tmp_path, "--step-memory-gb", "0.16")
    assert proc.returncode == 0, proc.stderr
    rows = [line for line in lines if line.startswith("| clean")]
    cells = [c.strip() for c in rows[0].strip("|").split("|")]
    assert len(rows) == 1
    assert float(cells[3]) > 0  # the CTAS, measured
    assert cells[5].startswith("stopped at 0.") and "(memory ceiling 0.16 GB)" in cells[5]
    assert "not met" in cells[12]
    assert not (tmp_path / "data" / "clean_2000.csv").exists()  # --clean


# a step's imports of the project, counting the modules compiled from their source
COMPILES = """
import importlib._bootstrap_external as bootstrap, sys
compiled = []
source_to_code = bootstrap.SourceLoader.source_to_code
def counted(self, data, path, *args, **kwargs):
    compiled.append(path)
    return source_to_code(self, data, path, *args, **kwargs)
bootstrap.SourceLoader.source_to_code = counted
import warehouse.ingest, extractors.metrics.xlsx_frames
print(sorted(p for p in compiled if p.startswith(sys.argv[1]) and "site-packages" not in p))
"""


@pytest.mark.parametrize("dont_write", ["1", None])
def test_a_step_imports_the_project_compiled(
    monkeypatch: pytest.MonkeyPatch, dont_write: str | None
) -> None:
    """A step's processes find the project's modules compiled (as an installed parplan's
    are), even from a shell that forbids writing bytecode: none is compiled in the step."""
    from benchmarks import run

    if dont_write:
        monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", dont_write)
    else:
        monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    run.step_env.cache_clear()
    try:
        env = run.step_env()
    finally:
        run.step_env.cache_clear()
    out = subprocess.run(
        [sys.executable, "-c", COMPILES, str(ROOT)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "[]"
