"""Score tables (考核评分表, 自查评分表, 考评细则, 指标表) -> ScoreTable.

Public API: ``read_score_tables(doc, seg) -> Findings`` with ``score_tables`` filled.

How a table is read (SCHEMA.md "Score tables"):

1. Candidate regions (regions.py): Table blocks (expanded grids when cells are
   merged; rows as written otherwise) and flattened tables the loader left as
   paragraphs (``a | b |`` rows, one cell per line, bar-separated streams, bar-less
   streams after a 分值/评分标准 header).
2. Column roles from the header row (patterns/score_tables.yaml ``header``): labels
   (category levels), criterion, max (分值/权重), score (自查得分/自评得分/得分),
   subtotal (合计得分), deduction (倒扣分值), index, ignored (链接地址, 备注).
3. Flattened rows miss their merged leading cells: each row is aligned to the
   columns by the shift that fits the cell types (points cells in points columns,
   text in text columns, a non-empty criterion); missing leading labels are
   inherited from the row above.
4. max: the max column; else the "(N分)" of a label that covers this row alone; else
   the sum of the "(N分)" annotations inside the criterion; deduction/bonus rows have
   max null.  A bare 得分 column in a table without any other max source is the
   scale (max), not a claimed score.
5. total: computed from the items; stated_* from the 总计/合计 row; checks for
   mismatches and for scores above max.

An indicator table with no points column whose cells carry their own points
("区扶贫办(10.5分) | 扶贫信息(10.5分) | 是否公开…(4.5分)") is read by annotated.py, and
tables crawled as comma-separated rows (" , " between cells, ",," closing a row) are
rebuilt by commas.py for every reader.

Percent-style prose scoring ("(一)工作保障(占比5%,自评得5%)") is read as a score
table with points out of 100.  Two more text forms have readers of their own: a
scoring standard written as a numbered outline with "(N分)" closing every item
(outline.py) and rows whose cells ran together (runon.py); both are read
only where the categories' arithmetic checks out.  In streams the header may follow
what is printed above it ("测评总得分: 81.34" gives the stated score), figures are taken
in the header's column order, and an unknown column name stops the reading of figures
from that column on (warning ``header_unrecognised``).  A table with an assessor's
column (失分原因) gives no score from its 扣分 column.

A results table of several assessed bodies (one row per body, criteria as "…得分(N)"
columns, a 总得分 column) is one score table per body, read by matrix.py only when its
arithmetic checks out (else no items and a warning); rows separated by spaces only after
a run-together header are read by spaced.py.

The package, one job per module, data flowing one way (vocabulary -> regions / commas ->
columns -> grid / stream / matrix / spaced / prose / outline / runon / annotated -> draft.finish): this module is the entry point
and the driver (``read_score_tables``: every reader over the document, continuation of a
table across a page, duplicate readings dropped, titles, rows cut by the end of the text).
gates.py holds the cheap tests by which a prose reader skips a text it cannot read.
"""
from __future__ import annotations

import regex

from ...model import Document, Findings, Warning_
from ...regexkit import may_match
from .draft import Draft, Item, finish
from .annotated import read_annotated
from .commas import comma_regions
from .grid import (has_header, join_broken_header, join_figure_rows, join_split_notes, merge_fragment, read_rows,
                   row_sheets)
from .indicators import read_indicator_scores
from .levels import read_levels
from .repeated import read_repeated
from .matrix import read_per_body, results_title, whitespace_regions
from .outline import read_outline
from .prose import (read_compositions, read_percent_shares, read_prose, read_weighted_sections,
                    read_weights)
from .regions import Region, join_cut_streams, paragraph_regions, table_rows
from .runon import read_runon
from .spaced import read_spaced
from .stream import join_broken_streams, read_stream, stream_sheets
from .vocabulary import (HEADER_P_ROLES, MEMO, MID_SENTENCE, PATTERNS_FILE, Vocab, annotations, clean_label,
                         has_header_word, header_role, is_blank, max_words, points, vocab)

