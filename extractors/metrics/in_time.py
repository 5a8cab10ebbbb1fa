"""A metric file's agencies resolved in time (the reference data with time).

A file may report periods on both sides of a change (2023 and 2026 in one long CSV). Its
periods are grouped into eras, the spans between the days the reference data changes
(01/03/2025, 01/07/2025, ...); each distinct (province, agency) pair resolves once per era
the file reports, at the era's latest period end: a province that ceased maps to its
successor, with a note; a name maps to the unit in force then, or, when none is, to the
unit of another time it names. Where an earlier era resolves differently ("Sở Nội vụ" in
2023 is not the merged Sở Nội vụ of 2026; "Long An" in 2023 is not yet Tây Ninh), that era's
rows get a key of their own. Each row is then checked against its own period: a row whose
period ends outside the span of its agency's unit is rejected with the reason ("UBND cấp
huyện" in a 2026 report: cấp huyện ended on 30/06/2025). A period that straddles a change
belongs to the unit in force at its end, with a note. A file within one era (the usual
case) costs nothing more than before.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta

import polars as pl

from extractors.metrics.encode import DENSE_TABLE, lookup
from extractors.reference_time import Reference, Unit
from extractors.resolve_in_time import TimedResolver, timed_resolver
from extractors.resolve_names import Entry
from extractors.resolve_province import is_province, resolve_province


@dataclass(frozen=True)
class Era:
    periods: tuple[int, ...]  # period keys whose end falls in it
    first: date  # earliest period start
    last: date  # latest period end: the day names resolve at


@dataclass
class TimedAgencies:
    resolved: list[tuple[int, str | None, str | None, str | None]]  # key, province, raw, code
    spans: dict[int, Unit] = field(default_factory=dict)  # keys whose rows need a span check
    remaps: list[tuple[int, tuple[int, ...], int]] = field(default_factory=list)
    # (an agency key as the rows hold it after the remap, the era's period keys, a note)
    said: list[tuple[int, tuple[int, ...], str]] = field(default_factory=list)

    def notes_for(self, held: pl.Series, periods: int) -> tuple[str, ...]:
        """The notes about the (agency, era) pairs the rows hold: every agency is resolved
        in every era of the file, but a note about an era an agency has no row in says
        nothing about its figures. ``held``: the (agency key as written, period key) pairs
        the rows hold, as ``pair_key``s (``periods``: the period keys' count, a row without
        one the last); a remapped key's rows are its written key's rows of that era."""
        if not self.said:
            return ()
        numbers: dict[tuple[int, ...], int] = {}  # an era's periods -> its number, from 1
        era_of: dict[int, int] = {}  # period key -> its era's number (eras share no period)
        for _, era, _ in self.said:
            if era not in numbers:
                numbers[era] = len(numbers) + 1
                era_of |= dict.fromkeys(era, numbers[era])
        n = len(numbers) + 1
        agency, period = pl.col("pair") // (periods + 1), pl.col("pair") % (periods + 1)
        eras = pl.DataFrame({"pair": held}).select(agency * n + lookup(period, era_of, 0, pl.Int64))
        found = set(eras.to_series().unique().to_list())
        written = {new: key for key, _, new in self.remaps}
        return tuple(
            dict.fromkeys(
                note
                for key, era, note in self.said
                if written.get(key, key) * n + numbers[era] in found
            )
        )

    @property
    def gone(self) -> bool:
        return bool(self.spans)

    def remap(self) -> pl.Expr:
        """Rows of an earlier era whose pair resolved differently: their own key. Each row
        looks its era up by its period key, then its (agency key, era) pair among the
        remapped pairs - a few per distinct name - in tables (``lookup``): eras share no
        period, and a key is remapped at most once per era."""
        era_of: dict[int, int] = {}  # period key -> its era's number (0: no remap)
        numbers: dict[tuple[int, ...], int] = {}
        for _, periods, _ in self.remaps:
            if periods not in numbers:
                numbers[periods] = len(numbers) + 1
                era_of |= dict.fromkeys(periods, numbers[periods])
        n = len(numbers) + 1
        agency = pl.col("agency_key")
        era = lookup(pl.col("period_key"), era_of, 0, pl.Int64)
        moves = {key * n + numbers[periods]: new for key, periods, new in self.remaps}
        return lookup(agency * n + era, moves, agency, pl.Int64).alias("agency_key")

    def out_of_time(self, periods: pl.DataFrame) -> pl.Expr:
        """Per row: its period ends outside the span of its agency's unit (each looked up
        by key in a table: ``lookup``)."""
        ends = lookup(
            pl.col("period_key"),
            dict(zip(periods["key"], periods["period_end"], strict=True)),
            None,
            pl.Date,
        )

        def bound(get: str) -> pl.Expr:
            spans = {k: getattr(u.span, get) for k, u in self.spans.items()}
            return lookup(pl.col("agency_key"), spans, None, pl.Date)

        return ((ends < bound("valid_from")) | (ends > bound("valid_to"))).fill_null(False)

    def in_force(self, rows: pl.LazyFrame, periods: pl.DataFrame, top: int) -> pl.LazyFrame:
        """The rows with their agency key after the remap (``remap``) and, where spans are
        checked, whether their period ends outside their agency's span (``agency_gone``:
        ``out_of_time``). Both depend only on a row's written agency key (0 to ``top``)
        and its period key (-1: no period), so they are worked out once per such pair, in
        a table each row gathers its entry from; a table wider than ``DENSE_TABLE`` is not
        laid out, and the rows take the remap and the span check themselves."""
        width = periods.height + 1  # period keys -1 .. height - 1
        if (top + 1) * width > DENSE_TABLE:
            if self.remaps:
                rows = rows.with_columns(self.remap())
            if self.gone:  # on the remapped key
                rows = rows.with_columns(agency_gone=self.out_of_time(periods))
            return rows
        pairs = pl.DataFrame(
            {"pair": pl.int_range((top + 1) * width, dtype=pl.Int64, eager=True)}
        ).select(agency_key=pl.col("pair") // width, period_key=pl.col("pair") % width - 1)
        if self.remaps:
            pairs = pairs.with_columns(self.remap())
        entry = pl.col("agency_key").cast(pl.Int64) * width + pl.col("period_key") + 1
        looked_up = {}
        if self.remaps:
            looked_up["agency_key"] = pl.lit(pairs["agency_key"]).gather(entry)
        if self.gone:
            gone = pairs.select(self.out_of_time(periods)).to_series()
            looked_up["agency_gone"] = pl.lit(gone).gather(entry)
        return rows.with_columns(**looked_up)

    def reasons(self) -> dict[int, str]:
        return {
            k: f"agency {u.name!r} ({u.code}) is in force only {u.span.describe()}, not at "
            f"this row's period (the 2025 reorganisation) [{u.source}]"
            for k, u in self.spans.items()
        }


def eras(periods: pl.DataFrame, reference: Reference) -> list[Era]:
    """The file's periods grouped by the spans between changes, latest first."""
    changes = sorted(
        {u.span.valid_from for u in reference.units if u.span.valid_from}
        | {u.span.valid_to + timedelta(days=1) for u in reference.units if u.span.valid_to}
    )
    groups: dict[int, list[tuple[int, date, date]]] = {}
    for key, start, end in periods.select("key", "period_start", "period_end").iter_rows():
        if end is not None:
            groups.setdefault(bisect.bisect_right(changes, end), []).append((key, start, end))
    return [
        Era(tuple(k for k, _, _ in g), min(s for _, s, _ in g), max(e for _, _, e in g))
        for _, g in sorted(groups.items(), reverse=True)
    ]


