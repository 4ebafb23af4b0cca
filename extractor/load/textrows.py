"""Table rows in flattened text that need joining: pipe row runs, rows a crawler broke
in two (``join_continued``), markdown rows wrapped mid-cell, rows whose bars were wrapped
onto their own lines (``lead_rows``), and a cell printed one character per line
(``join_vertical``)."""
from __future__ import annotations

import regex

from .textcells import HAN, is_value, join_wrapped


def pipe_runs(kinds: list[str]) -> list[tuple[int, int]]:
    """Maximal runs of pipe/sep lines (blank lines inside are transparent)."""
    runs = []
    i, n = 0, len(kinds)
    while i < n:
        if kinds[i] not in ("pipe", "sep"):
            i += 1
            continue
        j = i
        last = i
        while j < n and kinds[j] in ("pipe", "sep", "blank"):
            if kinds[j] != "blank":
                last = j
            j += 1
        runs.append((i, last))
        i = last + 1
    return runs


# ------------------------------------------------- a header printed again


def drop_repeated_header(rows: list[list[str]]) -> list[list[str]]:
    """A table across a page break prints its header again between two rows of figures:
    the table's leading rows without a figure (its header, one to three rows) written
    again, cell for cell, right after a row holding a figure and right before another is
    no row of the table and goes (the readers then read the rows after it under the same
    columns, a category written once above it still theirs). A header row again after a
    row without figures (a section's title: 表二's 第二十条第(六)项 over its own header) or
    another header (other names) stays."""
    def key(row):
        return tuple(_trimmed([c.strip() for c in row]))

    def has_value(row):
        return any(is_value(c) for c in row if c.strip())

    k = 0
    while k < len(rows) and k < 3 and not has_value(rows[k]) and _filled(rows[k]):
        k += 1
    if k == 0 or k >= len(rows) or len(_filled(rows[0])) < 2:
        return rows
    head = [key(r) for r in rows[:k]]
    out: list[list[str]] = list(rows[:k])
    i = k
    while i < len(rows):
        if i + k < len(rows) and out and has_value(out[-1]) and has_value(rows[i + k]) \
                and [key(r) for r in rows[i:i + k]] == head:
            i += k
            continue
        out.append(rows[i])
        i += 1
    return out


# ------------------------------------------------- rows continued on a new line


def _filled(row: list[str]) -> list[str]:
    return [c for c in row if c]


def _trimmed(row: list[str]) -> list[str]:
    k = len(row)
    while k and not row[k - 1]:
        k -= 1
    return row[:k]


def join_continued(rows: list[list[str]]) -> list[list[str]]:
    """Join pipe rows that a crawler broke in two: a row whose cells are all text (but
    for a leading row number) followed by a line that starts with two or more figures
    (``1 | 决策 | … | 全面公开…`` / ``10 | 5 | |||``), or with one figure and a blank
    cell that is not the next row number (``4 | | 未公开``), is one row, when the two
    together are no wider than the header (the table's first row, all text).  Rows as
    written stay as they are otherwise."""
    if len(rows) < 3:
        return rows
    head = _filled(rows[0])
    if len(head) < 3 or any(is_value(c) for c in head):
        return rows
    out: list[list[str]] = [rows[0]]
    k = 1
    while k < len(rows):
        row = rows[k]
        nxt = rows[k + 1] if k + 1 < len(rows) else None
        cells = _filled(row)
        if nxt is not None and len(cells) >= 2 and not any(is_value(c) for c in cells[1:]):
            more = _filled(nxt)
            lead = 0
            while lead < len(more) and is_value(more[lead]):
                lead += 1
            # one figure then a blank cell (an empty score) continues the row too, unless
            # the figure is the next row number (``2 | | 规范性文件…``)
            nxt_index = cells[0].isdigit() and nxt[0].strip() == str(int(cells[0]) + 1)
            blank_after = lead == 1 and len(nxt) > 1 and not nxt[1].strip() and not nxt_index
            if (lead >= 2 or blank_after) and nxt and is_value(nxt[0]) and len(cells) + len(more) <= len(head):
                out.append(_trimmed(row) + nxt)
                k += 2
                continue
        out.append(row)
        k += 1
    return out


# ------------------------------------------------ markdown rows wrapped mid-cell


