"""A plan document, whatever its format, read, extracted and (given the reference entries)
its agency and indicator names resolved: the one path the command line and the
warehouse take."""

from __future__ import annotations

from pathlib import Path

from extractors.document import Document, PlanFormat
from extractors.extract_plan import extract_plan
from extractors.read_any import DEFAULT_PDF_LIMITS, PdfLimits, read_document
from extractors.records import PlanExtraction
from extractors.reference import Registry
from extractors.resolve_plan import resolve_plan


def read_plan(
    path: str | Path,
    data: bytes | None = None,
    registry: Registry | None = None,
    limits: PdfLimits = DEFAULT_PDF_LIMITS,
) -> tuple[PlanExtraction, PlanFormat]:
    """The plan and the format it was read from. ``registry``: resolve names against it
    (None: keep them as split from the cells)."""
    doc = read_document(path, data, limits)
    return plan_from(doc, registry), doc.fmt


def plan_from(doc: Document, registry: Registry | None) -> PlanExtraction:
    """A read document's plan, its names resolved against ``registry`` at the plan's own
    date (the reorganisation's validity periods); None: names kept as split from the cells."""
    plan = extract_plan(doc)
    if registry is not None:
        plan = resolve_plan(plan, registry.agencies, registry.indicators, registry.reference)
    return plan
