"""The report as a person sees it: opened from disk in a real headless Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

from parplan.cli import main
from tests.helpers import BROWSER_ARTIFACTS, chromium_args, chromium_path


def test_report_renders_offline_in_chromium(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    args = ["report", "--db", str(sample_db), "--province", "Long An", "--year", "2022"]
    assert main([*args, "--as-of", "2022-06-30", "--to", str(out)]) == 0
    console: list[str] = []
    requests: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=chromium_args())
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(out.as_uri(), wait_until="load")
        headline = page.locator("#headline").inner_text()
        # every chart drawn: an SVG with a real size and marks in it
        charts = page.locator("figure.chart svg")
        sizes = [charts.nth(i).bounding_box() for i in range(charts.count())]
        marks = page.locator("figure.chart svg path, figure.chart svg rect").count()
        shot = tmp_path / "report.png"
        page.screenshot(path=str(shot))
        page.locator("#trends").screenshot(path=str(tmp_path / "report-trends.png"))
        pdf = page.pdf(format="A4", print_background=True)  # printable: the print stylesheet
        browser.close()
    assert headline.startswith("Đạt 8/15 chỉ tiêu đo được")
    assert len(sizes) >= 10 and all(b and b["width"] > 100 and b["height"] > 50 for b in sizes)
    assert marks > 50
    assert console == []
    assert requests and all(u.startswith("file:") for u in requests), requests
    assert shot.stat().st_size > 10_000
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") > 3
    BROWSER_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name in ("report.png", "report-trends.png"):  # kept for a look after the run
        shutil.copyfile(tmp_path / name, BROWSER_ARTIFACTS / name)


def test_docs_site_shows_models_and_columns_in_both_languages(
    sample_db: Path, tmp_path: Path
) -> None:
    """`parplan docs` (dbt's static site, one file) opened from disk: the model list renders,
    a model's description and a column's read in Vietnamese and English, nothing is fetched
    from outside the machine."""
    assert main(["docs", "--db", str(sample_db), "--to", str(tmp_path / "dd")]) == 0
    site = tmp_path / "dd" / "index.html"
    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=chromium_args())
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(site.as_uri() + "#!/model/model.parplan.target_attainment", wait_until="load")
        models = page.locator("a", has_text="data_quality")  # the marts in the project tree
        model_vi = page.get_by_text("Kết quả thực hiện chỉ tiêu: mỗi kế hoạch x chỉ tiêu")
        model_en = page.get_by_text("Target attainment: one row per plan (source_sha256)")
        for shown in (models, model_vi, model_en):  # the page draws itself after it loads
            shown.first.wait_for(state="visible", timeout=60_000)
        page.locator("tr", has_text="figures_excluded").first.click()  # unfold the column
        column = page.locator("p, div", has_text="Figures kept out of the actual").filter(
            visible=True
        )
        column_text = column.last.inner_text()
        column.last.scroll_into_view_if_needed()
        shot = tmp_path / "docs.png"
        page.screenshot(path=str(shot))
        browser.close()
    assert "Tổng số liệu bị loại khỏi giá trị thực hiện" in column_text  # Vietnamese ...
    assert "Figures kept out of the actual" in column_text  # ... then English
    assert errors == []
    # dbt's own page logs "unsafe attempt to load URL {{ getIcon(...) }}" before Angular fills
    # the icon in: a local file name, never a request out; so requests are checked, not logs
    assert requests and all(u.startswith(("file:", "data:")) for u in requests), requests
    BROWSER_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, BROWSER_ARTIFACTS / "docs.png")
