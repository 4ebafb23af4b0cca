"""The .docx loader.

The package is opened with python-docx (its lxml parser has ``resolve_entities=False``)
after a cheap safety pass with :mod:`zipfile`: not a zip -> ``not_docx``; a broken zip
or a part with a DTD (``<!DOCTYPE``/``<!ENTITY``) -> ``malformed``; members whose
declared or actual uncompressed size exceeds ``options["max_unzipped_bytes"]``
(200 MB) -> ``too_large`` (zip bombs).

The body XML is walked in order (``w:p``, ``w:tbl``, and the same inside ``w:sdt``
content controls / ``w:customXml``), so paragraphs and tables come out in body
order. Headers, footers, footnotes and comments are not read; deleted revision text
(``w:delText``) and field instructions are skipped.

Tables: ``w:gridSpan`` gives the colspan; ``w:vMerge`` restart/continue chains give the
rowspan (a continued cell is absorbed into the cell above it, so a merged cell appears
once); ``w:gridBefore``/``w:gridAfter`` skip grid columns. A table nested in a cell is
emitted as its own table block right after the table that contains it (depth first,
in reading order); the outer cell keeps only its own paragraphs' text.
Blocks have ``page=None``.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..model import Cell, DocumentBuilder, ExtractError, Table
from .textables import is_chrome_line

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
DEFAULT_MAX_UNZIPPED = 200 * 1024 * 1024

_P, _TBL, _SDT, _SDTCONTENT, _CUSTOMXML = W + "p", W + "tbl", W + "sdt", W + "sdtContent", W + "customXml"
_TR, _TC, _T, _TAB, _BR, _CR = W + "tr", W + "tc", W + "t", W + "tab", W + "br", W + "cr"
_DEL, _DELTEXT, _INSTR, _MOVEFROM = W + "del", W + "delText", W + "instrText", W + "moveFrom"
_PPR, _RPR, _TCPR, _TRPR = W + "pPr", W + "rPr", W + "tcPr", W + "trPr"
_VAL = W + "val"
_NOBREAKHYPHEN, _SYM = W + "noBreakHyphen", W + "sym"


# --------------------------------------------------------------------------- safety
def check_package(path: Path, options: dict) -> None:
    """Zip sanity, size limits and DTD refusal, before any XML is parsed."""
    limit = int(options.get("max_unzipped_bytes") or DEFAULT_MAX_UNZIPPED)
    if not zipfile.is_zipfile(path):
        raise ExtractError("not_docx", "not a .docx file (not a zip package); an old Word file should be named .doc")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if "word/document.xml" not in names and "[Content_Types].xml" not in names:
                raise ExtractError("not_docx", "zip file without word/document.xml: not a Word document")
            declared = sum(i.file_size for i in infos)
            if declared > limit:
                raise ExtractError(
                    "too_large", f"docx members unpack to {declared} bytes, above the limit of {limit}"
                )
            # actual sizes, bounded: zipfile never yields more than a member's declared size,
            # but count anyway so a lying header cannot push us past the limit
            total = 0
            for info in infos:
                if info.is_dir():
                    continue
                is_xml = info.filename.endswith((".xml", ".rels"))
                with zf.open(info) as f:
                    head = b""
                    while True:
                        chunk = f.read(1 << 20)
                        if not chunk:
                            break
                        total += len(chunk)
                        if total > limit:
                            raise ExtractError(
                                "too_large", f"docx members unpack to more than the limit of {limit} bytes"
                            )
                        if is_xml and len(head) < 4096:
                            head += chunk[: 4096 - len(head)]
                if is_xml and (b"<!DOCTYPE" in head or b"<!ENTITY" in head):
                    raise ExtractError("malformed", f"docx part {info.filename} declares a DTD/entities; refused")
    except ExtractError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError) as e:
        raise ExtractError("malformed", f"broken docx package: {e}") from e
    except RuntimeError as e:  # encrypted members
        raise ExtractError("malformed", f"docx package cannot be read: {e}") from e


# --------------------------------------------------------------------------- text
def _para_text(p) -> str:
    """Visible text of a w:p (runs, hyperlinks, inserted revisions, smart tags)."""
    out: list[str] = []
    for el in p.iter():
        tag = el.tag
        if tag == _T:
            if el.text and not _in_deleted(el, p):
                out.append(el.text)
        elif tag == _TAB:
            if _parent_tag(el) != W + "tabs":  # w:tabs/w:tab are tab stops, not text
                out.append("\t")
        elif tag in (_BR, _CR):
            out.append("\n")
        elif tag == _NOBREAKHYPHEN:
            out.append("-")
        elif tag == _SYM:
            ch = el.get(W + "char")
            if ch:
                try:
                    code = int(ch, 16)
                    if code >= 0xF000:  # symbol-font private range: no real character
                        continue
                    if code < 0x20 or 0xD800 <= code <= 0xDFFF:  # controls, lone surrogates
                        continue
                    out.append(chr(code))
                except ValueError:
                    pass
    return "".join(out)


def _parent_tag(el) -> str | None:
    par = el.getparent()
    return par.tag if par is not None else None


def _in_deleted(el, stop) -> bool:
    par = el.getparent()
    while par is not None and par is not stop:
        if par.tag in (_DEL, _MOVEFROM):
            return True
        par = par.getparent()
    return False


def _cell_text(tc) -> str:
    """Text of a cell's own paragraphs (nested tables excluded), paragraphs joined by spaces."""
    parts = []
    for child in _content_children(tc):
        if child.tag == _P:
            t = _para_text(child).strip()
            if t:
                parts.append(t)
    return " ".join(parts)


