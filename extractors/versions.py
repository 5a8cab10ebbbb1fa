"""The version of each reader: raise a kind's number when a fix changes what files of that
kind read as, so ``parplan reprocess`` re-reads the files stored with an older one."""

from __future__ import annotations

PARSER_VERSIONS: dict[str, int] = {
    # plan documents (PDF, DOCX, HTML, text) -> PlanExtraction (2: recurrence; 3: an
    # amendment of part of a plan is a related document, never its new version; a phase
    # plan's value per year is read, the end year's the target's value; HTML footnote marks
    # dropped; 4: tab-aligned text and DOCX tab paragraphs read as tables, lead and support
    # in one cell, a source's amount, a number and date read as one PDF line, struck text
    # under its own code)
    "plan": 4,
    "metrics": 1,  # metric files (CSV, XLSX, Parquet) -> Judged
    # task-progress reports (CSV, XLSX, Parquet; a report document's appendix); 2: the
    # topic of the plan the title names
    "progress": 2,
}


def parser_version(kind: str) -> int | None:
    """The current version of the reader of ``kind`` (None: a kind no reader reads)."""
    return PARSER_VERSIONS.get(kind)
