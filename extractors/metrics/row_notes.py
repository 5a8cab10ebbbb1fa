"""How a note names the rows it is about and what they hold: "rows 4, 9 and 3 more",
"'Ghi chú:', 'Người lập biểu', ...", as every note on skipped or kept-out rows words them."""

from __future__ import annotations

from collections.abc import Iterable

SHOWN_ROWS = 20  # rows a note names (then "and N more")


def rows_listed(numbers: list[int]) -> str:
    """Rows a note names: "row 4", "rows 4, 9" (the first ``SHOWN_ROWS``, then "and N
    more")."""
    listed = ", ".join(str(r) for r in numbers[:SHOWN_ROWS])
    more = f" and {len(numbers) - SHOWN_ROWS} more" if len(numbers) > SHOWN_ROWS else ""
    return f"row{'s' if len(numbers) > 1 else ''} {listed}{more}"


def quoted(texts: Iterable[str], shown: int = 3) -> str:
    """The first distinct texts, quoted."""
    distinct = list(dict.fromkeys(texts))
    more = ", ..." if len(distinct) > shown else ""
    return ", ".join(f"'{t}'" for t in distinct[:shown]) + more
