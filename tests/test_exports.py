"""Exports officials open: every mart to CSV, XLSX and Parquet through `parplan export`,
read back equal; formulas neutralised; Vietnamese titles and number formats in XLSX."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest

from parplan.cli import main
from parplan.export import flatten

BOM = b"\xef\xbb\xbf"
MARTS_AND_TABLES = [
    "target_attainment",  # lists (source_files): crashed polars' CSV writer
    "task_schedule",  # lists (lead_codes, quarters_due) and dates
    "tasks",  # lists (products) and a decimal budget
    "agencies",  # lists (aliases)
    "indicators",
    "attainment_by_area",
    "budget_by_agency",
]

# A query whose text cells a spreadsheet would run as formulas, written by hand.
RISKY_SQL = """
select 2022 as plan_year, 'Sở Nội vụ' as agency, '=HYPERLINK("http://x.invalid","bấm")' as a,
       '+84 28 3829' as b, '-5' as c, '@SUM(A1)' as d, 48.25 as share_met_pct,
       ['x', 'ý'] as files, 'met' as status
"""
RISKY_CSV = [
    "2022",
    "Sở Nội vụ",
    '\'=HYPERLINK("http://x.invalid","bấm")',
    "'+84 28 3829",
    "'-5",
    "'@SUM(A1)",
    "48.25",
    '["x", "ý"]',
    "met",
]


def _frame(db: Path, table: str) -> pl.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.sql(f'select * from "{table}"').pl()


@pytest.mark.parametrize("table", MARTS_AND_TABLES)
def test_export_csv_reads_back_equal(sample_db: Path, tmp_path: Path, table: str) -> None:
    out = tmp_path / f"{table}.csv"
    assert main(["export", table, "--db", str(sample_db), "--to", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(BOM) and b"\r\n" not in data
    back = pl.read_csv(out, infer_schema=False)
    frame = _frame(sample_db, table)
    keys = [c for c, t in frame.schema.items() if not t.is_nested()]
    # the export's rows are in the order of its columns
    expected = flatten(frame.sort(keys, nulls_last=True)).select(pl.all().cast(pl.String))
    assert back.columns == expected.columns
    assert back.height == expected.height > 0
    # text a spreadsheet would run (the sample has "- Quý I/2022 ..." timeframes) gets a "'"
    text = {c for c, t in frame.schema.items() if t == pl.String}
    neutral = [
        tuple(
            "'" + v if c in text and v and v[0] in "=+-@" else v
            for c, v in zip(expected.columns, row, strict=True)
        )
        for row in expected.rows()
    ]
    assert back.rows() == neutral


@pytest.mark.parametrize("table", ["target_attainment", "task_schedule", "budget_by_agency"])
def test_export_xlsx_reads_back_equal(sample_db: Path, tmp_path: Path, table: str) -> None:
    out = tmp_path / f"{table}.xlsx"
    assert main(["export", table, "--db", str(sample_db), "--to", str(out)]) == 0
    frame = _frame(sample_db, table)
    keys = [c for c, t in frame.schema.items() if not t.is_nested()]
    expected = flatten(frame.sort(keys, nulls_last=True))
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert "Năm kế hoạch" in rows[0] and "plan_year" not in rows[0]
    assert ws.freeze_panes == "A2"
    assert len(rows) - 1 == expected.height

    def cell(v: object) -> object:
        return v.date() if hasattr(v, "date") else v  # openpyxl reads dates as datetimes

    for got, want in zip(rows[1:], expected.rows(), strict=True):
        for g, w in zip(got, want, strict=True):
            if isinstance(w, float) or hasattr(w, "as_tuple"):
                assert g == pytest.approx(float(w))
            else:
                assert cell(g) == w


def test_export_sql_neutralises_formulas_in_csv(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "risky.csv"
    assert main(["export", "--sql", RISKY_SQL, "--db", str(sample_db), "--to", str(out)]) == 0
    back = pl.read_csv(out, infer_schema=False)
    assert list(back.row(0)) == RISKY_CSV


def test_export_sql_to_xlsx_text_is_never_a_formula(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "risky.xlsx"
    assert main(["export", "--sql", RISKY_SQL, "--db", str(sample_db), "--to", str(out)]) == 0
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header[:2] == ["Năm kế hoạch", "Cơ quan"]
    assert header[6] == "Tỷ lệ đạt (%)"
    row = ws[2]
    assert [c.value for c in row[2:6]] == [
        '=HYPERLINK("http://x.invalid","bấm")',
        "+84 28 3829",
        "-5",
        "@SUM(A1)",
    ]
    for c in row[2:6]:
        assert c.data_type == "s" and c.quotePrefix  # text shown as written, never evaluated
    assert row[0].value == 2022 and row[0].number_format == "0"  # not "2,022"
    assert row[6].number_format == "0.0"
    assert json.loads(row[7].value) == ["x", "ý"]
    rules = [r for rng in ws.conditional_formatting for r in rng.rules]
    assert {r.formula[0] for r in rules} >= {'"met"', '"not_met"'}


def test_export_parquet_keeps_lists(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "ta.parquet"
    assert main(["export", "target_attainment", "--db", str(sample_db), "--to", str(out)]) == 0
    back = pl.read_parquet(out)
    assert back.schema["source_files"] == pl.List(pl.String)
    assert back.height == _frame(sample_db, "target_attainment").height


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sql", "select 1; select 2"], "2 statements"),  # several statements
        (["--sql", "  ;  "], "query is empty"),  # nothing to run
        (["target_attainment", "--sql", "select 1"], "one of them"),  # both
        ([], "one of them"),  # neither
        (["nope"], "no table or view named 'nope'"),
        (["--sql", "copy (select 1) to '/tmp/leak.csv'"], "disabled"),  # COPY stays off
    ],
)
def test_export_refuses_with_a_clear_message(
    sample_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    out = tmp_path / "x.csv"
    assert main(["export", *args, "--db", str(sample_db), "--to", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_query_csv_has_lf_and_json_lists(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sql = "select 'a' as k, ['x', 'ý'] as l, 1.5 as v union all select 'b', [], null order by k"
    assert main(["query", "--db", str(sample_db), "--format", "csv", sql]) == 0
    assert capsys.readouterr().out == 'k,l,v\na,"[""x"", ""ý""]",1.5\nb,[],\n'
