"""Numbers written as text, column by column: the convention the column proves, or a
refusal that names the value (never a guess per cell)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import extractors.number_columns as nc
from extractors.number_columns import Column, read_column, readings

D = Decimal
COLUMNS: list[tuple[list[str | None], str, list[Decimal | None], list[str]]] = [
    # a Vietnamese report: dots group thousands, the comma marks decimals
    (["1.234,5", "1.234", "88,4"], "vi", [D("1234.5"), D("1234"), D("88.4")], []),
    # an English export: "1,100" is eleven hundred, not 1.1
    (["1,100", "2,345.5", "17"], "en", [D("1100"), D("2345.5"), D("17")], []),
    # a share with three decimals in a Vietnamese column stays a share
    (["88,456", "0,5"], "vi", [D("88.456"), D("0.5")], []),
    # 0,125 is no thousands group: a Vietnamese decimal
    (["0,125", "1,100"], "vi", [D("0.125"), D("1.1")], []),
    # 52.5 can only be English: 1.234 beside it is one point two three four
    (["52.5", "1.234"], "en", [D("52.5"), D("1.234")], []),
    # whole numbers read the same either way: nothing to prove
    (["100", "-7", "1 234", "12%"], "either", [D("100"), D("-7"), D("1234"), D("12")], []),
    # blanks and dashes are no value, not a problem
    (["", "-", None, "5"], "either", [None, None, None, D("5")], []),
    # "1,100" and "2,500" alone: eleven hundred or 1.1? refused, not guessed
    (["1,100", "2,500", "300"], "ambiguous", [None, None, D("300")], ["1,100", "2,500"]),
    # "1,100" beside "1.234,5": the column mixes the conventions
    (["1,100", "1.234,5", "9"], "mixed", [None, None, D("9")], ["1,100", "1.234,5"]),
    # 52,5 beside 52.5: mixed
    (["52,5", "52.5"], "mixed", [None, None], ["52,5", "52.5"]),
    # a word in a number column is not a number
    (["12", "mười"], "either", [D("12"), None], ["mười"]),
    # two decimal commas are nothing
    (["1,2,3", "4"], "either", [None, D("4")], ["1,2,3"]),
]


@pytest.mark.parametrize(("values", "convention", "numbers", "refused"), COLUMNS)
def test_columns(
    values: list[str | None], convention: str, numbers: list[Decimal | None], refused: list[str]
) -> None:
    col = read_column(values)
    assert col.convention == convention
    assert list(col.numbers) == numbers
    assert [v for v, p in zip(values, col.problems, strict=True) if p] == refused
    assert all(f"'{v}'" in p for v, p in zip(values, col.problems, strict=True) if p and v)


def test_problems_name_both_readings_or_both_conventions() -> None:
    assert read_column(["1,100"]).problems[0] == (
        "'1,100' reads 1100 (English) or 1.1 (Vietnamese) and the column proves neither"
    )
    assert "'1.234,5'" in (read_column(["1,100", "1.234,5"]).problems[0] or "")


def _grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def _write(value: Decimal, convention: str, group: bool) -> str:
    whole, _, frac = f"{abs(value):f}".partition(".")
    frac = frac.rstrip("0")  # as a person writes it: 1,5 not 1,500
    g, d = (".", ",") if convention == "vi" else (",", ".")
    text = _grouped(int(whole), g) if group else whole
    return ("-" if value < 0 else "") + text + (d + frac if frac else "")


# (two decimals at most: "1,125" beside "1.234.567,5" is refused as mixed, by design)
values = st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False)
proofs = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False).filter(
    lambda d: d != d.to_integral_value()
)


@given(
    st.lists(values, min_size=1, max_size=20), proofs, st.sampled_from(["vi", "en"]), st.booleans()
)
def test_a_column_in_one_convention_with_a_proof_reads_back(
    numbers: list[Decimal], proof: Decimal, convention: str, group: bool
) -> None:
    # a value with one or two decimals proves its convention ("52,5" / "52.5")
    column = [*numbers, proof]
    col = read_column([_write(v, convention, group) for v in column])
    assert col.convention in (convention, "either")
    assert [n for n in col.numbers] == [Decimal(v) for v in column]


@given(
    st.lists(st.integers(min_value=1000, max_value=999_999), min_size=1, max_size=20),
    st.sampled_from([",", "."]),
)
def test_a_column_that_proves_nothing_is_refused_as_ambiguous(numbers: list[int], sep: str) -> None:
    # "1,234" / "1.234" and nothing else: eleven hundred or one point one?
    col = read_column([_grouped(n, sep) for n in numbers])
    assert col.convention == "ambiguous"
    assert all(n is None for n in col.numbers) and all(col.problems)


# read_column reads each distinct text once, whatever column it is in (a file's numerator
# and denominator columns mostly hold the same counts): checked against the plain reading,
# every value of every column read afresh, on columns read one after another.
def plain_read_column(values: list[str | None], integers: bool = False) -> Column:
    read = [None if v is None else nc._whole(readings(v), integers) for v in values]
    vi = [v for v, r in zip(values, read, strict=True) if r and r[0] is not None and r[1] is None]
    en = [v for v, r in zip(values, read, strict=True) if r and r[1] is not None and r[0] is None]
    ambiguous = any(r and None not in r and r[0] != r[1] for r in read)
    vi_grouped = [v for v in values if v and nc._VI_GROUPED.fullmatch(nc._bare(v))]
    en_grouped = [v for v in values if v and nc._EN_GROUPED.fullmatch(nc._bare(v))]
    vi_proof, en_proof = (vi or [None])[0], (en or [None])[0]
    if vi and en:
        convention = "mixed"
    elif vi_grouped and en_grouped:
        convention, vi_proof, en_proof = "mixed", vi_grouped[0], en_grouped[0]
    elif vi or en:
        convention = "vi" if vi else "en"
    else:
        convention = "ambiguous" if ambiguous else "either"
    judged = [
        nc._judge(raw, r, convention, vi_proof, en_proof)
        for raw, r in zip(values, read, strict=True)
    ]
    return Column(convention, tuple(n for n, _ in judged), tuple(p for _, p in judged))


_TEXT = st.one_of(
    st.none(),
    st.text(alphabet="0123456789.,- %\u00a0", max_size=12),
    st.sampled_from(["1.100", "1,100", "52,5", "52.5", "1.234,5", "1,234.5", "7", "", "-", "x"]),
)


@given(
    columns=st.lists(st.lists(_TEXT, max_size=12), min_size=1, max_size=4),
    integers=st.lists(st.booleans(), min_size=4, max_size=4),
)
def test_columns_read_one_after_another_read_as_each_alone(
    columns: list[list[str | None]], integers: list[bool]
) -> None:
    for values, counts in zip(columns, integers, strict=False):
        assert read_column(values, counts) == plain_read_column(values, counts)


@given(text=_TEXT.filter(lambda t: t is not None), integers=st.booleans())
def test_a_value_reading_is_its_readings_and_shapes(text: str, integers: bool) -> None:
    bare = nc._bare(text)
    assert nc.value_reading(text, integers) == (
        nc._whole(readings(text), integers),
        bool(text and nc._VI_GROUPED.fullmatch(bare)),
        bool(text and nc._EN_GROUPED.fullmatch(bare)),
    )
