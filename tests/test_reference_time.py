"""Reference data with time: the shipped CSVs, their checks on load, resolution at a date.

The expected values are written by hand from Nghị quyết 202/2025/QH15 (provinces),
Nghị định 45/2025/NĐ-CP (departments) and Nghị quyết 176/2025/QH15 (ministries).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from extractors.reference import BUNDLED as DEFAULT_DIR
from extractors.reference import load_agencies, load_reference
from extractors.reference_time import Reference, ReferenceInvalid, build_reference
from extractors.resolve_in_time import TimedResolver
from extractors.resolve_names import Resolver, agency_key
from extractors.resolve_province import province_key, resolve_province, units_keyed
from extractors.successions import current_code, successor_at

JULY_2025 = date(2025, 7, 1)


@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference(DEFAULT_DIR)


def _provinces(ref: Reference) -> list:
    return [u for u in ref.units if u.file == "provinces.csv"]


# ---------------------------------------------------------------- the shipped data


def test_63_provinces_before_and_34_after(ref: Reference) -> None:
    provinces = _provinces(ref)
    before = [p for p in provinces if p.span.covers(date(2025, 6, 30))]
    after = [p for p in provinces if p.span.covers(JULY_2025)]
    assert (len(before), len(after)) == (63, 34)
    assert all(p.source for p in provinces)
    # 11 units were not rearranged; 52 merged into 23 new ones
    assert len([p for p in before if p in after]) == 11
    merged = [s for s in ref.successions if s.file == "provinces.csv"]
    assert len(merged) == 52 and len({s.successor for s in merged}) == 23


MERGERS = [
    # (new unit, its predecessors), from Nghị quyết 202/2025/QH15 Điều 1
    ("tay_ninh_2025", {"long_an", "tay_ninh"}),
    ("bac_ninh_2025", {"bac_ninh", "bac_giang"}),
    ("dong_nai_2025", {"dong_nai", "binh_phuoc"}),
    ("dong_thap_2025", {"dong_thap", "tien_giang"}),
    ("ho_chi_minh_2025", {"ho_chi_minh", "binh_duong", "ba_ria_vung_tau"}),
    ("can_tho_2025", {"can_tho", "soc_trang", "hau_giang"}),
    ("phu_tho_2025", {"phu_tho", "vinh_phuc", "hoa_binh"}),
    ("lam_dong_2025", {"lam_dong", "dak_nong", "binh_thuan"}),
    ("an_giang_2025", {"an_giang", "kien_giang"}),
]


@pytest.mark.parametrize("new, olds", MERGERS)
def test_province_mergers(ref: Reference, new: str, olds: set[str]) -> None:
    assert {s.predecessor for s in ref.successions if s.successor == new} == olds


UNIFORM = [
    # the 12 departments every province has after Nghị định 45/2025/NĐ-CP
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng",
    "Sở Khoa học và Công nghệ",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Thanh tra tỉnh",
    "Văn phòng UBND tỉnh",
]


CITIES = {"ha_noi", "hue", "hai_phong_2025", "da_nang_2025", "ho_chi_minh_2025", "can_tho_2025"}


def test_the_12_uniform_departments_resolve_in_every_current_province(ref: Reference) -> None:
    agencies = load_agencies(DEFAULT_DIR)
    current = [p for p in _provinces(ref) if p.span.covers(JULY_2025)]
    for province in current:
        resolver = TimedResolver(ref, agencies, province.name)
        kind = "thành phố" if province.code in CITIES else "tỉnh"
        codes = {
            resolver.resolve(f"{name.removesuffix(' tỉnh')} {kind} {province.name}", on).code
            for name in UNIFORM
            for on in (date(2025, 7, 1), date(2026, 12, 31))
        }
        assert None not in codes and len(codes) == 12, province.name
        for code in codes:
            unit = ref.unit(code)
            assert unit is not None and unit.source and unit.span.covers(date(2026, 1, 1))


# ---------------------------------------------------------------- checks on load

GOOD_AGENCIES = (
    "code,name,kind,level,province,aliases,valid_from,valid_to,source\n"
    "a_old,Sở A,department,tinh,,,,2025-02-28,NĐ 1\n"
    "b_old,Sở B,department,tinh,,,,2025-02-28,NĐ 1\n"
    "ab_new,Sở A B,department,tinh,,,2025-03-01,,NĐ 1\n"
)
SUCCESSORS_HEAD = "predecessor,successor,province,main,functions,source\n"
GOOD_SUCCESSORS = SUCCESSORS_HEAD + "a_old,ab_new,,yes,,NĐ 1\nb_old,ab_new,,yes,,NĐ 1\n"

BAD = [
    # (agencies.csv, agency_successors.csv, the problem as reported: file:line: message)
    # a successor nobody defines
    (
        GOOD_AGENCIES,
        GOOD_SUCCESSORS + "a_old,zz,,,,NĐ 1\n",
        "agency_successors.csv, line 4: a_old -> zz: no unit has the code zz",
    ),
    # a cycle: the successor hands back to its predecessor
    (
        GOOD_AGENCIES.replace(",2025-03-01,,", ",2025-03-01,2025-05-31,")
        + "a_again,Sở A lại,department,tinh,,,2025-06-01,,NĐ 1\n",
        GOOD_SUCCESSORS + "ab_new,a_again,,yes,,NĐ 1\na_again,ab_new,,yes,,NĐ 1\n",
        "agency_successors.csv, line 5: succession cycle: ab_new -> a_again -> ab_new",
    ),
    # two units answer to one name on the same days
    (
        GOOD_AGENCIES + "a_twin,Sở A,department,tinh,,,2025-01-01,,NĐ 1\n",
        GOOD_SUCCESSORS,
        "agencies.csv, line 5: a_twin and a_old (line 2) both answer to 'so a'",
    ),
    # a successor that starts late leaves a gap
    (
        GOOD_AGENCIES.replace("2025-03-01", "2025-04-01"),
        GOOD_SUCCESSORS,
        "agency_successors.csv, line 2: ab_new (2025-04-01 – …) is not in force on 2025-03-01",
    ),
    # a predecessor that never ends
    (
        GOOD_AGENCIES.replace(",,2025-02-28,NĐ 1\nb_old", ",,,NĐ 1\nb_old"),
        GOOD_SUCCESSORS,
        "agency_successors.csv, line 2: a_old has a successor but no valid_to",
    ),
    # an unreadable date, with its line
    (
        GOOD_AGENCIES.replace("2025-02-28,NĐ 1\nb_old", "28/02/2025,NĐ 1\nb_old"),
        "",
        "agencies.csv, line 2: valid_to '28/02/2025' is not a date YYYY-MM-DD",
    ),
    # from after to
    (
        GOOD_AGENCIES + "c,Sở C,department,tinh,,,2025-05-01,2025-04-30,NĐ 1\n",
        GOOD_SUCCESSORS,
        "agencies.csv, line 5: c: valid_from 2025-05-01 is after valid_to 2025-04-30",
    ),
    # a row without its source
    (
        GOOD_AGENCIES + "c,Sở C,department,tinh,,,,,\n",
        GOOD_SUCCESSORS,
        "agencies.csv, line 5: c: no source cited",
    ),
    # a district committee outliving cấp huyện
    (
        GOOD_AGENCIES + "h,UBND huyện X,district_committee,huyen,,,,,NĐ 1\n",
        GOOD_SUCCESSORS,
        "agencies.csv, line 5: h of level huyen outlives its level (ended 2025-06-30)",
    ),
]

LEVELS = (
    "levels.csv",
    "code,name,valid_from,valid_to,successors,source\n"
    "tinh,cấp tỉnh,,,,L\nhuyen,cấp huyện,,2025-06-30,,L\n",
)


def _build(agencies: str, successors: str) -> Reference:
    return build_reference(
        [("agencies.csv", agencies, "name")],
        ("agency_successors.csv", successors or SUCCESSORS_HEAD),
        LEVELS,
        key=agency_key,
    )


def test_good_reference_loads() -> None:
    ref = _build(GOOD_AGENCIES, GOOD_SUCCESSORS)
    assert current_code("a_old", ref) == "ab_new"


@pytest.mark.parametrize("agencies, successors, problem", BAD)
def test_bad_reference_is_refused_naming_file_and_line(
    agencies: str, successors: str, problem: str
) -> None:
    with pytest.raises(ReferenceInvalid) as err:
        _build(agencies, successors)
    assert any(str(p).startswith(problem) for p in err.value.problems), err.value.problems


def test_an_edited_reference_folder_is_checked_on_load(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_DIR, tmp_path / "ref")
    path = tmp_path / "ref" / "provinces.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "long_an,Long An,tinh,,2025-06-30,tay_ninh_2025",
            "long_an,Long An,tinh,,2025-06-30,tay_ninh_2052",
        ),
        encoding="utf-8",
    )
    problem = r"provinces\.csv, line \d+: long_an -> tay_ninh_2052"
    with pytest.raises(ReferenceInvalid, match=problem):
        load_reference(tmp_path / "ref")


# ---------------------------------------------------------------- resolution in time

AT_A_DATE = [
    # (raw, document province, date, period start, code, note or problem contains)
    # the same words, two units: before and after the merger of 01/03/2025
    ("Sở Khoa học và Công nghệ", "Long An", date(2024, 12, 31), None, "so_khcn", None),
    ("Sở Khoa học và Công nghệ", "Tây Ninh", date(2026, 12, 31), None, "so_khcn_2025", None),
    ("Sở KH&CN", "Bắc Ninh", date(2025, 11, 24), None, "so_khcn_2025", None),
    # a merged department that did not exist before
    ("Sở Nông nghiệp và Môi trường", "Đồng Nai", date(2025, 11, 18), None, "so_nnmt", None),
    (
        "Sở Nông nghiệp và Môi trường",
        "Long An",
        date(2023, 12, 31),
        None,
        None,
        "exists only from 2025-03-01",
    ),
    # a department that ended: not guessed, its successors named
    ("Sở Thông tin và Truyền thông", "Long An", date(2022, 3, 1), None, "so_tttt", None),
    ("Sở TT&TT", "Tây Ninh", date(2026, 6, 30), None, None, "successors: so_khcn_2025"),
    # no district level after 30/06/2025
    ("UBND cấp huyện", "Long An", date(2024, 12, 31), None, "c_ubnd_huyen", None),
    ("UBND cấp huyện", "Tây Ninh", date(2026, 12, 31), None, None, "ceased on 2025-06-30"),
    ("UBND huyện Cần Giuộc", "Long An", date(2022, 6, 30), None, "la_h_can_giuoc", None),
    ("UBND huyện Cần Giuộc", "Tây Ninh", date(2026, 1, 1), None, None, "ceased on 2025-06-30"),
    # a year that straddles the merger belongs to the unit at its end, with a note
    (
        "Sở Khoa học và Công nghệ",
        "Tây Ninh",
        date(2025, 12, 31),
        date(2025, 1, 1),
        "so_khcn_2025",
        "straddles a change",
    ),
    # ministries after their 2025 mergers; unchanged ones at any date
    ("Bộ Khoa học và Công nghệ", None, date(2025, 12, 1), None, "bo_khcn_2025", None),
    ("Bộ Thông tin và Truyền thông", None, date(2024, 1, 1), None, "bo_tttt", None),
    ("Bộ Công an", None, date(2025, 12, 1), None, "bo_cong_an", None),
    ("Văn phòng Chính phủ", None, date(2025, 12, 1), None, "van_phong_chinh_phu", None),
    # the communes after 01/07/2025, as 2025 plans name them
    ("UBND các phường, xã", "Đồng Nai", date(2025, 11, 18), None, "c_ubnd_xa", None),
    # undated: as before the reference data had time (the row listed first)
    ("Sở Khoa học và Công nghệ", "Long An", None, None, "so_khcn", None),
]


@pytest.mark.parametrize("raw, province, on, start, code, says", AT_A_DATE)
def test_a_name_resolves_to_the_unit_in_force_at_the_date(
    ref: Reference,
    raw: str,
    province: str | None,
    on: date | None,
    start: date | None,
    code: str | None,
    says: str | None,
) -> None:
    res = TimedResolver(ref, load_agencies(DEFAULT_DIR), province).resolve(raw, on, start)
    assert res.code == code
    text = res.note if code else res.problem
    assert (says is None and text is None) or (says is not None and says in (text or ""))


PROVINCES = [
    # (raw, date, code, note contains)
    ("Long An", date(2022, 1, 1), "long_an", None),
    ("Long An", date(2026, 1, 1), "tay_ninh_2025", "mapped to its successor Tây Ninh"),
    ("tỉnh Tây Ninh", date(2023, 12, 31), "tay_ninh", None),  # old and new share a name
    ("Tây Ninh", date(2026, 1, 1), "tay_ninh_2025", None),
    ("Bình Dương", date(2025, 7, 1), "ho_chi_minh_2025", "Bình Dương"),
    ("Thành phố Hồ Chí Minh", date(2026, 1, 1), "ho_chi_minh_2025", None),
    ("Thừa Thiên Huế", date(2026, 1, 1), "hue", None),  # not rearranged
    ("Atlantis", date(2026, 1, 1), None, None),
]


@pytest.mark.parametrize("raw, on, code, says", PROVINCES)
def test_a_province_resolves_at_the_date(
    ref: Reference, raw: str, on: date, code: str | None, says: str | None
) -> None:
    res = resolve_province(raw, on, ref)
    assert res.code == code
    assert (says is None and res.note is None) or (says is not None and says in (res.note or ""))


def test_lineage_follows_the_main_successor(ref: Reference) -> None:
    assert current_code("so_tttt", ref) == "so_khcn_2025"  # functions split; KH&CN took most
    assert current_code("so_khdt", ref) == "so_tai_chinh_2025"
    assert current_code("long_an", ref) == "tay_ninh_2025"
    assert current_code("so_tu_phap", ref) == "so_tu_phap"  # unchanged
    unit = successor_at("bac_giang", date(2026, 1, 1), ref)
    assert unit is not None and unit.code == "bac_ninh_2025"
    assert successor_at("tay_ninh_2025", date(2024, 1, 1), ref) is None  # before it began
    split = {s.successor: s.functions for s in ref.successors("so_tttt")}
    assert set(split) == {"so_khcn_2025", "so_vhttdl"} and "báo chí" in split["so_vhttdl"]


def test_a_folder_without_the_files_with_time_loads_without_time(tmp_path: Path) -> None:
    """A deployment's folder made before them: agencies and indicators only."""
    for name in ("agencies.csv", "indicators.csv"):
        (tmp_path / name).write_bytes((DEFAULT_DIR / name).read_bytes())
    ref = load_reference(tmp_path)
    assert not [u for u in ref.units if u.file == "provinces.csv"] and not ref.successions


