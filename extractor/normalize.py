"""Normalisation of a Document's text, keeping an exact offset map.

* width folding: full-width digits, letters and ASCII punctuation -> half-width
  (``１２，３`` -> ``12,3``); the ideographic full stop 。 and the full-width bar ｜
  (used for a literal ``|`` inside table cells) are kept;
* Traditional -> Simplified Chinese with OpenCC (``t2s``), character for character so
  offsets never move;
* pinyin glosses that mirror sites insert after characters go: with tone marks
  (``數(shù)量`` -> ``数量``), and without (``依(yi)申(shen)請``, ``申請(qing3)``) when the word is
  a reading of the character before it (``extractor/pinyin_gloss.py``);
* whitespace artefacts: no-break/ideographic spaces become spaces, zero-width
  characters go, spaces between two CJK characters go (``组 织 领 导`` -> ``组织领导``,
  a PDF/Word artefact), runs of spaces shrink to one, spaces at line ends go;
* line breaks inside a sentence go and the two lines' paragraph blocks become one
  (``extractor/linebreaks.py``): hard wraps of a text cut at one page width
  (``配备了4名政府信\n息公开全职工作人员``) and soft breaks judged by the two lines alone
  (a Word soft break, an html ``<br>``: ``2020年,我局主动公开政府\n信息120条。``); headings,
  list items, cells one per line, titles, fields, dates and signatures keep theirs. Every
  reader after normalisation (segmentation, prose rules, the clause reader, metadata)
  sees the joined sentence.

The result replaces ``doc.text``; every block and cell span is remapped, and
``doc.raw_offsets[i]`` gives the index in the pre-normalisation text of character i.

Also a fact of the text for the readers downstream: ``doc.own_year``, the year its title
or opening names (``2024年XX局政府信息公开工作年度报告``), and ``year_view(text, year)``: the
text as the readers match it, where a span inside that year reads as that year
(``2024年以来`` in a 2024 report is no multi-year span: ``_common.yaml`` ``own_year``),
with the same length so every offset stays.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from functools import lru_cache

import regex

from .linebreaks import GLOSS_SOURCE, sentence_breaks
from .pinyin_gloss import gloss_spans
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
_DELETE = regex.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad]"  # zero-width and soft hyphen
    rf"|{GLOSS_SOURCE}"  # pinyin glosses (linebreaks.GLOSS_SOURCE)
    rf"|(?<=[{_CJK}]) +(?=[{_CJK}])"  # spaces between CJK characters
    r"|(?<= ) +"  # runs of spaces: keep the first
    r"|^ +| +$",  # spaces at line start/end
    regex.MULTILINE,
)


@lru_cache(maxsize=1)
def _converter():
    import opencc  # imported lazily: only documents with Traditional characters need it

    return opencc.OpenCC("t2s")


# Which texts t2s can change (``_maybe_traditional``): a text none of whose characters
# is a key of OpenCC's t2s dictionaries with another value converts to itself. The keys
# lie in these ranges (tests/test_simplified_precheck.py checks it against the installed
# dictionaries): their characters that convert alone are found once per process by one
# conversion of the whole range; characters of the supplementary planes always convert.
_HAN = regex.compile(r"[\u4e00-\u9fff]")
_T2S_RANGES = ((0x3400, 0xA000), (0xF900, 0xFB00))
# characters that t2s changes only inside a phrase (瞭解 -> 了解, 沈默 -> 沉默; 瞭 alone stays):
# TSPhrases keys whose characters all convert to themselves alone (the same test)
_T2S_PHRASE_ONLY = "哩坏沈甦瞭藉衹覆"


@lru_cache(maxsize=1)
def _maybe_traditional():
    """A stdlib ``re`` search for a character that t2s may change (the stdlib engine: a
    class of ~4,000 characters is ~500x faster there than in ``regex``)."""
    import re

    from .resources import read_derived, write_derived

    # the characters found are kept in the cache folder like the rule files' derived data
    # (issue 11: converting the ranges is ~15 ms of a cold start), named by the installed
    # OpenCC's files and the ranges: another OpenCC or dictionary derives them again
    parts = _opencc_stamp()
    changed = read_derived("t2s", parts) if parts is not None else None
    if not isinstance(changed, str):
        chars = [chr(i) for lo, hi in _T2S_RANGES for i in range(lo, hi)]
        out = _converter().convert("\n".join(chars)).split("\n")
        if len(out) != len(chars):   # a conversion across the separators: never skip
            return re.compile(r"[\s\S]")
        changed = "".join(c for c, t in zip(chars, out) if c != t)
        if parts is not None:
            write_derived("t2s", parts, changed)
    return re.compile("[" + re.escape(changed + _T2S_PHRASE_ONLY) + "\U00010000-\U0010FFFF]")


def _opencc_stamp() -> list[bytes] | None:
    """What the t2s conversion depends on: the opencc package's files (path, size, time of
    each, its dictionaries and configurations included) and the ranges converted; None
    when they cannot be listed (then nothing is cached)."""
    import importlib.util
    import os

    try:
        spec = importlib.util.find_spec("opencc")
        origin = getattr(spec, "origin", None)
        if not origin:
            return None
        parts = [repr(_T2S_RANGES).encode()]
        for root, dirs, files in sorted(os.walk(os.path.dirname(origin))):
            dirs.sort()
            for f in sorted(files):
                if f.endswith((".pyc", ".pyo")):
                    continue
                q = os.path.join(root, f)
                st = os.stat(q)
                parts.append(f"{q}|{st.st_size}|{st.st_mtime_ns}".encode())
        return parts
    except (OSError, ImportError, ValueError):
        return None


def to_simplified(s: str) -> str:
    """Traditional -> Simplified, guaranteed to keep the length (char-wise fallback).
    A text without any character t2s could change is returned as it is (no conversion)."""
    if not _HAN.search(s) or not _maybe_traditional().search(s):
        return s   # (no Han character at all: OpenCC is not even imported)
    conv = _converter()
    out = conv.convert(s)
    if len(out) == len(s):
        return out
    return "".join(ch if len(t := conv.convert(ch)) != 1 else t for ch in s)


def normalize_text(text: str, joins: list[int] | None = None, folded: str | None = None) -> tuple[str, array]:
    """Return (normalised text, map) where map[i] is the source index of char i.

    ``map`` has one extra final entry equal to ``len(text)`` so spans can be mapped.
    ``joins``: indexes of line breaks to delete too (``linebreaks.sentence_breaks``).
    ``folded``: ``to_simplified(_fold(text))`` when the caller has it already.
    """
    if folded is None:
        folded = to_simplified(_fold(text))
    # deletions only: build the kept ranges
    out_parts: list[str] = []
    mapping = array("l")
    ident = _identity(len(folded))
    pos = 0
    spans = [m.span() for m in _DELETE.finditer(folded)]
    glosses = gloss_spans(folded)   # (toneless / tone-digit glosses: pinyin_gloss)
    if joins or glosses:
        spans = sorted(spans + [(j, j + 1) for j in joins or ()] + glosses)
    for a, b in spans:
        if a < pos:
            a = pos
        if a >= b:
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


# the opening that names the report's own year: its title (…2024年…政府信息公开工作年度报告)
_OPENING = 600
_TITLE_YEAR = regex.compile(
    r"(?<!\d)((?:19|20)\d\d)年度?[^\n。,;:]{0,40}?(?:政府信息公开|政务公开|信息公开|政府信息)"
    r"[^\n。,;:]{0,16}?(?:年度)?(?:工作)?(?:年度报告|年报|报告)"
    # … or the year after the subject, right before 年度报告 (漳州市环境保护局政府信息公开工作2009年度报告,
    # 《黎明街道信息公开2014年度工作报告》: b19 af33, b15 b85, b14 o62, b18 ad20 ae11, pool s11 q100; session 12 V1)
    r"|(?:政府信息公开|政务公开|信息公开)(?:工作)?((?:19|20)\d\d)\s?年度?(?:工作)?(?:年度报告|年报|报告)")


def own_year(text: str) -> int | None:
    """The year the title or opening of ``text`` names as the report's (the first title
    line of the form ``2024年…政府信息公开工作年度报告`` in its first characters); None when
    there is none, the opening names two different ones, or its titles name another year
    than the statistics period it states."""
    end = min(len(text), _OPENING)
    # a title the figure and its measure word follow is an item of what was published (…工作动态公开
    # 145条;2020年政府信息工作报告1条 - b14 o58): last year's report, not this one's title
    item_after = _own_year_item_after()
    years = {int(m.group(1) or m.group(2)) for m in _TITLE_YEAR.finditer(text, 0, end)
             if item_after is None or not item_after.match(text, m.end())}
    # the statistics period the opening states for a whole calendar year (_common.yaml
    # own_year_period: 统计期限自2022年1月1日起至2022年12月31日止, 统计期限为2023年1月1日至12月31日)
    period = set()
    rx = _own_year_period()
    if rx is not None:
        for m in rx.finditer(text, 0, end):
            if m.group("y2") in (None, m.group("y")):
                period.add(int(m.group("y")))
    # a title year the period contradicts names none: a slip or a cited title, the period's
    # year or the title's (特向社会公布2013年度…年度报告 over a 2014 period - b13 j16; 《…做好2023年政务
    # 公开工作总结和2024年工作思路的通知》 over a 2023 one - b13 l27; a 2021 title over a period
    # copied from 2020 - b12 e34)
    if years and period and years != period:
        return None
    if not years:
        years = period
    if not years:
        # nor a period: a work summary's first line opened by its year, that says it reports that
        # year below (_common.yaml own_year_opening: 2018年,…,现就全年工作情况总结如下)
        rx = _own_year_opening()
        if rx is not None:
            for m in rx.finditer(text, 0, min(len(text), _OPENING)):
                if m.group("y2") in (None, m.group("y")):
                    years.add(int(m.group("y")))
    return years.pop() if len(years) == 1 else None


def _common_rx(key: str, src, groups: tuple[str, ...]) -> regex.Pattern:
    """``src`` of ``_common.yaml`` ``key`` compiled; it must have the named ``groups``."""
    rx = regex.compile(str(src))
    if set(groups) - set(rx.groupindex):
        raise ValueError(f"_common.yaml {key}: {src!r} needs groups {' and '.join(groups)}")
    return rx


def _common_data() -> dict:
    from .resources import load_yaml, patterns_dir

    return load_yaml(patterns_dir() / "facts" / "_common.yaml") or {}


@lru_cache(maxsize=1)
def _own_year_period():
    """``_common.yaml`` ``own_year_period``: a statistics period of one calendar year (groups
    ``y`` its first day's year, ``y2`` its last day's), or None."""
    src = _common_data().get("own_year_period")
    return _common_rx("own_year_period", src, ("y", "y2")) if src else None


@lru_cache(maxsize=1)
def _own_year_item_after():
    """``_common.yaml`` ``own_year_item_after``: what follows a title that is an item of what was
    published (a figure and its measure word: 2020年政府信息工作报告1条), or None."""
    src = _common_data().get("own_year_item_after")
    return _common_rx("own_year_item_after", src, ()) if src else None


@lru_cache(maxsize=1)
def _own_year_opening():
    """``_common.yaml`` ``own_year_opening``: a first line that opens with the year (group ``y``)
    and says it reports on it below (group ``y2``: the year it names there, if any), or None."""
    src = _common_data().get("own_year_opening")
    return _common_rx("own_year_opening", src, ("y", "y2")) if src else None


@lru_cache(maxsize=1)
def _own_year_spans() -> tuple:
    """(regex, replacement) of ``_common.yaml`` ``own_year``: group ``y`` the year, group
    ``w`` the words read as ``as`` when ``y`` is the document's own year."""
    return tuple((_common_rx("own_year", item["pattern"], ("y", "w")), str(item["as"]))
                 for item in _common_data().get("own_year") or [])


