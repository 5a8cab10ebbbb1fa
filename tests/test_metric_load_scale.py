"""The metric load at scale, in small: what a file of many communes or many repeated keys
leaves in the warehouse is what a person expects, row by row (the benchmarks measure the
cost; these tests keep the answers)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from extractors.reference import BUNDLED
from tests.helpers import csv_bytes
from warehouse.batch_outcome import kept_out
from warehouse.database import Warehouse
from warehouse.ingest import ingest


def test_every_unresolved_commune_waits_in_the_review_queue(tmp_path: Path) -> None:
    # a province's report of 300 communes no registry names: each (province, commune)
    # is one open entry, counting its figures
    rows = [["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]]
    for n in range(1, 301):
        for quarter in (1, 2):
            rows.append(["Huế", f"UBND xã Phước {n}", "sipas", f"Quý {quarter}/2024", "80"])
    f = tmp_path / "xa.csv"
    f.write_bytes(csv_bytes(rows))
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", BUNDLED)
    ingest([f], wh)
    with wh.analyst() as con:
        queue = con.execute(
            """select raw, province, occurrences, status from review_queue
               where kind = 'agency' order by raw"""
        ).fetchall()
    assert queue == sorted((f"UBND xã Phước {n}", "Huế", 2, "open") for n in range(1, 301))


HEAD = ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]
PLACED = ["Tỉnh", *HEAD]


@pytest.mark.parametrize(
    ("name", "rows", "expected"),
    [
        # every name resolves: nothing kept out
        ("long_an.csv", [PLACED, ["Long An", "Sở Y tế", "sipas", "2023", "80"]], (0, 0)),
        # an indicator the catalog lacks, an agency the registry lacks, and both on one row:
        # each figure counted once, beside a figure that counts
        (
            "long_an.csv",
            [
                PLACED,
                ["Long An", "Sở Y tế", "sipas", "2023", "80"],
                ["Long An", "Sở Y tế", "Tỷ lệ hộ nghèo", "2023", "3"],
                ["Long An", "Phòng Không Có", "sipas", "2023", "70"],
                ["Long An", "Phòng Không Có", "Tỷ lệ hộ nghèo", "2023", "4"],
            ],
            (3, 0),
        ),
        # no province anywhere (no Tỉnh column, title or file name; an agency of none):
        # counted apart, whether its names resolve or not
        (
            "bao_cao.csv",
            [HEAD, ["Phòng Không Có", "sipas", "2023", "70"], ["Phòng Khác", "x", "2023", "1"]],
            (0, 2),
        ),
    ],
    ids=["resolved", "unresolved names", "no province"],
)
def test_figures_kept_out_are_counted_as_the_observations_show_them(
    tmp_path: Path, name: str, rows: list[list[str]], expected: tuple[int, int]
) -> None:
    f = tmp_path / name
    f.write_bytes(csv_bytes(rows))
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", BUNDLED)
    report = ingest([f], wh)
    assert (report.kept_out, report.no_province) == expected
    with wh.analyst() as con:  # the same counts as metric_observations reads them
        plain = con.execute(
            """select count(*) filter (where province is not null
                                       and (agency_code is null or indicator_code is null)),
                      count(*) filter (where province is null)
               from metric_observations"""
        ).fetchone()
        assert plain == expected
        assert kept_out(con, [r.sha256 for r in report.results]) == expected


@pytest.mark.parametrize(
    ("batches", "expected"),
    [
        # a later batch counts its own file's figures only, not those an earlier file
        # left waiting for the same kind of names
        ([["xa_1.csv"], ["xa_2.csv"]], [(3, 0), (2, 0)]),
        # both files in one batch: both counted
        ([["xa_1.csv", "xa_2.csv"]], [(5, 0)]),
    ],
    ids=["one batch each", "one batch"],
)
def test_figures_kept_out_are_those_of_the_batch(
    tmp_path: Path, batches: list[list[str]], expected: list[tuple[int, int]]
) -> None:
    files = {  # xa_1: three figures of unknown communes; xa_2: two, beside one of a
        # known agency
        "xa_1.csv": [
            PLACED,
            ["Huế", "UBND xã Phước 1", "sipas", "2023", "80"],
            ["Huế", "UBND xã Phước 1", "sipas", "2024", "81"],
            ["Huế", "UBND xã Phước 2", "sipas", "2024", "82"],
        ],
        "xa_2.csv": [
            ["Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị", "Tỉnh"],
            ["UBND xã Phước 3", "sipas", "2023", "70", "Long An"],
            ["UBND xã Phước 4", "sipas", "2023", "71", "Long An"],
            ["Sở Y tế", "sipas", "2023", "72", "Long An"],
        ],
    }
    for name, rows in files.items():
        (tmp_path / name).write_bytes(csv_bytes(rows))
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", BUNDLED)
    counts = []
    for batch in batches:
        report = ingest([tmp_path / name for name in batch], wh)
        counts.append((report.kept_out, report.no_province))
    assert counts == expected


@pytest.mark.parametrize(
    ("names", "batch_from"),
    [
        (["UBND xã Phước 1", "UBND xã Phước 2", "Phòng Không Có"], 1 << 30),  # whole file
        (["UBND xã Phước 1", "UBND xã Phước 2", "Phòng Không Có"], 0),  # in slices
    ],
)
def test_an_unresolved_name_is_matched_once_per_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, names: list[str], batch_from: int
) -> None:
    # a file of communes no registry names: the judge matches each name against the
    # units in force at the file's date (and, finding none, against those of any time);
    # the batch's pending names are then the same names at the same date, matched
    # already: a name the reference data cannot resolve is looked for once, not twice
    import extractors.resolve_names as names_module
    from warehouse.files import Limits

    looked: list[str] = []
    extract = names_module.process.extract

    def counted(query: str, *args: object, **kwargs: object) -> object:
        looked.append(query)
        return extract(query, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(names_module.process, "extract", counted)
    rows = [["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]]
    rows += [["Huế", name, "sipas", f"Quý {q}/2024", "80"] for name in names for q in (1, 2)]
    f = tmp_path / "xa.csv"
    f.write_bytes(csv_bytes(rows))
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", BUNDLED)
    report = ingest([f], wh, limits=Limits(batch_from=batch_from, batch_rows=2))
    assert report.kept_out == 6  # every figure waits for its name
    # (each name as it is matched: folded, abbreviations spelled out)
    assert sorted(Counter(looked).values()) == [2] * len(names), looked
    with wh.analyst() as con:
        queue = con.execute("select raw, occurrences from review_queue order by raw").fetchall()
    assert queue == sorted((name, 2) for name in names)


@pytest.mark.parametrize(
    ("provinces", "looks"),
    [
        # provinces with no units of their own in the registry see it alike: a name is
        # looked for once at the file's date and once among the units of any time, however
        # many of them write it
        (["Huế", "Lai Châu", "Sơn La", "Điện Biên"], 2),
        # Long An has districts of its own: its two looks are its own
        (["Huế", "Lai Châu", "Long An"], 4),
    ],
    ids=["alike", "one with units of its own"],
)
def test_a_name_written_under_many_provinces_is_matched_once_per_view(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, provinces: list[str], looks: int
) -> None:
    import extractors.resolve_names as names_module

    looked: list[str] = []
    extract = names_module.process.extract

    def counted(query: str, *args: object, **kwargs: object) -> object:
        looked.append(query)
        return extract(query, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(names_module.process, "extract", counted)
    names = ["UBND xã Phước 1", "UBND xã Phước 2", "Phòng Không Có"]
    rows = [["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]]
    rows += [[p, name, "sipas", "Quý 3/2024", "80"] for p in provinces for name in names]
    f = tmp_path / "xa.csv"
    f.write_bytes(csv_bytes(rows))
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", BUNDLED)
    ingest([f], wh)
    assert sorted(Counter(looked).values()) == [looks] * len(names), looked
    with wh.analyst() as con:  # every province's name still waits on its own
        queue = con.execute(
            "select raw, province, occurrences from review_queue order by raw, province"
        ).fetchall()
    assert queue == sorted((name, p, 1) for name in names for p in provinces)


@pytest.mark.parametrize(
    "order",
    [["Long An", "Huế"], ["Huế", "Long An"]],
    ids=["Long An first", "Huế first"],
)
def test_a_name_one_province_resolves_is_not_resolved_for_another(
    tmp_path: Path, order: list[str]
) -> None:
    # Long An's district resolves in a Long An row; the same words in a row of Huế name
    # no unit of Huế and wait for an alias, whichever row the file writes first
    rows = [["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Giá trị"]]
    for p in order:
        rows += [[p, "UBND huyện Đức Hòa", "sipas", "2024", "80"]]
        rows += [[p, "UBND huyen Duc Hoa", "sipas", "2023", "70"]]
    f = tmp_path / "huyen.csv"
    f.write_bytes(csv_bytes(rows))
    wh = Warehouse.at(tmp_path / "wh" / "parplan.duckdb", BUNDLED)
    ingest([f], wh)
    with wh.analyst() as con:
        codes = con.execute(
            """select province, agency_raw, agency_code from metric_agency_keys
               order by province, agency_raw"""
        ).fetchall()
        queue = con.execute("select raw, province from review_queue order by raw").fetchall()
    assert codes == [
        ("Huế", "UBND huyen Duc Hoa", None),
        ("Huế", "UBND huyện Đức Hòa", None),
        ("Long An", "UBND huyen Duc Hoa", "la_h_duc_hoa"),
        ("Long An", "UBND huyện Đức Hòa", "la_h_duc_hoa"),
    ]
    assert queue == [("UBND huyen Duc Hoa", "Huế"), ("UBND huyện Đức Hòa", "Huế")]
