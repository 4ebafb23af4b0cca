"""A score table while it is read (``Draft`` of ``Item`` rows) and its finish.

``finish`` turns a draft into the output ``ScoreTable``: item figures rounded, totals
computed, the stated totals and every item's score checked (SCHEMA.md "Score tables").
``stated_before`` reads a total printed above a table; ``block_at`` finds a block.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Document, ScoreItem, ScoreTable
from .regions import CellRef
from .vocabulary import is_total, points, rounded, vocab


# ------------------------------------------------------------------ building
@dataclass
class Item:
    path: list[str]
    criterion: str
    max: float | int | None
    score: float | int | None
    start: int
    end: int


@dataclass
class Draft:
    items: list[Item] = field(default_factory=list)
    stated_max: float | int | None = None
    stated_score: float | int | None = None
    start: int = 0
    end: int = 0
    page: int | None = None
    block_index: int = -1
    last_block: int = -1
    from_table: bool = False
    # the header names both a max column and a score column: one row is a table
    named_scale: bool = False
    # one part of a numbered outline whose other parts check out: one item is a table
    outline_part: bool = False
    # one body's row of a results table of several bodies (matrix.py): a table of its own
    # even when another body's row reads alike
    per_body: bool = False
    # every row lies between two copies of its header (repeated.py): one row is a table
    delimited: bool = False
    title: str | None = None
    checks: list = field(default_factory=list)


def finish(doc: Document, t: Draft) -> ScoreTable:
    items = [ScoreItem(path=i.path, criterion=i.criterion, max=rounded(i.max), score=rounded(i.score),
                       offset=(i.start, i.end)) for i in t.items]
    maxes = [i.max for i in items]
    scores = [i.score for i in items if i.score is not None]
    total = {
        "max": rounded(sum(maxes)) if maxes and all(m is not None for m in maxes) else None,
        "score": rounded(sum(scores)) if scores else None,
        "stated_max": rounded(t.stated_max),
        "stated_score": rounded(t.stated_score),
    }
    checks = []
    for it in items:
        if it.max is not None and it.max < 0:
            checks.append({"level": "warning",
                           "message": f"negative max {it.max} ignored: {'/'.join(it.path)} {it.criterion[:20]}"})
            it.max = None
    if any(it.max is None for it in items):
        total["max"] = None
    if total["stated_max"] is not None and total["max"] is not None and total["stated_max"] != total["max"]:
        checks.append({"level": "warning",
                       "message": f"stated total max {total['stated_max']} != sum of item max {total['max']}"})
    if total["stated_score"] is not None and total["score"] is not None and total["stated_score"] != total["score"]:
        checks.append({"level": "warning",
                       "message": f"stated total score {total['stated_score']} != sum of item scores {total['score']}"})
    checks.extend(t.checks)
    for it in items:
        if it.max is not None and it.score is not None and it.score > it.max:
            checks.append({"level": "warning",
                           "message": f"score {it.score} above max {it.max}: {'/'.join(it.path)} {it.criterion[:20]}"})
    start = min([t.start] + [i.start for i in t.items])
    end = max([t.end] + [i.end for i in t.items])
    page = doc.page_at(t.items[0].start) if t.items else t.page
    return ScoreTable(title=t.title, page=page if page is not None else t.page, offset=(start, end),
                      items=items, total=total, checks=checks)


def stated_before(cells: list[CellRef], table: Draft) -> None:
    """'测评总得分: | 81.34' printed above the table: a total label followed by one figure
    (a label with 得分 is the stated score; any other total label, the stated max)."""
    for a, b in zip(cells, cells[1:]):
        label = a.text.strip().rstrip(":：").replace(" ", "")
        x = points(b.text)
        if x is None or not is_total(label):
            continue
        if vocab().reader_words["score_label"] in label:
            if table.stated_score is None:
                table.stated_score = x
        elif table.stated_max is None:
            table.stated_max = x


def block_at(doc: Document, offset: int) -> int:
    return next((k for k, b in enumerate(doc.blocks) if b.start <= offset <= b.end), -1)
