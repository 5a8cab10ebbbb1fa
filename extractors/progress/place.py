"""The province a task-progress report is about, where its rows name none (no Tỉnh
column): its title's ("UBND TỈNH LONG AN"), else its file name's ("bao_cao_long_an.csv"),
else the deployment's configured province (``--province`` / ``PARPLAN_PROVINCE``) - the
order a metric file is placed in (issue 14). A report placed nowhere is kept out of the
marts, loudly (``warehouse.progress_load``)."""

from __future__ import annotations

from extractors.metrics.agencies import known_provinces, named_province
from extractors.metrics.layout import title_province
from extractors.reference import Registry
from extractors.resolve_province import resolve_province


def report_province(
    title: list[str], path: str, configured: str | None, registry: Registry | None
) -> str | None:
    """The title's province, else the file name's (a province of the registry's agencies
    or the configured one), else the configured one under its reference name ("tỉnh Long
    An" -> "Long An", as the plans name it).

    >>> report_province(["UBND TỈNH LONG AN"], "bao_cao.csv", "Cần Thơ", None)
    'Long An'
    >>> report_province([], "in/bao_cao_can_tho.csv", "Cần Thơ", None)
    'Cần Thơ'
    >>> report_province([], "bao_cao.csv", None, None) is None
    True
    """
    home = configured
    if configured and registry is not None:
        home = resolve_province(configured, None, registry.reference).name or configured
    agencies = registry.agencies if registry is not None else []
    return title_province(title) or named_province(path, known_provinces(agencies, home)) or home
