"""Score tables (考核评分表, 自查评分表, 考评细则, 指标表) -> ScoreTable.

Public API: ``read_score_tables(doc, seg) -> Findings`` with ``score_tables`` filled.

How a table is read (SCHEMA.md "Score tables"):

1. Candidate regions (score_rows.py): Table blocks (expanded grids when cells are
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

Percent-style prose scoring ("(一)工作保障(占比5%,自评得5%)") is read as a score
table with points out of 100.  Two more text forms have readers of their own: a
scoring standard written as a numbered outline with "(N分)" closing every item
(``_read_outline``) and rows whose cells ran together (``_read_runon``); both are read
only where the categories' arithmetic checks out.  In streams the header may follow
what is printed above it ("测评总得分: 81.34" gives the stated score), figures are taken
in the header's column order, and an unknown column name stops the reading of figures
from that column on (warning ``header_unrecognised``).  A table with an assessor's
column (失分原因) gives no score from its 扣分 column.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex
import yaml

from ..model import Document, Findings, ScoreItem, ScoreTable, Warning_
from .score_rows import CellRef, Region, paragraph_regions, table_rows
from ..resources import patterns_dir
from decimal import Decimal, InvalidOperation

PATTERNS_FILE = patterns_dir() / "score_tables.yaml"

P_ROLES = ("max", "self_score", "score", "subtotal", "deduct", "bonus", "minus")
FULL_MARKS = {"满分", "全分"}  # a score cell meaning "the row's max"
T_ROLES = ("label", "criterion")
BLANKS = {"", "/", "-", "—", "——", "–", "无", "空", "\\", "×"}


# ------------------------------------------------------------------ vocabulary
@dataclass
class Vocab:
    header: dict[str, list[str]]
    total_words: list[str]
    deduct_words: list[str]
    points_cell: regex.Pattern
    annotation: regex.Pattern
    bare_annotation: regex.Pattern
    numbering: regex.Pattern
    stream_category: regex.Pattern
    prose_item: regex.Pattern
    header_line: regex.Pattern
    points_header: regex.Pattern
    examples: dict = field(default_factory=dict)
    assessor_columns: tuple[str, ...] = ()
    outline: dict = field(default_factory=dict)
    runon: dict = field(default_factory=dict)
    runon_words: regex.Pattern | None = None
    weights: dict = field(default_factory=dict)
    indicator_score: regex.Pattern | None = None
    # words one of which a header row (``_header_roles``) must hold: a cell of a points
    # role (max, self_score, score, deduct, bonus) contains a word of that role; only the
    # words holding no other of them are kept (the test is "any word in the text")
    header_needs: tuple[str, ...] = ()
    # literals one of which every prose_item match contains (None: no cheap test known)
    prose_needs: tuple[str, ...] | None = None


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    try:  # the required-literal analysis moved from rules.py to regexkit
        from ..regexkit import required as _required
    except ImportError:
        from ..regexkit import required as _required

    data = yaml.load(PATTERNS_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    p = data["patterns"]
    words = sorted({w for ws in data["header"].values() for w in ws}, key=len, reverse=True)
    return Vocab(
        header=data["header"],
        total_words=data["total_words"],
        deduct_words=data["deduct_words"],
        points_cell=regex.compile(p["points_cell"]),
        annotation=regex.compile(p["annotation"]),
        bare_annotation=regex.compile(p["bare_annotation"]),
        numbering=regex.compile(p["numbering"]),
        stream_category=regex.compile(p["stream_category"]),
        prose_item=regex.compile(p["prose_item"]),
        header_line=regex.compile("|".join(regex.escape(w) for w in words)),
        points_header=regex.compile("|".join(regex.escape(w) for r in P_ROLES for w in data["header"].get(r, []))),
        examples=data.get("examples", {}),
        assessor_columns=tuple(data.get("assessor_columns", ())),
        outline={k: regex.compile(x) for k, x in data["outline"].items()},
        runon={"token": regex.compile(data["runon"]["token"]),
               "header": regex.compile("(?:" + "|".join(regex.escape(w) for w in words) + "){3,}")},
        runon_words=regex.compile("|".join(regex.escape(w) for w in words)),
        weights={k: regex.compile(x) for k, x in data["weights"].items()},
        indicator_score=regex.compile(data["indicator_score"]),
        header_needs=_minimal_words(w for r in _HEADER_P_ROLES for w in data["header"].get(r, [])),
        prose_needs=(_required(p["prose_item"]) or (None,))[0],
    )


# a header row needs a cell of one of these roles (see _header_roles)
_HEADER_P_ROLES = ("max", "self_score", "score", "deduct", "bonus", "minus")


def _minimal_words(words) -> tuple[str, ...]:
    """The words that contain none of the others (a text holding any word holds one of these)."""
    ws = set(words)
    return tuple(sorted(w for w in ws if not any(o != w and o in w for o in ws)))


def _has_header_word(v: Vocab, cell_texts) -> bool:
    """False when no row made of these cells can be a header row (``_header_roles``): no
    cell holds a word of a points role (as ``header_role`` looks for it: spaces removed,
    within one cell)."""
    text = "\n".join(cell_texts).replace(" ", "")
    return any(w in text for w in v.header_needs)


# header_role / points per cell text, for the vocabulary they were computed with
_MEMO: dict = {"vocab": None, "role": {}, "points": {}}
_MEMO_MAX = 4096


def _memo(kind: str) -> dict:
    v = vocab()
    if _MEMO["vocab"] is not v:
        _MEMO.update(vocab=v, role={}, points={})
    d = _MEMO[kind]
    if len(d) >= _MEMO_MAX:
        d.clear()
    return d


def header_role(text: str) -> str | None:
    """Role of a header cell (longest matching word wins; ties by the YAML order)."""
    memo = _memo("role")
    try:
        return memo[text]
    except KeyError:
        pass
    t = text.replace(" ", "")
    if not t or len(t) > 40:
        memo[text] = None
        return None
    best, best_len = None, 0
    for role, ws in vocab().header.items():
        for w in ws:
            if w in t and len(w) > best_len:
                best, best_len = role, len(w)
    memo[text] = best
    return best


MAX_POINTS = 1000  # no score table gives one row more points than this


def points(text: str) -> float | int | None:
    """'5分' -> 5, '4.5' -> 4.5; None when the cell is not just a number of points."""
    memo = _memo("points")
    try:
        return memo[text]
    except KeyError:
        pass
    t = text.strip()
    if not vocab().points_cell.match(t):
        memo[text] = None
        return None
    t = regex.sub(r"^(?:得|自评|自查)\s*", "", t).rstrip("分%").strip()
    try:
        v = Decimal(t)  # exact: a 20-digit cell must not come back rounded through float
    except InvalidOperation:
        v = None
    if v is None or abs(v) > MAX_POINTS:
        out = None  # not a number of points any score table gives
    else:
        out = int(v) if v == v.to_integral_value() else float(v)
    memo[text] = out
    return out


def is_blank(text: str) -> bool:
    return text.strip() in BLANKS


def annotations(text: str) -> list[float | int]:
    out = []
    for m in vocab().annotation.finditer(text):
        v = float(m.group(1))
        out.append(int(v) if v.is_integer() else v)
    return out


def clean_label(text: str) -> str:
    v = vocab()
    t = v.annotation.sub("", text)
    t = v.bare_annotation.sub("", t)
    t = v.numbering.sub("", t)
    return regex.sub(r"\s+", "", t).strip(":：,,。")


def _num(x):
    if x is None:
        return None
    x = round(x, 4)
    return int(x) if float(x).is_integer() else x


def _is_total(text: str) -> bool:
    t = text.replace(" ", "")
    return any(t.startswith(w) for w in vocab().total_words) and len(t) <= 12


def _is_deduct(texts: list[str]) -> bool:
    return any(w in t for t in texts for w in vocab().deduct_words)


# ------------------------------------------------------------------ building
@dataclass
class _Item:
    path: list[str]
    criterion: str
    max: float | int | None
    score: float | int | None
    start: int
    end: int


@dataclass
class _Table:
    items: list[_Item] = field(default_factory=list)
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
    title: str | None = None
    checks: list = field(default_factory=list)


def _finish(doc: Document, t: _Table) -> ScoreTable:
    items = [ScoreItem(path=i.path, criterion=i.criterion, max=_num(i.max), score=_num(i.score),
                       offset=(i.start, i.end)) for i in t.items]
    maxes = [i.max for i in items]
    scores = [i.score for i in items if i.score is not None]
    total = {
        "max": _num(sum(maxes)) if maxes and all(m is not None for m in maxes) else None,
        "score": _num(sum(scores)) if scores else None,
        "stated_max": _num(t.stated_max),
        "stated_score": _num(t.stated_score),
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


# ------------------------------------------------------------------ row tables
@dataclass
class _Layout:
    roles: list[str | None]
    n_cols: int
    # what the layout could not place (a column of figures under no known header)
    notes: list[str] = field(default_factory=list)
    # the header names an assessor's column (失分原因): 扣分 gives no claimed score
    assessor: bool = False


def _header_roles(row: list[CellRef]) -> list[str | None] | None:
    """Roles of a header row, or None when the row is not a header."""
    cells = _trim(row)
    if not cells:
        return None
    roles: list[str | None] = []
    prev_key = None
    for c in cells:
        if not c.first and c.key == prev_key and roles:
            roles.append(roles[-1])  # horizontally merged header cell
            continue
        prev_key = c.key
        if c.text and points(c.text) is not None:
            return None
        roles.append(header_role(c.text) if c.text else None)
    named = [r for r in roles if r]
    # a 扣分 column with no 分值 column: the points are the "(N分)" inside the criterion
    # column (评分标准), the score is max − deduction
    minus_only = "minus" in named and "criterion" in named
    if len(named) < 2 or not (minus_only or any(r in ("max", "self_score", "score", "deduct", "bonus") for r in named)):
        return None
    if sum(1 for c in cells if c.text and len(c.text.replace(" ", "")) > 40) > 0:
        return None
    return roles


def _trim(row: list[CellRef]) -> list[CellRef]:
    k = len(row)
    while k and not row[k - 1].text.strip():
        k -= 1
    return row[:k]


def _ptype(text: str) -> str:
    if is_blank(text):
        return "E"
    return "P" if points(text) is not None or text.strip() in FULL_MARKS else "T"


def _fix_minus(roles: list[str | None], data: list[list[CellRef]]) -> list[str | None]:
    """A 扣分 column holding reasons (text), not figures, is ignored."""
    out = list(roles)
    for k, r in enumerate(roles):
        if r != "minus":
            continue
        col = [_ptype(row[k].text) for row in data if k < len(row)]
        if col.count("T") > 0 and col.count("T") >= col.count("P"):
            out[k] = "ignore"
    return out


def _layout(header: list[str | None], data: list[list[CellRef]], grid: bool) -> _Layout:
    widths = [len(_trim(r)) for r in data if r and not _is_total(_first_text(r))]
    n_data = max(widths, default=len(header))
    if grid or n_data <= len(header):
        roles = list(header) + [None] * max(0, n_data - len(header))
        # an unnamed column holding numbers is not a label: ignore it (and say so)
        notes = []
        for k, r in enumerate(roles):
            if r is None:
                col = [_ptype(row[k].text) for row in data if k < len(row)]
                if col.count("P") > col.count("T"):
                    roles[k] = "ignore"
                    notes.append(_unread_column(k))
        return _Layout(_assign_criterion(roles), max(n_data, len(header)), notes)
    # the header has merged cells (fewer names than data columns): use the data's
    # column types and give the header's points roles to the points columns
    full = [_trim(r) for r in data if len(_trim(r)) == n_data]
    types = []
    for c in range(n_data):
        col = [_ptype(r[c].text) for r in full]
        p, t = col.count("P"), col.count("T")
        types.append("P" if p > t else "T")
    hp = [r for r in header if r in P_ROLES]
    pcols = [c for c in range(n_data) if types[c] == "P"]
    roles: list[str | None] = [None] * n_data
    notes = []
    if len(pcols) == len(hp):
        for c, r in zip(pcols, hp):
            roles[c] = r
    # more (or fewer) columns of figures than the header names: which is which would
    # be a guess by position, so none is read
    for c in pcols:
        if roles[c] is None:
            # more columns of figures than the header names: which is which is a guess
            roles[c] = "ignore"
            notes.append(_unread_column(c))
    tcols = [c for c in range(n_data) if types[c] == "T"]
    if header and header[0] == "index" and tcols and tcols[0] == 0:
        roles[0] = "index"
        tcols = tcols[1:]
    first_p = pcols[0] if pcols else n_data
    before = [c for c in tcols if c < first_p]
    after = [c for c in tcols if c > first_p]
    for c in before:
        roles[c] = "label"
    h_after = [r for r in header[header.index(hp[0]) + 1:] if r in T_ROLES] if hp else []
    h_before = [r for r in header[:header.index(hp[0])] if r in T_ROLES] if hp else []
    # a criterion column named before the points too (考核内容 | 分数 | 考核标准): the
    # one before is the criterion, the text after is the scoring rule
    if "criterion" in h_after and after and not ("criterion" in h_before and before):
        roles[after[0]] = "criterion"
        after = after[1:]
    elif before:
        roles[before[-1]] = "criterion"
    for c in after:
        roles[c] = "ignore"
    return _Layout(roles, n_data, notes)


def _unread_column(k: int) -> str:
    return f"column {k + 1} holds figures under no recognised header: not read"


def _assign_criterion(roles: list[str | None]) -> list[str | None]:
    roles = [r if r is not None else "label" for r in roles]
    if "criterion" not in roles:
        first_p = next((k for k, r in enumerate(roles) if r in P_ROLES), len(roles))
        texts = [k for k in range(first_p) if roles[k] == "label"]
        if texts:
            roles[texts[-1]] = "criterion"
    else:
        # several criterion-like columns: the last one before the points is the
        # criterion, the others are label levels (考核内容 | 考核标准)
        crit = [k for k, r in enumerate(roles) if r == "criterion"]
        first_p = next((k for k, r in enumerate(roles) if r in P_ROLES), len(roles))
        keep = [k for k in crit if k < first_p] or crit
        for k in crit:
            if k != keep[-1]:
                roles[k] = "label"
    # text columns right of the criterion (考核方法, 评分说明) are not category levels
    c = next((k for k, r in enumerate(roles) if r == "criterion"), None)
    if c is not None:
        roles = [("ignore" if (r == "label" and k > c) else r) for k, r in enumerate(roles)]
    return roles


def _first_text(row: list[CellRef]) -> str:
    return next((c.text for c in row if c.text.strip()), "")


def _fit(cells: list[CellRef], roles: list[str | None], base: int, has_prev: bool) -> float | None:
    cost = 0.0
    crit = next((k for k, r in enumerate(roles) if r == "criterion"), None)
    covered_crit = False
    for i, c in enumerate(cells):
        col = base + i
        typ = _ptype(c.text)
        if col >= len(roles):
            if typ != "E":
                return None
            continue
        r = roles[col]
        if r in P_ROLES and typ == "T":
            return None
        if r in T_ROLES and typ == "P":
            return None
        if col == crit:
            covered_crit = True
            if typ == "E":
                cost += 2
        if r == "label" and len(c.text) > 40:
            cost += 1
    if crit is not None and not covered_crit:
        cost += 2
    return cost


def _align(row: list[CellRef], lay: _Layout, prev: list[CellRef | None] | None) -> tuple[list[CellRef | None], list[bool]] | None:
    """Place a flattened row's cells on the columns; returns (cells by column, inherited)."""
    roles = lay.roles
    n = lay.n_cols
    cells = _trim(row)
    prefix = 0
    while prefix < n and roles[prefix] == "index" and prefix < len(cells):
        prefix += 1
    rest = cells[prefix:]
    crit = next((k for k, r in enumerate(roles) if r == "criterion"), None)
    first_p = next((k for k, r in enumerate(roles) if r in P_ROLES), n)
    max_shift = (crit if crit is not None else first_p) - prefix
    best = None
    for s in range(0, max(0, max_shift) + 1):
        cost = _fit(rest, roles, prefix + s, prev is not None)
        if cost is None:
            continue
        if s > 0 and prev is None:
            cost += 5
        if best is None or cost < best[0]:
            best = (cost, s)
    if best is None:
        return None
    s = best[1]
    out: list[CellRef | None] = [None] * n
    inh = [False] * n
    for k in range(prefix):
        out[k] = cells[k]
    for k in range(prefix, prefix + s):
        if prev is not None:
            out[k] = prev[k]
            inh[k] = True
    for i, c in enumerate(rest):
        if prefix + s + i < n:
            out[prefix + s + i] = c
    return out, inh


