"""Partitions: one per submitted file, keyed by the SHA-256 of its content, and one per
plan in force (its report).

A hex digest is safe in the UI (no commas or slashes) and makes the key the file's
identity: a renamed copy is the same partition, a corrected file a new one.
"""

import dagster as dg

SUBMISSIONS = "submissions"  # the partitions' name
submissions = dg.DynamicPartitionsDefinition(name=SUBMISSIONS)

# One dynamic partition per plan in force, "<province> <plan year>" ("Long An 2022"): added
# as plans are loaded, so every partition is a report that exists. (A province x year grid
# would be mostly empty: the 63 provinces before 1 July 2025 and the 34 after never share
# a year.) The year is the last word.
PLAN_REPORTS = "plan_reports"
plan_reports = dg.DynamicPartitionsDefinition(name=PLAN_REPORTS)


def report_key(province: str, year: int) -> str:
    """The partition of a province's plans of a year.

    >>> report_key("Bà Rịa - Vũng Tàu", 2023)
    'Bà Rịa - Vũng Tàu 2023'
    """
    return f"{province} {year}"


def report_of(key: str) -> tuple[str, int]:
    """The province and plan year of a partition.

    >>> report_of("Bà Rịa - Vũng Tàu 2023")
    ('Bà Rịa - Vũng Tàu', 2023)
    """
    province, year = key.rsplit(" ", 1)
    return province, int(year)
