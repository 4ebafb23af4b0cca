"""RTF files read without LibreOffice, with their tables.

:mod:`striprtf` decodes the text: ``\\ansicpg936``/``\\fcharset134`` ``\\'xx`` byte pairs
(GBK), ``\\uN`` with ``\\ucN`` fallback skipping, destinations that are not text
(font/colour tables, pictures, fields' instructions, headers, footers, footnotes).
It flattens table structure, so before it runs the RTF is re-tokenised with its own
lexer and the table control words are turned into marker characters that it copies
through: ``\\intbl``/``\\itapN`` (paragraph inside a table, nesting depth), ``\\pard``
(paragraph properties reset), ``\\cell``/``\\nestcell``, ``\\row``/``\\nestrow``,
``\\trowd`` (row definition), ``\\cellxN`` (cell right edge), ``\\trleftN`` and the
merge flags ``\\clvmgf``/``\\clvmrg``/``\\clmgf``/``\\clmrg``. Each marker is preceded by
a dummy control word so a pending ``\\uN`` fallback skip cannot swallow it. The marked
text is then read back into paragraphs and tables by :mod:`.wordtables`, as the .doc
reader does (nested tables become tables of their own after the outer one).

The same pass drops the text of deleted revisions (``\\deleted``) and list numbers
(``\\listtext``, as the .docx loader drops automatic numbering), un-hides the
``\\nesttableprops`` group (it holds the nested rows' definitions), turns out-of-range
``\\uN`` into U+FFFD, rewrites the font table as one short entry per font (only the
charsets matter) and puts a newline before every ``{``: striprtf's regular expressions
for fonts and hyperlinks then never see a long line (hyperlinks keep their shown text).
"""
from __future__ import annotations

import re
from pathlib import Path

from ..model import DocumentBuilder, ExtractError
from .textables import is_chrome_line
from .wordtables import H_FIRST, H_NEXT, V_MERGED, V_RESTART, RowProps, TableStack

MAX_FONTS = 10_000
MAX_CELLS_PER_ROW = 4096
MAX_GROUP_DEPTH = 10_000

# marker characters (C0 controls that striprtf copies through and RTF text never holds)
M_INTBL, M_PARD, M_CELL, M_ROW, M_TROWD = "\x1c", "\x1b", "\x1e", "\x1d", "\x18"
M_NESTCELL, M_NESTROW = "\x1f", "\x15"
M_CELLX, M_TRLEFT, M_ITAP, M_NUM_END = "\x19", "\x16", "\x0e", "\x17"
M_VFIRST, M_VNEXT, M_HFIRST, M_HNEXT = "\x11", "\x12", "\x13", "\x14"
_MARKERS = {
    "intbl": M_INTBL,
    "pard": M_PARD,
    "cell": M_CELL,
    "row": M_ROW,
    "trowd": M_TROWD,
    "nestcell": M_NESTCELL,
    "nestrow": M_NESTROW,
    "clvmgf": M_VFIRST,
    "clvmrg": M_VNEXT,
    "clmgf": M_HFIRST,
    "clmrg": M_HNEXT,
}
_NUMBERED = {"cellx": M_CELLX, "trleft": M_TRLEFT, "itap": M_ITAP}
_RESET = "\\zwgkmark "  # an unknown control word: ends a pending \uN skip, prints nothing
_ALL_MARKERS = set(_MARKERS.values()) | set(_NUMBERED.values()) | {M_NUM_END}
# what prints text: dropped inside deleted revisions (structure words are kept)
_TEXT_WORDS = {"u", "tab", "emdash", "endash", "emspace", "enspace", "qmspace", "bullet",
               "lquote", "rquote", "ldblquote", "rdblquote"}
_TEXT_SYMBOLS = set("~-_{}\\")


# an 8-bit byte written raw (some Chinese writers do not escape GBK), with the ASCII
# trail byte of a double-byte character (never \\, { or })
_RAW_8BIT = re.compile(rb"[\x81-\xfe][\x40-\x5b\x5d-\x7a\x7c\x7e]|[\x80-\xff]")


def _decode_source(data: bytes) -> str:
    """RTF as text for striprtf: raw 8-bit bytes become \\'xx escapes, so they are decoded
    with the document's code page (\\ansicpg / \\fcharset) like escaped ones; an ASCII
    trail byte after a lead byte is escaped with it, which changes nothing for a
    single-byte code page. Files with \\bin data are left as they are."""
    if b"\\bin" not in data and _RAW_8BIT.search(data):
        data = _RAW_8BIT.sub(lambda m: b"".join(b"\\'%02x" % c for c in m.group(0)), data)
    return data.decode("latin-1")