def in_time(
    pairs: list[tuple[int, str | None, str | None]],
    title_province: str | None,
    periods: pl.DataFrame,
    agencies: list[Entry],
    reference: Reference,
) -> TimedAgencies | None:
    """None when the file has no period that parses (its rows are rejected anyway)."""
    found = eras(periods, reference)
    if not found:
        return None
    resolvers: dict[str | None, TimedResolver] = {}
    provinces: dict[tuple[str, date], tuple[str, str | None]] = {}  # -> name, note

    def place(
        prov: str | None, raw: str | None, era: Era
    ) -> tuple[str | None, str | None, list[str]]:
        """Where a row of ``prov`` and agency ``raw`` belongs in ``era``: the province, the
        agency's code (or the unit it named of another time), and what to note about it."""
        said: list[str] = []
        where = prov
        if prov:
            if (prov, era.last) not in provinces:
                p = resolve_province(prov, era.last, reference)
                why = (
                    f"province {prov!r} in a report up to {era.last}: {p.note}" if p.note else None
                )
                provinces[prov, era.last] = (p.name or prov, why)
            where, why = provinces[prov, era.last]
            said += [why] if why else []
        if raw is None:
            return where, None, said
        if where not in resolvers:
            resolvers[where] = timed_resolver(reference, agencies, where)
        res = resolvers[where].resolve(raw, era.last, era.first)
        if res.note:
            said.append(f"agency {raw!r}: {res.note}")
        return where, res.code or res.other, said

    out = TimedAgencies([])
    next_key = max((k for k, _, _ in pairs), default=-1) + 1
    for key, prov, raw in pairs:
        latest: tuple[str | None, str | None] | None = None
        for era in found:
            where, code, said = place(prov or title_province, raw, era)
            if latest is None:
                latest, this = (where, code), key
                out.resolved.append((key, where, raw, code))
            elif (where, code) == latest:
                this = key
            else:
                this, next_key = next_key, next_key + 1
                out.resolved.append((this, where, raw, code))
                out.remaps.append((key, era.periods, this))
            out.said += [(this, era.periods, note) for note in said]
            unit = reference.unit(code) if code else None
            if unit is not None and not (
                unit.span.covers(era.first) and unit.span.covers(era.last)
            ):
                out.spans[this] = unit
    return out


def unknown_provinces(values: list[str], where: str, reference: Reference) -> dict[str, str]:
    """The distinct values of a Tỉnh column (or the title's province: ``where`` says which)
    that name no province of any time, each with the reason its rows are rejected (a
    misplaced agency, a commune, a typo: rows that would load under a province no mart
    knows). Spellings of a real name resolve ("Tay Ninh", "TP HCM", "tỉnh Long An"); a
    value is judged once, however many rows hold it."""
    return {
        raw: f"province {raw!r} ({where}) is not a province the reference data "
        "knows (reference/provinces.csv: its names and aliases)"
        for raw in values
        if raw.strip() and not is_province(raw, reference)
    }


def title_province_known(name: str | None, reference: Reference) -> str | None:
    """The title's province (``layout.title_province``), its words before a dash when only
    those name a province: "TỈNH LONG AN - TỶ LỆ HÀI LÒNG" is Long An, a dash that may join
    a name's two halves ("Bà Rịa - Vũng Tàu") closing the name there instead.

    >>> from extractors.reference import BUNDLED, load_reference
    >>> ref = load_reference(BUNDLED)
    >>> title_province_known("Long An - Tỷ Lệ", ref), title_province_known("Bà Rịa - Vũng Tàu", ref)
    ('Long An', 'Bà Rịa - Vũng Tàu')
    """
    if name is None or is_province(name, reference):
        return name
    head = name.split(" - ")[0]
    return head if head != name and is_province(head, reference) else name
