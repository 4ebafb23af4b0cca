"""Visual lines → paragraphs, and the document's blocks in reading order.

:func:`emit` takes every page's items (lines and tables, see :func:`pages.page_items`)
and adds the document's blocks to a ``DocumentBuilder``:

* visual lines of one paragraph are joined back (CJK-aware, also across a page break):
  a line that reaches the right text margin — or whose successor's first unbreakable
  unit would not have fitted in the room left — continues on the next line when that
  line is not indented, has the same size, is not set apart and is no heading. When
  the document itself separates paragraphs by spacing or by a first-line indent
  (nearly every line that ends a sentence is followed by one), that signal alone decides;
* a table that is the last thing on its page continues in the first table of the next
  page when their columns agree (:func:`tables.join_tables`);
* a paragraph that is a portal page's chrome line (来源/浏览次数…) is left out.
"""
from __future__ import annotations

from ...model import DocumentBuilder, Table
from ...numbers_data import HEADINGS
from ..textables import ParagraphRun, is_chrome_line
from .lines import Line, first_unit_width
from .tables import PTable, join_tables, same_columns
from .text import join_cjk

HEADING_RE = HEADINGS["section_start"]   # 一、 (一) 第一章 附件: patterns/numbers.yaml
SENT_END = "。!?!?;;:：”」』)）"


