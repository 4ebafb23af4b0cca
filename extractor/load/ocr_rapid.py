"""The default OCR engine: RapidOCR (PP-OCRv4 models run by onnxruntime), pip only.

``rapidocr-onnxruntime`` ships the detection and recognition models inside its wheel,
so a plain ``pip install`` reads scans: no system package, no download at run time.
This module turns its output into the :class:`layout.words.Word` boxes the Tesseract path
already produces, so the page reading of :mod:`ocr` (ruled grids, cells, the digit guard) and
:mod:`layout` (lines, tables, paragraphs) is shared by both engines.

* The engine is created once per process, on the first page that needs OCR (a batch
  of born-digital files never loads it), with one onnxruntime thread (``ocr_threads``,
  env ``ZWGK_OCR_THREADS``): batch runs parallelise files, not operators. Lines are
  recognised one at a time (no padded batches: faster on one thread).
* **Prose**: text lines are detected on a downscaled copy of the page (``ocr_det_dpi``,
  the detector needs no more than ~100 dpi for body text) and recognised on crops of
  the full-resolution page. The angle classifier is not run (pages are deskewed
  first; a line upside down is not a case of these reports). Ink the detector left
  out (a lone "0" on its own line is often missed) is cut into line bands and read
  by the recogniser directly.
* **Table cells** need no detector: the writing of a cell is cut into lines by its
  horizontal projection and each line is recognised.
* Every character keeps the recogniser's probability (×100, the scale of Tesseract's
  confidences) and a box from its CTC column, so low-confidence digits are masked
  exactly like Tesseract's.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from .layout.text import is_cjk
from .layout.words import Glyph, Word

INSTALL_HINT = "pip install rapidocr-onnxruntime (Python ≤ 3.12)"
DEFAULT_DET_DPI = 100  # resolution the detector sees (the page is rendered at ocr_dpi)
DEFAULT_THREADS = 1
TEXT_MIN_SCORE = 0.5  # a recognised line below this mean probability is dropped (noise)
SHORT_RATIO = 3.0  # a box narrower than 3 × its height is a short item (see _crop)
# a blank gap between two figures of at least 0.45 × their ink height is a space: on the
# dev scans (21 px high digits) spaced figures ("0 1 1 0") are 13-17 px apart, the digits
# of one number ("713000074", "10000018") 3-7 px
SPACE_GAP = 0.45
# characters the recogniser confuses with common punctuation of these reports: 丶 (a
# radical, never written in running text) for the enumeration comma
CONFUSABLE = str.maketrans({"丶": "、"})

_ENGINE = None
_ENGINE_ERR: str | None = None


def importable() -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec("rapidocr_onnxruntime") is not None
    except (ImportError, ValueError):
        return False


def engine(options: dict | None = None):
    """The process's RapidOCR instance, created on first use (raises ImportError/RuntimeError)."""
    global _ENGINE, _ENGINE_ERR
    if _ENGINE is not None:
        return _ENGINE
    if _ENGINE_ERR is not None:
        raise RuntimeError(_ENGINE_ERR)
    options = options or {}
    threads = int(options.get("ocr_threads") or os.environ.get("ZWGK_OCR_THREADS") or DEFAULT_THREADS)
    try:
        from rapidocr_onnxruntime import RapidOCR

        # limit_type=min with a tiny limit: the detector never rescales what it is given
        # (we hand it the downscaled page ourselves)
        _ENGINE = RapidOCR(
            intra_op_num_threads=threads, inter_op_num_threads=1,
            det_limit_side_len=32, det_limit_type="min", use_cls=False,
            # one line per call: on one thread a batch padded to its widest line is
            # slower (p17 page 1: 5.0 s CPU at 1, 8.8 s at 6; cell crops 2.2 s vs 2.9 s)
            rec_batch_num=1,
        )
    except ImportError:
        raise
    except Exception as e:  # a broken onnxruntime install, a missing model file
        _ENGINE_ERR = f"cannot start RapidOCR ({type(e).__name__}: {e})"
        raise RuntimeError(_ENGINE_ERR) from e
    return _ENGINE


def loaded() -> bool:
    """Has this process loaded the engine (for tests: born-digital files must not)?"""
    return _ENGINE is not None


# --------------------------------------------------------------------------- geometry
@dataclass(slots=True)
class Box:
    x0: int
    top: int
    x1: int
    bottom: int


