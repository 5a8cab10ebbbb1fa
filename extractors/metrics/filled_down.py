"""An agency written once above the rows under it, in a CSV.

A workbook's agency cell merged down its rows holds the agency in every row it covers
(``as_shown``); exported to CSV the merge is gone and the name stands on its first row
only, the rows under it blank. Such a blank cell in the Cơ quan column of a CSV is read
as the name above it, with a note naming the rows: only on a row that writes its period
(a data row does; a signature line with a figure does not), and only when the name
stands on the row right above the blank run in the file (no row between them was
skipped), so a first row with no agency, or one under a section heading, stays a reject
("agency is blank").

>>> body = pl.DataFrame({"source_row": [2, 3, 4, 6], "agency_raw": ["Sở A", None, " ", None],
...                      "period_raw": ["Năm 2023"] * 4})
>>> filled, notes = filled_down(body, {"agency_raw": "Cơ quan"})
>>> filled["agency_raw"].to_list(), notes[0][:48]
(['Sở A', 'Sở A', 'Sở A', None], "column 'Cơ quan': rows 3, 4 are blank under a na")
"""

from __future__ import annotations

import polars as pl

from extractors.metrics.encode import distinct_values, own_categorical
from extractors.metrics.row_notes import rows_listed


def filled_down(body: pl.DataFrame, columns: dict[str, str]) -> tuple[pl.DataFrame, list[str]]:
    """The body with the blank cells of ``columns`` (body column -> the file's header)
    under a name filled with it, and a note per column naming the rows filled."""
    notes: list[str] = []
    updates = []
    at = pl.col("source_row").rank("dense")  # (a column per period: rows share a row)
    for name, header in columns.items():
        cells = body[name]
        if cells.null_count() == 0 and not _blank_levels(cells):
            continue  # the usual file: nothing blank, one look
        text = pl.col(name).cast(pl.String)
        blank = text.is_null() | (text.str.strip_chars() == "")
        anchor = pl.when(~blank)
        # the run under a name is contiguous in the file: its rows follow the name's
        contiguous = (pl.col("source_row") - anchor.then(pl.col("source_row")).forward_fill()) == (
            at - anchor.then(at).forward_fill()
        )
        period = pl.col("period_raw").cast(pl.String).str.strip_chars()
        fill = blank & contiguous.fill_null(False) & (period.str.len_chars() > 0).fill_null(False)
        found = body.select(
            filled=pl.when(fill).then(anchor.then(text).forward_fill()).otherwise(text),
            fill=fill,
        )
        rows = body["source_row"].filter(found["fill"]).to_list()
        if not rows:
            continue
        updates.append(found["filled"].cast(own_categorical()).alias(name))
        notes.append(
            f"column '{header}': {rows_listed(rows)} {'are' if len(rows) > 1 else 'is'} blank "
            f"under a name: read as the name above {'them' if len(rows) > 1 else 'it'}, as a "
            "cell merged down its rows is exported to CSV (write the name on every row to be "
            "sure)"
        )
    return (body.with_columns(updates) if updates else body), notes


def _blank_levels(cells: pl.Series) -> bool:
    """Whether a column holds a cell of spaces (looked at on its distinct values: a column
    of categories of its own lists them without a pass over its rows)."""
    return bool((distinct_values(cells).str.strip_chars() == "").any())
