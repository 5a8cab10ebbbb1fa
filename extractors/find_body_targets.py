"""Targets stated in the plan body, outside Phụ lục 1.

Plans repeat key targets in prose ("... phấn đấu đạt các chỉ tiêu trọng tâm: Ít nhất 50%
hồ sơ ...; 83% hồ sơ công việc tại cấp tỉnh ..."). Rules:

* only paragraphs before the first appendix table are read (a header or signature block
  laid out as a table is no appendix: reading goes on past it);
* a paragraph a page break cut in two (the first part ends without punctuation, the next
  opens in lower case, not with an item's mark "a)") is joined back;
* a footnote's mark closing a target ("... theo quy định1.") is dropped (``footnote_refs``);
* a paragraph that says "chỉ tiêu" or "phấn đấu" and holds a percentage is a body target;
  the measure parser runs on the text after "chỉ tiêu ...:" when there is such a colon;
* a heading or lead-in that names "chỉ tiêu", "phấn đấu" or "mục tiêu" without a figure
  ("2. Chỉ tiêu cụ thể", "Các chỉ tiêu chủ yếu:", "b) Mục tiêu theo lĩnh vực") opens a
  list: each following line with a percentage is a body target of its own (sub-headings
  "a) Về ..." between them are skipped) until the next section heading ("II. ...", "3.
  ...") without a figure.
"""

from __future__ import annotations

import re

from extractors.document import Document, Location, Paragraph, Table
from extractors.find_front_matter import is_layout_table
from extractors.footnote_refs import without_footnote_mark
from extractors.parse_measures import parse_measures
from extractors.records import BodyTarget

# What says a sentence states targets: "chỉ tiêu", or "phấn đấu" (strive for: "Phấn đấu 100%
# thủ tục ...; 95% hồ sơ ...", "phấn đấu đạt được những mục tiêu sau:").
_CHI_TIEU = re.compile(r"chỉ\s+tiêu|phấn\s+đấu", re.IGNORECASE)
# What opens a list of targets as its heading or lead-in: those words, or "mục tiêu" ("b)
# Mục tiêu theo ngành, lĩnh vực", "I. MỤC TIÊU" over targets one per paragraph).
_OPENS = re.compile(r"chỉ\s+tiêu|phấn\s+đấu|mục\s+tiêu", re.IGNORECASE)
_PERCENT = re.compile(r"\d\s*%")
_ENDS = re.compile(r"[.;:!?)]\s*$")
# "2. ", "II. ", "2.1. ", "a) ": a numbered heading or item.
_NUMBERED = re.compile(r"^\s*(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)]\s", re.IGNORECASE)
# A section heading that ends a list of targets: "II. NHIỆM VỤ", "3. Yêu cầu" (not "2.1.").
_SECTION = re.compile(r"^\s*(?:[IVX]+|\d+)\s*\.\s", re.IGNORECASE)


def body_paragraphs(doc: Document) -> list[Paragraph]:
    """Prose before the first table, with page-break splits joined back."""
    out: list[Paragraph] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            if is_layout_table(block):
                continue
            break
        if (
            out
            and not _ENDS.search(out[-1].text)
            and block.text[:1].islower()
            and not block.level
            and not _NUMBERED.match(block.text)  # "a) ...": the next item, not the rest
        ):
            prev = out.pop()
            block = Paragraph(
                text=f"{prev.text} {block.text}", loc=prev.loc, level=prev.level, bold=prev.bold
            )
        out.append(block)
    return out


def find_body_targets(doc: Document) -> tuple[BodyTarget, ...]:
    found = []
    listing = False  # inside a "Chỉ tiêu" section whose targets are listed one by one
    for line, loc in _lines(body_paragraphs(doc)):
        names = _CHI_TIEU.search(line)
        has_figure = _PERCENT.search(line) is not None
        if names and has_figure and not listing:
            colon = line.find(":", names.end())
            text = line[colon + 1 :].strip() if colon != -1 else line
        elif _OPENS.search(line) and not has_figure and _opens_list(line):
            listing = True
            continue
        elif listing and has_figure:
            text = line
        else:
            if listing and _SECTION.match(line):
                listing = False
            continue
        text = without_footnote_mark(text)[0]  # "... theo quy định1."
        measures = parse_measures(text)
        if measures:
            found.append(BodyTarget(text=text, loc=loc, measures=measures))
    return tuple(found)


def _lines(paras: list[Paragraph]) -> list[tuple[str, Location]]:
    """Each line of each paragraph (a text rendering keeps a list in one paragraph)."""
    return [(ln.strip(), para.loc) for para in paras for ln in para.text.split("\n") if ln.strip()]


def _opens_list(line: str) -> bool:
    """A heading or lead-in naming the targets: "2. Chỉ tiêu cụ thể", "b) Các chỉ tiêu
    chủ yếu:" - numbered and short, or ending with a colon."""
    return line.rstrip().endswith(":") or (_NUMBERED.match(line) is not None and len(line) < 120)
