"""What a plan is about within its topic, from its title: part of a plan's identity.

A province issues its annual (or phase) PAR plan and, the same year, plans of their own on
improving an index the reform is judged on ("nâng cao Chỉ số CCHC (PAR INDEX)", SIPAS,
PAPI, PCI, DTI) or on one part or activity of the reform ("cải cách thủ tục hành chính",
"kiểm soát TTHC", "tuyên truyền CCHC"). Each stands on its own: none supersedes another.

* ``whole``: the plan of the whole work - the reform named outside an index's name
  ("Kế hoạch cải cách hành chính năm 2025", "... CCHC, nâng cao Chỉ số SIPAS"), or nothing
  of the tables below named (a chuyển đổi số plan, any other plan);
* ``activity:KEY``: an activity on the whole reform ("tuyên truyền / kiểm tra CCHC");
* ``index:KEYS``: the indexes named, sorted, ``+``-joined ("index:papi+sipas");
* ``part:KEYS``: the parts of the reform named ("part:procedures").

The words after "thay thế" (a re-issue naming the plan it replaces) are not read: a re-issue
is about what its plan is about. ``warehouse/migrations/0030_plan_subject.sql`` backfills
stored documents with the same patterns (RE2 reads them alike; a test holds them equal).
"""

from __future__ import annotations

import re

from extractors.normalize import fold

WHOLE = "whole"

# The reform named as a whole (on the folded title).
REFORM = r"\b(?:cai cach hanh chinh|cchc)\b"
# An activity carried out on the whole reform: a plan of its own.
ACTIVITIES: tuple[tuple[str, str], ...] = (
    ("communication", r"\btuyen truyen (?:\w+ ){0,3}?(?:cai cach hanh chinh|cchc)\b"),
    ("inspection", r"\bkiem tra (?:\w+ ){0,3}?(?:cai cach hanh chinh|cchc)\b"),
)
# The indexes a province is judged on, by acronym or by name.
INDEXES: tuple[tuple[str, str], ...] = (
    ("par", r"\bpar ?index\b|\bchi so (?:cai cach hanh chinh|cchc)\b"),
    ("sipas", r"\bsipas\b|\bchi so hai long\b|\bdo luong (?:\w+ ){0,2}?hai long\b"),
    ("papi", r"\bpapi\b|\bchi so hieu qua quan tri\b"),
    ("pci", r"\bpci\b|\bchi so nang luc canh tranh cap tinh\b"),
    ("ddci", r"\bddci\b"),
    ("dti", r"\bdti\b|\bchi so chuyen doi so\b"),
)
# Parts of the reform (Nghị quyết 76/NQ-CP's areas) and the work on procedures.
PARTS: tuple[tuple[str, str], ...] = (
    ("institutions", r"\bcai cach the che\b"),
    ("procedures", r"\bcai cach (?:thu tuc hanh chinh|tthc)\b"),
    ("procedure_control", r"\bkiem soat (?:thu tuc hanh chinh|tthc)\b"),
    ("one_stop", r"\bmot cua\b"),
    ("apparatus", r"\bcai cach (?:to chuc )?bo may\b"),
    ("civil_service", r"\bcai cach (?:che do )?cong vu\b"),
    ("public_finance", r"\bcai cach tai chinh cong\b"),
)
# Where a re-issue names the plan it replaces: what follows is not the plan's subject.
REPLACES = r"\bthay the\b.*$"


def plan_subject(title: str | None) -> str:
    """The plan's subject within its topic (see the module's rules).

    >>> plan_subject("Kế hoạch cải cách hành chính năm 2025 của tỉnh Long An")
    'whole'
    >>> plan_subject("Kế hoạch nâng cao Chỉ số CCHC (PAR INDEX) và SIPAS năm 2025")
    'index:par+sipas'
    >>> plan_subject("Kế hoạch cải cách thủ tục hành chính năm 2026")
    'part:procedures'
    """
    folded = re.sub(REPLACES, "", fold(title or ""))
    for key, pattern in ACTIVITIES:
        if re.search(pattern, folded):
            return f"activity:{key}"
    unnamed = folded
    for _, pattern in INDEXES:  # the reform's name inside an index's is not the reform
        unnamed = re.sub(pattern, " ", unnamed)
    if re.search(REFORM, unnamed):
        return WHOLE
    for prefix, table in (("index", INDEXES), ("part", PARTS)):
        keys = sorted(key for key, pattern in table if re.search(pattern, folded))
        if keys:
            return f"{prefix}:{'+'.join(keys)}"
    return WHOLE
