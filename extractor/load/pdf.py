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
  x). ``_lost_text_fonts`` finds such pages from pdfium's own objects (a text object in
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
  pdfium's path objects (``_page_edges`` mirrors pdfminer's path painting and
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

Size (~950 lines, over the ~500 of issue 15): lines, page numbers, paragraphs and
cross-page tables are the shared :mod:`layout` package, and OCR is handed in
(``load.HOOKS``). What is left is PDF-only, in three parts that would each make a module:
reading characters (pdfium's bare ctypes calls, the lost-font check, pdfminer's
characters, fake bold: ~370 lines), the table finder's edges mirrored from pdfium's
paths (~200) and the guards of damaged files (inflation, unreadable streams, a wrong
/Count) with the page loop. ``tests/test_load_pdf.py`` and ``tests/test_pdf_fonts.py``
call and monkeypatch those private helpers on this module (``_page_chars``,
``_lost_text_fonts``, ``_pdfminer_chars``, ``_page_edges``), so that split goes
together with those tests.
"""
from __future__ import annotations

import ctypes
import re
import unicodedata
from bisect import bisect_left, bisect_right
from math import isfinite as _isfinite
from operator import attrgetter
from pathlib import Path

from ..model import Cell, DocumentBuilder, ExtractError
from .layout.cluster import cluster, nearest_index
from .layout.lines import Ch, build_lines
from .layout.pages import PageItem, drop_page_numbers, page_items
from .layout.paragraphs import emit
from .layout.tables import PTable, cell_text
from .layout.text import CJK_RE

DEFAULT_MAX_PAGES = 2000
DEDUPE_TOL = 1.0  # points; same glyph closer than this is a fake-bold duplicate

_TOP, _TEXT_TOP = attrgetter("top"), attrgetter("text", "top")


def _drop_fake_bold(chars: list[Ch]) -> list[Ch]:
    """Drop a character that repeats the same glyph within ``DEDUPE_TOL`` points of an
    earlier one (fake bold; the rule of pdfplumber's ``dedupe_chars``). Order is kept.

    Most pages have no such pair: the characters sorted by (glyph, top) show in one pass
    which could be one (the same glyph within the tolerance on both axes), and only
    those go through the order-dependent rule (``_drop_fake_bold_among``)."""
    if not all(map(_isfinite, map(_TOP, chars))):
        return _drop_fake_bold_among(chars)  # the sort below needs ordered numbers
    tol = DEDUPE_TOL
    order = sorted(chars, key=_TEXT_TOP)
    suspects: set[int] = set()
    n = len(order)
    for i in range(n - 1):
        a, b = order[i], order[i + 1]
        if b.text != a.text or b.top - a.top > tol:
            continue
        t, top, x0 = a.text, a.top, a.x0
        for j in range(i + 1, n):
            o = order[j]
            if o.text != t or o.top - top > tol:
                break
            if abs(o.x0 - x0) <= tol and abs(o.top - top) <= tol:
                suspects.add(id(a))
                suspects.add(id(o))
    if not suspects:
        return list(chars)
    kept = {id(c) for c in _drop_fake_bold_among([c for c in chars if id(c) in suspects])}
    return [c for c in chars if id(c) not in suspects or id(c) in kept]


def _drop_fake_bold_among(chars: list[Ch]) -> list[Ch]:
    """The fake-bold rule itself: keep a character unless an earlier kept one has the same
    glyph within ``DEDUPE_TOL`` points on both axes."""
    tol = DEDUPE_TOL
    cell = 2 * tol  # a +-tol window spans at most two grid cells per axis
    seen: dict[tuple[str, int, int], list[Ch]] = {}
    out: list[Ch] = []
    for c in chars:
        ch, x0, top = c.text, c.x0, c.top
        kx, ky = int((x0 - tol) // cell), int((top - tol) // cell)
        dup = False
        for key in ((ch, kx, ky), (ch, kx + 1, ky), (ch, kx, ky + 1), (ch, kx + 1, ky + 1)):
            for o in seen.get(key, ()):
                if abs(o.x0 - x0) <= tol and abs(o.top - top) <= tol:
                    dup = True
                    break
            if dup:
                break
        if dup:
            continue
        key = (ch, int(x0 // cell), int(top // cell))
        lst = seen.get(key)
        if lst is None:
            seen[key] = [c]
        else:
            lst.append(c)
        out.append(c)
    return out


_FAST_TEXT = None


def _fast_text_api(raw):
    """pdfium's per-character text functions as bare ctypes function pointers.

    pypdfium2 declares ``argtypes`` for every function, so each call converts and checks
    its arguments in Python (~0.45 µs); the loop in ``_page_chars`` makes several calls per
    character, so it calls the same C functions through pointers without ``argtypes``
    (handle as ``c_void_p``, index as a C int, result type declared: ~0.2 µs a call)."""
    global _FAST_TEXT
    if _FAST_TEXT is None:
        def bare(fn, restype):
            f = ctypes.CFUNCTYPE(restype)(ctypes.cast(fn, ctypes.c_void_p).value)
            f.argtypes = None
            return f

        _FAST_TEXT = (
            bare(raw.FPDFText_IsGenerated, ctypes.c_int),
            bare(raw.FPDFText_GetUnicode, ctypes.c_uint),
            bare(raw.FPDFText_HasUnicodeMapError, ctypes.c_int),
            bare(raw.FPDFText_GetLooseCharBox, ctypes.c_int),
            bare(raw.FPDFText_GetFontSize, ctypes.c_double),
        )
    return _FAST_TEXT


def _page_units(raw, h, n: int) -> list[int] | None:
    """Every character's UTF-16 unit of a text page in one call (``FPDFText_GetText``), or
    None when its text is not one unit per character index (pdfium leaves characters
    without text out of it): then each character is asked for its own."""
    if n <= 0:
        return None
    buf = (ctypes.c_ushort * (n + 1))()
    if raw.FPDFText_GetText(h, 0, n, buf) != n + 1:  # units written, terminator included
        return None
    return list(buf)[:n]


# what the character loop skips without a box: whitespace, controls, format characters
_SKIP_CHARS: dict[int, bool] = {}


def _page_chars(page, raw, height: float, fonts: dict, *, unless_lost: bool = False):
    """(chars, n_unmapped, n_total_visible, lost) for one pdfium page, duplicates removed;
    ``lost`` names the fonts whose characters pdfium left out (``_lost_text_fonts``). With
    ``unless_lost``, a page that lost characters gives ``None`` for chars (not read)."""
    tp = page.get_textpage()
    try:
        lost = _lost_text_fonts(page, raw, tp.raw, fonts)
        if lost and unless_lost:
            return None, 0, 0, lost
        n = raw.FPDFText_CountChars(tp.raw)
        h = ctypes.c_void_p(ctypes.cast(tp.raw, ctypes.c_void_p).value)
        rect = raw.FS_RECTF()
        prect = ctypes.byref(rect)
        is_generated, get_unicode, map_error, loose_box, font_size = _fast_text_api(raw)
        units = _page_units(raw, tp.raw, n)
        if units is None:
            units = [get_unicode(h, i) for i in range(n)]
        skip_chars, category = _SKIP_CHARS, unicodedata.category
        out: list[Ch] = []
        bad = 0
        total = 0
        skip = -1
        for i, u in enumerate(units):
            if i == skip:
                continue
            if u == 0 or u == 0xFFFE or u == 0xFFFF:
                if is_generated(h, i) == 1:
                    continue
                bad += 1
                total += 1
                continue
            if 0xD800 <= u <= 0xDFFF:
                if is_generated(h, i) == 1:
                    continue
                # a character outside the BMP comes as two UTF-16 units: join them; a lone
                # surrogate is no character (and could not be written as UTF-8)
                lo = units[i + 1] if u <= 0xDBFF and i + 1 < n else 0
                if not 0xDC00 <= lo <= 0xDFFF:
                    bad += 1
                    total += 1
                    continue
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
                skip = i + 1
            ch = chr(u)
            sk = skip_chars.get(u)
            if sk is None:
                sk = skip_chars[u] = ch.isspace() or category(ch) in ("Cc", "Cf")
            # a generated character (pdfium's own spaces and line breaks) is skipped
            # like whitespace: asked only of the others
            if sk or is_generated(h, i) == 1:
                continue
            total += 1
            if u == 0xFFFD or 0xE000 <= u <= 0xF8FF or map_error(h, i) == 1:
                bad += 1
                if u == 0xFFFD or 0xE000 <= u <= 0xF8FF:
                    continue
            if not loose_box(h, i, prect):
                continue
            x0, x1 = rect.left, rect.right
            top, bottom = height - rect.top, height - rect.bottom
            if x1 < x0:
                x0, x1 = x1, x0
            if bottom < top:
                top, bottom = bottom, top
            out.append(Ch(ch, x0, x1, top, bottom, font_size(h, i) or (bottom - top)))
        return _drop_fake_bold(out), bad, total, lost
    finally:
        tp.close()


# Fonts pdfium always has (built in): text in them never depends on the machine.
_STANDARD_14 = frozenset((
    "Courier", "Courier-Bold", "Courier-BoldOblique", "Courier-Oblique",
    "Helvetica", "Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique",
    "Times-Roman", "Times-Bold", "Times-BoldItalic", "Times-Italic", "Symbol", "ZapfDingbats",
))
_SIZE_EPSILON = 0.01  # pdfium's kSizeEpsilon


def _lost_text_fonts(page, raw, textpage, fonts: dict) -> set[str]:
    """Names of the non-embedded fonts whose text pdfium's text page left out on this page.

    pdfium builds a text object's box from its glyphs' bounding boxes. A font that is not
    embedded takes its glyphs from the machine; where the machine has none for it (a CJK
    font on a server without CJK fonts) every glyph box is empty and the object's box
    degenerates (no height; no width for a single character). pdfium's text page then
    drops characters silently (``CPDF_TextPage::ProcessTextObject``): an object narrower
    than 0.01 pt (the last character of a wrapped table cell, a one-character line), and
    an object whose text repeats an earlier object's at the same x on another line
    (``IsSameTextObject`` compares empty boxes by x only). So: a text object in such a
    font whose box is degenerate and of which the text page holds no character is lost.
    Embedded fonts and the standard 14 (built into pdfium) never depend on the machine.
    ``fonts`` caches, per font handle, the font's name when it is neither embedded nor
    standard ("" otherwise). About 1 ms per page: a few C calls per text object.
    """
    lost: set[str] = set()
    n = raw.FPDFPage_CountObjects(page.raw)
    todo = [raw.FPDFPage_GetObject(page.raw, k) for k in range(n)]
    text_t, form_t = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_FORM
    get_type, get_font, void_p = raw.FPDFPageObj_GetType, raw.FPDFTextObj_GetFont, ctypes.c_void_p
    get_bounds, get_text = raw.FPDFPageObj_GetBounds, raw.FPDFTextObj_GetText
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    pl, pb, pr, pt = ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
    while todo:
        obj = todo.pop()
        t = get_type(obj)
        if t == form_t:
            todo.extend(raw.FPDFFormObj_GetObject(obj, k) for k in range(raw.FPDFFormObj_CountObjects(obj)))
            continue
        if t != text_t:
            continue
        font = get_font(obj)
        if not font:
            continue
        key = ctypes.cast(font, void_p).value
        name = fonts.get(key)
        if name is None:
            buf = ctypes.create_string_buffer(256)
            k = raw.FPDFFont_GetBaseFontName(font, buf, 256)
            base = buf.raw[: max(k - 1, 0)].decode("latin-1") if k > 0 else ""
            name = "" if raw.FPDFFont_GetIsEmbedded(font) == 1 or base in _STANDARD_14 else (base or "?")
            fonts[key] = name
        if (
            name
            and get_bounds(obj, pl, pb, pr, pt)
            and (right.value - left.value < _SIZE_EPSILON or top.value - bottom.value < _SIZE_EPSILON)
            and get_text(obj, textpage, None, 0) <= 2  # UTF-16 bytes with the terminator: nothing
        ):
            lost.add(name)
    return lost


_CHAR_DEVICE = None


def _char_device():
    """A pdfminer device that keeps only each character's text and box (built on first use).

    The boxes are pdfminer's own (``LTChar``'s arithmetic: the advance from the PDF's
    widths, the font's descent, the text matrix), so they are the ones pdfplumber gives;
    no layout object is built and paths and images are skipped (the page's ruling lines
    come from pdfium, ``_page_edges``), which saves about a fifth of pdfminer's time.
    """
    global _CHAR_DEVICE
    if _CHAR_DEVICE is not None:
        return _CHAR_DEVICE
    from pdfminer.converter import PDFLayoutAnalyzer
    from pdfminer.pdffont import PDFUnicodeNotDefined
    from pdfminer.utils import apply_matrix_rect

    class CharDevice(PDFLayoutAnalyzer):
        def __init__(self, rsrcmgr):
            super().__init__(rsrcmgr, 1, None)
            self.items: list[tuple] = []

        def begin_page(self, page, ctm):
            self.items = []

        def end_page(self, page):
            pass

        def begin_figure(self, name, bbox, matrix):
            pass  # the interpreter already applies a form's matrix to its characters

        def end_figure(self, name):
            pass

        def render_image(self, name, stream):
            pass

        def paint_path(self, gstate, stroke, fill, evenodd, path):
            pass

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                text = None
            adv = font.char_width(cid) * fontsize * scaling
            vertical = font.is_vertical()
            if vertical:  # as pdfminer's LTChar
                vx, vy = font.char_disp(cid)
                vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
                vy = (1000 - vy) * fontsize * 0.001
                bbox = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
            else:
                descent = font.get_descent() * fontsize
                bbox = (0, descent + rise, adv, descent + rise + fontsize)
            x0, y0, x1, y1 = apply_matrix_rect(matrix, bbox)
            if x1 < x0:
                x0, x1 = x1, x0
            if y1 < y0:
                y0, y1 = y1, y0
            self.items.append((text, x0, y0, x1, y1, (x1 - x0) if vertical else (y1 - y0)))
            return adv

    _CHAR_DEVICE = CharDevice
    return CharDevice


def _pdfminer_chars(plpdf, i: int) -> tuple[list[Ch], int, int]:
    """(chars, n_unmapped, n_total_visible) for page ``i`` read by pdfminer, in the
    coordinates pdfplumber gives its objects (so its tables fit), duplicates removed.

    pdfminer takes each character from the font's CMap and each advance from the PDF's
    own widths, so nothing depends on the fonts installed on the machine. Used for the
    pages where pdfium loses characters (``_lost_text_fonts``).
    """
    from pdfminer.pdfinterp import PDFPageInterpreter

    plpage = plpdf.pages[i]
    device = _char_device()(plpdf.rsrcmgr)
    PDFPageInterpreter(plpdf.rsrcmgr, device).process_page(plpage.page_obj)
    # pdfplumber's conversion (Page.process_object): top-down, back onto the MediaBox
    page_h = plpage.height
    mb_x0, mb_top = plpage.mediabox[0], plpage.mediabox[1]
    category = unicodedata.category
    out: list[Ch] = []
    bad = total = 0
    for text, x0, y0, x1, y1, size in device.items:
        if not text:
            bad += 1
            total += 1
            continue
        step = (x1 - x0) / len(text)  # a ligature (ﬁ -> fi) shares its box out
        x0, top, bottom = x0 + mb_x0, page_h - y1 + mb_top, page_h - y0 + mb_top
        for k, ch in enumerate(text):
            if ch.isspace() or category(ch) in ("Cc", "Cf"):
                continue
            total += 1
            u = ord(ch)
            if u == 0xFFFD or 0xE000 <= u <= 0xF8FF or 0xD800 <= u <= 0xDFFF:
                bad += 1
                continue
            out.append(Ch(ch, x0 + k * step, x0 + (k + 1) * step, top, bottom, size))
    return _drop_fake_bold(out), bad, total


_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


class _EdgePage:
    """The two attributes of a pdfplumber page that its lines-strategy TableFinder reads."""

    __slots__ = ("edges", "bbox")

    def __init__(self, edges: list[dict], bbox: tuple[float, float, float, float]):
        self.edges = edges
        self.bbox = bbox


def _line_edge(p0, p1) -> dict:
    # pdfplumber utils.line_to_edge on pdfminer's LTLine (bbox = bound of the two points)
    x0, x1 = min(p0[0], p1[0]), max(p0[0], p1[0])
    top, bottom = min(p0[1], p1[1]), max(p0[1], p1[1])
    return {"object_type": "line", "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top, "orientation": "h" if top == bottom else "v"}


def _rect_edges(pts) -> list[dict]:
    # pdfplumber utils.rect_to_edges on pdfminer's LTRect (bbox = bound of its corners)
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    w, h = x1 - x0, bottom - top
    base = {"object_type": "rect_edge", "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": w, "height": h}
    return [
        {**base, "height": 0, "bottom": top, "orientation": "h"},
        {**base, "height": 0, "top": top + h, "doctop": top + h, "orientation": "h"},
        {**base, "width": 0, "x1": x0, "orientation": "v"},
        {**base, "width": 0, "x0": x1, "orientation": "v"},
    ]


def _curve_edges(pts) -> list[dict]:
    # pdfplumber utils.curve_to_edges
    out = []
    for p0, p1 in zip(pts, pts[1:]):
        top = min(p0[1], p1[1])
        out.append({"object_type": "curve_edge", "x0": min(p0[0], p1[0]), "x1": max(p0[0], p1[0]),
                    "top": top, "doctop": top, "bottom": max(p0[1], p1[1]),
                    "width": abs(p0[0] - p1[0]), "height": abs(p0[1] - p1[1]),
                    "orientation": "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)})
    return out


def _page_edges(page, raw, height: float) -> list[dict] | None:
    """pdfplumber's ``page.edges`` for one page, computed from pdfium's path objects.

    Follows pdfminer's ``paint_path`` (one object per subpath; a two-point subpath is a
    line, a closed axis-aligned four-corner subpath a rect, anything else a curve whose
    points are the segment end points) and pdfplumber's edge conversion, so the table
    finder sees the same edges without pdfminer parsing the whole page (text included)
    in Python. ``None`` when the page is outside what this mirrors (form XObjects, a
    rotated page, a MediaBox not at the origin or differing from the CropBox): the
    caller then asks pdfplumber itself.
    """
    try:
        if page.get_rotation() % 360 != 0:
            return None
        mb = tuple(page.get_mediabox())
        if mb[0] != 0 or mb[1] != 0 or tuple(page.get_cropbox()) != mb or abs((mb[3] - mb[1]) - height) > 1e-6:
            return None
    except Exception:
        return None
    lines: list[dict] = []
    rects: list[dict] = []
    curves: list[dict] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    m = raw.FS_MATRIX()
    pm = ctypes.byref(m)
    move, bez = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_BEZIERTO
    count, getseg, getpt = raw.FPDFPath_CountSegments, raw.FPDFPath_GetPathSegment, raw.FPDFPathSegment_GetPoint
    gettype, getclose = raw.FPDFPathSegment_GetType, raw.FPDFPathSegment_GetClose
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM], max_depth=0):
        if obj.type != raw.FPDF_PAGEOBJ_PATH:
            return None
        h = obj.raw
        if not raw.FPDFPageObj_GetMatrix(h, pm):
            return None
        a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
        subpaths: list[list] = []  # [shape chars, points (x, top), start point]
        cur = None
        nbez = 0
        for k in range(count(h)):
            s = getseg(h, k)
            if not getpt(s, px, py):
                return None
            t = gettype(s)
            X, Y = x.value, y.value
            pt = (a * X + c * Y + e, height - (b * X + d * Y + f))
            if t == move or cur is None:
                cur = [["m"], [pt]]
                subpaths.append(cur)
                nbez = 0
            elif t == bez:
                nbez += 1
                if nbez % 3:
                    continue  # a control point; pdfminer keeps only the end point
                cur[0].append("c")
                cur[1].append(pt)
            else:
                nbez = 0
                cur[0].append("l")
                cur[1].append(pt)
            if getclose(s) and len(cur[0]) > 1:
                # ``h``: pdfium closes with a line back to the start (or flags a last
                # point that already is the start); pdfminer has an ``h`` at the start
                if cur[0][-1] == "l" and cur[1][-1] == cur[1][0] and len(cur[0]) > 2:
                    cur[0][-1] = "h"
                    cur[1][-1] = cur[1][0]
                else:
                    cur[0].append("h")
                    cur[1].append(cur[1][0])
        for ops, pts in subpaths:
            shape = "".join(ops)
            if shape in ("mlh", "ml"):
                lines.append(_line_edge(pts[0], pts[1]))
            elif shape in ("mlllh", "mllll"):
                (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
                if pts[0] == pts[4] and (
                    (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
                ):
                    rects.extend(_rect_edges(pts[:4]))
                else:
                    curves.extend(_curve_edges(pts))
            else:
                curves.extend(_curve_edges(pts))
    return lines + rects + curves


def _find_tables(plpage_or_edges, width: float, height: float):
    """pdfplumber's lines-strategy tables, from a pdfplumber page or from edges."""
    from pdfplumber.table import TableFinder

    if isinstance(plpage_or_edges, list):
        return TableFinder(_EdgePage(plpage_or_edges, (0, 0, width, height)), _TABLE_SETTINGS).tables
    return plpage_or_edges.find_tables(_TABLE_SETTINGS)


