"""Distinct values and per-row codes: a column becomes the list of its distinct values and,
per row, the index of its value, so that everything after works on the distinct values,
however many rows repeat them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import polars as pl


def encode(
    frame: pl.DataFrame, columns: list[str], order: dict[str, Callable[[str], Any]]
) -> tuple[dict[str, list[str]], pl.DataFrame]:
    """Each column's distinct values (in the order ``order[column]`` gives, where given) and,
    per row, the index of its value (null stays null): everything after this works on the
    distinct values, however many rows repeat them.

    A Categorical with categories of its own numbers the distinct values as it meets them
    (its physical codes); ``read_body`` gives Categoricals already, other columns are cast."""
    present = [c for c in columns if frame[c].null_count() < frame.height]
    cats = frame.select(
        pl.col(c)
        if isinstance(frame[c].dtype, pl.Categorical)
        else pl.col(c).cast(own_categorical())
        for c in present
    )
    levels: dict[str, list[str]] = {c: [] for c in columns}
    codes = {  # a column with no value at all: null codes (made only for those)
        c: pl.repeat(None, frame.height, dtype=pl.UInt32, eager=True)
        for c in columns
        if c not in present
    }
    for c in present:
        seen = cats[c].dtype.categories.to_series()  # type: ignore[attr-defined]
        physical = cats[c].to_physical()
        if seen.null_count():  # categories not yet given a value: never in practice
            raise RuntimeError(f"incomplete categories for {c}")
        names = seen.to_list()
        if c in order:  # renumber: the value's rank in the wanted order
            ranked = sorted(range(len(names)), key=lambda i: order[c](names[i]))
            physical = renumber_codes(physical, ranks(ranked))
            names = [names[i] for i in ranked]
        levels[c], codes[c] = names, physical
    return levels, pl.DataFrame([codes[c].alias(c) for c in columns])


def own_categorical() -> pl.Categorical:
    """A Categorical type with categories of its own: they are the values its column meets,
    in the order met (the process's shared categories also hold every other column's and
    every earlier file's strings, which are not this column's values)."""
    return pl.Categorical(pl.Categories.random())


def flags(values: list[str], test: Callable[[str], bool]) -> pl.Series:
    """``test`` of each distinct value, as a table indexed by the value's code."""
    return pl.Series([test(v) for v in values], dtype=pl.Boolean)


def distinct_values(column: pl.Series) -> pl.Series:
    """A column's distinct values as text, nulls left out: a Categorical of its own
    categories (``own_categorical``) lists them without a pass over its rows; they may
    include values of rows dropped since (callers look values up, never count them)."""
    if isinstance(column.dtype, pl.Categorical):
        return column.dtype.categories.to_series().drop_nulls()
    return column.drop_nulls().unique().cast(pl.String)


def rewritten(frame: pl.DataFrame, spelled: dict[str, dict[str, str]]) -> pl.DataFrame:
    """``frame`` with each column of ``spelled`` rewritten, value by value (a value not in
    its mapping kept), each column still of categories of its own."""
    return frame.with_columns(
        pl.col(c).cast(pl.String).replace(mapping).cast(own_categorical())
        for c, mapping in spelled.items()
    )


def ranks(ranked: list[int]) -> list[int]:
    """The inverse of an ordering: ``ranked`` lists old codes in their new order; the result
    gives, per old code, its new one."""
    rank = [0] * len(ranked)
    for new, old in enumerate(ranked):
        rank[old] = new
    return rank


def renumber_codes(codes: pl.Series, new_of_old: list[int]) -> pl.Series:
    """Per row, the new code of its old one (null stays null): one gather from a table as
    long as the distinct values, never a pass that looks at the values themselves."""
    return pl.Series(new_of_old, dtype=pl.UInt32).gather(codes)


def null_as_last(code: pl.Expr, n: int) -> pl.Expr:
    """A value code with null as its own last code ``n`` (a column with ``n`` values)."""
    return code.cast(pl.Int64).fill_null(n)


