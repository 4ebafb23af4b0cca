"""The .docx loader.

The package index is read as python-docx's package reader reads it (straight from the
zip by :mod:`.docx_package` where that gives the same, else with python-docx) after a
cheap safety pass on the same ZipFile (``docx_package.checked_zip``): not a zip ->
``not_docx``; a broken zip or a part with a DTD (``<!DOCTYPE``/``<!ENTITY``) ->
``malformed``; members whose declared uncompressed size exceeds
``options["max_unzipped_bytes"]`` (200 MB) -> ``too_large`` (zip bombs). Only the
parts the loader reads are unpacked and parsed (``_open_package``): the main document
(lxml, ``resolve_entities=False``, python-docx's parser settings) and, when the body names
a paragraph style, styles.xml.

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
from .docx_package import checked_zip, read_plain
from .chrome import is_page_line
from .textables import ParagraphRun, is_chrome_line

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS

_P, _TBL, _SDT, _SDTCONTENT, _CUSTOMXML = W + "p", W + "tbl", W + "sdt", W + "sdtContent", W + "customXml"
_TR, _TC, _T, _TAB, _BR, _CR = W + "tr", W + "tc", W + "t", W + "tab", W + "br", W + "cr"
_DEL, _DELTEXT, _INSTR, _MOVEFROM = W + "del", W + "delText", W + "instrText", W + "moveFrom"
_PPR, _RPR, _TCPR, _TRPR = W + "pPr", W + "rPr", W + "tcPr", W + "trPr"
_VAL = W + "val"
_NOBREAKHYPHEN, _SYM = W + "noBreakHyphen", W + "sym"
_TEXT_TAGS = (_T, _TAB, _BR, _CR, _NOBREAKHYPHEN, _SYM)   # the elements _para_text reads
_GRIDBEFORE, _GRIDSPAN, _VMERGE, _HMERGE = W + "gridBefore", W + "gridSpan", W + "vMerge", W + "hMerge"


# --------------------------------------------------------------------------- text
def _para_text(p) -> str:
    """Visible text of a w:p (runs, hyperlinks, inserted revisions, smart tags)."""
    out: list[str] = []
    # (only the elements that give text: the run properties and the rest, most of a
    # paragraph's elements, are skipped by lxml itself; the same elements, in the same order)
    for el in p.iter(_TEXT_TAGS):
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
        # (a first child of a tag: ``next(el.iterchildren(tag), None)``, what ``el.find(tag)``
        # gives, without ElementPath's per-call path lookup: ~1 µs a call, five calls a cell)
        trpr = next(tr.iterchildren(_TRPR), None)
        if trpr is not None:
            gb = next(trpr.iterchildren(_GRIDBEFORE), None)
            if gb is not None and spans:
                col += _int_attr(gb, 0)
        seen_cols: set[int] = set()
        for tc in _row_cells(tr):
            tcpr = next(tc.iterchildren(_TCPR), None)
            span = 1
            vmerge = None
            if tcpr is not None:
                gs = vm = hm = None   # the first child of each of the three tags
                for ch in tcpr.iterchildren(_GRIDSPAN, _VMERGE, _HMERGE):
                    tag = ch.tag
                    if tag == _GRIDSPAN:
                        if gs is None:
                            gs = ch
                    elif tag == _VMERGE:
                        if vm is None:
                            vm = ch
                    elif hm is None:
                        hm = ch
                span = _int_attr(gs, 1) if spans else 1
                if vm is not None:
                    vmerge = vm.get(_VAL) or "continue"
                # (hm: the legacy horizontal merge)
                if hm is not None and (hm.get(_VAL) or "continue") == "continue" and cells:
                    prev = cells[-1]
                    if prev.row == r and prev.col + prev.colspan == col:
                        prev.colspan += span
                        col += span
                        continue
            # the nested tables, and the text of the cell's own paragraphs joined by spaces, in one
            # walk of its children
            parts = []
            for inner in _content_children(tc):
                tag = inner.tag
                if tag == _TBL:
                    nested.append(inner)
                elif tag == _P:
                    t = _para_text(inner).strip()
                    if t:
                        parts.append(t)
            text = " ".join(parts)
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
def _heading_style_ids(get_styles) -> set[str]:
    """Style ids named as headings, from python-docx's ``Styles`` (``get_styles()``)."""
    ids: set[str] = set()
    try:
        for st in get_styles():
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
def _open_error(e: Exception) -> ExtractError:
    """The error for a package python-docx cannot open."""
    if isinstance(e, KeyError):
        err = ExtractError("not_docx", f"zip package is not a Word document ({e})")
    elif isinstance(e, ValueError):  # e.g. wrong content type (a .xlsx/.pptx renamed)
        err = ExtractError("not_docx", f"not a Word document: {e}")
    else:
        err = ExtractError("malformed", f"cannot open docx: {type(e).__name__}: {e}")
    err.__cause__ = e
    return err


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
class _MemberReader:
    """python-docx's zip reader (``blob_for``, ``content_types_xml``, ``rels_xml_for``)
    that leaves the parts packed: the package index (content types, relationships) is
    read as python-docx reads it, a part only has to exist (python-docx's error when it
    does not) and is read by ``read`` when the loader parses it."""

    def __init__(self, zf: zipfile.ZipFile):
        self._zf = zf

    def read(self, pack_uri) -> bytes:
        return self._zf.read(pack_uri.membername)

    def blob_for(self, pack_uri) -> bytes:
        self._zf.getinfo(pack_uri.membername)  # KeyError, in zipfile's words, when missing
        return b""

    @property
    def content_types_xml(self) -> bytes:
        from docx.opc.packuri import CONTENT_TYPES_URI

        return self.read(CONTENT_TYPES_URI)

    def rels_xml_for(self, source_uri):
        try:
            return self.read(source_uri.rels_uri)
        except KeyError:
            return None

    def close(self) -> None:
        pass


