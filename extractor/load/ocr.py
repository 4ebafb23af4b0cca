"""OCR for image-only PDF pages, used by the PDF loader.

Two engines share everything but the reading itself:

* **RapidOCR** (default; ``rapidocr-onnxruntime``, a pip dependency whose wheel ships the
  PP-OCRv4 models run by onnxruntime — no system package, no download): text lines
  detected on a downscaled page, recognised on full-size crops; see :mod:`ocr_rapid`.
  The page is rendered at 200 dpi (``RAPID_DPI``).
* **Tesseract** ``chi_sim`` (``ocr_engine="tesseract"`` or env
  ``ZWGK_OCR_ENGINE=tesseract``; also used when RapidOCR cannot be imported and Tesseract
  is installed), rendered at 300 dpi.

Both return word boxes with per-character confidences (:class:`Word`), so the steps
below are the same for both. A page without a usable text layer is rendered with
**pypdfium2** (grey), then:

* **Clean-up**: the skew is measured (the rotation within ±3° that makes the
  horizontal projection sharpest) and undone; a speckled scan (many isolated dark
  pixels) gets a 3×3 median filter for OCR (not for rule detection: it erases hairlines).
* **Ruled tables** are found in the image itself: long horizontal and vertical runs of
  dark pixels (a 1-D morphological opening done with cumulative sums in numpy) give
  line segments; vertical segments must end on horizontal rules (tall glyph strokes do
  not); crossing segments form a table, whose column/row boundaries are the clustered
  line positions. A boundary between two grid slots without a drawn line is a merge
  (colspan/rowspan), like the born-digital reader. Rules are painted white before OCR.
* **Tesseract** (when it is the engine) runs as a subprocess with hOCR output and per-character boxes and
  confidences (``hocr_char_boxes=1``): once for the page without its tables (``--psm 6``:
  automatic layout drops short lines such as a lone "0"), once for all table cells of
  the page (a list file, so the model loads once). Each cell is read from two crops
  (the cell with a margin, and cut to its writing) and the more confident reading is
  kept. Words keep Tesseract's order inside a line (LSTM boxes are loose; each glyph's
  right edge is clipped to the next glyph), and characters go through the layout the
  PDF loader uses (:mod:`layout`: ``build_lines``, page numbers, ``paragraphs.emit``):
  page-number lines are dropped, wrapped lines re-joined, a ruled table continuing on
  the next page joined. A space is written only between two non-CJK words set apart
  (``0 0`` stays two figures; ``layout.text.needs_space``).
* **Digits are guarded** (precision first): a word with a digit read below
  ``DIGIT_MIN_CONF`` (RapidOCR: ``RAPID_DIGIT_MIN_CONF``, on its probability × 100) has
  all its digits replaced by ``□`` (U+25A1), so a doubtful figure is never read as a
  wrong number; a page whose mean glyph confidence is below ``PAGE_MIN_CONF``
  (``RAPID_PAGE_MIN_CONF``) gives no figures at all. Both give an
  ``ocr_low_confidence`` warning.

Warnings: ``ocr_used`` per OCR'd page; no engine (RapidOCR not importable, Tesseract
or ``chi_sim`` missing) → ``ocr_unavailable`` (once, with an install hint) and the pages keep ``needs_ocr``; a
failure or timeout on a page → ``ocr_failed`` + ``needs_ocr``; beyond ``ocr_max_pages``
→ ``ocr_pages_limit``. Never an error record, never a crash. A flat image without ink
is not OCR'd (keeps ``needs_ocr``).

Options (``extract(path, **options)``): ``ocr`` (default on; env ``ZWGK_OCR=0/1`` when
the option is not given), ``ocr_engine`` (auto | rapidocr | tesseract; env
``ZWGK_OCR_ENGINE``), ``ocr_timeout`` (s per page, 60), ``ocr_max_pages`` (200),
``ocr_dpi`` (200 RapidOCR, 300 Tesseract), ``ocr_digit_min_conf`` (90 / 80),
``ocr_page_min_conf`` (90 / 92), ``ocr_deskew`` (True), ``ocr_denoise`` (auto);
RapidOCR: ``ocr_det_dpi`` (100), ``ocr_threads`` (1; env ``ZWGK_OCR_THREADS``);
Tesseract: ``ocr_lang`` (chi_sim), ``ocr_psm`` (6), ``tesseract_cmd`` (or env
``ZWGK_TESSERACT``).

Tesseract (optional, Debian/Ubuntu): ``apt-get install -y tesseract-ocr tesseract-ocr-chi-sim``.

Modules: :mod:`ocr_scan` (rendering, clean-up, the ruled grids found in the image),
:mod:`ocr_tesseract` (the Tesseract engine: ``run_tesseract``, ``parse_hocr``,
``check_available``), :mod:`ocr_rapid` (RapidOCR); this module chooses the engine and reads
a page for the loader hook. The names tests and the loader use on this module
(``ocr.available``, ``ocr.render_page``, ``ocr.find_grids``, ``ocr.parse_hocr``,
``ocr.tesseract_cmd`` …) are re-exported here.
"""
from __future__ import annotations

