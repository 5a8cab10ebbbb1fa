"""Target text -> measurable thresholds ("measures").

"Đảm bảo số hóa kết quả ... của cấp tỉnh, cấp huyện, cấp xã đạt tỷ lệ tối thiểu tương ứng
30%, 20%, 15%" is three measures. Stages:

1. ``find_condition`` - a parenthesised "(khi có hướng dẫn ...)" applies to every measure;
2. ``clauses``        - split into sentences and ";"-clauses; a clause opening with
   "Trong số đó"/"trong đó" refines the first measure of the clause before (``parent``);
3. per clause: ``respectively`` (levels listed, then "tương ứng" and as many values),
   else every percentage is a measure: its comparator from the words between it and the
   value before ("tối thiểu", "ít nhất", "từ … trở lên", "đạt", bare -> ``>=``; "tối đa",
   "không quá" -> ``<=``; "dưới" -> ``<``), its level from "cấp tỉnh/huyện/xã" after it
   (else just before it), its subject the words after it;
4. "giảm … so với năm 2021" makes a ``decrease`` measure against the baseline year (with
   the percentage if one is given, without a value otherwise);
5. "lĩnh vực X, Y" limits the measure to those sectors (``scope``).

A target with no measure is qualitative: it is never given an invented one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from extractors import patterns as p
from extractors.parse_numbers import parse_number

LEVELS = {"tỉnh": "tinh", "huyện": "huyen", "xã": "xa"}


@dataclass(frozen=True)
class Measure:
    measure_no: int
    value: Decimal | None
    unit: str | None
    comparator: str  # ">=", "<=", "<", "decrease"
    level: str | None  # tinh | huyen | xa
    subject: str
    scope: str | None
    baseline_year: int | None
    condition: str | None
    parent: int | None  # measure_no this one refines ("trong số đó")
    text: str  # the clause it came from
    indicator: str | None = None
    indicator_method: str | None = None  # alias | fuzzy | None (review queue)

    def as_dict(self) -> dict[str, Any]:
        value = (
            None
            if self.value is None
            else (
                int(self.value)
                if self.value == self.value.to_integral_value()
                else float(self.value)
            )
        )
        return {
            "measure_no": self.measure_no,
            "value": value,
            "unit": self.unit,
            "comparator": self.comparator,
            "level": self.level,
            "subject": self.subject,
            "scope": self.scope,
            "indicator": self.indicator,
            "indicator_method": self.indicator_method,
            "baseline_year": self.baseline_year,
            "condition": self.condition,
            "parent": self.parent,
        }


def parse_measures(text: str) -> tuple[Measure, ...]:
    """All measures of one target text, numbered from 1.

    >>> [(m.value, m.level) for m in parse_measures(
    ...     "100% cấp tỉnh, 50% cấp huyện thực hiện họp thông qua Hệ thống này.")]
    [(Decimal('100'), 'tinh'), (Decimal('50'), 'huyen')]
    """
    condition, body = find_condition(" ".join(text.split()))
    out: list[Measure] = []
    previous_first: int | None = None
    for clause in clauses(body):
        sub = p.SUB_MEASURE.match(clause)
        parent = previous_first if sub else None
        found = respectively(clause) or per_percent(clause)
        decrease = p.DECREASE.search(clause)
        if decrease and not found:
            found = [_draft(None, "decrease", None, clause[: decrease.start()].strip(), clause)]
        if decrease:
            found = [
                replace(m, comparator="decrease", baseline_year=int(decrease["y"])) for m in found
            ]
        first = len(out) + 1 if found else None
        for m in found:
            out.append(
                replace(
                    m,
                    measure_no=len(out) + 1,
                    condition=condition,
                    parent=parent,
                    scope=_scope(clause),
                )
            )
        if first is not None:
            previous_first = first
    return tuple(out)


def find_condition(text: str) -> tuple[str | None, str]:
    m = p.CONDITION.search(text)
    if not m:
        return None, text
    return m["c"].strip(), (text[: m.start()] + text[m.end() :]).strip()


def clauses(text: str) -> list[str]:
    """Sentences and ";"-clauses (a decimal point or "3, 4" never splits)."""
    parts = re.split(r"(?<=[.;:])\s+(?=[A-ZĐÀ-Ỹa-zđà-ỹ])|;\s*", text)
    return [s.strip() for s in parts if s.strip()]


def respectively(clause: str) -> list[Measure]:
    """ "cấp tỉnh, cấp huyện, cấp xã … tương ứng 30%, 20%, 15%"."""
    resp = p.RESPECTIVELY.search(clause)
    if not resp:
        return []
    levels = [LEVELS[m["l"].lower()] for m in p.LEVEL.finditer(clause[: resp.start()])]
    values = list(p.PERCENT.finditer(clause[resp.end() :]))
    if not levels or len(levels) != len(values):
        return []
    comparator = _comparator(clause[: resp.start()][-60:] + clause[resp.start() : resp.end()])
    subject = clause[: resp.start()].strip()
    return [
        _draft(_value(v), comparator, lvl, subject, clause)
        for lvl, v in zip(levels, values, strict=True)
    ]


def per_percent(clause: str) -> list[Measure]:
    hits = list(p.PERCENT.finditer(clause))
    out = []
    for i, m in enumerate(hits):
        before = clause[hits[i - 1].end() if i else 0 : m.start()]
        after = clause[m.end() : hits[i + 1].start() if i + 1 < len(hits) else len(clause)]
        level = p.LEVEL.search(after) or _last(p.LEVEL.finditer(before))
        comparator = _comparator(before[-40:] + " " + after[:12])
        out.append(
            _draft(
                _value(m),
                comparator,
                LEVELS[level["l"].lower()] if level else None,
                after.strip(" ,.;:") or before.strip(" ,.;:"),
                clause,
            )
        )
    return out


def _draft(
    value: Decimal | None, comparator: str, level: str | None, subject: str, clause: str
) -> Measure:
    return Measure(
        measure_no=0,
        value=value,
        unit="%" if value is not None else None,
        comparator=comparator,
        level=level,
        subject=subject,
        scope=None,
        baseline_year=None,
        condition=None,
        parent=None,
        text=clause,
    )


def _comparator(window: str) -> str:
    if p.BELOW.search(window):
        return "<"
    if p.AT_MOST.search(window):
        return "<="
    return ">="  # "tối thiểu", "ít nhất", "từ … trở lên", "đạt", or a bare percentage


def _scope(clause: str) -> str | None:
    m = p.SECTOR.search(clause)
    return m["s"].strip(" ,") if m else None


def _value(m: re.Match[str]) -> Decimal | None:
    return parse_number(m["v"])


def _last(matches: Any) -> re.Match[str] | None:
    last = None
    for last in matches:  # noqa: B007
        pass
    return last
