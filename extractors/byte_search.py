"""Which of a few byte strings a buffer holds, each looked for over the whole buffer.

A sheet's XML is hundreds of megabytes at a million rows and the readers ask it a handful
of questions each (a formula? a hidden row? a yes/no cell?), almost always answered "no",
which means going over every byte once per question. Python's ``in`` does so byte by byte
for short needles; polars' binary search (Rust's ``memchr``, vectorised) does the same work
many times faster, but still once per question. So a buffer is first asked once whether it
holds any of them (Arrow's RE2, one pass for all the needles, on the bytes in place), and
only a buffer that does is asked which, by polars.
"""

from __future__ import annotations

from collections.abc import Iterable


def held(buf: bytes, needles: Iterable[bytes]) -> frozenset[bytes]:
    """The ``needles`` that occur in ``buf`` (``{n for n in needles if n in buf}``)."""
    wanted = list(dict.fromkeys(needles))
    if not wanted or not buf:
        return frozenset(n for n in wanted if not n)  # (an empty needle is in any buffer)
    if all(wanted) and not holds_any(buf, wanted):
        return frozenset()
    # (imported here: the XLSX reading child imports polars beside calamine's parse)
    import polars as pl

    frame = pl.DataFrame({"buf": pl.Series([buf], dtype=pl.Binary)})
    hits = frame.select(
        pl.col("buf").bin.contains(n).alias(str(i)) for i, n in enumerate(wanted)
    ).row(0)
    return frozenset(n for n, hit in zip(wanted, hits, strict=True) if hit)


def holds_any(buf: bytes, needles: list[bytes]) -> bool:
    """Whether ``buf`` holds any of the (non-empty) ``needles``: one pass of RE2 over the
    bytes as they are (a binary array over ``buf``, not a copy), the needles written byte
    by byte as ``\\xHH`` (RE2 reads a binary array as Latin-1: a byte is a character)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    offsets = pa.py_buffer(memoryview((0).to_bytes(8, "little") + len(buf).to_bytes(8, "little")))
    array = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(buf)])
    pattern = "|".join("".join(f"\\x{b:02x}" for b in n) for n in needles)
    return bool(pc.match_substring_regex(array, pattern)[0].as_py())