def _open_package(path: Path, zf: zipfile.ZipFile):
    """``(w:body, heading style ids)`` of a Word package: read straight from the zip
    (:func:`.docx_package.read_plain`) when python-docx would read it the same way,
    else with python-docx's package machinery (:func:`_open_package_docx`)."""
    try:
        return read_plain(zf)
    except Exception:  # NotPlain, or an error python-docx's reader reports in its words
        pass
    if not _docx_api_ready():
        raise _Unusual
    return _open_package_docx(path, zf)


def _open_package_docx(path: Path, zf: zipfile.ZipFile):
    """``(w:body, heading style ids)`` of a Word package, read with python-docx's package
    machinery but only the parts this loader reads are parsed.

    ``docx.Document`` parses every XML part of the package when it opens it (styles.xml
    alone is ~350 KB in a Word file: more time than the document itself) and builds a
    proxy object per element. Here python-docx reads the package index (content types,
    relationships: the same errors for a missing part or an unknown content type), the
    parts stay packed, the main document is unpacked and parsed with python-docx's parser
    settings (plain lxml elements, no proxies), and styles.xml only when the body names a
    paragraph style (then read through python-docx's ``Styles``, as before). A damaged
    part this loader does not read (settings, numbering, headers…) no longer stops it.
    """
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.package import OpcPackage, Unmarshaller
    from docx.opc.packuri import PACKAGE_URI
    from docx.opc.part import Part
    from docx.opc.pkgreader import PackageReader, _ContentTypeMap
    from lxml import etree

    phys = _MemberReader(zf)
    content_types = _ContentTypeMap.from_xml(phys.content_types_xml)
    pkg_srels = PackageReader._srels_for(phys, PACKAGE_URI)
    sparts = PackageReader._load_serialized_parts(phys, pkg_srels, content_types)
    package = OpcPackage()
    Unmarshaller.unmarshal(
        PackageReader(content_types, pkg_srels, sparts), package,
        lambda partname, content_type, reltype, blob, pkg: Part.load(partname, content_type, blob, pkg),
    )
    main = package.main_document_part
    if main.content_type != CT.WML_DOCUMENT_MAIN:  # docx.Document's check and words
        raise ValueError("file '%s' is not a Word file, content type is '%s'" % (str(path), main.content_type))
    # python-docx's parser settings (docx.oxml.parser), without its element classes
    root = etree.fromstring(phys.read(main.partname), etree.XMLParser(remove_blank_text=True, resolve_entities=False))
    if root.tag != W + "document":
        raise _Unusual
    body = root.find(W + "body")
    heading_ids: set[str] = set()
    if body is not None and next(body.iter(W + "pStyle"), None) is not None:
        from docx.oxml.parser import parse_xml
        from docx.parts.styles import StylesPart
        from docx.styles.styles import Styles

        try:
            styles = parse_xml(phys.read(main.part_related_by(RT.STYLES).partname))
        except KeyError:  # no styles part: python-docx's default styles (DocumentPart._styles_part)
            styles = StylesPart.default(package).element
        heading_ids = _heading_style_ids(lambda: Styles(styles))
    return body, heading_ids


class _Unusual(Exception):
    """A package the fast path does not mirror exactly: open it with ``docx.Document``."""


def _docx_api_ready() -> bool:
    try:
        from docx.opc.pkgreader import PackageReader, _ContentTypeMap  # noqa: F401

        return all(hasattr(PackageReader, a) for a in ("_srels_for", "_load_serialized_parts"))
    except ImportError:
        return False


def load(path: Path, source, options: dict, *, data: bytes | None = None, package=None):
    """Read a Word package into a Document; ``package``: the zip package the dispatcher
    opened on the file's bytes (its directory parsed once), else ``data``: those bytes."""
    zf = checked_zip(path, options, package if package is not None else data)
    repaired = None
    body = None
    heading_ids: set[str] = set()
    try:
        with zf:
            body, heading_ids = _open_package(path, zf)
    except _Unusual:
        import docx  # python-docx

        try:
            document = docx.Document(str(path))
        except Exception as e:
            err = _open_error(e)
        else:
            err = None
            body = document.element.body
            heading_ids = _heading_style_ids(lambda: document.styles)
    except Exception as e:
        err = _open_error(e)
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
        heading_ids = set()
    b = DocumentBuilder(source)
    if repaired:
        b.warn("docx_repaired", f"damaged Word package read from word/document.xml alone ({repaired})")

    # paragraphs in a row go through the flattened-table recogniser (a Word file made
    # from a crawled page keeps its tables as "规章 |" / "0 |" paragraphs)
    run = ParagraphRun(b)

    def emit_table(tbl) -> None:
        run.flush()
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
                run.add(text, style=_para_style(el, heading_ids))
            elif is_page_line(text):
                b.page_lines.append(text.strip())  # the page's own fields, kept apart as txt does
        else:
            emit_table(el)
    run.flush()
    return b.build()
