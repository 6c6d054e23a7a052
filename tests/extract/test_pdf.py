from pathlib import Path

import pytest

from gongbao.errors import InputError
from gongbao.extract.io import read_document
from gongbao.extract.pdf import read_pdf
from gongbao.extract.pipeline import extract_document
from gongbao.extract.records import SourceDocument
from tests.extract.pages_fixture import LINES, TEXT, fact_rows, pdf_bytes

PAGES = [list(LINES[:3]), list(LINES[3:])]


@pytest.fixture(scope="module")
def two_pages() -> bytes:
    return pdf_bytes(PAGES)


def test_pdf_text_reads_back_page_by_page(two_pages):
    doc = read_pdf(two_pages, "dir/issue.pdf")
    assert (doc.name, doc.path, doc.format) == ("issue.pdf", "dir/issue.pdf", "pdf")
    first, second = "\n".join(PAGES[0]), "\n".join(PAGES[1])
    assert doc.text == f"{first}\n{second}"
    assert doc.pages == (len(first) + 1,)
    assert doc.text[doc.pages[0] :].startswith(LINES[3])
    assert doc.page_of(0) == 1 and doc.page_of(doc.pages[0]) == 2
    assert len(doc.sha256) == 64


def test_pdf_gives_the_same_facts_as_the_equivalent_text(two_pages):
    pdf = read_pdf(two_pages, "issue.pdf")
    text = SourceDocument("issue.txt", "issue.txt", TEXT, "utf-8", "0" * 64)
    from_pdf = extract_document(pdf)
    assert fact_rows(from_pdf) == fact_rows(extract_document(text))
    pages = {pdf.page_of(a.evidence.start) for a in from_pdf.appointments}
    assert pages == {2}


def test_pdf_without_a_text_layer_needs_ocr(tmp_path: Path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(40, 40, 200, 300, fill=1)
    pdf.showPage()
    pdf.save()
    with pytest.raises(InputError) as caught:
        read_document(path)
    message = str(caught.value)
    assert str(path) in message and "OCR" in message and "\n" not in message


def test_pdf_encrypted_or_broken_is_an_input_error(tmp_path: Path):
    import io

    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    locked = canvas.Canvas(
        buffer, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0)
    )
    locked.drawString(40, 800, "x")
    locked.save()
    with pytest.raises(InputError, match="locked.pdf: PDF is encrypted"):
        read_pdf(buffer.getvalue(), "locked.pdf")
    with pytest.raises(InputError, match="broken.pdf: cannot open the PDF"):
        read_pdf(b"%PDF-1.7\n1 0 obj garbage", "broken.pdf")