def _read_rows(doc: Document, reg: Region, ctx: dict | None) -> tuple[_Table | None, dict | None]:
    """Read a rows region; ``ctx`` carries the layout of a table continued from the
    previous block (a table crossing a page)."""
    v = vocab()
    rows = reg.rows
    if not rows:
        return None, ctx
    # header: one of the first rows
    segments: list[tuple[int, list[str | None]]] = []
    for h in range(min(4, len(rows))):
        roles = _header_roles(rows[h])
        if roles:
            segments.append((h, roles))
            break
    start_row = segments[0][0] + 1 if segments else 0
    # later sub-headers (倒扣分值 sections) start a new segment
    for h in range(start_row, len(rows)):
        roles = _header_roles(rows[h])
        if roles:
            segments.append((h, roles))
    table = _Table(start=reg.start, end=reg.end, page=reg.page, block_index=reg.block_index,
                   last_block=reg.last_block, from_table=reg.from_table)
    pieces: list[tuple[int, int, _Layout | None]] = []
    if segments and segments[0][0] > 0 and ctx is None:
        # rows above the header: "测评总得分: | 81.34" printed with the unit's name
        _stated_before([c for row in rows[:segments[0][0]] for c in row if c.text.strip()], table)
    if not segments:
        if ctx is None:
            return None, None
        pieces.append((0, len(rows), ctx["layout"]))
    else:
        if segments[0][0] > 0 and ctx is not None:
            pieces.append((0, segments[0][0], ctx["layout"]))
        for k, (h, roles) in enumerate(segments):
            end = segments[k + 1][0] if k + 1 < len(segments) else len(rows)
            lay = _layout(_fix_minus(roles, rows[h + 1:end]), rows[h + 1:end], reg.grid)
            lay.assessor = _assessor_table([c.text for c in rows[h]])
            pieces.append((h + 1, end, lay))
            named = set(roles)
            if "max" in named and named & {"self_score", "score"}:
                table.named_scale = True
    prev = ctx.get("prev") if ctx else None
    last_layout = None
    done = False
    for a, b, lay in pieces:
        if done:
            break
        if lay is None:
            continue
        if last_layout is not None and lay is not last_layout:
            prev = None
        last_layout = lay
        for note in lay.notes:
            if not any(c["message"] == note for c in table.checks):
                table.checks.append({"level": "warning", "message": note})
        seg_rows = rows[a:b]
        deduct_seg = any(r in ("deduct", "bonus") for r in lay.roles)
        aligned: list[tuple[list[CellRef], list[CellRef | None], list[bool]]] = []
        section: str | None = None
        sections: list[str | None] = []
        for row in seg_rows:
            texts = [c.text for c in row if c.text.strip()]
            if not texts:
                continue
            if _is_total(texts[0]):
                _read_total(row, lay, reg.grid, table)
                done = True
                break
            keys = {c.key for c in row if c.text.strip()}
            if len(texts) == 1 and (len(keys) == 1 or not reg.grid) and points(texts[0]) is None \
                    and (v.stream_category.match(texts[0]) or annotations(texts[0])):
                section = clean_label(texts[0])
                prev = None
                continue
            res = None
            if reg.grid:
                cells = list(row[: lay.n_cols]) + [None] * max(0, lay.n_cols - len(row))
                inh = [bool(c is not None and not c.first) for c in cells]
                if _fit([c if c is not None else CellRef("", 0, 0) for c in cells], lay.roles, 0, True) is not None:
                    res = (cells, inh)
                else:  # a flattened layout inside a real table: align it
                    res = _align([c for c in row if c.first], lay, prev)
            else:
                res = _align(row, lay, prev)
            if res is None:
                continue
            cells, inh = res
            aligned.append((row, cells, inh))
            sections.append(section)
            prev = cells
        # which label cells cover only their own row
        use: dict[int, int] = {}
        for _, cells, _ in aligned:
            for k, c in enumerate(cells):
                if c is not None and lay.roles[k] == "label" and c.text:
                    kid = id(c) if not reg.grid else c.key
                    use[kid] = use.get(kid, 0) + 1
        has_max_col = "max" in lay.roles
        items: list[tuple[_Item, list[float | int] | None, float | int | None]] = []
        prev_labels: dict[int, str] = {}
        prev_sec = None
        for (row, cells, inh), sec in zip(aligned, sections):
            labels = []
            own_ann = None
            fresh = False  # a label cell of this row seen: lower blank levels are blank
            if sec != prev_sec:
                prev_labels, prev_sec = {}, sec
            cur_labels: dict[int, str] = {}
            for k, c in enumerate(cells):
                if lay.roles[k] != "label":
                    continue
                if c is None or not c.text:
                    # a blank label cell under a label of the same level: same category
                    if not fresh and k in prev_labels:
                        cur_labels[k] = prev_labels[k]
                        if not labels or labels[-1] != prev_labels[k]:
                            labels.append(prev_labels[k])
                    continue
                if not inh[k]:
                    fresh = True
                lab = clean_label(c.text)
                cur_labels[k] = lab
                if lab and (not labels or labels[-1] != lab):
                    labels.append(lab)
                kid = id(c) if not reg.grid else c.key
                span = c.span_rows if reg.grid else use.get(kid, 1)
                ann = annotations(c.text)
                if ann and span <= 1:
                    own_ann = ann[-1]
            prev_labels = cur_labels
            crit_cells = [c for k, c in enumerate(cells) if c is not None and lay.roles[k] == "criterion"]
            criterion = " ".join(c.text for c in crit_cells if c.text).strip()
            crit_ann = [x for c in crit_cells for x in annotations(c.text)]
            vals: dict[str, float | int | None] = {}
            full = False
            for k, c in enumerate(cells):
                r = lay.roles[k]
                if r in P_ROLES and c is not None and not inh[k] and c.text:
                    if c.text.strip() in FULL_MARKS and r in ("self_score", "score"):
                        full = True
                        continue
                    vals.setdefault(r, points(c.text))
            path = ([sec] if sec and (not labels or labels[0] != sec) else []) + labels
            deduct = deduct_seg or _is_deduct(path + [criterion[:20]])
            score = vals.get("self_score", vals.get("score"))
            if has_max_col:
                mx = vals.get("max")
                if mx is None:
                    mx = own_ann if own_ann is not None else (sum(crit_ann) if crit_ann else None)
            elif own_ann is not None:
                mx = own_ann
            elif crit_ann:
                mx = sum(crit_ann)
            else:
                mx = None
            if deduct:
                mx = None
            if full and score is None:
                score = mx  # 满分: the row's max (null when the max is unknown)
            if score is None and "minus" in vals and vals["minus"] is not None and not lay.assessor \
                    and not any(r in ("self_score", "score") for r in lay.roles) and mx is not None:
                if vals["minus"] <= mx:
                    score = _num(mx - vals["minus"])
                else:
                    table.checks.append({"level": "warning", "message":
                                         f"deduction {vals['minus']} above max {mx}: {'/'.join(labels)} {criterion[:20]}"})
            if mx is None and score is None and not (deduct and criterion):
                continue
            if not criterion and not labels:
                continue
            cs = [c for c in cells if c is not None and c.text and not (c.start < 0)]
            own = [c for c, i in zip(cells, inh) if c is not None and not i and c.text]
            spans = own or cs
            it = _Item(path or [], criterion, mx, score, min(c.start for c in spans), max(c.end for c in spans))
            items.append((it, None, vals.get("score") if "self_score" not in vals else None))
        # a bare 得分 column with no other max source is the scale of each row
        if items and not has_max_col and "self_score" not in lay.roles and "score" in lay.roles \
                and all(it.max is None for it, _, _ in items):
            for it, _, _ in items:
                it.max, it.score = it.score, None
            if table.stated_score is not None and table.stated_max is None:
                table.stated_max, table.stated_score = table.stated_score, None
        table.items.extend(it for it, _, _ in items)
    if not table.items:
        return None, None
    if not done and last_layout is not None and table.stated_score is None and table.stated_max is None:
        # the total written on its own line right after the table ("合计:95.5")
        nb = reg.last_block + 1
        if 0 <= nb < len(doc.blocks) and doc.blocks[nb].kind == "paragraph":
            line = doc.blocks[nb].text.strip().split("\n")[0]
            if _is_total(line) and _TOTAL_NUM.search(line):
                _read_total_cell(line, last_layout, table)
                table.end = max(table.end, doc.blocks[nb].end)
                done = True
    new_ctx = None if done else {"layout": last_layout, "prev": prev}
    return table, new_ctx


