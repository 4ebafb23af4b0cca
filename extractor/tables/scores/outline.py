"""A scoring standard written as a numbered outline, "(N分)" closing every item.

``read_outline`` cuts the paragraphs into outline segments (levels 一、/(一)/1./(1)),
groups them in parts and reads a part only where some category's sub-items add up to
its points, or where every criterion states its scoring rule after its points
(patterns/score_tables.yaml ``outline``).
"""
from __future__ import annotations

from dataclasses import dataclass

from ...model import Document
from .draft import Draft, Item, block_at
from .gates import may_read_outline
from .vocabulary import clean_label, points, vocab


# ------------------------------------------------------------------ numbered outline
# A scoring standard written as a numbered outline, every point given at the end of its
# item: "1.组织领导。(15分)" / "(1)建立健全…。(10分)" / "(2)结合本部门实际…(5分)".  The
# levels are the outline markers (patterns/score_tables.yaml ``outline``): a part
# "(二)…(总分100分)" starts a table, a numbered heading with points is a category when
# the points of its sub-items add up to it, an item with points and no sub-items is a
# leaf.  An item's points may also stand before its scoring rule ("…公开(5分)缺一项扣2分。",
# ``rule_points``): the rule is no item.  Nothing is read unless the arithmetic of some
# category checks out, or every criterion of a part (at least MIN_RULE_ITEMS) states
# its scoring rule after its points (a standard whose headings state no points).
@dataclass
class _Seg:
    level: int  # 0 "一、", 1 "(一)", 2 "1.", 3 "(1)"; -1 a line that is not the outline
    text: str  # without the marker and the trailing points
    pts: float | int | None  # the trailing "(N分)"; None when the item has none
    total: float | int | None  # "(总分N分)" of a part
    start: int
    end: int
    rule: bool = False  # the points stand before a scoring rule ("(5分)缺一项扣2分")


MIN_RULE_ITEMS = 3  # leaves, each with its rule, that make a part a standard by themselves


def outline_segments(doc: Document) -> list[_Seg]:
    o = vocab().outline
    segs: list[_Seg] = []
    for b in doc.blocks:
        if b.kind != "paragraph":
            continue
        text = b.text
        starts = [m for m in o["marker"].finditer(text)
                  if m.start() == 0 or o["after"].search(text[:m.start()])]
        # what comes before the first marker: the whole line when it has none; else a
        # preamble run into the outline ("…具体标准如下:一、…") or an item's wrapped end
        head = text[:starts[0].start()] if starts else text
        if head.strip():
            pm = o["points"].search(head)
            if segs and segs[-1].level >= 0 and segs[-1].pts is None and pm:
                # the end of an item wrapped onto this line
                segs[-1].pts, segs[-1].end = points(pm.group(1)), b.start + pm.end()
                segs[-1].text += head[:pm.start()].strip().rstrip("。.;;,, ")
            elif segs and segs[-1].level >= 0 and segs[-1].pts is None and _wrapped_rule(segs[-1], head):
                segs[-1].end = b.start + len(head.rstrip())  # points and rule wrapped onto this line
            elif not segs or pm:
                segs.append(_Seg(-1, "", None, None, b.start, b.start + len(head)))  # not the outline
            # else: a note between items (上述…): no item, the outline goes on
        for k, m in enumerate(starts):
            end = starts[k + 1].start() if k + 1 < len(starts) else len(text)
            body = text[m.end():end]
            level = next(i for i, g in enumerate(("top", "part", "heading", "item")) if m.group(g))
            pm = o["points"].search(body)
            tm = o["part_total"].search(body)
            pts = total = None
            rule = False
            if tm and level <= 1:
                total = points(tm.group(1))
                body = body[:tm.start()] + body[tm.end():]
            elif pm:
                pts = points(pm.group(1))
                body = body[:pm.start()]
            elif (lm := o["lead_points"].match(body)):
                # a heading's points right after its name, its text after them:
                # "部门政府信息公开平台的管理与信息更新(计30分)。政府信息公开平台是…"
                pts = points(lm.group("pts"))
                body = lm.group("name")
            elif (rm := o["rule_points"].search(body)) and len(vocab().annotation.findall(body)) == 1:
                # the points inside the item, its scoring rule after them: "…公开(5分)缺一项扣2分"
                # (the rule is no item and its 扣N分 no points of the item)
                pts = points(rm.group(1))
                body = body[:rm.start()]
                rule = True
            elif level >= 2 and len(earned := o["earned"].findall(body)) == 1:
                # an item that says what it earns when met: "…有得10分,无落实扣2分;"
                pts = points(earned[0])
            segs.append(_Seg(level, body.strip().rstrip("。.;;,, "), pts, total,
                             b.start + m.start(), b.start + end, rule))
    return segs