def _read_tables(found, chars: list[Ch], page_no: int) -> list[PTable]:
    out: list[PTable] = []
    for t in found:
        boxes = [c for c in t.cells if c is not None]
        if len(boxes) < 2:
            continue
        xs = cluster([b[0] for b in boxes] + [b[2] for b in boxes])
        ys = cluster([b[1] for b in boxes] + [b[3] for b in boxes])
        n_cols, n_rows = len(xs) - 1, len(ys) - 1
        if n_cols < 1 or n_rows < 1 or (n_cols == 1 and n_rows == 1):
            continue
        cells: list[Cell] = []
        taken: set[tuple[int, int]] = set()
        # the table's bbox is the union of its cells: only its characters can be in one
        tx0, ttop, tx1, tbottom = t.bbox
        # each character's centre, computed once; sorted by vertical centre so that a
        # cell looks only at the characters of its own band (kept in page order)
        centred = []
        for k, ch in enumerate(chars):
            cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
            if tx0 <= cx <= tx1 and ttop <= cy <= tbottom:
                centred.append((cy, k, cx))
        centred.sort()
        cys = [c[0] for c in centred]
        for (x0, top, x1, bottom) in sorted(boxes, key=lambda b: (b[1], b[0])):
            c0, c1 = nearest_index(xs, x0), nearest_index(xs, x1)
            r0, r1 = nearest_index(ys, top), nearest_index(ys, bottom)
            if c1 <= c0 or r1 <= r0 or (r0, c0) in taken:
                continue
            band = centred[bisect_left(cys, top):bisect_right(cys, bottom)]
            inside = [chars[k] for k in sorted(k for _cy, k, cx in band if x0 <= cx <= x1)]
            for r in range(r0, r1):
                for k in range(c0, c1):
                    taken.add((r, k))
            cells.append(Cell(r0, c0, cell_text(inside), rowspan=r1 - r0, colspan=c1 - c0))
        out.append(PTable(page_no, tuple(t.bbox), xs, ys, cells, n_rows, n_cols))
    return out