_TOTAL_NUM = regex.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


def _read_total_cell(text: str, lay: _Layout, table: _Table) -> None:
    """'合计:95.5' / '总分 95.5分' in one cell: one figure only, else nothing (which is which
    is not certain)."""
    t = text.strip()
    nums = _TOTAL_NUM.findall(t)
    if len(nums) != 1:
        return
    x = points(nums[0])
    if x is None:
        return
    if any(r in ("self_score", "score") for r in lay.roles) and "max" in lay.roles:
        table.stated_score = x
    elif "max" in lay.roles:
        table.stated_max = x


def _read_total(row: list[CellRef], lay: _Layout, grid: bool, table: _Table) -> None:
    pcols = [k for k, r in enumerate(lay.roles) if r in ("max", "self_score", "score", "minus")]
    vals: dict[str, float | int] = {}
    if grid:
        for k in pcols:
            if k < len(row) and row[k].first and points(row[k].text) is not None:
                vals[lay.roles[k]] = points(row[k].text)  # type: ignore[assignment]
    else:
        nums = [points(c.text) for c in row[1:] if points(c.text) is not None]
        for k, x in zip(pcols[::-1], nums[::-1]):
            vals[lay.roles[k]] = x  # type: ignore[assignment]
    if not vals and row:
        _read_total_cell(row[0].text, lay, table)
    if "max" in vals:
        table.stated_max = vals["max"]
    sc = vals.get("self_score", vals.get("score"))
    if sc is None and "minus" in vals and "max" in vals and not lay.assessor \
            and not any(r in ("self_score", "score") for r in lay.roles):
        sc = _num(vals["max"] - vals["minus"])
    if sc is not None:
        table.stated_score = sc
    table.end = max(table.end, row[-1].end if row else table.end)