import os

import numpy as np

from ..model import Cell
from .layout.lines import Ch, build_lines, respace
from .layout.pages import drop_page_numbers, page_items
from .layout.tables import PTable
from .layout.text import join_cjk
from .layout.text import needs_space as _need_space  # the OCR word-spacing rule
from .layout.words import Word
from .ocr_scan import (  # noqa: F401  (has_ink, find_grids, ...: re-exported, ocr.find_grids)
    DEFAULT_DPI, SPECKLE_MAX, denoise, find_grids, has_ink, render_page, rotate, skew_angle,
    speckle_ratio,
)
from .ocr_tesseract import (  # noqa: F401  (re-exported: ocr.available, ocr.OcrUnavailable, ...)
    DEFAULT_LANG, DEFAULT_TIMEOUT, INSTALL_HINT, OcrFailed, OcrUnavailable, available,
    check_available, parse_hocr, read_tesseract, tesseract_cmd,
)

RAPID_DPI = 200  # RapidOCR: its recogniser scales every line to 48 px high
PAGE_MIN_CONF = 92.0  # below this mean glyph confidence every digit of the page is masked
DIGIT_MIN_CONF = 80.0  # a word with a digit glyph below this confidence (0-100) is masked
# RapidOCR: a character's confidence is the recogniser's probability ×100
RAPID_PAGE_MIN_CONF = 90.0
RAPID_DIGIT_MIN_CONF = 90.0
MASK_CHAR = "\u25a1"  # □


# --------------------------------------------------------------------------- engine
ENGINES = ("auto", "rapidocr", "tesseract")


def engine_name(options: dict | None = None) -> str:
    """The engine that reads scans: ``rapidocr`` or ``tesseract`` (raises OcrUnavailable).

    ``options["ocr_engine"]`` (else env ``ZWGK_OCR_ENGINE``, else ``auto``): ``auto``
    is RapidOCR (a pip dependency) and Tesseract only when RapidOCR cannot be imported.
    """
    from . import ocr_rapid

    options = options or {}
    want = str(options.get("ocr_engine") or os.environ.get("ZWGK_OCR_ENGINE") or "auto").strip().lower()
    if want not in ENGINES:
        raise OcrUnavailable(f"unknown OCR engine {want!r} (option ocr_engine / ZWGK_OCR_ENGINE: {', '.join(ENGINES)})")
    if want == "tesseract":
        check_available(options)
        return "tesseract"
    if ocr_rapid.importable():
        return "rapidocr"
    if want == "auto" and available(options):
        return "tesseract"
    raise OcrUnavailable(f"RapidOCR is not installed; {ocr_rapid.INSTALL_HINT}, or {INSTALL_HINT}")


def _guard_digits(w: Word, min_conf: float) -> tuple[str, bool]:
    """The word's text, its digits masked when any digit of it is doubtful.

    A whole word is masked, not one digit: ``5□0`` could still be read as ``0``.
    """
    doubtful = any(g.text.isdigit() and g.conf < min_conf for g in w.glyphs)
    if not doubtful:
        return w.text, False
    return "".join(MASK_CHAR if ch.isdigit() else ch for ch in w.text), True


