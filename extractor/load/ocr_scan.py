"""The page image of OCR (:mod:`ocr`): rendering, clean-up and ruled grids.

* :func:`render_page`: a pypdfium2 page as a grey image; :func:`has_ink`: anything on it.
* Clean-up: :func:`skew_angle` (the rotation within ±3° that makes the horizontal
  projection sharpest) undone by :func:`rotate`; :func:`speckle_ratio` tells a speckled
  scan, which gets a 3×3 median filter (:func:`denoise`) for reading only (it erases
  hairlines, so not for rule detection).
* :func:`find_grids`: ruled tables found in the image itself: long horizontal and
  vertical runs of dark pixels (a 1-D morphological opening done with cumulative sums
  in numpy) give line segments; vertical segments must end on horizontal rules (tall
  glyph strokes do not); crossing segments form a :class:`Grid`, whose column/row
  boundaries are the clustered line positions. A boundary between two grid slots
  without a drawn line is a merge (colspan/rowspan).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .layout.cluster import cluster

DEFAULT_DPI = 300  # Tesseract's resolution; the default of the functions below


def render_page(page, dpi: int = DEFAULT_DPI):
    """A pypdfium2 page as a grey PIL image at ``dpi``."""
    return page.render(scale=dpi / 72.0, grayscale=True).to_pil().convert("L")


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
