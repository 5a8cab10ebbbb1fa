"""The metric reader's fast kernels against plain, slow versions of the same meaning, on
random input (hypothesis): the kernels may be as clever as they like, the answers not."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.metrics.cells import (
    TYPED,
    UNCACHED,
    cell_problem,
    raw_record,
    raw_records,
    shown,
    typed_number,
)
from extractors.metrics.column_numbers import read_numbers
from extractors.metrics.encode import (
    by_code,
    count_distinct_keys,
    distinct_keys,
    distinct_pair_keys,
    distinct_values,
    lookup,
    null_as_last,
    own_categorical,
    pair_key,
    ranks,
    renumber_codes,
    seen_keys,
    split_pair_key,
)
from extractors.metrics.in_time import TimedAgencies
from extractors.metrics.magnitude import held, stored_number, too_large
from extractors.metrics.reasons import has_problem, impossible
from extractors.number_columns import read_column
from extractors.reference_time import Span, Unit

CODES = st.lists(st.one_of(st.none(), st.integers(0, 40)), max_size=200)


@given(
    keys=st.one_of(
        st.lists(st.integers(0, 500), max_size=300),  # dense: marked in a table
        st.lists(st.integers(-(2**40), 2**40), max_size=50),  # sparse or negative: hashed
    )
)
@settings(max_examples=300, deadline=None)
def test_distinct_keys_are_the_sorted_set(keys: list[int]) -> None:
    got = distinct_keys(pl.Series(keys, dtype=pl.Int64))
    assert got.to_list() == sorted(set(keys))
    assert got.dtype == pl.Int64


@given(
    keys=st.one_of(
        st.lists(st.integers(0, 500), max_size=300),  # dense: marked in a table
        st.lists(st.integers(-(2**40), 2**40), max_size=300),  # sparse or negative: hashed
    )
)
@settings(max_examples=300, deadline=None)
def test_count_distinct_keys_is_the_size_of_the_set(keys: list[int]) -> None:
    assert count_distinct_keys(pl.Series(keys, dtype=pl.Int64)) == len(set(keys))


def repeats_plainly(slices: list[list[int]]) -> bool:
    """Whether any key of the slices repeats (in its own slice or an earlier one)."""
    seen: set[int] = set()
    for keys in slices:
        if seen & set(keys) or len(set(keys)) < len(keys):
            return True
        seen |= set(keys)
    return False


@given(
    slices=st.lists(
        st.one_of(
            st.lists(st.integers(0, 300), max_size=40),  # dense: marked in a table
            st.lists(st.integers(-(2**40), 2**40), max_size=5),  # sparse or negative
        ),
        max_size=6,
    ),
    most=st.sampled_from([64, 1 << 20]),
)
@settings(max_examples=300, deadline=None)
def test_seen_keys_tell_a_repeat_as_a_set_does(slices: list[list[int]], most: int) -> None:
    # slice by slice: True once a key repeats, False while none does; None (cannot tell)
    # only for keys too sparse to mark, and then for good
    seen, told = seen_keys(most), []
    for keys in slices:
        told.append(seen.add(pl.Series(keys, dtype=pl.Int64)))
        if told[-1] is not False:
            break
    if told and told[-1] is None:
        assert any(k < 0 or k >= most for keys in slices[: len(told)] for k in keys)
        assert not repeats_plainly(slices[: len(told) - 1])
    else:
        assert (told[-1] if told else False) == repeats_plainly(slices[: len(told)])
        assert all(t is False for t in told[:-1])


@given(firsts=CODES, seconds=CODES, n_first=st.integers(41, 60), n_second=st.integers(41, 60))
@settings(max_examples=300, deadline=None)
def test_pair_keys_are_one_integer_per_pair(
    firsts: list[int | None], seconds: list[int | None], n_first: int, n_second: int
) -> None:
    size = min(len(firsts), len(seconds))
    firsts, seconds = firsts[:size], seconds[:size]
    frame = pl.DataFrame({"a": firsts, "b": seconds}, schema={"a": pl.UInt32, "b": pl.UInt32})
    got = frame.select(
        pair_key(null_as_last(pl.col("a"), n_first), pl.col("b"), n_second)
    ).to_series()

    def slow(a: int | None, b: int | None) -> tuple[int, int]:  # the pair, nulls as last
        return (n_first if a is None else a, n_second if b is None else b)

    pairs = [slow(a, b) for a, b in zip(firsts, seconds, strict=True)]
    assert [split_pair_key(k, n_second) for k in got.to_list()] == pairs  # it decodes
    assert len(set(got.to_list())) == len(set(pairs))  # distinct pairs, distinct keys
    assert all(0 <= k < (n_first + 1) * (n_second + 1) for k in got.to_list())  # dense


@given(
    names=st.lists(st.text(max_size=4), min_size=1, max_size=30, unique=True),
    data=st.data(),
)
@settings(max_examples=300, deadline=None)
def test_renumbered_codes_name_the_same_values_in_the_new_order(
    names: list[str], data: st.DataObject
) -> None:
    codes = data.draw(st.lists(st.one_of(st.none(), st.integers(0, len(names) - 1))))
    ranked = sorted(range(len(names)), key=lambda i: names[i])  # the wanted order
    got = renumber_codes(pl.Series(codes, dtype=pl.UInt32), ranks(ranked)).to_list()
    new_names = [names[i] for i in ranked]
    assert [None if c is None else new_names[c] for c in got] == [
        None if c is None else names[c] for c in codes
    ]
    assert new_names == sorted(names)


@given(
    mapping=st.one_of(
        st.dictionaries(st.integers(-5, 60), st.integers(-99, 99), max_size=20),  # a table
        st.dictionaries(st.integers(-(2**40), 2**40), st.integers(-99, 99), max_size=8),  # hashed
    ),
    data=st.data(),
    own_key=st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_looked_up_values_are_the_mappings(
    mapping: dict[int, int], data: st.DataObject, own_key: bool
) -> None:
    """Keys in the mapping, between its keys and outside them; the default a value or the
    row's own key (as a remap keeps an agency key it does not move)."""
    near = st.integers(-10, 70)
    keys = data.draw(st.lists(st.sampled_from(list(mapping)) | near if mapping else near))
    frame = pl.DataFrame({"k": keys}, schema={"k": pl.Int64})
    default = pl.col("k") if own_key else -1
    got = frame.select(lookup(pl.col("k"), mapping, default, pl.Int64)).to_series().to_list()
    assert got == [mapping.get(k, k if own_key else -1) for k in keys]