def word_lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped by Tesseract text line, in Tesseract's reading order.

    LSTM boxes are loose (a glyph or the first word of a line may span far to the
    right), so each glyph's right edge is clipped to the next glyph's left edge; the
    order inside a line is Tesseract's, never re-sorted from the boxes.
    """
    lines: dict[tuple[int, int, int, int], list[Word]] = {}
    for w in words:
        lines.setdefault((w.page, *w.line_key), []).append(w)
    out = []
    for ws in lines.values():
        gs = [g for w in ws for g in w.glyphs]
        for a, b in zip(gs, gs[1:]):
            if a.x0 < b.x0 < a.x1:
                a.x1 = b.x0
            if b.x0 < a.x1:  # out of order or fully overlapping: keep the order
                b.x0 = a.x1
                b.x1 = max(b.x1, b.x0 + 1)
        for w in ws:
            if w.glyphs:
                w.x0, w.x1 = int(w.glyphs[0].x0), int(round(w.glyphs[-1].x1))
        out.append(ws)
    return out


def line_text(ws: list[Word], min_conf: float) -> tuple[str, int]:
    parts: list[str] = []
    masked = 0
    prev: Word | None = None
    prev_text = ""
    for w in ws:
        text, m = _guard_digits(w, min_conf)
        masked += m
        if not text:
            continue
        if prev is not None and _need_space(prev_text, text, w.x0 - prev.x1, w.line_bottom - w.line_top):
            parts.append(" ")
        parts.append(text)
        prev, prev_text = w, text
    return "".join(parts), masked


def _page_chars_from_words(words: list[Word], scale: float, min_conf: float):
    """Per-character boxes (PDF points) for the layout's line builder."""
    chars: list = []
    masked = 0
    for ws in word_lines(words):
        top = min(w.line_top for w in ws) * scale
        bottom = max(w.line_bottom for w in ws) * scale
        size = max(bottom - top, 1.0)
        for w in ws:
            text, m = _guard_digits(w, min_conf)
            masked += m
            for ch, g in zip(text, w.glyphs):
                chars.append(Ch(ch, g.x0 * scale, max(g.x1, g.x0 + 1) * scale, top, bottom, size))
    return chars, masked


