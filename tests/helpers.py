"""Builders for test inputs: metric files as agencies write them, and warehouse snapshots."""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import duckdb
import xlsxwriter

from warehouse.load_plan import PLAN_TABLES

DATA_TABLES = (*PLAN_TABLES, "metric_observations")


def names(agencies: Sequence[object]) -> list[str]:
    """The names of agency records, for comparing with a golden list."""
    return [a.name for a in agencies]  # type: ignore[attr-defined]


def assert_task_matches_golden(tasks: Sequence[Any], row: list[Any]) -> None:
    """One golden task row (written by hand from the plan) against the extracted task."""
    code, area_no, lead, support, (start, end, kind), budget, note, n_products, head, tail = row
    task = next(t for t in tasks if t.code == code)
    assert task.area_no == area_no
    assert names(task.lead) == lead
    assert names(task.support) == support
    tf = task.timeframe
    assert (tf.start and tf.start.isoformat(), tf.end and tf.end.isoformat(), tf.kind) == (
        start,
        end,
        kind,
    ), tf.text
    assert task.budget_million_vnd == (None if budget is None else Decimal(str(budget)))
    assert task.budget_note == note
    assert len(task.products) == n_products, task.products
    assert task.description.startswith(head), task.description
    assert task.description.endswith(tail), task.description


def csv_bytes(
    rows: Sequence[Sequence[object]], sep: str = ";", bom: bool = True, encoding: str = "utf-8"
) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\n").writerows(
        [["" if v is None else str(v) for v in r] for r in rows]
    )
    return (("\ufeff" if bom else "") + buf.getvalue()).encode(encoding)


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(rows: Sequence[Sequence[object]], sep: str = ";") -> bytes:
    """A CSV the way old Windows software saves Vietnamese: cp1258, tones as combining marks."""
    out = bytearray()
    for ch in "\n".join(sep.join(str(v) for v in r) for r in rows) + "\n":
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
            out += (base + "".join(c for c in d if c in _TONES)).encode("cp1258")
    return bytes(out)


def xlsx_bytes(
    rows: Sequence[Sequence[object]], title: Sequence[str] = (), sheet: str = "Sheet1"
) -> bytes:
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as wb:
        ws = wb.add_worksheet(sheet)
        r = 0
        for line in title:
            ws.write(r, 0, line)
            r += 1
        for row in rows:
            for c, v in enumerate(row):
                if v is not None:
                    ws.write(r, c, v)
            r += 1
    return buf.getvalue()


def rewrite_zip(data: bytes, name: str, transform) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            dst.writestr(info.filename, transform(body) if info.filename == name else body)
    return out.getvalue()


def zip_bomb_xlsx(megabytes: int = 60) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b" " * (megabytes * 1024 * 1024))
    return out.getvalue()


def counts(con: duckdb.DuckDBPyConnection, tables: Sequence[str] = DATA_TABLES) -> dict[str, int]:
    return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}
