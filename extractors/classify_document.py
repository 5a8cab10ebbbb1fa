"""What kind of document this is, read from its header block and title - never from the body.

Rules (stage ``classify_document``):

* the *document heading* is the first header line that opens with a kind of document in
  capitals ("KẾ HOẠCH", "QUYẾT ĐỊNH", "CHỈ THỊ", "BÁO CÁO" ...); what follows it on the line,
  or on the next lines up to the body, is the title;
* a Kế hoạch, Chương trình or Đề án is a plan (``plan``, ``programme``, ``scheme``); so is a
  Quyết định whose title adopts one ("ban hành / phê duyệt Kế hoạch ...": the kind is the
  adopted document's) or amends one ("sửa đổi, bổ sung Kế hoạch số ...": see
  ``amendment``); any other Quyết định is a ``decision``;
* a Báo cáo on the results of carrying out a plan is a ``progress_report``; other kinds are
  named after their heading (``directive``, ``resolution``, ``notice``, ``report`` ...);
* with no heading, a "V/v ..." subject under the number makes an ``official_letter``; a text
  with neither a heading nor a number (news, a web page) is ``unknown``;
* ``topic`` labels the plan's subject (``par`` for cải cách hành chính - however the
  title names the reform or the index it is judged on: CCHC, cải cách thủ tục / tổ chức
  bộ máy hành chính, PAR INDEX, SIPAS -, ``digital`` for chuyển đổi số / Chính phủ số /
  kinh tế số / Đề án 06, else ``other``) - a label, never a filter. A plan on one part of
  the work without the word reform (kiểm soát TTHC, một cửa) stays ``other``. A plan on an
  index or one part of the reform stands beside the province's annual PAR plan: its
  subject (``plan_subject``), also part of a plan's identity, tells them apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from extractors.amendment import amended_kind
from extractors.normalize import fold

DocumentKind = Literal[
    "plan",
    "programme",
    "scheme",
    "decision",
    "directive",
    "resolution",
    "telegram",
    "notice",
    "report",
    "progress_report",
    "submission",
    "guidance",
    "circular",
    "decree",
    "regulation",
    "official_letter",
    "conclusion",
    "unknown",
]  # documents.kind holds the first three: the others are refused
Topic = Literal["par", "digital", "other"]
PLAN_KINDS: tuple[DocumentKind, ...] = ("plan", "programme", "scheme")

# Headings in capitals (the heading line of an official document), and what they name.
_HEADINGS: tuple[tuple[str, DocumentKind], ...] = (
    ("KẾ HOẠCH", "plan"),
    ("CHƯƠNG TRÌNH", "programme"),
    ("ĐỀ ÁN", "scheme"),
    ("QUYẾT ĐỊNH", "decision"),
    ("CHỈ THỊ", "directive"),
    ("NGHỊ QUYẾT", "resolution"),
    ("CÔNG ĐIỆN", "telegram"),
    ("THÔNG BÁO", "notice"),
    ("BÁO CÁO", "report"),
    ("TỜ TRÌNH", "submission"),
    ("HƯỚNG DẪN", "guidance"),
    ("THÔNG TƯ", "circular"),
    ("NGHỊ ĐỊNH", "decree"),
    ("QUY CHẾ", "regulation"),
    ("QUY ĐỊNH", "regulation"),
    ("CÔNG VĂN", "official_letter"),
    ("KẾT LUẬN", "conclusion"),
)
LABELS: dict[DocumentKind, str] = {
    "plan": "Kế hoạch",
    "programme": "Chương trình",
    "scheme": "Đề án",
    "decision": "Quyết định",
    "directive": "Chỉ thị",
    "resolution": "Nghị quyết",
    "telegram": "Công điện",
    "notice": "Thông báo",
    "report": "Báo cáo",
    "progress_report": "Báo cáo kết quả thực hiện",
    "submission": "Tờ trình",
    "guidance": "Hướng dẫn",
    "circular": "Thông tư",
    "decree": "Nghị định",
    "regulation": "Quy chế / Quy định",
    "official_letter": "Công văn",
    "conclusion": "Kết luận",
    "unknown": "no official document header (news or other text)",
}

_HEADING = re.compile(
    r"^(?P<word>" + "|".join(w.replace(" ", r"\s+") for w, _ in _HEADINGS) + r")(?![^\W\d_])"
    r"\s*:?\s*(?P<rest>.*)$",
    re.DOTALL,
)

# "ban hành Kế hoạch", "phê duyệt Chương trình", "BAN HÀNH KẾ HOẠCH", "phê duyệt Đề án":
# the decision adopts a plan (folded text: no diacritics, lower case).
_ADOPTS = re.compile(
    r"""\b(?:ban \s+ hanh|phe \s+ duyet) \s+ (?:kem \s+ theo \s+)?
        (?P<what>ke \s+ hoach|chuong \s+ trinh|de \s+ an)\b""",
    re.VERBOSE,
)
_ADOPTED_KIND: dict[str, DocumentKind] = {
    "ke hoach": "plan",
    "chuong trinh": "programme",
    "de an": "scheme",
}

# "kết quả thực hiện Kế hoạch", "tình hình thực hiện Chương trình", "sơ kết", "tổng kết".
_PROGRESS = re.compile(
    r"""\b(?:ket \s+ qua|tinh \s+ hinh) \s+ (?:trien \s+ khai \s+)? (?:thuc \s+ hien|trien \s+ khai)
      | \b(?:so|tong) \s+ ket\b""",
    re.VERBOSE,
)
_SUBJECT = re.compile(r"^\s*(?:V/v|Về\s+việc)\b", re.IGNORECASE)

# The reform named, or the index it is judged on (PAR INDEX, SIPAS): "cải cách hành
# chính", "cải cách thủ tục / tổ chức bộ máy hành chính", CCHC. Checked before digital work.
_PAR = re.compile(
    r"""\bcai \s+ cach \s+ (?:\w+ \s+){0,4}? hanh \s+ chinh\b | \bcchc\b
      | \bpar \s+ index\b | \bsipas\b""",
    re.VERBOSE,
)
_DIGITAL = re.compile(
    r"""chuyen \s+ doi \s+ so | chinh \s+ phu \s+ (?:so|dien \s+ tu) | kinh \s+ te \s+ so
      | xa \s+ hoi \s+ so | chinh \s+ quyen \s+ so | \bde \s+ an \s+ 06\b | du \s+ lieu \s+ so""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Kind:
    kind: DocumentKind
    heading: str | None  # the heading word as printed ("KẾ HOẠCH"), None without one
    adopted_by_decision: bool = False
    weak: bool = False  # named only by a first line in small letters ("Kế hoạch ...")

    @property
    def is_plan(self) -> bool:
        return self.kind in PLAN_KINDS

    @property
    def label(self) -> str:
        return LABELS.get(self.kind, self.kind)