def mark_tables(rtf: str) -> str:
    """The RTF with table control words replaced by marker characters.

    Also: text of deleted revisions (``\\deleted``) is dropped, the nested-table
    properties group (``{\\*\\nesttableprops …}``) is made readable, list numbers are
    hidden, out-of-range ``\\uN`` become U+FFFD, and a newline goes before every ``{``.
    """
    from striprtf.striprtf import PATTERN, remove_pict_groups

    rtf = remove_pict_groups(rtf)
    # drop any marker characters already present (hostile input cannot fake structure)
    rtf = rtf.translate({ord(c): None for c in _ALL_MARKERS})
    out: list[str] = []
    deleted = [False]  # per open group: inside deleted revision text
    fonttbl_depth = 0  # group depth of the font table while inside it
    fonts: dict[str, str] = {}  # font number -> \fcharset
    font = None
    pos = 0
    for m in PATTERN.finditer(rtf):
        word, arg, _hex, char, brace, tchar = m.groups()
        if m.start() > pos:  # text the lexer skipped (nothing in practice)
            out.append(rtf[pos : m.start()])
        pos = m.end()
        if brace == "{":
            if len(deleted) < MAX_GROUP_DEPTH:
                deleted.append(deleted[-1])
            if not fonttbl_depth:
                out.append("\n{")
            continue
        if brace == "}":
            closing = len(deleted)
            if len(deleted) > 1:
                deleted.pop()
            if fonttbl_depth:
                if closing != fonttbl_depth:
                    continue  # the end of one font's entry
                # the font table again, one short entry per font: striprtf reads it with
                # a regular expression that a long or odd table would make very slow
                out.append("".join(f"\n{{\\f{n}\\fcharset{c} F;}}" for n, c in fonts.items()))
                fonttbl_depth = 0
            out.append("}")
            continue
        if fonttbl_depth:
            if word == "f" and arg is not None and arg.isdigit():
                font = arg
            elif word == "fcharset" and arg is not None and arg.isdigit() and font is not None:
                if len(fonts) < MAX_FONTS:
                    fonts.setdefault(font, arg)
            continue
        if word == "fonttbl" and not fonttbl_depth:
            fonttbl_depth = len(deleted)
            out.append("\\fonttbl ")
            continue
        if deleted[-1] and (tchar or _hex or (char and char in _TEXT_SYMBOLS)
                            or (word and word.lower() in _TEXT_WORDS)):
            continue
        if word:
            w = word.lower()
            if w == "deleted":
                deleted[-1] = arg is None or arg != "0"
            elif w == "plain":
                deleted[-1] = False
            if w in _MARKERS and arg is None:
                out.append(_RESET + _MARKERS[w])
                continue
            if w in _NUMBERED and arg is not None:
                out.append(_RESET + _NUMBERED[w] + arg + M_NUM_END)
                continue
            if w == "listtext":
                out.append("\\*\\listtext ")
                continue
            if w == "nesttableprops":
                if out and out[-1] == "\\*":  # un-hide the group: its row definition counts
                    out.pop()
                continue
            if w == "u" and arg is not None and not -32768 <= int(arg) <= 0xFFFF:
                out.append("\\u65533 ")  # damaged: U+FFFD (the space ends the control word)
                continue
        out.append(m.group(0))
    out.append(rtf[pos:])
    return "".join(out)


def rtf_text(data: bytes) -> str:
    """Decoded text of an RTF file, with table markers."""
    from striprtf.striprtf import rtf_to_text

    src = _decode_source(data)
    if src.lstrip("\xef\xbb\xbf \t\r\n")[:5] != "{\\rtf":
        raise ExtractError("malformed", "not an RTF file (it does not start with {\\rtf)")
    return rtf_to_text(mark_tables(src), errors="replace")


class _RowDef:
    """A row definition (\\trowd … \\cellxN) being read."""

    def __init__(self) -> None:
        self.left = 0
        self.rights: list[int] = []
        self.flags: list[int] = []
        self.pending = 0

    def props(self) -> RowProps:
        if not self.rights:
            return RowProps()
        return RowProps(bounds=[self.left] + self.rights, tcgrf=list(self.flags))


def load(path: Path, source, options: dict):
    text = rtf_text(path.read_bytes())
    b = DocumentBuilder(source)
    tables = TableStack(b)
    buf: list[str] = []
    in_table = False
    itap: int | None = None
    defs: dict[int, _RowDef] = {}  # table depth -> its current row definition
    cur = defs.setdefault(1, _RowDef())

    def depth() -> int:
        if itap is not None and itap >= 1:
            return itap
        return 1 if in_table else 0

    def take() -> str:
        nonlocal buf
        t = "".join(buf)
        buf = []
        return t

    def end_paragraph() -> None:
        t = take()
        d = depth()
        if d >= 1:
            tables.text(d, t)
            return
        tables.close()
        t = t.replace("\t", " ")
        if t.strip() and not is_chrome_line(t):
            b.add_paragraph(t)

    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        i += 1
        if ch == "\n":
            end_paragraph()
        elif ch == M_INTBL:
            in_table = True
        elif ch == M_PARD:
            in_table, itap = False, None
        elif ch == M_CELL:
            tables.cell_end(1, take())
        elif ch == M_NESTCELL:
            tables.cell_end(max(depth(), 2), take())
        elif ch == M_ROW:
            tables.row_end(1, take(), defs.get(1, _RowDef()).props())
        elif ch == M_NESTROW:
            d = max(depth(), 2)
            tables.row_end(d, take(), defs.get(d, _RowDef()).props())
        elif ch == M_TROWD:
            cur = defs[max(depth(), 1)] = _RowDef()
        elif ch in (M_TRLEFT, M_CELLX, M_ITAP):
            j = text.find(M_NUM_END, i)
            if j < 0:
                break
            try:
                v = int(text[i:j])
            except ValueError:
                v = None
            i = j + 1
            if v is None:
                continue
            if ch == M_TRLEFT:
                cur.left = v
            elif ch == M_ITAP:
                itap = v
            elif len(cur.rights) < MAX_CELLS_PER_ROW:
                cur.rights.append(v)
                cur.flags.append(cur.pending)
                cur.pending = 0
        elif ch == M_VFIRST:
            cur.pending |= V_MERGED | V_RESTART
        elif ch == M_VNEXT:
            cur.pending |= V_MERGED
        elif ch == M_HFIRST:
            cur.pending |= H_FIRST
        elif ch == M_HNEXT:
            cur.pending |= H_NEXT
        elif ch == M_NUM_END:
            continue
        elif not 0xF000 <= ord(ch) <= 0xF0FF:  # symbol-font glyphs are no real characters
            buf.append(ch)
    if buf:
        end_paragraph()
    tables.close()
    return b.build()
