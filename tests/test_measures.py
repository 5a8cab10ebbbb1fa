"""Target expressions -> measures: the seed's acceptance cases and general phrasing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.parse_measures import parse_measures
from extractors.records import PlanExtraction
from extractors.reference import BUNDLED, load_agencies, load_indicators
from extractors.resolve_plan import resolve_plan

# (target no, [(value, level, comparator, parent, scope-contains), ...]) from the seed's Phụ lục 1
SEED_TARGETS = [
    (
        6,
        [
            (30, "tinh", ">=", None, None),
            (20, "huyen", ">=", None, None),
            (15, "xa", ">=", None, None),
        ],
    ),  # "tương ứng 30%, 20%, 15%"
    (
        24,
        [
            (83, "tinh", ">=", None, None),
            (65, "huyen", ">=", None, None),
            (60, "xa", ">=", None, None),
        ],
    ),  # "83% ... cấp tỉnh; 65% ... và ít nhất 60% ..."
    (
        7,
        [
            (80, None, ">=", None, None),
            (20, None, ">=", 1, None),  # "Trong số đó" -> parent 1
            (50, None, ">=", None, None),
        ],
    ),
    (5, [(60, None, ">=", None, None), (10, None, ">=", 1, None)]),  # "từ 10% trở lên"
    (8, [(90, None, ">=", None, None), (80, None, ">=", 1, "đất đai, xây dựng, đầu tư")]),
    (23, [(100, "tinh", ">=", None, None), (50, "huyen", ">=", None, None)]),
    (16, [(10, None, ">=", None, None), (70, None, ">=", None, None)]),
    (12, [(None, None, "decrease", None, None)]),  # "giảm ... so với năm 2021"
    (4, [(80, None, ">=", None, None)]),  # bare percentage
    (20, [(100, None, ">=", None, None)]),  # 100% targets count
]
QUALITATIVE = [1, 3, 11, 15, 17, 18, 19, 22, 26]


@pytest.fixture(scope="module")
def resolved(seed_plan: PlanExtraction) -> PlanExtraction:
    return resolve_plan(seed_plan, load_agencies(BUNDLED), load_indicators(BUNDLED))


@pytest.mark.parametrize(("no", "expected"), SEED_TARGETS, ids=[f"t{n}" for n, _ in SEED_TARGETS])
def test_seed_target_measures(seed_plan: PlanExtraction, no: int, expected: list) -> None:
    target = next(t for t in seed_plan.targets if t.no == no)
    got = [
        (None if m.value is None else int(m.value), m.level, m.comparator, m.parent)
        for m in target.measures
    ]
    assert got == [e[:4] for e in expected]
    for m, e in zip(target.measures, expected, strict=True):
        if e[4]:
            assert m.scope and e[4] in m.scope


def test_decrease_has_baseline(seed_plan: PlanExtraction) -> None:
    (m,) = next(t for t in seed_plan.targets if t.no == 12).measures
    assert (m.comparator, m.baseline_year, m.value) == ("decrease", 2021, None)


def test_condition_kept(seed_plan: PlanExtraction) -> None:
    target = next(t for t in seed_plan.targets if t.no == 2)
    assert [m.value for m in target.measures] == [20, 20]
    assert all(m.condition == "khi có hướng dẫn của Trung ương" for m in target.measures)


@pytest.mark.parametrize("no", QUALITATIVE)
def test_qualitative_targets_have_no_measure(seed_plan: PlanExtraction, no: int) -> None:
    target = next(t for t in seed_plan.targets if t.no == no)
    assert target.measures == () and target.as_dict()["measurable"] is False


def test_every_seed_measure_has_an_indicator(resolved: PlanExtraction) -> None:
    measures = [m for t in resolved.targets for m in t.measures] + [
        m for b in resolved.body_targets for m in b.measures
    ]
    assert len(measures) == 37
    assert [m for m in measures if m.indicator is None] == []


def test_every_seed_agency_resolves(resolved: PlanExtraction) -> None:
    refs = [a for t in (*resolved.targets, *resolved.tasks) for a in (*t.lead, *t.support)]
    assert {a.code for a in refs if a.code is None} == set()
    tttt = {a.code for a in refs if a.raw in ("Sở TT&TT", "Sở Thông tin và Truyền thông")}
    assert tttt == {"so_tttt"}
    assert {a.code for a in refs} == {  # every agency the two appendices name, by hand
        "so_noi_vu",
        "so_tu_phap",
        "so_tai_chinh",
        "so_tttt",
        "so_khcn",
        "so_yte",
        "so_gddt",
        "vp_ubnd_tinh",
        "bao_long_an",
        "dai_ptth",
        "thanh_tra_tinh",
        "ban_phap_che_hdnd",
        "la_tp_tan_an",
        "c_so_nganh",
        "c_lien_quan",
        "c_duoc_giao",
        "c_nganh_doc",
        "c_ubnd_huyen",
        "c_ubnd_xa",
        "c_ubnd_cac_cap",
    }


def test_body_targets(seed_plan: PlanExtraction) -> None:
    (body,) = seed_plan.body_targets
    assert [int(m.value) for m in body.measures if m.value is not None] == [
        50,
        83,
        65,
        60,
        100,
        94,
        100,
        100,
        90,
    ]
    assert body.loc.line is not None


PHRASES = [
    ("Tỷ lệ hồ sơ trễ hạn dưới 2%.", [(Decimal(2), "<", None)]),
    ("Tỷ lệ hồ sơ trễ hạn không quá 5%.", [(Decimal(5), "<=", None)]),
    ("Tối đa 10% đơn vị chậm báo cáo.", [(Decimal(10), "<=", None)]),
    ("Đạt 95,5% hồ sơ đúng hạn.", [(Decimal("95.5"), ">=", None)]),
    (
        "Phấn đấu 100% cấp tỉnh, 50% cấp huyện.",
        [(Decimal(100), ">=", "tinh"), (Decimal(50), ">=", "huyen")],
    ),
    ("Giảm 10% biên chế so với năm 2021.", [(Decimal(10), "decrease", None)]),
    ("Triển khai đồng bộ các giải pháp.", []),
    ("Mức độ 3 và 4 được cung cấp.", []),  # level numbers are not values
]


@pytest.mark.parametrize(("text", "expected"), PHRASES)
def test_phrases(text: str, expected: list) -> None:
    assert [(m.value, m.comparator, m.level) for m in parse_measures(text)] == expected
