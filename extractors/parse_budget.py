"""Budget cells ("Kinh phí") -> an amount in million đồng or a note.

* a bare number is an amount in the unit the column's header states ("Kinh phí (đồng)",
  "(nghìn đồng)", "(tỷ đồng)"; none or "(triệu đồng)": million), Vietnamese convention;
* a number written with its unit ("15 triệu đồng", "0,5 tỷ đồng", "500.000.000 đồng") is
  converted from that unit; anything after the unit ("/năm") makes the cell a note;
* a source of funds and an amount with its unit ("Ngân sách tỉnh: 300 triệu đồng") is the
  amount, the source its note (a bare number there is left a note: a cell with text is not
  in the header's unit for sure);
* a dash or "x" is no amount; any other text ("Ngân sách tỉnh") is a note.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractors import patterns as p
from extractors.parse_numbers import DASHES, parse_number

_DASHES = DASHES | {"x"}  # in a budget cell: no amount
_SOURCE = re.compile(r"^(?P<source>[^\d:;]+?)\s*:\s*(?P<amount>[^:;]+)$")  # "Ngân sách tỉnh: ..."


def budget_scale(header: str) -> Decimal:
    """Million đồng per unit the budget column's header states.

    >>> budget_scale("Kinh phí (nghìn đồng)"), budget_scale("Kinh phí (triệu đồng)")
    (Decimal('0.001'), Decimal('1'))
    """
    m = p.BUDGET_HEADER_UNIT.search(" ".join(header.split()))
    unit = m["unit"].casefold().split()[0] if m else "triệu"
    return {
        "nghìn": Decimal("0.001"),
        "ngàn": Decimal("0.001"),
        "tỷ": Decimal(1000),
        "đồng": Decimal("0.000001"),
        "vnđ": Decimal("0.000001"),
        "vnd": Decimal("0.000001"),
    }.get(unit, Decimal(1))


def parse_budget(text: str) -> tuple[str, Decimal | None, str | None]:
    """Classify a budget cell: ("amount"|"dash"|"blank"|"note", amount, note).

    >>> parse_budget("150")
    ('amount', Decimal('150'), None)
    >>> parse_budget("Sở Tư pháp dự trù kinh phí riêng.")
    ('note', None, 'Sở Tư pháp dự trù kinh phí riêng.')
    """
    t = " ".join(text.split())
    if not t:
        return "blank", None, None
    if t in _DASHES:
        return "dash", None, None
    amount = parse_number(t)
    if amount is not None:
        return "amount", amount, None
    amount = _with_unit(t)
    if amount is not None:
        return "amount", amount, None
    source = _SOURCE.match(t)
    amount = _with_unit(source["amount"]) if source else None
    if source and amount is not None:
        return "amount", amount, source["source"]
    return "note", None, t


def _with_unit(text: str) -> Decimal | None:
    """An amount written with its unit, in million đồng: "0,5 tỷ đồng" -> 500.

    >>> _with_unit("15 triệu đồng"), _with_unit("500.000.000 đồng")
    (Decimal('15'), Decimal('500'))
    """
    m = p.BUDGET_WITH_UNIT.match(text)
    amount = parse_number(m["amount"]) if m else None
    if m is None or amount is None:
        return None
    unit = m["unit"].casefold()
    if unit.startswith("tỷ"):
        return plain(amount * 1000)
    if unit in ("đồng", "đ"):
        return plain(amount / 1_000_000)
    return amount


def plain(value: Decimal) -> Decimal:
    """500.000000 -> 500, 1.500000 -> 1.5 (no exponent)."""
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
