"""Normalisation of a Document's text, keeping an exact offset map.

* width folding: full-width digits, letters and ASCII punctuation -> half-width
  (``１２，３`` -> ``12,3``); the ideographic full stop 。 and the full-width bar ｜
  (used for a literal ``|`` inside table cells) are kept;
* Traditional -> Simplified Chinese with OpenCC (``t2s``), character for character so
  offsets never move;
* pinyin glosses that mirror sites insert after characters (``數(shù)量`` -> ``数量``) go;
* whitespace artefacts: no-break/ideographic spaces become spaces, zero-width
  characters go, spaces between two CJK characters go (``组 织 领 导`` -> ``组织领导``,
  a PDF/Word artefact), runs of spaces shrink to one, spaces at line ends go.

The result replaces ``doc.text``; every block and cell span is remapped, and
``doc.raw_offsets[i]`` gives the index in the pre-normalisation text of character i.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from functools import lru_cache

import regex

from .model import Document

_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if c != 0xFF5C}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x202F: 0x20})
# the same mapping as a table indexed by code point (every BMP character maps to itself
# unless folded; str.translate leaves characters past the table alone, as it leaves
# characters missing from a dict): several times faster than the dict on CJK text
_FOLD_TABLE = list(range(0x10000))
for _c, _t in _FOLD.items():
    _FOLD_TABLE[_c] = _t
_FOLD_TABLE = tuple(_FOLD_TABLE)
del _c, _t
# the folded characters: a report holds few distinct ones (，：（）；), so finding which
# occur (one C scan) and replacing each is ~3x faster than translate's per-character
# table lookup; many distinct ones (a full-width text) go through translate
_FOLD_CLASS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]")
_FOLD_STR = {chr(k): chr(v) for k, v in _FOLD.items()}
_FOLD_REPLACE_MAX = 12


def _fold(text: str) -> str:
    """``text.translate(_FOLD)``. (A replacement is ASCII, never folded again, so the order
    of the replacements does not matter.)"""
    present = set(_FOLD_CLASS.findall(text))
    if len(present) > _FOLD_REPLACE_MAX:
        return text.translate(_FOLD_TABLE)
    for c in present:
        text = text.replace(c, _FOLD_STR[c])
    return text


# characters that are neither letters nor numbers and count as CJK for spacing
_CJK = r"\p{Han}\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\u201c\u201d\u2018\u2019\u2014\u2026\u00b7"
# a pinyin gloss that mirror sites insert after a character (數(shù)量, 區(qū)): lower-case
# letters in brackets with at least one tone-marked vowel, right after a Han character
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_DELETE = regex.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad]"  # zero-width and soft hyphen
    rf"|(?<=\p{{Han}})\((?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,14}}\)"  # pinyin glosses
    rf"|(?<=[{_CJK}]) +(?=[{_CJK}])"  # spaces between CJK characters
    r"|(?<= ) +"  # runs of spaces: keep the first
    r"|^ +| +$",  # spaces at line start/end
    regex.MULTILINE,
)


@lru_cache(maxsize=1)
def _converter():
    import opencc  # imported lazily: only documents with Traditional characters need it

    return opencc.OpenCC("t2s")


_MAYBE_TRAD = regex.compile(r"[\u4e00-\u9fff]")


def to_simplified(s: str) -> str:
    """Traditional -> Simplified, guaranteed to keep the length (char-wise fallback)."""
    if not _MAYBE_TRAD.search(s):
        return s
    conv = _converter()
    out = conv.convert(s)
    if len(out) == len(s):
        return out
    return "".join(ch if len(t := conv.convert(ch)) != 1 else t for ch in s)


def normalize_text(text: str) -> tuple[str, array]:
    """Return (normalised text, map) where map[i] is the source index of char i.

    ``map`` has one extra final entry equal to ``len(text)`` so spans can be mapped.
    """
    folded = to_simplified(_fold(text))
    # deletions only: build the kept ranges
    out_parts: list[str] = []
    mapping = array("l")
    ident = _identity(len(folded))
    pos = 0
    for m in _DELETE.finditer(folded):
        a, b = m.span()
        if a == b:
            continue
        if a > pos:
            out_parts.append(folded[pos:a])
            mapping.extend(ident[pos:a] if ident is not None else range(pos, a))
        pos = b
    out_parts.append(folded[pos:])
    mapping.extend(ident[pos:len(folded)] if ident is not None else range(pos, len(folded)))
    mapping.append(len(folded))
    return "".join(out_parts), mapping


_IDENT = array("l")
_IDENT_MAX = 1 << 21   # at most 16 MB kept; longer texts build their runs from ranges


def _identity(n: int) -> array | None:
    """array 0, 1, … (at least n entries), kept between calls: slicing it is a copy,
    where building a run from a range converts every index one by one."""
    global _IDENT
    if n > _IDENT_MAX:
        return None
    if len(_IDENT) < n:
        size = min(_IDENT_MAX, max(n, 2 * len(_IDENT), 1 << 16))
        _IDENT = array("l", range(size))
    return _IDENT


class _NewIndex:
    """For an old index, the first new index at or after it (``inv[old]``). The kept
    old indexes ``mapping[:-1]`` increase strictly, so this is a binary search; only
    block and cell boundaries are ever looked up."""

    __slots__ = ("mapping", "n_new")

    def __init__(self, mapping: array):
        self.mapping = mapping
        self.n_new = len(mapping) - 1

    def __getitem__(self, old: int) -> int:
        return bisect_left(self.mapping, old, 0, self.n_new)


def _new_index(mapping: array, n_old: int) -> _NewIndex:
    """For each old index, the first new index at or after it."""
    return _NewIndex(mapping)


def normalize(doc: Document) -> Document:
    """Normalise ``doc`` in place (text, block and cell spans) and return it."""
    old_text = doc.text
    new_text, mapping = normalize_text(old_text)
    doc.raw_text = old_text
    if new_text == old_text:
        doc.raw_offsets = mapping
        return doc
    doc.text = new_text
    doc.raw_offsets = mapping
    if len(new_text) == len(old_text):
        # nothing deleted (only folded): the map is the identity, inv[x] is x clamped to
        # [0, n], and only the texts change; no search per block and cell boundary
        n = len(new_text)
        for b in doc.blocks:
            b.start, b.end = min(max(b.start, 0), n), min(max(b.end, 0), n)
            b.text = new_text[b.start : b.end]
            if b.table is not None:
                for c in b.table.cells:
                    if c.start >= 0:
                        c.start, c.end = min(c.start, n), min(max(c.end, 0), n)
                        c.text = new_text[c.start : c.end]
        return doc
    inv = _new_index(mapping, len(old_text))
    for b in doc.blocks:
        b.start, b.end = inv[b.start], inv[b.end]
        b.text = new_text[b.start : b.end]
        if b.table is not None:
            for c in b.table.cells:
                if c.start >= 0:
                    c.start, c.end = inv[c.start], inv[c.end]
                    c.text = new_text[c.start : c.end]
    return doc


def as_written(doc: Document, start: int, end: int) -> str:
    """``doc.text[start:end]`` in the script the source used (Traditional stays
    Traditional), width-folded and without spaces: names are quoted as the text writes
    them (SCHEMA: ``agency`` "as the text names it")."""
    if doc.raw_text is None or doc.raw_offsets is None or end <= start:
        return doc.text[start:end]
    a, b = doc.raw_offsets[start], doc.raw_offsets[end - 1] + 1
    raw = doc.raw_text[a:b].translate(_FOLD)
    return "".join(raw.split())
