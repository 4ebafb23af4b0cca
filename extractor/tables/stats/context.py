"""The state of reading one document's statistics tables: :class:`Ctx`.

It holds the text and its squeezed form, the findings and warnings so far, the table
spans already read (``consumed``), the prose with those spans blanked (``prose_text``,
``blank_spans``) and the figures the prose states (``prose_values``); ``emit`` records a
fact once. :class:`RowReading` is one row read by a table reader.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from ...model import Fact, Findings, Warning_
from ...regexkit import compiled as _rx
from ..templates import Row, Squeezed, load_lexicon


@dataclass
class RowReading:
    row: Row | None
    label_start: int
    label_end: int
    cells: list                         # per column: (Decimal|None|bool, Part|None) or "ambiguous"
    unit: str | None = None
    template: str = ""
    extra: dict = field(default_factory=dict)


class Ctx:
    def __init__(self, doc):
        self.doc = doc
        self.text = doc.text
        self.sq = Squeezed(doc.text)
        self.out = Findings()
        self.spans: list[tuple[int, int]] = []
        self._prose_text: str | None = None
        self._prose_n = 0
        self._prose_whole = False  # a negative span offset: blank from the text each time
        self._union: tuple[list, list] = ([], [])  # consumed(): union of spans[:_union_n]
        self._union_n = 0
        self.seen_facts: set = set()
        # label pre-filter of earliest_label: a stretch [a, b) of the squeezed text and, per
        # row label regex, whether one of its required literals occurs in that stretch
        self.label_stretch = (0, -1, "")
        self.label_stretch_has: dict = {}

    def warn(self, code: str, message: str, offset: tuple[int, int] | None = None):
        page = self.doc.page_at(offset[0]) if offset else None
        self.out.warnings.append(Warning_(code, message, page, offset))

    def consumed(self, orig: int) -> bool:
        """``orig`` lies in one of the spans read so far (``any(a <= orig < b)``), looked up
        in their union, kept as sorted disjoint intervals updated with each new span."""
        n = len(self.spans)
        if self._union_n > n:  # (never happens) spans removed: start again
            self._union, self._union_n = ([], []), 0
        starts, ends = self._union
        for a, b in self.spans[self._union_n:n]:
            if b <= a:
                continue
            i, j = bisect_left(ends, a), bisect_right(starts, b)
            if i < j:
                a, b = min(a, starts[i]), max(b, ends[j - 1])
            starts[i:j] = [a]
            ends[i:j] = [b]
        self._union_n = n
        k = bisect_right(starts, orig) - 1
        return k >= 0 and orig < ends[k]

    def prose_text(self) -> str:
        """The text with the table spans read so far blanked (spaces; line breaks kept).
        Spans added since the last call are blanked in the last result (blanking the
        union again, as it was, read every span per table row)."""
        if self._prose_text is None or self._prose_n != len(self.spans):
            new = self.spans[self._prose_n:]
            if self._prose_text is None or self._prose_n > len(self.spans) or self._prose_whole \
                    or any(a < 0 for a, b in new):
                self._prose_whole = self._prose_whole or any(a < 0 for a, b in self.spans)
                self._prose_text = blank_spans(self.text, self.spans)
            else:
                self._prose_text = blank_spans(self._prose_text, new)
            self._prose_n = len(self.spans)
        return self._prose_text

    def prose_values(self, cues) -> set:
        """The figures the prose (tables blanked) states after one of ``cues`` (a row's
        prose patterns) and before a measure word."""
        vals = set()
        t = self.prose_text()
        for rx in _prose_figures(cues):
            for m in rx.finditer(t):
                vals.add(Decimal(m.group(1)))
        return vals

    def emit(self, key: str, value, unit, raw: str, a: int, b: int, template: str):
        if key is None or value is None:
            return
        sig = (key, a, b)
        if sig in self.seen_facts:
            return
        self.seen_facts.add(sig)
        self.out.facts.append(Fact(
            key=key, value=value, unit=unit, raw=raw, origin="table",
            page=self.doc.page_at(a), offset=(a, b), evidence=self.text[a:b],
            rule=f"{key}#table:{template}",
        ))


def _prose_figures(cues) -> list:
    """One compiled pattern per cue: the cue, a few characters, the figure and a measure
    word (``prose_measure_words``), built once per cue list (a row's ``prose`` list lives
    as long as its template) and lexicon."""
    lex = load_lexicon()
    key = id(cues)
    hit = _PROSE_FIGURES.get(key)
    if hit is not None and hit[0] is cues and hit[1] is lex:
        return hit[2]
    measure = "|".join(lex.raw["reader_words"]["prose_measure_words"])
    rxs = [_rx(r"(?:" + rx.pattern + r")[^\d。;；,，]{0,6}?(\d+)\s*(?:" + measure + ")") for rx in cues]
    if len(_PROSE_FIGURES) >= 256:
        _PROSE_FIGURES.clear()
    _PROSE_FIGURES[key] = (cues, lex, rxs)
    return rxs


_PROSE_FIGURES: dict = {}


def blank_spans(text: str, spans) -> str:
    """``text`` with every character of the spans except line breaks made a space."""
    n = len(text)
    ivs = sorted((a, min(b, n)) for a, b in spans if min(b, n) > a)
    if ivs and ivs[0][0] < 0:  # (never happens) negative offsets: character by character
        chars = list(text)
        for a, b in spans:
            for k in range(a, min(b, len(chars))):
                if chars[k] != "\n":
                    chars[k] = " "
        return "".join(chars)
    pieces = []
    pos = 0
    for a, b in ivs:
        if b <= pos:
            continue
        a = max(a, pos)
        pieces.append(text[pos:a])
        pieces.append("\n".join(" " * len(x) for x in text[a:b].split("\n")))
        pos = b
    pieces.append(text[pos:])
    return "".join(pieces)
