"""Drawing small Chinese PDFs for tests, the one copy of reportlab's CID-font drawing.

    from pdfdraw import new_canvas, draw_lines, draw_grid
    c = new_canvas(tmp_path / "a.pdf")            # or new_canvas(io.BytesIO())
    draw_lines(c, ["一、总体情况", "主动公开政府信息120条。"])
    draw_grid(c, [["项目", "单位", "数量"], ["主动公开", "条", "120"]], xs=[60, 200, 300, 400], top=700)
    c.showPage(); c.save()

The font is STSong-Light, one of the CID fonts every PDF reader is supposed to know: reportlab
writes only its name (no glyphs are embedded), so the machine needs no CJK font to draw,
and the loader's handling of non-embedded fonts is exercised (see test_pdf_fonts.py).
reportlab is a "dev"/"test" extra: without it, the calling test is skipped.
"""
from __future__ import annotations

import os

import pytest

FONT = "STSong-Light"
PAGE = (595, 842)  # A4 in whole points


def cjk_font() -> str:
    """The CJK font's name, registered with reportlab once per process (skips the test
    when reportlab is not installed)."""
    pytest.importorskip("reportlab", reason="reportlab is needed to draw a test PDF")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def new_canvas(target, pagesize=PAGE):
    """A reportlab canvas writing to ``target`` (a path or a binary stream such as
    io.BytesIO), with the CJK font registered and set at 12 pt."""
    font = cjk_font()
    from reportlab.pdfgen import canvas

    if isinstance(target, os.PathLike):
        target = str(target)
    c = canvas.Canvas(target, pagesize=pagesize)
    c.setFont(font, 12)
    return c


def draw_lines(c, lines, *, x: float = 72, top: float = 760, leading: float = 18, size: float = 12,
               font: str | None = None) -> float:
    """Each line of ``lines`` at ``x``, the first baseline at ``top``, the next ``leading``
    points lower. Sets the font (reportlab forgets it at every new page). Returns the
    baseline below the last line."""
    c.setFont(font or cjk_font(), size)
    y = top
    for line in lines:
        c.drawString(x, y, line)
        y -= leading
    return y


def draw_grid(c, rows, *, xs, top: float, row_height: float = 22, size: float = 12, pad: float = 4,
              font: str | None = None) -> float:
    """A table ruled with single lines (as Word/WPS exports draw them): column
    boundaries at ``xs`` (one more than the widest row has cells), the top rule at
    ``top``, each row ``row_height`` high, each cell's text ``pad`` points right of its
    left rule, baseline 15 points below the row's top rule. ``None`` or "" is an empty
    cell. Returns the y of the bottom rule."""
    c.setFont(font or cjk_font(), size)
    ys = [top - row_height * r for r in range(len(rows) + 1)]
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            if text:
                c.drawString(xs[k] + pad, ys[r] - 15, text)
    return ys[-1]