def _content_children(parent):
    """Block-level children (w:p, w:tbl), descending through sdt/customXml wrappers."""
    for child in parent:
        tag = child.tag
        if tag in (_P, _TBL):
            yield child
        elif tag == _SDT:
            for sc in child:
                if sc.tag == _SDTCONTENT:
                    yield from _content_children(sc)
        elif tag == _CUSTOMXML:
            yield from _content_children(child)


MAX_SPAN = 1000  # Word tables have at most 63 columns; larger spans are damage


def _int_attr(el, default: int) -> int:
    if el is None:
        return default
    try:
        return min(max(1, int(el.get(_VAL))), MAX_SPAN)
    except (TypeError, ValueError):
        return default


# --------------------------------------------------------------------------- tables
MAX_GRID_COLS = 1000


def _read_table(tbl, nested: list) -> Table:
    """Build a Table from w:tbl; nested w:tbl elements are appended to ``nested``.

    A grid wider than MAX_GRID_COLS (damaged gridSpan/gridBefore values) is read again
    without column spans: every cell one grid column wide, all text kept.
    """
    mark = len(nested)
    table = _read_grid(tbl, nested, spans=True)
    if table.n_cols <= MAX_GRID_COLS:
        return table
    del nested[mark:]
    return _read_grid(tbl, nested, spans=False)


def _read_grid(tbl, nested: list, spans: bool) -> Table:
    cells: list[Cell] = []
    # open vertical merges: grid column -> Cell that started there
    open_v: dict[int, Cell] = {}
    n_cols = 0
    rows = [tr for tr in _rows(tbl)]
    for r, tr in enumerate(rows):
        col = 0
        trpr = tr.find(_TRPR)
        if trpr is not None:
            gb = trpr.find(W + "gridBefore")
            if gb is not None and spans:
                col += _int_attr(gb, 0)
        seen_cols: set[int] = set()
        for tc in _row_cells(tr):
            tcpr = tc.find(_TCPR)
            span = 1
            vmerge = None
            if tcpr is not None:
                span = _int_attr(tcpr.find(W + "gridSpan"), 1) if spans else 1
                vm = tcpr.find(W + "vMerge")
                if vm is not None:
                    vmerge = vm.get(_VAL) or "continue"
                hm = tcpr.find(W + "hMerge")  # legacy horizontal merge
                if hm is not None and (hm.get(_VAL) or "continue") == "continue" and cells:
                    prev = cells[-1]
                    if prev.row == r and prev.col + prev.colspan == col:
                        prev.colspan += span
                        col += span
                        continue
            for inner in _content_children(tc):
                if inner.tag == _TBL:
                    nested.append(inner)
            text = _cell_text(tc)
            if vmerge == "continue" and col in open_v and open_v[col].colspan == span:
                above = open_v[col]
                above.rowspan = r - above.row + 1
                if text:  # text typed into a continued cell (rare): keep it
                    above.text = (above.text + " " + text).strip()
            else:
                c = Cell(r, col, text, rowspan=1, colspan=span)
                cells.append(c)
                if vmerge == "restart":
                    open_v[col] = c
                else:
                    open_v.pop(col, None)
            for k in range(col, col + span):
                seen_cols.add(k)
            col += span
        # a column not covered in this row ends its vertical merge
        for k in list(open_v):
            if k not in seen_cols:
                open_v.pop(k)
        n_cols = max(n_cols, col)
    return Table(cells=cells, n_rows=len(rows), n_cols=n_cols, source="grid")


