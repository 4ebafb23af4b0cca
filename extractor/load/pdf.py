"""The .pdf loader.

Design (fast and exact):

* Characters come from **pypdfium2** for every page (one C call per char: unicode,
  loose box, font size); generated characters (pdfium's own spaces/newlines) are
  ignored and lines are rebuilt from geometry, so the text does not depend on pdfium's
  heuristics. Fake bold (each glyph drawn twice with a tiny offset) is removed by
  dropping a character that repeats the same glyph within ``DEDUPE_TOL`` points (the
  same rule as pdfplumber's ``dedupe_chars``).
* Fonts that are not embedded: pdfium takes their glyphs from the machine, and where
  the machine has none (a CJK font on a bare server) it drops characters silently (a
  wrapped cell's one-character last line, a line repeating an earlier one at the same
  x). ``pdf_chars.lost_text_fonts`` finds such pages from pdfium's own objects (a text object in
  a non-embedded font with a degenerate box of which the text page holds nothing); their
  characters are read through pdfminer instead (the font's CMap and the PDF's widths, no
  machine fonts; boxes in pdfplumber's coordinates) into the same model, and the
  ``pdf_fonts_not_embedded`` warning lists those pages. Other pages stay on pdfium: the
  check costs ~1 ms per page, pdfminer ~3x pdfium's time on a page that needs it; the
  output does not depend on the fonts installed.
  ``options["pdf_chars"] = "pdfminer"`` reads every page that way.
* Lines, paragraphs, page numbers, cross-page tables: the shared :mod:`layout` package
  (also used by OCR): characters grouped by vertical centre into lines, with a space
  only between non-CJK characters separated by a real gap (``layout.lines``); bare
  page numbers (``- 3 -``, ``第3页``) at the top/bottom of a page dropped
  (``layout.pages``); wrapped lines joined back into paragraphs, CJK-aware, also across
  a page break, and a table continuing on the next page joined (``layout.paragraphs``,
  ``layout.tables``).
* Tables: only pages that contain vector paths (lines/rects) are searched, with
  **pdfplumber**'s ``TableFinder`` (lines strategy) fed the page's edges computed from
  pdfium's path objects (``pdf_tables.page_edges`` mirrors pdfminer's path painting and
  pdfplumber's edge conversion), so pdfminer never parses a page in Python; pages it
  does not mirror (form XObjects, rotation, offset boxes) go to pdfplumber itself.
  Cell geometry comes from the table finder, cell text from the same pdfium characters, so pages with and
  without tables read identically. Column/row boundaries are clustered from the cell
  bboxes (``layout.cluster``), which gives rowspan/colspan for merged cells. Characters
  inside a table bbox are removed from the prose; the table is inserted at its vertical
  position.
* ``needs_ocr`` warning for pages whose text layer is empty (but that show
  something) or garbage (``(cid:..)``-like unmapped glyphs, replacement characters).
* Errors: not a PDF / truncated -> ``malformed_pdf``; password-protected ->
  ``encrypted_pdf``. ``options["max_pages"]`` (2000) bounds the pages read
  (warning ``pages_truncated``).

This module is the page loop; characters are read by :mod:`pdf_chars`, ruled tables
found by :mod:`pdf_tables`, damaged files guarded by :mod:`pdf_guards`.
"""
from __future__ import annotations

from pathlib import Path

from ..model import DocumentBuilder, ExtractError
from . import pdf_chars
from .layout.lines import build_lines
from .layout.pages import PageItem, drop_page_numbers, page_items
from .chrome import is_page_line
from .layout.paragraphs import emit
from .layout.tables import PTable
from .pdf_guards import content_stream_problem, inflation_problem, real_page_count
from .pdf_tables import find_tables, has_images, has_paths, page_edges, read_tables

DEFAULT_MAX_PAGES = 2000


