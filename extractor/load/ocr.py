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

Size (~940 lines, over the ~500 of issue 15): lines, page numbers, tables across pages
and paragraphs are the shared :mod:`layout` package; what is left has three parts that
would each make a module — the Tesseract engine (``run_tesseract``, ``parse_hocr``,
``check_available``: an ``ocr_tesseract.py`` beside ``ocr_rapid.py``), the ruled grids
found in the image (``find_grids`` and its numpy helpers) and the page reading with the
loader hook. ``tests/test_ocr.py`` and ``tests/test_hostile.py`` call and monkeypatch
them on this module (``ocr._tesseract_langs``, ``ocr.tesseract_cmd``, ``ocr.render_page``,
``ocr.engine_name``, ``ocr.find_grids``, ``ocr._tess_lines``), so that split goes
together with those tests.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..model import Cell
from .layout.cluster import cluster
from .layout.lines import Ch, build_lines, respace
from .layout.pages import drop_page_numbers, page_items
from .layout.tables import PTable
from .layout.text import join_cjk
from .layout.text import needs_space as _need_space  # the OCR word-spacing rule
from .layout.words import Glyph, Word

DEFAULT_DPI = 300  # Tesseract
RAPID_DPI = 200  # RapidOCR: its recogniser scales every line to 48 px high
DEFAULT_TIMEOUT = 60.0  # seconds per page (a speckled page can keep Tesseract busy for minutes)
DEFAULT_LANG = "chi_sim"
DEFAULT_PSM = 6  # one uniform block: automatic layout (3) drops short lines such as a lone "0"
PAGE_MIN_CONF = 92.0  # below this mean glyph confidence every digit of the page is masked
DIGIT_MIN_CONF = 80.0  # a word with a digit glyph below this confidence (0-100) is masked
# RapidOCR: a character's confidence is the recogniser's probability ×100
RAPID_PAGE_MIN_CONF = 90.0
RAPID_DIGIT_MIN_CONF = 90.0
MASK_CHAR = "\u25a1"  # □
INSTALL_HINT = "install Tesseract with the Simplified Chinese model: apt-get install -y tesseract-ocr tesseract-ocr-chi-sim"


class OcrUnavailable(Exception):
    """Tesseract or its language model is not installed."""


class OcrFailed(Exception):
    """Tesseract ran but failed on this page (crash, timeout, unreadable output)."""


