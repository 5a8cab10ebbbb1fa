"""The sample task-progress report: Long An's year-end 2022 report on its PAR plan (the
sample plan), as a Sở Nội vụ collects it - a CSV with a title row. Hand-counted: of the 45
tasks, 37 due (the 8 conditional ones - 1.2, 1.12, 3.4, 3.5, 4.1-4.4 - are named by no row:
untriggered, not due), 8 done on time, 2 late (7.1 after its 2021 deadline; 1.4 reported
late), 1 in progress, 2 not done (6.3 cannot be done, 2.5 not started), 24 not reported."""

from __future__ import annotations

from pathlib import Path

HEADER = [
    "Mã nhiệm vụ",
    "Nhiệm vụ",
    "Cơ quan",
    "Tình trạng",
    "Ngày hoàn thành",
    "Văn bản/sản phẩm",
    "Kỳ báo cáo",
]
Y = "Năm 2022"
ROWS = [
    ["1.1", "Kế hoạch kiểm tra CCHC", "Sở Nội vụ", "Đã hoàn thành", "30/09/2022", "", Y],
    ["1.3", "Tập huấn", "Sở Nội vụ", "Đã hoàn thành", "15/11/2022", "", Y],
    ["1.4", "Xác định Chỉ số CCHC 2021", "Sở Nội vụ", "Hoàn thành trễ hạn", "10/04/2022", "", Y],
    ["1.5", "Kế hoạch CCHC 2023", "Sở Nội vụ", "Đã hoàn thành", "20/12/2022", "", Y],
    ["2.1", "", "Sở Tư pháp", "Đã hoàn thành", "15/12/2022", "", Y],
    ["2.5", "", "Sở Tư pháp", "Chưa thực hiện", "", "", Y],
    ["3.1", "", "Văn phòng UBND tỉnh", "Đã hoàn thành", "31/03/2022", "", Y],
    ["5.4", "", "Sở Nội vụ", "Đang thực hiện", "", "", Y],
    ["6.1", "", "Sở Tài chính", "Đã hoàn thành", "20/01/2022", "", Y],
    ["6.2", "", "Sở Tài chính", "Đã hoàn thành", "25/06/2022", "", Y],
    ["6.3", "", "Sở Tài chính", "Không thực hiện được: chưa có hướng dẫn", "", "", Y],
    ["7.1", "", "Sở Thông tin và Truyền thông", "Đã hoàn thành", "15/02/2022", "", Y],
    ["7.2", "", "Sở Thông tin và Truyền thông", "Đã hoàn thành", "30/11/2022", "", Y],
]


def write_progress_sample(folder: Path) -> Path:
    """Write the sample progress report into ``folder`` (the same bytes every time)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "longan_bao_cao_ket_qua_cchc_2022.csv"
    lines = ["UBND TỈNH LONG AN", ";".join(HEADER), *(";".join(r) for r in ROWS)]
    path.write_bytes(("\ufeff" + "\n".join(lines) + "\n").encode("utf-8"))
    return path