__all__ = ["read_score_tables", "vocab", "Vocab", "PATTERNS_FILE", "header_role", "points", "annotations",
           "clean_label", "is_blank", "has_header_word", "HEADER_P_ROLES", "MEMO"]


# ------------------------------------------------------------------ driver
_TITLE = regex.compile("|".join(vocab().reader_words["title_words"]))
_ANNOTATED = regex.compile(r"分\s*[)】]")  # a cell's own points: what read_annotated needs
_ATTACH = regex.compile(r"^附(件|表)\s*\d*\s*[::]?\s*$")


def _title(doc: Document, block_index: int) -> str | None:
    k = block_index - 1
    seen = 0
    while k >= 0 and seen < 3:
        b = doc.blocks[k]
        if b.kind == "table":
            break
        t = b.text.strip()
        if t and not _ATTACH.match(t):
            seen += 1
            if len(t) <= 60 and _TITLE.search(t) and "|" not in t:
                return t
        k -= 1
    return None


def read_score_tables(doc: Document, seg=None) -> Findings:
    out = Findings()
    try:
        tables = _read_all(doc, out.warnings)
    except Exception as e:  # never let one odd table crash the document
        out.warnings.append(Warning_("score_table_error", f"score table reader failed: {type(e).__name__}: {e}"))
        return out
    out.score_tables = [finish(doc, t) for t in tables]
    return out


def _read_all(doc: Document, warnings: list[Warning_]) -> list[Draft]:
    v = vocab()
    regions: list[Region] = []
    # a table none of whose cells holds a header word can only be the continuation of a
    # score table on the previous page: its rows are built when it is one
    unbuilt: set[int] = set()  # ids of such regions (rows left empty)
    for bi, b in enumerate(doc.blocks):
        if b.kind == "table" and b.table is not None:
            if b.table.source != "stream" and not has_header_word(v, (c.text for c in b.table.cells)):
                reg = Region("rows", start=b.start, end=b.end, block_index=bi, last_block=bi, page=b.page,
                             from_table=True)
                unbuilt.add(id(reg))
                regions.append(reg)
            else:
                regions.append(table_rows(b, bi))
    regions.extend(paragraph_regions(doc, v.header_line, v.points_header))
    regions.extend(comma_regions(doc))
    regions.extend(whitespace_regions(doc))
    regions.sort(key=lambda r: (r.start, not r.from_table))
    regions = join_broken_streams(doc, join_cut_streams(doc, regions))

    tables: list[Draft] = []
    ctx = None
    last: Draft | None = None
    for reg in regions:
        if id(reg) in unbuilt and results_title(doc, reg):
            # names and figures under a results title (县市 | 基础工作情况 | … | 合计): no header
            # word, but maybe a results table of several bodies
            built = table_rows(doc.blocks[reg.block_index], reg.block_index)
            per_body = read_per_body(doc, built)
            if per_body is not None:
                tables.extend(per_body[0])
                warnings.extend(per_body[1])
                ctx, last = None, None
                continue
        if reg.kind == "stream" or id(reg) not in unbuilt:
            per_body = read_per_body(doc, reg)
            if per_body is not None:  # a results table of several bodies: read here or nowhere
                tables.extend(per_body[0])
                warnings.extend(per_body[1])
                ctx, last = None, None
                continue
        if reg.kind == "stream":
            for part in stream_sheets(reg):
                t = read_stream(doc, part)
                if t is not None:
                    tables.append(t)
            ctx, last = None, None
            continue
        # a table crossing a page: a headerless table right after a score table
        cont = None
        if reg.from_table and last is not None and last.from_table and ctx is not None and _adjacent(doc, last.last_block, reg.block_index):
            cont = ctx
        if cont is not None and id(reg) in unbuilt:
            reg = table_rows(doc.blocks[reg.block_index], reg.block_index)
        if cont is None and reg.kind == "rows" and id(reg) not in unbuilt:
            reg = join_figure_rows(join_split_notes(join_broken_header(reg)))
            sheets = row_sheets(reg)
            if len(sheets) > 1:
                # sheets under one header, each its own score table (as stream_sheets)
                last, ctx = None, None
                for part in sheets:
                    t, new_ctx = read_rows(doc, part, None)
                    if t is not None:
                        tables.append(t)
                        last, ctx = t, new_ctx
                continue
        if cont is not None and reg.rows and last.items:
            reg = merge_fragment(reg, last)
        if cont is None and (id(reg) in unbuilt or not has_header_word(v, (c.text for row in reg.rows for c in row))):
            t, new_ctx = None, None  # what read_rows gives a table without a header row
        else:
            t, new_ctx = read_rows(doc, reg, cont)
        if t is None:
            if reg.from_table:
                last, ctx = None, None
            continue
        if cont is not None and not has_header(reg):
            last.items.extend(t.items)
            last.end = max(last.end, t.end)
            last.last_block = t.last_block
            if t.stated_score is not None:
                last.stated_score = t.stated_score
            if t.stated_max is not None:
                last.stated_max = t.stated_max
            ctx = new_ctx
            continue
        tables.append(t)
        last, ctx = t, new_ctx
    tables.extend(read_prose(doc))
    tables.extend(read_outline(doc))
    gates = _gates(v)
    has_max_word = any(w in doc.text for w in gates["max_words"])
    if has_max_word or may_match(doc.text, gates["spaced_header"]):
        tables.extend(read_runon(doc))
    tables.extend(read_spaced(doc))
    tables.extend(read_weights(doc))
    tables.extend(read_compositions(doc))
    tables.extend(read_weighted_sections(doc))
    tables.extend(read_percent_shares(doc))
    tables.extend(read_indicator_scores(doc))
    tables.extend(read_levels(doc))
    if has_max_word:
        tables.extend(read_repeated(doc))
    if _ANNOTATED.search(doc.text):
        tables.extend(read_annotated(doc, [table_rows(doc.blocks[r.block_index], r.block_index)
                                           if id(r) in unbuilt else r for r in regions]))

    # keep tables with enough items; drop duplicate readings of one table
    kept: list[Draft] = []
    tables.sort(key=lambda t: (not t.from_table, t.start))
    for t in tables:
        _drop_cut_row(doc, t)
        # one row is a table only under a header naming both its max and its score column
        if len(t.items) < 2 and not (t.items and ((t.named_scale and t.from_table) or t.outline_part or t.delimited)):
            continue
        sig = [(i.max, i.score) for i in t.items]
        if not t.per_body and any(_same(sig, [(i.max, i.score) for i in k.items]) for k in kept):
            continue
        kept.append(t)
    kept.sort(key=lambda t: t.start)
    for t in kept:
        t.title = _title(doc, t.block_index)
    return kept


