"""The document's own fields: kind, issuer, province, period, number, dates, signer, title.

Every field but the effective date and the stated totals is read from the header block or
the signature block (``find_front_matter``), never from the body - a law cited in "Căn cứ"
has an issue date too. A field not found is null with a warning, never a guess.

* kind, heading, title - ``classify_document``: the heading line ("KẾ HOẠCH", "QUYẾT ĐỊNH")
  and the lines after it up to the issuing authority or the body ("Về việc ban hành Kế
  hoạch ..."); a plan's title keeps its kind ("Kế hoạch phát triển ..."); a letter's title is
  its "V/v ..." subject;
* issuer - the header lines before the motto, "Số:" and the date ("ỦY BAN NHÂN DÂN / TỈNH
  LONG AN"), else the authority line under a decision's title;
* province - "TỈNH X" / "THÀNH PHỐ X" in the issuer (null for a ministry or the government),
  else "tỉnh X" in a title not set in capitals;
* plan period and plan year - ``parse_plan_period`` on the title; ``plan_year`` only for a
  plan of one year;
* number - "Số: 3546/QĐ-UBND"; null when the draft leaves the number blank;
* issue date - "X, ngày 28 tháng 12 năm 2021"; blank day/month give a partial ISO date;
* effective date - "có hiệu lực từ ngày 01/01/2022"; "kể từ ngày ký" means the issue date;
* signers - after each role block ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH") the
  first name-like line; ``signer`` is the first;
* stated totals - "06 nội dung, 26 mục tiêu, chỉ tiêu".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from extractors import patterns as p
from extractors.amendment import amended_plan
from extractors.classify_document import (
    Kind,
    classify,
    is_subject_line,
    plan_title_line,
    set_in_capitals,
    split_heading,
    topic,
)
from extractors.document import Document
from extractors.find_front_matter import FrontMatter, Line, find_front_matter, is_role_line
from extractors.parse_plan_period import parse_plan_period
from extractors.province_name import issuer_province, named_province
from extractors.records import DocumentInfo, Issue, Signer

_NAME_WORD = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]*|[A-ZĐÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂƠƯẠ-Ỹ]+)$")
_MOTTO = re.compile(r"C[ỘO]NG\s+H[ÒOÀ]A\s+X[ÃA]\s+H[ỘO]I|Độc\s+lập\s*-", re.IGNORECASE)
_MOTTO_TAIL = re.compile(r"^(?:VIỆT\s+)?NAM$")  # the motto's last word(s), wrapped
# "Long An, ngày 28 tháng 12 năm 2021" / "ngày ... tháng ... năm ..." opening a line
_PLACE_DATE = re.compile(r"^(?:[^\d,;:]{2,60},\s*)?ngày\b", re.IGNORECASE)
# The issuing authority a decision names under its title ("ỦY BAN NHÂN DÂN TỈNH LONG AN",
# "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HẬU GIANG", "THỦ TƯỚNG CHÍNH PHỦ").
_AUTHORITY = re.compile(
    r"""(?:^|\s)(?P<who>(?:CHỦ\s+TỊCH\s+)?(?:ỦY|UỶ|UY)\s+BAN\s+NHÂN\s+DÂN\b.*
        |THỦ\s+TƯỚNG\s+CHÍNH\s+PHỦ$|BỘ\s+TRƯỞNG\s+BỘ\b.*|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN\b.*)$""",
    re.VERBOSE,
)
_DASHES = re.compile(r"^[\s\-–—_=*.]*$")
# The words a document's body opens with ("Căn cứ Luật ...", "Thực hiện Nghị quyết ...,
# Ủy ban nhân dân tỉnh ban hành ..."): after a title line, such a line is the body wrapped
# into short lines, not more of the title ("Thực hiện ..." may be the title's first line).
# "HÀNH ĐỘNG" alone after "KẾ HOẠCH" / "CHƯƠNG TRÌNH": part of the heading; the title is
# on the lines under it, often opening "Thực hiện Nghị quyết ..."
_ACTION = re.compile(r"^\s*HÀNH\s+ĐỘNG\s*$", re.IGNORECASE)
_BODY_OPENING = re.compile(r"^(?:Căn\s+cứ|Thực\s+hiện|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị)\b")
_NOT_A_NAME = re.compile(r"^\s*(?:[-+•]|\(|Lưu\b|Nơi\b|Đã\s+ký)", re.IGNORECASE)


def parse_document_info(doc: Document) -> tuple[DocumentInfo, Kind, list[Issue]]:
    front = find_front_matter(doc)
    header = [part for ln in front.header for part in _split_number_line(ln.text)]
    texts = [para.text for para in doc.paragraphs]
    heading_at, heading = _heading(header)
    number_at = next((i for i, t in enumerate(header) if _number_line(t)), None)
    subject = _subject(header, number_at)
    title = _title(header, heading_at, heading) or subject
    kind = classify(heading, title, number_at is not None, subject is not None)
    if heading is None and number_at is None and header and plan_title_line(header[0]):
        heading = plan_title_line(header[0])
        title = " ".join(header[0].split())
        kind = replace(classify(heading, title, False, False), weak=True)
    issuer = _issuer(header, heading_at)
    province = _province(issuer, title)
    period = parse_plan_period(title) if kind.is_plan else None
    plan_year = period.start if period and period.annual else None
    doc_number = _doc_number(header[number_at]) if number_at is not None else None
    issued = _issued(header)
    signers = _signers(front)
    areas, targets = _stated_totals(texts)
    issues: list[Issue] = []
    amends = amended_plan(title) if kind.is_plan else None
    if amends:
        issues.append(
            Issue(
                "warning",
                "plan_amendment",
                f"amends {kind.label} số {amends} in part: loaded beside that plan, never as "
                "a new version of it (its changes are not merged into it)",
            )
        )
    for field, value in (
        ("issuer", issuer),
        ("plan period", period),
        ("issue date", issued),
        ("signer", signers),
        ("title", title),
    ):
        if not value:
            issues.append(Issue("warning", "field_not_found", f"no {field} found in the header"))
    if number_at is None or doc_number is None:
        issues.append(
            Issue("info", "doc_number_blank", "document number is blank or missing (a draft?)")
        )
    info = DocumentInfo(
        province=province,
        plan_year=plan_year,
        doc_number=doc_number,
        issued_date=issued,
        effective_date=_effective(texts, issued),
        signer=signers[0].name if signers else None,
        title=title,
        sha256=doc.sha256,
        stated_areas=areas,
        stated_targets=targets,
        kind=kind.kind,
        issuer=issuer,
        topic=topic(title) if kind.is_plan else None,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        signers=tuple(signers),
        amends=amends,
    )
    return info, kind, issues


def _heading(header: Sequence[str]) -> tuple[int | None, str | None]:
    for i, text in enumerate(header):
        found = split_heading(text)
        if found:
            return i, found[0]
    return None, None


def _subject(header: Sequence[str], number_at: int | None) -> str | None:
    if number_at is None:
        return None
    for text in header[number_at + 1 : number_at + 4]:
        if is_subject_line(text):
            return " ".join(text.split())
    return None


def _title(header: Sequence[str], at: int | None, heading: str | None) -> str | None:
    if at is None or heading is None:
        return None
    found = split_heading(header[at])
    rest = found[1] if found else ""
    action = bool(_ACTION.match(rest))  # "CHƯƠNG TRÌNH HÀNH ĐỘNG": the heading, not a title
    parts = [rest] if rest and not action else []
    for text in header[at + 1 : at + 6]:
        if _AUTHORITY.match(text.upper()) or text.startswith(("(", "*(")) or split_heading(text):
            break
        if _MOTTO.search(text) or _number_line(text) or _PLACE_DATE.match(text):
            break
        if len(text) > MAX_TITLE_LINE or text.endswith(":"):  # prose opening the body
            break
        if parts and _BODY_OPENING.match(text):
            break
        parts.append(text)
    body = " ".join(" ".join(parts).split())
    m = _AUTHORITY.search(body)
    if m and m.start() > 0:  # the authority line run into the title (a PDF paragraph)
        body = body[: m.start()].strip()
    if not body:
        return None
    if heading in ("KẾ HOẠCH", "CHƯƠNG TRÌNH", "ĐỀ ÁN"):
        return f"{heading.capitalize()}{' hành động' if action else ''} {body}"
    return body


def _issuer(header: Sequence[str], heading_at: int | None) -> str | None:
    """The run of capital lines just above the motto, the number or the date (what a web
    page puts before the document is no part of it), else the authority under the title."""
    lines: list[str] = []
    for text in header:
        if _number_line(text) or _PLACE_DATE.match(text) or split_heading(text):
            break
        if _DASHES.match(text) or _MOTTO.search(text) or _MOTTO_TAIL.match(text):
            continue  # a PDF may read the motto column line by line with the issuer's
        lines = [*lines, text] if set_in_capitals(text) else []
    issuer = " ".join(" ".join(lines).split())
    if issuer:
        return issuer
    for text in header[(heading_at or 0) + 1 :]:  # the authority under a decision's title
        m = _AUTHORITY.match(text.upper()) if set_in_capitals(text) else None
        if m:
            who = " ".join(text[m.start("who") :].split())
            return re.sub(r"^CHỦ\s+TỊCH\s+", "", who, flags=re.IGNORECASE)
    return None


# A commune-level issuer since the 2025 reorganisation (xã, phường, đặc khu; thị trấn
# before it): it names the commune only, its plan's title names the province ("XÃ HỘI" of
# a Sở's name is no commune).
_COMMUNE_ISSUER = re.compile(
    r"""\b(?:XÃ(?!\s+HỘI\b) | PHƯỜNG | ĐẶC\s+KHU | THỊ\s+TRẤN) \s+ \S""",
    re.IGNORECASE | re.VERBOSE,
)


def _province(issuer: str | None, title: str | None) -> str | None:
    """From the issuer; from the title only when there is no issuer, or the issuer is a
    commune's (its title: "... xã Tân Hội Đông, tỉnh Đồng Tháp"), and the title is not set
    in capitals (a word in capitals after "THÀNH PHỐ" is no proof of a name)."""
    if issuer:
        found = issuer_province([issuer]) or named_province(issuer, any_case=True)
        if found or not _COMMUNE_ISSUER.search(issuer):
            return found
    if title and title.upper() != title:
        return named_province(title)
    return None


# A Party document's number: "Số 07-KH/TU", "Số: 144-KH/TU".
_PARTY_NUMBER = re.compile(r"^\s*S[ốo]\s*:?\s*(?P<n>\d+\s*-\s*[A-ZĐ][A-Za-zĐđ]*\s*/\s*[A-ZĐ]+)\b")


def _number_line(text: str) -> bool:
    return bool(p.DOC_NUMBER.match(text) or _PARTY_NUMBER.match(text))


def _split_number_line(text: str) -> list[str]:
    """The number line and the place-and-date line, when a PDF read them as one (set one
    under the other in the same type, or on one line): each its own line.

    >>> _split_number_line("Số: 12/KH-UBND Hà Tĩnh, ngày 5 tháng 3 năm 2025")
    ['Số: 12/KH-UBND', 'Hà Tĩnh, ngày 5 tháng 3 năm 2025']
    >>> _split_number_line("Số: 12/KH-UBND")
    ['Số: 12/KH-UBND']
    """
    m = p.DOC_NUMBER.match(text) or _PARTY_NUMBER.match(text)
    if m and _PLACE_DATE.match(text[m.end() :].strip()):
        return [text[: m.end()].strip(), text[m.end() :].strip()]
    return [text]


def _doc_number(text: str) -> str | None:
    """The number as printed; None when a draft leaves it blank.

    >>> _doc_number("Số: 144/KH-UBND"), _doc_number("Số 07-KH/TU"), _doc_number("Số: /QĐ-UB")
    ('144/KH-UBND', '07-KH/TU', None)
    """
    m = p.DOC_NUMBER.match(text)
    if m:
        return f"{m['n']}/{m['suffix']}" if m["n"] else None
    party = _PARTY_NUMBER.match(text)
    return "".join(party["n"].split()) if party else None


def _issued(header: Sequence[str]) -> str | None:
    """The place-and-date line's date (a narrow column may wrap it: "..., ngày 21 tháng 11"
    / "năm 2025")."""
    for i, t in enumerate(header):
        if not _PLACE_DATE.match(t):
            continue
        m = p.ISSUE_DATE.search(t) or p.ISSUE_DATE.search(" ".join(header[i : i + 2]))
        if m is None:  # "Thành phố Huế, ngày 10/02/2025"; "ngày 31/02/2025" is none
            m = p.ISSUE_DATE_FIGURES.search(t)
            if m and not _real_date(int(m["y"]), int(m["m"]), int(m["d"])):
                m = None
        if m:
            if not m["m"]:
                return m["y"]
            parts = [m["y"]] + [f"{int(x):02d}" for x in (m["m"], m["d"]) if x]
            return "-".join(parts)
    return None


def _real_date(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _effective(texts: Sequence[str], issued: str | None) -> str | None:
    for t in texts:
        m = p.EFFECTIVE.search(t)
        if m and m["signed"]:
            return issued if issued and len(issued) == 10 else None
        if m:
            return f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}"
    return None


MAX_LINES_TO_NAME = 4
MAX_TITLE_LINE = 250


def _signers(front: FrontMatter) -> list[Signer]:
    """One signer per role block of the signature: the role lines, then the first name.
    A role block with no name before the next one (a page break put the recipients list
    between "TM. ỦY BAN NHÂN DÂN" and "CHỦ TỊCH") is carried into it."""
    out: list[Signer] = []
    lines: Sequence[Line] = front.signature
    pending: list[str] = []
    i = 0
    while i < len(lines):
        if not is_role_line(lines[i].text):
            i += 1
            continue
        role = pending
        while i < len(lines) and is_role_line(lines[i].text):
            role.append(lines[i].text)
            i += 1
        pending = role
        others = 0  # lines neither a recipient nor a stamp ("(Đã ký)") between role and name
        for cand in lines[i:]:
            if is_role_line(cand.text) or others >= MAX_LINES_TO_NAME:
                break
            name = _name(cand.text)
            if name:
                out.append(Signer(name, " ".join(" ".join(role).split())))
                pending = []
                break
            others += not _NOT_A_NAME.match(cand.text)
    return out


def _name(text: str) -> str | None:
    if _NOT_A_NAME.match(text):
        return None
    words = text.split()
    if 2 <= len(words) <= 5 and all(_NAME_WORD.match(w) for w in words):
        return " ".join(w if not w.isupper() else w.capitalize() for w in words)
    return None


def _stated_totals(texts: Sequence[str]) -> tuple[int | None, int | None]:
    for t in texts:
        m = p.STATED_TOTALS.search(t)
        if m:
            return int(m["areas"]), int(m["targets"])
    return None, None
