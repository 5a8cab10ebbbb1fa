"""Targets stated in the plan body, outside Phụ lục 1.

Plans repeat key targets in prose ("... phấn đấu đạt các chỉ tiêu trọng tâm: Ít nhất 50%
hồ sơ ...; 83% hồ sơ công việc tại cấp tỉnh ..."). Rules:

* only paragraphs before the first appendix table are read (a header or signature block
  laid out as a table is no appendix: reading goes on past it);
* a paragraph a page break cut in two (the first part ends without punctuation, the next
  opens in lower case) is joined back;
* a paragraph that says "chỉ tiêu" and holds a percentage is a body target; the measure
  parser runs on the text after "chỉ tiêu ...:" when there is such a colon.
"""

from __future__ import annotations

import re

from extractors.document import Document, Paragraph, Table
from extractors.find_front_matter import is_layout_table
from extractors.parse_measures import parse_measures
from extractors.records import BodyTarget

_CHI_TIEU = re.compile(r"chỉ\s+tiêu", re.IGNORECASE)
_PERCENT = re.compile(r"\d\s*%")
_ENDS = re.compile(r"[.;:!?)]\s*$")


def body_paragraphs(doc: Document) -> list[Paragraph]:
    """Prose before the first table, with page-break splits joined back."""
    out: list[Paragraph] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            if is_layout_table(block):
                continue
            break
        if out and not _ENDS.search(out[-1].text) and block.text[:1].islower() and not block.level:
            prev = out.pop()
            block = Paragraph(
                text=f"{prev.text} {block.text}", loc=prev.loc, level=prev.level, bold=prev.bold
            )
        out.append(block)
    return out


def find_body_targets(doc: Document) -> tuple[BodyTarget, ...]:
    found = []
    for para in body_paragraphs(doc):
        m = _CHI_TIEU.search(para.text)
        if not m or not _PERCENT.search(para.text):
            continue
        colon = para.text.find(":", m.end())
        text = para.text[colon + 1 :].strip() if colon != -1 else para.text
        measures = parse_measures(text)
        if measures:
            found.append(BodyTarget(text=text, loc=para.loc, measures=measures))
    return tuple(found)