# Cheap tests that skip a reader on a text where it cannot read anything (issue 11: the
# run-together readers scan the whole text with an alternation of every column name).
# read_runon's header and read_repeated's need >= 3 column names one of which has the
# max role (runon._runon_header_ok): a text holding no such name literally has no such
# header; read_runon's spaced header needs the literals every match of its pattern holds.
_GATES: dict = {"vocab": None}


def _gates(v: Vocab) -> dict:
    if _GATES["vocab"] is not v:
        from ...regexkit import required
        _GATES.update(vocab=v, max_words=max_words(),
                      spaced_header=required(v.runon["spaced_header"].pattern))
    return _GATES


# an opening bracket never closed at the end of a cell: "…管理(2" was cut inside "(2分)"
_OPEN_BRACKET = regex.compile(r"[(（][^)）]{0,6}$")


def _open_end(doc: Document, t: Draft, it: Item) -> bool:
    """The table was rebuilt from text lines, its last row lacks the closing bar the
    other rows have (``Table.open_end``) and its last cell stops mid-sentence ("…规范性文",
    "…管理(2"), and ``it`` is read from that row.  A last row whose cells are all there
    ("… | 30" at the end of the text) is complete.  In text rows written without closing
    bars (no row has one, so none can lack it) only a bracket left open at the text's end
    ("…管理(2": cut inside "(2分)") says the row is cut."""
    b = doc.blocks[t.last_block] if 0 <= t.last_block < len(doc.blocks) else None
    if b is None or b.table is None or (not b.table.open_end and b.table.source == "grid"):
        return False
    last = [c for c in b.table.cells if c.row == b.table.n_rows - 1 and c.text]
    # a stream holds one cell a row: the row's cells follow its item's figure
    if not last or (b.table.source != "stream" and it.end <= min(c.start for c in last)):
        return False
    tail = last[-1].text.strip()
    if points(tail) is not None:
        return False
    if not b.table.open_end:
        # rows written without closing bars say nothing of a cut: only a bracket opened
        # and never closed at the end of the text ("…登记备案、管理(2") is one
        return bool(_OPEN_BRACKET.search(tail))
    return bool(MID_SENTENCE.search(tail) or _OPEN_BRACKET.search(tail))