# ------------------------------------------------------------------ streams
_HAN = regex.compile(r"\p{Han}")
MAX_STREAM_CRITERION = 200  # a criterion cell of a stream under a criterion header

def _read_stream(doc: Document, reg: Region) -> _Table | None:
    """Cells in reading order, no reliable rows: an item is a label cell followed by
    a points cell (its max), optionally a second points cell (its score)."""
    v = vocab()
    cells = [c for c in reg.cells if c.text.strip()]
    if not cells:
        return None
    # header cells: at the start, or after a few cells of what is printed above the
    # table (the unit's name, "测评总得分: 81.34"); a run of header names with a points role
    h0 = _stream_header_start(cells)
    roles: list[str] = []
    headers: list[str] = []
    k = h0
    unknown: str | None = None
    while k < len(cells):
        if _stream_header_cell(cells[k].text):
            roles.append(header_role(cells[k].text) or "")
        elif roles and k + 1 < len(cells) and _unknown_header_cell(cells[k].text) \
                and _stream_header_cell(cells[k + 1].text):
            # a column name the vocabulary does not know, between known ones: its place
            # is certain, its meaning is not; no figure from it on is read by position
            roles.append("")
            unknown = unknown or cells[k].text
        else:
            break
        headers.append(cells[k].text)
        k += 1
    if unknown is not None:
        cut = roles.index("")
        roles = roles[:cut] + ["ignore" if r in P_ROLES else r for r in roles[cut:]]
    p_roles = [r for r in roles if r in P_ROLES]
    has_score_col = any(r in ("self_score",) for r in p_roles) or p_roles.count("score") and "max" in p_roles
    # a 扣分 column right after the max column and no score column: score = max − 扣分,
    # unless the table is an assessor's (its 扣分 is not a claim of the scored body)
    minus_next = (not has_score_col and "max" in roles and "minus" in roles
                  and roles.index("minus") > roles.index("max"))
    assessor = minus_next and _assessor_table(headers)
    first_p = next((x for x, r in enumerate(roles) if r in P_ROLES), len(roles))
    first_role = roles[first_p] if first_p < len(roles) else None
    last_p = max((x for x, r in enumerate(roles) if r in P_ROLES), default=-1)
    # the columns after the max up to the last column of figures, in the header's order
    after_max = roles[first_p + 1:last_p + 1]
    if first_role == "minus":
        assessor = _assessor_table(headers)
    table = _Table(start=reg.start, end=reg.end, page=reg.page, block_index=reg.block_index,
                   last_block=reg.last_block, from_table=reg.from_table)
    if h0:
        _stated_before(cells[:h0], table)
    if unknown is not None:
        table.checks.append({"level": "warning", "message":
                             f"header_unrecognised: column {unknown!r} is no known header; "
                             "its figures and those after it are not read"})
    if k == 0:
        numbered = _numbered_criteria(cells)
        if numbered is not None:
            table.items = numbered
            table.end = max(it.end for it in numbered)
            return table
    section: str | None = None
    i = k
    cur: _Item | None = None
    crit_parts: list[CellRef] = []

    def close():
        nonlocal cur, crit_parts
        if cur is not None:
            if crit_parts:
                cur.criterion = "".join(c.text for c in crit_parts)
                cur.end = max(cur.end, crit_parts[0].end)
            table.items.append(cur)
        cur, crit_parts = None, []

    # a header naming a criterion column after label columns (考核项目 | 考核内容 | 分值 …):
    # the text cell right before the points is the criterion, the text cells between
    # two items are the next item's labels (right-aligned on the label columns: a
    # category cell appears only in the first row it spans)
    crit_mode = "criterion" in roles and any(r in P_ROLES for r in roles[roles.index("criterion"):])
    n_levels = sum(1 for r in roles[:roles.index("criterion")] if r == "label") if crit_mode else 0
    last_p = max((k for k, r in enumerate(roles) if r in P_ROLES), default=-1)
    trailing = sum(1 for r in roles[last_p + 1:] if r) if crit_mode else 0
    pending: list[CellRef] = []  # text cells since the last item (crit_mode)
    levels: list[str] = []  # the label path of the last item (crit_mode)

    def crit_path() -> list[str] | None:
        """Labels of the item about to start, from the pending cells; None when the
        pending cells may be the last row's trailing cells (备注) as well as labels."""
        texts = [x for x in pending if _HAN.search(x.text)]
        if trailing and "index" not in roles and len(texts) <= n_levels and texts and table.items:
            return None  # (before the first item there is no last row: all are labels)
        labels = [clean_label(x.text) for x in texts[len(texts) - min(len(texts), n_levels):]] if n_levels else []
        labels = [x for x in labels if x]
        return levels[:max(0, n_levels - len(labels))] + labels

    n = len(cells)
    next_index = 1
    fig_end = -1
    while i < n:
        c = cells[i]
        if "index" in roles and points(c.text) == next_index:
            next_index += 1  # the row number of a 序号 column
            pending.clear()  # what came before it belongs to the last row
            i += 1
            continue
        m = v.stream_category.match(c.text)
        if m:
            close()
            section = clean_label(c.text)
            i += 1
            continue
        nxt = cells[i + 1] if i + 1 < n else None
        if nxt is not None and not p_roles and "分" not in nxt.text:
            nxt_ok = False
        else:
            nxt_ok = True
        if (nxt_ok and points(c.text) is None and len(c.text) <= (MAX_STREAM_CRITERION if crit_mode else 40)
                and _HAN.search(c.text) and nxt is not None and points(nxt.text) is not None
                and not _is_total(c.text)):
            close()
            mx = points(nxt.text)
            score = None
            j = i + 2
            if first_role in ("minus", "self_score") or (first_role == "score" and has_score_col):
                # the first figure is not the max (a 扣分-only or score-only table): the
                # max is the "(N分)" notes of the row's text, if any
                x, ann = mx, annotations(c.text)
                mx = _num(sum(ann)) if ann else None
                if first_role != "minus":
                    score = x
                elif assessor or mx is None:
                    pass
                elif 0 <= x <= mx:
                    score = _num(mx - x)
                else:
                    table.checks.append({"level": "warning",
                                         "message": f"deduction {x} above max {mx}: {c.text[:20]}"})
            # the figures after the max, in the header's order: each belongs to the
            # next column that holds figures (a 得分率 or unknown column's figure is
            # passed over, never taken for the score)
            for r in after_max:
                if j >= n:
                    break
                if r in T_ROLES:
                    # a text column between two columns of figures (评分标准): its cell
                    # belongs to this row (unless it was blank: the figure comes next)
                    if points(cells[j].text) is None:
                        j += 1
                    continue
                if r not in P_ROLES:
                    j += 1  # a column of other figures or notes (得分率, 备注): its cell
                    continue
                if points(cells[j].text) is None:
                    break
                x = points(cells[j].text)
                j += 1
                if r in ("self_score", "score") and has_score_col and score is None:
                    score = x
                elif r == "minus" and minus_next:
                    if assessor:
                        pass  # the assessor's deduction: part of the row, no claimed score
                    elif mx is not None and 0 <= x <= mx:
                        score = _num(mx - x)
                    else:
                        table.checks.append({"level": "warning",
                                             "message": f"deduction {x} above max {mx}: {c.text[:20]}"})
            if crit_mode:
                labels = crit_path()
                levels = labels or []
                path = ([section] if section else []) + levels
                pending.clear()
                crit = c.text
            else:
                path = ([section] if section else []) + [clean_label(c.text)]
                crit = ""
            if _is_deduct(path + [crit[:20]]):
                mx = None
            cur = _Item(path, crit, mx, score, c.start, cells[j - 1].end)
            fig_end = j  # the cells after the last item's figures start here
            i = j
            continue
        if _is_total(c.text) and nxt is not None and points(nxt.text) is not None:
            close()
            after = cells[i + 2] if i + 2 < n else None
            if has_score_col and after is not None and points(after.text) is not None:
                # 总分 | max | score: the columns' order, as for every item
                table.stated_max, table.stated_score = points(nxt.text), points(after.text)
                i += 3
                continue
            if has_score_col:
                table.stated_score = points(nxt.text)
            else:
                table.stated_max = points(nxt.text)
            i += 2
            continue
        if crit_mode:
            pending.append(c)
        elif cur is not None and len(crit_parts) < 12:
            crit_parts.append(c)
        i += 1
    close()
    # the header names cells after the figures (失分原因, 备注…) but the text ends right
    # after the last item's figures: that row was cut by the end of the excerpt
    if table.items and any(roles[last_p + 1:]) and fig_end >= n \
            and ((not doc.text[cells[-1].end:].strip() and _stream_open(doc, reg)) or _cut_tail(doc, cells[-1].end)):
        it = table.items.pop()
        table.checks.append({"level": "warning", "message":
                             f"last row cut by the end of the text, left out: {'/'.join(it.path)} {it.criterion[:20]}"})
    if len(table.items) < 2:
        return None
    table.end = max(it.end for it in table.items)
    return table


