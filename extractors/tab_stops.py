"""Tables laid out with tabs for alignment: a list typed with Tab up to the next stop, saved
as plain text, has as many tabs between two cells as it took to reach the next column
("1<TAB>Rà soát ...<TAB><TAB>Sở Tư pháp"), so a run of tabs is one column break, not
empty cells.

Rules (used by ``read_text`` on a run of TAB rows):

* the run is *tab-aligned* when its rows have unequal numbers of tab-separated pieces
  (up to their last text: trailing tabs are no alignment),
  some row has more pieces than its first row (the header) has cells with text, and no row
  has more cells with text than the header: a table written one tab per cell has as many
  pieces on every row, empty cells included;
* in a tab-aligned run, each cell with text is placed in a header column: in order, and
  where the columns are more than the cells (an empty cell, a group row), on the columns
  whose start (tabs expanded to stops every 8 characters) lies nearest the cell's.
"""

from __future__ import annotations

TAB_SIZE = 8  # characters between default tab stops, as a text editor expands them


def pieces(line: str) -> list[tuple[int, str]]:
    """The cells with text of a TAB line, each with where it starts once tabs are expanded.

    >>> pieces("1\\tRà soát\\t\\tSở Tư pháp")
    [(0, '1'), (8, 'Rà soát'), (24, 'Sở Tư pháp')]
    """
    out: list[tuple[int, str]] = []
    at = 0
    for i, raw in enumerate(line.split("\t")):
        if i:
            at = (at // TAB_SIZE + 1) * TAB_SIZE
        if raw.strip():
            out.append((at, raw))
        at += len(raw)
    return out


def tab_aligned(lines: list[str]) -> bool:
    """Whether a run of TAB rows was laid out with tabs for alignment (see the rules).

    >>> tab_aligned(["STT\\tNhiệm vụ\\t\\tChủ trì", "1\\tRà soát\\tSở Tư pháp"])
    True
    >>> tab_aligned(["STT\\tNhiệm vụ\\tChủ trì", "1\\t\\tSở Tư pháp"])  # an empty cell
    False
    >>> tab_aligned(["STT\\tNhiệm vụ\\tChủ trì", "I\\tNhóm\\t\\t\\t", "1\\tRà\\tSở"])  # after
    False
    """
    if len(lines) < 2:
        return False
    width = len(pieces(lines[0]))
    counts = [spread(line) for line in lines]
    return (
        width >= 2
        and len(set(counts)) > 1
        and max(counts) > width
        and all(len(pieces(line)) <= width for line in lines)
    )


def spread(line: str) -> int:
    """How many tab-separated pieces the line has up to its last text (tabs after it, a
    row's trailing empty cells, tell nothing of the alignment)."""
    return line.rstrip("\t \r").count("\t") + 1


def regrid(line: str, starts: list[int]) -> list[str]:
    """The line's cells on the header's columns (``starts``: where each column starts).

    >>> regrid("1\\tRà soát\\t\\t\\t\\tQuý II", [0, 8, 24, 40])  # the third column empty
    ['1', 'Rà soát', '', 'Quý II']
    """
    found = pieces(line)
    cells = [""] * len(starts)
    for col, (_, text) in zip(_columns([at for at, _ in found], starts), found, strict=True):
        cells[col] = text
    return cells


def _columns(at: list[int], starts: list[int]) -> list[int]:
    """The columns, in order, of cells starting at ``at``: the order-keeping choice of
    columns nearest the cells' starts (fewer cells than columns)."""
    n, w = len(at), len(starts)
    if n == w:
        return list(range(w))
    inf = float("inf")
    # best[i][j]: the least distance placing the first i cells on the first j columns
    best = [[inf] * (w + 1) for _ in range(n + 1)]
    best[0] = [0.0] * (w + 1)
    for i in range(1, n + 1):
        for j in range(i, w + 1):
            best[i][j] = min(best[i][j - 1], best[i - 1][j - 1] + abs(at[i - 1] - starts[j - 1]))
    cols: list[int] = []
    j = w
    for i in range(n, 0, -1):
        while best[i][j] == best[i][j - 1] and j > i:
            j -= 1
        cols.append(j - 1)
        j -= 1
    return cols[::-1]


def tab_rows(lines: list[str]) -> tuple[list[list[str]], bool]:
    """The cells of a run of TAB lines, and whether they were read as tab-aligned (each
    line on the first's columns) rather than one tab per cell.

    >>> tab_rows(["STT\\tNhiệm vụ\\t\\tChủ trì", "1\\tRà soát\\tSở Tư pháp"])
    ([['STT', 'Nhiệm vụ', 'Chủ trì'], ['1', 'Rà soát', 'Sở Tư pháp']], True)
    """
    if not tab_aligned(lines):
        return [line.split("\t") for line in lines], False
    starts = [at for at, _ in pieces(lines[0])]
    return [regrid(line, starts) for line in lines], True


def alignment_note(lines: list[str]) -> str:
    """What was done to a tab-aligned run, for its remark."""
    counts = [spread(line) for line in lines]
    return (
        f"the table's tabs align its columns (rows of {min(counts)} to {max(counts)} "
        f"tab-separated pieces under {len(pieces(lines[0]))} headings): a run of tabs read "
        "as one column break, a row with fewer cells placed by where its cells start"
    )
