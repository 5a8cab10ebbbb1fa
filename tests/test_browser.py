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
