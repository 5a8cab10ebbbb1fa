"""PDF and DOCX plans: the same records as the text rendering, and clear errors for the
files offices should not send. Fixtures: tests/fixtures/make_documents.py."""

import io
import zlib
from pathlib import Path

import pytest
from docx import Document as new_docx

from extractors.document import Paragraph, Table
from extractors.errors import ExtractionError
from extractors.extract_plan import extract_plan
from extractors.legacy_encoding import _TCVN3
from extractors.read_any import PdfLimits, read_document, read_pdf_guarded
from extractors.read_docx import read_docx
from extractors.records import PlanExtraction
from tests.conftest import FIXTURES, SEED
from tests.fixtures.pdf_writer import pdf_file

GENERATED = FIXTURES / "generated"
TEXTS = {"longan_2022": SEED, "haugiang_2023": FIXTURES / "plans" / "haugiang_2023_par_plan.txt"}


def records(plan: PlanExtraction) -> dict[str, object]:
    """What must agree across formats: document fields, targets, tasks."""
    d = plan.document
    return {
        "document": (
            d.province,
            d.plan_year,
            d.doc_number,
            d.issued_date,
            d.effective_date,
            d.signer,
            d.title,
            d.stated_areas,
            d.stated_targets,
        ),
        "targets": [
            (
                t.no,
                t.area_no,
                t.area,
                t.text,
                [a.name for a in t.lead],
                [a.name for a in t.support],
                t.note,
            )
            for t in plan.targets
        ],
        "tasks": [
            (
                k.code,
                k.area_no,
                k.area,
                k.description,
                k.products,
                [a.name for a in k.lead],
                [a.name for a in k.support],
                k.timeframe.as_dict(),
                k.budget_million_vnd,
                k.budget_note,
            )
            for k in plan.tasks
        ],
    }


@pytest.fixture(scope="module")
def from_text() -> dict[str, dict[str, object]]:
    return {name: records(extract_plan(read_document(p))) for name, p in TEXTS.items()}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("name", list(TEXTS))
def test_same_records_as_the_text_rendering(from_text, name: str, fmt: str) -> None:
    plan = extract_plan(read_document(GENERATED / f"{name}.{fmt}"))
    got = records(plan)
    for part in ("document", "targets", "tasks"):
        assert got[part] == from_text[name][part], part
    assert not [i for i in plan.issues if i.severity == "error"]


def test_pdf_records_carry_page_and_bbox() -> None:
    plan = extract_plan(read_document(GENERATED / "longan_2022.pdf"))
    assert all(t.loc.page and t.loc.page >= 10 for t in plan.tasks)  # landscape appendix
    doc = read_document(GENERATED / "longan_2022.pdf")
    cells = [c for b in doc.tables for r in b.rows for c in r.cells if c.text]
    assert cells and all(c.loc.bbox and c.loc.page for c in cells)
    assert all(p.loc.page for p in doc.paragraphs)


def test_pdf_repairs_are_reported() -> None:
    plan = extract_plan(read_document(GENERATED / "longan_2022.pdf"))
    codes = {i.code for i in plan.issues}
    assert "repeated_header_dropped" in codes  # the header repeats on every page
    assert "row_continuation_merged" in codes  # rows Word split across pages
    assert "blank_cell_same_as_above" in codes  # vertically merged budget notes


def test_docx_merged_cells_become_the_pdf_grid(tmp_path: Path) -> None:
    doc = new_docx()
    table = doc.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "wide"
    table.cell(0, 0).merge(table.cell(0, 2))  # gridSpan 3
    table.cell(1, 0).text = "tall"
    table.cell(2, 1).text = "x"
    table.cell(1, 0).merge(table.cell(2, 0))  # vMerge over two rows
    buf = io.BytesIO()
    doc.save(buf)
    (grid,) = read_docx(buf.getvalue(), "t.docx").tables
    assert [[c.text for c in r.cells] for r in grid.rows] == [
        ["wide", "", ""],
        ["tall", "", ""],
        ["", "x", ""],
    ]


def test_docx_headings_and_order(tmp_path: Path) -> None:
    doc = new_docx()
    doc.add_heading("PHỤ LỤC 1", level=2)
    doc.add_paragraph("Nội dung")
    doc.add_table(rows=1, cols=2)
    buf = io.BytesIO()
    doc.save(buf)
    blocks = read_docx(buf.getvalue(), "t.docx").blocks
    assert isinstance(blocks[0], Paragraph) and blocks[0].level == 2
    assert isinstance(blocks[1], Paragraph) and blocks[1].level == 0
    assert isinstance(blocks[2], Table)


