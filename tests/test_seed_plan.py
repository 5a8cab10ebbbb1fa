"""The real Long An 2022 plan against a golden file written by hand from the document."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from extractors.records import PlanExtraction
from tests.conftest import load_golden
from tests.helpers import assert_task_matches_golden, names

GOLDEN = load_golden("longan_2022.golden.json")


def test_document_fields(seed_plan: PlanExtraction) -> None:
    got = seed_plan.document.as_dict()
    for key, value in GOLDEN["document"].items():
        assert got[key] == value, key
    assert len(got["sha256"]) == 64


def test_references(seed_plan: PlanExtraction) -> None:
    got = [
        (r.number, r.kind, r.issuer, r.date and r.date.isoformat()) for r in seed_plan.references
    ]
    assert got == [tuple(r) for r in GOLDEN["references"]]


def test_target_counts_match_stated_totals(seed_plan: PlanExtraction) -> None:
    per_area = Counter(t.area_no for t in seed_plan.targets)
    assert [per_area[a] for a in sorted(per_area)] == [1, 9, 4, 1, 1, 10]
    assert len(seed_plan.targets) == seed_plan.document.stated_targets == 26
    assert len(per_area) == seed_plan.document.stated_areas == 6
    assert not [i for i in seed_plan.issues if i.code == "stated_totals_mismatch"]


def test_task_counts(seed_plan: PlanExtraction) -> None:
    per_area = Counter(t.area_no for t in seed_plan.tasks)
    assert [per_area[a] for a in sorted(per_area)] == [12, 5, 8, 6, 7, 4, 3]
    assert seed_plan.tasks[0].code == "1.1" and seed_plan.tasks[-1].code == "7.3"


def test_budgets(seed_plan: PlanExtraction) -> None:
    budgets = {t.code: t.budget_million_vnd for t in seed_plan.tasks}
    assert sum(b for b in budgets.values() if b is not None) == Decimal(455)
    assert budgets["1.7"] == 150 and budgets["1.9"] == 100


def test_area_titles(seed_plan: PlanExtraction) -> None:
    assert {str(t.area_no): t.area for t in seed_plan.targets} == GOLDEN["areas"]["targets"]
    assert {str(t.area_no): t.area for t in seed_plan.tasks} == GOLDEN["areas"]["tasks"]


@pytest.mark.parametrize("row", GOLDEN["targets"], ids=lambda r: f"target-{r[0]}")
def test_target_row(seed_plan: PlanExtraction, row: list) -> None:
    no, area_no, lead, support, start, end = row
    target = next(t for t in seed_plan.targets if t.no == no)
    assert target.area_no == area_no
    assert names(target.lead) == lead
    assert names(target.support) == support
    assert target.text.startswith(start), target.text
    assert target.text.endswith(end), target.text


@pytest.mark.parametrize("row", GOLDEN["tasks"], ids=lambda r: f"task-{r[0]}")
def test_task_row(seed_plan: PlanExtraction, row: list) -> None:
    assert_task_matches_golden(seed_plan.tasks, row)


@pytest.mark.parametrize("code", ["1.12", "3.7", "6.3"])
def test_continuation_rows_reported(seed_plan: PlanExtraction, code: str) -> None:
    assert any(
        i.code == "row_continuation_merged" and f"task {code}" in i.message
        for i in seed_plan.issues
    )


def test_repairs_are_reported_with_locations(seed_plan: PlanExtraction) -> None:
    codes = Counter(i.code for i in seed_plan.issues)
    # target 4's supporting agency continues on the next page
    assert any(
        i.code == "row_continuation_merged" and "target 4" in i.message for i in seed_plan.issues
    )
    assert codes["merged_cell_rejoined"] == 2  # 3.1/3.2 and 3.5/3.6 budget notes
    assert codes["area_title_completed"] == 1  # "<b>Cải</b>"
    assert codes["group_heading_in_table"] == 1  # "### III. ..." between table pieces
    assert all(
        i.loc.line
        for i in seed_plan.issues
        if i.code in ("row_continuation_merged", "row_realigned")
    )
    assert not [i for i in seed_plan.issues if i.severity == "error"]


def test_every_record_has_provenance(seed_plan: PlanExtraction) -> None:
    assert all(t.loc.line for t in seed_plan.targets)
    assert all(t.loc.line for t in seed_plan.tasks)