def split_heading(text: str) -> tuple[str, str] | None:
    """(heading word, the rest of the line) when the line opens with a document heading.

    >>> split_heading("KẾ HOẠCH Phát triển kinh tế số")
    ('KẾ HOẠCH', 'Phát triển kinh tế số')
    >>> split_heading("Kế hoạch này") is None, split_heading("QUYẾT ĐỊNH:")
    (True, ('QUYẾT ĐỊNH', ''))
    """
    text = text.strip()
    m = _HEADING.match(text.upper())
    if not m or not set_in_capitals(text[: m.end("word")]):
        return None
    return " ".join(m["word"].split()), text[m.start("rest") :].strip()


def set_in_capitals(text: str) -> bool:
    """No small unaccented letter: capitals, also when a TCVN3 font's accented capitals
    came back small ("QUYếT ĐịNH").

    >>> set_in_capitals("QUYếT ĐịNH"), set_in_capitals("Kế hoạch")
    (True, False)
    """
    return not re.search(r"[a-z]", text)


def plan_title_line(text: str) -> str | None:
    """The plan heading of a first line set in small letters ("Kế hoạch cải cách hành chính
    năm 2022"): weak evidence, taken only where the document has nothing better.

    >>> plan_title_line("Kế hoạch cải cách hành chính năm 2022"), plan_title_line("Hôm nay")
    ('KẾ HOẠCH', None)
    """
    m = _HEADING.match(text.strip().upper())
    if m and m["word"] in ("KẾ HOẠCH", "CHƯƠNG TRÌNH", "ĐỀ ÁN") and len(text) < 250:
        return " ".join(m["word"].split())
    return None


def classify(heading: str | None, title: str | None, has_number: bool, subject: bool) -> Kind:
    """The kind from the document heading and the title.

    >>> classify("QUYẾT ĐỊNH", "Về việc ban hành Kế hoạch CCHC năm 2022", True, False).kind
    'plan'
    >>> classify("BÁO CÁO", "Kết quả thực hiện Kế hoạch CCHC năm 2023", True, False).kind
    'progress_report'
    >>> classify(None, None, False, False).kind, classify(None, "V/v ...", True, True).kind
    ('unknown', 'official_letter')
    """
    if heading is None:
        return Kind("official_letter" if has_number and subject else "unknown", None)
    kind = dict((" ".join(w.split()), k) for w, k in _HEADINGS)[heading]
    folded = fold(title or "")
    if kind == "decision":
        m = _ADOPTS.search(folded)
        if m:
            return Kind(_ADOPTED_KIND[" ".join(m["what"].split())], heading, True)
        amended = amended_kind(title)
        if amended is not None:  # changes a plan in part: read as a plan, never its version
            return Kind(amended, heading, True)
    if kind == "report" and _PROGRESS.search(folded):
        return Kind("progress_report", heading)
    return Kind(kind, heading)


def is_subject_line(text: str) -> bool:
    """A "V/v ..." / "Về việc ..." subject line (an official letter's trích yếu)."""
    return bool(_SUBJECT.match(text))


def topic(title: str | None) -> Topic:
    """``par``, ``digital`` or ``other`` from the title (a label, never a filter).

    >>> topic("Kế hoạch cải cách hành chính năm 2014"), topic("Chuyển đổi số năm 2024")
    ('par', 'digital')
    """
    folded = fold(title or "")
    if _PAR.search(folded):
        return "par"
    if _DIGITAL.search(folded):
        return "digital"
    return "other"