def remap_plain(remaps: list[tuple[int, tuple[int, ...], int]]) -> pl.Expr:
    """Rows of an earlier era whose pair resolved differently: their own key, one test of
    every row per remap."""
    expr = pl.col("agency_key")
    for key, periods, new in remaps:
        hit = (pl.col("agency_key") == key) & pl.col("period_key").is_in(list(periods))
        expr = pl.when(hit).then(pl.lit(new, dtype=pl.Int64)).otherwise(expr)
    return expr.alias("agency_key")


@given(
    eras=st.lists(st.integers(0, 3), min_size=1, max_size=12),  # per period key: its era
    remapped=st.sets(st.tuples(st.integers(0, 9), st.integers(1, 3)), max_size=12),
    rows=st.lists(st.tuples(st.integers(0, 10), st.integers(-1, 13)), max_size=200),
)
@settings(max_examples=300, deadline=None)
def test_remapped_agency_keys_are_the_plain_remaps(
    eras: list[int], remapped: set[tuple[int, int]], rows: list[tuple[int, int]]
) -> None:
    """Remaps as ``in_time`` makes them: per (agency key, earlier era) at most one, each
    era's periods its own; rows with keys and periods outside them too (-1: no period)."""
    periods = {e: tuple(p for p, era in enumerate(eras) if era == e) for e in set(eras)}
    remaps = [
        (key, periods[era], 100 + n)
        for n, (key, era) in enumerate(sorted(remapped))
        if periods.get(era)
    ]
    frame = pl.DataFrame(
        rows, schema={"agency_key": pl.Int64, "period_key": pl.Int64}, orient="row"
    )
    got = frame.select(TimedAgencies([], remaps=remaps).remap())
    assert got.equals(frame.select(remap_plain(remaps)))


