"""The extracted text as HTML with every fact's evidence wrapped in ``<mark>``.

    from extractor.review.marks import layout, render_marked
    html, unplaced = render_marked(text, facts)

Each fact ``i`` whose ``text[offset[0]:offset[1]] == evidence`` becomes
``<mark data-key="KEY" data-fact="i">…</mark>``. Spans that overlap are laid out as a
laminar family (every two marks are disjoint or one holds the other): spans are taken
in order of start (longer first); a span that starts inside an open mark and ends after
it is split at that mark's end, the rest taken again later. So a fact's evidence is
always the text of its marks (``data-fact="i"``) joined in document order, and a fact
that no other span crosses has exactly one mark. The first mark of a fact has
``id="f-i"``; split pieces carry ``data-part`` (1, 2, …).

Facts whose offsets do not give their evidence (an OUTDIR/text mismatch) are not marked
and come back in ``unplaced`` with the reason.
"""
from __future__ import annotations

import heapq
from html import escape


def _esc(s: str) -> str:
    return escape(s, quote=False)


def layout(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int, int]]:
    """``[(start, end, id)]`` -> ``[(start, end, id, part)]``: laminar pieces in document
    order (start ascending, longer first); ``part`` counts the pieces of one id from 0."""
    heap = [(a, -b, i, a, b) for a, b, i in spans]
    heapq.heapify(heap)
    stack: list[tuple[int, int]] = []  # (end, id) of open pieces
    parts: dict[int, int] = {}
    out = []
    while heap:
        _a, _nb, i, a, b = heapq.heappop(heap)
        while stack and stack[-1][0] <= a:
            stack.pop()
        if stack and b > stack[-1][0]:
            end = stack[-1][0]
            heapq.heappush(heap, (end, -b, i, end, b))
            b = end
        part = parts.get(i, 0)
        parts[i] = part + 1
        out.append((a, b, i, part))
        stack.append((b, i))
    return out


def placeable(text: str | None, fact: dict) -> str | None:
    """None when the fact's offsets give its evidence in ``text``, else why not."""
    off = fact.get("offset")
    ev = fact.get("evidence")
    if text is None:
        return "no extracted text"
    if type(off) is not list or len(off) != 2 or type(off[0]) is not int or type(off[1]) is not int:
        return "no offsets"
    a, b = off
    if not 0 <= a <= b <= len(text):
        return f"offsets {a}-{b} outside the text ({len(text)} characters)"
    if not isinstance(ev, str):
        return "no evidence"
    if text[a:b] != ev:
        return f"text at {a}-{b} is {text[a:b][:40]!r}, not the evidence"
    return None


def render_marked(text: str, facts: list, unread=()) -> tuple[str, list[tuple[int, str]]]:
    """(HTML of ``text`` with the marks, [(fact index, reason)] of facts left unmarked).

    ``unread``: ``(start, end)`` spans of figures the result does not hold (extractor.unread),
    marked ``<mark class="unread" data-unread="j">``; they overlap no fact by construction."""
    spans, unplaced = [], []
    for i, f in enumerate(facts):
        if not isinstance(f, dict):
            unplaced.append((i, "not a fact object"))
            continue
        why = placeable(text, f)
        if why:
            unplaced.append((i, why))
            continue
        spans.append((f["offset"][0], f["offset"][1], i))
    n = len(facts)
    for j, (a, b) in enumerate(unread):
        if 0 <= a < b <= len(text):
            spans.append((a, b, n + j))
    pieces = layout(spans)
    out: list[str] = []
    pos = 0
    stack: list[int] = []  # ends of open marks
    for a, b, i, part in pieces:
        while stack and stack[-1] <= a:
            end = stack.pop()
            out.append(_esc(text[pos:end]))
            out.append("</mark>")
            pos = end
        out.append(_esc(text[pos:a]))
        pos = a
        if i >= n:
            out.append(f'<mark class="unread" data-unread="{i - n}" title="a figure the result does not hold">')
            stack.append(b)
            continue
        key = facts[i].get("key")
        attrs = f' data-key="{escape(str(key))}" data-fact="{i}"'
        attrs += f' id="f-{i}"' if part == 0 else f' data-part="{part}"'
        out.append(f"<mark{attrs}>")
        stack.append(b)
    while stack:
        end = stack.pop()
        out.append(_esc(text[pos:end]))
        out.append("</mark>")
        pos = end
    out.append(_esc(text[pos:]))
    return "".join(out), unplaced


__all__ = ["layout", "placeable", "render_marked"]
