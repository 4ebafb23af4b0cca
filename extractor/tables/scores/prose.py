"""Score tables written in prose.

``read_prose``: percent-style items "(一)工作保障(占比5%,自评得5%)"; ``read_weights``: the
parts of a stated total with their points ("总分100分。其中…12分、…10分"), read only when
they add up; ``read_percent_shares``: a scheme's parts with their percent shares ("包括A、B、C和D
等四项内容,…分别占30%、30%、20%和20%的权重"), read only when count and sum check (one paragraph per indicator stating its score: ``indicators.py``).
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ...model import Document
from .draft import Draft, Item, block_at
from .gates import (may_read_percent_shares, may_read_prose, may_read_weighted_sections,
                    may_read_weights)
from .vocabulary import clean_label, points, vocab


class _M:
    """A prose match with its span in doc.text."""

    def __init__(self, m, start: int, end: int):
        self.m, self._s, self._e = m, start, end

    def group(self, g):
        return self.m.group(g)

    def start(self):
        return self._s

    def end(self):
        return self._e


@dataclass
class _Off:
    start: int
    page: int | None


_LEVEL = [regex.compile(r"^[一二三四五六七八九十]+\s*、"), regex.compile(r"^[(][一二三四五六七八九十]+[)]"),
          regex.compile(r"^\d+\s*[.、]")]


def read_prose(doc: Document) -> list[Draft]:
    v = vocab()
    # a run's text below is a piece of doc.text without its line breaks, so a literal every
    # prose_item match holds is in the whole text without them wherever a run can match
    # (issue 11: most texts have none, and the runs' offset maps were built for nothing)
    if not may_read_prose(doc):  # (also where its claim is nowhere: gates.py)
        return []
    found = []
    runs: list[list[int]] = []
    for bi, b in enumerate(doc.blocks):
        if b.kind != "paragraph":
            runs.append([])
            continue
        if not runs or not runs[-1]:
            runs.append([])
        runs[-1].append(bi)
    for run in runs:
        if not run:
            continue
        a = doc.blocks[run[0]].start
        raw = doc.text[a:doc.blocks[run[-1]].end]
        # line breaks (PDF wrapping) may fall anywhere, even inside a word: match on
        # the text without them and map positions back
        text = raw.replace("\n", "")
        if v.prose_needs is not None and not any(w in text for w in v.prose_needs):
            continue  # prose_item cannot match (most runs: no offset map built)
        keep: list[int] = []  # offsets in raw of the characters kept (made at the first match)
        for m in v.prose_item.finditer(text):
            if not keep:
                pos = 0
                for line in raw.split("\n"):
                    keep.extend(range(pos, pos + len(line)))
                    pos += len(line) + 1
            num = m.group("num")
            lvl = next((k for k, r in enumerate(_LEVEL) if r.match(num)), 2)
            s0, e0 = a + keep[m.start()], a + keep[m.end() - 1] + 1
            bi = next(k for k in run if doc.blocks[k].end >= s0)
            found.append((lvl, _M(m, s0, e0), _Off(0, doc.blocks[bi].page), bi))
    if len(found) < 2:
        return []
    table = Draft(page=found[0][2].page, block_index=found[0][3], last_block=found[-1][3])
    stack: list[tuple[int, str]] = []
    for idx, (lvl, m, b, bi) in enumerate(found):
        name = clean_label(m.group("name"))
        while stack and stack[-1][0] >= lvl:
            stack.pop()
        nxt_lvl = found[idx + 1][0] if idx + 1 < len(found) else -1
        if nxt_lvl > lvl:
            stack.append((lvl, name))
            continue
        mx = float(m.group("max"))
        sc = float(m.group("score"))
        table.items.append(Item([s for _, s in stack] or [name], name, mx, sc,
                                 b.start + m.start(), b.start + m.end()))
    if len(table.items) < 2:
        return []
    table.start = table.items[0].start
    table.end = table.items[-1].end
    return [table]


# ------------------------------------------------------------------ weight lists in prose
# "…59个三级指标,总分100分。其中,一级指标包括:政府信息公开目录建设12分、规范性文件10分、…、
# 政务公开要点4分(见附表1)" or "本指标分为四部分,总分130分。" / "第一部分:…,分值15分。" /
# "第二部分,…,分值55分(政府网站35分、…)。": the parts of a stated total with their points.
# Read only when the parts, taken in order right after the total, add up to it exactly
# (a figure inside a part's brackets is never a part); the total is prose, not a 总计
# row, so it is the check, not the stated max.
MAX_WEIGHT_GAP = 40  # characters between the total and the list's first part
MAX_WEIGHT_BLOCKS = 12  # paragraphs after the total that may hold one part each


def read_weights(doc: Document) -> list[Draft]:
    w = vocab().weights
    out: list[Draft] = []
    blocks = doc.blocks
    if not may_read_weights(doc):
        return out
    for bi, b in enumerate(blocks):
        if b.kind != "paragraph" or not any(t in b.text for t in vocab().reader_words["total_marks"]):
            continue
        for tm in w["total"].finditer(b.text):
            total = points(tm.group("pts"))
            if total is None or total <= 0:
                continue
            items = (_weight_list(doc, b, tm.end(), total) or _weight_parts(doc, bi, tm.end(), total)
                     or _weight_clauses(doc, b, tm, total))
            if not items:
                continue
            t = Draft(start=items[0].start, end=items[-1].end, page=doc.page_at(items[0].start),
                       block_index=bi, last_block=block_at(doc, items[-1].start))
            t.items = items
            out.append(t)
            break
    return out


def _weight_list(doc: Document, b, at: int, total) -> list[Item] | None:
    """Parts joined by 、 after the total, in the same paragraph."""
    w = vocab().weights
    text = b.text
    first = None
    for m in w["list_item"].finditer(text, at, min(len(text), at + MAX_WEIGHT_GAP + 40)):
        first = m
        break
    if first is None or first.start() - at > MAX_WEIGHT_GAP:
        return None
    items, m = [], first
    while m is not None:
        items.append(Item([], m.group("name"), points(m.group("pts")), None,
                           b.start + m.start("name"), b.start + m.end()))
        if m.end() < len(text) and text[m.end()] == "、":
            m = w["list_item"].match(text, m.end() + 1)
        else:
            m = None
    return _weights_ok(doc, items, total, b.start + at)


def _weight_parts(doc: Document, bi: int, at: int, total) -> list[Item] | None:
    """One part per sentence, each starting a paragraph (or a sentence) after the total."""
    w = vocab().weights
    items: list[Item] = []
    for b in doc.blocks[bi:bi + 1 + MAX_WEIGHT_BLOCKS]:
        if b.kind != "paragraph":
            break
        a = (at - b.start) if b is doc.blocks[bi] else 0
        text = b.text
        found = False
        # sentences of this paragraph from ``a`` on
        pos = a
        while pos < len(text):
            seg = text[pos:]
            lead = len(seg) - len(seg.lstrip("。 "))
            m = w["part_item"].match(text, pos + lead)
            if m is None:
                break
            items.append(Item([], m.group("name").strip(), points(m.group("pts")), None,
                               b.start + m.start("name"), b.start + m.end()))
            found = True
            nxt = _sentence_end(text, m.end())
            if nxt is None:
                break
            pos = nxt
        if not found and items:
            break
        if not found and b is not doc.blocks[bi]:
            break
    return _weights_ok(doc, items, total, doc.blocks[bi].start + at)


def _weight_clauses(doc: Document, b, tm, total) -> list[Item] | None:
    """Parts as clauses of their own after the total ("其中,工作考核70分,由…打分;专业评价30分,
    由…"): each clause opens with its name and points and runs to the next ;/； of the
    sentence. Two parts only under a stated count of two before the total."""
    w = vocab().weights
    text = b.text
    lead = w["clause_lead"].match(text, tm.end())
    at = lead.end() if lead else tm.end()
    items: list[Item] = []
    while True:
        m = w["clause_item"].match(text, at)
        if m is None:
            break
        items.append(Item([], m.group("name").strip(), points(m.group("pts")), None,
                           b.start + m.start("name"), b.start + m.end()))
        stop = len(text)
        for ch in "。;；":
            k = text.find(ch, m.end())
            if 0 <= k < stop:
                stop = k
        if stop >= len(text) or text[stop] == "。":
            break
        at = stop + 1
        while at < len(text) and text[at] in " \t":
            at += 1
    if len(items) == 2:
        before = text[max(0, tm.start() - 40):tm.start()]
        if not w["two_parts"].search(before):
            return None
        return _weights_ok(doc, items, total, b.start + tm.end(), min_parts=2)
    return _weights_ok(doc, items, total, b.start + tm.end())


def _sentence_end(text: str, pos: int) -> int | None:
    """Position after the next 。 outside brackets, or None."""
    depth = 0
    for k in range(pos, len(text)):
        ch = text[k]
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif ch == "。" and depth == 0:
            return k + 1
    return None


def _weights_ok(doc: Document, items: list[Item], total, at: int, min_parts: int = 3) -> list[Item] | None:
    if len(items) < min_parts or any(it.max is None for it in items):
        return None
    if abs(sum(it.max for it in items) - total) > 1e-9:
        return None
    if vocab().weights["claim"].search(doc.text[max(0, at - 30):items[-1].end]):
        return None  # a self-assessment's claims, not a scoring standard
    return items


# ------------------------------------------------------------------ compositions in prose
MAX_SCALE_BACK = 80  # characters before a composition where its scheme's total may be stated
# (the sentence before: "考评实行100分制量化计分。考评总分由…")


def read_compositions(doc: Document) -> list[Draft]:
    """A scheme's total made of parts with their points in brackets ("考评总分由考评内容分
    (60分)、干部职工测评分(15分)、纳税人测评分(25分)组成"), read only against a stated total
    (``scale``: 总分N分, 满分N分, N分制, in the sentence or the text just before): the parts
    add up to it; a list cut by the end of the text keeps its complete parts when they stay
    below it."""
    w = vocab().weights
    out: list[Draft] = []
    for bi, b in enumerate(doc.blocks):
        if b.kind != "paragraph" or "由" not in b.text or "分" not in b.text:
            continue
        for cm in w["composition"].finditer(b.text):
            items = _composition(doc, b, cm, w)
            if items:
                t = Draft(start=items[0].start, end=items[-1].end, page=doc.page_at(items[0].start),
                          block_index=bi, last_block=bi)
                t.items = items
                out.append(t)
                break
    return out


def _composition(doc: Document, b, cm, w) -> list[Item] | None:
    text = b.text
    items: list[Item] = []
    at = cm.end()
    while True:
        m = w["composition_item"].match(text, at)
        if m is None:
            break
        items.append(Item([], m.group("name").strip(), points(m.group("pts")), None,
                           b.start + m.start("name"), b.start + m.end()))
        j = w["composition_join"].match(text, m.end())
        if j is None or w["composition_item"].match(text, j.end()) is None:
            at = m.end()
            break
        at = j.end()
    if len(items) < 2 or any(it.max is None for it in items):
        return None
    cut = w["composition_end"].match(text, at) is None
    if cut:
        # the list stops in a part with no points: only a text that ends there was cut
        c = w["composition_cut"].match(text, at)
        if c is None or doc.text[b.start + c.end():].strip():
            return None
    a0 = b.start + cm.start()
    back = doc.text[max(0, a0 - MAX_SCALE_BACK):b.start + at]
    scales = {points(s.group("pts") or s.group("pts2")) for s in w["scale"].finditer(back)}
    if len(scales) != 1:
        return None   # no total stated, or two: nothing to check the parts against
    total = scales.pop()
    got = sum(it.max for it in items)
    if (cut and not got < total) or (not cut and abs(got - total) > 1e-9):
        return None
    end = text.find("。", at)
    if w["claim"].search(doc.text[max(0, a0 - 30):b.start + (end if end >= 0 else len(text))]):
        return None  # a self-assessment's claims, not a scoring scheme
    return items


# ------------------------------------------------------------------ weighted sections in prose
_CN = {c: k for k, c in enumerate("一二三四五六七八九十", 1)}
_COUNT_TRAD = {"兩": 2}


def read_weighted_sections(doc: Document) -> list[Draft]:
    """Parts named with their count ("考评工作分A和B两个部分", "设定为A、B、C和D四个环节"), then
    one numbered section per part in the listed order, each with its percent weight in its
    heading ("(一)A(40%)", "(一)A(权重70%)") or on the line after it ("权重:70%"): items
    with max = the weight out of 100, read when every part has its weight and they add up
    to 100%, or when the text ends before the later sections and the first ones stay below
    100%. A section between them that is not the next part stops the reading."""
    w = vocab().weights
    shares = vocab().percent_shares
    text = doc.text
    if not may_read_weighted_sections(doc):  # (no "%", no weight: gates.py)
        return []
    out: list[Draft] = []
    for im in w["section_intro"].finditer(text):
        n = _COUNT.get(im.group("n")) or _COUNT_TRAD.get(im.group("n"))
        names = _part_names(im.group("names"), n, shares)
        if names is None:
            continue
        end = text.find("。", im.end())
        if shares["claim"].search(text[text.rfind("\n", 0, im.start()) + 1:end if end >= 0 else im.end()]):
            continue
        items = _weighted_sections(doc, im.end(), names, w)
        if items:
            t = Draft(start=items[0].start, end=items[-1].end, page=doc.page_at(items[0].start),
                      block_index=block_at(doc, items[0].start), last_block=block_at(doc, items[-1].start))
            t.items = items
            out.append(t)
    return out


def _part_names(names: str, n: int | None, shares) -> list[str] | None:
    if not n or n < 2:
        return None
    spans = _name_spans(names, 0)
    if len(spans) == n - 1:
        a, e = spans[-1]
        joins = list(shares["last_join"].finditer(names[a:e]))
        if len(joins) != 1:
            return None
        j = joins[0]
        spans[-1:] = [(a, a + j.start()), (a + j.end(), e)]
    out = [names[a:e].strip() for a, e in spans]
    if len(out) != n or not all(shares["name"].match(x) for x in out):
        return None
    return out


def _weighted_sections(doc: Document, at: int, names: list[str], w) -> list[Item] | None:
    text = doc.text
    lines = []
    pos = text.find("\n", at)
    while 0 <= pos < len(text):
        nxt = text.find("\n", pos + 1)
        e = nxt if nxt >= 0 else len(text)
        lines.append((text[pos + 1:e], pos + 1))
        pos = nxt
    items: list[Item] = []
    for i, (line, start) in enumerate(lines):
        h = w["section_head"].match(line)
        if h is None:
            continue
        k = _CN.get(h.group("k"))
        if k != len(items) + 1 or len(items) == len(names):
            break   # another list, or sections after the parts
        if h.group("name").strip() != names[len(items)]:
            return None   # a section that is not the next part: no reading
        wt, wend = h.group("w"), start + h.end("w") if h.group("w") else None
        if wt is None:
            for line2, start2 in lines[i + 1:i + 3]:
                if not line2.strip():
                    continue
                wm = w["section_weight"].match(line2)
                if wm:
                    wt, wend = wm.group("w"), start2 + wm.end()
                break
        if wt is None:
            return None   # a part's section without its weight
        items.append(Item([], h.group("name").strip(), points(wt), None, start + h.start("name"), wend))
    if len(items) < 2 or any(it.max is None for it in items):
        return None
    got = sum(it.max for it in items)
    if len(items) == len(names):
        return items if abs(got - 100) < 1e-9 else None
    # fewer sections than parts: only a text that ends before the next one was cut
    nxt_mark = "一二三四五六七八九十"[len(items)]
    if regex.search(rf"(?m)^\s*[(（]{nxt_mark}[)）]", text[items[-1].end:]):
        return None
    return items if got < 100 else None


# ------------------------------------------------------------------ percent shares in prose
_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def read_percent_shares(doc: Document) -> list[Draft]:
    """A scheme's parts with their percent shares of the score, in one sentence
    (patterns/score_tables.yaml ``percent_shares``): each share is read as points out of
    100.  Read only when the stated count is the number of names and of shares, and the
    shares add up to 100%; a claimed score in the sentence makes it no scheme."""
    w = vocab().percent_shares
    out: list[Draft] = []
    if not may_read_percent_shares(doc):
        return out
    for bi, b in enumerate(doc.blocks):
        if b.kind != "paragraph" or "%" not in b.text:
            continue
        for m in w["sentence"].finditer(b.text):
            items = _shares(b, m, w)
            if not items:
                continue
            t = Draft(start=items[0].start, end=items[-1].end, page=doc.page_at(items[0].start),
                      block_index=bi, last_block=bi)
            t.items = items
            out.append(t)
    return out


def _shares(b, m, w) -> list[Item] | None:
    n = _COUNT[m.group("n")]
    pcts = [points(p.group("v")) for p in w["pct"].finditer(m.group("pcts"))]
    if m.group("each"):
        if len(pcts) != 1:
            return None
        pcts = pcts * n
    if len(pcts) != n or any(p is None for p in pcts) or abs(sum(pcts) - 100) > 1e-9:
        return None
    sentence_end = b.text.find("。", m.end())
    if w["claim"].search(b.text[m.start():len(b.text) if sentence_end < 0 else sentence_end]):
        return None
    names_at = m.start("names")
    spans = _name_spans(m.group("names"), 0)
    if len(spans) == n - 1:
        # the last name may hold the list's one 和/及/与: "公开时效和保障措施"
        a, e = spans[-1]
        last = m.group("names")[a:e]
        joins = list(w["last_join"].finditer(last))
        if len(joins) != 1:
            return None
        j = joins[0]
        spans[-1:] = [(a, a + j.start()), (a + j.end(), e)]
    if len(spans) != n:
        return None
    names = m.group("names")
    items = []
    for (a, e), p in zip(spans, pcts):
        name = names[a:e].strip()
        if not w["name"].match(name):
            return None
        items.append(Item([], name, p, None, b.start + names_at + a, b.start + m.end()))
    return items


def _name_spans(text: str, at: int) -> list[tuple[int, int]]:
    spans, a = [], at
    for k, ch in enumerate(text):
        if ch == "、":
            spans.append((a, k))
            a = k + 1
    spans.append((a, len(text)))
    return spans
