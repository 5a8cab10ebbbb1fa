"""The format of a metric file, from its bytes (never its name)."""

from __future__ import annotations

import io
import zipfile

from extractors.errors import ExtractionError


def sniff(data: bytes, path: str) -> str:
    if not data:
        raise ExtractionError(path, "empty file")
    if data[:4] == b"PAR1":
        return "parquet"
    if data[:4] == b"PK\x03\x04":
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile as exc:
            raise ExtractionError(path, "corrupt ZIP container (not a readable XLSX)") from exc
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "word/document.xml" in names:
            return "docx"
        raise ExtractionError(path, "ZIP archive that is neither an XLSX nor a DOCX")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ExtractionError(path, "legacy binary Excel (.xls); save it as .xlsx or CSV")
    if b"\x00" in data[:4096]:
        raise ExtractionError(path, "binary data, not a CSV, XLSX or Parquet metric file")
    return "csv"
