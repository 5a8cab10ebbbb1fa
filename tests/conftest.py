from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.extract_plan import extract_plan
from extractors.read_any import read_document
from extractors.records import PlanExtraction

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT / "sample_data" / "plans" / "longan_2022_par_plan.txt"


def load_golden(name: str) -> dict:
    return json.loads((FIXTURES / "plans" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_plan() -> PlanExtraction:
    return extract_plan(read_document(SEED))


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published warehouse of `parplan run` on the bundled sample (built once)."""
    from parplan.cli import main

    work = tmp_path_factory.mktemp("sample")
    db = work / "parplan.duckdb"
    assert main(["run", "--workdir", str(work), "--db", str(db)]) == 0
    return db
