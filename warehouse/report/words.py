"""The report's Vietnamese words: statuses, comparators, levels, numbers and dates."""

from __future__ import annotations

import datetime as dt

# In the order the report lists them; colours shared by the table and the charts.
STATUS_VI = {
    "met": "Đạt",
    "not_met": "Không đạt",
    "pending": "Đang theo dõi",
    "no_data": "Chưa có số liệu",
    "not_measurable": "Không đo được",
}
STATUS_COLOURS = {
    "met": "#2E7D32",
    "not_met": "#C62828",
    "pending": "#F9A825",
    "no_data": "#9E9E9E",
    "not_measurable": "#CFD8DC",
}
COMPARATOR_VI = {
    ">=": "tối thiểu",
    "<=": "tối đa",
    "<": "dưới",
    "decrease": "giảm",
}
LEVEL_VI = {"all": "toàn tỉnh", "tinh": "cấp tỉnh", "huyen": "cấp huyện", "xa": "cấp xã"}
SEVERITY_VI = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Ghi nhận"}


def number(value: object, digits: int = 1) -> str:
    """A number the Vietnamese way: ``.`` groups thousands, ``,`` marks decimals.

    >>> from decimal import Decimal
    >>> [number(1234.56), number(50.0), number(None), number(Decimal("455.000"), 0)]
    ['1.234,6', '50', '', '455']
    >>> number(-0.04)
    '0'
    """
    if value is None:
        return ""
    x = round(float(value), digits)  # type: ignore[arg-type]
    if x == 0:
        x = 0.0  # no "-0"
    text = f"{x:,.{digits}f}" if x != int(x) else f"{int(x):,}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def signed(value: object, digits: int = 1) -> str:
    """
    >>> [signed(2.5), signed(-1.25), signed(0), signed(None)]
    ['+2,5', '-1,2', '0', '']
    """
    if value is None:
        return ""
    text = number(value, digits)
    return f"+{text}" if float(value) > 0 and text != "0" else text  # type: ignore[arg-type]


def date_vi(value: dt.date | None) -> str:
    """
    >>> date_vi(dt.date(2022, 3, 5))
    '05/03/2022'
    """
    return value.strftime("%d/%m/%Y") if value else ""


def issued_vi(iso: str | None) -> str:
    """A plan's issue date as stored (ISO, possibly partial when a draft leaves the day or
    month blank: documents.issued_date) as a Vietnamese heading writes it.

    >>> issued_vi("2022-03-05"), issued_vi("2021-12")
    ('ngày 05/03/2022', 'tháng 12/2021')
    """
    parts = (iso or "").split("-")
    if len(parts) == 3:
        return f"ngày {parts[2]}/{parts[1]}/{parts[0]}"
    if len(parts) == 2:
        return f"tháng {parts[1]}/{parts[0]}"
    return f"năm {parts[0]}" if parts[0] else ""


def target_phrase(comparator: str | None, value: object, unit: str | None) -> str:
    """
    >>> target_phrase(">=", 80.0, "%"), target_phrase("decrease", 10, "%")
    ('tối thiểu 80%', 'giảm 10%')
    """
    if comparator is None:
        return ""
    unit_text = unit if unit == "%" else f" {unit}" if unit else ""
    amount = f"{number(value)}{unit_text}" if value is not None else ""
    return f"{COMPARATOR_VI.get(comparator, comparator)} {amount}".strip()


KIND_VI = {"plan": "Kế hoạch", "programme": "Chương trình", "scheme": "Đề án"}
TOPIC_VI = {"par": "cải cách hành chính", "digital": "chuyển đổi số", "other": ""}


def plan_label(doc: dict[str, object]) -> str:
    """Which plan a section is about: kind, topic, period and number, as an official names it.

    >>> plan_label({"kind": "plan", "topic": "digital", "plan_year": 2025, "period_start": 2025,
    ...             "period_end": 2025, "doc_number": "10/QĐ-UBND"})
    'Kế hoạch chuyển đổi số năm 2025 (số 10/QĐ-UBND)'
    >>> plan_label({"kind": None, "topic": None, "plan_year": None, "period_start": 2021,
    ...             "period_end": 2025, "doc_number": None})
    'Kế hoạch cải cách hành chính giai đoạn 2021-2025 (chưa ghi số)'
    """
    kind = KIND_VI.get(str(doc.get("kind") or "plan"), "Kế hoạch")
    topic = TOPIC_VI.get(str(doc.get("topic") or "par"), "")
    start, end = doc.get("period_start"), doc.get("period_end")
    if doc.get("plan_year") is not None:
        period = f"năm {doc['plan_year']}"
    elif start is not None and start != end:
        period = f"giai đoạn {start}-{end}"
    else:
        period = f"đến năm {end}"
    number = f"số {doc['doc_number']}" if doc.get("doc_number") else "chưa ghi số"
    return " ".join(w for w in (kind, topic, period) if w) + f" ({number})"
