"""Which line breaks of a loaded text lie inside a sentence (normalisation deletes them,
so every reader after it sees one sentence and one word: ``政府信\n息公开``).

* hard line wraps (``_wrap_breaks``): in a text whose lines were cut at one page width
  (PDF text copied or crawled line by line), the line break inside a sentence. Only
  where the text shows the wrap width (many lines of about one width ending
  mid-sentence) and the line before is that wide, ends mid-sentence and the next does
  not open a heading; tables, headings and short lines (one cell per line) keep theirs.
* soft breaks (``_soft_breaks``): one line break inside a sentence without any wrap
  width (a Word soft break, an html ``<br>``, a crawler's cut:
  ``2020年,我局主动公开政府\n信息120条。``), judged by the two lines alone (``_soft_join``).

Each joined break lies between two paragraph blocks (one line each) of one page;
``normalize`` merges the two blocks and keeps the offset map.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .resources import load_yaml, patterns_dir

# the words and marks of patterns/linebreaks.yaml (numbering, unit openers, titles, sentence
# openers, words that cannot end or open a sentence)
_DATA = load_yaml(patterns_dir() / "linebreaks.yaml") or {}


def _alt(items) -> str:
    return "|".join(items)


_HEAD_MARKS = _alt(_DATA["heading_marks"])

# a pinyin gloss that mirror sites insert after a character (數(shù)量, 區(qū)): lower-case
# letters in brackets with at least one tone-marked vowel, right after a Han character
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
GLOSS_SOURCE = rf"(?<=\p{{Han}})\((?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,14}}\)"


def sentence_breaks(text: str, blocks) -> list[int]:
    """Indexes of the line breaks of ``text`` (loaded, width-folded, Simplified) inside a
    sentence: hard wraps and soft breaks, in order."""
    wraps = _wrap_breaks(text, blocks)
    return sorted(wraps + _soft_breaks(text, blocks, wraps))


# hard line wraps (``_wrap_breaks``): a line cut mid-sentence ends with a Han character,
# a digit or a non-final mark, the next opens with one (and opens no heading)
_WRAP_END = regex.compile(r"[\p{Han}\d,、(《“]$")
_WRAP_START = regex.compile(r"^[\p{Han}\d(《“]")
_HEAD_START = regex.compile(rf"^(?:{_HEAD_MARKS})")
_WIDE = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2014\u2026]")
_WRAP_MIN_WIDTH = 40     # a wrap width of at least 20 Han characters
_WRAP_MIN_LINES = 6      # lines of about that width ending mid-sentence
_WRAP_SPREAD = 6         # "about": the widths of one cluster span this much
_WRAP_SLACK = 0.8        # a wrapped line may be this much narrower (digits, spaces)


def _width(s: str) -> int:
    """Display width: a Han character or a full-width mark counts 2, anything else 1."""
    return len(s) + len(_WIDE.findall(s))


def _wrap_breaks(text: str, blocks) -> list[int]:
    """Indexes of the line breaks of ``text`` that only wrap a line (see the module doc):
    each between two paragraph blocks (one line each) of one page. The wrap width is the
    width about which most line ends of the candidate kind cluster; none when fewer
    than ``_WRAP_MIN_LINES`` lines or under half of the candidates show it."""
    cands = []   # (break index, width of the line before)
    for b1, b2 in zip(blocks, blocks[1:]):
        if b1.kind != "paragraph" or b2.kind != "paragraph" or b1.page != b2.page:
            continue
        if b1.style == "heading" or b2.style == "heading" or b1.start < 0 or b2.start < 0:
            continue
        p = b1.end
        if p >= len(text) or text[p] != "\n" or b2.start != p + 1:
            continue
        before, after = text[b1.start:p].rstrip(" "), text[b2.start:b2.end].lstrip(" ")
        if "\n" in before or "|" in before or "|" in after or "\t" in before or "\t" in after:
            continue
        # (_WRAP_END is anchored at the end and matches one character: searched from the
        # line's last two, not from every position of it; ``concurrent`` False positionally)
        if "  " in before or not _at_end(_WRAP_END, before, 2) or not _WRAP_START.search(after, None, None, False):
            continue
        if _HEAD_START.search(after, None, None, False) or _HEAD_START.search(before, None, None, False):
            continue
        cands.append((p, _width(before)))
    if len(cands) < _WRAP_MIN_LINES:
        return []
    widths = sorted(w for _p, w in cands)
    best, top = 0, 0
    j = 0
    for i, w in enumerate(widths):   # the densest window of widths [w - spread, w]
        while widths[j] < w - _WRAP_SPREAD:
            j += 1
        if i - j + 1 >= best:
            best, top = i - j + 1, w
    if best < _WRAP_MIN_LINES or 2 * best < len(cands) or top < _WRAP_MIN_WIDTH:
        return []
    lo, hi = _WRAP_SLACK * top, 2 * top
    return [p for p, w in cands if lo <= w <= hi]


# soft breaks (``_soft_breaks``): one line break inside a sentence, without a wrap width
# (a Word soft break, an html <br>, a crawler's cut): judged by the two lines themselves
_SOFT_END = regex.compile(r"(?:\p{Han}|[,、(《“]|(?<!\d)\d{1,9})$")
_SOFT_END_W = 10   # its longest match (9 digits) + 1 (``$`` also matches before a final newline)
_SOFT_START = regex.compile(r"^(?:\p{Han}|[(《“]|\d)")
# what opens a unit of its own: a numbering marker or heading (_HEAD_MARKS), a list
# item without numbering (一是/二是, 其一, 首先/其次/最后), a part (第X), an attachment
_UNIT_START = regex.compile(rf"^(?:{_HEAD_MARKS}|{_alt(_DATA['unit_openers'])})")
# a line that is a date, a signature date or a title (no sentence reads across those)
_DATE_LINE = regex.compile(r"^\d{4}年\d{1,2}月(?:\d{1,2}日)?$|^\d{4}[-./]\d{1,2}[-./]\d{1,2}$")
_TITLE_LINE = regex.compile(rf"(?:{_alt(_DATA['title_endings'])})$")
# its longest match + 1 when the endings are plain words, else None (the whole line searched)
_TITLE_LINE_W = (max(map(len, _DATA["title_endings"])) + 1
                 if all(regex.escape(w) == w for w in _DATA["title_endings"]) else None)
# punctuation inside a sentence: a line holding one is prose, not a cell, title or name
_PROSE_MARK = regex.compile(r"[,、;:。!?；：！？]")
# a pinyin gloss (數(shù)量): the loader's text still holds them (normalize deletes them)
_GLOSS = regex.compile(GLOSS_SOURCE)
# a field of a page (发布时间:…, 主题分类:…, 区级部门:…), cells of a row copied with commas
# (" , "), a score or points cell (1.00, 0.5)
_FIELD = regex.compile(r"^\p{Han}{1,8}:")
_CELLS = regex.compile(r" , |,,")
_SCORE_CELL = regex.compile(r"^\d+\.\d+$")
_BARE_INTEGER = regex.compile(r"^\d+$")
_SENTENCE_END = regex.compile(r"[。;；!?！？]")
# the line before ends on a mark or a word that cannot end a sentence or a heading (a
# particle, a joiner, a preposition or 共/为 before the figure: jieba's last word of the
# line is that one character), the line after opens with what cannot open one (its first
# word a particle or joiner, a figure with its measure word: the sentence's figure)
_OPEN_MARK = regex.compile(r"[,、(]$")


def _at_end(rx: regex.Pattern, s: str, width: int | None):
    """``rx.search(s)`` for a pattern anchored at the end (``$``) whose matches are shorter
    than ``width``: searched from where such a match can start (a lookbehind still sees
    the characters before it), not from every position of a whole line (issue 11).
    ``width`` None: the whole line."""
    # (``concurrent`` False positionally: the ``regex`` module would release the GIL around
    # each of these searches - a worker has one thread; as ``regexkit.lazy`` does)
    return rx.search(s, max(0, len(s) - width), None, False) if width else rx.search(s, None, None, False)
_OPEN_WORDS = frozenset(_DATA["open_words"])
_TAIL_WORDS = frozenset(_DATA["tail_words"])


@lru_cache(maxsize=1)
def _measure_words() -> tuple[frozenset, regex.Pattern]:
    """The measure words of ``patterns/numbers.yaml`` (counts and money), and a figure
    with one opening a line (120条, 3.5万元, 90.3%)."""
    from .numbers_data import DATA

    words = set(DATA.count_words) | set(DATA.money_scale)
    alt = "|".join(regex.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    return frozenset(words), regex.compile(rf"^\d+(?:\.\d+)?(?:%|[万亿]?(?:{alt}))")

# the line after opens a sentence of its own: its subject or its time, or a notice's
# body after its addressees (现将…印发给你们)
_OPENER = regex.compile(rf"^(?:{_alt(_DATA['sentence_openers'])})")
_SOFT_WINDOW = 6   # characters on each side of the break the word tests read


def _soft_join(before: str, after: str) -> bool:
    """Whether the break between ``before`` and ``after`` (two whole lines) lies inside
    one sentence: the line before does not end one, the line after does not open a
    unit, neither is a cell, a field (发布时间:…), a date or a title (one of them holds
    punctuation inside a sentence), and the break shows itself: a line before ending on
    a mark or word that cannot end a sentence (,、 的 共 为…), a line after opening with
    what cannot open one (的 等, 120条), a word across it (政府|信息), or a line before
    holding its sentence's first clause (a comma) and a line after finishing it."""
    before, after = _GLOSS.sub("", before, 0, None, None, False), _GLOSS.sub("", after, 0, None, None, False)
    if not _at_end(_SOFT_END, before, _SOFT_END_W) or not _SOFT_START.search(after, None, None, False):
        return False
    digit_end = before[-1].isdigit()
    measures, figure_start = _measure_words()
    if digit_end and (after[0].isdigit() or not after.startswith(tuple(measures))):
        return False   # two figures, or a figure and the next line's text
    if _UNIT_START.search(after, None, None, False) or _SCORE_CELL.search(after, None, None, False):
        return False
    # the sentence the line before ends with (a heading may follow a sentence on its line)
    tail = _SENTENCE_END.split(before, 0, False)[-1].strip(" ")
    if not tail or _UNIT_START.search(tail, None, None, False):
        return False   # a heading (its title may hold a comma: 权力配置规范化,边界更清晰)
    for side in (tail, after):
        if (_DATE_LINE.search(side, None, None, False) or _FIELD.search(side, None, None, False)
                or _CELLS.search(side, None, None, False)):
            return False
        if not _PROSE_MARK.search(side, None, None, False) and _at_end(_TITLE_LINE, side, _TITLE_LINE_W):
            return False
    if not (_PROSE_MARK.search(before, None, None, False) or _PROSE_MARK.search(after, None, None, False)):
        return False   # cells one per line, names, titles, signatures
    if digit_end:      # a figure and its measure word (85⏎条), not a word opening so (5⏎本年度)
        return _first_word(after) in measures
    if figure_start.search(after, None, None, False):
        return True    # the figure of the line before (为⏎85条)
    if _OPENER.search(after, None, None, False):
        return False   # a sentence of its own opens the line after (我局…, 2021年…)
    if _at_end(_OPEN_MARK, before, 2):
        return True
    left, right = before[-_SOFT_WINDOW:], after[:_SOFT_WINDOW]
    ws = _words(left + right)
    k = len(left)
    last = next((w for w, a, b in reversed(ws) if a < k), "")
    first = next((w for w, a, b in ws if b > k), "")
    if (last in _OPEN_WORDS and _ends_at(ws, k)) or (first in _TAIL_WORDS and _starts_at(ws, k)):
        return True
    if _word_across(ws, k):
        return True
    if not (_PROSE_MARK.search(after, None, None, False) or _BARE_INTEGER.search(after, None, None, False)):
        return False   # a complete line, then a line of its own
    return "," in tail


