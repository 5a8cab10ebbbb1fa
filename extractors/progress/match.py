"""A progress row -> the plan task it reports on, and whether its agency may report it.

By code first (the qualified ``tasks.code``, else the printed number ``tasks.no`` when one
task carries it: a number repeated across groups names no task by itself); else a reviewer's
mapping (task text -> code, as aliases settle agencies); else the text, folded (NFC, case,
diacritics), scored with rapidfuzz's ``token_set_ratio`` against every task of the plan
version current at the report's date. A text match is taken only when it is strong
(``TEXT_MIN``) and clearly ahead of the next (``TEXT_MARGIN``); otherwise the row goes to
review with its best candidates, never a guess. The caller matches each distinct text once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

from extractors.normalize import fold, nfc
from extractors.resolve_names import agency_key

TEXT_MIN = 90  # below this a text names no task for sure
TEXT_MARGIN = 5  # the best must lead the next by this much, or the row is ambiguous
CANDIDATES = 3  # shown to the reviewer

MatchMethod = Literal["code", "mapping", "text"]

# collective agencies a plan names as lead or support -> the agencies that belong to them
# (matched on agency_key: folded, abbreviations spelt out, the province's name dropped)
COLLECTIVES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (  # "Các sở, ban, ngành (tỉnh)", "Các sở, ngành": any department, board or office
        re.compile(r"^cac\s+so(?:\s+ban)?(?:\s+nganh)?\b"),
        re.compile(r"^(?:so|ban|van\s+phong|thanh\s+tra)\b"),
    ),
    (  # "UBND cấp huyện", "UBND các huyện, thị xã, thành phố": a district committee
        re.compile(r"^uy\s+ban\s+nhan\s+dan\s+(?:cap\s+huyen|cac\s+huyen)\b"),
        re.compile(r"^uy\s+ban\s+nhan\s+dan\s+(?:huyen|thi\s+xa|thanh\s+pho|quan)\b"),
    ),
    (  # "Các cơ quan, đơn vị (liên quan)": any agency
        re.compile(r"^cac\s+co\s+quan(?:\s+don\s+vi)?\b"),
        re.compile(r"."),
    ),
)


@dataclass(frozen=True)
class PlanTask:
    code: str
    description: str
    lead: tuple[str, ...]  # agency names as the plan names them
    support: tuple[str, ...]
    no: str | None = None  # the number as printed, when the code qualifies it by its group


@dataclass(frozen=True)
class TaskMatch:
    code: str | None  # None: to review
    method: MatchMethod | None
    score: float
    candidates: tuple[tuple[str, float], ...] = ()  # (task code, score), best first


def task_key(text: str) -> str:
    """The folded words of a task's text."""
    return fold(nfc(text))


def code_match(code: str | None, tasks: Sequence[PlanTask]) -> str | None:
    """The task a printed code names: the qualified code itself ("B.IV.5.1.3"), else the
    one task printed with that number; a number printed in two groups names none."""
    if code is None or not code.strip():
        return None
    wanted = code.strip()
    if any(t.code == wanted for t in tasks):
        return wanted
    printed = [t.code for t in tasks if (t.no if t.no is not None else t.code) == wanted]
    return printed[0] if len(printed) == 1 else None


def match_task(
    code: str | None,
    text: str | None,
    tasks: Sequence[PlanTask],
    mapping: Mapping[str, str],
) -> TaskMatch:
    """The task a row reports on, or None with candidates for the review queue."""
    codes = {t.code for t in tasks}
    by_code = code_match(code, tasks)
    if by_code is not None:
        return TaskMatch(by_code, "code", 100.0)
    if text is None:
        return TaskMatch(None, None, 0.0)
    mapped = {task_key(k): v for k, v in mapping.items()}.get(task_key(text))
    if mapped in codes:
        return TaskMatch(mapped, "mapping", 100.0)
    keys = {t.code: task_key(t.description) for t in tasks}
    scored = process.extract(task_key(text), keys, scorer=fuzz.token_set_ratio, limit=CANDIDATES)
    candidates = tuple((c, float(s)) for _, s, c in scored)
    if not candidates:
        return TaskMatch(None, None, 0.0)
    best = candidates[0][1]
    runner_up = candidates[1][1] if len(candidates) > 1 else 0.0
    if best >= TEXT_MIN and best - runner_up >= TEXT_MARGIN:
        return TaskMatch(candidates[0][0], "text", best, candidates)
    return TaskMatch(None, None, best, candidates)


def agency_allowed(agency: str, task: PlanTask, province: str | None = None) -> bool:
    """The reporting agency is the task's lead or a support, or a member of a collective
    one ("Các sở, ban, ngành", "UBND cấp huyện")."""
    key = agency_key(agency, province)
    for named in (*task.lead, *task.support):
        named_key = agency_key(named, province)
        if key == named_key:
            return True
        for collective, member in COLLECTIVES:
            if collective.search(named_key) and member.search(key):
                return True
    return False
