"""The unit words agencies write after a figure (``1.200 hồ sơ``, ``85,5 điểm``: read by
``cell_units``) and in a row of units under the header (``vocabulary.wrapped_names``),
folded, by the catalog unit they are: counted things (a count, or a share's Tử số / Mẫu số)
and points (a score). Keep it small: add a word when a real file shows it."""

from __future__ import annotations

from extractors.metrics.catalog_checks import COUNT

UNIT_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ("ho so", "tthc", "thu tuc", "don vi", "co quan", "nguoi", "van ban", "luot",
         "giao dich", "dich vu", "cuoc hop", "may tinh", "he thong", "thiet bi", "cai"),
        COUNT,
    ),
    "diem": "score",
}  # fmt: skip
