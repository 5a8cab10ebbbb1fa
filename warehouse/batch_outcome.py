"""What a batch did, read back from the warehouse once its files are written: the figures
kept out of the marts, what corrections replaced (and submissions nothing orders), the files
loaded as history."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb

from warehouse.corrections import Replaced
from warehouse.manifest import FileResult, Outcome, Stored
from warehouse.progress_notes import contradictions, progress_notes


def kept_out(con: duckdb.DuckDBPyConnection, shas: list[str]) -> tuple[int, int]:
    """Figures of these files the marts cannot use: with a province, by an agency or
    indicator name that does not resolve (listed in ``review_queue``); and with no province
    (each file's count in ``extraction_issues``: a name is queued per province), task
    reports of progress files included."""
    if not shas:
        return 0, 0
    read = any_kept_out(con, shas)  # (else no fact is: the facts are not read)
    unresolved, no_province = kept_out_facts(con, shas) if read else (0, 0)
    # a progress report's rows with no province: matched to no plan, in no mart
    ((homeless,),) = con.execute(
        """select count(*) from progress_rows
           where source_sha256 in (select unnest(?)) and province is null""",
        [shas],
    ).fetchall()
    return unresolved, no_province + int(homeless)


# The facts of these files counted per agency key (a group-by of integers over the key
# range of the files' agencies, whose row groups the range picks), then added up per kind
# of agency key: never a test of each fact against a table of keys. (unresolved: placed,
# no code; no province), and whether an indicator of the files has no code.
PER_AGENCY = """
with keys as (
    select id, province is not null as placed, agency_code is null as unnamed
    from metric_agency_keys where source_sha256 in (select unnest($1))
),
per_agency as (
    select agency_id as id, count(*) as n from metric_facts
    where agency_id between (select min(id) from keys) and (select max(id) from keys)
    group by 1
)
select coalesce(sum(n) filter (where placed and unnamed), 0)::bigint,
       coalesce(sum(n) filter (where not placed), 0)::bigint
from per_agency join keys using (id)
"""
# the facts of a placed agency with a code whose indicator has none (only read when an
# indicator of the files has no code)
NAMED_AGENCY_UNNAMED_INDICATOR = """
select count(*) from metric_facts
where agency_id in (select id from metric_agency_keys where source_sha256 in (select unnest($1))
                    and province is not null and agency_code is not null)
  and indicator_id in (select id from metric_indicator_keys
                       where source_sha256 in (select unnest($1)) and indicator_code is null)
"""


def kept_out_facts(con: duckdb.DuckDBPyConnection, shas: list[str]) -> tuple[int, int]:
    """The facts of these files kept out: placed with a name that does not resolve
    (the agency's, else the indicator's: each fact once), and with no province."""
    ((unnamed, no_province),) = con.execute(PER_AGENCY, [shas]).fetchall()
    ((indicators,),) = con.execute(
        """select count(*) from metric_indicator_keys
           where source_sha256 in (select unnest($1)) and indicator_code is null""",
        [shas],
    ).fetchall()
    if indicators:
        ((more,),) = con.execute(NAMED_AGENCY_UNNAMED_INDICATOR, [shas]).fetchall()
        unnamed += more
    return int(unnamed), int(no_province)


def any_kept_out(con: duckdb.DuckDBPyConnection, shas: list[str]) -> bool:
    """Whether a key of these files leaves its facts out (an agency with no province or no
    code, an indicator with no code): a file whose names all resolve, placed, has none."""
    ((answer,),) = con.execute(
        """select exists (select 1 from metric_agency_keys where source_sha256 in
                          (select unnest($1)) and (province is null or agency_code is null))
                  or exists (select 1 from metric_indicator_keys where source_sha256 in
                             (select unnest($1)) and indicator_code is null)""",
        [shas],
    ).fetchall()
    return bool(answer)


def corrected(
    con: duckdb.DuckDBPyConnection, result: FileResult, replaced: Replaced | None
) -> FileResult:
    """A metric file or progress report with what its corrections replaced: the earlier
    files (by the path each was submitted under, in a note) and how many figures; a
    progress report also with its own notes (``progress_notes``)."""
    if result.kind == "progress" and result.status == Outcome.NEW:
        said = progress_notes(con, result.sha256, replaced.files if replaced else ())
        doubted = len(contradictions(con, result.sha256))
        result = replace(result, notes=(*result.notes, *said), contradicted=doubted)
    if replaced is None or result.kind not in ("metrics", "progress"):
        return result
    what = "figures" if result.kind == "metrics" else "task reports"
    notes = [
        f"replaces {replaced.figures} {what} of {names(con, replaced.files)} "
        "(a later submission of the same figures; the earlier ones stay as history)"
    ] * bool(replaced.files)
    notes += [
        f"holds {what} that {names(con, replaced.ties)} also holds, and nothing orders the "
        "two (the same version, arrival and modification time): which one counts was "
        "decided by their hashes alone; state a version (a Phiên bản column or 'lần 2' in "
        "the title) and ingest again to decide"
    ] * bool(replaced.ties)
    dropped = counts_dropped(con, result.sha256, replaced.files) if result.kind == "metrics" else []
    notes += [note for note, _ in dropped]
    notes += [dated_note(con, result.sha256, other, older) for other, older in replaced.dated]
    notes += [versioned_note(con, *v) for v in replaced.versioned]
    notes += [
        f"{o.figures} figure{'' if o.figures == 1 else 's'} of {names(con, (o.file,))} "
        f"{'was' if o.figures == 1 else 'were'} not in this file and "
        f"{'stays as it was' if o.figures == 1 else 'stay as they were'} (a re-send does not "
        "delete): "
        f"{'; '.join(o.first)}{' ...' if o.figures > len(o.first) else ''}"
        for o in replaced.omitted
    ]
    return replace(
        result,
        left_out=sum(o.figures for o in replaced.omitted),
        counts_dropped=sum(n for _, n in dropped),
        superseded=replaced.files,
        replaced=replaced.figures,
        ties=replaced.ties,
        notes=(*result.notes, *notes),
    )


# Figures a file replaced that held counts, where the file gives a share alone: the
# province's share is a ratio of sums over the agencies with counts, so the agency drops
# out of it (and its old counts are history): (the figure as written, the earlier file).
COUNTS_DROPPED = """
select n.agency_raw || ' x ' || n.indicator_raw || ' x ' || coalesce(n.period_raw, ''),
    o.source_sha256
from metric_observations n join metric_observations o
    on o.superseded_by = n.source_sha256 and o.agency_code = n.agency_code
    and o.indicator_code = n.indicator_code and o.period_start = n.period_start
    and o.period_end = n.period_end and o.province is not distinct from n.province
where n.source_sha256 = ? and o.source_sha256 in (select unnest(?))
    and n.numerator is null and o.numerator is not null and o.denominator is not null
order by 1, 2
"""


def counts_dropped(
    con: duckdb.DuckDBPyConnection, sha: str, replaced: tuple[str, ...]
) -> list[tuple[str, int]]:
    """The warning for a correction that gives a share alone where the figure it replaces
    had Tử số and Mẫu số (the province's sums leave the agency out from now on: figures
    kept out of a mart), and how many figures it names."""
    if not replaced:
        return []
    found = con.execute(COUNTS_DROPPED, [sha, list(replaced)]).fetchall()
    if not found:
        return []
    first = "; ".join(w for w, _ in found[:3]) + (" ..." if len(found) > 3 else "")
    return [
        (
            f"{len(found)} figure{'' if len(found) == 1 else 's'} of "
            f"{names(con, tuple(sorted({o for _, o in found})))} had Tử số and Mẫu số, and this "
            "file replaces them with a share alone: the province's share (a ratio of the sums "
            "of counts) leaves those agencies out from now on; send the correction with Tử số "
            f"and Mẫu số: {first}",
            len(found),
        )
    ]


def dated_note(con: duckdb.DuckDBPyConnection, sha: str, other: str, older: bool) -> str:
    """Why a file's figures count or not against another's that arrived on the other side
    of it: the report dates both state."""
    days = dict(
        con.execute(
            "select sha256, strftime(reported_on, '%d/%m/%Y') from file_manifest "
            "where sha256 in (?, ?)",
            [sha, other],
        ).fetchall()
    )
    name, own, day = names(con, (other,)), days.get(sha), days.get(other)
    if older:
        return (
            f"its stated report date ({own}) is older than that of {name} ({day}), which arrived "
            "before it: this file's figures are history (the stated report date orders "
            "submissions before their arrival; a newer report may since have replaced "
            f"{name}'s)"
        )
    return (
        f"its stated report date ({own}) is newer than that of {name} ({day}), which arrived after "
        "it: this file's figures count (the stated report date orders submissions before "
        "their arrival)"
    )


def versioned_note(con: duckdb.DuckDBPyConnection, other: str, stated: int, own: int | None) -> str:
    """Why a file that arrived after another of the same figures is history: the other
    states a higher version (or this one states none)."""
    name = names(con, (other,))
    mine = "this file states none" if own is None else f"this file states version {own}"
    return (
        f"{name} stays current: it states version {stated} and {mine}, so the figures "
        f"this file shares with {name} are history although it arrived later (a stated "
        "version orders submissions before their arrival); if this file is the newer "
        "report, state a higher version (a Phiên bản column or "
        f"'lần {stated + 1}' in the title) and ingest it again"
    )


def names(con: duckdb.DuckDBPyConnection, shas: tuple[str, ...]) -> str:
    """The file names stored files were submitted under."""
    rows = con.execute(
        "select original_path from file_manifest where sha256 in (select unnest(?)) order by 1",
        [list(shas)],
    ).fetchall()
    return ", ".join(Path(p).name for (p,) in rows)


def as_history(con: duckdb.DuckDBPyConnection, shas: list[str]) -> int:
    """Files of this batch loaded as history: an older version that arrived after the
    current one."""
    if not shas:
        return 0
    row = con.execute(
        "select count(*) from file_manifest where sha256 in (select unnest(?)) and status = ?",
        [shas, Stored.SUPERSEDED.value],
    ).fetchone()
    return int(row[0]) if row else 0
