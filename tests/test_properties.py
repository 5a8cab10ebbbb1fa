"""Property tests: the parsers never raise on arbitrary text; numbers round-trip."""

from __future__ import annotations

import contextlib
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.document import Location
from extractors.errors import ExtractionError
from extractors.extract_plan import extract_plan
from extractors.find_references import find_references
from extractors.parse_budget import parse_budget
from extractors.parse_numbers import parse_number
from extractors.parse_tasks import parse_products
from extractors.parse_timeframe import parse_timeframe
from extractors.read_text import read_text
from extractors.split_agencies import split_agencies

# Text biased towards the pieces plans are made of.
PIECES = st.sampled_from(
    [
        "Quý",
        " II",
        ",",
        "/2022",
        "Tháng",
        " 13",
        "ngày",
        "22/12/2022",
        "Sở",
        " Tư pháp",
        " và ",
        "Các sở:",
        ";",
        "- ",
        "\t",
        "\n",
        "I.",
        "1.1.",
        "STT",
        "chủ trì",
        "Sản phẩm",
        "<b>",
        "</b>",
        "**",
        "năm",
        "cấp",
        "xã",
        "76/NQ-CP",
        "21-NQ/TU",
        "%",
        "1.234,5",
    ]
)
TEXT = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=60).map("".join))


@given(TEXT)
@settings(max_examples=300, deadline=None)
def test_small_parsers_never_raise(text: str) -> None:
    parse_timeframe(text, 2022)
    parse_timeframe(text, None)
    split_agencies(text)
    parse_products(text)
    parse_budget(text)
    parse_number(text)
    find_references([(text, Location())])


@given(TEXT)
@settings(max_examples=200, deadline=None)
def test_plan_pipeline_raises_only_extraction_error(text: str) -> None:
    with contextlib.suppress(ExtractionError):
        extract_plan(read_text(text.encode("utf-8"), "<prop>"))


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_vietnamese_number_round_trip(value: Decimal) -> None:
    whole, _, frac = f"{abs(value):.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    text = ("-" if value < 0 else "") + grouped + "," + frac
    assert parse_number(text) == value
