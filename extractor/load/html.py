"""HTML loader (.html/.htm/.shtml): charset, main-content extraction, tables.

* Charset: byte-order mark, then ``<meta charset>`` / ``http-equiv`` (decoded strictly;
  GBK/GB2312 are read as their superset GB18030), then the bytes themselves through the
  txt loader's detector chain (UTF-8 → detector → GB18030/Big5).  ``source.encoding``
  records the codec actually used.
* Parsing with lxml's HTML parser.  Scripts, styles, forms, ``<nav>``/``<header>``/
  ``<footer>``/``<aside>``, hidden elements and comments are dropped.
* Main content (extractor/load/html_page.py): starting at ``<body>``, descend into the child that holds ≥ 80 % of
  the parent's Han characters (link text not counted), never into a data table; the
  element where this stops is the report body.  A title element (h1–h3, or a class/id
  containing "title") just before the body is added as the first paragraph when the
  body does not begin with it.  Inside the body, small portal-chrome elements are
  removed by their text: breadcrumbs (当前位置), 索引号/发布机构/文号 metadata tables,
  上一篇/下一篇/上一条/下一条, 打印/关闭/分享/字体, 版权所有/主办单位/ICP备/网站标识码
  footers, link lists.
* Block elements (p, div, br, li, headings, …) break paragraphs; inline elements
  (span, font, b, o:p …) never split words.  Paragraph lines go through
  :mod:`extractor.load.textables` so pipe rows / one-cell-per-line streams written as
  ``<p>`` become tables too.
* Tables: cells placed on a grid with rowspan/colspan (a merged cell appears once, with
  its span).  Cell text with ``<br>``/``<p>`` inside is joined without spaces between
  CJK characters.  A *nested* table is rendered into the text of the cell that holds it
  (its cells joined by spaces, rows by spaces).  A layout table (a single non-empty cell,
  or one cell holding the page body with block content) is unwrapped, not a table.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

import regex
from lxml import etree

from ..model import Cell, DocumentBuilder, ExtractError, Source, Table, Warning_
from .html_page import (NON_HAN, clean_tree, find_main, find_title, han_count, is_layout_table, page_lines, strip_chrome,
                        tag_name, text_of)
from .textables import add_lines, join_wrapped
from .txt import decode_strict, decode_bytes, decode_lenient, decoding_score

_HAN = regex.compile(r"\p{Han}")
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)

BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "tr", "td", "th", "tbody", "thead", "tfoot", "caption", "section", "article",
    "main", "blockquote", "pre", "center", "hr", "address", "figure", "figcaption", "body",
    "html", "fieldset", "legend", "details", "summary",
}


# ------------------------------------------------------------------ decoding


def _norm_codec(name: str) -> str:
    n = name.lower().replace("_", "-")
    if n in ("gbk", "gb2312", "gb-2312", "x-gbk", "cp936", "gb18030", "euc-cn"):
        return "gb18030"
    if n in ("big5", "big-5", "cp950", "x-x-big5"):
        return "big5"
    return n


def _sniff(data: bytes) -> tuple[str, str]:
    """The bytes' own decoding: the txt loader's detector chain."""
    try:
        return decode_bytes(data)
    except ExtractError as e:
        if e.code == "not_text":
            # a page with a few stray NUL/control bytes is still a page
            text, codec, _note = decode_lenient(data)
            return text, codec
    # damaged bytes in an otherwise Chinese page: decode leniently, say so
    return data.decode("gb18030", "replace"), "gb18030"


def _clearly_better(sniffed: str, declared: str) -> bool:
    """The bytes' own decoding reads as Chinese and the declared one does not."""
    s_common, s_share, s_junk = decoding_score(sniffed)
    if s_common < 10 or s_share < 0.8:
        return False
    d_common, d_share, d_junk = decoding_score(declared)
    return d_share < 0.6 or s_common > 2 * d_common or d_junk > s_junk + 10


