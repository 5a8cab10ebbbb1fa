"""Find a document's header block and signature block, whatever the layout.

Offices lay out the header (issuer | national motto; Số | place and date) and the signature
(Nơi nhận | TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / name) as two-column borderless tables in Word;
the PDF reader gives the same two columns as a layout table; a text rendering gives them
as paragraphs. Every layout becomes one list of :class:`Line` here, so the field parsers
(``parse_decision``) and the kind detection (``classify_document``) read lines only.

Rules (stage ``find_front_matter``):

* a *layout table* is a small table (at most 3 columns and 12 rows) one of whose cells holds
  a header or signature mark (the motto, "Số:", "Nơi nhận", a "TM."/"KT." role line); its
  cells are read row by row, each cell line by line, as if they were paragraphs;
* the *header* is every line before the body starts: the first "Căn cứ"/"Thực hiện"/
  "Kính gửi"/"Điều 1" line, a long line of prose, a sentence (a line not in bold, in
  mixed case, ending in "." or ":"), or - in a plan whose body is too short to hold any
  of these - the signature's first line ("Nơi nhận", "TM."/"KT." ...), whichever comes
  first;
* the *signature* is the lines from the first "Nơi nhận" (else the first role line
  "TM."/"KT."/"Q."/"TL."/"CHỦ TỊCH" ...) after the header to the next document heading
  (an attached plan or an appendix) - never the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractors.document import Document, Location, Paragraph, Table

MAX_LAYOUT_COLUMNS = 3
MAX_LAYOUT_ROWS = 12
MAX_HEADER_LINES = 60
LONG_PROSE = 300  # characters: a header line is never this long
SENTENCE = 70  # characters: a line this long in mixed case ending in "." or ":" is prose

# Marks of a header or a signature block (case-insensitive: TCVN3 fonts convert to lower case).
_LAYOUT_MARK = re.compile(
    r"""C[ỘO]NG \s+ H[ÒOÀ]A \s+ X[ÃA] \s+ H[ỘO]I     # the national motto
      | ^\s*S[ốo] \s*:                              # Số: 12/KH-UBND
      | N[ơo]i \s+ nh[ậa]n                           # Nơi nhận (the distribution list)
      | ^\s*(?:TM|KT|TL|TUQ|Q)\s*\.                  # TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH
      | ^[^\d,;:\n]{2,40}, \s* ngày \s+ \S* \s* tháng   # Long An, ngày 28 tháng 12 năm 2021""",
    re.IGNORECASE | re.VERBOSE | re.MULTILINE,
)

# Where the body begins: the legal basis, the addressee, an article, an opening "Thực hiện".
_BODY_START = re.compile(
    r"""^\s*(?:C[ăa]n \s+ c[ứu] \b        # Căn cứ Luật ...
          | (?:Thực \s+ hiện|Triển \s+ khai) \b .* (?: : | \.) \s*$   # "Thực hiện ..., như sau:"
          | Kính \s+ gửi \b                 # Kính gửi: ...
          | Điều \s+ 1 \b                   # Điều 1. ...
          | Xét \s+ đề \s+ nghị \b          # Xét đề nghị của ...
          | Theo \s+ đề \s+ nghị \b
          | (?:[IVX]{1,4}|\d{1,2}) \. \s+ \S    # I. MỤC ĐÍCH, YÊU CẦU / 1. Mục tiêu
          | Phần \s+ (?:[IVX]+|\d+|thứ) \b)""",
    re.IGNORECASE | re.VERBOSE,
)

_EMPHASIS = re.compile(r"^[\s*_]+|[\s*_]+$")  # "*Căn cứ ...;*" (italic in markdown)

_RECIPIENTS = re.compile(r"^\s*N[ơo]i\s+nh[ậa]n\b", re.IGNORECASE)

# A signature role line: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "Q. GIÁM ĐỐC", "CHỦ TỊCH",
# "PHÓ THỦ TƯỚNG", "BỘ TRƯỞNG" (upper case, short).
SIGN_ROLE = re.compile(
    r"""^\s*(?:(?:TM|KT|TL|TUQ|Q)\s*\.\s*\S
          | (?:PHÓ\s+)?(?:CHỦ\s+TỊCH|THỦ\s+TƯỚNG|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|GIÁM\s+ĐỐC|CỤC\s+TRƯỞNG
                         |TỔNG\s+CỤC\s+TRƯỞNG|VỤ\s+TRƯỞNG|TRƯỞNG\s+BAN|CHÁNH\s+VĂN\s+PHÒNG
                         |BÍ\s+THƯ|TRƯỞNG\s+PHÒNG)\b)""",
    re.VERBOSE,
)

