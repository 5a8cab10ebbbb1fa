"""A deterministic generator of realistic agency metric files for Long An, 2021-2024.

The files are written the way agencies write them: a long semicolon CSV with a BOM,
Vietnamese headers and ``52,5``-style numbers; a wide XLSX report with title rows and one
column per indicator; a Parquet file with English headers. Agencies are spelled the way
they really are ("Sở TT&TT", "UBND TP Tân An", "Văn phòng Ủy ban nhân dân tỉnh") and one
string is deliberately unknown to the registry so the review queue has an entry.

Figures improve year on year with noise, so that some 2022 targets are met and some not.
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

import polars as pl

YEARS = (2021, 2022, 2023, 2024)
DEPARTMENTS = [  # (spelling in the files, size)
    ("Sở Nội vụ", 900),
    ("Sở Tư pháp", 2600),
    ("Sở Tài chính", 1500),
    ("Sở TT&TT", 700),
    ("Sở KH&CN", 500),
    ("SỞ Y TẾ", 4200),
    ("Sở GD&ĐT", 1800),
    ("Sở KH&ĐT", 5200),
    ("Sở TN&MT", 9800),
    ("Sở Xây dựng", 3100),
    ("Văn phòng Ủy ban nhân dân tỉnh", 400),
]
DISTRICTS = [
    "UBND TP Tân An",
    "UBND TX Kiến Tường",
    "UBND huyện Bến Lức",
    "UBND huyện Cần Đước",
    "UBND huyện Cần Giuộc",
    "UBND huyện Châu Thành",
    "UBND H. Đức Hòa",
    "UBND huyện Đức Huệ",
    "UBND huyện Mộc Hóa",
    "UBND huyện Tân Hưng",
    "UBND huyện Tân Thạnh",
    "UBND huyện Tân Trụ",
    "UBND huyện Thạnh Hóa",
    "UBND huyện Thủ Thừa",
    "UBND huyện Vĩnh Hưng",
]
COMMUNES = "UBND các xã, phường, thị trấn"
DISTRICT_OFFICE = "Phòng Nội vụ huyện Cần Giuộc"  # a district office, in the registry

# indicator -> (share in 2021, yearly gain) for counted (numerator/denominator) indicators
COUNTED = {
    "dossier_online_share": (0.40, 0.07),
    "work_files_online": (0.62, 0.08),
    "tthc_result_digitised": (0.20, 0.06),
    "tthc_e_transfer": (0.73, 0.06),
    "tthc_online_payment": (0.52, 0.08),
    "data_reuse_share": (0.55, 0.05),
    "internal_tthc_published": (0.85, 0.04),
}
SHARES = {
    "sat_tthc": (88.0, 2.0),
    "sipas": (84.0, 2.5),
    "tthc_online_l34": (76.0, 4.0),
    "sat_health_education": (78.0, 2.0),
}
HEADER_NAMES = {
    "sat_tthc": "Mức độ hài lòng giải quyết TTHC (%)",
    "sipas": "Chỉ số SIPAS (%)",
    "tthc_online_l34": "Tỷ lệ TTHC đủ điều kiện cung cấp trực tuyến mức độ 3, 4 (%)",
    "sat_health_education": "Mức độ hài lòng về dịch vụ y tế, giáo dục (%)",
}
INDICES = {"par_index": (84.1, 1.3), "papi": (44.0, 0.4), "pci": (68.5, 0.5)}


def vn(x: float, decimals: int = 1) -> str:
    """Format a number the Vietnamese way: 1.234,5."""
    s = f"{x:,.{decimals}f}"
    return s.replace(",", "X").replace(".", ",").replace("X", ".")


def _counted_rows(rng: random.Random) -> list[list[str]]:
    rows = []
    units = (
        [(name, size, "tinh") for name, size in DEPARTMENTS]
        + [(d, 3000 + 150 * i, "huyen") for i, d in enumerate(DISTRICTS)]
        + [(COMMUNES, 60000, "xa")]
    )
    for year in YEARS:
        for indicator, (base, gain) in COUNTED.items():
            for name, size, level in units:
                if (
                    indicator not in ("work_files_online", "tthc_result_digitised")
                    and level == "xa"
                ):
                    continue
                level_bias = {"tinh": 0.05, "huyen": -0.02, "xa": -0.08}[level]
                share = min(
                    0.98,
                    max(0.02, base + gain * (year - 2021) + level_bias + rng.uniform(-0.06, 0.06)),
                )
                den = int(size * rng.uniform(0.8, 1.2))
                num = round(den * share)
                rows.append(
                    [name, indicator, f"Năm {year}", vn(num, 0), vn(den, 0), vn(100 * num / den)]
                )
        rows.append([DISTRICT_OFFICE, "dossier_online_share", f"Năm {year}", "120", "200", "60,0"])
    return rows


def write_samples(folder: Path, seed: int = 2022) -> list[Path]:
    """Write the sample metric files into ``folder`` (the same bytes for the same seed)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written = []

    long_csv = folder / "longan_chi_tieu_cchc_2021_2024.csv"
    header = ["Cơ quan, đơn vị", "Mã chỉ tiêu", "Kỳ báo cáo", "Tử số", "Mẫu số", "Tỷ lệ (%)"]
    lines = [";".join(header)] + [";".join(r) for r in _counted_rows(rng)]
    long_csv.write_bytes(("\ufeff" + "\n".join(lines) + "\n").encode("utf-8"))
    written.append(long_csv)

    for year in (2023,):
        wide = folder / f"bao_cao_ket_qua_cchc_{year}.xlsx"
        data: dict[str, list[object]] = {"STT": [], "Đơn vị": []}
        for col in HEADER_NAMES.values():
            data[col] = []
        for i, (name, _) in enumerate(DEPARTMENTS, start=1):
            data["STT"].append(i)
            data["Đơn vị"].append(name)
            for ind, col in HEADER_NAMES.items():
                base, gain = SHARES[ind]
                data[col].append(
                    round(min(99.5, base + gain * (year - 2021) + rng.uniform(-3, 3)), 1)
                )
        frame = pl.DataFrame(data)
        import xlsxwriter  # the engine polars.write_excel uses; title rows need the workbook

        with xlsxwriter.Workbook(wide) as wb:
            wb.set_properties({"created": datetime(year + 1, 1, 15, 8, 0, 0)})  # reproducible
            ws = wb.add_worksheet("Báo cáo")
            ws.merge_range(0, 0, 0, len(data) - 1, "ỦY BAN NHÂN DÂN TỈNH LONG AN")
            ws.merge_range(
                1, 0, 1, len(data) - 1, f"BÁO CÁO KẾT QUẢ CẢI CÁCH HÀNH CHÍNH NĂM {year}"
            )
            frame.write_excel(
                workbook=wb,
                worksheet="Báo cáo",
                position=(3, 0),
                autofit=False,
                table_style=None,
                include_header=True,
            )
        written.append(wide)

    rows = []
    for year in YEARS:
        for ind, (base, gain) in INDICES.items():
            rows.append(
                (
                    "Long An",
                    "UBND tỉnh",
                    ind,
                    str(year),
                    round(base + gain * (year - 2021) + rng.uniform(-1, 1), 2),
                    "điểm",
                )
            )
        if year != 2023:
            for name, _ in DEPARTMENTS:
                for ind, (base, gain) in SHARES.items():
                    rows.append(
                        (
                            "Long An",
                            name,
                            ind,
                            str(year),
                            round(min(99.5, base + gain * (year - 2021) + rng.uniform(-3, 3)), 1),
                            "%",
                        )
                    )
    parquet = folder / "longan_indices_2021_2024.parquet"
    pl.DataFrame(
        rows, schema=["province", "agency", "indicator", "period", "value", "unit"], orient="row"
    ).write_parquet(parquet, statistics=False)
    written.append(parquet)
    return written
