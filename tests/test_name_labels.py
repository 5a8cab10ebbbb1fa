"""Indicator and agency names as agencies write them, against hand-written labels.

``tests/data/indicator_names.csv`` (every concept of ``reference/indicators.csv`` written
with units, "(%)", "mức độ 3, 4", abbreviations, another word order, extra qualifiers, no
diacritics, typos) and ``tests/data/agency_names.csv`` (spellings beyond the confusion set
of ``test_resolve_names.py``). ``UNRESOLVED`` rows are look-alikes or names the catalog
does not have: they must stay unresolved (and go to the review queue), never merge.
Precision must be 1.0 and recall at least 0.95.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from extractors.reference import BUNDLED, load_agencies, load_indicators
from extractors.resolve_names import Resolver, indicator_resolver

DATA = Path(__file__).parent / "data"


def _labels(name: str) -> list[tuple[str, str | None, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return [
            (r["raw"], None if r["expected"] == "UNRESOLVED" else r["expected"], r["case"])
            for r in csv.DictReader(f)
        ]


INDICATORS = _labels("indicator_names.csv")
AGENCIES = _labels("agency_names.csv")


def _score(resolver: Resolver, labels: list[tuple[str, str | None, str]]) -> tuple[list, float]:
    got = {raw: resolver.resolve(raw).code for raw, _, _ in labels}
    false_merges = [
        (raw, got[raw], want) for raw, want, _ in labels if got[raw] not in (None, want)
    ]
    positives = [(raw, want) for raw, want, _ in labels if want is not None]
    recall = sum(got[raw] == want for raw, want in positives) / len(positives)
    return false_merges, recall


def test_the_labelled_set_is_big_and_honest() -> None:
    raws = [raw for raw, _, _ in INDICATORS + AGENCIES]
    assert len(raws) >= 300 and len(set(raws)) == len(raws)
    codes = {e.code for e in load_indicators(BUNDLED)}
    assert {want for _, want, _ in INDICATORS} - {None} == codes  # every concept written
    assert sum(case.startswith("lookalike") for _, _, case in INDICATORS) >= 40


def test_indicator_names_precision_and_recall() -> None:
    false_merges, recall = _score(indicator_resolver(load_indicators(BUNDLED)), INDICATORS)
    print(f"\nindicator names: {len(INDICATORS)} labelled, recall {recall:.3f}")
    assert false_merges == []  # precision 1.0, look-alikes included
    assert recall >= 0.95


def test_agency_names_precision_and_recall() -> None:
    false_merges, recall = _score(Resolver(load_agencies(BUNDLED), "Long An"), AGENCIES)
    print(f"\nagency names: {len(AGENCIES)} labelled, recall {recall:.3f}")
    assert false_merges == []
    assert recall >= 0.95


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        # the two names of the issue, with a clear best candidate in the catalog
        ("Tỷ lệ hồ sơ giải quyết trực tuyến mức độ 3, 4", "dossier_online_share"),
        ("Mức độ hài lòng về giải quyết TTHC (%)", "sat_tthc"),
    ],
)
def test_names_with_a_clear_best_candidate_resolve(raw: str, code: str) -> None:
    res = indicator_resolver(load_indicators(BUNDLED)).resolve(raw)
    assert res.code == code


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the same words but one: each its own indicator, or none
        (
            "Tỷ lệ hồ sơ giải quyết trực tuyến mức độ 3, 4",
            "Tỷ lệ hồ sơ giải quyết trực tuyến trễ hạn",
        ),
        (
            "Mức độ hài lòng về giải quyết TTHC",
            "Mức độ hài lòng về giải quyết TTHC lĩnh vực đất đai",
        ),
        ("Tỷ lệ TTHC thanh toán trực tuyến", "Tỷ lệ giao dịch thanh toán trực tuyến"),
        (
            "Tỷ lệ TTHC đủ điều kiện cung cấp trực tuyến mức độ 3, 4",
            "Tỷ lệ TTHC cung cấp trực tuyến mức độ 2",
        ),
        ("Số đơn vị sự nghiệp công lập", "Tỷ lệ đơn vị sự nghiệp công lập"),
        ("Chỉ số PCI", "Chỉ số DDCI"),
    ],
)
def test_look_alike_indicators_never_merge(a: str, b: str) -> None:
    resolver = indicator_resolver(load_indicators(BUNDLED))
    assert resolver.resolve(a).code is not None
    assert resolver.resolve(b).code != resolver.resolve(a).code


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # folded alike, written apart: a district elsewhere is not Long An's Tân Thạnh
        ("UBND huyện Tân Thạnh", "UBND huyện Tân Thành"),
        ("Sở Nội vụ", "Phòng Nội vụ huyện Bến Lức"),
    ],
)
def test_look_alike_agencies_never_merge(a: str, b: str) -> None:
    resolver = Resolver(load_agencies(BUNDLED), "Long An")
    assert resolver.resolve(a).code is not None
    assert resolver.resolve(b).code != resolver.resolve(a).code