def test_look_ups_agree_with_a_plain_scan(ref: Reference) -> None:
    """``unit`` and ``successors`` read indexes built once; a scan of the tuples is the
    reference, for every code and every province's own successions."""
    provinces = [None, *sorted({s.province for s in ref.successions if s.province})]
    for code in {u.code for u in ref.units} | {"no_such_code"}:
        assert ref.unit(code) == next((u for u in ref.units if u.code == code), None)
        for province in provinces:
            rows = [s for s in ref.successions if s.predecessor == code]
            own = [s for s in rows if province and s.province and s.province == province]
            assert ref.successors(code, province) == tuple(
                own or [s for s in rows if not s.province]
            )


def test_province_units_by_key_agree_with_a_plain_scan(ref: Reference) -> None:
    """``units_keyed`` reads an index kept with the reference data; a scan of the province
    units is the reference, for every key of every province's names (and one of none)."""
    provinces = [u for u in ref.units if u.file.endswith("provinces.csv")]
    keys = {province_key(n) for u in provinces for n in (u.name, *u.aliases)} | {"nowhere"}
    for key in sorted(keys):
        plain = [u for u in provinces if key in {province_key(n) for n in (u.name, *u.aliases)}]
        assert units_keyed(key, ref) == plain


DAYS = [None, date(2024, 12, 31), date(2025, 6, 30), date(2025, 7, 1), date(2038, 6, 30)]