def emit(b: DocumentBuilder, pages_items, page_line=None) -> None:
    """Join tables across pages and wrapped lines into paragraphs; add blocks in order.
    ``page_line``: tells a line stating a portal page's own fields (发布时间:… 来源:X), kept
    apart on ``b.page_lines`` (the PDF loader hands in ``chrome.is_page_line``)."""
    # right/left text margins from all body lines of the document (robust to short pages)
    all_lines = [it.line for _, _, items in pages_items for it in items if it.kind == "line"]
    long_lines = [ln for ln in all_lines if len(ln.text) >= 8] or all_lines
    if long_lines:
        rights = sorted(ln.x1 for ln in long_lines)
        lefts = sorted(ln.x0 for ln in long_lines)
        right = rights[int(len(rights) * 0.9)] if len(rights) > 1 else rights[0]
        left = lefts[int(len(lefts) * 0.1)] if len(lefts) > 1 else lefts[0]
    else:
        right = left = 0.0

    # typical distance between consecutive lines of one paragraph
    steps = []
    for _, _, items in pages_items:
        ls = [it.line for it in items if it.kind == "line"]
        for a, c in zip(ls, ls[1:]):
            d = c.top - a.top
            if d > 0 and abs(a.size - c.size) < 0.5:
                steps.append(d)
    steps.sort()
    pitch = steps[len(steps) // 4] if steps else 14.0  # lower quartile: paragraph gaps are larger

    # Which signal separates paragraphs in this document? Look at lines that clearly
    # end a paragraph (short, ending a sentence): if the next line is (nearly) always
    # set apart by extra spacing or by a first-line indent, that signal alone decides,
    # and a ragged line end (early wrap before a long URL/number) no longer splits.
    n_end = n_spaced = n_indent = 0
    for _, _, items in pages_items:
        ls = [it.line for it in items if it.kind == "line"]
        for a, c in zip(ls, ls[1:]):
            sz = max(a.size, 1.0)
            if a.text.strip()[-1:] in SENT_END and a.x1 < right - 4 * sz and abs(a.size - c.size) < 0.5:
                n_end += 1
                n_spaced += (c.top - a.top) > 1.4 * pitch
                n_indent += c.x0 > left + 1.2 * sz
    by_spacing = n_end >= 3 and n_spaced >= 0.85 * n_end
    by_indent = n_end >= 3 and n_indent >= 0.85 * n_end

    def text_end(t: str) -> bool:
        return t[-1:] in SENT_END

    # the body text size (a title is set larger): a title too long for one line wraps
    # onto a second line that is centred, not at the left margin
    sizes = sorted(ln.size for ln in all_lines)
    body_size = sizes[len(sizes) // 2] if sizes else 0.0
    mid = (left + right) / 2

    def title_wrap(prev: Line, ln: Line, size: float) -> bool:
        """``ln`` continues a wrapped title: both set larger than the body, the line above
        fills the measure from the left margin, ``ln`` is centred under it and shorter."""
        return (ln.size >= 1.15 * body_size and abs(ln.size - prev.size) <= 0.15 * size
                and prev.x0 <= left + 1.2 * size and prev.x1 >= right - 2.6 * size
                and abs((ln.x0 + ln.x1) / 2 - mid) <= 0.75 * size and ln.x1 < right - 2 * size)

    # paragraphs in a row go through the flattened-table recogniser (a PDF printed from a
    # crawled page keeps its tables as "规章|" / "0|" lines)
    run = ParagraphRun(b)
    pending_table: PTable | None = None
    para_last_page: int | None = None
    para: list[str] = []
    para_page: int | None = None
    prev_line: Line | None = None

    def flush_para():
        nonlocal para, para_page, prev_line
        # a PDF printed from a portal page keeps its chrome lines (来源/浏览次数…)
        if para and not is_chrome_line(text := "".join(para)):
            run.add(text, page=para_page)
        para, para_page, prev_line = [], None, None

    def flush_table():
        nonlocal pending_table
        if pending_table is not None:
            t = pending_table
            run.flush()
            b.add_table(Table(cells=t.cells, n_rows=t.n_rows, n_cols=t.n_cols, source="grid"), page=t.page)
            pending_table = None

    for page_no, _height, items in pages_items:
        for it in items:
            if it.kind == "table":
                t = it.table
                if (
                    pending_table is not None
                    and not para
                    and pending_table.last_on_page
                    and t.first_on_page
                    and t.page == (pending_table.extra_pages or [pending_table.page])[-1] + 1
                    and same_columns(pending_table, t)
                ):
                    join_tables(pending_table, t)
                    continue
                flush_para()
                flush_table()
                pending_table = t
                continue
            ln = it.line
            text = ln.text.strip()
            if pending_table is not None:
                flush_table()
            if page_line is not None and page_line(text):
                # a portal page's own fields (发布时间:… 来源:X), printed on a line of their
                # own: never part of a paragraph; kept apart as the txt loader keeps them
                flush_para()
                b.page_lines.append(text)
                continue
            cont = False
            if para and prev_line is not None:
                size = max(prev_line.size, 1.0)
                tail_ascii = any(ch.isascii() for ch in prev_line.text[-6:])
                slack = (4.0 if tail_ascii else 2.6) * size  # latin words wrap early
                # a line is "full" if it reaches the margin, or if the next line's first
                # unbreakable unit (a word, a number, a URL, a character with its closing
                # punctuation) would not have fitted in the space left: a forced wrap
                room = right - prev_line.x1
                full = prev_line.x1 >= right - slack or first_unit_width(ln) + 0.5 * size > room
                if (by_spacing and para_last_page == page_no) or by_indent:
                    full = True  # the document's own paragraph signal decides
                indented = ln.x0 > left + 1.2 * size
                same_size = abs(ln.size - prev_line.size) <= 0.15 * size
                new_page = para_last_page != page_no
                spaced = not new_page and (ln.top - prev_line.top) > 1.4 * pitch
                ends = text_end(para[-1]) and prev_line.x1 < right - 0.5 * size
                cont = (
                    full and not indented and same_size and not spaced and not ends
                    and not HEADING_RE.match(text)
                ) or (title_wrap(prev_line, ln, size) and not new_page and ln.top - prev_line.top <= 1.7 * size
                     and not ends and not HEADING_RE.match(text))
            if cont:
                para[-1] = join_cjk(para[-1], text)
            else:
                flush_para()
                para = [text]
                para_page = page_no
            prev_line = ln
            para_last_page = page_no
    flush_para()
    flush_table()
    run.flush()
