"""Column roles of a row table: the header row's names and where each row's cells go.

``header_roles`` reads a header row (None when the row is none); ``column_layout`` gives
every column its role (label, criterion, max, score, …), using the data's cell types
when the header has fewer names than the data has columns; ``align`` places a
flattened row's cells on the columns, inheriting missing leading labels (``fit`` is
the cost of one placement).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .regions import CellRef
from .vocabulary import FULL_MARKS, P_ROLES, T_ROLES, header_role, is_blank, is_total, points


@dataclass
class Layout:
    roles: list[str | None]
    n_cols: int
    # what the layout could not place (a column of figures under no known header)
    notes: list[str] = field(default_factory=list)
    # the header names an assessor's column (失分原因): 扣分 gives no claimed score
    assessor: bool = False


def header_roles(row: list[CellRef]) -> list[str | None] | None:
    """Roles of a header row, or None when the row is not a header."""
    cells = trim(row)
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


def trim(row: list[CellRef]) -> list[CellRef]:
    k = len(row)
    while k and not row[k - 1].text.strip():
        k -= 1
    return row[:k]


def ptype(text: str) -> str:
    if is_blank(text):
        return "E"
    return "P" if points(text) is not None or text.strip() in FULL_MARKS else "T"


def fix_minus(roles: list[str | None], data: list[list[CellRef]]) -> list[str | None]:
    """A 扣分 column holding reasons (text), not figures, is ignored."""
    out = list(roles)
    for k, r in enumerate(roles):
        if r != "minus":
            continue
        col = [ptype(row[k].text) for row in data if k < len(row)]
        if col.count("T") > 0 and col.count("T") >= col.count("P"):
            out[k] = "ignore"
    return out


def column_layout(header: list[str | None], data: list[list[CellRef]], grid: bool) -> Layout:
    widths = [len(trim(r)) for r in data if r and not is_total(first_text(r))]
    n_data = max(widths, default=len(header))
    if grid or n_data <= len(header):
        roles = list(header) + [None] * max(0, n_data - len(header))
        # an unnamed column holding numbers is not a label: ignore it (and say so)
        notes = []
        for k, r in enumerate(roles):
            if r is None:
                col = [ptype(row[k].text) for row in data if k < len(row)]
                if col.count("P") > col.count("T"):
                    roles[k] = "ignore"
                    notes.append(unread_column(k))
        return Layout(assign_criterion(roles), max(n_data, len(header)), notes)
    # the header has merged cells (fewer names than data columns): use the data's
    # column types and give the header's points roles to the points columns
    full = [trim(r) for r in data if len(trim(r)) == n_data]
    types = []
    for c in range(n_data):
        col = [ptype(r[c].text) for r in full]
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
            notes.append(unread_column(c))
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
    return Layout(roles, n_data, notes)


def unread_column(k: int) -> str:
    return f"column {k + 1} holds figures under no recognised header: not read"


def assign_criterion(roles: list[str | None]) -> list[str | None]:
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


def first_text(row: list[CellRef]) -> str:
    return next((c.text for c in row if c.text.strip()), "")


def fit(cells: list[CellRef], roles: list[str | None], base: int, has_prev: bool) -> float | None:
    cost = 0.0
    crit = next((k for k, r in enumerate(roles) if r == "criterion"), None)
    covered_crit = False
    for i, c in enumerate(cells):
        col = base + i
        typ = ptype(c.text)
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


def align(row: list[CellRef], lay: Layout, prev: list[CellRef | None] | None) -> tuple[list[CellRef | None], list[bool]] | None:
    """Place a flattened row's cells on the columns; returns (cells by column, inherited)."""
    roles = lay.roles
    n = lay.n_cols
    cells = trim(row)
    prefix = 0
    while prefix < n and roles[prefix] == "index" and prefix < len(cells):
        prefix += 1
    rest = cells[prefix:]
    crit = next((k for k, r in enumerate(roles) if r == "criterion"), None)
    first_p = next((k for k, r in enumerate(roles) if r in P_ROLES), n)
    max_shift = (crit if crit is not None else first_p) - prefix
    best = None
    for s in range(0, max(0, max_shift) + 1):
        cost = fit(rest, roles, prefix + s, prev is not None)
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