def load(path: Path, source, options: dict, *, ocr_page=None):
    """Read a PDF into a Document. ``ocr_page`` is the OCR page reader the loader registry
    hands in (``load.HOOKS``: ``ocr.page_items_or_warn``; this module does not import the
    OCR module): called for a page without a usable text layer as ``ocr_page(page,
    page_no, width, height, builder, options, state)``, it gives the page's items or
    None; without it (or when it gives None) the page gets ``needs_ocr``."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    with open(path, "rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        raise ExtractError("malformed_pdf", "not a PDF file (no %PDF- header)")
    problem = inflation_problem(path)
    if problem:
        raise ExtractError("too_large", f"the PDF's content inflates too much: {problem}")
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
            raise ExtractError("encrypted_pdf", "the PDF is password-protected; cannot read it without the password") from e
        raise ExtractError("malformed_pdf", f"cannot open PDF (damaged or truncated): {e}") from e
    plpdf = None
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise ExtractError("malformed_pdf", "the PDF has no pages")
        declared = n_pages
        n_pages = real_page_count(pdf, n_pages, pdfium)
        source.pages = n_pages
        max_pages = int(options.get("max_pages") or DEFAULT_MAX_PAGES)
        b = DocumentBuilder(source)
        if n_pages != declared:
            b.warn("pdf_page_count", f"the PDF declares {declared} pages (/Count) but its page tree "
                                     f"holds {n_pages}: {n_pages} read")
        if n_pages > max_pages:
            b.warn("pages_truncated", f"only the first {max_pages} of {n_pages} pages were read")
        pages_items: list[tuple[int, float, list[PageItem]]] = []
        n_ocr = 0
        ocr_state: dict = {}  # OCR hook: state shared across pages (``pages``: the pages OCR'd)
        unreadable: list[int] = []
        font_names: dict = {}  # font handle -> name if not embedded and not standard, else ""
        force_pdfminer = options.get("pdf_chars") == "pdfminer"  # every page's characters via pdfminer
        via_pdfminer: list[int] = []
        lost_fonts: set[str] = set()
        pdfminer_failed: list[str] = []
        stream_checked: list[int] = []
        stream_state: dict = {}
        for i in range(min(n_pages, max_pages)):
            page_no = i + 1
            try:
                page = pdf[i]
            except pdfium.PdfiumError:
                # a damaged page object (or a /Count larger than the page tree): skip it
                unreadable.append(page_no)
                continue
            try:
                width, height = page.get_size()
                chars, bad, total, lost = pdf_chars.page_chars(page, raw, height, font_names, unless_lost=True)
                if chars is None or force_pdfminer:
                    # pdfium dropped characters of fonts that are not embedded and that this
                    # machine lacks: read the page's characters through pdfminer instead
                    try:
                        if plpdf is None:
                            import pdfplumber

                            plpdf = pdfplumber.open(str(path))
                        chars, bad, total = pdf_chars.pdfminer_chars(plpdf, i)
                        via_pdfminer.append(page_no)
                        lost_fonts |= lost
                    except Exception as e:  # pdfminer cannot parse it: take pdfium's characters
                        if lost:
                            pdfminer_failed.append(f"page {page_no}: {type(e).__name__}")
                        if chars is None:
                            chars, bad, total, _ = pdf_chars.page_chars(page, raw, height, font_names)
                if not chars or pdf_chars.garbage(chars, bad, total):
                    if chars or has_images(page, raw) or has_paths(page, raw):
                        # --- OCR hook (handed in: ocr_page) ---------------------------
                        items = None
                        if ocr_page is not None:
                            items = ocr_page(page, page_no, width, height, b, options, ocr_state)
                        if items is not None:
                            pages_items.append((page_no, height, items))
                            continue
                        # --- end OCR hook ---------------------------------------------
                        n_ocr += 1
                        b.warn(
                            "needs_ocr",
                            f"page {page_no} has no usable text layer ({'garbage glyphs' if chars else 'image only'}); OCR needed",
                            page=page_no,
                        )
                    elif raw.FPDFPage_CountObjects(page) == 0 and len(stream_checked) < 50:
                        # nothing on the page: blank, or its content is behind a filter pdfium
                        # cannot decode (then say so: the page's text is missing, not absent)
                        stream_checked.append(page_no)
                        problem = content_stream_problem(path, i, stream_state)
                        if problem:
                            b.warn("pdf_stream_unreadable", f"page {page_no}: {problem}; its text is missing",
                                   page=page_no)
                    pages_items.append((page_no, height, []))
                    continue
                tables: list[PTable] = []
                if has_paths(page, raw):
                    edges = page_edges(page, raw, height)
                    if edges is None:  # outside what page_edges mirrors: ask pdfplumber
                        if plpdf is None:
                            import pdfplumber

                            plpdf = pdfplumber.open(str(path))
                        found = find_tables(plpdf.pages[i], width, height)
                    else:
                        found = find_tables(edges, width, height)
                    tables = read_tables(found, chars, page_no)
                    if tables:
                        inside = set()
                        for t in tables:
                            x0, top, x1, bottom = t.bbox
                            for k, ch in enumerate(chars):
                                if x0 - 1 <= (ch.x0 + ch.x1) / 2 <= x1 + 1 and top - 1 <= (ch.top + ch.bottom) / 2 <= bottom + 1:
                                    inside.add(k)
                        chars = [ch for k, ch in enumerate(chars) if k not in inside]
                lines = [ln for ln in build_lines(chars) if ln.text.strip()]
                drop_page_numbers(lines, height, page_no)
                pages_items.append((page_no, height, page_items(lines, tables)))
            finally:
                page.close()
                if plpdf is not None and i < len(plpdf.pages):
                    plpdf.pages[i].close()  # drop pdfminer's parsed objects of this page
        if unreadable:
            if len(unreadable) == min(n_pages, max_pages):
                raise ExtractError("malformed_pdf", "no page of the PDF can be read (damaged page tree)")
            shown = ", ".join(map(str, unreadable[:10])) + (" …" if len(unreadable) > 10 else "")
            b.warn("pages_unreadable", f"{len(unreadable)} damaged page(s) skipped: {shown}")
        if via_pdfminer and not force_pdfminer:
            b.warn(
                "pdf_fonts_not_embedded",
                f"text of page(s) {_page_list(via_pdfminer)} read through pdfminer: the font(s) "
                f"{', '.join(sorted(lost_fonts))} are not embedded and this machine has no glyphs "
                "for them, so pdfium would drop characters",
            )
        if pdfminer_failed:
            b.warn(
                "pdf_fonts_not_embedded",
                "fonts not embedded and pdfminer could not read the page, so characters may be "
                f"missing: {'; '.join(pdfminer_failed[:10])}",
            )
        emit(b, pages_items, page_line=is_page_line)
        source.ocr = bool(ocr_state.get("pages"))  # OCR hook
        return b.build()
    finally:
        if plpdf is not None:
            plpdf.close()
        if "file" in locals().get("stream_state", {}):
            stream_state["file"].close()
        pdf.close()


def _page_list(pages: list[int]) -> str:
    """``[1, 2, 3, 5]`` -> ``1-3, 5``."""
    runs: list[list[int]] = []
    for p in pages:
        if runs and p == runs[-1][1] + 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)