def _bgr(gray: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.repeat(gray[:, :, None], 3, axis=2))


def detect(gray: np.ndarray, dpi: int, options: dict | None = None) -> list[Box]:
    """Text line boxes (full-resolution pixels) of a grey page image."""
    import cv2

    options = options or {}
    det_dpi = int(options.get("ocr_det_dpi") or DEFAULT_DET_DPI)
    f = min(1.0, det_dpi / float(dpi))
    h, w = gray.shape
    small = gray if f >= 1.0 else cv2.resize(gray, (max(int(w * f), 32), max(int(h * f), 32)), interpolation=cv2.INTER_AREA)
    fy, fx = h / small.shape[0], w / small.shape[1]
    boxes, _ = engine(options).text_det(_bgr(small))
    out: list[Box] = []
    if boxes is None or len(boxes) == 0:
        return out
    for b in boxes:
        xs, ys = b[:, 0] * fx, b[:, 1] * fy
        x0, x1 = int(max(xs.min(), 0)), int(min(xs.max() + 1, w))
        top, bottom = int(max(ys.min(), 0)), int(min(ys.max() + 1, h))
        if x1 - x0 >= 4 and bottom - top >= 4:
            bx = refine(gray, Box(x0, top, x1, bottom))
            if bx is not None:
                out.append(bx)
    return out


def refine(gray: np.ndarray, bx: Box) -> Box | None:
    """Fit a detected box to its ink: the detector runs at low resolution and may cut
    the top or bottom of a glyph ("0" read as "U"). The box grows by up to 0.3 × its
    height over the ink band(s) it overlaps, and shrinks to the ink it holds."""
    h, w = gray.shape
    bh = bx.bottom - bx.top
    m, mx = max(int(0.3 * bh), 2), max(int(0.15 * bh), 2)
    top, bottom = max(bx.top - m, 0), min(bx.bottom + m, h)
    x0, x1 = max(bx.x0 - mx, 0), min(bx.x1 + mx, w)
    ink = gray[top:bottom, x0:x1] < 140
    rows = [(a, b) for a, b in _bands(ink, 1) if b > bx.top - top and a < bx.bottom - top]
    if not rows:
        return None
    a, b = rows[0][0], rows[-1][1]
    cols = np.flatnonzero(ink[a:b].any(axis=0))
    left, right = x0 + int(cols[0]), x0 + int(cols[-1]) + 1
    # thin marks at the ends (the dashes of "- 1 -") are below the detector's notice:
    # take in flat ink (under half the line's height: dashes, not the next word) on the
    # same rows within 0.8 × the line height of either end
    rows_ink = gray[top + a:top + b] < 140
    band = rows_ink.any(axis=0)
    lh = b - a
    gap = max(int(0.8 * lh), 2)

    def flat(c0: int, c1: int) -> bool:
        r = np.flatnonzero(rows_ink[:, c0:c1].any(axis=1))
        return r.size > 0 and r[-1] - r[0] + 1 <= 0.45 * lh

    while left > 0:
        more = np.flatnonzero(band[max(left - gap, 0):left])
        if more.size == 0:
            break
        c0 = max(left - gap, 0) + int(more[0])
        if not flat(c0, left):
            break
        left = c0
    while right < w:
        more = np.flatnonzero(band[right:right + gap])
        if more.size == 0:
            break
        c1 = right + int(more[-1]) + 1
        if not flat(right, c1):
            break
        right = c1
    return Box(left, top + a, right, top + b)


def _bands(ink: np.ndarray, min_gap: int) -> list[tuple[int, int]]:
    """[start, end) of the row bands holding ink, split at blank gaps ≥ ``min_gap`` rows."""
    rows = np.flatnonzero(ink.any(axis=1))
    if rows.size == 0:
        return []
    out: list[list[int]] = [[int(rows[0]), int(rows[0]) + 1]]
    for r in rows[1:]:
        r = int(r)
        if r - out[-1][1] >= min_gap:
            out.append([r, r + 1])
        else:
            out[-1][1] = r + 1
    return [(a, b) for a, b in out]


