"""Whether a wide file's columns are indicators: a file is wide only if every column that
plays no role names an indicator, or nearly one."""

from __future__ import annotations

import re

from extractors.errors import ExtractionError
from extractors.metrics.layout import Layout
from extractors.normalize import fold
from extractors.resolve_names import Resolver

# a header that reads like an indicator ("Tỷ lệ ...", "Số ...", "Chỉ số ...", "(%)")
_INDICATOR_LIKE = re.compile(r"^(?:ty\sle|so|chi\sso|muc\sdo|tong\sso|phan\stram|diem)\b|%")
NEAR_INDICATOR = 60  # a catalog candidate this close: the header goes to the review queue


def check_wide(layout: Layout, path: str, ind: Resolver) -> None:
    """A file is wide only if every column that plays no role is an indicator, or nearly
    one (it then waits in the review queue): anything else refuses the file, naming it."""
    strays = []
    named = [(i, layout.header[i]) for i in layout.measures]
    named += [(min(cols.values()), group) for group, cols in layout.groups]
    for i, header in named:
        res = ind.resolve(header)
        if res.code or res.score >= NEAR_INDICATOR or _INDICATOR_LIKE.search(fold(header)):
            continue
        strays.append(f"'{header}' (column {i + 1})")
    if strays:
        raise ExtractionError(
            path,
            f"{', '.join(strays)} names no indicator: a wide file has one column per "
            "indicator (a long file needs a Chỉ tiêu column)",
        )
