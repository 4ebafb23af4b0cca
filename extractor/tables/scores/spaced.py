"""Rows whose cells are separated by spaces only (a crawl that kept no bars) -> a draft.

A page copied from a web table: the header's column names ran together on one line
("过程一级指标…测评指标与考察点分值得分失分原因及截图整改情况") and each row is one line
whose criterion text is followed by its two figures, max and score, as bare numbers
between spaces ("意见征集考察点:…反馈渠道包含信件、电话、邮箱) 8 0 涉及重大民生议题…"),
the row's scoring rules on the lines below it ("未涵盖①-②每项扣2分;"), a short line
alone naming the category of the rows below ("重大决策预公开").

``read_spaced`` reads this only after such a header naming a max column immediately
followed by a score column (the two figures' order is the header's), from lines holding
exactly one pair of bare numbers whose score is at most its max; lines of rules hold no
such pair and are no items.  Patterns: ``spaced_rows`` in patterns/score_tables.yaml.
"""
from __future__ import annotations

from ...model import Document
from .draft import Draft, Item
from .vocabulary import header_role, max_words, points, vocab

MAX_ROW_GAP = 12  # lines without a row after which the table is over
MIN_HEADER_WORDS = 3
MAX_HEADER_LINE = 80


def read_spaced(doc: Document) -> list[Draft]:
    out: list[Draft] = []
    blocks = doc.blocks
    # a table starts at a header (_header), which holds a max column's name: a word of
    # ``runon_words`` whose role is max, found in its paragraph without spaces; no paragraph
    # holding one, no table (issue 11: one search of the joined paragraphs, not a scan of each)
    paragraphs = "\n".join(b.text for b in blocks if b.kind == "paragraph").replace(" ", "")
    if not any(w in paragraphs for w in max_words()):
        return out
    k = 0
    while k < len(blocks):
        b = blocks[k]
        if b.kind != "paragraph" or not _header(b.text):
            k += 1
            continue
        t, nk = _rows(doc, k + 1)
        if t is not None:
            t.block_index = k  # the title is looked for above the header
            out.append(t)
        k = nk
    return out


def _header(text: str) -> bool:
    """Column names run together (>= 3, covering most of the line: names the vocabulary
    does not know, "过程", may stand between), a max column's name immediately followed
    by a score column's."""
    v = vocab()
    t = text.replace(" ", "")
    if len(t) > MAX_HEADER_LINE:
        return False
    words = list(v.runon_words.finditer(t))
    if len(words) < MIN_HEADER_WORDS or sum(len(w.group(0)) for w in words) * 2 < len(t):
        return False
    roles = [header_role(w.group(0)) for w in words]
    return any(a == "max" and b in ("score", "self_score") and words[i].end() == words[i + 1].start()
               for i, (a, b) in enumerate(zip(roles, roles[1:])))


def _rows(doc: Document, k: int) -> tuple[Draft | None, int]:
    sp = vocab().spaced_rows
    blocks = doc.blocks
    items: list[Item] = []
    category: str | None = None
    gap = 0
    while k < len(blocks) and blocks[k].kind == "paragraph" and gap <= MAX_ROW_GAP:
        b = blocks[k]
        text = b.text.strip()
        if _header(text):
            break  # the next table's header
        pairs = list(sp["row"].finditer(b.text))
        if len(pairs) == 1:
            m = pairs[0]
            mx, score = points(m.group("max")), points(m.group("score"))
            crit = b.text[: m.start()].strip()
            if mx is not None and score is not None and 0 <= score <= mx and mx > 0 and sp["criterion"].search(crit):
                a = b.start + (len(b.text) - len(b.text.lstrip()))
                items.append(Item([category] if category else [], crit, mx, score, a, b.start + m.end()))
                gap = 0
                k += 1
                continue
        if sp["category"].fullmatch(text):
            category = text
        gap += 1
        k += 1
    if len(items) < 2:
        return None, k
    t = Draft(start=items[0].start, end=items[-1].end, page=doc.page_at(items[0].start),
              last_block=_block(doc, items[-1].end))
    t.items = items
    return t, k


def _block(doc: Document, offset: int) -> int:
    return next((i for i, b in enumerate(doc.blocks) if b.start <= offset <= b.end), -1)