def _words(s: str) -> list[tuple[str, int, int]]:
    from .wordcut import word_cutter

    return word_cutter().tokenize(s)


def _first_word(s: str) -> str:
    ws = _words(s[:_SOFT_WINDOW])
    return ws[0][0] if ws else ""


def _ends_at(ws, k: int) -> bool:
    return any(b == k for _w, _a, b in ws)


def _starts_at(ws, k: int) -> bool:
    return any(a == k for _w, a, _b in ws)


def _word_across(ws, k: int) -> bool:
    """A dictionary word (jieba's, with the domain words) across the break at ``k``."""
    from .wordcut import word_cutter

    freq = word_cutter().tk.FREQ
    return any(a < k < b and len(w) >= 2 and freq.get(w, 0) > 0 for w, a, b in ws)


def _soft_breaks(text: str, blocks, skip=()) -> list[int]:
    """Indexes of the line breaks of ``text`` inside a sentence (``_soft_join``), each
    between two paragraph blocks (one line each) of one page; ``skip``: breaks already
    joined (``_wrap_breaks``)."""
    out = []
    skip = set(skip)
    for b1, b2 in zip(blocks, blocks[1:]):
        if b1.kind != "paragraph" or b2.kind != "paragraph" or b1.page != b2.page:
            continue
        if b1.style == "heading" or b2.style == "heading" or b1.start < 0 or b2.start < 0:
            continue
        p = b1.end
        if p in skip or p >= len(text) or text[p] != "\n" or b2.start != p + 1:
            continue
        before, after = text[b1.start:p].strip(" "), text[b2.start:b2.end].strip(" ")
        if not before or not after or "\n" in before or "\n" in after:
            continue
        if "|" in before or "|" in after or "\t" in before or "\t" in after or "  " in before or "  " in after:
            continue
        if _soft_join(before, after):
            out.append(p)
    return out