def _cut_tail(doc: Document, end: int) -> bool:
    """What follows the table's last figure is one line without bars that ends the text
    mid-sentence: the last row's next cell (评估要点, 评分标准…), cut by the end of the
    excerpt after the loader closed the table ("…| 1 |" / "政府网站发布土地征用或房")."""
    rest = regex.sub(r"^[\s|｜]+", "", doc.text[end:]).rstrip()
    return (bool(rest) and "\n" not in rest and "|" not in rest and len(rest) <= MAX_STREAM_CRITERION
            and bool(_MID_SENTENCE.search(rest)))


def _stream_open(doc: Document, reg: Region) -> bool:
    """A stream rebuilt by the loader says whether a bar closed its last cell; one read
    from paragraphs (no bars) has nothing to say otherwise."""
    if not reg.from_table:
        return True
    b = doc.blocks[reg.block_index] if 0 <= reg.block_index < len(doc.blocks) else None
    return b is not None and b.table is not None and b.table.open_end


MAX_STREAM_PREAMBLE = 40  # cells printed above a stream's header (unit name, totals)


def _stream_header_start(cells: list[CellRef]) -> int:
    """Index of a stream's header: the first run of >= 2 header cells, one of a points
    role, within the first cells; 0 when the stream starts with it or has none."""
    for h in range(min(len(cells), MAX_STREAM_PREAMBLE + 1)):
        roles = []
        k = h
        while k < len(cells) and _stream_header_cell(cells[k].text):
            roles.append(header_role(cells[k].text))
            k += 1
        if len(roles) >= 2 and any(r in _HEADER_P_ROLES for r in roles):
            return h
    return 0


