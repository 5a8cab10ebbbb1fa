"""The decision's own fields: province, plan year, number, dates, signer, title, totals.

Rules:

* province - from the issuer line "ỦY BAN NHÂN DÂN TỈNH X", else "tỉnh X" in the title;
* plan year - the first "cải cách hành chính (nhà nước) năm YYYY" / "CCHC năm YYYY";
* number - "Số: 3546/QĐ-UBND"; null when the draft leaves the number blank;
* issue date - "X, ngày 28 tháng 12 năm 2021"; blank day/month give a partial ISO date;
* effective date - "có hiệu lực từ ngày 01/01/2022"; "kể từ ngày ký" means the issue date;
* signer - the first name-like line after the "CHỦ TỊCH" signature block;
* title - the "Về việc ..." line under "QUYẾT ĐỊNH" (else the plan's own heading);
* stated totals - "06 nội dung, 26 mục tiêu, chỉ tiêu".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractors import patterns as p
from extractors.document import Paragraph
from extractors.province_name import issuer_province, named_province
from extractors.records import DocumentInfo, Issue

_NAME_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]*$")
_SIGN_TITLE = re.compile(r"\bCHỦ\s+TỊCH\b")


def parse_document_info(
    paragraphs: Sequence[Paragraph], sha256: str
) -> tuple[DocumentInfo, list[Issue]]:
    issues: list[Issue] = []
    texts = [para.text for para in paragraphs]
    title = _title(texts)
    province = _province(texts, title)
    plan_year = _plan_year([title or "", *texts])
    doc_number = _doc_number(texts)
    issued = _issued(texts)
    effective = _effective(texts, issued)
    signer = _signer(texts)
    areas, targets = _stated_totals(texts)
    for field, value in (
        ("province", province),
        ("plan_year", plan_year),
        ("signer", signer),
        ("title", title),
    ):
        if value is None:
            issues.append(Issue("warning", "field_not_found", f"no {field} found in the decision"))
    if doc_number is None:
        issues.append(
            Issue("info", "doc_number_blank", "decision number is blank or missing (a draft?)")
        )
    info = DocumentInfo(
        province=province,
        plan_year=plan_year,
        doc_number=doc_number,
        issued_date=issued,
        effective_date=effective,
        signer=signer,
        title=title,
        sha256=sha256,
        stated_areas=areas,
        stated_targets=targets,
    )
    return info, issues


def _title(texts: Sequence[str]) -> str | None:
    for i, t in enumerate(texts[:-1]):
        if re.fullmatch(r"QUYẾT\s+ĐỊNH", t.strip()):
            nxt = " ".join(texts[i + 1].split())
            if re.match(r"^(?:Về\s+việc|V/v|Ban\s+hành|Phê\s+duyệt)\b", nxt, re.IGNORECASE):
                return nxt
    for t in texts:
        flat = " ".join(t.split())
        if re.match(r"^(?:Về\s+việc|V/v)\b", flat, re.IGNORECASE):
            return flat
    for i, t in enumerate(texts):
        if re.match(r"^KẾ\s+HOẠCH$", t.strip()) and i + 1 < len(texts):
            return "Kế hoạch " + " ".join(texts[i + 1].split())
    return None


def _province(texts: Sequence[str], title: str | None) -> str | None:
    return issuer_province(texts[:40]) or named_province(title or "")


def _plan_year(texts: Sequence[str]) -> int | None:
    for t in texts:
        m = p.PLAN_YEAR.search(t)
        if m:
            return int(m["y"])
    return None


def _doc_number(texts: Sequence[str]) -> str | None:
    for t in texts[:20]:
        m = p.DOC_NUMBER.match(t)
        if m:
            return f"{m['n']}/{m['suffix']}" if m["n"] else None
    return None


def _issued(texts: Sequence[str]) -> str | None:
    for t in texts[:20]:
        m = p.ISSUE_DATE.search(t)
        if m and len(t) < 120:
            parts = [m["y"]] + [f"{int(x):02d}" for x in (m["m"], m["d"]) if x]
            if not m["m"]:
                parts = [m["y"]]
            return "-".join(parts)
    return None


def _effective(texts: Sequence[str], issued: str | None) -> str | None:
    for t in texts:
        m = p.EFFECTIVE.search(t)
        if m and m["signed"]:
            return issued if issued and len(issued) == 10 else None
        if m:
            return f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}"
    return None


def _signer(texts: Sequence[str]) -> str | None:
    for i, t in enumerate(texts):
        # the signature block's title line: "CHỦ TỊCH", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" (in any
        # case: upper-case TCVN3 fonts convert to small letters)
        if (
            _SIGN_TITLE.search(t.upper())
            and len(t) < 80
            and not re.search(r"[a-zà-ỹđ]{2,}\s+[A-ZĐ]", t)
        ):
            for cand in texts[i + 1 : i + 4]:
                words = cand.split()
                if 2 <= len(words) <= 5 and all(_NAME_WORD.match(w) for w in words):
                    return " ".join(words)
    return None


def _stated_totals(texts: Sequence[str]) -> tuple[int | None, int | None]:
    for t in texts:
        m = p.STATED_TOTALS.search(t)
        if m:
            return int(m["areas"]), int(m["targets"])
    return None, None
