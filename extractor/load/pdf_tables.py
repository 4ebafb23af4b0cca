"""Ruled tables of a PDF page, for the .pdf loader (:mod:`pdf`).

Only pages that contain vector paths are searched (:func:`has_paths`), with
**pdfplumber**'s ``TableFinder`` (lines strategy) fed the page's edges computed from
pdfium's path objects (:func:`page_edges` mirrors pdfminer's path painting and
pdfplumber's edge conversion), so pdfminer never parses a page in Python; pages it does
not mirror (form XObjects, rotation, offset boxes) give ``None`` and go to pdfplumber
itself (:func:`find_tables` takes either). :func:`read_tables` turns the found tables
into ``layout.tables.PTable``: column/row boundaries clustered from the cell boxes
(``layout.cluster``, which gives rowspan/colspan for merged cells), cell text from the
page's own characters. :func:`has_images` tells the loader a page shows an image.
"""
from __future__ import annotations

import ctypes
from bisect import bisect_left, bisect_right

from ..model import Cell
from .layout.cluster import cluster, nearest_index
from .layout.lines import Ch
from .layout.tables import PTable, cell_text

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


def page_edges(page, raw, height: float) -> list[dict] | None:
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


def find_tables(plpage_or_edges, width: float, height: float):
    """pdfplumber's lines-strategy tables, from a pdfplumber page or from edges."""
    from pdfplumber.table import TableFinder

    if isinstance(plpage_or_edges, list):
        return TableFinder(_EdgePage(plpage_or_edges, (0, 0, width, height)), _TABLE_SETTINGS).tables
    return plpage_or_edges.find_tables(_TABLE_SETTINGS)


def read_tables(found, chars: list[Ch], page_no: int) -> list[PTable]:
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


def has_object(page, raw, kind: int) -> bool:
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


def has_paths(page, raw) -> bool:
    try:
        return has_object(page, raw, raw.FPDF_PAGEOBJ_PATH)
    except Exception:
        return True


def has_images(page, raw) -> bool:
    try:
        return has_object(page, raw, raw.FPDF_PAGEOBJ_IMAGE)
    except Exception:
        return False