def _has_object(page, raw, kind: int) -> bool:
    """Whether the page holds an object of type ``kind`` (forms looked into, four levels
    deep): pypdfium2's ``get_objects(filter=[kind], max_depth=4)`` walked with bare pdfium
    calls (no helper object per page object); raises ``PdfiumError`` where it would."""
    import pypdfium2 as pdfium

    form_t, get_type = raw.FPDF_PAGEOBJ_FORM, raw.FPDFPageObj_GetType

    def walk(parent, count, get, level: int) -> bool:
        n = count(parent)
        if n < 0:
            raise pdfium.PdfiumError("Failed to get number of pageobjects.")
        for k in range(n):
            obj = get(parent, k)
            if not obj:
                raise pdfium.PdfiumError("Failed to get pageobject.")
            t = get_type(obj)
            if t == kind:
                return True
            if t == form_t and level < 3 and walk(obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, level + 1):
                return True
        return False

    return walk(page.raw, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, 0)


def _has_paths(page, raw) -> bool:
    try:
        return _has_object(page, raw, raw.FPDF_PAGEOBJ_PATH)
    except Exception:
        return True


def _has_images(page, raw) -> bool:
    try:
        return _has_object(page, raw, raw.FPDF_PAGEOBJ_IMAGE)
    except Exception:
        return False