def pair_key(first: pl.Expr, second: pl.Expr, n_second: int) -> pl.Expr:
    """One integer per (first, second) pair: ``first * (n_second + 1) + second``, with a
    null ``second`` as ``n_second``. ``first`` holds no null (a code given ``null_as_last``
    or another pair key). Keys of codes stay dense: below the product of the sides'
    sizes, so ``distinct_keys`` can mark them in a table."""
    return first * (n_second + 1) + null_as_last(second, n_second)


def split_pair_key(key: int, n_second: int) -> tuple[int, int]:
    """(first, second) of a ``pair_key`` (the inverse)."""
    return divmod(key, n_second + 1)


def pairs(
    keys: pl.Series, firsts: list[str], seconds: list[str]
) -> list[tuple[int, str | None, str | None]]:
    """The distinct (first, second) values the rows' pair keys stand for (``pair_key`` of
    value codes; the last code of a side is null)."""
    a, b = [*firsts, None], [*seconds, None]
    out = []
    for k in distinct_keys(keys).to_list():
        i, j = split_pair_key(k, len(seconds))
        out.append((k, a[i], b[j]))
    return out


def distinct_pair_keys(codes: pl.DataFrame, first: pl.Expr, second: pl.Expr, n: int) -> pl.Series:
    """The distinct ``pair_key``s of (``first``, ``second``: a value code of ``n`` values)
    the rows of ``codes`` hold, in order: one look at the rows, however many repeat a pair."""
    return distinct_of(codes, pair_key(first, second, n))


# rows a pass over every row's key takes at a time: a large file's keys are never all
# held at once, only each slice's distinct ones
KEY_SLICE = 4_000_000


def distinct_of(codes: pl.DataFrame, key: pl.Expr) -> pl.Series:
    """The distinct values of an integer ``key`` over the rows of ``codes``, in order,
    worked out slice by slice."""
    found = [
        distinct_keys(codes.slice(i, KEY_SLICE).lazy().select(key).collect().to_series())
        for i in range(0, max(codes.height, 1), KEY_SLICE)
    ]
    return found[0] if len(found) == 1 else pl.concat(found).unique().sort()


def distinct_keys(keys: pl.Series) -> pl.Series:
    """The distinct values of integer keys, in order. Keys made of value codes are dense
    (none far above the number of rows), so they are marked in a table of booleans, which
    needs no hashing; sparse or negative keys are hashed."""
    low, top = keys.min(), keys.max()
    if low is None or top is None:
        return keys.clear()
    assert isinstance(low, int) and isinstance(top, int)
    if low < 0 or top > 4 * len(keys) + 1024:
        return keys.unique().sort()
    return _marked(keys, top).arg_true().cast(keys.dtype)


def count_distinct_keys(keys: pl.Series) -> int:
    """How many distinct values integer keys hold (``distinct_keys``' length, without
    listing them: a file whose rows' keys are all distinct - the usual case - is told by
    this count alone)."""
    low, top = keys.min(), keys.max()
    if low is None or top is None:
        return 0
    assert isinstance(low, int) and isinstance(top, int)
    if low < 0 or top > 4 * len(keys) + 1024:
        return keys.n_unique()
    return int(_marked(keys, top).sum())


def _marked(keys: pl.Series, top: int) -> pl.Series:
    """A table of booleans over ``0..top``, true at each key (dense keys, none negative)."""
    return pl.repeat(False, top + 1, dtype=pl.Boolean, eager=True).scatter(keys, True)


