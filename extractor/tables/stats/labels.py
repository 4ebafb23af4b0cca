"""Finding row labels in the squeezed text: ``earliest_label`` (earliest, longest on ties,
with a cheap pre-filter on each label's required literals), ``label_ends_cell`` (a label
is a whole cell) and ``junk_ok`` (what lies between two rows is short and no sentence).
"""
from __future__ import annotations

import regex

from ..templates import Row
from .cells import UNIT_WORDS
from .context import Ctx


def _label_need(row: Row):
    """Literals one of which every match of the row's label regex contains (its most
    selective requirement, see ``regexkit.required``), or None (no cheap test known)."""
    try:
        return _NEEDS[row.pattern]
    except KeyError:
        pass
    from ...regexkit import required as _required

    req = _required(row.pattern)
    need = req[0] if req else None
    if len(_NEEDS) < 4096:
        _NEEDS[row.pattern] = need
    return need


_NEEDS: dict = {}
_UNKNOWN = object()


_STRETCH = 400  # squeezed characters a label pre-filter covers (a table is read in one or two)


def earliest_label(ctx: Ctx, rows: list[Row], sq_from: int, sq_to: int):
    """Earliest (longest on ties) label match among ``rows`` in squeezed [from, to).

    A match lies inside [from, to) (lookbehinds require nothing), so a row none of whose
    required literals occurs there cannot match and is not searched. The literals are
    looked for once per stretch of text holding the window, not per window: the rows of
    a table are found one after the other in windows moving a few characters on, and
    ~70 rows × every row read of literal tests was most of the reader's time."""
    best = None
    s = ctx.sq.s
    a, b = max(sq_from, 0), min(max(sq_to, 0), len(s))
    st_a, st_b, stretch = ctx.label_stretch
    if not (st_a <= a and b <= st_b):
        st_b = max(b, min(a + _STRETCH, len(s)))
        stretch = s[a:st_b]
        ctx.label_stretch = (a, st_b, stretch)
        ctx.label_stretch_has = {}
    has = ctx.label_stretch_has
    for r in rows:
        # (keyed by the pattern text: a label is compiled only when it is searched)
        ok = has.get(r.pattern)  # inline: this loop runs ~70 rows × every row read
        if ok is None:
            need = _NEEDS.get(r.pattern, _UNKNOWN)
            if need is _UNKNOWN:
                need = _label_need(r)
            ok = has[r.pattern] = need is None or any(lit in stretch for lit in need)
        if not ok:
            continue
        m = r.rx.search(s, sq_from, sq_to)
        if m is None:
            continue
        if best is None or m.start() < best[1].start() or (
            m.start() == best[1].start() and m.end() > best[1].end()
        ):
            best = (r, m)
    return best


_CELL_END = regex.compile(
    r"[\s|｜:：\d+\-/／—–―\\*＊※†‡①-⑳(\[]|$|(?:" + "|".join(UNIT_WORDS) + r"|是|否|无|空|注\d)"
)


def label_ends_cell(ctx: Ctx, sq_end: int) -> bool:
    """A row label is a whole cell: after it comes a separator, a value, a unit, a note."""
    return bool(_CELL_END.match(ctx.text, ctx.sq.orig_end(sq_end)))


def junk_ok(ctx: Ctx, sq_a: int, sq_b: int, limit: int) -> bool:
    junk = ctx.sq.s[sq_a:sq_b]
    return len(junk) <= limit and "。" not in junk
