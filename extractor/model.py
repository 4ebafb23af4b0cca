"""Plain data types that flow through the pipeline.

load -> Document (blocks + text) -> normalise -> segment -> find (Fact candidates,
ScoreTable) -> reconcile -> output dict.

A Document's ``text`` is built from its blocks by :func:`DocumentBuilder.build`:
paragraphs are joined with newlines; a table is written one row per line with cells
separated by `` | `` so facts read from tables have character offsets like prose.
Every Block and every Cell knows its span ``[start, end)`` in ``text``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

CELL_SEP = " | "


class ExtractError(Exception):
    """A file that cannot be read. ``code`` is the stable error code of SCHEMA.md."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Warning_:
    code: str
    message: str
    page: int | None = None
    offset: tuple[int, int] | None = None

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.page is not None:
            d["page"] = self.page
        if self.offset is not None:
            d["offset"] = list(self.offset)
        return d


@dataclass
class Cell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    start: int = -1  # span in Document.text (set by the builder)
    end: int = -1


@dataclass
class Table:
    """A grid of cells; a merged cell appears once with its spans resolved."""

    cells: list[Cell]
    n_rows: int
    n_cols: int
    # raw row-wise cell texts as they should be written to ``text`` (one list per row);
    # a merged cell is written only in the row/column where it starts.
    source: str = "grid"  # "grid" (real table) | "pipe" | "stream" (flattened text)
    # flattened text only: the last row lacks the closing bar the other rows end with
    # (the text was cut inside that row)
    open_end: bool = False

    def grid(self) -> list[list[Cell | None]]:
        """Expanded grid: every position points to the cell covering it (or None)."""
        g: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, min(c.row + c.rowspan, self.n_rows)):
                for k in range(c.col, min(c.col + c.colspan, self.n_cols)):
                    g[r][k] = c
        return g

    def rows(self) -> list[list[Cell]]:
        """Cells that start in each row, left to right (what a reader of the text sees)."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for c in sorted(self.cells, key=lambda c: (c.row, c.col)):
            out[c.row].append(c)
        return out

    @classmethod
    def from_rows(cls, rows: list[list[str]], source: str = "grid") -> "Table":
        """A table without merges, from rows of strings (rows may differ in length)."""
        cells = [Cell(r, k, t) for r, row in enumerate(rows) for k, t in enumerate(row)]
        n_cols = max((len(r) for r in rows), default=0)
        return cls(cells=cells, n_rows=len(rows), n_cols=n_cols, source=source)


@dataclass
class Block:
    kind: Literal["paragraph", "table"]
    text: str = ""  # paragraph text (for tables: the rendered rows)
    table: Table | None = None
    page: int | None = None
    start: int = -1
    end: int = -1
    style: str | None = None  # e.g. "heading" when the source marks it


@dataclass
class Source:
    path: str
    sha256: str | None = None
    format: str | None = None
    pages: int | None = None
    encoding: str | None = None
    ocr: bool = False

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "format": self.format,
            "pages": self.pages,
            "encoding": self.encoding,
            "ocr": self.ocr,
        }


@dataclass
class Document:
    source: Source
    blocks: list[Block] = field(default_factory=list)
    text: str = ""
    warnings: list[Warning_] = field(default_factory=list)
    # offset map filled by normalisation: raw_offsets[i] is the index in the
    # pre-normalisation text of character i of ``text`` (None until normalised).
    raw_offsets: list[int] | None = None
    raw_text: str | None = None  # the text before normalisation (set by normalise)
    own_year: int | None = None  # the year its title/opening names (set by normalise)
    # a portal page's metadata lines the loader kept out of ``text`` as chrome (发布时间:…
    # 来源:X 浏览次数:…), as written: read by the metadata only (publisher, date)
    page_lines: list[str] = field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        """Page of the block containing ``offset`` (None for page-less formats)."""
        lo, hi = 0, len(self.blocks) - 1
        best = None
        while lo <= hi:
            mid = (lo + hi) // 2
            b = self.blocks[mid]
            if b.start <= offset:
                best = b
                lo = mid + 1
            else:
                hi = mid - 1
        return best.page if best is not None else None

    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "table"]


class DocumentBuilder:
    """Loaders add paragraphs and tables in reading order, then ``build``."""

    def __init__(self, source: Source):
        self.source = source
        self.blocks: list[Block] = []
        self.warnings: list[Warning_] = []
        self.page_lines: list[str] = []  # see Document.page_lines

    def add_paragraph(self, text: str, page: int | None = None, style: str | None = None) -> None:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        for line in text.split("\n"):
            if line.strip():
                self.blocks.append(Block("paragraph", line, page=page, style=style))

    def add_table(self, table: Table, page: int | None = None) -> None:
        if table.n_rows == 0 or not table.cells:
            return
        # cell text inside ``text`` must not contain newlines or the separator
        for c in table.cells:
            c.text = " ".join(c.text.replace("|", "｜").split())
        self.blocks.append(Block("table", table=table, page=page))

    def warn(self, code: str, message: str, page: int | None = None) -> None:
        self.warnings.append(Warning_(code, message, page))

    def build(self) -> Document:
        parts: list[str] = []
        pos = 0
        for b in self.blocks:
            b.start = pos
            if b.kind == "paragraph":
                parts.append(b.text)
                pos += len(b.text)
            else:
                assert b.table is not None
                lines = []
                for r, row in enumerate(b.table.rows()):
                    line_parts = []
                    for i, c in enumerate(row):
                        if i:
                            line_parts.append(CELL_SEP)
                            pos += len(CELL_SEP)
                        c.start = pos
                        line_parts.append(c.text)
                        pos += len(c.text)
                        c.end = pos
                    if r < b.table.n_rows - 1:
                        line_parts.append("\n")
                        pos += 1
                    lines.append("".join(line_parts))
                b.text = "".join(lines)
                parts.append(b.text)
            b.end = pos
            parts.append("\n")
            pos += 1
        text = "".join(parts)
        doc = Document(source=self.source, blocks=self.blocks, text=text, warnings=self.warnings,
                       page_lines=self.page_lines)
        return doc


@dataclass
class Fact:
    key: str
    value: Any
    unit: str | None
    raw: str
    origin: Literal["text", "table"]
    page: int | None
    offset: tuple[int, int]
    evidence: str
    rule: str

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "value": self.value,
            "unit": self.unit,
            "raw": self.raw,
            "origin": self.origin,
            "page": self.page,
            "offset": list(self.offset),
            "evidence": self.evidence,
            "rule": self.rule,
        }


@dataclass
class ScoreItem:
    path: list[str]
    criterion: str
    max: float | int | None
    score: float | int | None
    offset: tuple[int, int] | None = None

    def to_dict(self) -> dict:
        d = {"path": self.path, "criterion": self.criterion, "max": self.max, "score": self.score}
        if self.offset is not None:
            d["offset"] = list(self.offset)
        return d


@dataclass
class ScoreTable:
    title: str | None
    page: int | None
    offset: tuple[int, int]
    items: list[ScoreItem]
    total: dict
    checks: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "page": self.page,
            "offset": list(self.offset),
            "items": [i.to_dict() for i in self.items],
            "total": self.total,
            "checks": self.checks,
        }


@dataclass
class Findings:
    """What the find stage produced for one document (input of reconcile)."""

    facts: list[Fact] = field(default_factory=list)  # candidates, prose and tables
    score_tables: list[ScoreTable] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    # keys that a table or rule says must not be emitted (ambiguous readings)
    blocked_keys: set[str] = field(default_factory=set)
