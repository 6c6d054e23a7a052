r"""Read a PDF's text layer, page by page.

Through pypdfium2 (Apache-2.0 or BSD-3-Clause; bindings to PDFium, the PDF engine
of Chromium, shipped as a wheel: nothing is downloaded at run time). Pages are
joined with ``"\n"`` and the start offset of every page after the first goes into
``SourceDocument.pages``, so a fact's page is ``source.page_of(start)``. The text
is left as PDFium gives it (line breaks inside paragraphs, page numbers, running
heads): :mod:`extract.normalize` repairs it the way it repairs a ``.txt``
extracted from a PDF.

A PDF with no text layer (a scan) and an encrypted or broken PDF are each an
:class:`~gongbao.errors.InputError` naming the file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import InputError
from .decoding import check_text
from .records import SourceDocument

__all__ = ["pdf_pages", "read_pdf"]

# Control characters PDFium emits (form feeds, NULs, soft-hyphen markers) go;
# tabs and line breaks stay.
_CONTROLS = {c: None for c in range(32) if chr(c) not in "\t\n"} | {0xFFFE: None}


def read_pdf(raw: bytes, path: str | Path) -> SourceDocument:
    """Read one PDF into a document with page offsets."""
    name = str(path)
    pages = pdf_pages(raw, name=name)
    text = "\n".join(pages)
    if not text.strip():
        raise InputError(
            name,
            f"PDF has no text layer ({len(pages)} page(s) of images: a scan?)",
            "it needs OCR first, e.g. `ocrmypdf --language chi_sim`",
        )
    check_text(text, name=name)
    starts, offset = [], 0
    for page in pages[:-1]:
        offset += len(page) + 1
        starts.append(offset)
    return SourceDocument(
        name=Path(path).name,
        path=name,
        text=text,
        encoding="",
        sha256=hashlib.sha256(raw).hexdigest(),
        format="pdf",
        pages=tuple(starts),
    )


def pdf_pages(raw: bytes, *, name: str = "<bytes>") -> list[str]:
    r"""The text of each page of a PDF, line breaks as ``"\n"``."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as err:
        if "password" in str(err).lower():
            raise InputError(
                name,
                "PDF is encrypted (it needs a password)",
                "decrypt it first, e.g. `qpdf --decrypt`",
            ) from err
        raise InputError(
            name, f"cannot open the PDF: {err}", "is the file complete?"
        ) from err
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
            finally:
                textpage.close()
                page.close()
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            pages.append(text.translate(_CONTROLS))
        return pages
    except pdfium.PdfiumError as err:
        raise InputError(
            name, f"cannot read the PDF's text: {err}", "is the file complete?"
        ) from err
    finally:
        pdf.close()
