"""The version of each reader: raise a kind's number when a fix changes what files of that
kind read as, so ``parplan reprocess`` re-reads the files stored with an older one."""

from __future__ import annotations

PARSER_VERSIONS: dict[str, int] = {
    # plan documents (PDF, DOCX, HTML, text) -> PlanExtraction (2: recurrence; 3: an
    # amendment of part of a plan is a related document, never its new version; a phase
    # plan's value per year is read, the end year's the target's value; HTML footnote marks
    # dropped)
    "plan": 3,
    "metrics": 1,  # metric files (CSV, XLSX, Parquet) -> Judged
    # task-progress reports (CSV, XLSX, Parquet; a report document's appendix); 2: the
    # topic of the plan the title names
    "progress": 2,
}


def parser_version(kind: str) -> int | None:
    """The current version of the reader of ``kind`` (None: a kind no reader reads)."""
    return PARSER_VERSIONS.get(kind)
