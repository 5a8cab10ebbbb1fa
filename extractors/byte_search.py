"""Which of a few byte strings a buffer holds, each looked for over the whole buffer.

A sheet's XML is hundreds of megabytes at a million rows and the readers ask it a handful
of questions each (a formula? a hidden row? a yes/no cell?), almost always answered "no",
which means going over every byte once per question. Python's ``in`` does so byte by byte
for short needles; polars' binary search (Rust's ``memchr``, vectorised) does the same work
many times faster, so the questions are put to it, all at once per buffer.
"""

from __future__ import annotations

from collections.abc import Iterable


def held(buf: bytes, needles: Iterable[bytes]) -> frozenset[bytes]:
    """The ``needles`` that occur in ``buf`` (``{n for n in needles if n in buf}``)."""
    wanted = list(dict.fromkeys(needles))
    if not wanted or not buf:
        return frozenset(n for n in wanted if not n)  # (an empty needle is in any buffer)
    # (imported here: the XLSX reading child imports polars beside calamine's parse)
    import polars as pl

    frame = pl.DataFrame({"buf": pl.Series([buf], dtype=pl.Binary)})
    hits = frame.select(
        pl.col("buf").bin.contains(n).alias(str(i)) for i, n in enumerate(wanted)
    ).row(0)
    return frozenset(n for n, hit in zip(wanted, hits, strict=True) if hit)