@lru_cache(maxsize=1)
def _own_year_filter():
    """Which ``own_year`` patterns can match a text, from the literals each requires
    (``regexkit.required``): the others find nothing there (issue 11: each of the seven
    was run over every sentence naming a year, 720 a pass of the dev texts)."""
    from .regexkit import Prefilter
    from .regexkit.required import required

    return Prefilter([required(rx.pattern) for rx, _ in _own_year_spans()])


@lru_cache(maxsize=1)
def _zero_other_year():
    """``_common.yaml`` ``zero_other_year``: a year a sentence names (group ``y``), or None."""
    src = _common_data().get("zero_other_year")
    return _common_rx("zero_other_year", src, ("y",)) if src else None


_CLAUSE_MARKS = ",;。:!?"
_OPENER_MAX = 8   # a clause this short before a zero statement's own is its time opener (2014年,我局未…)


def names_earlier_year(text: str, a: int, b: int, own: int | None, rx=None) -> bool:
    """Whether the zero statement ``text[a:b]`` states an earlier year's none: the last year
    named in its clause before ``b``, or in a short clause just before it (its opener:
    2014年,我局未接收到…), is before the document's own year ``own`` (2020年我局未收到… in a
    2021 report). A later year names none (a plan, or the own year misread). ``rx``: the
    year regex (group ``y``), by default ``_common.yaml`` ``zero_other_year``."""
    rx = _zero_other_year() if rx is None else rx
    if rx is None or own is None or "年" not in text[:b]:
        return False
    start = max(text.rfind(c, 0, a) for c in _CLAUSE_MARKS) + 1
    if start > 0:
        prev = max(text.rfind(c, 0, start - 1) for c in _CLAUSE_MARKS) + 1
        if start - 1 - prev <= _OPENER_MAX:
            start = prev
    last = None
    for m in rx.finditer(text, start, b):
        last = m
    return last is not None and int(last.group("y")) < own