def _is_md_row(s: str) -> bool:
    s = s.strip()
    return len(s) > 2 and s.startswith("|") and s.endswith("|") and "|" in s[1:-1]


def wrapped_md_rows(lines: list[str], kinds: list[str]) -> dict[int, list[int]]:
    """Markdown rows (``| a | b |``) whose text wrapped: a row line that opens with a bar
    but does not close with one continues on the next lines up to the one that closes
    (``| 1 | 组织领导 | 主要领导听取`` / ``汇报并研究部署 | 5 | 5 |``).  Only inside a
    markdown table (a complete ``| … |`` row just above).  → open line → its
    continuation lines."""
    out: dict[int, list[int]] = {}
    n = len(lines)
    last_md = -10
    for k in range(n):
        if kinds[k] != "pipe":
            continue
        s = lines[k].strip()
        if _is_md_row(s):
            last_md = k
            continue
        if not s.startswith("|") or s.endswith("|") or k - last_md > MAX_WRAP_LINES + 1:
            continue
        conts: list[int] = []
        j = k + 1
        while j < n and len(conts) < MAX_WRAP_LINES and kinds[j] in ("text", "pipe", "lead"):
            t = lines[j].strip()
            if conts and t.startswith("|"):
                break  # a row of its own
            conts.append(j)
            if t.endswith("|"):
                break
            j += 1
        if conts and lines[conts[-1]].strip().endswith("|"):
            out[k] = conts
            last_md = conts[-1]
    return out


# ------------------------------------------------------ rows with wrapped bars


MIN_LEAD_ROWS = 3
MAX_WRAP_LINES = 3


def _next_nonblank(kinds: list[str], j: int) -> int:
    while j < len(kinds) and kinds[j] == "blank":
        j += 1
    return j


MAX_VERTICAL_LINES = 24  # a cell printed one character per line ("政/府/信/息/公/开/21/分")


def vertical_cell(lines: list[str], ks: list[int]) -> bool:
    """Lines that are one cell printed one character per line (a merged category cell of
    a crawled table: ``政`` / ``府`` / … / ``21`` / ``分``): every line one Han character
    or a short figure, more lines than an ordinary wrap."""
    return (len(ks) <= MAX_VERTICAL_LINES
            and all(len(lines[k].strip()) == 1 or regex.fullmatch(r"\d{1,3}(?:\.\d)?", lines[k].strip())
                    for k in ks)
            and sum(1 for k in ks if HAN.match(lines[k].strip())) >= 2)


MIN_VERTICAL_CHARS = 3


def join_vertical(cells: list[str]) -> list[str]:
    """Cells of a bare stream where one cell was printed one character per line: a run of
    >= 3 single Han characters (none a value such as 无/是/否) is one cell, with a figure
    and a lone 分 right after it ("组/织/保/障/20/分" → "组织保障20分")."""
    out: list[str] = []
    k, n = 0, len(cells)
    while k < n:
        j = k
        while j < n and len(cells[j]) == 1 and HAN.match(cells[j]) and not is_value(cells[j]):
            j += 1
        if j - k >= MIN_VERTICAL_CHARS:
            if j + 1 < n and regex.fullmatch(r"\d{1,3}(?:\.\d)?", cells[j]) and cells[j + 1] == "分":
                j += 2
            out.append("".join(cells[k:j]))
            k = j
            continue
        out.append(cells[k])
        k += 1
    return out


