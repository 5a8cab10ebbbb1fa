"""The child-process runner every guarded reader uses (PDF, XLSX): a result comes back;
a broken limit or a dead child is a refusal naming the file, and the caller survives."""

from __future__ import annotations

import signal
import time
from dataclasses import dataclass

import polars as pl
import pytest

from extractors.errors import ExtractionError
from extractors.limited import run_limited, start_limited


@dataclass(frozen=True)
class Limits:
    memory_bytes: int = 512 * 2**20
    seconds: float = 60.0


CASES = [  # (target in tests.child_targets, limits, what the error says; None: a result)
    # a parser that reads its file: its result, arguments passed through
    ("upper", Limits(), None),
    # a parser that refuses the file: its own error, unchanged
    ("refuse", Limits(), "a.bin: not a workbook"),
    # a compression bomb: the memory ceiling, named
    ("inflate", Limits(), "a.bin: XLSX needs more than 512 MB to read (a compression bomb?)"),
    # a parser that never finishes: the time limit, named
    ("hang", Limits(seconds=2), "a.bin: XLSX took longer than 2 s to read; refused"),
    # a parser killed by a signal (calamine aborting): the signal, named
    ("abort", Limits(), "a.bin: the XLSX reader died on this file (signal 6, SIGABRT); refused"),
    # a parser failing with an error of its own: its last line
    ("crash", Limits(), "the XLSX reader failed (RuntimeError: unexpected token at byte 12)"),
]


@pytest.mark.parametrize(("target", "limits", "said"), CASES, ids=[c[0] for c in CASES])
def test_run_limited(target: str, limits: Limits, said: str | None) -> None:
    run = lambda: run_limited(  # noqa: E731
        f"tests.child_targets:{target}", "a.bin", b"abc", limits, "XLSX"
    )
    if said is None:
        assert run() == (b"ABC", "a.bin", ())
        return
    with pytest.raises(ExtractionError) as err:
        run()
    assert said in str(err.value)
    assert err.value.path == "a.bin"


def test_frames_come_back_whole() -> None:
    """A result's polars frames (sent apart from the pickle, as Arrow files) come back
    equal, text and numbers, nulls included, and the child's files are gone."""
    with start_limited("tests.child_targets:frames", "a.bin", b"abc", Limits(), "XLSX") as child:
        result = child.result()
        assert not child.folder.exists()
    assert isinstance(result, tuple)
    text, rest = result
    assert text.equals(pl.DataFrame({"c0": ["abc", None, "Sở Y tế"], "c1": ["1", "2.5", None]}))
    assert rest["numbers"].equals(pl.DataFrame({"c1": [1.0, 2.5, None]}))


def test_a_child_left_at_work_is_killed() -> None:
    """A caller that fails while the child reads (its own work between the start and the
    result) leaves no child behind, nor its files."""
    with (
        pytest.raises(RuntimeError),
        start_limited("tests.child_targets:hang", "a.bin", b"abc", Limits(), "XLSX") as child,
    ):
        raise RuntimeError("the caller's own work failed")
    assert child.proc.returncode == -signal.SIGKILL
    assert not child.folder.exists()


def test_the_time_limit_counts_from_the_start() -> None:
    """A caller busy past the child's time limit gets the refusal at once, not a second
    full limit."""
    with start_limited(
        "tests.child_targets:hang", "a.bin", b"", Limits(seconds=2), "XLSX"
    ) as child:
        time.sleep(2.5)
        started = time.monotonic()
        with pytest.raises(ExtractionError, match="took longer than 2 s"):
            child.result()
        # less than a second full limit (killing and reaping the child takes a moment on a
        # loaded machine: a quarter of the limit was sometimes too little)
        assert time.monotonic() - started < 2