_READABLE_RE = re.compile("[\x00-\x7f" + CJK_RE.pattern[1:])


def _garbage(chars: list[Ch], bad: int, total: int) -> bool:
    if total == 0:
        return False
    if bad / total > 0.3:
        return True
    text = "".join(c.text for c in chars)
    if "(cid:" in text:
        return True
    if len(text) < 20:
        return False
    readable = len(_READABLE_RE.findall(text))  # CJK (``is_cjk``) or ASCII characters
    return readable / len(text) < 0.5


_PAINT_OPS = re.compile(rb"(?:^|[\s\])>])(?:Tj|TJ|'|\"|Do|re|f\*?|S|s|B\*?|b\*?|sh)(?=[\s\[(/<]|$)")


def _content_stream_problem(path, i: int, state: dict) -> str | None:
    """Why page ``i`` shows nothing although it has content, or None (a blank page): its
    content streams cannot be decoded (an unknown filter, a broken filter chain) or decode
    to something that is no content stream. Read with pdfminer (pdfium does not say)."""
    import logging

    try:
        if "pages" not in state:
            from pdfminer.pdfdocument import PDFDocument
            from pdfminer.pdfpage import PDFPage
            from pdfminer.pdfparser import PDFParser

            state["file"] = fh = open(path, "rb")
            state["pages"] = PDFPage.create_pages(PDFDocument(PDFParser(fh)))
            state["list"] = []
        while len(state["list"]) <= i:
            state["list"].append(next(state["pages"]))
        page = state["list"][i]
        state["list"][i] = None     # each page is checked once: let it go
        problems = []
        prev = logging.root.manager.disable
        logging.disable(logging.WARNING)   # pdfminer logs every filter it does not know
        try:
            for st in page.contents if page is not None else ():
                st = st.resolve() if hasattr(st, "resolve") else st
                filters = " ".join(f"/{getattr(f, 'name', f)}" for f, _ in st.get_filters()) or "none"
                n = len(st.rawdata or b"")
                if n < 16:
                    continue
                try:
                    data = st.get_data()
                except Exception as e:  # noqa: BLE001 - pdfminer raises anything on bad data
                    problems.append(f"a content stream ({n} bytes, filters {filters}) cannot be decoded "
                                    f"({type(e).__name__})")
                    continue
                text_like = sum(1 for c in data[:4096] if c in (9, 10, 12, 13) or 32 <= c < 127)
                if not data or text_like < 0.9 * min(len(data), 4096):
                    problems.append(f"a content stream ({n} bytes, filters {filters}) decodes to no content")
                elif _PAINT_OPS.search(data):
                    problems.append(f"a content stream ({n} bytes, filters {filters}) draws what cannot be read")
        finally:
            logging.disable(prev)
        return "; ".join(problems[:3]) or None
    except Exception:  # noqa: BLE001 - the check must never cost the page
        return None


