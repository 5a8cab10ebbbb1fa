"""Task-progress reports (CSV, XLSX, Parquet) -> one row per task reported, or a reject.

Pure: bytes in, frozen records out. The stages, one module each:

1. ``cells``  - the format from the bytes and every cell as text (the metric reader's
   sniffing, CSV dialect and XLSX safeguards);
2. ``layout`` - the header row, found by its status column, and each column's role;
3. ``status`` - the five statuses, a closed vocabulary;
4. ``read``   - each data row: a ProgressRow, or a ProgressReject naming the row and value.
"""

from extractors.progress.layout import is_progress_header, progress_header_index
from extractors.progress.read import ProgressFile, ProgressReject, ProgressRow, read_progress
from extractors.progress.status import Status, parse_status

__all__ = [
    "ProgressFile",
    "ProgressReject",
    "ProgressRow",
    "Status",
    "is_progress_header",
    "parse_status",
    "progress_header_index",
    "read_progress",
]
