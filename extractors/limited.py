"""Run one parser in a child process with a memory ceiling and a time limit.

A few hundred KB of PDF or XLSX can inflate to gigabytes (a compression bomb), and some
workbooks make their parser abort outright: such a file must be refused with a clear
error naming it while the calling process (a batch, the Dagster sensor) survives. The
child is ``python -m extractors.limited MODULE:FUNCTION PATH [ARG...]``: it reads the
file's bytes on stdin, calls ``FUNCTION(data, PATH, *ARGS)`` and writes the pickled
result (or the ExtractionError it raised) on stdout.
"""

from __future__ import annotations

import importlib
import pickle
import resource
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from extractors.errors import ExtractionError

_ROOT = str(Path(__file__).resolve().parent.parent)
# What a child's last stderr line says when it ran out of its address space.
_OUT_OF_MEMORY = ("MemoryError", "Cannot allocate memory", "cannot allocate", "bad_alloc")


class ChildLimits(Protocol):
    """What parsing one file may take (``PdfLimits``, ``XlsxLimits``)."""

    @property
    def memory_bytes(self) -> int: ...

    @property
    def seconds(self) -> float: ...


def run_limited(
    target: str,
    path: str,
    data: bytes,
    limits: ChildLimits,
    what: str,
    args: Sequence[str] = (),
) -> object:
    """``target`` ("module:function") called on ``data`` in a child process held to
    ``limits``; the child's result, or an ExtractionError naming ``path`` and saying
    which limit the ``what`` (PDF, XLSX) broke or how its reader died."""
    memory = limits.memory_bytes

    def limit() -> None:  # runs in the child before exec
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    try:
        proc = subprocess.run(
            [sys.executable, "-m", "extractors.limited", target, path, *args],
            input=data,
            capture_output=True,
            timeout=limits.seconds,
            preexec_fn=limit,
            cwd=_ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ExtractionError(
            path, f"{what} took longer than {limits.seconds:g} s to read; refused"
        ) from exc
    if proc.returncode != 0 or not proc.stdout:
        raise ExtractionError(path, _failure(proc.returncode, proc.stderr, memory, what))
    result = pickle.loads(proc.stdout)
    if isinstance(result, ExtractionError):
        raise result
    return result


def _failure(returncode: int, stderr: bytes, memory: int, what: str) -> str:
    """Why the child gave no result, in words."""
    tail = (stderr.decode("utf-8", "replace").strip().splitlines() or [""])[-1]
    if any(sign in tail for sign in _OUT_OF_MEMORY):
        return f"{what} needs more than {memory // 2**20} MB to read (a compression bomb?); refused"
    if returncode < 0:
        name = signal.Signals(-returncode).name if -returncode in signal.valid_signals() else "?"
        return f"the {what} reader died on this file (signal {-returncode}, {name}); refused"
    return f"the {what} reader failed ({tail[:200] or f'exit {returncode}'}); refused"


def _main() -> None:
    """Child-process entry: ``MODULE:FUNCTION PATH [ARG...]``, bytes in, pickle out."""
    module, _, function = sys.argv[1].partition(":")
    path, args = sys.argv[2], sys.argv[3:]
    # imported by name (a module run as __main__ would pickle classes that do not unpickle)
    func = getattr(importlib.import_module(module), function)
    try:
        result: object = func(sys.stdin.buffer.read(), path, *args)
    except ExtractionError as exc:
        result = exc
    sys.stdout.buffer.write(pickle.dumps(result))


if __name__ == "__main__":
    _main()