def _bomb_pdf(megabytes: int) -> bytes:
    stream = zlib.compress(b"0 0 m\n" * (megabytes * 1024 * 1024 // 6), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return pdf_file(objects)


def _tcvn3(text: str) -> bytes:
    """Encode as an old TCVN3 (ABC) file: accented capitals come out as small letters."""
    back = {v: k for k, v in _TCVN3.items()}
    out = []
    for ch in text:
        if ch in back:
            out.append(back[ch])
        elif ch.lower() in back and not ch.isascii():
            out.append(back[ch.lower()])
        else:
            out.append(ch)
    return "".join(out).encode("latin-1")


BAD = [  # (file, bytes or fixture name, message)
    ("scanned.pdf", "scanned.pdf", "no text layer (scanned document; OCR required)"),
    ("encrypted.pdf", "encrypted.pdf", "encrypted PDF (a password is required)"),
    ("truncated.pdf", "truncated.pdf", "PDF"),
    ("plan.pdf", b"Not a PDF at all, just text.", "named .pdf but the content is not a PDF"),
    ("garbage.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8, "PDF"),
    ("broken.docx", b"PK\x03\x04" + b"\x00" * 64, "corrupt or truncated DOCX"),
    (
        "vni.txt",
        "UÛY BAN NHAÂN DAÂN TÆNH LONG AN. Nhieäm vuï caûi caùch haønh chính "
        "naêm 2022 cuûa tænh.".encode("cp1252"),
        "VNI-encoded",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_documents_get_a_clear_error(
    tmp_path: Path, name: str, data: object, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else (GENERATED / str(data)).read_bytes())
    with pytest.raises(ExtractionError) as err:
        extract_plan(read_document(path))
    assert message in str(err.value) and str(path) in str(err.value)


def test_compression_bomb_is_refused_and_the_process_survives() -> None:
    data = _bomb_pdf(400)  # ~1 MB on disk, 400 MB of content stream
    assert len(data) < 2_000_000
    with pytest.raises(ExtractionError, match="compression bomb"):
        read_pdf_guarded(data, "bomb.pdf", PdfLimits(memory_bytes=256 * 2**20, seconds=120))


def test_tcvn3_plan_is_converted(tmp_path: Path, from_text) -> None:
    text = TEXTS["haugiang_2023"].read_text(encoding="utf-8")
    path = tmp_path / "tcvn3.txt"
    path.write_bytes(_tcvn3(text))
    plan = extract_plan(read_document(path))
    assert any(i.code == "text_converted" for i in plan.issues)
    want = from_text["haugiang_2023"]
    got = records(plan)
    assert got["document"][:6] == want["document"][:6]  # province, year, number, dates, signer
    # codes, agencies, timeframes and budgets agree (accented capitals come back small)
    strip = lambda rows, keep: [tuple(r[i] for i in keep) for r in rows]  # noqa: E731
    assert strip(got["tasks"], (0, 5, 6, 7, 8, 9)) == strip(want["tasks"], (0, 5, 6, 7, 8, 9))
    assert strip(got["targets"], (0, 1, 4, 5)) == strip(want["targets"], (0, 1, 4, 5))


def test_row_fragment_merged_into_a_repeated_header_is_recovered() -> None:
    from extractors.document import Cell, Document, Location, Row
    from extractors.extract_plan import extract_plan as extract

    def row(*texts: str) -> Row:
        return Row(
            tuple(Cell(t, Location(page=1, col=i)) for i, t in enumerate(texts)), Location(page=1)
        )

    header = ("STT", "Mục tiêu, chỉ tiêu", "Cơ quan chủ trì", "Cơ quan phối hợp", "Ghi chú")
    page1 = Table(
        (
            row(*header),
            row("I. Cải cách thể chế", "", "", "", ""),
            row("1", "Tối thiểu 80% hồ sơ", "Sở Nội vụ", "Văn phòng UBND tỉnh, Sở", ""),
        ),
        Location(page=1),
    )
    page2 = Table(
        (
            row(
                "STT",
                "Mục tiêu, chỉ tiêu được xử lý trực tuyến.",
                "Cơ quan chủ trì",
                "Cơ quan phối hợp Thông tin và Truyền thông",
                "Ghi chú",
            ),
        ),
        Location(page=2),
    )
    doc = Document(
        "x" * 64,
        "f.pdf",
        "pdf",
        (Paragraph("Kế hoạch cải cách hành chính năm 2022", Location()), page1, page2),
    )
    plan = extract(doc)
    (target,) = plan.targets
    assert target.text == "Tối thiểu 80% hồ sơ được xử lý trực tuyến."
    assert [a.name for a in target.support] == [
        "Văn phòng UBND tỉnh",
        "Sở Thông tin và Truyền thông",
    ]
    assert any(i.code == "row_fragment_in_header" for i in plan.issues)


def test_fake_bold_detection() -> None:
    from extractors.read_pdf import doubled_tolerance

    a = {"text": "Q", "x0": 10.0, "top": 20.0}
    assert doubled_tolerance([a, {**a, "x0": 10.2}]) is not None  # drawn twice, shifted a hair
    assert doubled_tolerance([a, {**a, "x0": 18.0}]) is None


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_pages_turned_for_display_read_upright(from_text, degrees: int) -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(GENERATED / "haugiang_2023.pdf"))
    for i in range(len(pdf)):
        pdf[i].set_rotation(degrees)
    buf = io.BytesIO()
    pdf.save(buf)
    plan = extract_plan(read_document("turned.pdf", buf.getvalue()))
    assert records(plan) == from_text["haugiang_2023"]
