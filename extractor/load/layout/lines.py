"""Characters → visual lines: the character and line model, and the line builder.

* :class:`Ch` is one character with its box in PDF points (top-down) and font size; the
  PDF loader reads them from pdfium or pdfminer, OCR makes them from recognised glyphs.
* :func:`build_lines` groups characters by vertical centre, sorts each line left to
  right and writes a space only between non-CJK characters separated by a real gap,
  never between two CJK characters (so ``组 织`` artefacts do not arise).
* :func:`respace` rewrites an OCR line's text with the OCR word-spacing rule
  (:func:`text.needs_space`); :func:`first_unit_width` measures what a typesetter
  cannot break (used to tell a forced wrap from a paragraph end).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

from .text import cjk_char, is_cjk, needs_space


@dataclass(slots=True)
class Ch:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    # the PDF's own text has a space character right before this one (a word space the
    # file writes, e.g. between two figures "477 2504"; narrower than a visible gap in
    # some fonts)
    space_before: bool = field(default=False, compare=False)


@dataclass
class Line:
    chars: list[Ch]
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0


_X0, _SIZE = attrgetter("x0"), attrgetter("size")


def build_lines(chars: list[Ch]) -> list[Line]:
    """Group characters into visual lines (top to bottom, left to right)."""
    if not chars:
        return []
    # sorted by (vertical centre, x0), ties in input order (the index)
    mids = [(c.top + c.bottom) / 2 for c in chars]
    order = sorted(zip(mids, map(_X0, chars), range(len(chars))))
    lines: list[list[Ch]] = []
    cur: list[Ch] = []
    cur_mid = 0.0
    cur_h = 0.0
    for mid, _x0, k in order:
        c = chars[k]
        h = c.bottom - c.top
        h = 1.0 if 1.0 > h else h  # max(h, 1.0), NaN kept as max keeps it
        if cur and abs(mid - cur_mid) <= 0.45 * (h if h > cur_h else cur_h):
            cur.append(c)
            cur_mid += (mid - cur_mid) / len(cur)
            cur_h = h if h > cur_h else cur_h
        else:
            if cur:
                lines.append(cur)
            cur, cur_mid, cur_h = [c], mid, h
    if cur:
        lines.append(cur)
    out = []
    for lc in lines:
        lc.sort(key=_X0)
        parts: list[str] = []
        prev: Ch | None = None
        prev_cjk = False
        for c in lc:
            text = c.text
            cjk = cjk_char(text) if len(text) == 1 else is_cjk(text)
            if prev is not None:
                gap = c.x0 - prev.x1
                size = prev.size if prev.size < c.size else c.size  # min(c.size, prev.size), NaN alike
                unit = 1.0 if 1.0 > size else size
                if gap > 0.25 * unit and not (prev_cjk and cjk):
                    parts.append(" ")
                elif c.space_before and gap > 0 and not prev_cjk and not cjk:
                    # a space the file writes between two latin/digit runs, set narrow:
                    # two figures must not run together into one number
                    parts.append(" ")
            parts.append(text)
            prev, prev_cjk = c, cjk
        sizes = sorted(map(_SIZE, lc))
        out.append(
            Line(
                lc,
                "".join(parts),
                min(map(_X0, lc)),
                max(c.x1 for c in lc),
                min(c.top for c in lc),
                max(c.bottom for c in lc),
                sizes[len(sizes) // 2],
            )
        )
    out.sort(key=lambda ln: (ln.top, ln.x0))
    return out


def respace(line: Line) -> None:
    """Rebuild a line's text with the OCR spacing rule (no space next to CJK)."""
    parts: list[str] = []
    prev = None
    for c in line.chars:
        if prev is not None and needs_space(prev.text, c.text, c.x0 - prev.x1, max(c.size, 1.0)):
            parts.append(" ")
        parts.append(c.text)
        prev = c
    line.text = "".join(parts)


CLOSING = set("。，、；：！？）」』”》〉】,.;:!?)]}%’'\"")


def first_unit_width(ln: Line) -> float:
    """Width of the first unit of a line that a typesetter cannot break."""
    cs = ln.chars
    if not cs:
        return 0.0
    first = cs[0]
    end = first.x1
    if first.text.isascii() and not first.text.isspace():
        for prev, c in zip(cs, cs[1:]):
            if not c.text.isascii() or c.x0 - prev.x1 > 0.2 * max(c.size, 1.0):
                if c.text in CLOSING:
                    end = c.x1
                break
            end = c.x1
    else:
        for c in cs[1:]:
            if c.text not in CLOSING:
                break
            end = c.x1
    return end - first.x0
