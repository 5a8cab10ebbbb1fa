"""A second plan, written for the tests in another layout, against its hand-written golden."""

from __future__ import annotations

from collections import Counter

import pytest

from extractors.extract_plan import extract_plan
from extractors.read_any import read_document
from extractors.records import PlanExtraction
from tests.conftest import FIXTURES, load_golden
from tests.helpers import assert_task_matches_golden, names

GOLDEN = load_golden("haugiang_2023.golden.json")


@pytest.fixture(scope="module")
def plan() -> PlanExtraction:
    return extract_plan(read_document(FIXTURES / "plans" / "haugiang_2023_par_plan.txt"))


def test_document_fields(plan: PlanExtraction) -> None:
    got = plan.document.as_dict()
    for key, value in GOLDEN["document"].items():
        assert got[key] == value, key


def test_references_exclude_own_number(plan: PlanExtraction) -> None:
    got = [(r.number, r.kind, r.issuer, r.date and r.date.isoformat()) for r in plan.references]
    assert got == [tuple(r) for r in GOLDEN["references"]]


def test_areas_and_counts(plan: PlanExtraction) -> None:
    assert {str(t.area_no): t.area for t in plan.targets} == GOLDEN["areas"]["targets"]
    assert {str(t.area_no): t.area for t in plan.tasks} == GOLDEN["areas"]["tasks"]
    assert Counter(t.area_no for t in plan.targets) == {1: 2, 2: 1, 3: 2}
    assert not [i for i in plan.issues if i.code == "stated_totals_mismatch"]


@pytest.mark.parametrize("row", GOLDEN["targets"], ids=lambda r: f"target-{r[0]}")
def test_target_row(plan: PlanExtraction, row: list) -> None:
    no, area_no, lead, support, start, end = row
    target = next(t for t in plan.targets if t.no == no)
    assert (target.area_no, names(target.lead), names(target.support)) == (area_no, lead, support)
    assert target.text.startswith(start) and target.text.endswith(end), target.text
    assert target.note == GOLDEN["target_notes"].get(str(no))


@pytest.mark.parametrize("row", GOLDEN["tasks"], ids=lambda r: f"task-{r[0]}")
def test_task_row(plan: PlanExtraction, row: list) -> None:
    assert_task_matches_golden(plan.tasks, row)


def test_repairs_reported(plan: PlanExtraction) -> None:
    codes = Counter(i.code for i in plan.issues)
    assert codes["repeated_header_dropped"] == 2
    assert codes["blank_cell_same_as_above"] == 1  # lead of 1.3
    assert codes["budget_blank"] == 1  # 3.2, under 3.1's amount