def _drop_cut_row(doc: Document, t: Draft) -> None:
    """An excerpt cut inside a table's last row (the text runs out mid-sentence in that
    row: ``…及时更新公开栏信息, 未按照要求`` + end of text): the row is incomplete, so it is
    left out (ANNOTATE.md: complete rows only) and a warning says so."""
    if not t.items:
        return
    it = t.items[-1]
    rest = doc.text[it.end:]
    if _BARS_ONLY.match(rest) and _score_cut_away(doc, t, it):
        _leave_out(t, it)  # one cell a line, the text ends on the row's max: its score is cut away
        return
    if rest.strip():
        if t.from_table and _BARS_ONLY.match(rest) and (_stops_short(doc, t, it) or _open_end(doc, t, it)):
            _leave_out(t, it)  # cut right after a cell, before the row's figures, or inside it
        elif _open_tail(rest):
            _leave_out(t, it)  # the row's last cells after its figures, cut inside a bracket
        return
    if t.from_table:
        # a table rebuilt from text lines says whether its last row lost its closing
        # bar (the text ends inside it); a real table block keeps no trace of that
        if not (_open_end(doc, t, it) or _stops_short(doc, t, it)):
            return
    else:
        head = doc.text[:it.end].rstrip()
        last_cell = regex.split(r"[|\n]", head)[-1].strip()
        if not MID_SENTENCE.search(head) or points(last_cell) is not None:
            return  # ends on a full stop, a bracket or a figure ("2分"): nothing says it is cut
    _leave_out(t, it)


def _score_cut_away(doc: Document, t: Draft, it: Item) -> bool:
    """Cells one a line (a stream, or paragraphs): the text ends right after the last
    item's max (``矿产资源总体规划主要内容`` / ``2`` + end of text), the item has no score
    while most items above it have one - the score cell came next and is cut away. In a
    real grid or in rows of text a blank score cell is written; here it cannot be told
    from a cut, so the row is left out (a lost item, never a wrong one)."""
    if it.score is not None or it.max is None or len(t.items) < 3:
        return False
    if t.from_table:
        b = doc.blocks[t.last_block] if 0 <= t.last_block < len(doc.blocks) else None
        if b is None or b.table is None or b.table.source != "stream":
            return False
    line = doc.text[:it.end].rstrip().rsplit("\n", 1)[-1].strip(" |｜\t")
    if points(line) is None or "|" in line:
        return False  # the item's line is no cell of its own: a row of text
    scored = sum(1 for x in t.items[:-1] if x.score is not None)
    return scored * 2 > len(t.items) - 1


def _open_tail(rest: str) -> bool:
    """What follows the last item to the end of the text is one or two lines of the same
    row (cells written after its figures, one a line: ``41分`` / ``1、有审改…管理(2``), no
    figure among them, the last stopping inside a bracket it opened ("(2" of "(2分)"); the
    item's line ends where the rest starts (text going on in its line is prose)."""
    if not rest.lstrip(" \t|｜").startswith("\n"):
        return False  # the item's own line goes on: prose, no cell of a row
    lines = [x.strip(" |｜\t") for x in rest.strip().splitlines() if x.strip(" |｜\t")]
    return 1 <= len(lines) <= 2 and not any(points(x) is not None for x in lines) \
        and bool(_OPEN_BRACKET.search(lines[-1]))