# A compressed stream that inflates beyond these is refused before pdfium decodes it (pdfium
# aborts the whole process when an allocation fails: the worker would die, worker_crashed)
INFLATE_MAX = 256 * 1024 * 1024         # bytes one stream may inflate to
INFLATE_BOMB_RATIO = 1000               # ... or above 64 MB at more than this ratio
_INFLATE_CHECK_FROM = 256 * 1024        # smaller files cannot hold a dangerous stream
_STREAM_RE = re.compile(rb"stream\r?\n")


def _inflation_problem(path, limit: int = INFLATE_MAX) -> str | None:
    """A Flate stream of the file that inflates to more than ``limit`` bytes (or to more than
    64 MB at over ``INFLATE_BOMB_RATIO`` times its size), found by inflating each stream of
    64 KB or more incrementally and stopping at the bound; None when there is none."""
    import mmap
    import os
    import zlib

    if os.path.getsize(path) < _INFLATE_CHECK_FROM:
        return None
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
        for m in _STREAM_RE.finditer(data):
            if data[max(0, m.start() - 3):m.start()] == b"end":   # "endstream" is no stream start
                continue
            start = m.end()
            end = data.find(b"endstream", start)
            if end < 0:
                end = len(data)
            if end - start < 64 * 1024 or b"Flate" not in data[max(0, m.start() - 512):m.start()]:
                continue
            d = zlib.decompressobj()
            out = fed = 0
            pos = start
            try:
                while pos < end and not d.eof:
                    chunk = data[pos:min(pos + 65536, end)]
                    pos += len(chunk)
                    fed += len(chunk)
                    while chunk:
                        piece = d.decompress(chunk, 16 * 1024 * 1024)
                        out += len(piece)
                        chunk = d.unconsumed_tail
                        if out > limit or (out > 64 * 1024 * 1024 and out > INFLATE_BOMB_RATIO * fed):
                            return (f"a compressed stream of {end - start} bytes at offset {start} inflates "
                                    f"to more than {out // (1024 * 1024)} MB")
                        if d.eof:
                            break
            except zlib.error:
                continue        # not Flate data after all (or damaged): pdfium decides
    return None


