"""Run one parser in a child process with a memory ceiling and a time limit.

A few hundred KB of PDF or XLSX can inflate to gigabytes (a compression bomb), and some
workbooks make their parser abort outright: such a file must be refused with a clear
error naming it while the calling process (a batch, the Dagster sensor) survives. The
child is ``python -m extractors.limited FOLDER MODULE:FUNCTION PATH [ARG...]``: it reads
the file's bytes on stdin, calls ``FUNCTION(data, PATH, *ARGS)`` and writes the pickled
result (or the ExtractionError it raised) on stdout. The polars frames in the result go
as Arrow IPC files in ``FOLDER`` (a scratch folder of the caller's) and are mapped, not
copied, by the caller: a sheet of a million rows crosses without being serialised twice.

The child starts at once and the caller may do its own work while it reads
(``start_limited``); the time limit counts from the start.
"""

from __future__ import annotations

import importlib
import io
import os
import pickle
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Protocol

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


def run_limited(target: str, path: str, data: bytes, limits: ChildLimits, what: str) -> object:
    """``target`` ("module:function") called on ``data`` in a child process held to
    ``limits``; the child's result, or an ExtractionError naming ``path`` and saying
    which limit the ``what`` (PDF, XLSX) broke or how its reader died."""
    with start_limited(target, path, data, limits, what) as child:
        return child.result()


def start_limited(
    target: str,
    path: str,
    data: bytes,
    limits: ChildLimits,
    what: str,
    args: Sequence[str] = (),
) -> Limited:
    """``run_limited``'s child, started: its ``result()`` waits for it (use it in a
    ``with``: leaving the block kills a child still at work and removes its files)."""
    memory = limits.memory_bytes

    def limit() -> None:  # runs in the child before exec
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    folder = Path(tempfile.mkdtemp(prefix="parplan-child-"))
    try:
        (folder / "input").write_bytes(data)
        with (
            (folder / "input").open("rb") as stdin,
            (folder / "result").open("wb") as stdout,
            (folder / "stderr").open("wb") as stderr,
        ):  # (the child holds its own copies)
            proc = subprocess.Popen(
                [sys.executable, "-m", "extractors.limited", str(folder), target, path, *args],
                stdin=stdin,
                stdout=stdout,
                stderr=stderr,
                preexec_fn=limit,
                cwd=_ROOT,
            )
        (folder / "input").unlink()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Limited(proc, folder, time.monotonic() + limits.seconds, path, limits, what)


class Limited:
    """A child at work on one file (``start_limited``)."""

    def __init__(
        self,
        proc: subprocess.Popen[bytes],
        folder: Path,
        deadline: float,
        path: str,
        limits: ChildLimits,
        what: str,
    ) -> None:
        self.proc, self.folder, self.deadline = proc, folder, deadline
        self.path, self.limits, self.what = path, limits, what

    def result(self) -> object:
        """The child's result once it is done; an ExtractionError when it broke a limit
        (it is killed at its deadline), died, or refused the file. Its files go."""
        try:
            return self._result()
        finally:
            self.close()

    def _result(self) -> object:
        try:
            returncode = self.proc.wait(timeout=max(0.0, self.deadline - time.monotonic()))
        except subprocess.TimeoutExpired as exc:
            seconds = self.limits.seconds
            raise ExtractionError(
                self.path, f"{self.what} took longer than {seconds:g} s to read; refused"
            ) from exc
        out = (self.folder / "result").read_bytes()
        if returncode != 0 or not out:
            stderr = (self.folder / "stderr").read_bytes()
            reason = _failure(returncode, stderr, self.limits.memory_bytes, self.what)
            raise ExtractionError(self.path, reason)
        result = _Unpickler(io.BytesIO(out), self.folder).load()
        if isinstance(result, ExtractionError):
            raise result
        return result

    def close(self) -> None:
        """Kill the child if it is still at work; remove its files (frames already mapped
        stay readable: their pages live until the frames go)."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Limited:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class _Pickler(pickle.Pickler):
    """Pickles a result, each polars frame in it written to ``folder`` as an Arrow IPC file
    (named in the pickle)."""

    def __init__(self, file: IO[bytes], folder: Path) -> None:
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self.folder, self.frames = folder, 0

    def persistent_id(self, obj: object) -> str | None:
        polars = sys.modules.get("polars")  # (a parser that never imported it has no frames)
        if polars is None or not isinstance(obj, polars.DataFrame):
            return None
        import pyarrow as pa
        import pyarrow.ipc as ipc

        self.frames += 1
        name = f"frame{self.frames}.arrow"
        table = obj.to_arrow(compat_level=polars.CompatLevel.newest())
        with (
            pa.OSFile(str(self.folder / name), "wb") as sink,
            ipc.new_file(sink, table.schema) as writer,
        ):
            writer.write_table(table)
        return name


class _Unpickler(pickle.Unpickler):
    """A ``_Pickler``'s result, its frames mapped from their files, not copied."""

    def __init__(self, file: IO[bytes], folder: Path) -> None:
        super().__init__(file)
        self.folder = folder

    def persistent_load(self, pid: object) -> object:
        import polars as pl
        import pyarrow as pa
        import pyarrow.ipc as ipc

        with pa.memory_map(str(self.folder / str(pid))) as source:
            table = ipc.open_file(source).read_all()
        frame = pl.from_arrow(table, rechunk=False)
        assert isinstance(frame, pl.DataFrame)
        return frame


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
    """Child-process entry: ``FOLDER MODULE:FUNCTION PATH [ARG...]``, bytes in, pickle
    out (its frames in ``FOLDER``)."""
    folder = Path(sys.argv[1])
    module, _, function = sys.argv[2].partition(":")
    path, args = sys.argv[3], sys.argv[4:]
    # imported by name (a module run as __main__ would pickle classes that do not unpickle)
    func = getattr(importlib.import_module(module), function)
    try:
        result: object = func(sys.stdin.buffer.read(), path, *args)
    except ExtractionError as exc:
        result = exc
    _Pickler(sys.stdout.buffer, folder).dump(result)
    sys.stdout.buffer.flush()
    # the result is out whole: exit without taking the parser's data down object by object
    # (the caller waits for the exit, and a sheet of a million rows is a lot of objects)
    os._exit(0)


if __name__ == "__main__":
    _main()