@given(
    spans=st.dictionaries(
        st.integers(0, 12),
        st.tuples(st.none() | st.integers(0, 30), st.none() | st.integers(0, 30)),
        max_size=8,
    ),
    ends=st.lists(st.none() | st.integers(0, 30), min_size=1, max_size=10),
    rows=st.lists(st.tuples(st.integers(0, 14), st.integers(-1, 11)), max_size=100),
)
@settings(max_examples=300, deadline=None)
def test_out_of_time_rows_are_the_plain_span_checks(
    spans: dict[int, tuple[int | None, int | None]],
    ends: list[int | None],
    rows: list[tuple[int, int]],
) -> None:
    """Per row: its period's end (none: a period that did not parse; key -1: no period)
    before its agency's span begins or after it ends (an open side never)."""
    day = date(2025, 1, 1)

    def on(n: int | None) -> date | None:
        return None if n is None else day + timedelta(days=n)

    units = {k: Unit("x", "x", Span(on(a), on(b)), "units.csv", 2) for k, (a, b) in spans.items()}
    periods = pl.DataFrame(
        {"key": range(len(ends)), "period_end": [on(e) for e in ends]},
        schema={"key": pl.Int64, "period_end": pl.Date},
    )
    frame = pl.DataFrame(
        rows, schema={"agency_key": pl.Int64, "period_key": pl.Int64}, orient="row"
    )
    got = frame.select(TimedAgencies([], spans=units).out_of_time(periods)).to_series()

    def plain(agency: int, period: int) -> bool:
        end = on(ends[period]) if 0 <= period < len(ends) else None
        if agency not in spans or end is None:
            return False
        first, last = (on(b) for b in spans[agency])
        return (first is not None and end < first) or (last is not None and end > last)

    assert got.to_list() == [plain(a, p) for a, p in rows]


def numbers_read_whole_column(
    levels: list[str], typed: bool, counts: bool
) -> tuple[list[float | None], list[bool], dict[str, str], list[float | None]]:
    """The plain reference of ``read_numbers``: every text value weighed by ``read_column``,
    bare digits included."""
    values: list[float | None] = [None] * len(levels)
    written: list[Decimal | None] = [None] * len(levels)
    bad = [False] * len(levels)
    why: dict[str, str] = {}
    text = []
    for i, raw in enumerate(levels):
        if (problem := cell_problem(raw)) is not None:
            bad[i], why[raw] = True, problem
        elif raw.startswith(TYPED) or typed:
            num = held(typed_number(raw) if raw.startswith(TYPED) else stored_number(raw))
            values[i], bad[i], written[i] = (None if num is None else float(num)), num is None, num
            if (huge := too_large(num, shown(raw))) is not None:
                values[i], bad[i], why[raw] = None, True, huge
        else:
            text.append(i)
    column = read_column([levels[i] for i in text], integers=counts)
    for i, num, problem in zip(text, column.numbers, column.problems, strict=True):
        values[i], written[i] = (None if num is None else float(num)), num
        if problem := problem or too_large(num, levels[i]):
            values[i], bad[i], why[levels[i]] = None, True, problem
    exponents = [None if d is None else d.as_tuple().exponent for d in written]
    half = [
        None if e is None else 0.5 * 10.0 ** (e if isinstance(e, int) else 0) for e in exponents
    ]
    return values, bad, why, half


# cells as agencies write them: bare digits (leading zeros, long ones), either convention's
# groups and decimals, signs, percents, blanks, words, spaces around
NUMBER_TEXT = st.one_of(
    st.from_regex(r"[0-9]{1,18}", fullmatch=True),
    st.from_regex(r"-?[1-9][0-9]{0,2}([.,][0-9]{3}){0,3}([.,][0-9]{1,3})?%?", fullmatch=True),
    st.sampled_from(["", "-", "n/a", "x", "abc", " 12 ", "1 234", "0,5", "0.5", "1,100", "1.234"]),
)


@given(
    levels=st.lists(NUMBER_TEXT, max_size=40, unique=True),
    typed=st.booleans(),
    counts=st.booleans(),
)
@settings(max_examples=400, deadline=None)
def test_read_numbers_reads_bare_digits_as_the_column_would(
    levels: list[str], typed: bool, counts: bool
) -> None:
    values, bad, why, half = read_numbers(levels, typed, counts)
    assert (values.to_list(), bad.to_list(), why, half.to_list()) == numbers_read_whole_column(
        levels, typed, counts
    )