@pytest.mark.parametrize("province", [None, "Long An", "Tây Ninh", "Hà Nội", "Cà Mau"])
def test_a_resolver_at_a_date_is_the_one_made_from_its_units(
    ref: Reference, province: str | None
) -> None:
    """A ``TimedResolver`` keys its province's names once and gives each date's resolver
    the units in force then; a ``Resolver`` made plainly from those units (keying them
    itself) is the reference: the same index, and the same answer for every name."""
    agencies = load_agencies(DEFAULT_DIR)
    timed = TimedResolver(ref, agencies, province)
    names = sorted({n for e in agencies for n in (e.name, *e.aliases)})
    names += ["Sở Nội vụ tỉnh Long An", "UBND huyện Châu Thành", "Sở KH&ĐT", "Phòng Nội vụ"]
    for on in DAYS:
        live = [
            e
            for e in agencies
            if on is None or (u := ref.unit(e.code)) is None or u.span.covers(on)
        ]
        plain, fast = Resolver(live, province), timed._resolver(on)
        assert fast.entries == plain.entries
        assert (fast.by_key, fast.spelt, fast.prefixes) == (
            plain.by_key,
            plain.spelt,
            plain.prefixes,
        )
        assert [fast.resolve(n) for n in names] == [plain.resolve(n) for n in names]