class SeenKeys:
    """The keys of a large file's slices so far, told apart as they come: one boolean per
    possible key (a file's row keys are made of value codes, so they are dense), never a
    hash of every key. ``most``: the widest table of booleans kept (bit-packed: 8 keys a
    byte); keys past it, or negative, cannot be told here."""

    def __init__(self, most: int) -> None:
        self.most = most
        self.marked = pl.Series(dtype=pl.Boolean)
        self.count = 0  # keys marked so far (each once, while none repeats)

    def add(self, keys: pl.Series) -> bool | None:
        """Mark a slice's keys: whether one repeats a key of an earlier slice or of its
        own; None when they cannot be marked (then the caller tells repeats another way)."""
        low, top = keys.min(), keys.max()
        if low is None or top is None:
            return False
        assert isinstance(low, int) and isinstance(top, int)
        if low < 0 or top >= self.most:
            return None
        if top >= self.marked.len():  # grown by doubling: a few copies for a whole file
            wider = min(self.most, max(top + 1, 2 * self.marked.len()))
            grown = pl.repeat(False, wider - self.marked.len(), dtype=pl.Boolean, eager=True)
            self.marked = pl.concat([self.marked, grown]).rechunk()
        if self.marked.gather(keys).any():
            return True
        self.marked = self.marked.scatter(keys, True)
        self.count += keys.len()
        return int(self.marked.sum()) != self.count  # fewer marked: a key twice in the slice


def seen_keys(most: int) -> SeenKeys:
    """No key seen yet (``SeenKeys``)."""
    return SeenKeys(most)


def key_table(rows: Sequence[tuple[object, ...]], names: tuple[str, ...]) -> pl.DataFrame:
    """A file's key table: an integer key and text columns."""
    schema = {"key": pl.Int64} | {n: pl.String for n in names}
    return pl.DataFrame(rows, schema=schema, orient="row")


def by_code(table: pl.Series, column: str, null: object = None) -> pl.Expr:
    """Per row, the entry of ``table`` (one per distinct value of ``column``) at the row's
    code; ``null`` where the row has no value. A table whose every entry is ``null`` (the
    usual case for a check: no bad value at all) is a constant, with no pass over the rows;
    a table of one value is that value where the row has a value, looked up nowhere."""
    if table.len() == 0 or (null is not None and bool((table == null).all())):
        return pl.lit(null, dtype=table.dtype)
    code = pl.col(column)
    one = table[0]
    if one is not None and not table.null_count() and bool((table == one).all()):
        if table.dtype == pl.Boolean and null is (not one):  # a check: whether a value is
            return code.is_null() if null else code.is_not_null()
        value, otherwise = pl.lit(one, dtype=table.dtype), pl.lit(null, dtype=table.dtype)
        return pl.when(code.is_not_null()).then(value).otherwise(otherwise)
    entry = pl.lit(table).gather(code)
    return entry if null is None else entry.fill_null(null)


# The widest key range ``lookup`` lays out as a table (entries): such a table costs little
# next to the rows that read it; a wider range of keys is hashed instead.
DENSE_TABLE = 1 << 22


def lookup(
    keys: pl.Expr,
    mapping: Mapping[int, Any],
    default: Any,
    dtype: pl.DataType | type[pl.DataType],
) -> pl.Expr:
    """Per row, what ``mapping`` gives its integer key, else ``default`` (a value or an
    expression; a key mapped to null reads the default too; keys hold no null). The
    mapping's keys are value codes or keys made of them, a few close together: their values
    are laid out in a table from the smallest key to the largest, and each row gathers its
    entry - no hashing of the rows. A range wider than ``DENSE_TABLE`` is hashed."""
    otherwise = default if isinstance(default, pl.Expr) else pl.lit(default, dtype=dtype)
    low, high = (min(mapping), max(mapping)) if mapping else (0, 0)
    if high - low >= DENSE_TABLE:
        hashed = keys.replace_strict(
            list(mapping), list(mapping.values()), default=None, return_dtype=dtype
        )
        return pl.coalesce(hashed, otherwise)
    table = pl.repeat(None, high - low + 1, dtype=dtype, eager=True).scatter(
        [k - low for k in mapping], pl.Series(list(mapping.values()), dtype=dtype)
    )
    index = keys.cast(pl.Int64) - low
    entry = pl.lit(table).gather(index.clip(0, high - low))
    return pl.coalesce(pl.when(index.is_between(0, high - low)).then(entry), otherwise)
