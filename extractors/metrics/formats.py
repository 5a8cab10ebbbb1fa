"""The format of a metric file, from its bytes (never its name), or a clear refusal."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Literal, TypeVar

from extractors.errors import ExtractionError
from extractors.sniff import sniff, utf16_codec

MetricFormat = Literal["csv", "xlsx", "parquet"]

REFUSED = {  # container -> why it is not a metric file
    "empty": "empty file",
    "pdf": "a PDF document, not a metric file",
    "docx": "a DOCX document, not a metric file",
    "zip": "corrupt ZIP container, or a ZIP archive that is neither an XLSX nor a DOCX",
    "xls": "legacy binary Excel (.xls); save it as .xlsx or CSV",
    "binary": "binary data, not a CSV, XLSX or Parquet metric file",
}


def as_utf8(data: bytes, path: str) -> bytes:
    """UTF-16 text (with its byte-order mark or without) as UTF-8; anything else as it is."""
    codec = utf16_codec(data)
    if codec is None:
        return data
    try:
        return data.decode(codec).encode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExtractionError(path, f"UTF-16 text broken at byte {exc.start}") from exc


def metric_format(data: bytes, path: str) -> MetricFormat:
    """csv (any text), xlsx or parquet; anything else is refused, naming what it is."""
    container = sniff(data)
    if container == "text":
        return "csv"
    if container == "xlsx":  # (each spelled out: mypy 1.19 narrows no `in (...)` test)
        return "xlsx"
    if container == "parquet":
        return "parquet"
    raise ExtractionError(path, REFUSED[container])


T = TypeVar("T")


def read_parquet(read: Callable[[io.BytesIO], T], data: bytes, path: str) -> T:
    """``read`` (polars' ``read_parquet``, or ``read_parquet_schema`` for the header alone)
    over a Parquet file's bytes; a file it cannot read is refused with polars' reason."""
    try:
        return read(io.BytesIO(data))
    except Exception as exc:
        raise ExtractionError(
            path, f"unreadable Parquet: {str(exc).splitlines()[0][:200]}"
        ) from exc
