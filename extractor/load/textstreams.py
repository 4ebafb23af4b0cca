"""One-cell-per-line streams: separator streams (a bare ``|`` line between cells, cells
wrapped over short lines; ``sep_stream``) and bare streams (a run of short lines many of
which are values; ``bare_streams``), kept apart from the section headings around them."""
from __future__ import annotations

from .textcells import (DATE_LINE, HEADING, MAX_BLANK_CELLS, MIN_STREAM_LINES, MIN_VALUE_SHARE,
                        MIN_VALUES, SECTION_HEADING, TITLE_LINE, cell_like, is_value, join_wrapped)
from .textrows import vertical_cell


def sep_stream(lines: list[str], kinds: list[str], taken: list[bool]) -> list[tuple[int, int, list[str], bool]]:
    """Zones of text groups separated by bare ``|`` lines → (first, last, cells, whether
    the last cell is one no bar closes)."""
    out = []
    n = len(lines)
    seps = [i for i in range(n) if kinds[i] == "sep" and not taken[i]]
    if len(seps) < 3:
        return out

    def group(a: int, b: int) -> list[int]:  # non-blank text lines strictly between a and b
        return [k for k in range(a + 1, b) if kinds[k] != "blank"]

    zones: list[list[int]] = []
    cur = [seps[0]]
    blanks = 0  # consecutive bare "|" lines: blank cells (a row's empty or merged cells)
    for s in seps[1:]:
        g = group(cur[-1], s)
        ok = 1 <= len(g) <= 3 and all(kinds[k] == "text" and not taken[k] for k in g)
        if ok and len(g) > 1:
            ok = all(cell_like(lines[k], 20) and not HEADING.match(lines[k].strip()) for k in g)
        if not ok and len(g) > 3 and all(kinds[k] == "text" and not taken[k] for k in g):
            ok = vertical_cell(lines, g)  # one cell printed one character per line
        if not g and cur[-1] == s - 1 and blanks < MAX_BLANK_CELLS:
            ok = True  # "|" right after "|": a blank cell, the stream goes on
            blanks += 1
        elif ok:
            blanks = 0
        if ok:
            cur.append(s)
        else:
            zones.append(cur)
            cur = [s]
            blanks = 0
    zones.append(cur)

    for z in zones:
        if len(z) < 3:
            continue
        first, last = z[0], z[-1]
        cells: list[str] = []
        # the cell before the first separator: the adjacent line only, if cell-like
        k = first - 1
        while k >= 0 and kinds[k] == "blank":
            k -= 1
        if k >= 0 and kinds[k] == "text" and not taken[k] and cell_like(lines[k]) and not SECTION_HEADING.match(lines[k].strip()):
            cells.append(lines[k].strip())
            first = k
        for a, b in zip(z, z[1:]):
            cells.append(join_wrapped(lines[k] for k in group(a, b)))
        k = last + 1
        while k < n and kinds[k] == "blank":
            k += 1
        open_end = False
        if k < n and kinds[k] == "text" and not taken[k] and cell_like(lines[k]) and not HEADING.match(lines[k].strip()):
            cells.append(lines[k].strip())
            last = k
            open_end = True  # the stream ends with a cell no bar closes
        out.append((first, last, cells, open_end))
    return out


# --------------------------------------------------------------- bare streams


def bare_streams(lines: list[str], kinds: list[str], taken: list[bool]) -> list[tuple[int, int]]:
    out = []
    n = len(lines)
    i = 0
    while i < n:
        if taken[i] or kinds[i] != "text" or not cell_like(lines[i]):
            i += 1
            continue
        run = []
        j = i
        while j < n and not taken[j] and (kinds[j] == "blank" or (kinds[j] == "text" and cell_like(lines[j]))):
            if kinds[j] != "blank":
                run.append(j)
            j += 1
        i = j
        for part in _split_at_sections(lines, run):
            part = _trim(lines, part)
            if len(part) < MIN_STREAM_LINES:
                continue
            n_val = sum(1 for k in part if is_value(lines[k]))
            if n_val >= MIN_VALUES and n_val / len(part) >= MIN_VALUE_SHARE:
                out.append((part[0], part[-1]))
    return out


def _split_at_sections(lines: list[str], run: list[int]) -> list[list[int]]:
    """Cut a run of short lines at report-section headings followed by a non-value."""
    parts, cur = [], []
    for idx, k in enumerate(run):
        s = lines[k].strip()
        nxt = lines[run[idx + 1]].strip() if idx + 1 < len(run) else ""
        if SECTION_HEADING.match(s) and not is_value(nxt):
            parts.append(cur)
            cur = []
            continue
        cur.append(k)
    parts.append(cur)
    return [p for p in parts if p]


def _trim(lines: list[str], part: list[int]) -> list[int]:
    # leading section headings and document titles are not table cells
    while part and (HEADING.match(lines[part[0]].strip()) or TITLE_LINE.search(lines[part[0]].strip())) and not is_value(
        lines[part[1]] if len(part) > 1 else ""
    ):
        part = part[1:]
    while part and HEADING.match(lines[part[-1]].strip()):
        part = part[:-1]
    # a report that ends with its table is signed right after it (the agency, the date):
    # those lines are not cells. The agency line is the one non-value line between the
    # table's last figure and the date (a row label would be followed by its figures).
    if part and DATE_LINE.match(lines[part[-1]]):
        part = part[:-1]
        if len(part) >= 2 and not is_value(lines[part[-1]]) and is_value(lines[part[-2]]):
            part = part[:-1]
    return part