def _lead_zone(lines: list[str], kinds: list[str], i: int) -> tuple[int, list[list[str]], list[bool], int, bool]:
    """The rows of a wrapped-bar zone starting at line ``i`` → (last line, rows, whether
    each row's first cell was a plain line)."""
    n = len(lines)
    rows: list[list[str]] = []
    text_heads: list[bool] = []
    last = i
    head = [i] if kinds[i] == "text" else []  # the lines of the row's first cell
    start = i
    empties = 0  # empty leading cells ("|" lines before the row's first "| cell")
    n_closed = 0  # rows closed by a bar line so far
    last_closed = False
    while start >= 0:
        row = [""] * empties + ([join_wrapped(lines[k] for k in head)] if head else [])
        parts: list[str] = []
        j = _next_nonblank(kinds, head[-1] + 1) if head else start
        closed = False
        wrapped = 0
        while j < n:
            if kinds[j] == "lead":
                if parts:
                    row.append(join_wrapped(parts))
                parts = [lines[j].strip()[1:]]
                wrapped = 0
            elif kinds[j] == "sep":
                closed = True
                break
            elif kinds[j] == "text" and parts and wrapped < MAX_WRAP_LINES:
                # a continuation of the cell only when the row's closing bar follows
                # (a plain line before a "| cell" line is the next row's first cell)
                k, m = j, 0
                while k < n and kinds[k] == "text" and m < MAX_WRAP_LINES - wrapped:
                    k, m = _next_nonblank(kinds, k + 1), m + 1
                # ... or, in a layout whose rows close with a bar, when the next "| cell"
                # line follows (a new row only ever starts after a closing bar)
                if k >= n or not (kinds[k] == "sep" or (kinds[k] == "lead" and n_closed)):
                    break
                parts.append(lines[j])
                wrapped += 1
            else:
                break
            j = _next_nonblank(kinds, j + 1)
        if parts:
            row.append(join_wrapped(parts))
        # a row of "| cell" lines only must be closed by its bar line
        if len(row) < 2 or (not head and not closed):
            break
        rows.append(row)
        text_heads.append(bool(head))
        n_closed += closed
        last_closed = closed
        last = j if closed else j - 1
        while kinds[last] == "blank":
            last -= 1
        # the next row: its first cell's lines, then a "| cell" line; more bar lines
        # after the closing one are empty leading cells
        k = _next_nonblank(kinds, j + 1) if closed else j
        empties = 0
        while closed and k < n and kinds[k] == "sep" and empties < MAX_WRAP_LINES:
            k = _next_nonblank(kinds, k + 1)
            empties += 1
        head = []
        start = -1
        while k < n and kinds[k] == "text" and (len(head) < (MAX_WRAP_LINES if closed else 1)
                                                 or (closed and vertical_cell(lines, head + [k]))):
            head.append(k)
            k = _next_nonblank(kinds, k + 1)
        if empties and head:
            break  # "|" lines then a plain line: not this layout
        if k < n and kinds[k] == "lead" and (head or closed):
            start = head[0] if head else k
    return last, rows, text_heads, n_closed, last_closed


def lead_rows(lines: list[str], kinds: list[str]) -> list[tuple[int, int, list[list[str]], bool]]:
    """Pipe rows whose bars were wrapped onto the next line: every cell after the first
    is a line ``| cell``, the row's closing bar is a line holding only ``|``, and the
    first cell is a plain line (``考核项目`` / ``| 考评细项`` / ``| 分值`` / ``|``, from
    ``a | b | c |``) or a ``| cell`` line too (from ``| a | b | c |``; a ``|`` line
    before it is an empty first cell).  A cell may wrap over a few plain lines: after a
    closing bar, the plain lines before the next ``| cell`` line are the next row's
    first cell; plain lines between a ``| cell`` line and the closing bar continue that
    cell.  → zones of (first line, last line, rows, whether the last row lacks the
    closing bar the others have)."""
    n = len(lines)
    out: list[tuple[int, int, list[list[str]], bool]] = []
    i = 0
    while i < n:
        nxt = _next_nonblank(kinds, i + 1)
        if not ((kinds[i] == "text" and nxt < n and kinds[nxt] == "lead") or kinds[i] == "lead"):
            i += 1
            continue
        first = i
        last, rows, text_heads, n_closed, last_closed = _lead_zone(lines, kinds, i)
        if kinds[i] == "text" and len(rows) > 1 and not any(text_heads[1:]):
            # every other row starts with a "| cell" line: the plain line before the
            # first one is a title, not a cell
            first = nxt
            last, rows, text_heads, n_closed, last_closed = _lead_zone(lines, kinds, nxt)
        # two rows, each closed by its bar line, one of >= 3 cells, are a table too (a
        # header whose cells wrapped, above rows of another layout)
        if len(rows) >= MIN_LEAD_ROWS or (len(rows) == 2 and n_closed == 2 and max(map(len, rows)) >= 3):
            out.append((first, last, rows, n_closed > 0 and not last_closed))
            i = last + 1
        elif kinds[i] == "lead":
            # no zone starts inside this run of "| cell" lines either: skip it
            while i < n and kinds[i] in ("lead", "blank"):
                i += 1
        else:
            i += 1
    return out
