"""Numbers split by the separator of a comma-separated file: a script or an editor that
writes ``90,5`` or ``1,200`` unquoted into a ``,``-separated file splits it into two cells,
and every cell after it moves one column right. A row one cell too long is refused by the
reader; but a row of a file with a note column (``Ghi chú``) keeps its length, the last
cells shifting into the note: ``90,5`` loads as 90 with a note "5", ``1,200,2400`` as
Tử số 1, Mẫu số 200. A bare number in a column that carries no figure, after the first
column of figures, is the sign: its row is rejected naming the cell, never loaded shifted.

A note in words, a ``;``-separated file, a column before the figures (``STT``) and a
column not understood (``Kỳ trước``, whose numbers are its own) are never taken for such
a split.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from extractors.metric_headers import read_header
from extractors.metrics.body import csv_cells
from extractors.metrics.cells import raw_record, reject_rows
from extractors.metrics.layout import Layout
from extractors.normalize import fold

# a cell holding only the tail of a split number: digits ("5", "200", "2400"), maybe the
# "%" of "90,5%"; nothing else a note would say
_BARE_NUMBER = r"^\s*\d+\s*%?\s*$"


# the known extra columns that number the rows (a number is what they hold)
_NUMBERING = {"stt", "tt", "so tt", "so thu tu", "no", ""}


def _figureless_after_figures(layout: Layout) -> list[int]:
    """The known columns of text (``Ghi chú``, ``Nguồn số liệu``) after the first column of
    figures: where a split number's tail lands. (A column not understood may hold figures
    of its own, ``Kỳ trước``, and is not looked at.)"""
    figures = layout.figures
    if not figures:
        return []
    return [
        i
        for i in read_header(layout.header).extras
        if i > min(figures) and fold(layout.header[i]) not in _NUMBERING
    ]


def split_rows(
    body: pl.DataFrame, layout: Layout, data: bytes, csv_file: Path | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The body without the rows of a ``,``-separated file whose figureless column holds a
    bare number, and those rows rejected (source_row, reason, raw_record as the judge
    writes them). ``csv_file``: the CSV on disk (``data`` holds only its head)."""
    columns = _figureless_after_figures(layout) if layout.file_format == "csv" else []
    if layout.sep != "," or not columns or body.height == 0:
        return body, reject_rows([])
    cells = (
        csv_cells(data, layout, csv_file)  # the same rows as the body read
        .select(
            pl.col("source_row").cast(pl.Int64),
            tail=pl.coalesce(
                pl.when(pl.col(f"c{i}").str.contains(_BARE_NUMBER)).then(
                    pl.format(
                        "'{}' in column '{}'",
                        pl.col(f"c{i}").str.strip_chars(),
                        pl.lit(layout.header[i]),
                    )
                )
                for i in columns
            ),
        )
        .filter(pl.col("tail").is_not_null())
        .collect()
    )
    if cells.height == 0:
        return body, reject_rows([])
    tails = dict(zip(cells["source_row"], cells["tail"], strict=True))
    split = body["source_row"].cast(pl.Int64).is_in(list(tails))
    out = [
        (
            src["source_row"],
            f"{tails[src['source_row']]} is a bare number where no figure goes: a "
            "comma-separated file splits an unquoted number ('90,5', '1,200') into two "
            "cells and moves the row's figures one column right; quote the numbers "
            '("90,5") or separate the columns with ;',
            raw_record(src),
        )
        for src in body.filter(split).iter_rows(named=True)
    ]
    return body.filter(~split), reject_rows(out)