@given(
    eras=st.lists(st.integers(1, 3), min_size=1, max_size=12),
    remapped=st.sets(st.tuples(st.integers(0, 9), st.integers(1, 3)), max_size=12),
    spans=st.dictionaries(
        st.integers(0, 120),
        st.tuples(st.none() | st.integers(0, 30), st.none() | st.integers(0, 30)),
        max_size=12,
    ),
    ends=st.lists(st.none() | st.integers(0, 30), min_size=12, max_size=12),
    rows=st.lists(st.tuples(st.integers(0, 9), st.integers(-1, 11)), max_size=100),
)
@settings(max_examples=300, deadline=None)
def test_agencies_in_force_are_the_remap_then_the_span_check(
    eras: list[int],
    remapped: set[tuple[int, int]],
    spans: dict[int, tuple[int | None, int | None]],
    ends: list[int | None],
    rows: list[tuple[int, int]],
) -> None:
    """``in_force`` (a table per written key and period) gives each row what the remap
    and then the span check on the remapped key give it, row by row."""
    day = date(2025, 1, 1)

    def on(n: int | None) -> date | None:
        return None if n is None else day + timedelta(days=n)

    eras = (eras * 12)[:12]
    by_era = {e: tuple(p for p, era in enumerate(eras) if era == e) for e in set(eras)}
    remaps = [
        (key, by_era[era], 100 + n)
        for n, (key, era) in enumerate(sorted(remapped))
        if by_era.get(era)
    ]
    units = {k: Unit("x", "x", Span(on(a), on(b)), "units.csv", 2) for k, (a, b) in spans.items()}
    periods = pl.DataFrame(
        {"key": range(len(ends)), "period_end": [on(e) for e in ends]},
        schema={"key": pl.Int64, "period_end": pl.Date},
    )
    frame = pl.DataFrame(
        rows, schema={"agency_key": pl.Int64, "period_key": pl.Int64}, orient="row"
    ).lazy()
    timed = TimedAgencies([], spans=units, remaps=remaps)
    got = timed.in_force(frame, periods, 9).collect()
    plain = frame.with_columns(remap_plain(remaps))
    if timed.gone:
        plain = plain.with_columns(agency_gone=timed.out_of_time(periods))
    assert got.equals(plain.collect())


# a cell as a file gives it: text with quotes, backslashes, control characters and
# Vietnamese, a typed number, a formula without its value, or nothing
CELLS = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(['Sở "Y tế"', "a\\b", "dòng\nhai", "\x00", f"{TYPED}88.456", UNCACHED]),
    # at the edge of what JSON escapes: written as they are (DEL, a line separator, a
    # slash, an apostrophe) or escaped (the last control character, a tab), and a
    # yes/no cell (shown as what it shows)
    st.sampled_from(["\x7f", "a\u2028b", "1/2", "'1.234", "\x1f", "a\tb", f"{TYPED}!E5\tTRUE"]),
)
BODY_COLUMNS = (
    "province",
    "agency_raw",
    "indicator_raw",
    "period_raw",
    "numerator",
    "denominator",
    "value",
    "unit",
)


@given(rows=st.lists(st.tuples(*(CELLS for _ in BODY_COLUMNS)), max_size=30))
@settings(max_examples=200, deadline=None)
def test_raw_records_on_columns_are_each_rows_raw_record(
    rows: list[tuple[str | None, ...]],
) -> None:
    read = pl.DataFrame(rows, schema={c: pl.String for c in BODY_COLUMNS}, orient="row")
    plain = [raw_record(r) for r in read.iter_rows(named=True)]
    assert raw_records(read).to_list() == plain
    categorical = read.with_columns(pl.all().cast(pl.Categorical))  # as the body holds them
    assert raw_records(categorical).to_list() == plain


