"""Query output for the command line: a table, CSV (LF line ends) or JSON."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal, TextIO, get_args


class UsageError(Exception):
    """A command-line argument that cannot be used (named in the message)."""


def _plain(v: Any) -> Any:
    """A value as JSON has it (lists stay lists)."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, date | datetime):
        return v.isoformat()
    return v


def _flat(v: Any) -> Any:
    """A value for one text cell: lists and structs as JSON text, not Python reprs."""
    if isinstance(v, list | dict | tuple):
        return json.dumps(v, ensure_ascii=False, default=lambda x: str(_plain(x)))
    return _plain(v)


RowFormat = Literal["table", "csv", "json"]  # how `parplan query` prints rows
ROW_FORMATS: tuple[RowFormat, ...] = get_args(RowFormat)


def write_rows(
    columns: list[str], rows: list[tuple[Any, ...]], fmt: RowFormat, out: TextIO
) -> None:
    if fmt == "json":
        json.dump(
            [{c: _plain(v) for c, v in zip(columns, r, strict=True)} for r in rows],
            out,
            ensure_ascii=False,
            default=str,
        )
        out.write("\n")
        return
    if fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(columns)
        w.writerows([[_flat(v) for v in r] for r in rows])
        return
    cells = [[("" if v is None else str(_flat(v))) for v in r] for r in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    widths = [min(w, 60) for w in widths]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for r in cells:
        print("  ".join(v[:w].ljust(w) for v, w in zip(r, widths, strict=True)), file=out)
    print(f"({len(rows)} rows)", file=out)
