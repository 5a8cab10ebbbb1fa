"""The plan pipeline: read -> find tables -> parse rows -> repair -> check -> records.

``extract_plan(document)`` works on the shared :class:`Document` model only, so every
reader (text, PDF, DOCX) gets the same repairs and checks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from itertools import pairwise

from rapidfuzz import fuzz

from extractors.classify_document import Kind
from extractors.document import Document, Location
from extractors.errors import NotAPlan
from extractors.find_body_targets import find_body_targets
from extractors.find_references import find_references
from extractors.merged_cells import resolve_merged
from extractors.normalize import fold
from extractors.parse_decision import parse_document_info
from extractors.parse_targets import parse_targets
from extractors.parse_tasks import build_tasks, read_task_rows
from extractors.phase_timeframes import phase_years, span_phase
from extractors.records import Issue, PlanExtraction, Target, Task
from extractors.signature_rows import split_signature_rows
from extractors.stitch_tables import find_appendix_tables


def extract_plan(doc: Document) -> PlanExtraction:
    doc = split_signature_rows(doc)  # a signature written as rows of the table above it
    info, kind, issues = parse_document_info(doc)
    if not kind.is_plan:
        raise NotAPlan(doc.path, kind.kind, _refusal(kind))
    issues = [Issue("info", "text_converted", note) for note in doc.notes] + issues
    issues += [Issue("info", r.code, r.message, r.loc) for r in doc.remarks]
    issues += [
        Issue(
            "error",
            "page_without_text",
            f"page {n} is an image without a text layer (a scanned page?): its content "
            "is not read (OCR required)",
            Location(page=n),
        )
        for n in doc.unread_pages
    ]
    tables, table_issues = find_appendix_tables(doc)
    issues += table_issues
    targets: list[Target] = []
    tasks: list[Task] = []
    area_titles: dict[int, str] = {}
    for table in tables:
        if table.kind == "targets":
            found, found_issues = parse_targets(table)
            targets += found
            issues += found_issues
        else:
            rows = read_task_rows(table)
            issues += rows.issues + resolve_merged(rows.drafts)
            area_titles.update(rows.area_titles)
            tasks += build_tasks(rows, info.plan_year)
    if not targets and not tasks:
        if kind.weak:  # a first line "Kế hoạch ..." and nothing else of a plan
            raise NotAPlan(doc.path, "unknown", _refusal(replace(kind, kind="unknown")))
        issues.append(
            Issue(
                "warning",
                "appendix_missing",
                "no appendix table found: header, references and body targets only",
            )
        )
    else:
        for what, count in (("targets", len(targets)), ("tasks", len(tasks))):
            if not count:
                issues.append(Issue("warning", "appendix_missing", f"no {what} table found"))
    completed, title_issues = complete_area_titles(
        area_titles, [t.area for t in _first_per_area(targets) if t.area]
    )
    issues += title_issues
    tasks = [_with_area(t, completed.get(t.area_no or -1, t.area)) for t in tasks]
    phase = phase_years(info.period_start, info.period_end, info.plan_year, info.issued_date)
    if phase is not None:  # a phase plan's recurring work named without a year
        tasks, phase_issues = span_phase(tasks, *phase)
        issues += phase_issues
    issues += check_numbering(targets, tasks)
    issues += check_totals(info.stated_areas, info.stated_targets, targets)
    own = _number_key(info.doc_number)
    references = tuple(
        r for r in find_references(_all_text(doc)) if own is None or _number_key(r.number) != own
    )  # the document's own number is no reference
    return PlanExtraction(
        document=info,
        references=references,
        targets=tuple(targets),
        tasks=tuple(tasks),
        issues=tuple(issues),
        body_targets=find_body_targets(doc),
    )


def _refusal(kind: Kind) -> str:
    if kind.kind == "progress_report":
        return "a progress report (Báo cáo kết quả thực hiện), for the task-progress reader"
    if kind.kind == "unknown":
        return "no official document header (no heading, number or date: news or other text)"
    return f"a {kind.label}"


def _number_key(number: str | None) -> str | None:
    return "".join(number.split()).upper() if number else None


def _all_text(doc: Document) -> Iterable[tuple[str, Location]]:
    for para in doc.paragraphs:
        yield para.text, para.loc
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield cell.text, cell.loc


def _first_per_area(targets: list[Target]) -> list[Target]:
    seen: dict[int | None, Target] = {}
    for t in targets:
        seen.setdefault(t.area_no, t)
    return list(seen.values())


def _with_area(task: Task, area: str | None) -> Task:
    if area == task.area:
        return task
    return replace(task, area=area)


def complete_area_titles(
    titles: dict[int, str], other_titles: list[str]
) -> tuple[dict[int, str], list[Issue]]:
    """Complete area titles a page break cut short ("Cải" -> "Cải cách TTHC").

    A title of one or two words that is the start of exactly one title of the other
    appendix, among those no other area title of this appendix already stands for, is
    completed with it. Otherwise it is kept and reported.

    >>> complete_area_titles({2: "Cải cách thể chế", 3: "Cải"},
    ...                      ["Cải cách thể chế", "Cải cách TTHC"])[0][3]
    'Cải cách TTHC'
    """
    out = dict(titles)
    issues: list[Issue] = []
    for no, title in titles.items():
        if len(title.split()) > 2 or any(fold(title) == fold(o) for o in other_titles):
            continue
        others = [t for n, t in titles.items() if n != no]
        candidates = [
            o
            for o in other_titles
            if fold(o).startswith(fold(title))
            and fold(o) != fold(title)
            and not any(fuzz.token_set_ratio(fold(o), fold(t)) >= 90 for t in others)
        ]
        if len(candidates) == 1:
            out[no] = candidates[0]
            issues.append(
                Issue(
                    "info",
                    "area_title_completed",
                    f"area {no} title {title!r} cut short; completed as "
                    f"{candidates[0]!r} from the targets appendix",
                )
            )
        else:
            issues.append(
                Issue(
                    "warning",
                    "area_title_truncated",
                    f"area {no} title {title!r} looks cut short and could not be "
                    f"completed ({len(candidates)} candidates)",
                )
            )
    return out, issues


def check_numbering(targets: list[Target], tasks: list[Task]) -> list[Issue]:
    """Duplicate codes are errors; a gap between neighbours of one group is a warning.

    Codes are qualified by their groups, so numbering that restarts in each group is not a
    duplicate; a neighbour in another group may restart at 1 or continue.
    """
    issues: list[Issue] = []
    for kind, keys in (
        ("target", [t.code or str(t.no) for t in targets]),
        ("task", [t.code for t in tasks]),
    ):
        for key, n in Counter(keys).items():
            if n > 1:
                issues.append(Issue("error", "duplicate_number", f"{kind} {key} appears {n} times"))
    items: list[tuple[str, str, tuple[str, ...], Location]] = [
        ("target", str(t.no), t.group_path, t.loc) for t in targets
    ]
    items += [("task", t.no or t.code, t.group_path, t.loc) for t in tasks]
    for (kind, a, ga, _), (kind_b, b, gb, loc) in pairwise(items):
        if kind == kind_b and not _follows(a, b, same_group=ga == gb):
            issues.append(Issue("warning", "numbering_gap", f"{kind} {b} follows {kind} {a}", loc))
    return issues


def _follows(a: str, b: str, same_group: bool) -> bool:
    """Whether number ``b`` may follow ``a``: the next at some depth, or (in a new group, or
    one level deeper) a first item.

    >>> _follows("1.2", "1.3", True), _follows("1.3", "2.1", True), _follows("4", "6", True)
    (True, True, False)
    >>> _follows("5", "1", False), _follows("2.1", "2.1.1", True)
    (True, True)
    """
    try:
        pa, pb = [int(x) for x in a.split(".")], [int(x) for x in b.split(".")]
    except ValueError:
        return True
    if pb[-1] == 1 and (not same_group or pb[:-1] == pa[: len(pb) - 1]):
        return True
    for depth in range(min(len(pa), len(pb))):
        if pa[:depth] == pb[:depth] and pb[depth] == pa[depth] + 1:
            return all(x == 1 for x in pb[depth + 1 :])
    return not same_group and pb[-1] == 1


def check_totals(
    areas: int | None, stated_targets: int | None, targets: list[Target]
) -> list[Issue]:
    issues: list[Issue] = []
    found_areas = len({t.area_no for t in targets if t.area_no is not None})
    if stated_targets is not None and stated_targets != len(targets):
        issues.append(
            Issue(
                "error",
                "stated_totals_mismatch",
                f"the document states {stated_targets} targets; {len(targets)} extracted",
            )
        )
    if areas is not None and areas != found_areas:
        issues.append(
            Issue(
                "error",
                "stated_totals_mismatch",
                f"the document states {areas} target areas; {found_areas} extracted",
            )
        )
    return issues