@lru_cache(maxsize=1)
def _not_this_year_opener():
    """``_common.yaml`` ``not_this_year_opener``: the year's own marker opening a clause, or None."""
    items = _common_data().get("not_this_year_opener") or []
    return regex.compile("|".join(f"(?:{i})" for i in items)) if items else None


_DIGIT = regex.compile(r"[\d\ue000\ue001]")


def not_this_from(text: str, before: int, own: int, not_this) -> int:
    """Where ``not_this`` (the multi-year/other-period guard of ``_common.yaml``) is looked for
    for a figure whose clause starts at ``own``, the clause before it starting at ``before``:
    ``before`` as a rule; ``own`` when the clause opens with the year's own marker
    (``_common.yaml`` ``not_this_year_opener``: 本年度/今年/全年/当年, 其中本年度…; the document's own
    year reads as 本年度全年 there, ``own_year``) and every guard word of the clause before is
    closed by a figure of its own after it (门户网站累计主动公开信息6674条,本年度主动公开信息1068条:
    the 累计 is 6674's, 1068 is the year's). The clause's own words still hold."""
    if not_this is None or own <= before or own > len(text) or text[own - 1] not in ",;:，；：":
        return before   # (a 、-item of a list is no clause of its own)
    rx = _not_this_year_opener()
    if rx is None or rx.match(text, own) is None:
        return before
    end = max((m.end() for m in not_this.finditer(text, before, own - 1, overlapped=True)), default=-1)
    if end < 0 or _DIGIT.search(text, end, own - 1) is None:
        return before
    return own