def line_boxes(gray: np.ndarray, box: tuple[int, int, int, int], dpi: int, min_ink: int = 15) -> list[Box]:
    """The writing inside ``box`` (x0, top, x1, bottom) cut into text lines by its
    horizontal projection (a table cell, or ink the detector left out)."""
    x0, top, x1, bottom = box
    sub = gray[top:bottom, x0:x1]
    if sub.size == 0:
        return []
    ink = sub < 140
    if int(ink.sum()) < min_ink:
        return []
    out: list[Box] = []
    gap = max(dpi // 60, 2)  # line spacing inside a cell is ≥ ~0.4 mm
    for a, b in _bands(ink, gap):
        if b - a < max(dpi // 40, 3):  # a speck or a stray rule fragment, not a line of text
            continue
        cols = np.flatnonzero(ink[a:b].any(axis=0))
        if int(ink[a:b].sum()) < min_ink:
            continue
        out.append(Box(x0 + int(cols[0]), top + a, x0 + int(cols[-1]) + 1, top + b))
    return out


def _crop(gray: np.ndarray, bx: Box) -> tuple[np.ndarray, int]:
    """The recogniser's image of a line box, and the page x of the image's column 0.

    A long line is cut with a small margin. A short one (a lone figure, "2分") is cut
    to its ink and set on a white margin of 0.2 × its height left and right and 0.5 ×
    above and below: the recogniser, trained on text lines, reads an isolated "0" with
    ~0.99 on that margin and anywhere from 0.3 to 0.97 on a tight or a wide one.
    """
    h, w = gray.shape
    bh = bx.bottom - bx.top
    if bx.x1 - bx.x0 >= SHORT_RATIO * bh:
        pad = max(2, bh // 10)
        x0, top = max(bx.x0 - pad, 0), max(bx.top - pad, 0)
        x1, bottom = min(bx.x1 + pad, w), min(bx.bottom + pad, h)
        return _bgr(gray[top:bottom, x0:x1]), x0
    sub = gray[bx.top:bx.bottom, bx.x0:bx.x1]
    ink = sub < 140
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return _bgr(sub), bx.x0
    sub = sub[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    ih = sub.shape[0]
    px, py = max(int(ih * 0.2), 2), max(int(ih * 0.5), 2)
    canvas = np.full((ih + 2 * py, sub.shape[1] + 2 * px), 255, dtype=np.uint8)
    canvas[py:py + ih, px:px + sub.shape[1]] = sub
    return _bgr(canvas), bx.x0 + int(cols[0]) - px


# --------------------------------------------------------------------------- recognition
def recognize(gray: np.ndarray, boxes: list[Box], options: dict | None = None, page: int = 1,
              first_line: int = 0, min_score: float = TEXT_MIN_SCORE):
    """Recognise each box; returns ``layout.words.Word`` lists (one list per box, same order).

    A box is one text line: its words (runs of CJK, or of other characters, split at
    spaces) share ``line_key``; each glyph's box comes from the CTC column where the
    recogniser emitted it, clipped halfway to its neighbours.
    """
    if not boxes:
        return []
    eng = engine(options)
    crops = []
    origins = []
    for bx in boxes:
        c, x = _crop(gray, bx)
        crops.append(c)
        origins.append(x)
    res, _ = eng.text_rec(crops, True)
    out: list[list[Word]] = []
    for k, (bx, crop, x_origin, r) in enumerate(zip(boxes, crops, origins, res)):
        words: list[Word] = []
        text, score = r[0].translate(CONFUSABLE), float(r[1])
        if not text.strip() or score < min_score:
            out.append(words)
            continue
        n_cols, _wl, _wcl, _st, confs = r[2]
        # the decoder's column of every emitted character (spaces included)
        cols = [c for wc in _wcl for c in wc]
        if len(cols) != len(text) or len(confs) != len(text):
            # should not happen; fall back to even spacing
            cols = [(i + 0.5) * n_cols / max(len(text), 1) for i in range(len(text))]
            confs = [score] * len(text)
        width = crop.shape[1]
        step = width / max(float(n_cols), 1.0)
        h = bx.bottom - bx.top
        centers = [x_origin + (c + 0.5) * step for c in cols]
        line_key = (0, 0, first_line + k)
        cur: list[Glyph] = []
        cur_cjk: bool | None = None
        ink = None  # blank columns of the line, computed when two figures meet
        last = 0  # index in ``text`` of the last glyph kept

        def flush():
            nonlocal cur, cur_cjk
            if cur:
                t = "".join(g.text for g in cur)
                conf = min(g.conf for g in cur)
                words.append(Word(t, int(cur[0].x0), bx.top, int(round(cur[-1].x1)), bx.bottom, conf,
                                  bx.top, bx.bottom, line_key, page, cur))
            cur, cur_cjk = [], None

        for i, ch in enumerate(text):
            if ch.isspace():  # spaces are read off the page (see below), not the recogniser
                continue
            cjk = is_cjk(ch)
            half = h * (0.5 if cjk else 0.3)
            lo = centers[i] - half
            hi = centers[i] + half
            if i > 0:
                lo = max(lo, (centers[i - 1] + centers[i]) / 2)
            else:
                lo = max(lo, bx.x0)
            if i + 1 < len(text):
                hi = min(hi, (centers[i] + centers[i + 1]) / 2)
            else:
                hi = min(max(hi, lo + 1), bx.x1)
            if cur_cjk is not None and cjk != cur_cjk:
                flush()
            elif cur and not cjk and not cur_cjk:
                # two non-CJK characters (figures): the recogniser seldom writes the
                # space of "0 1 1 0" in a flattened table row, the page shows it. A white
                # run between them of ≥ SPACE_GAP × the line height is a space (new
                # word, and a gap the line builder turns into " "); else they touch.
                if ink is None:
                    ink = (gray[bx.top:bx.bottom] < 140).any(axis=0)
                a, b = _widest_white(ink, int(centers[last]), int(centers[i]))
                if b - a >= SPACE_GAP * _ink_height(gray, bx, centers[last], centers[i]):
                    prev = cur[-1]
                    prev.x1 = float(max(a, prev.x0 + 1))
                    lo = float(b)
                    flush()
                else:
                    lo = cur[-1].x1
            cur_cjk = cjk
            last = i
            cur.append(Glyph(ch, float(lo), float(max(hi, lo + 1)), float(confs[i]) * 100.0))
        flush()
        out.append(words)
    return out


def _ink_height(gray: np.ndarray, bx: Box, xa: float, xb: float) -> int:
    """Height of the ink of the two characters centred at ``xa`` and ``xb`` (figures
    are shorter than the Chinese characters that set the line's height)."""
    q = 0.25 * (bx.bottom - bx.top)
    sub = gray[bx.top:bx.bottom, max(int(xa - q), 0):int(xb + q) + 1] < 140
    rows = np.flatnonzero(sub.any(axis=1))
    return int(rows[-1] - rows[0] + 1) if rows.size else bx.bottom - bx.top


def _widest_white(ink: np.ndarray, a: int, b: int) -> tuple[int, int]:
    """[start, end) of the widest run of blank columns of ``ink`` in [a, b)."""
    best = (a, a)
    start = None
    for x in range(max(a, 0), min(b, ink.size)):
        if not ink[x]:
            if start is None:
                start = x
            if x + 1 - start > best[1] - best[0]:
                best = (start, x + 1)
        else:
            start = None
    return best


def uncovered_ink(gray: np.ndarray, boxes: list[Box], dpi: int) -> list[Box]:
    """Line boxes of the ink no detected box covers (lone short figures the detector
    missed), cut at wide horizontal gaps so two far-apart marks are two boxes."""
    ink = gray < 140
    cover = np.zeros_like(ink)
    m = max(dpi // 50, 2)
    for b in boxes:
        cover[max(b.top - m, 0):b.bottom + m, max(b.x0 - m, 0):b.x1 + m] = True
    rest = ink & ~cover
    if int(rest.sum()) < 15:
        return []
    out: list[Box] = []
    gap_x = max(dpi // 6, 8)  # ~4 mm: wider than the space between two characters of a word
    for a, b in _bands(rest, max(dpi // 60, 2)):
        if b - a < max(dpi // 25, 4):  # specks and rule remnants are thinner than a digit
            continue
        cols = np.flatnonzero(rest[a:b].any(axis=0))
        start = prev = int(cols[0])
        for c in list(cols[1:]) + [None]:
            if c is not None and int(c) - prev < gap_x:
                prev = int(c)
                continue
            if int(rest[a:b, start:prev + 1].sum()) >= 15:
                out.append(Box(start, a, prev + 1, b))
            if c is not None:
                start = prev = int(c)
    return out