def _rows(tbl):
    for child in tbl:
        if child.tag == _TR:
            yield child
        elif child.tag in (_SDT, _CUSTOMXML):
            for tr in child.iter(_TR):
                if tr.getparent() is not None and _nearest_tbl(tr) is tbl:
                    yield tr


def _row_cells(tr):
    for child in tr:
        if child.tag == _TC:
            yield child
        elif child.tag in (_SDT, _CUSTOMXML):
            for tc in child.iter(_TC):
                if _nearest_tr(tc) is tr:
                    yield tc


def _nearest_tbl(el):
    p = el.getparent()
    while p is not None and p.tag != _TBL:
        p = p.getparent()
    return p


def _nearest_tr(el):
    p = el.getparent()
    while p is not None and p.tag != _TR:
        p = p.getparent()
    return p


# --------------------------------------------------------------------------- styles
def _heading_style_ids(document) -> set[str]:
    ids: set[str] = set()
    try:
        for st in document.styles:
            name = (getattr(st, "name", None) or "").lower()
            sid = getattr(st, "style_id", None)
            if sid and (name.startswith("heading") or name == "title" or name.startswith("标题")):
                ids.add(sid)
    except Exception:  # styles part missing or odd: no heading marks
        pass
    return ids


def _para_style(p, heading_ids: set[str]) -> str | None:
    ppr = p.find(_PPR)
    if ppr is None:
        return None
    ps = ppr.find(W + "pStyle")
    if ps is not None and ps.get(_VAL) in heading_ids:
        return "heading"
    ol = ppr.find(W + "outlineLvl")
    if ol is not None and (ol.get(_VAL) or "9") not in ("9",):
        return "heading"
    return None


# --------------------------------------------------------------------------- load
def _body_from_package(path: Path):
    """``w:body`` of word/document.xml parsed directly (no entities, no network), or None."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as zf:
            data = zf.read("word/document.xml")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        root = etree.fromstring(data, parser)
    except Exception:
        return None
    if root is None or root.tag != W + "document":
        return None
    return root.find(W + "body")
def load(path: Path, source, options: dict):
    check_package(path, options)
    import docx  # python-docx

    repaired = None
    try:
        document = docx.Document(str(path))
    except KeyError as e:
        err = ExtractError("not_docx", f"zip package is not a Word document ({e})")
        err.__cause__ = e
    except ValueError as e:  # e.g. wrong content type (a .xlsx/.pptx renamed)
        err = ExtractError("not_docx", f"not a Word document: {e}")
        err.__cause__ = e
    except Exception as e:
        err = ExtractError("malformed", f"cannot open docx: {type(e).__name__}: {e}")
        err.__cause__ = e
    else:
        err = None
    if err is not None:
        # python-docx needs every part the package index names (content types,
        # relationships, styles); a package missing or garbling one of those still has
        # its text in word/document.xml: read that directly, with a warning
        body = _body_from_package(path)
        if body is None:
            raise err
        repaired = err.message
        heading_ids: set[str] = set()
    else:
        body = document.element.body
        heading_ids = _heading_style_ids(document)
    b = DocumentBuilder(source)
    if repaired:
        b.warn("docx_repaired", f"damaged Word package read from word/document.xml alone ({repaired})")

    def emit_table(tbl) -> None:
        nested: list = []
        table = _read_table(tbl, nested)
        if table.n_rows == 1 and table.n_cols == 1:
            # a framed text box, not a table (PDF renderings show it as a box too)
            if table.cells and table.cells[0].text.strip():
                b.add_paragraph(table.cells[0].text)
        else:
            b.add_table(table)
        for inner in nested:
            emit_table(inner)

    for el in _content_children(body):
        if el.tag == _P:
            text = _para_text(el).replace("\t", " ")
            # a Word file saved from a portal page keeps its chrome lines (来源/浏览次数…)
            if text.strip() and not is_chrome_line(text):
                b.add_paragraph(text, style=_para_style(el, heading_ids))
        else:
            emit_table(el)
    return b.build()