# a column name, its bracketed note left aside ("链接地址(可以是栏目…)"); a longer cell
# (a title "2021年第二季度市(县、区)直部门评分表") is not one
MAX_STREAM_HEADER = 12
_BRACKETED = regex.compile(r"[(（][^()（）]*[)）]")


def _stream_header_cell(text: str) -> bool:
    t = text.replace(" ", "")
    return (len(t) <= 40 and len(_BRACKETED.sub("", t)) <= MAX_STREAM_HEADER
            and points(t) is None and bool(header_role(t)))


def _unknown_header_cell(text: str) -> bool:
    """A short column name that names no known role (系数, 得分率…): Chinese, no figure."""
    t = text.replace(" ", "")
    return (0 < len(t) <= 8 and bool(_HAN.search(t)) and not regex.search(r"\d", t)
            and header_role(t) is None and not _is_total(t))


def _assessor_table(headers: list[str]) -> bool:
    """The header names a column of the assessor's findings (失分原因): the table was
    scored by someone else, so its 扣分 are the assessor's and max − 扣分 is no claim."""
    words = vocab().assessor_columns
    return any(w in h.replace(" ", "") for h in headers for w in words)


def _stated_before(cells: list[CellRef], table: _Table) -> None:
    """'测评总得分: | 81.34' printed above the table: a total label followed by one figure
    (a label with 得分 is the stated score; any other total label, the stated max)."""
    for a, b in zip(cells, cells[1:]):
        label = a.text.strip().rstrip(":：").replace(" ", "")
        x = points(b.text)
        if x is None or not _is_total(label):
            continue
        if "得分" in label:
            if table.stated_score is None:
                table.stated_score = x
        elif table.stated_max is None:
            table.stated_max = x



_NUMBERED = regex.compile(r"^\s*(\d{1,2})\s*[、.]")
_TRAILING_POINTS = regex.compile(r"[(]\s*(\d{1,3}(?:\.\d+)?)\s*[)]\s*$")


def _numbered_criteria(cells: list[CellRef]) -> list[_Item] | None:
    """Rows that are numbered criteria, each ending with its points in brackets
    (``1、及时准确梳理…(10)``), their grade or score cells blank: every cell of the
    stream is such a row, numbered 1, 2, 3 … (at least 3), or it is not this form."""
    if len(cells) < 3:
        return None
    items = []
    for n, c in enumerate(cells, 1):
        m, p = _NUMBERED.match(c.text), _TRAILING_POINTS.search(c.text)
        if not m or int(m.group(1)) != n or not p or not _HAN.search(c.text[: p.start()]):
            return None
        mx = points(p.group(1))
        if mx is None or mx > 100:
            return None
        items.append(_Item([], c.text[: p.start()].strip(), mx, None, c.start, c.end))
    return items


# ------------------------------------------------------------------ prose
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


def _read_prose(doc: Document) -> list[_Table]:
    v = vocab()
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
        keep: list[int] = []  # offsets in raw of the characters kept
        pos = 0
        for line in raw.split("\n"):
            keep.extend(range(pos, pos + len(line)))
            pos += len(line) + 1
        for m in v.prose_item.finditer(text):
            num = m.group("num")
            lvl = next((k for k, r in enumerate(_LEVEL) if r.match(num)), 2)
            s0, e0 = a + keep[m.start()], a + keep[m.end() - 1] + 1
            bi = next(k for k in run if doc.blocks[k].end >= s0)
            found.append((lvl, _M(m, s0, e0), _Off(0, doc.blocks[bi].page), bi))
    if len(found) < 2:
        return []
    table = _Table(page=found[0][2].page, block_index=found[0][3], last_block=found[-1][3])
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
        table.items.append(_Item([s for _, s in stack] or [name], name, mx, sc,
                                 b.start + m.start(), b.start + m.end()))
    if len(table.items) < 2:
        return []
    table.start = table.items[0].start
    table.end = table.items[-1].end
    return [table]


# ------------------------------------------------------------------ numbered outline
# A scoring standard written as a numbered outline, every point given at the end of its
# item: "1.组织领导。(15分)" / "(1)建立健全…。(10分)" / "(2)结合本部门实际…(5分)".  The
# levels are the outline markers (patterns/score_tables.yaml ``outline``): a part
# "(二)…(总分100分)" starts a table, a numbered heading with points is a category when
# the points of its sub-items add up to it, an item with points and no sub-items is a
# leaf.  Nothing is read unless the arithmetic of some category checks out.
@dataclass
class _Seg:
    level: int  # 0 "一、", 1 "(一)", 2 "1.", 3 "(1)"; -1 a line that is not the outline
    text: str  # without the marker and the trailing points
    pts: float | int | None  # the trailing "(N分)"; None when the item has none
    total: float | int | None  # "(总分N分)" of a part
    start: int
    end: int


def _outline_segments(doc: Document) -> list[_Seg]:
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
            elif level >= 2 and len(earned := o["earned"].findall(body)) == 1:
                # an item that says what it earns when met: "…有得10分,无落实扣2分;"
                pts = points(earned[0])
            segs.append(_Seg(level, body.strip().rstrip("。.;;,, "), pts, total,
                             b.start + m.start(), b.start + end))
    return segs


def _read_outline(doc: Document) -> list[_Table]:
    o = vocab().outline
    if not any(vocab().annotation.search(b.text) for b in doc.blocks if b.kind == "paragraph"):
        return []
    segs = _outline_segments(doc)
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
    tables: list[_Table] = []
    checked = False
    for head, part in parts:
        if o["claim"].search(doc.text[part[0].start:part[-1].end]):
            continue  # a self-inspection's sections scoring themselves: not a standard
        items, ok = _outline_items(part)
        if items is None:
            continue
        checked = checked or ok
        t = _Table(start=items[0].start, end=items[-1].end, page=doc.page_at(items[0].start),
                   block_index=_block_at(doc, items[0].start), last_block=_block_at(doc, items[-1].start))
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