# --------------------------------------------------------------------------- engine
@lru_cache(maxsize=8)
def _tesseract_langs(cmd: str) -> frozenset[str]:
    try:
        r = subprocess.run([cmd, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    out = (r.stdout or "") + "\n" + (r.stderr or "")
    return frozenset(ln.strip() for ln in out.splitlines()[1:] if ln.strip() and " " not in ln.strip())


def tesseract_cmd(options: dict | None = None) -> str | None:
    options = options or {}
    cmd = options.get("tesseract_cmd") or os.environ.get("ZWGK_TESSERACT") or "tesseract"
    return shutil.which(cmd)


def check_available(options: dict | None = None) -> str:
    """The tesseract executable, or raise :class:`OcrUnavailable` with the reason."""
    options = options or {}
    cmd = tesseract_cmd(options)
    if cmd is None:
        raise OcrUnavailable(f"Tesseract is not installed; {INSTALL_HINT}")
    lang = options.get("ocr_lang") or DEFAULT_LANG
    langs = _tesseract_langs(cmd)
    missing = [x for x in lang.split("+") if x not in langs]
    if missing:
        raise OcrUnavailable(f"Tesseract language model {'+'.join(missing)} is not installed; {INSTALL_HINT}")
    return cmd


def available(options: dict | None = None) -> bool:
    """Is Tesseract (with the language model) installed?"""
    try:
        check_available(options)
    except OcrUnavailable:
        return False
    return True


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


def run_tesseract(images, options: dict | None = None, psm: int = DEFAULT_PSM,
                  deadline: float | None = None) -> list[list[Word]]:
    """Words (pixel boxes) of each PIL image, via one ``tesseract … hocr`` process.

    Several images are passed as a list file (Tesseract reads it as a multi-page input),
    so the language model is loaded once per call.
    """
    options = options or {}
    if not isinstance(images, (list, tuple)):
        images = [images]
    if not images:
        return []
    cmd = check_available(options)
    lang = options.get("ocr_lang") or DEFAULT_LANG
    timeout = float(options.get("ocr_timeout") or DEFAULT_TIMEOUT)
    if deadline is not None:
        import time

        timeout = deadline - time.monotonic()
        if timeout <= 0:
            raise OcrFailed("OCR time limit for the page reached (option ocr_timeout)")
    dpi = int(options.get("ocr_dpi") or DEFAULT_DPI)
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")  # one core per page; batch runs parallelise files
    with tempfile.TemporaryDirectory(prefix="zwgk-ocr-") as tmp:
        paths = []
        for i, im in enumerate(images):
            paths.append(os.path.join(tmp, f"img{i:04d}.png"))
            im.save(paths[-1])
        if len(paths) == 1:
            src = paths[0]
        else:
            src = os.path.join(tmp, "images.txt")
            with open(src, "w", encoding="utf-8") as f:
                f.write("\n".join(paths) + "\n")
        args = [cmd, src, "stdout", "-l", lang, "--psm", str(psm), "--dpi", str(dpi),
                "-c", "hocr_char_boxes=1", "hocr"]
        try:
            r = subprocess.run(args, capture_output=True, timeout=timeout, env=env, cwd=tmp)
        except subprocess.TimeoutExpired as e:
            raise OcrFailed(f"Tesseract took longer than {timeout:g}s") from e
        except OSError as e:
            raise OcrFailed(f"cannot run Tesseract: {e}") from e
    if r.returncode != 0:
        msg = r.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrFailed(f"Tesseract failed (exit {r.returncode}): {msg[-1] if msg else ''}")
    words = parse_hocr(r.stdout)
    out: list[list[Word]] = [[] for _ in images]
    for w in words:
        if 1 <= w.page <= len(images):
            out[w.page - 1].append(w)
    return out


_BBOX = re.compile(r"bbox\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)")
_XBOX = re.compile(r"x_bboxes\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)")
_WCONF = re.compile(r"x_wconf\s+(-?[\d.]+)")
_XCONF = re.compile(r"x_conf\s+(-?[\d.]+)")


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def parse_hocr(data: bytes | str) -> list[Word]:
    """Words with per-character boxes/confidences from Tesseract hOCR (``hocr_char_boxes=1``).

    Every ``ocr_page`` is one input image (``Word.page`` is 1-based).
    """
    import lxml.html

    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data.strip():
        return []
    root = lxml.html.fromstring(data)
    words: list[Word] = []
    pages = [el for el in root.iter() if "ocr_page" in _classes(el)]
    for page_no, pg in enumerate(pages, 1):
        n_line = 0
        for ln in pg.iter():
            cls = _classes(ln)
            if not cls & {"ocr_line", "ocrx_line", "ocr_textfloat", "ocr_header", "ocr_caption"}:
                continue
            m = _BBOX.search(ln.get("title") or "")
            if not m:
                continue
            n_line += 1
            lt, lb = int(m.group(2)), int(m.group(4))
            for wd in ln.iter():
                if "ocrx_word" not in _classes(wd):
                    continue
                title = wd.get("title") or ""
                bm = _BBOX.search(title)
                cm = _WCONF.search(title)
                if not bm:
                    continue
                glyphs: list[Glyph] = []
                for ci in wd.iter():
                    if "ocrx_cinfo" not in _classes(ci):
                        continue
                    t = ci.text_content()
                    xm = _XBOX.search(ci.get("title") or "")
                    xc = _XCONF.search(ci.get("title") or "")
                    if not t or not xm:
                        continue
                    glyphs.append(Glyph(t, float(xm.group(1)), float(xm.group(3)), float(xc.group(1)) if xc else 0.0))
                text = "".join(g.text for g in glyphs) if glyphs else wd.text_content()
                text = "".join(text.split())
                if not text:
                    continue
                x0, top, x1, bottom = (int(v) for v in bm.groups())
                conf = float(cm.group(1)) if cm else 0.0
                if not glyphs or "".join(g.text for g in glyphs) != text:
                    n = len(text)
                    glyphs = [Glyph(ch, x0 + i * (x1 - x0) / n, x0 + (i + 1) * (x1 - x0) / n, conf) for i, ch in enumerate(text)]
                words.append(Word(text, x0, top, x1, bottom, conf, lt, lb, (0, 0, n_line), page_no, glyphs))
    return words


# --------------------------------------------------------------------------- rules
@dataclass(slots=True)
class Seg:
    """A ruling line segment in pixels: ``pos`` across, ``a..b`` along the line."""

    pos: float
    a: int
    b: int
    lo: int  # first pixel row/column of its band
    hi: int  # last


def _open_1d(mask: np.ndarray, k: int, axis: int) -> np.ndarray:
    """Binary opening with a 1×k (axis=1) or k×1 (axis=0) line: pixels on runs ≥ k."""
    if k <= 1:
        return mask.copy()
    m = mask if axis == 1 else mask.T
    h, w = m.shape
    if w < k:
        out = np.zeros_like(m)
        return out if axis == 1 else out.T
    c = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(m, axis=1, dtype=np.int32, out=c[:, 1:])
    full = (c[:, k:] - c[:, :-k]) == k  # window [j, j+k) all dark; shape (h, w-k+1)
    # dilation back: pixel j is on if any window starting in [j-k+1, j] is full
    d = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(np.pad(full, ((0, 0), (0, k - 1))), axis=1, dtype=np.int32, out=d[:, 1:])
    lo = np.maximum(np.arange(w) - k + 1, 0)
    out = (d[:, np.arange(w) + 1] - d[:, lo]) > 0
    return out if axis == 1 else out.T


def _bridge(mask: np.ndarray, w: int, axis: int) -> np.ndarray:
    """Pixels where at least 60% of a centred 1×w window (along ``axis``) is dark."""
    m = mask if axis == 1 else mask.T
    h, n = m.shape
    c = np.zeros((h, n + w), dtype=np.int32)
    np.cumsum(np.pad(m, ((0, 0), (w // 2, w - 1 - w // 2))), axis=1, dtype=np.int32, out=c[:, 1:])
    out = (c[:, w:] - c[:, :-w]) * 5 >= 3 * w
    return out if axis == 1 else out.T


def _near(mask: np.ndarray, axis: int) -> np.ndarray:
    """Dark pixels and their neighbours across ``axis`` (keeps the opened rule on ink)."""
    out = mask.copy()
    if axis == 1:
        out[1:, :] |= mask[:-1, :]
        out[:-1, :] |= mask[1:, :]
        out[:, 1:] |= mask[:, :-1]
        out[:, :-1] |= mask[:, 1:]
    else:
        out[:, 1:] |= mask[:, :-1]
        out[:, :-1] |= mask[:, 1:]
        out[1:, :] |= mask[:-1, :]
        out[:-1, :] |= mask[1:, :]
    return out


def _runs(v: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) of the True runs of a 1-D boolean array."""
    if not v.any():
        return []
    x = np.concatenate(([0], v.astype(np.int8), [0]))
    d = np.diff(x)
    return list(zip(np.flatnonzero(d == 1).tolist(), np.flatnonzero(d == -1).tolist()))


def _segments(lines: np.ndarray, axis: int, max_thick: int, gap: int) -> list[Seg]:
    """Segments of an opened mask (axis=1: horizontal lines, axis=0: vertical)."""
    m = lines if axis == 1 else lines.T
    out: list[Seg] = []
    for lo, hi in _runs(m.any(axis=1)):
        if hi - lo > max_thick:  # a filled area (shading, a photo), not a rule
            continue
        along = m[lo:hi].any(axis=0)
        runs = _runs(along)
        # bridge small breaks (scan noise, a character touching the rule)
        merged: list[list[int]] = []
        for a, b in runs:
            if merged and a - merged[-1][1] <= gap:
                merged[-1][1] = b
            else:
                merged.append([a, b])
        for a, b in merged:
            out.append(Seg((lo + hi - 1) / 2, a, b - 1, lo, hi - 1))
    return out


@dataclass
class Grid:
    """A ruled table found in a page image (pixels)."""

    xs: list[float]
    ys: list[float]
    cells: list[tuple[int, int, int, int]]  # (row, col, rowspan, colspan)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def box(self, r: int, c: int, rs: int, cs: int) -> tuple[float, float, float, float]:
        return self.xs[c], self.ys[r], self.xs[c + cs], self.ys[r + rs]


def _covered(segs: list[Seg], pos: float, a: float, b: float, tol: float) -> float:
    """Fraction of [a, b] covered by segments lying at ``pos`` (± tol)."""
    if b <= a:
        return 0.0
    iv = sorted((max(s.a, a), min(s.b, b)) for s in segs if abs(s.pos - pos) <= tol and s.b >= a and s.a <= b)
    total, end = 0.0, a
    for x, y in iv:
        x = max(x, end)
        if y > x:
            total += y - x
            end = y
    return total / (b - a)


def find_grids(gray: np.ndarray, dpi: int = DEFAULT_DPI) -> tuple[list[Grid], np.ndarray]:
    """Ruled tables of a grey page image, and the mask of all ruling pixels (to erase)."""
    dark = gray < 140
    k_h = max(int(dpi * 0.30), 20)  # 7.6 mm: longer than any glyph stroke
    k_v = max(int(dpi * 0.20), 15)
    # a rule broken by a few light pixels (noise, a faint scan) still counts as a run
    hmask = _open_1d(_bridge(dark, 5, axis=1), k_h, axis=1) & _near(dark, axis=1)
    vmask = _open_1d(_bridge(dark, 5, axis=0), k_v, axis=0) & _near(dark, axis=0)
    thick = max(int(dpi / 30), 4)
    gap = max(int(dpi / 50), 3)
    hsegs = _segments(hmask, 1, thick, gap)
    vsegs = _segments(vmask, 0, thick, gap)
    tol = max(dpi / 40, 4.0)
    # vertical segments must start and end on (or near) a horizontal rule: strokes of
    # tall glyphs and lone bars are not table rules
    def touches(v: Seg, y: float) -> bool:
        return any(abs(h.pos - y) <= tol and h.a - tol <= v.pos <= h.b + tol for h in hsegs)

    vsegs = [v for v in vsegs if touches(v, v.a) and touches(v, v.b)]
    # group crossing segments into tables (union-find)
    segs = [("h", s) for s in hsegs] + [("v", s) for s in vsegs]
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (ki, si) in enumerate(segs):
        if ki != "h":
            continue
        for j, (kj, sj) in enumerate(segs):
            if kj != "v":
                continue
            if si.a - tol <= sj.pos <= si.b + tol and sj.a - tol <= si.pos <= sj.b + tol:
                parent[find(i)] = find(j)
    groups: dict[int, list[tuple[str, Seg]]] = {}
    for i, s in enumerate(segs):
        groups.setdefault(find(i), []).append(s)
    grids: list[Grid] = []
    for g in groups.values():
        hs = [s for k, s in g if k == "h"]
        vs = [s for k, s in g if k == "v"]
        if len(hs) < 2 or len(vs) < 2:
            continue
        ys = cluster([s.pos for s in hs], tol, chain=True, mean=True)
        xs = cluster([s.pos for s in vs], tol, chain=True, mean=True)
        if len(ys) < 2 or len(xs) < 2:
            continue
        n_rows, n_cols = len(ys) - 1, len(xs) - 1
        if n_rows * n_cols < 2:
            continue
        # is there a rule between two neighbouring slots?
        def vsep(r: int, c: int) -> bool:  # right of column c, in row r
            return _covered(vs, xs[c + 1], ys[r], ys[r + 1], tol) >= 0.5

        def hsep(r: int, c: int) -> bool:  # below row r, in column c
            return _covered(hs, ys[r + 1], xs[c], xs[c + 1], tol) >= 0.5

        taken = [[False] * n_cols for _ in range(n_rows)]
        cells: list[tuple[int, int, int, int]] = []
        for r in range(n_rows):
            for c in range(n_cols):
                if taken[r][c]:
                    continue
                cs = 1
                while c + cs < n_cols and not taken[r][c + cs] and not vsep(r, c + cs - 1):
                    cs += 1
                rs = 1
                while r + rs < n_rows and not any(taken[r + rs][k] for k in range(c, c + cs)) and not any(
                    hsep(r + rs - 1, k) for k in range(c, c + cs)
                ):
                    rs += 1
                for rr in range(r, r + rs):
                    for k in range(c, c + cs):
                        taken[rr][k] = True
                cells.append((r, c, rs, cs))
        grids.append(Grid(xs, ys, cells))
    grids.sort(key=lambda t: (t.ys[0], t.xs[0]))
    # pixels to erase: every long horizontal rule, and the vertical rules kept above
    # (not tall glyph strokes, which the vertical opening also finds)
    rules = hmask.copy()
    for v in vsegs:
        rules[v.a:v.b + 1, v.lo:v.hi + 1] |= vmask[v.a:v.b + 1, v.lo:v.hi + 1]
    return grids, rules


# --------------------------------------------------------------------------- page
def render_page(page, dpi: int = DEFAULT_DPI):
    """A pypdfium2 page as a grey PIL image at ``dpi``."""
    return page.render(scale=dpi / 72.0, grayscale=True).to_pil().convert("L")


def _has_digit(s: str) -> bool:
    return any(ch.isdigit() for ch in s)


def _guard_digits(w: Word, min_conf: float) -> tuple[str, bool]:
    """The word's text, its digits masked when any digit of it is doubtful.

    A whole word is masked, not one digit: ``5□0`` could still be read as ``0``.
    """
    doubtful = any(g.text.isdigit() and g.conf < min_conf for g in w.glyphs)
    if not doubtful:
        return w.text, False
    return "".join(MASK_CHAR if ch.isdigit() else ch for ch in w.text), True


def _tess_lines(words: list[Word]) -> list[list[Word]]:
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


def _line_text(ws: list[Word], min_conf: float) -> tuple[str, int]:
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
    for ws in _tess_lines(words):
        top = min(w.line_top for w in ws) * scale
        bottom = max(w.line_bottom for w in ws) * scale
        size = max(bottom - top, 1.0)
        for w in ws:
            text, m = _guard_digits(w, min_conf)
            masked += m
            for ch, g in zip(text, w.glyphs):
                chars.append(Ch(ch, g.x0 * scale, max(g.x1, g.x0 + 1) * scale, top, bottom, size))
    return chars, masked


def _crop_cell(gray: np.ndarray, box, pad: int, tight: bool):
    """A cell's inside (rules trimmed) on a white margin, or None if it is blank.

    ``tight``: cut to the bounding box of the writing first. Tesseract's reading of short
    contents ("17", "否") changes with the margin around them; the caller reads both
    crops and keeps the more confident reading.
    """
    from PIL import Image

    x0, top, x1, bottom = (int(round(v)) for v in box)
    inset = 6
    x0, top, x1, bottom = x0 + inset, top + inset, x1 - inset, bottom - inset
    if x1 - x0 < 8 or bottom - top < 8:
        return None
    sub = gray[top:bottom, x0:x1]
    ink = sub < 140
    if ink.sum() < 15:  # nothing written
        return None
    if tight:
        rows = np.flatnonzero(ink.any(axis=1))
        cols = np.flatnonzero(ink.any(axis=0))
        sub = sub[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    h, w = sub.shape
    canvas = np.full((h + 2 * pad, w + 2 * pad), 255, dtype=np.uint8)
    canvas[pad:pad + h, pad:pad + w] = sub
    return Image.fromarray(canvas, mode="L")


def _reading_conf(ws: list[Word]) -> float:
    """How sure Tesseract is of a cell reading: mean glyph confidence (0 if empty)."""
    gs = [g.conf for w in ws for g in w.glyphs]
    return sum(gs) / len(gs) if gs else 0.0


SPECKLE_MAX = 0.002  # clean renderings ~1e-5, speckled scans ~1e-2


def speckle_ratio(gray: np.ndarray) -> float:
    """Share of dark pixels with at most one dark neighbour (scanner speckle)."""
    d = gray < 140
    n = int(d.sum())
    if not n:
        return 0.0
    p = np.pad(d, 1).astype(np.uint8)
    h, w = d.shape
    nb = np.zeros((h, w), dtype=np.uint8)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            if dy != 1 or dx != 1:
                nb += p[dy:dy + h, dx:dx + w]
    return float((d & (nb <= 1)).sum()) / n


def skew_angle(gray: np.ndarray, max_deg: float = 3.0, step: float = 0.1) -> float:
    """Skew of a scanned page in degrees (rotate by this to straighten it).

    The angle that makes the horizontal projection of the dark pixels sharpest (text
    lines and rules line up with pixel rows), searched on a 1/4-size image.
    """
    from PIL import Image

    small = Image.fromarray(((gray < 140) * 255).astype(np.uint8), mode="L")
    small = small.resize((max(small.width // 4, 1), max(small.height // 4, 1)), Image.BILINEAR)
    best, best_score = 0.0, -1.0
    n = int(round(max_deg / step))
    for k in range(-n, n + 1):
        a = k * step
        r = np.asarray(small.rotate(a, resample=Image.BILINEAR, fillcolor=0), dtype=np.float32)
        score = float(np.var(r.sum(axis=1)))
        if score > best_score + 1e-9 or (abs(score - best_score) <= 1e-9 and abs(a) < abs(best)):
            best, best_score = a, score
    return best


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    from PIL import Image

    im = Image.fromarray(gray, mode="L").rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    return np.asarray(im)


def denoise(gray: np.ndarray) -> np.ndarray:
    """3×3 median filter for speckled scans (speckle also makes Tesseract very slow).
    Not used on clean pages: it thins hairline rules and small punctuation."""
    from PIL import Image, ImageFilter

    return np.asarray(Image.fromarray(gray, mode="L").filter(ImageFilter.MedianFilter(3)))


def has_ink(gray: np.ndarray) -> bool:
    """Does a page image show anything dark enough to be writing?"""
    return int((gray < 140).sum()) >= 20


def _read_tesseract(clean, prose, grids, dpi, options, deadline):
    """Tesseract: the prose in one pass (``--psm``), every non-blank cell from two crops
    in one more process; per cell the more confident reading."""
    from PIL import Image

    # tables: every non-blank cell as its own small image (one uniform text block),
    # all cells of the page in the same Tesseract process
    cell_jobs: list[tuple[int, int]] = []  # (grid index, cell index)
    cell_imgs = []
    for gi, g in enumerate(grids):
        for ci, (r, c, rs, cs) in enumerate(g.cells):
            loose = _crop_cell(clean, g.box(r, c, rs, cs), max(dpi // 15, 10), tight=False)
            if loose is not None:
                cell_jobs.append((gi, ci))
                cell_imgs += [loose, _crop_cell(clean, g.box(r, c, rs, cs), max(dpi // 30, 6), tight=True)]
    psm = int(options.get("ocr_psm") or DEFAULT_PSM)
    words_prose = run_tesseract([Image.fromarray(prose, mode="L")], options, psm=psm, deadline=deadline)[0]
    both = run_tesseract(cell_imgs, options, psm=6, deadline=deadline) if cell_imgs else []
    # per cell, the more confident of its two readings (ties: the loose crop)
    cell_words = [
        a if _reading_conf(a) >= _reading_conf(b) else b for a, b in zip(both[0::2], both[1::2])
    ]
    return words_prose, cell_jobs, cell_words


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
        words_prose, cell_jobs, cell_words = _read_tesseract(clean, prose, grids, dpi, options, deadline)
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
        for line in _tess_lines(ws):
            t, m = _line_text(line, min_conf)
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
