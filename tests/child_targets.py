"""Functions the child-process runner (``extractors.limited``) is tested on, named to it
by string: each behaves as one kind of parser does on one kind of file."""

from __future__ import annotations

import os
import signal
import time

import polars as pl

from extractors.errors import ExtractionError


def upper(data: bytes, path: str, *args: str) -> tuple[bytes, str, tuple[str, ...]]:
    """A parser that reads its file: a result back."""
    return data.upper(), path, args


def refuse(data: bytes, path: str, *args: str) -> None:
    """A parser that refuses its file by name."""
    raise ExtractionError(path, "not a workbook")


def inflate(data: bytes, path: str, *args: str) -> bytes:
    """A compression bomb: asks for far more memory than the ceiling."""
    return bytes(8 * 2**30)


def hang(data: bytes, path: str, *args: str) -> None:
    """A parser that never finishes."""
    time.sleep(600)


def abort(data: bytes, path: str, *args: str) -> None:
    """A parser whose C library aborts (calamine on some workbooks)."""
    os.kill(os.getpid(), signal.SIGABRT)


def crash(data: bytes, path: str, *args: str) -> None:
    """A parser that fails with an error of its own."""
    raise RuntimeError("unexpected token at byte 12")


def frames(data: bytes, path: str, *args: str) -> tuple[pl.DataFrame, dict[str, pl.DataFrame]]:
    """A parser whose result holds polars frames (an XLSX sheet's text and numbers)."""
    text = pl.DataFrame({"c0": [data.decode(), None, "Sở Y tế"], "c1": ["1", "2.5", None]})
    return text, {"numbers": pl.DataFrame({"c1": [1.0, 2.5, None]})}