def _block_at(doc: Document, offset: int) -> int:
    return next((k for k, b in enumerate(doc.blocks) if b.start <= offset <= b.end), -1)


def _outline_items(part: list[_Seg]) -> tuple[list[_Item] | None, bool]:
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
    items: list[_Item] = []
    for k, sg in enumerate(part):
        if kids[k] or sg.pts is None:
            continue
        path, p = [], parent[k]
        while p >= 0:
            path.insert(0, clean_label(part[p].text))
            p = parent[p]
        items.append(_Item(path, sg.text, sg.pts, None, sg.start, sg.end))
    return (items or None), ok


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


def _read_runon(doc: Document) -> list[_Table]:
    v = vocab()
    r = v.runon
    out: list[_Table] = []
    k = 0
    blocks = doc.blocks
    while k < len(blocks):
        b = blocks[k]
        m = r["header"].search(b.text) if b.kind == "paragraph" else None
        if m is None or not _runon_header_ok(m.group(0)):
            k += 1
            continue
        last = k
        while last + 1 < len(blocks) and last + 1 - k < MAX_RUNON_BLOCKS and blocks[last + 1].kind == "paragraph":
            last += 1
        a = b.start + m.end()
        t = _runon_table(doc, a, blocks[last].end, k, last)
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
    items: list[_Item] = field(default_factory=list)  # its own items
    done: list[_Item] = field(default_factory=list)  # items of its closed sub-categories


def _runon_table(doc: Document, a: int, b: int, first_block: int, last_block: int) -> _Table | None:
    body = doc.text[a:b]
    stack: list[_Cat] = []  # open categories, outermost first
    done: list[_Item] = []  # items of outermost categories that added up
    wrong = False
    for m in vocab().runon["token"].finditer(body):
        if m.group("cat"):
            pts = points(m.group("cpts"))
            if pts is None or (stack and stack[-1].items):
                break  # a category after items of an unfinished one: the split is lost
            stack.append(_Cat(m.group("cat"), pts))
            continue
        if not stack:
            continue  # an item under no category: nothing to check it by
        pts = points(m.group("pts"))
        if pts is None:
            break
        top = stack[-1]
        top.items.append(_Item([c.name for c in stack], m.group("name"), pts, None,
                               a + m.start("name"), a + m.end("pts")))
        top.total = _num(top.total + pts)
        # close every category whose items (or sub-categories) now add up
        while stack and stack[-1].total >= stack[-1].pts:
            cat = stack.pop()
            if cat.total != cat.pts:
                wrong = True  # more than the category's points: a wrong split
                break
            closed = cat.done + cat.items
            if stack:
                stack[-1].total = _num(stack[-1].total + cat.pts)
                stack[-1].done.extend(closed)
            else:
                done.extend(closed)
        if wrong:
            stack = []  # the whole outermost category is in doubt: none of it is read
            break
    for cat in stack:  # cut by the end of the text: the sub-categories that added up
        done.extend(cat.done)
    if len(done) < 2:
        return None
    t = _Table(start=done[0].start, end=done[-1].end, page=doc.page_at(done[0].start),
               block_index=first_block, last_block=last_block)
    t.items = done
    return t


# ------------------------------------------------------------------ weight lists in prose
# "…59个三级指标,总分100分。其中,一级指标包括:政府信息公开目录建设12分、规范性文件10分、…、
# 政务公开要点4分(见附表1)" or "本指标分为四部分,总分130分。" / "第一部分:…,分值15分。" /
# "第二部分,…,分值55分(政府网站35分、…)。": the parts of a stated total with their points.
# Read only when the parts, taken in order right after the total, add up to it exactly
# (a figure inside a part's brackets is never a part); the total is prose, not a 总计
# row, so it is the check, not the stated max.
MAX_WEIGHT_GAP = 40  # characters between the total and the list's first part
MAX_WEIGHT_BLOCKS = 12  # paragraphs after the total that may hold one part each


def _read_weights(doc: Document) -> list[_Table]:
    w = vocab().weights
    out: list[_Table] = []
    blocks = doc.blocks
    for bi, b in enumerate(blocks):
        if b.kind != "paragraph" or ("总分" not in b.text and "满分" not in b.text):
            continue
        for tm in w["total"].finditer(b.text):
            total = points(tm.group("pts"))
            if total is None or total <= 0:
                continue
            items = _weight_list(doc, b, tm.end(), total) or _weight_parts(doc, bi, tm.end(), total)
            if not items:
                continue
            t = _Table(start=items[0].start, end=items[-1].end, page=doc.page_at(items[0].start),
                       block_index=bi, last_block=_block_at(doc, items[-1].start))
            t.items = items
            out.append(t)
            break
    return out


def _weight_list(doc: Document, b, at: int, total) -> list[_Item] | None:
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
        items.append(_Item([], m.group("name"), points(m.group("pts")), None,
                           b.start + m.start("name"), b.start + m.end()))
        if m.end() < len(text) and text[m.end()] == "、":
            m = w["list_item"].match(text, m.end() + 1)
        else:
            m = None
    return _weights_ok(doc, items, total, b.start + at)


