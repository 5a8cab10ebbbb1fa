"""Find every cited legal document ("Nghị quyết số 76/NQ-CP ngày 15/7/2021 ...").

Numbers come in three shapes:

* ``76/NQ-CP``, ``8917/QĐ-UBND`` - number / KIND - ISSUER (state documents);
* ``130/2005/NĐ-CP``            - number / year / KIND - ISSUER (decrees before 2021);
* ``21-NQ/TU``, ``02-ĐA/TU``     - number - KIND / ISSUER (Party documents);
* ``4399/SNV-TTr``               - number / ISSUER - KIND (an agency's own document).

A reference cited several times is reported once, with the first date given for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from extractors import patterns as p
from extractors.document import Location
from extractors.records import Reference

# Document kinds (glossary): resolution, decision, decree, circular, directive, programme,
# scheme, submission, plan, report, official letter, notice, conclusion, guidance.
KINDS = {
    "NQ",
    "QĐ",
    "NĐ",
    "TT",
    "TTLT",
    "CT",
    "CTr",
    "ĐA",
    "TTr",
    "KH",
    "BC",
    "CV",
    "TB",
    "KL",
    "HD",
    "QC",
    "QĐi",
    "L",
    "PL",
}


def find_references(texts: Iterable[tuple[str, Location]]) -> tuple[Reference, ...]:
    """All distinct references in order of first citation.

    >>> refs = find_references([("Nghị quyết số 76/NQ-CP ngày 15/7/2021 và 21-NQ/TU", Location())])
    >>> [(r.number, r.kind, r.issuer, r.date and r.date.isoformat()) for r in refs]
    [('76/NQ-CP', 'NQ', 'CP', '2021-07-15'), ('21-NQ/TU', 'NQ', 'TU', None)]
    """
    found: dict[str, Reference] = {}
    for text, loc in texts:
        for m in p.REFERENCE.finditer(text):
            ref = _reference(m, loc)
            old = found.get(ref.number)
            if old is None:
                found[ref.number] = ref
            elif old.date is None and ref.date is not None:
                found[ref.number] = Reference(old.number, old.kind, old.issuer, ref.date, old.loc)
    return tuple(found.values())


def _reference(m: re.Match[str], loc: Location) -> Reference:
    when = _date(m["y"], m["m"], m["d"]) or _date(m["y2"], m["m2"], m["d2"])
    if m["pnum"]:
        number = f"{m['pnum']}-{m['pkind']}/{m['pissuer']}"
        return Reference(number, m["pkind"], m["pissuer"], when, loc)
    a, b = m["a"], m["b"]
    year = f"/{m['year']}" if m["year"] else ""
    number = f"{m['num']}{year}/{a}-{b}"
    if a in KINDS:
        kind, issuer = a, b
    elif b in KINDS:
        kind, issuer = b, a
    else:
        kind, issuer = None, b
    return Reference(number, kind, issuer, when, loc)


def _date(y: str | None, m: str | None, d: str | None) -> date | None:
    if not (y and m and d):
        return None
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None
