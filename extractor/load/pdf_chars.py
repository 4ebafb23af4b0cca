"""A PDF page's characters, for the .pdf loader (:mod:`pdf`).

* :func:`page_chars`: every character of a **pypdfium2** page (one bare C call per
  char: unicode, loose box, font size; ``_fast_text_api``); generated characters
  (pdfium's own spaces/newlines) are skipped, so lines are rebuilt from geometry later.
* :func:`lost_text_fonts`: fonts that are not embedded take their glyphs from the
  machine; where it has none (a CJK font on a bare server) pdfium drops characters
  silently. This finds such pages from pdfium's own objects (~1 ms per page).
* :func:`pdfminer_chars`: the same model read by pdfminer (the font's CMap and the
  PDF's widths, no machine fonts; boxes in pdfplumber's coordinates), for those pages.
* :func:`drop_fake_bold`: a glyph drawn twice within ``DEDUPE_TOL`` points (fake bold)
  is kept once (pdfplumber's ``dedupe_chars`` rule).
* :func:`garbage`: a text layer of unmapped glyphs (``(cid:..)``, replacement or
  private-use characters) that needs OCR.
"""
from __future__ import annotations

import ctypes
import re
import unicodedata
from math import isfinite as _isfinite
from operator import attrgetter

from .layout.lines import Ch
from .layout.text import CJK_RE

DEDUPE_TOL = 1.0  # points; same glyph closer than this is a fake-bold duplicate

_TOP, _TEXT_TOP = attrgetter("top"), attrgetter("text", "top")


def drop_fake_bold(chars: list[Ch]) -> list[Ch]:
    """Drop a character that repeats the same glyph within ``DEDUPE_TOL`` points of an
    earlier one (fake bold; the rule of pdfplumber's ``dedupe_chars``). Order is kept.

    Most pages have no such pair: the characters sorted by (glyph, top) show in one pass
    which could be one (the same glyph within the tolerance on both axes), and only
    those go through the order-dependent rule (``drop_fake_bold_among``)."""
    if not all(map(_isfinite, map(_TOP, chars))):
        return drop_fake_bold_among(chars)  # the sort below needs ordered numbers
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
    kept = {id(c) for c in drop_fake_bold_among([c for c in chars if id(c) in suspects])}
    return [c for c in chars if id(c) not in suspects or id(c) in kept]


def drop_fake_bold_among(chars: list[Ch]) -> list[Ch]:
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
    its arguments in Python (~0.45 µs); the loop in ``page_chars`` makes several calls per
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


def page_units(raw, h, n: int) -> list[int] | None:
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


def page_chars(page, raw, height: float, fonts: dict, *, unless_lost: bool = False):
    """(chars, n_unmapped, n_total_visible, lost) for one pdfium page, duplicates removed;
    ``lost`` names the fonts whose characters pdfium left out (``lost_text_fonts``). With
    ``unless_lost``, a page that lost characters gives ``None`` for chars (not read)."""
    tp = page.get_textpage()
    try:
        lost = lost_text_fonts(page, raw, tp.raw, fonts)
        if lost and unless_lost:
            return None, 0, 0, lost
        n = raw.FPDFText_CountChars(tp.raw)
        h = ctypes.c_void_p(ctypes.cast(tp.raw, ctypes.c_void_p).value)
        rect = raw.FS_RECTF()
        prect = ctypes.byref(rect)
        is_generated, get_unicode, map_error, loose_box, font_size = _fast_text_api(raw)
        units = page_units(raw, tp.raw, n)
        if units is None:
            units = [get_unicode(h, i) for i in range(n)]
        skip_chars, category = _SKIP_CHARS, unicodedata.category
        out: list[Ch] = []
        bad = 0
        total = 0
        skip = -1
        space = False
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
            if sk:
                if u == 0x20 and is_generated(h, i) != 1:
                    space = True  # a space the file itself writes
                continue
            if is_generated(h, i) == 1:
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
            out.append(Ch(ch, x0, x1, top, bottom, font_size(h, i) or (bottom - top), space))
            space = False
        return drop_fake_bold(out), bad, total, lost
    finally:
        tp.close()


# Fonts pdfium always has (built in): text in them never depends on the machine.
_STANDARD_14 = frozenset((
    "Courier", "Courier-Bold", "Courier-BoldOblique", "Courier-Oblique",
    "Helvetica", "Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique",
    "Times-Roman", "Times-Bold", "Times-BoldItalic", "Times-Italic", "Symbol", "ZapfDingbats",
))
_SIZE_EPSILON = 0.01  # pdfium's kSizeEpsilon


def lost_text_fonts(page, raw, textpage, fonts: dict) -> set[str]:
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
    come from pdfium, ``page_edges``), which saves about a fifth of pdfminer's time.
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


def pdfminer_chars(plpdf, i: int) -> tuple[list[Ch], int, int]:
    """(chars, n_unmapped, n_total_visible) for page ``i`` read by pdfminer, in the
    coordinates pdfplumber gives its objects (so its tables fit), duplicates removed.

    pdfminer takes each character from the font's CMap and each advance from the PDF's
    own widths, so nothing depends on the fonts installed on the machine. Used for the
    pages where pdfium loses characters (``lost_text_fonts``).
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
    space = False
    for text, x0, y0, x1, y1, size in device.items:
        if not text:
            bad += 1
            total += 1
            continue
        step = (x1 - x0) / len(text)  # a ligature (ﬁ -> fi) shares its box out
        x0, top, bottom = x0 + mb_x0, page_h - y1 + mb_top, page_h - y0 + mb_top
        for k, ch in enumerate(text):
            if ch.isspace() or category(ch) in ("Cc", "Cf"):
                space = space or ch == " "  # a space the file itself writes
                continue
            total += 1
            u = ord(ch)
            if u == 0xFFFD or 0xE000 <= u <= 0xF8FF or 0xD800 <= u <= 0xDFFF:
                bad += 1
                continue
            out.append(Ch(ch, x0 + k * step, x0 + (k + 1) * step, top, bottom, size, space))
            space = False
    return drop_fake_bold(out), bad, total


READABLE_RE = re.compile("[\x00-\x7f" + CJK_RE.pattern[1:])


def garbage(chars: list[Ch], bad: int, total: int) -> bool:
    if total == 0:
        return False
    if bad / total > 0.3:
        return True
    text = "".join(c.text for c in chars)
    if "(cid:" in text:
        return True
    if len(text) < 20:
        return False
    readable = len(READABLE_RE.findall(text))  # CJK (``is_cjk``) or ASCII characters
    return readable / len(text) < 0.5
