"""Rows whose cells ran together (a crawl lost every separator) -> draft score tables.

After a header of column names run together, ``read_runon`` splits categories "名(N)"
and items "名N…" and keeps only the categories whose items add up exactly to them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Document
from .draft import Draft, Item
from .vocabulary import header_role, points, rounded, vocab


# ------------------------------------------------------------------ run-together rows
# A crawl that lost every separator between cells: "一级指标二级指标三级指标权重考评内容
# 评分细则健康情况(15)常态化监管(13)可用情况6按照…。更新情况6商业广告1辖区内…".  After a
# header of column names run together (one a max column, none a score column), a
# category is a name with its points in brackets, an item a short name glued to its
# points and its text; which split is meant is settled by the categories' arithmetic
# (ANNOTATE.md: the split the constraints allow): items are read only inside categories
# whose items add up exactly to the category's points, so a figure inside a criterion
# ("可得50%", "(2015)15号") never becomes an item.
MAX_RUNON_BLOCKS = 40


def read_runon(doc: Document) -> list[Draft]:
    v = vocab()
    r = v.runon
    out: list[Draft] = []
    k = 0
    blocks = doc.blocks
    while k < len(blocks):
        b = blocks[k]
        m = r["header"].search(b.text) if b.kind == "paragraph" else None
        spaced = False
        if m is None or not _runon_header_ok(m.group(0)):
            m = r["spaced_header"].search(b.text) if b.kind == "paragraph" else None
            spaced = m is not None
        if m is None:
            k += 1
            continue
        last = k
        while last + 1 < len(blocks) and last + 1 - k < MAX_RUNON_BLOCKS and blocks[last + 1].kind == "paragraph":
            last += 1
        a = b.start + m.end()
        t = _runon_table(doc, a, blocks[last].end, k, last, spaced)
        if t is not None:
            out.append(t)
        k = last + 1
    return out


def _runon_header_ok(text: str) -> bool:
    """Column names run together: >= 3 names, a max column among them, no score column
    (a row of two figures run into its text could not be told apart)."""
    words = vocab().runon_words.findall(text)
    roles = [header_role(w) for w in words]
    return len(words) >= 3 and "max" in roles and not any(x in ("self_score", "score", "minus") for x in roles)


@dataclass
class _Cat:
    name: str
    pts: float | int
    total: float | int = 0  # points of its items and closed sub-categories so far
    items: list[Item] = field(default_factory=list)  # its own items
    done: list[Item] = field(default_factory=list)  # items of its closed sub-categories


def _runon_table(doc: Document, a: int, b: int, first_block: int, last_block: int,
                 spaced: bool = False) -> Draft | None:
    body = doc.text[a:b]
    stack: list[_Cat] = []  # open categories, outermost first
    done: list[Item] = []  # items of outermost categories that added up
    wrong = False
    stopped = False  # the reading stopped before the end of the text
    last_end = 0
    r = vocab().runon
    for m in (_spaced_tokens(body) if spaced else r["token"].finditer(body)):
        if m is None:
            stopped = True
            break  # a row whose name is no name: the split is lost
        if m.group("cat"):
            pts = points(m.group("cpts"))
            if pts is None or (stack and stack[-1].items):
                stopped = True
                break  # a category after items of an unfinished one: the split is lost
            stack.append(_Cat(m.group("cat"), pts))
            continue
        if not stack:
            continue  # an item under no category: nothing to check it by
        pts = points(m.group("pts"))
        if pts is None:
            stopped = True
            break
        last_end = m.end()
        top = stack[-1]
        top.items.append(Item([c.name for c in stack], m.group("name"), pts, None,
                               a + m.start("name"), a + m.end("pts")))
        top.total = rounded(top.total + pts)
        # close every category whose items (or sub-categories) now add up
        while stack and stack[-1].total >= stack[-1].pts:
            cat = stack.pop()
            if cat.total != cat.pts:
                wrong = True  # more than the category's points: a wrong split
                break
            closed = cat.done + cat.items
            if stack:
                stack[-1].total = rounded(stack[-1].total + cat.pts)
                stack[-1].done.extend(closed)
            else:
                done.extend(closed)
        if wrong:
            stack = []  # the whole outermost category is in doubt: none of it is read
            break
    for cat in stack:  # cut by the end of the text: the sub-categories that added up
        done.extend(cat.done)
    if spaced and stack and done and not stopped and _cut_row(body[last_end:]) and not doc.text[b:].strip():
        # points last in each row: the document ends inside a row of the innermost open
        # category (a page opening cut mid-row), after categories that added up: its
        # complete rows so far are read, under its points (they cannot pass them); the cut
        # row is not. (Run-together rows put the points after the name: what follows the
        # last points is that row's own text, maybe cut; nothing of it is read.)
        done.extend(stack[-1].items)
    if len(done) < 2:
        return None
    t = Draft(start=done[0].start, end=done[-1].end, page=doc.page_at(done[0].start),
               block_index=first_block, last_block=last_block)
    t.items = done
    return t


def _cut_row(tail: str) -> bool:
    """What follows the last row read is the start of one more row, cut: text on the
    same line, no figure."""
    t = tail.strip()
    return bool(t) and "\n" not in t and not any(ch.isdigit() for ch in t)


class _Row:
    """A row: its text (the criterion) and its points after it, as a runon token."""

    def __init__(self, name: str, name_at: int, pm):
        self._name, self._at, self._pm = name, name_at, pm

    def group(self, g):
        return {"cat": None, "cpts": None, "name": self._name, "pts": self._pm.group("pts")}[g]

    def start(self, g=None):
        return self._at if g == "name" else self._pm.start(g) if g else self._at

    def end(self, g=None):
        return self._pm.end(g) if g else self._pm.end()


def _spaced_tokens(body: str):
    """Categories "名( N)" and rows "text N" (the points a bare number between spaces),
    in order; None for a row whose text is no criterion (the reading stops there)."""
    r = vocab().runon
    prev = 0
    for m in r["spaced_token"].finditer(body):
        if m.group("cat"):
            if body[prev:m.start()].strip():
                yield None  # text that is neither a row nor a category
                return
            yield m
        else:
            text = body[prev:m.start()]
            row = text.strip()
            if not r["spaced_row"].match(row):
                yield None
                return
            yield _Row(row, prev + (len(text) - len(text.lstrip())), m)
        prev = m.end()
