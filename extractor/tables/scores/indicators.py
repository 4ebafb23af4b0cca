"""Score tables stated in prose one indicator per paragraph (``read_indicator_scores``):
a self-inspection saying for each indicator what it lost and scored ("一级指标办事服务中的…
扣分2分,得分共计23分。"). Split from ``prose.py`` (the other prose shapes: percent items,
weights, compositions, shares), which had grown past 500 lines.
"""
from __future__ import annotations

from ...model import Document
from .draft import Draft, Item
from .gates import may_read_indicator_scores
from .vocabulary import points, vocab


def read_indicator_scores(doc: Document) -> list[Draft]:
    """A self-inspection stating per indicator, one paragraph each, what it lost and
    scored ("一级指标办事服务中的…扣分2分,得分共计23分。"): an item per paragraph, score as
    stated, max null; >= 2 such paragraphs in a row make a table (a paragraph that does
    not state it, e.g. cut before its score, ends the run)."""
    pat = vocab().indicator_score
    out: list[Draft] = []
    if not may_read_indicator_scores(doc):
        return out
    run: list[tuple[int, Item]] = []

    def flush():
        if len(run) >= 2:
            t = Draft(start=run[0][1].start, end=run[-1][1].end, page=doc.page_at(run[0][1].start),
                       block_index=run[0][0], last_block=run[-1][0])
            t.items = [it for _, it in run]
            out.append(t)
        run.clear()

    for bi, b in enumerate(doc.blocks):
        if b.kind != "paragraph" or not b.text.strip():
            continue
        ms = list(pat.finditer(b.text)) if vocab().reader_words["score_label"] in b.text else []
        if len(ms) != 1:
            flush()
            continue
        m = ms[0]
        run.append((bi, Item([], m.group("name"), None, points(m.group("score")),
                              b.start + m.start(), b.start + m.end())))
    flush()
    return out