def _loads(pdf, i: int, pdfium) -> bool:
    try:
        pdf[i].close()
        return True
    except pdfium.PdfiumError:
        return False


def _real_page_count(pdf, declared: int, pdfium) -> int:
    """The pages the page tree really holds: the declared count (/Count) unless its last page
    cannot be loaded, then the largest loadable page index + 1, found by bisection (a /Count of
    1,000,000 over a 4-page tree is 4 pages, not 999,996 damaged ones). Damaged pages in the
    middle are still found page by page (``pages_unreadable``)."""
    if declared <= 1 or _loads(pdf, declared - 1, pdfium):
        return declared
    lo, hi = -1, declared - 1      # lo loads (or -1), hi does not
    if _loads(pdf, 0, pdfium):
        lo = 0
    else:
        return declared            # not even the first page: the page loop reports it
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _loads(pdf, mid, pdfium):
            lo = mid
        else:
            hi = mid
    return lo + 1


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
    problem = _inflation_problem(path)
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
        n_pages = _real_page_count(pdf, n_pages, pdfium)
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
                chars, bad, total, lost = _page_chars(page, raw, height, font_names, unless_lost=True)
                if chars is None or force_pdfminer:
                    # pdfium dropped characters of fonts that are not embedded and that this
                    # machine lacks: read the page's characters through pdfminer instead
                    try:
                        if plpdf is None:
                            import pdfplumber

                            plpdf = pdfplumber.open(str(path))
                        chars, bad, total = _pdfminer_chars(plpdf, i)
                        via_pdfminer.append(page_no)
                        lost_fonts |= lost
                    except Exception as e:  # pdfminer cannot parse it: take pdfium's characters
                        if lost:
                            pdfminer_failed.append(f"page {page_no}: {type(e).__name__}")
                        if chars is None:
                            chars, bad, total, _ = _page_chars(page, raw, height, font_names)
                if not chars or _garbage(chars, bad, total):
                    if chars or _has_images(page, raw) or _has_paths(page, raw):
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
                        problem = _content_stream_problem(path, i, stream_state)
                        if problem:
                            b.warn("pdf_stream_unreadable", f"page {page_no}: {problem}; its text is missing",
                                   page=page_no)
                    pages_items.append((page_no, height, []))
                    continue
                tables: list[PTable] = []
                if _has_paths(page, raw):
                    edges = _page_edges(page, raw, height)
                    if edges is None:  # outside what _page_edges mirrors: ask pdfplumber
                        if plpdf is None:
                            import pdfplumber

                            plpdf = pdfplumber.open(str(path))
                        found = _find_tables(plpdf.pages[i], width, height)
                    else:
                        found = _find_tables(edges, width, height)
                    tables = _read_tables(found, chars, page_no)
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
        emit(b, pages_items)
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
