"""The Tesseract engine of OCR (:mod:`ocr`): finding it, running it, reading its hOCR.

* :func:`check_available` / :func:`available`: the ``tesseract`` executable (option
  ``tesseract_cmd`` or env ``ZWGK_TESSERACT``) with the language model (``ocr_lang``,
  ``chi_sim``); :class:`OcrUnavailable` says what to install.
* :func:`run_tesseract`: one ``tesseract … hocr`` subprocess for one or several images
  (a list file, so the model loads once), with per-character boxes and confidences
  (``hocr_char_boxes=1``) parsed by :func:`parse_hocr` into ``layout.words.Word``.
* :func:`read_tesseract`: a page's prose in one pass (``--psm 6``), every non-blank
  table cell from two crops (:func:`crop_cell`: with a margin, and cut to its
  writing) in one more process; per cell the more confident reading.

:class:`OcrUnavailable`, :class:`OcrFailed` and ``DEFAULT_TIMEOUT`` serve both engines
(re-exported by :mod:`ocr`); they live here because Tesseract was the first engine and
:mod:`ocr` imports this module, not the other way round.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache

import numpy as np

from .layout.words import Glyph, Word
from .ocr_scan import DEFAULT_DPI

DEFAULT_TIMEOUT = 60.0  # seconds per page (a speckled page can keep Tesseract busy for minutes)
DEFAULT_LANG = "chi_sim"
DEFAULT_PSM = 6  # one uniform block: automatic layout (3) drops short lines such as a lone "0"
INSTALL_HINT = "install Tesseract with the Simplified Chinese model: apt-get install -y tesseract-ocr tesseract-ocr-chi-sim"


class OcrUnavailable(Exception):
    """Tesseract or its language model is not installed."""


class OcrFailed(Exception):
    """Tesseract ran but failed on this page (crash, timeout, unreadable output)."""


# --------------------------------------------------------------------------- engine
@lru_cache(maxsize=8)
def tesseract_langs(cmd: str) -> frozenset[str]:
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
    langs = tesseract_langs(cmd)
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


def crop_cell(gray: np.ndarray, box, pad: int, tight: bool):
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


def reading_conf(ws: list[Word]) -> float:
    """How sure Tesseract is of a cell reading: mean glyph confidence (0 if empty)."""
    gs = [g.conf for w in ws for g in w.glyphs]
    return sum(gs) / len(gs) if gs else 0.0


def read_tesseract(clean, prose, grids, dpi, options, deadline):
    """Tesseract: the prose in one pass (``--psm``), every non-blank cell from two crops
    in one more process; per cell the more confident reading."""
    from PIL import Image

    # tables: every non-blank cell as its own small image (one uniform text block),
    # all cells of the page in the same Tesseract process
    cell_jobs: list[tuple[int, int]] = []  # (grid index, cell index)
    cell_imgs = []
    for gi, g in enumerate(grids):
        for ci, (r, c, rs, cs) in enumerate(g.cells):
            loose = crop_cell(clean, g.box(r, c, rs, cs), max(dpi // 15, 10), tight=False)
            if loose is not None:
                cell_jobs.append((gi, ci))
                cell_imgs += [loose, crop_cell(clean, g.box(r, c, rs, cs), max(dpi // 30, 6), tight=True)]
    psm = int(options.get("ocr_psm") or DEFAULT_PSM)
    words_prose = run_tesseract([Image.fromarray(prose, mode="L")], options, psm=psm, deadline=deadline)[0]
    both = run_tesseract(cell_imgs, options, psm=6, deadline=deadline) if cell_imgs else []
    # per cell, the more confident of its two readings (ties: the loose crop)
    cell_words = [
        a if reading_conf(a) >= reading_conf(b) else b for a, b in zip(both[0::2], both[1::2])
    ]
    return words_prose, cell_jobs, cell_words