def _wrapped_rule(sg: _Seg, head: str) -> bool:
    """An item wrapped onto the next line with its points and rule ("…群众投诉" /
    "(5分),出现事故或投诉不得分。", or "…随时公开(5分)缺一" / "项扣2分。"): the item takes its
    points and the line; False (nothing changed) when the joined text is not that form."""
    full = sg.text + head.strip()
    rm = vocab().outline["rule_points"].search(full)
    if rm is None or len(vocab().annotation.findall(full)) != 1:
        return False
    sg.pts, sg.rule = points(rm.group(1)), True
    sg.text = full[:rm.start()].strip()
    return True


def read_outline(doc: Document) -> list[Draft]:
    o = vocab().outline
    if not may_read_outline(doc):
        return []
    segs = outline_segments(doc)
    # parts: runs of segments between breaks and part headings
    parts: list[tuple[_Seg | None, list[_Seg]]] = []
    cur: list[_Seg] = []
    head: _Seg | None = None
    for sg in segs + [_Seg(-1, "", None, None, len(doc.text), len(doc.text))]:
        if sg.level == -1 or (sg.level <= 1 and sg.pts is None):
            if cur:
                parts.append((head, cur))
            cur, head = [], (sg if sg.level >= 0 else None)
            continue
        cur.append(sg)
    tables: list[Draft] = []
    checked = False
    for head, part in parts:
        if o["claim"].search(doc.text[part[0].start:part[-1].end]):
            continue  # a self-inspection's sections scoring themselves: not a standard
        items, ok = _outline_items(part)
        if items is None:
            continue
        checked = checked or ok
        t = Draft(start=items[0].start, end=items[-1].end, page=doc.page_at(items[0].start),
                   block_index=block_at(doc, items[0].start), last_block=block_at(doc, items[-1].start))
        t.items = items
        if head is not None and head.total is not None:
            t.stated_max = head.total
        tables.append(t)
    if not checked:
        return []  # no category's sub-items add up: not a scoring outline
    # a part of one item only (the tail of a part cut off above) counts beside checked parts
    for t in tables:
        t.outline_part = len(tables) > 1
    return [t for t in tables if len(t.items) >= 2 or len(tables) > 1]


def _outline_items(part: list[_Seg]) -> tuple[list[Item] | None, bool]:
    """Leaves of one part → (items, whether some category's sub-items add up to it);
    None when a category's complete sub-items contradict its points, or an item in the
    middle has no points.  A segment followed by deeper ones is their category; the
    part's very last segment may lack its points (cut by the end of the text)."""
    # the tree: each segment's children are the deeper segments right after it
    kids: list[list[int]] = [[] for _ in part]
    parent: list[int] = [-1] * len(part)
    stack: list[int] = []
    for k, sg in enumerate(part):
        while stack and part[stack[-1]].level >= sg.level:
            stack.pop()
        if stack:
            kids[stack[-1]].append(k)
            parent[k] = stack[-1]
        stack.append(k)
    ok = False
    # the categories above a last segment cut before its points: their sub-items are
    # not all there, so their points are not checked
    cut: set[int] = set()
    if part and part[-1].pts is None:
        p = parent[len(part) - 1]
        while p >= 0:
            cut.add(p)
            p = parent[p]
    for k, sg in enumerate(part):
        if sg.pts is None and not kids[k] and k != len(part) - 1:
            return None, False  # an item without points in the middle: not this form
        ks = kids[k]
        if not ks or sg.pts is None or k in cut:
            continue
        if any(part[x].pts is None for x in ks):
            continue  # its last sub-item was cut: nothing to check
        if abs(sum(part[x].pts for x in ks) - sg.pts) > 1e-9:
            return None, False
        ok = True
    leaves = [sg for k, sg in enumerate(part) if not kids[k] and sg.pts is not None]
    if len(leaves) >= MIN_RULE_ITEMS and all(sg.rule for sg in leaves):
        ok = True  # every criterion states its scoring rule: a standard, checked or not
    items: list[Item] = []
    for k, sg in enumerate(part):
        if kids[k] or sg.pts is None:
            continue
        path, p = [], parent[k]
        while p >= 0:
            path.insert(0, clean_label(part[p].text))
            p = parent[p]
        items.append(Item(path, sg.text, sg.pts, None, sg.start, sg.end))
    return (items or None), ok