def decode_html(data: bytes) -> tuple[str, str, str | None]:
    """(text, codec, note): ``note`` says how the page's declared charset (byte-order
    mark or ``<meta charset>``) lied about its bytes, None when it did not."""
    if data.startswith(codecs.BOM_UTF8):
        s = decode_strict(data, "utf-8-sig")
        if s is not None:
            return s, "utf-8-sig", None
        text, codec = _sniff(data[len(codecs.BOM_UTF8):])
        return text, codec, f"a UTF-8 byte-order mark over bytes that are not UTF-8; read as {codec}"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        s = decode_strict(data, "utf-16")
        if s is not None:
            return s, "utf-16", None
    m = _META_CHARSET.search(data[:8192])
    if m:
        declared = m.group(1).decode("ascii", "ignore")
        codec = _norm_codec(declared)
        try:
            codecs.lookup(codec)
        except LookupError:
            codec = None
        if codec:
            s = decode_strict(data, codec)
            if s is not None and codec in ("utf-8", "utf8"):
                return s, codec, None  # valid UTF-8 is distinctive: it is what it says
            if s is not None:
                common, share, junk = decoding_score(s, 50_000)
                if codec in ("gb18030", "big5") and share >= 0.9 and junk <= 10:
                    return s, codec, None
                text, sniffed = _sniff(data)
                if sniffed != codec and _clearly_better(text, s):
                    return text, sniffed, f"<meta charset={declared}> does not match the bytes; read as {sniffed}"
                return s, codec, None
            text, sniffed = _sniff(data)
            if sniffed != codec:
                return text, sniffed, f"<meta charset={declared}> does not decode the bytes; read as {sniffed}"
            return text, sniffed, None
    text, codec = _sniff(data)
    return text, codec, None


# ------------------------------------------------------------------ rendering


class _Walker:
    """Turn the content element into a sequence of lines and tables."""

    def __init__(self):
        self.items: list[tuple[str, object]] = []  # ("line", str) | ("table", Table)
        self.buf: list[str] = []
        self.pre = 0

    def flush(self):
        s = "".join(self.buf)
        self.buf = []
        if not self.pre:
            s = " ".join(s.split())
        if s.strip():
            for line in s.split("\n"):
                if line.strip():
                    self.items.append(("line", line))

    def text(self, s: str | None):
        # as it stands, also outside <pre>: ``flush`` joins the words of what it holds, and
        # what a <pre> holds is flushed before and after it (a block), so every piece is
        # flushed under the same ``pre`` it was added under (a substitution of each
        # piece's whitespace runs was work the join redid)
        if s:
            self.buf.append(s)

    def walk(self, el):
        tag = tag_name(el)
        if tag == "table" and not is_layout_table(el):
            self.flush()
            for kind, val in _table_items(el):
                self.items.append((kind, val))
            self.text(el.tail)
            return
        block = tag in BLOCK_TAGS
        if tag == "br":
            self.flush()
            self.text(el.tail)
            return
        if block:
            self.flush()
        if tag == "pre":
            self.pre += 1
        self.text(el.text)
        for ch in el:
            if isinstance(ch.tag, str):
                self.walk(ch)
            else:
                self.text(ch.tail)
        if block:
            self.flush()
        if tag == "pre":
            self.pre -= 1
        self.text(el.tail)


def _cell_text(td) -> str:
    """Text of a cell: block breaks joined without spaces between CJK characters."""
    if len(td) == 0:  # text only (most cells): what the walker below makes of it
        return " ".join((td.text or "").split())
    w = _Walker()
    w.text(td.text)
    for ch in td:
        if isinstance(ch.tag, str):
            if tag_name(ch) == "table":
                w.flush()
                inner = []
                for kind, val in _table_items(ch):
                    if kind == "table":
                        inner.extend(" ".join(c.text for c in row if c.text) for row in val.rows())
                    else:
                        inner.append(val)
                w.items.append(("line", " ".join(x for x in inner if x)))
                w.text(ch.tail)
            else:
                w.walk(ch)
        else:
            w.text(ch.tail)
    w.flush()
    return join_wrapped(val for kind, val in w.items if kind == "line")


def _rows_of(tbl):
    rows = []
    for ch in tbl:
        t = tag_name(ch)
        if t == "tr":
            rows.append(ch)
        elif t in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in ch if tag_name(r) == "tr")
    return rows


def _int_attr(el, name: str, default: int = 1) -> int:
    v = el.get(name)
    if v is None:
        return default
    if v.isascii() and v.isdigit():  # the common case, without the regex
        return min(int(v), 1000)
    try:
        v = int(re.sub(r"[^0-9]", "", el.get(name, "")) or default)
    except ValueError:
        v = default
    return max(0, min(v, 1000))