@given(
    table=st.one_of(
        st.lists(st.booleans(), max_size=6),
        st.lists(st.sampled_from([True, False]), min_size=1, max_size=6).map(
            lambda t: [t[0]] * len(t)  # one value throughout: no look-up
        ),
    ),
    null=st.sampled_from([None, True, False]),
    data=st.data(),
)
@settings(max_examples=300, deadline=None)
def test_by_code_gives_each_row_its_values_entry(
    table: list[bool], null: bool | None, data: st.DataObject
) -> None:
    """Each row the table's entry at its code, ``null`` where it has none, whatever the
    table holds (tables of one value are a constant or a look at the codes' nulls)."""
    code = st.none() | st.integers(0, len(table) - 1) if table else st.none()
    codes = data.draw(st.lists(code))
    frame = pl.DataFrame({"c": codes}, schema={"c": pl.UInt32})
    entry = by_code(pl.Series(table, dtype=pl.Boolean), "c", null)
    got = frame.select("c", x=entry).get_column("x")  # (a constant: as long as the rows)
    assert got.to_list() == [null if c is None else table[c] for c in codes]


NUMBER = st.none() | st.sampled_from([-2.0, -0.0, 0.0, 0.5, 1.0, 3.0, 100.0, 250.0])


@given(
    numbers=st.fixed_dictionaries(
        {r: st.lists(NUMBER, max_size=5) for r in ("numerator", "denominator", "value")}
    ),
    percent=st.lists(st.booleans(), min_size=1, max_size=3),
    data=st.data(),
)
@settings(max_examples=400, deadline=None)
def test_problems_without_the_impossible_tests_are_the_same(
    numbers: dict[str, list[float | None]], percent: list[bool], data: st.DataObject
) -> None:
    """Leaving out the tests ``impossible`` finds no row can meet (from the distinct
    numbers and whether any row is in percent) fails exactly the rows all tests fail."""
    roles = list(numbers)
    rows = data.draw(
        st.lists(
            st.tuples(
                *(
                    st.none() | st.integers(0, len(numbers[r]) - 1) if numbers[r] else st.none()
                    for r in roles
                ),
                st.integers(0, len(percent) - 1),
                st.floats(0, 1),
            ),
            max_size=40,
        )
    )
    frame = pl.DataFrame(
        [
            (
                *(None if c is None else numbers[r][c] for r, c in zip(roles, row, strict=False)),
                percent[row[3]],
                row[4],
            )
            for row in rows
        ],
        schema={
            **dict.fromkeys(roles, pl.Float64),
            "percent": pl.Boolean,
            "value_tolerance": pl.Float64,
        },
        orient="row",
    ).with_columns(
        pl.lit(False).alias(c)
        for c in (
            "province_unknown",
            "agency_blank",
            "indicator_blank",
            "period_bad",
            "value_bad",
            "numerator_bad",
            "denominator_bad",
        )
    )
    tables = {r: pl.Series(v, dtype=pl.Float64) for r, v in numbers.items()}
    never = impossible(tables, any(percent))
    assert frame.select(has_problem((), never)).equals(frame.select(has_problem()))


@given(
    pairs=st.lists(st.tuples(st.none() | st.integers(0, 6), st.none() | st.integers(0, 4))),
)
@settings(max_examples=300, deadline=None)
def test_distinct_pair_keys_are_the_pairs_the_rows_hold(
    pairs: list[tuple[int | None, int | None]],
) -> None:
    frame = pl.DataFrame(pairs, schema={"a": pl.UInt32, "b": pl.UInt32}, orient="row")
    got = distinct_pair_keys(frame, null_as_last(pl.col("a"), 7), pl.col("b"), 5)
    want = {(7 if a is None else a, 5 if b is None else b) for a, b in pairs}
    assert [split_pair_key(k, 5) for k in got.to_list()] == sorted(want)


