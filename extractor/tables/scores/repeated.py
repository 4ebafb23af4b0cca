"""Rows between copies of a run-together header (``read_repeated``): a document viewer's
text of a scoring table printed one row per page, every page repeating the header, all
separators lost ("考评项目分值考评内容评分标准实施方法建立工作机制15 分1、成立…的材料考评项目分值
考评内容评分标准实施方法依法公开信息…"; b12 f27).

The header is a run of column names (>= 3, a max column, no score column: as runon.py) found
at least twice; its full text is what all copies share (the names after the known ones,
"实施方法", included). A row is the text between two copies, opening with its label and its
points ("建立工作机制15 分"): the row is complete because the next copy of the header follows
it. The text after the last copy is not read (its end is unknown: an excerpt is often cut
inside it). Every row so bounded is an item under its label (max = its points, no score); a
table of one row is kept, as it is bounded on both sides by its header. A segment holding a second
row's opening (a name glued to its points after a full stop) is a page of several rows whose split
is unknown: then nothing is read.
"""
from __future__ import annotations

import os

import regex

from ...model import Document
from .draft import Draft, Item, block_at
from .runon import _runon_header_ok
from .vocabulary import points, vocab

def read_repeated(doc: Document) -> list[Draft]:
    r = vocab().repeated
    v = vocab()
    out: list[Draft] = []
    text = doc.text
    found = [m for m in v.runon["header"].finditer(text) if _runon_header_ok(m.group(0))]
    # the copies of one header: the matches ending with the same text (a copy may be glued to
    # the end of the row before it, "…上报的材料考评项目…": 材料 is a column name too)
    heads = sorted({m.group(0) for m in found}, key=len)
    done: set[int] = set()
    for head in heads:
        ms = [m for m in found if m.group(0).endswith(head) and m.start() not in done]
        if len(ms) < 2 or not _runon_header_ok(head):
            continue
        done.update(m.start() for m in ms)
        starts = [m.end() - len(head) for m in ms]
        tail = os.path.commonprefix([text[m.end():m.end() + 40] for m in ms])
        tm = r["tail"].match(tail)
        ends = [m.end() + (tm.end() if tm else 0) for m in ms]
        items: list[Item] = []
        for x in range(len(ms) - 1):
            a, b = ends[x], starts[x + 1]
            row = r["row"].match(text, a, b)
            if row is None or points(row.group("pts")) is None or r["second_row"].search(text, row.end(), b):
                items = []
                break  # a segment that is no row, or holds several: the layout is something else
            crit = r["criterion"].match(text, row.end(), b)
            items.append(Item([row.group("label")], crit.group(0).strip() if crit else row.group("label"),
                              points(row.group("pts")), None, row.start("label"), b))
        if not items:
            continue
        t = Draft(start=items[0].start, end=items[-1].end, page=doc.page_at(items[0].start),
                  block_index=block_at(doc, starts[0]), last_block=block_at(doc, items[-1].end),
                  delimited=True)
        t.items = items
        out.append(t)
    return out