def _table_items(tbl) -> list[tuple[str, object]]:
    """A data table → [("line", caption)…, ("table", Table)]."""
    items: list[tuple[str, object]] = []
    cap = tbl.find("caption")
    if cap is not None and text_of(cap).strip():
        items.append(("line", " ".join(text_of(cap).split())))
    trs = _rows_of(tbl)
    # absurd column spans (colspan="1000" on every cell) would make a grid of millions of
    # positions: such a table is laid out without its column merges (all text kept).
    # (A row whose spans add up to more than MAX_GRID_COLS makes _place give up as well:
    # its column passes MAX_GRID_COLS at the latest at that row's last cell.)
    try:
        placed = _place(trs, 1000)
    except _GridTooLarge:
        placed = None
    cells, occupied = placed if placed is not None else _place(trs, 1)
    if not any(cell.text.strip() for cell in cells):
        return items
    n_cols = max((cc for _, cc in occupied), default=-1) + 1
    items.append(("table", Table(cells=cells, n_rows=len(trs), n_cols=n_cols, source="grid")))
    return items


MAX_GRID_COLS = 1000  # far above any real report table (Word allows 63 columns)
MAX_GRID_CELLS = 1_000_000


class _GridTooLarge(Exception):
    pass


def _place(trs, max_span: int) -> tuple[list[Cell], set[tuple[int, int]]]:
    """Cells of the rows ``trs`` placed on the grid (rowspan/colspan resolved).

    With ``max_span`` > 1, raises _GridTooLarge when the spans make the grid wider than
    MAX_GRID_COLS or larger than MAX_GRID_CELLS positions; ``max_span=1`` ignores spans.
    """
    n_rows = len(trs)
    occupied: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    for r, tr in enumerate(trs):
        c = 0
        for td in tr:
            if tag_name(td) not in ("td", "th"):
                continue
            while (r, c) in occupied:
                c += 1
            rs = _int_attr(td, "rowspan")
            cs = min(_int_attr(td, "colspan") or 1, max_span)
            if rs == 0:  # rowspan=0: to the end of the table
                rs = n_rows - r
            rs = max(1, min(rs, n_rows - r, max_span))
            if max_span > 1 and (c + cs > MAX_GRID_COLS or len(occupied) + rs * cs > MAX_GRID_CELLS):
                raise _GridTooLarge
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    occupied.add((rr, cc))
            cells.append(Cell(r, c, _cell_text(td), rowspan=rs, colspan=cs))
            c += cs
    return cells, occupied


# ------------------------------------------------------------------ entry


# characters libxml2 refuses in a str ("All strings must be XML compatible"): C0 controls
# other than tab/newline/return, lone surrogates, U+FFFE/U+FFFF. A form feed or vertical
# tab is whitespace to a browser; the others are invisible junk.
_NON_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NON_XML_SPACE = {"\x0b": " ", "\x0c": " "}


# lxml.html.HTMLParser's options (the defaults), without its HtmlElement class lookup.
# huge_tree lifts libxml2's 10 MB limit on one text node or attribute, which otherwise cuts
# the page there silently (everything after it lost); the loader's byte ceiling
# (``max_bytes``) bounds the input instead.
_PARSER = etree.HTMLParser(huge_tree=True)

# an embedded image/file as a data URI (``src="data:image/png;base64,…"``): never report
# text, often megabytes; emptied before parsing
_DATA_URI = re.compile(r"""(=\s*["']?)data:[^"'\s>]{256,}""", re.I)


def strip_data_uris(text: str) -> tuple[str, int]:
    """``text`` with the payload of long data URIs removed; (text, how many)."""
    if "ata:" not in text and "ATA:" not in text:  # the common case, without the regex
        return text, 0
    return _DATA_URI.subn(r"\1data:", text)


