"""Vietnamese column titles for exports and the report.

A column's label comes from the dbt project's documentation when it gives one
(``meta.label_vi`` on the column in any ``schema.yml`` under ``sql/``), else from the
fallback table below, else the column name itself. The fallback keeps exports readable
for relations the documentation does not (yet) cover.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"

# Fallback titles by column name (the same name means the same thing across the marts).
FALLBACK_VI: Mapping[str, str] = {
    "province": "Tỉnh",
    "plan_year": "Năm kế hoạch",
    "year": "Năm",
    "baseline_year": "Năm gốc",
    "target_no": "Chỉ tiêu số",
    "target_text": "Nội dung chỉ tiêu",
    "text": "Nội dung",
    "area_no": "Lĩnh vực số",
    "target_area_no": "Lĩnh vực (Phụ lục 1) số",
    "task_area_no": "Lĩnh vực (Phụ lục 2) số",
    "area": "Lĩnh vực",
    "target_area": "Lĩnh vực (Phụ lục 1)",
    "task_area": "Lĩnh vực (Phụ lục 2)",
    "met_pct": "Tỷ lệ đạt (%)",
    "lead_agency_codes": "Mã cơ quan chủ trì",
    "figures_unresolved": "Số liệu mang tên chưa nhận diện",
    "years_missing_before": "Số năm thiếu trước đó",
    "measure_no": "Tiêu chí số",
    "indicator_code": "Mã chỉ số",
    "indicator": "Chỉ số",
    "indicator_name": "Tên chỉ số",
    "unit": "Đơn vị tính",
    "level": "Cấp",
    "agency": "Cơ quan",
    "agency_code": "Mã cơ quan",
    "lead_agency": "Cơ quan chủ trì",
    "comparator": "So sánh",
    "target_value": "Giá trị mục tiêu",
    "actual_value": "Giá trị thực hiện",
    "gap": "Chênh lệch",
    "status": "Tình trạng",
    "actual_method": "Cách tính",
    "source_files": "Tệp nguồn",
    "figures_excluded": "Số liệu bị loại",
    "measures": "Số tiêu chí",
    "met": "Đạt",
    "not_met": "Không đạt",
    "no_data": "Chưa có số liệu",
    "pending": "Đang theo dõi",
    "not_measurable": "Không đo được",
    "share_met": "Tỷ lệ đạt",
    "share_met_pct": "Tỷ lệ đạt (%)",
    "change_from_previous": "Thay đổi so với năm trước",
    "years_met_in_row": "Số năm đạt liên tiếp",
    "code": "Mã",
    "name": "Tên",
    "name_vi": "Tên",
    "description": "Nội dung nhiệm vụ",
    "products": "Sản phẩm",
    "lead": "Cơ quan chủ trì",
    "lead_codes": "Mã cơ quan chủ trì",
    "start_date": "Ngày bắt đầu",
    "end_date": "Hạn hoàn thành",
    "timeframe_kind": "Loại thời hạn",
    "timeframe_text": "Thời gian thực hiện",
    "quarters_due": "Các quý thực hiện",
    "budget_million_vnd": "Kinh phí (triệu đồng)",
    "budget_note": "Ghi chú kinh phí",
    "tasks": "Số nhiệm vụ",
    "tasks_led": "Số nhiệm vụ chủ trì",
    "targets_led": "Số chỉ tiêu chủ trì",
    "tasks_with_amount": "Nhiệm vụ có kinh phí",
    "tasks_with_budget_note": "Nhiệm vụ có ghi chú kinh phí",
    "measures_met": "Tiêu chí đạt",
    "measures_not_met": "Tiêu chí không đạt",
    "measures_open": "Tiêu chí chưa kết luận",
    "kind": "Loại",
    "aliases": "Tên gọi khác",
    "direction": "Chiều tốt",
    "aggregation": "Cách tổng hợp",
    "reason": "Lý do",
    "raw": "Chuỗi gốc",
    "candidates": "Gợi ý",
    "occurrences": "Số lần xuất hiện",
    "rows_loaded": "Số dòng đã nạp",
    "rows_rejected": "Số dòng bị loại",
    "unresolved_names": "Tên chưa nhận diện",
    "source_sha256": "Mã tệp nguồn",
    "source_row": "Dòng trong tệp",
    "severity": "Mức độ",
    "message": "Nội dung",
    "original_path": "Tệp",
}


def _column_meta(column: Mapping[str, Any]) -> Mapping[str, Any]:
    """dbt accepts ``meta`` on the column or under its ``config`` (newer releases)."""
    meta = column.get("meta") or (column.get("config") or {}).get("meta") or {}
    return meta if isinstance(meta, Mapping) else {}


def labels_from_schema(docs: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, str]]:
    """``{model: {column: label_vi}}`` from parsed dbt ``schema.yml`` documents.

    >>> labels_from_schema([{"models": [{"name": "m", "columns": [
    ...     {"name": "plan_year", "meta": {"label_vi": "Năm"}},
    ...     {"name": "x", "config": {"meta": {"label_vi": "X"}}}, {"name": "y"}]}]}])
    {'m': {'plan_year': 'Năm', 'x': 'X'}}
    """
    out: dict[str, dict[str, str]] = {}
    for doc in docs:
        for model in (doc or {}).get("models") or []:
            cols = {
                str(c["name"]): str(_column_meta(c)["label_vi"])
                for c in model.get("columns") or []
                if _column_meta(c).get("label_vi")
            }
            if cols:
                out.setdefault(str(model["name"]), {}).update(cols)
    return out


@cache
def documented_labels(sql_dir: Path = SQL_DIR) -> dict[str, dict[str, str]]:
    docs = []
    for path in sorted(sql_dir.rglob("*.yml")):
        if "target" in path.relative_to(sql_dir).parts or path.name == "dbt_project.yml":
            continue  # dbt's build output and the project file describe no columns
        docs.append(yaml.safe_load(path.read_text(encoding="utf-8")))
    return labels_from_schema(docs)


def column_labels(relation: str | None, columns: Iterable[str]) -> list[str]:
    """One unique Vietnamese title per column (a repeated title gets the column name)."""
    documented = documented_labels().get(relation or "", {})
    titles: list[str] = []
    for col in columns:
        title = documented.get(col) or FALLBACK_VI.get(col) or col
        titles.append(title if title not in titles else f"{title} ({col})")
    return titles
