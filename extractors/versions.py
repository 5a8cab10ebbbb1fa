"""The version of each reader: raise a kind's number when a fix changes what files of that
kind read as, so ``parplan reprocess`` re-reads the files stored with an older one."""

from __future__ import annotations

PARSER_VERSIONS: dict[str, int] = {
    # plan documents (PDF, DOCX, HTML, text) -> PlanExtraction (2: recurrence; 3: an
    # amendment of part of a plan is a related document, never its new version; a phase
    # plan's value per year is read, the end year's the target's value; HTML footnote marks
    # dropped; 4: tab-aligned text and DOCX tab paragraphs read as tables, lead and support
    # in one cell, a source's amount, a number and date read as one PDF line, struck text
    # under its own code; 5: DOCX text boxes, tracked moves, rows in content controls and
    # tables nested in cells, HTML nested tables; year-named value columns; sub-item codes;
    # 'phấn đấu' and 'Mục tiêu' body targets; amendments naming the adopting decision;
    # 6: a phase plan's recurring tasks span the phase, PAR plans named by their index,
    # 'CHƯƠNG TRÌNH HÀNH ĐỘNG' titles, a footnote mark beside a target's value dropped;
    # 7: the signature after a short body, a footnote mark closing a target's text, a name
    # broken after its head word; a plan named by the PAR index it improves (PAR INDEX,
    # SIPAS) or by a part of the reform (cải cách thủ tục / tổ chức bộ máy hành chính) is
    # topic par, was other)
    "plan": 7,
    # metric files (CSV, XLSX, Parquet) -> Judged (2: a sheet named for its period, year and
    # quarter or month in two columns, Loại số liệu, total rows checked against their rows,
    # TCVN3 saved as ANSI, shares without '%' beside counted percents, one list of estimate
    # words; 3: a title's cut-off day, estimates named in a footnote, names wrapped over two
    # header rows, '%' in Đơn vị tính, an agency written once over blank rows, years as
    # columns, counts headed by meaning, whole-number count columns; 4: a year cut short
    # in a period cell or a note under the table, the official reporting spans (15th to
    # 14th) and annual cut-off, 'lũy kế đến' titles, a wide file's '-'/'x' cells, satisfied
    # and surveyed ballots as counts, a share formula without its value beside its counts,
    # a year merged over Tử số | Mẫu số, Năm học columns, a title's province before a dash)
    "metrics": 4,
    # task-progress reports (CSV, XLSX, Parquet; a report document's appendix); 2: the
    # topic of the plan the title names; 3: group rows, 'hoàn thành nhưng quá hạn', a
    # percent column alone, the lead agency's usual headers
    "progress": 3,
}


def parser_version(kind: str) -> int | None:
    """The current version of the reader of ``kind`` (None: a kind no reader reads)."""
    return PARSER_VERSIONS.get(kind)