def parse_html(text: str, notes: list[str] | None = None):
    """The page's element tree. ``notes`` (when given) receives a description of every
    place where libxml2 still cut the input (a resource limit), for a warning."""
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        raise ExtractError("empty_file", "the page has no content")
    try:
        root = _fromstring(text)
    except ValueError:
        # control characters or an XML declaration not at the very start: clean and retry
        text = _NON_XML.sub(lambda m: _NON_XML_SPACE.get(m.group(), ""), text)
        text = re.sub(r"<\?xml[^>]*\?>", "", text, count=1, flags=re.I)
        root = _fromstring(text)
    if notes is not None:
        for e in _PARSER.error_log:
            if e.type_name == "ERR_RESOURCE_LIMIT" or "limit exceeded" in e.message.lower():
                notes.append(f"line {e.line}: {e.message.strip()}")
    return root


def _fromstring(text: str):
    root = etree.fromstring(text, _PARSER)
    if root is None:  # as lxml.html.document_fromstring
        raise etree.ParserError("Document is empty")
    return root


# a report (even a one-paragraph excerpt) has more Chinese characters and words of its
# subject; an error page ("404 Not Found", "您访问的页面不存在") or a redirect page has not
MIN_REPORT_HAN = 20
_REPORT_WORD = regex.compile(r"公开|公開|报告|報告|申请|申請|考核|自查|总结|總結")


def _starts_with(lines: list[str], title: str) -> bool:
    key = NON_HAN.sub("", title)
    head = NON_HAN.sub("", "".join(lines[:6]))
    return bool(key) and key in head[: len(key) + 40]


def load(path: Path, source: Source, options: dict, *, data: bytes | None = None):
    """Read a web page into a Document; ``data``: the file's bytes when the dispatcher
    read them already."""
    if data is None:
        data = Path(path).read_bytes()
    text, codec, charset_note = decode_html(data)
    source.encoding = codec
    try:
        doc = _load_text(text, source)
    except ValueError as e:
        # lxml refuses to store control characters (a form feed, a stray \x01) when the
        # tree is edited ("All strings must be XML compatible"): clean them and redo
        if "XML compatible" not in str(e):
            raise
        doc = _load_text(_NON_XML.sub(lambda m: _NON_XML_SPACE.get(m.group(), ""), text), source)
    if charset_note:
        doc.warnings.insert(0, Warning_("charset_mismatch", charset_note))
    return doc


def _load_text(text: str, source: Source):
    text, _n_data_uris = strip_data_uris(text)
    cut: list[str] = []
    try:
        root = parse_html(text, cut)
    except etree.ParserError as e:
        if "empty" not in str(e).lower():
            raise ExtractError("malformed", f"html: cannot parse page ({e})") from e
        # only comments / a doctype: a page without content, not a broken file
        b = DocumentBuilder(source)
        b.warn("empty_content", "no text found in the page body")
        return b.build()
    clean_tree(root)
    body = root.find("body")
    if body is None:
        body = root
    main = find_main(body)
    title = find_title(root, main)
    kept = page_lines(body)  # the page's publisher/date lines, before the chrome goes
    strip_chrome(main)

    w = _Walker()
    w.walk(main)
    w.flush()

    b = DocumentBuilder(source)
    b.page_lines.extend(kept)
    for note in cut:
        b.warn("truncated_input", f"html: the parser stopped reading part of the page ({note}); text after it may be missing")
    lines_so_far = [v for k, v in w.items if k == "line"]
    if title and not _starts_with(lines_so_far, title):
        b.add_paragraph(title, style="heading")
    pending: list[str] = []
    for kind, val in w.items:
        if kind == "line":
            pending.append(val)
        else:
            add_lines(b, pending)
            pending = []
            b.add_table(val)
    add_lines(b, pending)
    if not b.blocks:
        b.warn("empty_content", "no text found in the page body")
    else:
        texts = [v if k == "line" else " ".join(c.text for c in v.cells) for k, v in w.items]
        # (counted until it reaches 100: below that the count itself matters, above it never)
        n_han = 0
        for t in texts:
            n_han += han_count(t)
            if n_han >= 100:
                break
        if n_han < MIN_REPORT_HAN or (n_han < 100 and not any(_REPORT_WORD.search(t) for t in texts)):
            b.warn("no_report_content", f"the page holds no report text ({n_han} Chinese characters): "
                   "an error page (404), a login or redirect page, or a page without the report")
    return b.build()


def load_markup(text: str, source: Source):
    """A Document from an HTML page already decoded to ``text``: handed to the txt loader
    (``load.HOOKS``) for a text file that is a page saved as its script."""
    return _load_text(text, source)