@given(
    eras=st.lists(st.integers(1, 3), min_size=1, max_size=8),  # per period key: its era
    remapped=st.sets(st.tuples(st.integers(0, 5), st.integers(1, 3)), max_size=8),
    said=st.lists(st.tuples(st.integers(0, 5), st.integers(1, 3)), max_size=12),
    rows=st.lists(st.tuples(st.integers(0, 5), st.none() | st.integers(0, 7)), max_size=60),
)
@settings(max_examples=300, deadline=None)
def test_notes_are_those_about_agencies_with_rows_in_their_era(
    eras: list[int],
    remapped: set[tuple[int, int]],
    said: list[tuple[int, int]],
    rows: list[tuple[int, int | None]],
) -> None:
    """A note about an (agency, era) - the agency as ``in_time`` keys it in that era,
    remapped or not - is kept when a row of it has a period in that era: the rows
    remapped one by one (``remap_plain``), then looked through."""
    eras = (eras * 8)[:8]
    by_era = {e: tuple(p for p, era in enumerate(eras) if era == e) for e in set(eras)}
    new = {(key, era): 100 + n for n, (key, era) in enumerate(sorted(remapped)) if era in by_era}
    remaps = [(key, by_era[era], k) for (key, era), k in new.items()]
    notes = [
        (new.get((key, era), key), by_era[era], f"note {i}")  # about the key of that era
        for i, (key, era) in enumerate(said)
        if era in by_era
    ]
    timed = TimedAgencies([], remaps=remaps, said=notes)
    frame = pl.DataFrame(
        [(a, -1 if p is None else p) for a, p in rows],
        schema={"agency_key": pl.Int64, "period_key": pl.Int64},
        orient="row",
    )
    after = frame.select(remap_plain(remaps), "period_key").rows()
    want = tuple(
        dict.fromkeys(note for key, era, note in notes if any((key, p) in after for p in era))
    )
    codes = pl.DataFrame(rows, schema={"a": pl.UInt32, "p": pl.UInt32}, orient="row")
    held = distinct_pair_keys(codes, null_as_last(pl.col("a"), 6), pl.col("p"), 8)
    assert timed.notes_for(held, 8) == want


# rows that fail one test of ``has_problem`` alone (numerator, denominator, value, percent):
# the distinct numbers are the row's, so ``impossible`` must keep that test
ONE_TEST_FAILS = [
    (0.0, 0.0, 3.0, False),  # denominator zero
    (None, None, -2.0, False),  # negative value
    (-2.0, 3.0, None, False),  # negative numerator
    (3.0, 0.5, None, False),  # numerator over denominator
    (None, None, 250.0, True),  # a share over 100
    (0.5, 1.0, 3.0, False),  # counts and value disagree
    (0.5, None, None, False),  # half of a pair of counts
    (None, None, None, False),  # no figure
]


CHECKED = ("province_unknown", "agency_blank", "indicator_blank", "period_bad", "value_bad")
CHECKED += ("numerator_bad", "denominator_bad")  # the checks on distinct values: none fails


@pytest.mark.parametrize(("num", "den", "val", "percent"), ONE_TEST_FAILS)
def test_the_one_test_a_row_fails_is_never_left_out(
    num: float | None, den: float | None, val: float | None, percent: bool
) -> None:
    frame = pl.DataFrame(
        [(num, den, val, percent, 0.0, *[False] * 7)],
        schema={
            "numerator": pl.Float64,
            "denominator": pl.Float64,
            "value": pl.Float64,
            "percent": pl.Boolean,
            "value_tolerance": pl.Float64,
            **dict.fromkeys(CHECKED, pl.Boolean),
        },
        orient="row",
    )
    tables = {c: frame[c].drop_nulls() for c in ("numerator", "denominator", "value")}
    never = impossible(tables, percent)
    assert frame.select(has_problem((), never)).item() is True


@given(
    cells=st.lists(st.one_of(st.none(), st.sampled_from(["95", "1.200", "85,5", "12 TTHC"]))),
    foreign=st.lists(st.text(min_size=1, max_size=5), max_size=5),
)
@settings(max_examples=200, deadline=None)
def test_a_columns_distinct_values_are_its_own(cells: list[str | None], foreign: list[str]) -> None:
    # strings another column or an earlier file put in the process's shared categories are
    # never a column's values (its convention is proved on them, its levels read from them)
    pl.Series(foreign, dtype=pl.String).cast(pl.Categorical)
    plain = set(pl.Series(cells, dtype=pl.String).drop_nulls().to_list())
    for column in (
        pl.Series(cells, dtype=pl.String).cast(own_categorical()),
        pl.Series(cells, dtype=pl.String),
    ):
        assert set(distinct_values(column).to_list()) == plain