# A document heading that ends a signature block: the plan attached to a decision, an
# appendix ("KẾ HOẠCH", "PHỤ LỤC", "Mẫu biểu số 01").
_NEXT_DOCUMENT = re.compile(
    r"""^\s*(?:KẾ\s+HOẠCH|CHƯƠNG\s+TRÌNH|ĐỀ\s+ÁN|PH[ỤU]\s+L[ỤU]C|QUY\s+CHẾ|DANH\s+MỤC
            |Phụ\s+lục|Mẫu\s+biểu)\b""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Line:
    text: str
    loc: Location
    bold: bool = False


@dataclass(frozen=True)
class FrontMatter:
    header: tuple[Line, ...]
    signature: tuple[Line, ...]


def find_front_matter(doc: Document) -> FrontMatter:
    lines = list(document_lines(doc))
    end = _header_end(lines)
    return FrontMatter(header=tuple(lines[:end]), signature=tuple(_signature(lines[end:])))


def has_layout_mark(text: str) -> bool:
    """Whether the text holds a header or signature mark (motto, Số:, Nơi nhận, a role
    line such as "TM. ỦY BAN NHÂN DÂN" or "CHỦ TỊCH")."""
    return bool(_LAYOUT_MARK.search(text)) or any(map(is_role_line, text.split("\n")))


def is_layout_table(table: Table) -> bool:
    """A header or signature block laid out as a small table (not an appendix table)."""
    if not table.rows or len(table.rows) > MAX_LAYOUT_ROWS:
        return False
    if max(sum(1 for c in row.cells if not c.empty) for row in table.rows) > MAX_LAYOUT_COLUMNS:
        return False
    return any(has_layout_mark(c.text) for row in table.rows for c in row.cells)


def document_lines(doc: Document) -> Iterator[Line]:
    """Every paragraph and every layout-table cell, one line at a time, in reading order
    (italic markup a text rendering leaves around a line is dropped)."""
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            for text in block.text.split("\n"):
                if _EMPHASIS.sub("", text):
                    yield Line(_EMPHASIS.sub("", text), block.loc, block.bold)
        elif is_layout_table(block):
            for row in block.rows:
                for cell in row.cells:
                    for text in cell.text.split("\n"):
                        if _EMPHASIS.sub("", text):
                            yield Line(_EMPHASIS.sub("", text), cell.loc, cell.bold)


def _header_end(lines: list[Line]) -> int:
    for i, line in enumerate(lines[:MAX_HEADER_LINES]):
        if _BODY_START.match(line.text) or len(line.text) > LONG_PROSE:
            return i
        if not line.bold and _sentence(line.text):  # a title is set in bold
            return i
        if opens_signature(line.text):
            return i  # the signature: no header line opens so
    return min(len(lines), MAX_HEADER_LINES)


# A role signed for someone ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"): a signature's line, never
# a header's (a decision's header names its authority without one: "CHỦ TỊCH ỦY BAN ...").
_SIGNING_FOR = re.compile(r"^\s*(?:TM|KT|TL|TUQ|Q)\s*\.\s*\S", re.IGNORECASE)


def opens_signature(text: str) -> bool:
    """Whether a line opens a signature block: "Nơi nhận:", or a role signed for someone
    ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"; in any case, as a TCVN3 conversion writes it)."""
    return bool(_RECIPIENTS.match(text) or _SIGNING_FOR.match(text))


def _sentence(text: str) -> bool:
    """A line of prose: long, in mixed case, ending a sentence or opening a list (a title
    never ends so).

    >>> _sentence("Ủy ban nhân dân tỉnh ban hành Kế hoạch năm 2025 với các nhiệm vụ kèm theo.")
    True
    >>> _sentence("KẾ HOẠCH TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA ỦY BAN NHÂN DÂN TỈNH.")
    False
    """
    text = text.strip()
    return len(text) >= SENTENCE and text[-1:] in ".:" and _mixed_case(text)


def _signature(body: list[Line]) -> list[Line]:
    start = next((i for i, ln in enumerate(body) if _RECIPIENTS.match(ln.text)), None)
    if start is None:
        start = next((i for i, ln in enumerate(body) if is_role_line(ln.text)), None)
    if start is None:
        return []
    out: list[Line] = []
    for line in body[start:]:
        if out and _NEXT_DOCUMENT.match(line.text) and any(is_role_line(o.text) for o in out):
            break
        out.append(line)
    return out


def is_role_line(text: str) -> bool:
    """A signature role line: short, opening with a role, in one case throughout (upper case;
    all lower case when an upper-case TCVN3 font converted to small letters).

    >>> is_role_line("KT. CHỦ TỊCH"), is_role_line("PHÓ CHỦ TỊCH"), is_role_line("Chủ tịch UBND")
    (True, True, False)
    """
    return len(text) < 90 and bool(SIGN_ROLE.match(text.upper())) and not _mixed_case(text)


def _mixed_case(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", text)]
    return any(w.islower() for w in words) and any(not w.islower() for w in words)
