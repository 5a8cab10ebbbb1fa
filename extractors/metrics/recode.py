"""A metric CSV's bytes recoded as UTF-8 before it is read: a file saved by older office
software in another encoding, converted exactly with a warning saying so, or refused when
its names would be read garbled.

The encodings are tried in one order, each on evidence only: UTF-16; TCVN3 (ABC) font bytes
saved as ANSI; Windows-1258; UTF-8 read as Windows-1252 and saved again; TCVN3 text saved as
UTF-8. Each looks at the file's head first, so that a large UTF-8 file (``csv_file``, read by
polars from disk) is read whole only when its head is such text; a converted file is read
whole, from memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extractors.errors import ExtractionError
from extractors.legacy_encoding import TCVN3_HEAD, TCVN3_NOTE, ResavedTcvn3, resaved_tcvn3
from extractors.metrics.formats import as_utf8
from extractors.sniff import sniff, utf16_codec
from extractors.utf8_twice import HEAD, NOTE, garbled_sample, refusal, resaved_utf8
from extractors.windows_1258 import READ_AS_WINDOWS_1258, as_windows_1258

TCVN3_BYTES = "the file is not UTF-8: its text is TCVN3 (ABC), saved byte for byte"


@dataclass(frozen=True)
class Recoded:
    """The file as UTF-8: its bytes (the head only when ``csv_file`` is read from disk),
    and what its sender is told of the conversion."""

    data: bytes
    csv_file: Path | None
    warnings: tuple[str, ...] = ()


def recoded(data: bytes, path: str, csv_file: Path | None = None) -> Recoded:
    """``data`` (the whole file, or the head of ``csv_file``) as UTF-8 (see the module).
    Raises ``ExtractionError`` naming ``path`` for text whose names would read garbled."""
    if utf16_codec(data):  # a UTF-16 file is never large
        data, csv_file = as_utf8(csv_file.read_bytes() if csv_file else data, path), None
    warnings: list[str] = []
    ansi_tcvn3 = _tcvn3_bytes(data, csv_file)
    if ansi_tcvn3 is not None:
        data, csv_file = ansi_tcvn3.converted.encode("utf-8"), None  # type: ignore[union-attr]
    ansi = _windows_1258(data, csv_file)
    if ansi is not None:
        data, csv_file = ansi.encode("utf-8"), None
    head = data[: 4 * HEAD].decode("utf-8", "ignore") if sniff(data) == "text" else None
    twice = _resaved_utf8(head, data, csv_file)
    sample = garbled_sample(head) if head is not None and twice is None else None
    if sample is not None:  # its names would be read as garbled, or as TCVN3
        raise ExtractionError(path, refusal(sample))
    if twice is not None:
        data, csv_file = twice.encode("utf-8"), None
    legacy = _resaved_tcvn3(data, csv_file)
    if legacy and legacy.converted is None:  # its names would be read as garbled
        raise ExtractionError(path, legacy.refusal)
    if legacy and legacy.converted is not None:
        data, csv_file = legacy.converted.encode("utf-8"), None
        warnings.append(legacy.warning)
    if ansi is not None:
        warnings.append(READ_AS_WINDOWS_1258)
    if ansi_tcvn3 is not None:
        warnings.append(f"{TCVN3_BYTES} ({ansi_tcvn3.sample}): {TCVN3_NOTE}")
    if twice is not None:
        warnings.append(NOTE)
    return Recoded(data, csv_file, tuple(warnings))


def _whole(data: bytes, csv_file: Path | None) -> bytes:
    """The whole file: ``data``, or ``csv_file`` read from disk when ``data`` is its head."""
    return csv_file.read_bytes() if csv_file else data


def _tcvn3_bytes(data: bytes, csv_file: Path | None) -> ResavedTcvn3 | None:
    """A CSV typed in a TCVN3 font and saved as ANSI - each letter the byte of its glyph,
    not UTF-8 - converted exactly (None: no such file). Read as Windows-1258, its bytes
    made other letters. Its head is looked at first, as for Windows-1258."""
    head = data[:TCVN3_HEAD]
    if sniff(data) != "text":
        return None
    try:
        head.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        cut = csv_file is not None or len(data) > len(head)  # a character cut by the head
        if cut and exc.start >= len(head) - 3:
            return None
    found = resaved_tcvn3(head.decode("latin-1"))
    if found is not None and found.converted is not None and csv_file is not None:
        found = resaved_tcvn3(csv_file.read_bytes().decode("latin-1"))
    return found if found is not None and found.converted is not None else None


def _windows_1258(data: bytes, csv_file: Path | None) -> str | None:
    """A CSV saved as Windows-1258, as text (None: UTF-8, or not such text; the reader
    says which)."""
    if sniff(data) != "text" or as_windows_1258(data[:TCVN3_HEAD]) is None:
        return None
    return as_windows_1258(_whole(data, csv_file))


def _resaved_utf8(head: str | None, data: bytes, csv_file: Path | None) -> str | None:
    """A UTF-8 text read as Windows-1252 and saved again, converted back (None: the file is
    no such text). ``head``: None when the file is no text."""
    if head is None or not resaved_utf8(head):
        return None
    try:
        return resaved_utf8(_whole(data, csv_file).decode("utf-8"))
    except UnicodeDecodeError:
        return None


def _resaved_tcvn3(data: bytes, csv_file: Path | None) -> ResavedTcvn3 | None:
    """A text file typed in a TCVN3 font and saved as UTF-8 (None: the file is no such
    text, or not UTF-8, which the reader says)."""
    if sniff(data) != "text" or not resaved_tcvn3(data[:TCVN3_HEAD].decode("utf-8", "ignore")):
        return None
    try:
        return resaved_tcvn3(_whole(data, csv_file).decode("utf-8"))
    except UnicodeDecodeError:
        return None