def _leave_out(t: Draft, it: Item) -> None:
    t.items.pop()
    t.checks.append({"level": "warning", "message":
                     f"last row cut by the end of the text, left out: {'/'.join(it.path)} {it.criterion[:20]}"})


_BARS_ONLY = regex.compile(r"^[\s|｜]*$")


def _stops_short(doc: Document, t: Draft, it: Item) -> bool:
    """The text ends right after a cell of the table's last row, before the row's score
    ("| 政务服务 | 完善政务服务制度(2分)… |" or "…年报 | 1分" + end of text): ``it`` comes
    from that row, the row has fewer cells than the table's widest row, it has no score
    while most items above it have one - or, in a table without scores, it has no figure
    cell while most rows above it have one."""
    b = doc.blocks[t.last_block] if 0 <= t.last_block < len(doc.blocks) else None
    if b is None or b.table is None or b.table.source == "grid" or len(t.items) < 2:
        return False
    rows = b.table.rows()
    last = [c for c in rows[-1] if c.text.strip()]
    if not last or it.end <= min(c.start for c in last) or it.score is not None:
        return False
    widest = max(len([c for c in r if c.text.strip()]) for r in rows)
    scored = sum(1 for x in t.items[:-1] if x.score is not None)
    if scored * 2 > len(t.items) - 1:
        # a blank cell written after the text ("…。 | |") is a score left blank, not a cut
        return len(rows[-1]) < widest
    # a table without scores: the last row holds no figure cell at all while most rows
    # with two cells or more hold one ("主动公开卫生信息工作情况(32分) | 信息公开" + end of
    # the text: its max would be its category's annotation, its 分值 cell is cut away;
    # blank cells written after it, "| ||", are no 分值 either)
    if len(last) >= widest or any(points(c.text) is not None for c in last) \
            or it.start < min(c.start for c in last):
        return False  # (a row going on from the item's row above is no row of its own)
    body = [r for r in rows[:-1] if len([c for c in r if c.text.strip()]) >= 2]
    with_figure = sum(1 for r in body if any(points(c.text) is not None for c in r))
    return len(body) >= 2 and with_figure * 2 > len(body)


def _same(a: list, b: list) -> bool:
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 2:
        return False
    # one reading contained in the other (e.g. the same table once as a stream)
    n = len(short)
    return any(long_[i:i + n] == short for i in range(len(long_) - n + 1))


def _adjacent(doc: Document, last_block: int, block_index: int) -> bool:
    """The table at ``block_index`` may continue the one ending at ``last_block``: only
    short lines between them (a page's footer and header), none opening an attachment
    ("附件2") or titling a table of its own ("…统计表"), and its first row is no header of
    other columns (统计指标 | 单位 | 统计数: a table of its own, not the next page)."""
    if block_index <= last_block:
        return False
    between = doc.blocks[last_block + 1:block_index]
    if len(between) > 4:
        return False
    if not all(b.kind == "paragraph" and len(b.text.strip()) <= 40 for b in between):
        return False
    if any(_ATTACH.match(b.text.strip()) or _OWN_TITLE.search(b.text.strip()) for b in between):
        return False
    t = doc.blocks[block_index].table
    return t is None or not _foreign_header([c for c in t.rows()[0]] if t.n_rows else [])


_OWN_TITLE = regex.compile(rf"(?:{'|'.join(vocab().reader_words['own_title_endings'])})\s*$")
MAX_HEADER_NAME = 8  # characters of a column name


def _foreign_header(cells) -> bool:
    """A row of column names: >= 2 short cells, no figure, one at least a known column name."""
    texts = [c.text.strip() for c in cells if c.text.strip()]
    return len(texts) >= 2 and all(len(x.replace(" ", "")) <= MAX_HEADER_NAME and not regex.search(r"\d", x)
                                   for x in texts) and any(header_role(x) for x in texts)