def year_view(text: str, year: int | None, *, gated: bool = True) -> str:
    """``text`` as the readers match it: a span inside the document's own ``year``
    (``_common.yaml`` ``own_year``) reads as that year, character for character (a
    replacement of another length is not made: offsets never move). ``gated=False``
    runs every pattern, not only those whose literals the text holds (tests compare)."""
    if year is None or "年" not in text:
        return text
    out = text
    can = _own_year_filter().scan(text) if gated else -1
    for j, (rx, rep) in enumerate(_own_year_spans()):
        if not can >> j & 1:
            continue
        for m in rx.finditer(text):
            if int(m.group("y")) != year or len(m.group("w")) != len(rep):
                continue
            a, b = m.span("w")
            out = out[:a] + rep + out[b:]
    return out


def sentence_view(sent, year: int | None) -> str:
    """``year_view(sent.text, year)`` of a segmented sentence, made once: the rules and the
    clause reader both read every sentence through it (issue 11). Kept on the sentence with
    the year and the text it was made of, so another year or an edited text makes it again."""
    text = sent.text
    kept = getattr(sent, "_year_view", None)
    if kept is not None and kept[0] == year and kept[1] is text:
        return kept[2]
    view = year_view(text, year)
    sent._year_view = (year, text, view)
    return view


def normalize(doc: Document) -> Document:
    """Normalise ``doc`` in place (text, block and cell spans) and return it."""
    old_text = doc.text
    joins = []
    # folded once (issue 11: the line-break joins and the text both used it)
    folded = to_simplified(_fold(old_text))
    if "\n" in old_text:
        joins = sentence_breaks(folded, doc.blocks)
    new_text, mapping = normalize_text(old_text, joins, folded)
    doc.raw_text = old_text
    doc.own_year = own_year(new_text)
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
    joined = set(joins)
    # (in the old offsets) the blocks that continue the one before across a joined break
    cont = [i > 0 and doc.blocks[i - 1].end in joined and b.start == doc.blocks[i - 1].end + 1
            for i, b in enumerate(doc.blocks)]
    merged = []
    for b, wrapped in zip(doc.blocks, cont):
        b.start, b.end = inv[b.start], inv[b.end]
        b.text = new_text[b.start : b.end]
        if b.table is not None:
            for c in b.table.cells:
                if c.start >= 0:
                    c.start, c.end = inv[c.start], inv[c.end]
                    c.text = new_text[c.start : c.end]
        merged.append(b)
        if wrapped:
            # the line continues the one before: one paragraph block
            prev = merged[-2]
            prev.end = b.end
            prev.text = new_text[prev.start : prev.end]
            merged.pop()
    if len(merged) != len(doc.blocks):
        doc.blocks[:] = merged
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
