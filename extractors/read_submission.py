"""A submitted document (PDF, DOCX, HTML, text), read once and taken by what it is: a plan,
or a report whose appendix lists the plan's tasks with their results (a task-progress
report). Any other kind - a report without a progress table included - is refused with
its kind named."""

from __future__ import annotations

from pathlib import Path

from extractors.document import PlanFormat
from extractors.errors import NotAPlan
from extractors.parse_decision import parse_document_info
from extractors.progress.document import read_progress_document
from extractors.progress.read import ProgressFile
from extractors.read_any import DEFAULT_PDF_LIMITS, PdfLimits, read_document
from extractors.read_plan import plan_from
from extractors.records import PlanExtraction
from extractors.reference import Registry

REPORT_KINDS = ("report", "progress_report")  # a Báo cáo may carry a progress appendix


def read_submission(
    path: str | Path,
    data: bytes | None = None,
    registry: Registry | None = None,
    limits: PdfLimits = DEFAULT_PDF_LIMITS,
) -> tuple[PlanExtraction, PlanFormat] | ProgressFile:
    """The plan and its format, or the progress rows of a report document."""
    doc = read_document(path, data, limits)
    info, kind, _ = parse_document_info(doc)
    if kind.kind in REPORT_KINDS:
        progress = read_progress_document(doc, info.title, info.province)
        if progress is not None:
            return progress
        raise NotAPlan(
            doc.path,
            kind.kind,
            f"a {kind.label} with no progress table (STT | Nhiệm vụ | … | Tình trạng)",
        )
    return plan_from(doc, registry), doc.fmt