def _weight_parts(doc: Document, bi: int, at: int, total) -> list[_Item] | None:
    """One part per sentence, each starting a paragraph (or a sentence) after the total."""
    w = vocab().weights
    items: list[_Item] = []
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
            items.append(_Item([], m.group("name").strip(), points(m.group("pts")), None,
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


def _weights_ok(doc: Document, items: list[_Item], total, at: int) -> list[_Item] | None:
    if len(items) < 3 or any(it.max is None for it in items):
        return None
    if abs(sum(it.max for it in items) - total) > 1e-9:
        return None
    if vocab().weights["claim"].search(doc.text[max(0, at - 30):items[-1].end]):
        return None  # a self-assessment's claims, not a scoring standard
    return items


# ------------------------------------------------------------------ indicator results in prose
def _read_indicator_scores(doc: Document) -> list[_Table]:
    """A self-inspection stating per indicator, one paragraph each, what it lost and
    scored ("一级指标办事服务中的…扣分2分,得分共计23分。"): an item per paragraph, score as
    stated, max null; >= 2 such paragraphs in a row make a table (a paragraph that does
    not state it, e.g. cut before its score, ends the run)."""
    pat = vocab().indicator_score
    out: list[_Table] = []
    run: list[tuple[int, _Item]] = []

    def flush():
        if len(run) >= 2:
            t = _Table(start=run[0][1].start, end=run[-1][1].end, page=doc.page_at(run[0][1].start),
                       block_index=run[0][0], last_block=run[-1][0])
            t.items = [it for _, it in run]
            out.append(t)
        run.clear()

    for bi, b in enumerate(doc.blocks):
        if b.kind != "paragraph" or not b.text.strip():
            continue
        ms = list(pat.finditer(b.text)) if "得分" in b.text else []
        if len(ms) != 1:
            flush()
            continue
        m = ms[0]
        run.append((bi, _Item([], m.group("name"), None, points(m.group("score")),
                              b.start + m.start(), b.start + m.end())))
    flush()
    return out


# ------------------------------------------------------------------ driver
_TITLE = regex.compile(r"表|细则|评分|考核|考评|指标|得分")
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
        tables = _read_all(doc)
    except Exception as e:  # never let one odd table crash the document
        out.warnings.append(Warning_("score_table_error", f"score table reader failed: {type(e).__name__}: {e}"))
        return out
    out.score_tables = [_finish(doc, t) for t in tables]
    return out


def _read_all(doc: Document) -> list[_Table]:
    v = vocab()
    regions: list[Region] = []
    # a table none of whose cells holds a header word can only be the continuation of a
    # score table on the previous page: its rows are built when it is one
    unbuilt: set[int] = set()  # ids of such regions (rows left empty)
    for bi, b in enumerate(doc.blocks):
        if b.kind == "table" and b.table is not None:
            if b.table.source != "stream" and not _has_header_word(v, (c.text for c in b.table.cells)):
                reg = Region("rows", start=b.start, end=b.end, block_index=bi, last_block=bi, page=b.page,
                             from_table=True)
                unbuilt.add(id(reg))
                regions.append(reg)
            else:
                regions.append(table_rows(b, bi))
    regions.extend(paragraph_regions(doc, v.header_line, v.points_header))
    regions.sort(key=lambda r: (r.start, not r.from_table))

    tables: list[_Table] = []
    ctx = None
    last: _Table | None = None
    for reg in regions:
        if reg.kind == "stream":
            t = _read_stream(doc, reg)
            ctx = None
            if t is not None:
                tables.append(t)
                last = None
            continue
        # a table crossing a page: a headerless table right after a score table
        cont = None
        if reg.from_table and last is not None and last.from_table and ctx is not None and _adjacent(doc, last.last_block, reg.block_index):
            cont = ctx
        if cont is not None and id(reg) in unbuilt:
            reg = table_rows(doc.blocks[reg.block_index], reg.block_index)
        if cont is not None and reg.rows and last.items:
            reg = _merge_fragment(reg, last)
        if cont is None and (id(reg) in unbuilt or not _has_header_word(v, (c.text for row in reg.rows for c in row))):
            t, new_ctx = None, None  # what _read_rows gives a table without a header row
        else:
            t, new_ctx = _read_rows(doc, reg, cont)
        if t is None:
            if reg.from_table:
                last, ctx = None, None
            continue
        if cont is not None and not _has_header(reg):
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
    tables.extend(_read_prose(doc))
    tables.extend(_read_outline(doc))
    tables.extend(_read_runon(doc))
    tables.extend(_read_weights(doc))
    tables.extend(_read_indicator_scores(doc))

    # keep tables with enough items; drop duplicate readings of one table
    kept: list[_Table] = []
    tables.sort(key=lambda t: (not t.from_table, t.start))
    for t in tables:
        _drop_cut_row(doc, t)
        # one row is a table only under a header naming both its max and its score column
        if len(t.items) < 2 and not (t.items and ((t.named_scale and t.from_table) or t.outline_part)):
            continue
        sig = [(i.max, i.score) for i in t.items]
        if any(_same(sig, [(i.max, i.score) for i in k.items]) for k in kept):
            continue
        kept.append(t)
    kept.sort(key=lambda t: t.start)
    for t in kept:
        t.title = _title(doc, t.block_index)
    return kept


# a text that stops here stops mid-sentence: a character, not a full stop, bracket or figure
_MID_SENTENCE = regex.compile(r"[\p{Han},，、:：(（《“]$")


# an opening bracket never closed at the end of a cell: "…管理(2" was cut inside "(2分)"
_OPEN_BRACKET = regex.compile(r"[(（][^)）]{0,6}$")


def _open_end(doc: Document, t: _Table, it: _Item) -> bool:
    """The table was rebuilt from text lines, its last row lacks the closing bar the
    other rows have (``Table.open_end``) and its last cell stops mid-sentence ("…规范性文",
    "…管理(2"), and ``it`` is read from that row.  A last row whose cells are all there
    ("… | 30" at the end of the text) is complete."""
    b = doc.blocks[t.last_block] if 0 <= t.last_block < len(doc.blocks) else None
    if b is None or b.table is None or not b.table.open_end:
        return False
    last = [c for c in b.table.cells if c.row == b.table.n_rows - 1 and c.text]
    if not last or it.end <= min(c.start for c in last):
        return False
    tail = last[-1].text.strip()
    return points(tail) is None and bool(_MID_SENTENCE.search(tail) or _OPEN_BRACKET.search(tail))


def _drop_cut_row(doc: Document, t: _Table) -> None:
    """An excerpt cut inside a table's last row (the text runs out mid-sentence in that
    row: ``…及时更新公开栏信息, 未按照要求`` + end of text): the row is incomplete, so it is
    left out (ANNOTATE.md: complete rows only) and a warning says so."""
    if not t.items:
        return
    it = t.items[-1]
    if doc.text[it.end:].strip():
        return
    if t.from_table:
        # a table rebuilt from text lines says whether its last row lost its closing
        # bar (the text ends inside it); a real table block keeps no trace of that
        if not _open_end(doc, t, it):
            return
    else:
        head = doc.text[:it.end].rstrip()
        last_cell = regex.split(r"[|\n]", head)[-1].strip()
        if not _MID_SENTENCE.search(head) or points(last_cell) is not None:
            return  # ends on a full stop, a bracket or a figure ("2分"): nothing says it is cut
    t.items.pop()
    t.checks.append({"level": "warning", "message":
                     f"last row cut by the end of the text, left out: {'/'.join(it.path)} {it.criterion[:20]}"})


def _same(a: list, b: list) -> bool:
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 2:
        return False
    # one reading contained in the other (e.g. the same table once as a stream)
    n = len(short)
    return any(long_[i:i + n] == short for i in range(len(long_) - n + 1))


def _merge_fragment(reg: Region, last: _Table) -> Region:
    """A row cut by a page break: the first row of the continuation holds only the
    rest of the previous row's text (one cell, no points): join it to that item."""
    first = [c for c in reg.rows[0] if c.text.strip() and c.first]
    if len(first) != 1 or points(first[0].text) is not None or _header_roles(reg.rows[0]):
        return reg
    it = last.items[-1]
    it.criterion = (it.criterion + first[0].text).strip()
    it.end = max(it.end, first[0].end)
    if it.max is None and not _is_deduct(it.path):
        ann = annotations(it.criterion)
        if ann:
            it.max = sum(ann)
    return Region(reg.kind, rows=reg.rows[1:], cells=reg.cells, start=reg.start, end=reg.end,
                  block_index=reg.block_index, last_block=reg.last_block, page=reg.page,
                  grid=reg.grid, from_table=reg.from_table)


def _has_header(reg: Region) -> bool:
    return any(_header_roles(r) for r in reg.rows[:4])


def _adjacent(doc: Document, last_block: int, block_index: int) -> bool:
    if block_index <= last_block:
        return False
    between = doc.blocks[last_block + 1:block_index]
    if len(between) > 4:
        return False
    return all(b.kind == "paragraph" and len(b.text.strip()) <= 40 for b in between)