def _read_rapid(clean, prose, grids, dpi, options, deadline):
    """RapidOCR: lines detected on the prose (plus the ink the detector missed), cell
    writing cut into lines by projection; all lines recognised on the full-size page."""
    import time

    from . import ocr_rapid as R

    try:
        boxes = R.detect(prose, dpi, options)
    except ImportError as e:
        hint = R.INSTALL_HINT
        if "libGL" in str(e) or "libgthread" in str(e):  # opencv-python's system libraries
            hint += "; OpenCV needs apt-get install libgl1 libglib2.0-0 (or pip install opencv-python-headless)"
        raise OcrUnavailable(f"RapidOCR cannot be imported ({e}); {hint}") from e
    except RuntimeError as e:
        raise OcrUnavailable(f"{e}; {R.INSTALL_HINT}") from e
    boxes += R.uncovered_ink(prose, boxes, dpi)
    cell_jobs: list[tuple[int, int]] = []
    cell_boxes: list[list] = []
    inset = max(dpi // 50, 3)
    for gi, g in enumerate(grids):
        for ci, (r, c, rs, cs) in enumerate(g.cells):
            x0, top, x1, bottom = (int(round(v)) for v in g.box(r, c, rs, cs))
            bxs = R.line_boxes(clean, (x0 + inset, top + inset, x1 - inset, bottom - inset), dpi)
            if bxs:
                cell_jobs.append((gi, ci))
                cell_boxes.append(bxs)
    if time.monotonic() > deadline:
        raise OcrFailed("OCR time limit for the page reached (option ocr_timeout)")
    flat = [b for bxs in cell_boxes for b in bxs]
    read = R.recognize(prose, boxes, options)
    words_prose = [w for ws in read for w in ws]
    read = R.recognize(clean, flat, options, first_line=len(boxes))
    cell_words: list[list[Word]] = []
    k = 0
    for bxs in cell_boxes:
        cell_words.append([w for ws in read[k:k + len(bxs)] for w in ws])
        k += len(bxs)
    return words_prose, cell_jobs, cell_words


def ocr_page(page, page_no: int, width: float, height: float, options: dict | None = None):
    """OCR one pdfium page into the PDF loader's page items (see :func:`ocr_image`)."""
    options = dict(options or {})
    options["ocr_engine"] = engine_name(options)
    options["ocr_dpi"] = dpi = page_dpi(options)
    return ocr_image(np.asarray(render_page(page, dpi)), page_no, height, options)


def page_dpi(options: dict) -> int:
    """Rendering resolution: ``ocr_dpi``, else the engine's default."""
    if options.get("ocr_dpi"):
        return int(options["ocr_dpi"])
    return DEFAULT_DPI if engine_name(options) == "tesseract" else RAPID_DPI


def ocr_image(gray: np.ndarray, page_no: int, height: float, options: dict | None = None):
    """OCR a grey page image (rendered at ``options["ocr_dpi"]``) into page items.

    Returns ``(items, info)``: ``items`` a list of ``layout.pages.PageItem`` (lines and tables in
    PDF points, reading order), ``info`` a dict with ``words``, ``masked`` (words whose
    digits were masked for low confidence), ``tables`` and ``mean_conf``.
    Raises OcrUnavailable / OcrFailed.
    """
    import time

    options = options or {}
    eng = engine_name(options)
    dpi = page_dpi(options)
    min_conf = float(options.get("ocr_digit_min_conf", DIGIT_MIN_CONF if eng == "tesseract" else RAPID_DIGIT_MIN_CONF))
    timeout = float(options.get("ocr_timeout") or DEFAULT_TIMEOUT)
    deadline = time.monotonic() + timeout
    scale = 72.0 / dpi
    angle = 0.0
    if options.get("ocr_deskew", True):
        angle = skew_angle(gray)
        if abs(angle) >= 0.1:
            gray = rotate(gray, angle)
    # rules are found on the straightened image itself (a median filter would erase
    # hairlines); the engine reads a despeckled copy when the scan is speckled
    grids, rules = find_grids(gray, dpi)
    noisy = options.get("ocr_denoise")
    if noisy is None:
        noisy = speckle_ratio(gray) > SPECKLE_MAX
    clean = np.array(denoise(gray)) if noisy else gray.copy()  # (a PIL-backed array is read-only)
    if rules.any():
        # paint the rules white (a little wider than detected) so they are not read
        r = rules.copy()
        r[1:, :] |= rules[:-1, :]
        r[:-1, :] |= rules[1:, :]
        r[:, 1:] |= rules[:, :-1]
        r[:, :-1] |= rules[:, 1:]
        clean[r] = 255
    # prose: the page without its tables
    prose = clean.copy()
    for g in grids:
        x0, top, x1, bottom = (int(round(v)) for v in g.bbox)
        prose[max(top - 2, 0):bottom + 3, max(x0 - 2, 0):x1 + 3] = 255
    if eng == "tesseract":
        words_prose, cell_jobs, cell_words = read_tesseract(clean, prose, grids, dpi, options, deadline)
    else:
        words_prose, cell_jobs, cell_words = _read_rapid(clean, prose, grids, dpi, options, deadline)
    all_words = words_prose + [w for ws in cell_words for w in ws]
    confs = [g.conf for w in all_words for g in w.glyphs]
    mean_conf = sum(confs) / len(confs) if confs else 0.0
    # a page read with low overall confidence (noise, blur, odd fonts) gives no figures
    # at all: clean pages read at 98-99 on average, garbage at 85 and below
    page_min = float(options.get("ocr_page_min_conf", PAGE_MIN_CONF if eng == "tesseract" else RAPID_PAGE_MIN_CONF))
    withheld = bool(confs) and mean_conf < page_min
    if withheld:
        min_conf = 101.0
    masked = 0
    chars, m = _page_chars_from_words(words_prose, scale, min_conf)
    masked += m
    texts: dict[tuple[int, int], str] = {}
    for job, ws in zip(cell_jobs, cell_words):
        text = ""
        for line in word_lines(ws):
            t, m = line_text(line, min_conf)
            masked += m
            text = join_cjk(text, t.strip())
        texts[job] = text
    tables: list[PTable] = []
    for gi, g in enumerate(grids):
        xs = [x * scale for x in g.xs]
        ys = [y * scale for y in g.ys]
        cells = [
            Cell(r, c, texts.get((gi, ci), ""), rowspan=rs, colspan=cs)
            for ci, (r, c, rs, cs) in enumerate(g.cells)
        ]
        tables.append(PTable(page_no, (xs[0], ys[0], xs[-1], ys[-1]), xs, ys, cells, len(ys) - 1, len(xs) - 1))
    lines = [ln for ln in build_lines(chars) if ln.text.strip()]
    for ln in lines:
        respace(ln)
    drop_page_numbers(lines, height, page_no, misread=True)
    items = page_items(lines, tables)
    info = {
        "withheld": withheld,
        "skew": angle,
        "denoised": bool(noisy),
        "words": len(all_words),
        "masked": masked,
        "tables": len(tables),
        "mean_conf": mean_conf,
        "engine": eng,
    }
    return items, info


# --------------------------------------------------------------------------- loader hook
DEFAULT_ENABLED = True
DEFAULT_MAX_OCR_PAGES = 200


def enabled(options: dict | None = None) -> bool:
    """``options["ocr"]`` wins; else the ``ZWGK_OCR`` environment variable (0/1); else the default."""
    options = options or {}
    if options.get("ocr") is not None:
        return bool(options["ocr"])
    env = os.environ.get("ZWGK_OCR", "").strip().lower()
    if env in ("0", "false", "no", "off"):
        return False
    if env in ("1", "true", "yes", "on"):
        return True
    return DEFAULT_ENABLED


def page_items_or_warn(page, page_no: int, width: float, height: float, builder, options: dict, state: dict):
    """Called by the PDF loader for a page without a usable text layer.

    Returns the page items, or None when the page could not be OCR'd (the loader then
    records ``needs_ocr``). Warnings go to ``builder``; ``state`` is shared across the
    pages of one file (``pages``: pages OCR'd; ``unavailable``: reason, warned once).
    """
    if not enabled(options):
        return None
    if "unavailable" in state:
        return None
    limit = int(options.get("ocr_max_pages") or DEFAULT_MAX_OCR_PAGES)
    done = state.setdefault("pages", [])
    budget = options.get("ocr_time_budget")
    if budget:
        import time

        started = state.setdefault("started", time.monotonic())
        if time.monotonic() - started >= float(budget):
            if not state.get("budget_warned"):
                state["budget_warned"] = True
                builder.warn("ocr_time_budget",
                             f"OCR stopped after {float(budget):g} s (three quarters of the per-file timeout) at "
                             f"page {page_no}; this and later image pages were not read (raise --timeout)",
                             page=page_no)
            return None
    if len(done) >= limit:
        if not state.get("limit_warned"):
            state["limit_warned"] = True
            builder.warn("ocr_pages_limit", f"only {limit} pages were OCR'd (option ocr_max_pages); later image pages were not read")
        return None
    try:
        eng = engine_name(options)
    except OcrUnavailable as e:
        state["unavailable"] = str(e)
        builder.warn("ocr_unavailable", f"{e} (pages without a text layer were not read)")
        return None
    opts = dict(options)
    opts["ocr_engine"] = eng
    opts["ocr_dpi"] = dpi = page_dpi(opts)
    try:
        gray = np.asarray(render_page(page, dpi))
    except Exception as e:
        builder.warn("ocr_failed", f"page {page_no}: cannot render the page image ({type(e).__name__}: {e})", page=page_no)
        return None
    if not has_ink(gray):  # a blank or flat image: nothing to read
        return None
    try:
        items, info = ocr_image(gray, page_no, height, opts)
    except OcrUnavailable as e:
        state["unavailable"] = str(e)
        builder.warn("ocr_unavailable", f"{e} (pages without a text layer were not read)")
        return None
    except OcrFailed as e:
        builder.warn("ocr_failed", f"page {page_no}: OCR failed: {e}", page=page_no)
        return None
    except Exception as e:  # never let OCR crash the whole file
        builder.warn("ocr_failed", f"page {page_no}: OCR failed ({type(e).__name__}: {e})", page=page_no)
        return None
    done.append(page_no)
    builder.warn(
        "ocr_used",
        f"page {page_no} has no text layer and was read by OCR ("
        f"{'Tesseract ' + (options.get('ocr_lang') or DEFAULT_LANG) if eng == 'tesseract' else 'RapidOCR'}, "
        f"{info['words']} words, mean confidence {info['mean_conf']:.0f}, {info['tables']} ruled table(s)); "
        "check figures against the image",
        page=page_no,
    )
    if info["withheld"]:
        builder.warn(
            "ocr_low_confidence",
            f"page {page_no}: OCR confidence is low (mean {info['mean_conf']:.0f}); no figures were taken "
            f"from this page (digits shown as {MASK_CHAR})",
            page=page_no,
        )
    elif info["masked"]:
        builder.warn(
            "ocr_low_confidence",
            f"page {page_no}: {info['masked']} word(s) with digits were read with low confidence; "
            f"their digits are shown as {MASK_CHAR}",
            page=page_no,
        )
    return items
