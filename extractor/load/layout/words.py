"""Recognised words: what an OCR engine hands to the layout.

Both OCR engines (Tesseract's hOCR in :mod:`..ocr`, RapidOCR in :mod:`..ocr_rapid`)
give :class:`Word` boxes in pixels with per-character :class:`Glyph` boxes and
confidences; the OCR page reader turns them into :class:`lines.Ch` characters.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Glyph:
    """One recognised character: box in pixels and Tesseract's confidence (0–100)."""

    text: str
    x0: float
    x1: float
    conf: float


@dataclass(slots=True)
class Word:
    text: str
    x0: int
    top: int
    x1: int
    bottom: int
    conf: float
    line_top: int  # box of the Tesseract text line holding the word
    line_bottom: int
    line_key: tuple[int, int, int]
    page: int = 1
    glyphs: list[Glyph] = field(default_factory=list)
