"""Which rows of a judged metric file load and which are rejected, decided in DuckDB.

A row is rejected for a problem of its own (the judge's checks) or because its province x
agency x indicator x period repeats: the duplicates of a row keep the first, conflicting
values for one key keep none. The repeated keys are found by DuckDB's aggregation and the
rejects - reason and the row as read, JSON - are worded by DuckDB and written straight
into ``metric_rejects``: a file with millions of rejects is never gathered in Python, and
DuckDB spills to disk what does not fit its memory limit.

Each kernel is a SQL text named for what it means; ``tests/reference_rejects.py`` is the
plain version of the same meaning, row by row, that tests compare them with.
"""

from __future__ import annotations

import duckdb

# a repeated key lists this many of its rows, then how many more there are (a key written
# a million times does not make a million reasons a million rows long each)
LISTED_ROWS = 20

# the repeated keys of the staged rows ``staged``: how many rows, how many different
# (numerator, denominator, value), the first row and the rows listed
REPEATED_KEYS = f"""
create or replace temp table repeated_keys as
select row_key,
       count(*) as n,
       count(distinct struct_pack(numerator, denominator, value)) as variants,
       min(source_row) as first_row,
       array_to_string(list_sort(list(source_row))[1:{LISTED_ROWS}], ', ')
           || case when count(*) > {LISTED_ROWS}
                   then format(' and {{:d}} more', count(*) - {LISTED_ROWS}) else '' end
           as listed
from staged
group by row_key
having count(*) > 1
"""

# a row that a repeated key costs its place: every row of a conflicting key; the rows
# after the first of identical ones
LOSES_TO_REPEAT = "(k.variants > 1 or s.source_row <> k.first_row)"

# a number as a person writes it: at most two decimals, no trailing zeros
SHORT = "rtrim(rtrim(format('{{:.2f}}', {x}), '0'), '.')"


def short(x: str) -> str:
    return SHORT.format(x=x)


SHARE = "coalesce(s.value, 100.0 * s.numerator / s.denominator)"

# the first reason that applies to a rejected row, in the judge's order of checks
REASON = f"""
case
  when s.agency_blank then 'agency is blank'
  when s.indicator_blank then 'indicator is blank'
  when s.period_bad and p.period_raw is null then 'period is blank'
  when s.period_bad then bp.reason
  when s.value_bad then 'value ' || vc.problem
  when s.numerator_bad then 'numerator (Tử số) ' || nc.problem
  when s.denominator_bad then 'denominator (Mẫu số) ' || dc.problem
  when s.value is null and s.numerator is null
    then 'no value: Giá trị/Tỷ lệ and Tử số are blank'
  when s.value < 0 or s.numerator < 0 or s.denominator < 0 then 'negative value'
  when s.denominator = 0 then 'denominator (Mẫu số) is zero'
  when s.numerator > s.denominator
    then 'numerator ' || s.numerator::varchar || ' > denominator ' || s.denominator::varchar
  when s.percent and {SHARE} > 100
    then 'share ' || format('{{:.2f}}', {SHARE})::double::varchar || '% outside 0-100'
  when s.numerator is not null and s.denominator <> 0 and s.value is not null
       and abs(100.0 * s.numerator / s.denominator - s.value) > vc.half_unit + 1e-9
    then 'counts and value disagree: ' || {short("s.numerator")} || '/'
         || {short("s.denominator")} || ' is '
         || {short("100.0 * s.numerator / s.denominator")} || '% but the value is '
         || {short("s.value")}
  when k.variants > 1
    then 'conflicting values for the same agency, indicator and period (rows '
         || k.listed || ')'
  else 'duplicate of row ' || k.first_row
end"""


# the row as read, as ``json.dumps(..., ensure_ascii=False)`` writes it: each name and
# cell is quoted once per distinct value (in the joined tables), a row only concatenates
RAW_RECORD = """concat('{"agency": ', a.json, ', "indicator": ', i.json, ', "period": ',
    coalesce(p.json, 'null'), ', "numerator": ', coalesce(nc.json, 'null'),
    ', "denominator": ', coalesce(dc.json, 'null'), ', "value": ', coalesce(vc.json, 'null'),
    ', "unit": ', i.unit_json, '}')"""


def _quoted(table: str, *columns: str) -> str:
    """A names or cells table with each column's JSON text (``json``, ``unit_json``)."""
    json = ", ".join(
        f"coalesce(to_json({c}), 'null') as {'json' if n == 0 else c + '_json'}"
        for n, c in enumerate(columns)
    )
    return f"(select *, {json} from {table})"


# staged rows with what their reasons and records name
NAMED = f"""
from staged s
left join repeated_keys k on k.row_key = s.row_key
left join {_quoted("agency_names", "agency_raw")} a on a.key = s.agency_key
left join {_quoted("indicator_names", "indicator_raw", "unit")} i on i.key = s.indicator_key
left join {_quoted("period_names", "period_raw")} p on p.key = s.period_key
left join bad_periods bp on bp.key = s.period_key
left join {_quoted("numerator_cells", "shown")} nc on nc.cell = s.numerator_cell
left join {_quoted("denominator_cells", "shown")} dc on dc.cell = s.denominator_cell
left join {_quoted("value_cells", "shown")} vc on vc.cell = s.value_cell
"""

INSERT_REJECTS = f"""
insert into metric_rejects
select $sha, s.source_row, {REASON}, {RAW_RECORD}
{NAMED}
where s.problem or (k.row_key is not null and {LOSES_TO_REPEAT})
"""

INSERT_FACTS = f"""
insert into metric_facts
select s.agency_key + $agency, s.indicator_key + $indicator, s.period_key + $period,
       s.source_row, s.numerator, s.denominator, s.value
from staged s
left join repeated_keys k on k.row_key = s.row_key
where not s.problem and (k.row_key is null or not {LOSES_TO_REPEAT})
"""


def find_repeated_keys(con: duckdb.DuckDBPyConnection) -> int:
    """The staged rows' repeated keys, into the temporary table ``repeated_keys``;
    returns how many keys repeat."""
    con.execute(REPEATED_KEYS)
    ((n,),) = con.execute("select count(*) from repeated_keys").fetchall()
    return int(n)


def insert_kept_facts(con: duckdb.DuckDBPyConnection, base: dict[str, int]) -> int:
    """The staged rows that load (no problem of their own, no repeat that costs them their
    place) into ``metric_facts``, their keys offset by ``base``; returns how many."""
    ((n,),) = con.execute(INSERT_FACTS, base).fetchall()
    return int(n)


def insert_rejects(con: duckdb.DuckDBPyConnection, sha: str) -> int:
    """Every other staged row into ``metric_rejects``, with its reason and the row as read;
    returns how many."""
    ((n,),) = con.execute(INSERT_REJECTS, {"sha": sha}).fetchall()
    return int(n)
