"""A page's lines and tables in reading order, and its page-number lines.

:func:`page_items` puts a page's lines and tables in reading order and marks a table
that opens or closes the page (so a table continuing on the next page can be joined to
it); :func:`drop_page_numbers` removes a folio (``- 3 -``, ``第3页``, ``3/10``; a bare
number only if it is this page's) from the top or bottom of the page — with
``misread=True`` also a folio as OCR tends to misread it (``- 1工-``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import Line
from .tables import PTable

PAGE_NO_RE = re.compile(r"^[-—–·\s]*(第\s*)?\d{1,4}\s*(页)?\s*(/\s*(共\s*)?\d{1,4}\s*页?)?[-—–·\s]*$")
FOLIO_MISREAD_RE = re.compile(r"^[-—–~一_]\s*\S{0,2}\d\S{0,2}\s*[-—–~一_]$")


@dataclass
class PageItem:
    kind: str  # "line" | "table"
    top: float
    line: Line | None = None
    table: PTable | None = None


def page_items(lines: list, tables: list) -> list[PageItem]:
    """A page's lines and tables in reading order; a table that opens or closes the page
    is marked so a table continuing on the next page can be joined to it."""
    items = [PageItem("line", ln.top, line=ln) for ln in lines]
    items += [PageItem("table", t.bbox[1], table=t) for t in tables]
    items.sort(key=lambda it: it.top)
    if items:
        if items[0].kind == "table":
            items[0].table.first_on_page = True
        if items[-1].kind == "table":
            items[-1].table.last_on_page = True
    return items


def is_page_number(ln: Line, page_h: float, page_no: int) -> bool:
    """A folio line (``- 3 -``, ``第3页``, ``3/10``; a bare number only if it is this page's).

    Only called for the first and last line of a page.
    """
    text = ln.text.strip()
    if not PAGE_NO_RE.match(text):
        return False
    if text.isdigit():
        return int(text) == page_no and (ln.top > page_h * 0.9 or ln.bottom < page_h * 0.1)
    return ln.top > page_h * 0.85 or ln.bottom < page_h * 0.15


def is_misread_folio(line: Line, page_h: float) -> bool:
    """A page number as OCR tends to misread it (``- 1工-``): dashes around a digit,
    alone on the top or bottom line of the page."""
    text = line.text.strip()
    return bool(FOLIO_MISREAD_RE.match(text)) and (line.top > page_h * 0.85 or line.bottom < page_h * 0.15)


def drop_page_numbers(lines: list[Line], page_h: float, page_no: int, *, misread: bool = False) -> None:
    """Remove a page-number line at the bottom, then at the top of the page (in place);
    ``misread``: also a folio as OCR misreads it (:func:`is_misread_folio`). A page
    numbered at its foot has no second number at its head: a bare number that heads such
    a page (a table cell "2" on page 2) is kept."""
    bottom = False
    if lines and (is_page_number(lines[-1], page_h, page_no) or (misread and is_misread_folio(lines[-1], page_h))):
        lines.pop()
        bottom = True
    if bottom and lines and lines[0].text.strip().isdigit():
        return  # the page's number is at its foot: a bare number heading the page is text (a cell)
    if lines and (is_page_number(lines[0], page_h, page_no) or (misread and is_misread_folio(lines[0], page_h))):
        lines.pop(0)
