"""The figures a metric file holds (``metric_figure_sets``, what corrections are decided on)
are its facts' key triples, read from ``metric_facts`` (migration 0017) rather than
written a second time. That rests on the judge keeping one fact per key triple in a file,
checked here on random files (repeats, conflicts, names and periods written two ways, both
sides of the 2025 reorganisation); the view against the figure sets 0008 counted from the
facts, through ``parplan ingest``; and an older warehouse's stored figure sets kept."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.metrics.read import read_judged
from extractors.reference import BUNDLED, Registry
from parplan.cli import main
from tests.helpers import csv_bytes
from warehouse.database import MIGRATIONS, migrate, now

HEADER = ["Tỉnh", "Cơ quan", "Chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số"]
ROW = st.tuples(
    st.sampled_from(["Long An", "Tây Ninh", ""]),
    st.sampled_from(["Sở Nội vụ", "SNV", "Sở Tư pháp", "UBND cấp huyện"]),
    st.sampled_from(["dossier_online_share", "Tỷ lệ hồ sơ trực tuyến", "tthc_e_transfer"]),
    st.sampled_from(["Năm 2023", "2023", "Quý 1/2026", "Q1/2026", "Năm 2024", "kỳ lạ"]),
    st.sampled_from(["1", "2", "5"]),
    st.sampled_from(["10", "20"]),
)


@cache
def registry() -> Registry:
    return Registry.read(BUNDLED)


@given(rows=st.lists(ROW, min_size=1, max_size=40))
@settings(max_examples=60, deadline=None)
def test_the_judge_keeps_one_fact_per_key_triple(rows: list[tuple[str, ...]]) -> None:
    reg = registry()
    _, judged = read_judged(
        csv_bytes([HEADER, *rows]),
        "bao_cao.csv",
        reg.agencies,
        reg.indicators,
        {"dossier_online_share", "tthc_e_transfer"},
        reference=reg.reference,
    )
    triples = judged.facts.select("agency_key", "indicator_key", "period_key").rows()
    assert len(set(triples)) == len(triples)


# 0008's figure sets, counted from the facts (its backfill of the figures stored before it)
COUNTED = """
select a.source_sha256, f.agency_id, f.indicator_id, f.period_id, count(*) as rows
from metric_facts f join metric_agency_keys a on a.id = f.agency_id
group by all order by all
"""


def test_figure_sets_are_the_facts_key_triples_counted(tmp_path: Path) -> None:
    """Two reports of one figure (the second corrects it) and a file across the
    reorganisation, ingested as an operator does."""
    rows = [
        HEADER,
        ["Long An", "Sở Nội vụ", "dossier_online_share", "Năm 2023", "5", "10"],
        ["Long An", "Sở Nội vụ", "dossier_online_share", "Năm 2023", "5", "10"],  # kept once
        ["Tây Ninh", "Sở Nội vụ", "dossier_online_share", "Quý 1/2026", "1", "10"],
        ["Long An", "Sở Tư pháp", "tthc_e_transfer", "Năm 2024", "2", "20"],
    ]
    first, second = tmp_path / "bao_cao_1.csv", tmp_path / "bao_cao_2.csv"
    first.write_bytes(csv_bytes(rows))
    second.write_bytes(csv_bytes([HEADER, [*rows[1][:4], "6", "10"]]))
    db = tmp_path / "parplan.duckdb"
    for path in (first, second):
        assert main(["ingest", str(path), "--db", str(db)]) == 0
    with duckdb.connect(str(db), read_only=True) as con:
        sets = con.execute("select * from metric_figure_sets order by all").fetchall()
        assert len(sets) == 4
        assert sets == con.execute(COUNTED).fetchall()
        replaced = con.execute(
            "select count(*) from metric_figure_versions where not is_current"
        ).fetchone()
        assert replaced == (1,)


def _version(path: Path) -> int:
    return int(path.name.split("_", 1)[0])


def test_figure_sets_stored_before_0017_are_kept() -> None:
    """A warehouse at 0016 with a file whose facts repeat a key triple (a figure set of two
    rows) and one whose facts do not: after 0017 the figure sets read the same."""
    with duckdb.connect() as con:
        con.execute(
            "create table schema_migrations (version integer primary key, "
            "name varchar not null, applied_at timestamp not null)"
        )
        for path in sorted(MIGRATIONS.glob("*.sql"), key=_version):
            if _version(path) <= 16:
                con.execute(path.read_text(encoding="utf-8"))
                con.execute(
                    "insert into schema_migrations values (?, ?, ?)",
                    [_version(path), path.stem, now()],
                )
        for n, sha in enumerate(["a" * 64, "b" * 64]):
            con.execute(
                "insert into metric_agency_keys values (?, ?, 'Long An', 'Sở Nội vụ', null)",
                [n, sha],
            )
            con.execute(
                "insert into metric_indicator_keys values (?, ?, 'x', null, null)", [n, sha]
            )
            con.execute(
                "insert into metric_period_keys values "
                "(?, ?, 'Năm 2022', 'year', '2022-01-01', '2022-12-31', 2022)",
                [n, sha],
            )
        facts = [(0, 2), (0, 3), (1, 2)]  # file a: one triple on two rows; file b: one row
        for key, row in facts:
            con.execute("insert into metric_facts values (?, ?, ?, ?, null, null, 1.0)",
                        [key, key, key, row])  # fmt: skip
        con.execute(f"insert into metric_figure_sets {COUNTED}")
        before = con.execute("select * from metric_figure_sets order by all").fetchall()
        assert [r[-1] for r in before] == [2, 1]
        assert migrate(con)[0] == "0017_figure_sets_from_facts"  # (then any later one)
        assert con.execute("select * from metric_figure_sets order by all").fetchall() == before
        assert con.execute("select source_sha256, rows from metric_figure_counts").fetchall() == [
            ("a" * 64, 2)
        ]
