"""XLSX workbooks: refused before they exhaust memory, then read with calamine."""

from __future__ import annotations

import io
import re
import zipfile

import fastexcel
import polars as pl

from extractors.errors import ExtractionError

MAX_XLSX_CELLS = 20_000_000
MAX_XLSX_UNCOMPRESSED = 512 * 1024 * 1024
MAX_ZIP_RATIO = 200


def check_xlsx(data: bytes, path: str) -> None:
    """Refuse workbooks that would exhaust memory before any parser sees them."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    total = sum(i.file_size for i in zf.infolist())
    packed = sum(i.compress_size for i in zf.infolist()) or 1
    if total > MAX_XLSX_UNCOMPRESSED or total / packed > MAX_ZIP_RATIO:
        raise ExtractionError(
            path, f"XLSX inflates to {total:,} bytes from {packed:,} (a compression bomb?); refused"
        )
    for name in zf.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            with zf.open(name) as f:
                head = f.read(4096).decode("utf-8", "replace")
            m = re.search(r'<dimension ref="[A-Z]+(\d+)(?::([A-Z]+)(\d+))?"', head)
            if m and m.group(2):
                cols, rows = _col_number(m.group(2)), int(m.group(3))
                if rows * cols > MAX_XLSX_CELLS:
                    raise ExtractionError(
                        path,
                        f"sheet {name} claims {rows:,} rows x {cols:,} "
                        f"columns ({m.group(0)[16:-1]}); refused",
                    )


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def xlsx_frame(data: bytes, path: str, sheet: str | None) -> pl.DataFrame:
    check_xlsx(data, path)
    if sheet is not None:
        names = _sheet_names(data, path)
        if sheet not in names:
            raise ExtractionError(
                path, f"no sheet named {sheet!r}; the workbook has: " + ", ".join(names)
            )
    try:
        raw = pl.read_excel(
            io.BytesIO(data),
            sheet_name=sheet,
            engine="calamine",
            has_header=False,
            raise_if_empty=False,
        )
    except Exception as exc:  # calamine raises its own error types
        raise ExtractionError(path, f"unreadable XLSX: {str(exc).splitlines()[0][:200]}") from exc
    if raw.height == 0:
        raise ExtractionError(path, "empty workbook sheet")
    return raw.rename({c: f"c{i}" for i, c in enumerate(raw.columns)})


def _sheet_names(data: bytes, path: str) -> list[str]:
    try:
        return list(fastexcel.read_excel(data).sheet_names)
    except Exception as exc:  # calamine raises its own error types
        raise ExtractionError(path, f"unreadable XLSX: {str(exc).splitlines()[0][:200]}") from exc
