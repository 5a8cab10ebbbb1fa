"""The summary line of an ingest batch: each count the batch made, and where to look
(DESIGN.md: "The summary line names each count and where to look")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from warehouse.files import FileKind

if TYPE_CHECKING:
    from warehouse.manifest import BatchReport

REJECTS = {"metrics": "metric_rejects", "progress": "progress_rejects"}  # kind -> its rejects


def summary_line(report: BatchReport) -> str:
    """What a batch did, in one line: files, rows loaded and rejected, then each count of
    figures to look at (rejects, kept out, replaced, notes), naming where each is listed."""
    from warehouse.manifest import Outcome  # (manifest imports this module)

    rows = sum(r.rows for r in report.results)
    warnings = sum(len(r.warnings) for r in report.results)
    flawed = report.plans_with_errors
    reread = sum(1 for r in report.results if r.said == "re-read")
    line = (
        f"{len(report.results)} files: {report.count(Outcome.NEW) - reread} new, "
        + (f"{reread} re-read (their rows replaced), " if reread else "")
        + f"{report.count(Outcome.UNCHANGED)} unchanged, {report.superseded} superseded, "
        f"{report.count(Outcome.QUARANTINED)} quarantined; {rows} rows loaded, "
        f"{report.rejects} rows rejected"
    )
    if report.rejects:  # each kind of file keeps its rejects in its own table
        kinds = {r.kind for r in report.results if r.rejects}
        tables = sorted(REJECTS.get(k, "metric_rejects") for k in kinds)
        line += f" (see {', '.join(tables)})"
    if report.kept_out:  # each count names the table that lists its figures
        line += (
            f"; {report.kept_out} figures kept out of the marts by an unresolved name "
            "(see review_queue)"
        )
    if report.no_province:
        line += (
            f"; {report.no_province} figures kept out of the marts with no province "
            "(see extraction_issues)"
        )
    if report.unread_sheets:
        n = report.unread_sheets
        line += (
            f"; {n} other sheet{'' if n == 1 else 's'} of figures not read "
            "(see the warnings, or extraction_issues: sheet_not_read)"
        )
    if flawed:
        line += (
            f"; {flawed} plan{'' if flawed == 1 else 's'} with extraction errors "
            "(see extraction_issues)"
        )
    if report.fragments:
        n = report.fragments
        line += (
            f"; {n} plan fragment{'' if n == 1 else 's'} loaded as related "
            f"document{'' if n == 1 else 's'}, superseding nothing (see parplan versions)"
        )
    replaced: tuple[tuple[FileKind, str], ...] = (
        ("metrics", "figures"),
        ("progress", "task reports"),
    )
    for kind, what in replaced:
        if report.replaced(kind):
            line += (
                f"; {report.replaced(kind)} {what} of earlier files replaced by corrections "
                "(see file_manifest.superseded_by)"
            )
    if left_out := sum(r.left_out for r in report.results):
        line += (
            f"; {left_out} figures of earlier files not in the files that replaced them, "
            "kept as they were (see the notes)"
        )
    if n := report.contradicted:
        line += (
            f"; {n} status{'' if n == 1 else 'es'} contradicted by their percent (see the "
            "notes, or extraction_issues: status_contradicts_percent)"
        )
    if report.tied:
        n = report.tied
        line += (
            f"; {n} file{'' if n == 1 else 's'} ordered against another by "
            f"{'its' if n == 1 else 'their'} hash alone (the same figures, version, arrival "
            "and modification time: see the notes)"
        )
    if report.history:
        n = report.history
        line += (
            f"; {n} file{'' if n == 1 else 's'} loaded as history, a later submission "
            "counting (see file_manifest.superseded_by)"
        )
    if dropped := report.counts_dropped:  # the agencies leave the province's ratio of sums
        whose = "figure's" if dropped == 1 else "figures'"
        line += f"; {dropped} {whose} Tử số and Mẫu số replaced by a share alone (see the notes)"
    if totals := sum(r.totals for r in report.results):  # no figure lost: said, not counted
        line += f"; {totals} total row{'s' * (totals > 1)} kept out (the sum of rows loaded)"
    notes = sum(len(r.duplicates) for r in report.results)
    if warnings or notes:
        said = [f"{warnings} header warnings"] * bool(warnings)
        said += [f"{notes} file{'' if notes == 1 else 's'} with duplicate rows kept once"] * (
            notes > 0
        )
        line += f"; {', '.join(said)} (see extraction_issues)"
    return line
