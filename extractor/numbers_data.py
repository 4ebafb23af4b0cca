"""``patterns/numbers.yaml``: the words around numbers, loaded, checked and compiled once.

What the file holds (measure words with their quantity and scale, approximation words,
the words a Chinese numeral is part of, blank table cells, heading numbering) is
described in the file. This module reads it when first imported and refuses, with a
:class:`NumbersDataError` naming the place, an unknown field, a measure word in two
groups, a table word that is no measure word, a numbering set that is no plain
character list and a heading pattern that does not compile. Readers import the derived
forms below; they never read the file themselves:

- ``COUNT_WORDS`` / ``MONEY_SCALE`` / ``NUMBER_WORDS``: measure words by quantity
  (``extractor/numbers.py``);
- ``APPROX_BEFORE`` / ``APPROX_BEFORE_EXACT`` / ``APPROX_INNER`` / ``APPROX_AFTER``;
- ``NUMERAL_WORD_BEFORE`` (characters) / ``NUMERAL_WORD_AFTER`` (words);
- ``TABLE_UNIT_WORDS`` / ``TABLE_MONEY_SCALE`` / ``BLANK_CELL`` (a regex fragment matching
  one blank cell's text) for the statistics-table readers;
- ``HEADINGS``: name -> compiled heading-number pattern; ``HEADING_SOURCES``: name -> its
  text (to write more after it); ``ROW_NUMBERING``: the row-numbering pattern's text (a
  template macro); ``HEADING_LEVELS``: the section tree's heading numbering, (level,
  compiled pattern) in the order tried (``extractor/segment.py``).
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import regex

from .regexkit import compile_fast
from .resources import load_yaml, patterns_dir

NUMBERS_FILE = "numbers.yaml"
QUANTITIES = ("count", "money", "number")
#: the heading-number forms the code imports by name (a file without one is refused)
HEADING_FORMS = ("section_start", "stream_heading", "row_numbering")

_TOP = frozenset(("measure_words", "approximation_words", "numeral_words", "tables", "numbering",
                  "examples", "counter_examples"))
_APPROX = frozenset(("before", "before_exact", "inner", "after"))
_NUMERAL_WORDS = frozenset(("before", "after"))
_TABLES = frozenset(("unit_column", "blank_cells"))
_BLANKS = frozenset(("marks", "repeated"))
_NUMBERING = frozenset(("sets", "forms", "heading_levels"))
_FORM = frozenset(("use", "pattern", "examples", "counter_examples"))
_LEVEL = frozenset(("level", "pattern", "examples", "counter_examples"))
_EXAMPLE = frozenset(("text", "value", "measure_word", "quantity", "approx", "sentence", "find"))
_SET_NAME = regex.compile(r"<([A-Z][A-Z0-9_]*)>")


class NumbersDataError(ValueError):
    """``patterns/numbers.yaml`` cannot be read as written."""


def _fields(where: str, data, allowed: frozenset, required: frozenset = frozenset()) -> dict:
    if not isinstance(data, dict):
        raise NumbersDataError(f"{NUMBERS_FILE}: {where}: expected a mapping")
    bad = sorted(set(data) - allowed)
    if bad:
        raise NumbersDataError(f"{NUMBERS_FILE}: {where}: unknown field(s) {bad}")
    missing = sorted(required - set(data))
    if missing:
        raise NumbersDataError(f"{NUMBERS_FILE}: {where}: missing field(s) {missing}")
    return data


def _words(where: str, v) -> list[str]:
    if not isinstance(v, list) or not v or not all(isinstance(w, str) and w.strip() == w and w for w in v):
        raise NumbersDataError(f"{NUMBERS_FILE}: {where}: expected a list of words")
    dup = sorted({w for w in v if v.count(w) > 1})
    if dup:
        raise NumbersDataError(f"{NUMBERS_FILE}: {where}: listed twice: {dup}")
    return list(v)


def _alternation(words) -> str:
    """One regex alternative per word, longest first (so 人次 is tried before 人)."""
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


class NumbersData:
    """The checked content of the file (see the module docstring for the derived forms)."""

    def __init__(self, data, path: Path | None = None):
        self.path = path
        d = _fields("top level", data, _TOP, frozenset(("measure_words", "approximation_words", "numeral_words",
                                                          "tables", "numbering")))
        mw = _fields("measure_words", d["measure_words"], frozenset(QUANTITIES), frozenset(QUANTITIES))
        self.count_words = _words("measure_words.count", mw["count"])
        self.number_words = _words("measure_words.number", mw["number"])
        money = _fields("measure_words.money", mw["money"], frozenset(mw["money"] or ()))
        for w, scale in money.items():
            if not isinstance(w, str) or not w or isinstance(scale, bool) or not isinstance(scale, int) or scale < 1:
                raise NumbersDataError(f"{NUMBERS_FILE}: measure_words.money: {w!r}: the scale must be a "
                                       f"whole number of 元 (got {scale!r})")
        self.money_scale = {w: Decimal(s) for w, s in money.items()}
        seen: dict[str, str] = {}
        for q, ws in (("count", self.count_words), ("money", list(self.money_scale)), ("number", self.number_words)):
            for w in ws:
                if w in seen:
                    raise NumbersDataError(f"{NUMBERS_FILE}: measure word {w!r} is in both {seen[w]} and {q}")
                seen[w] = q
        self.quantity_of = seen

        ap = _fields("approximation_words", d["approximation_words"], _APPROX, _APPROX)
        self.approx_before = _words("approximation_words.before", ap["before"])
        self.approx_before_exact = _words("approximation_words.before_exact", ap["before_exact"])
        self.approx_inner = _words("approximation_words.inner", ap["inner"])
        self.approx_after = _words("approximation_words.after", ap["after"])
        both = set(self.approx_before) & set(self.approx_before_exact)
        if both:
            raise NumbersDataError(f"{NUMBERS_FILE}: approximation_words: {sorted(both)} both before and before_exact")

        nw = _fields("numeral_words", d["numeral_words"], _NUMERAL_WORDS, _NUMERAL_WORDS)
        if not isinstance(nw["before"], str) or not nw["before"]:
            raise NumbersDataError(f"{NUMBERS_FILE}: numeral_words.before: expected a string of characters")
        self.numeral_word_before = nw["before"]
        self.numeral_word_after = _words("numeral_words.after", nw["after"])

        tb = _fields("tables", d["tables"], _TABLES, _TABLES)
        self.table_unit_words = _words("tables.unit_column", tb["unit_column"])
        unknown = [w for w in self.table_unit_words if w not in seen]
        if unknown:
            raise NumbersDataError(f"{NUMBERS_FILE}: tables.unit_column: {unknown} are no measure words "
                                   "(add them to measure_words)")
        bl = _fields("tables.blank_cells", tb["blank_cells"], _BLANKS, _BLANKS)
        self.blank_marks = _words("tables.blank_cells.marks", bl["marks"])
        self.blank_repeated = _words("tables.blank_cells.repeated", bl["repeated"])
        for w in self.blank_repeated:
            if len(w) != 1:
                raise NumbersDataError(f"{NUMBERS_FILE}: tables.blank_cells.repeated: {w!r} is not one character")

        nb = _fields("numbering", d["numbering"], _NUMBERING, frozenset(("sets", "forms")))
        sets = _fields("numbering.sets", nb["sets"], frozenset(nb["sets"] or ()))
        for name, chars in sets.items():
            if not _SET_NAME.fullmatch(f"<{name}>") or not isinstance(chars, str) or not chars \
                    or any(c in "]\\^-[" or c.isspace() for c in chars):
                raise NumbersDataError(f"{NUMBERS_FILE}: numbering.sets.{name}: a NAME in capitals and a plain "
                                       "string of characters (no ] \\ ^ - [ or spaces)")
        self.numbering_sets = dict(sets)
        forms = _fields("numbering.forms", nb["forms"], frozenset(nb["forms"] or ()))
        self.heading_sources: dict[str, str] = {}
        #: compiled once (by ``re`` where it reads the pattern exactly as ``regex`` does:
        #: cheaper per line, see regexkit.compile_fast)
        self.headings: dict = {}
        self.heading_examples: dict[str, tuple[list, list]] = {}
        for name, f in forms.items():
            f = _fields(f"numbering.forms.{name}", f, _FORM, frozenset(("use", "pattern")))
            self.heading_sources[name] = self._expand_sets(name, f["pattern"])
            self.heading_examples[name] = (list(f.get("examples") or []), list(f.get("counter_examples") or []))

        #: the section tree's heading numbering, in the order tried: (level, compiled pattern)
        self.heading_levels: list[tuple[int, object]] = []
        self.heading_level_examples: list[tuple[list, list]] = []
        levels = nb.get("heading_levels") or []
        if not isinstance(levels, list):
            raise NumbersDataError(f"{NUMBERS_FILE}: numbering.heading_levels: expected a list")
        for i, f in enumerate(levels):
            where = f"numbering.heading_levels[{i}]"
            f = _fields(where, f, _LEVEL, frozenset(("level", "pattern")))
            lv = f["level"]
            if isinstance(lv, bool) or not isinstance(lv, int) or not 1 <= lv <= 9:
                raise NumbersDataError(f"{NUMBERS_FILE}: {where}.level: a whole number from 1 (got {lv!r})")
            rx = self._compile(where, f["pattern"])
            if rx.groups != 1:
                raise NumbersDataError(f"{NUMBERS_FILE}: {where}: one group (the number as written), "
                                       f"not {rx.groups}")
            self.heading_levels.append((lv, rx))
            self.heading_level_examples.append((list(f.get("examples") or []), list(f.get("counter_examples") or [])))

        missing = [n for n in HEADING_FORMS if n not in forms]
        if missing:
            raise NumbersDataError(f"{NUMBERS_FILE}: numbering.forms: missing {missing} (imported by the readers)")

        self.examples = [_fields(f"examples[{i}]", e, _EXAMPLE) for i, e in enumerate(d.get("examples") or [])]
        self.counter_examples = [_fields(f"counter_examples[{i}]", e, _EXAMPLE)
                                 for i, e in enumerate(d.get("counter_examples") or [])]

    def _expand_sets(self, name: str, src) -> str:
        out = self._sets_in(f"numbering.forms.{name}", src)
        self.headings[name] = self._compile(f"numbering.forms.{name}", src)
        return out

    def _sets_in(self, where: str, src) -> str:
        """``src`` with every <NAME> replaced by its set's characters."""
        if not isinstance(src, str):
            raise NumbersDataError(f"{NUMBERS_FILE}: {where}.pattern: expected a string")

        def sub(m: regex.Match) -> str:
            if m.group(1) not in self.numbering_sets:
                raise NumbersDataError(f"{NUMBERS_FILE}: {where}: unknown set <{m.group(1)}>")
            return self.numbering_sets[m.group(1)]

        return _SET_NAME.sub(sub, src)

    def _compile(self, where: str, src):
        try:
            return compile_fast(self._sets_in(where, src))
        except (regex.error, re.error) as e:
            raise NumbersDataError(f"{NUMBERS_FILE}: {where}: {e}") from None

    @property
    def blank_cell(self) -> str:
        """A regex fragment (one group, no capture) matching the whole text of a blank cell's mark:
        one mark, or a repeated mark written once or more."""
        alts = [regex.escape(w) for w in self.blank_marks] + [regex.escape(w) + "+" for w in self.blank_repeated]
        return "(?:" + "|".join(alts) + ")"


def load(path: Path | None = None) -> NumbersData:
    """Read and check the file (``patterns/numbers.yaml`` unless ``path`` is given)."""
    p = Path(path) if path else patterns_dir() / NUMBERS_FILE
    try:
        data = load_yaml(p)
    except Exception as e:
        import yaml

        if not isinstance(e, yaml.YAMLError):
            raise
        raise NumbersDataError(f"{p.name}: {e}") from None
    return NumbersData(data, p)


DATA = load()

COUNT_WORDS: list[str] = DATA.count_words
MONEY_SCALE: dict[str, Decimal] = DATA.money_scale
NUMBER_WORDS: list[str] = DATA.number_words
APPROX_BEFORE: list[str] = DATA.approx_before
APPROX_BEFORE_EXACT: list[str] = DATA.approx_before_exact
APPROX_INNER: list[str] = DATA.approx_inner
APPROX_AFTER: list[str] = DATA.approx_after
NUMERAL_WORD_BEFORE: str = DATA.numeral_word_before
NUMERAL_WORD_AFTER: tuple[str, ...] = tuple(DATA.numeral_word_after)
#: the measure words of a table's 单位 column, longest first (人次 before 人, 万元 before 元)
TABLE_UNIT_WORDS: list[str] = sorted(DATA.table_unit_words, key=len, reverse=True)
#: the money words among them -> 元 per one (longest first too)
TABLE_MONEY_SCALE: dict[str, Decimal] = {w: DATA.money_scale[w] for w in TABLE_UNIT_WORDS if w in DATA.money_scale}
BLANK_CELL: str = DATA.blank_cell
#: heading-number patterns by name (numbering.forms), compiled once
HEADINGS: dict = DATA.headings
ROW_NUMBERING: str = DATA.heading_sources["row_numbering"]
#: name -> the heading-number pattern's text (sets expanded), for a reader that writes more after it
HEADING_SOURCES: dict[str, str] = DATA.heading_sources
#: the section tree's heading numbering (numbering.heading_levels): (level, compiled), in the order tried
HEADING_LEVELS: list = DATA.heading_levels

__all__ = ["NumbersData", "NumbersDataError", "load", "DATA", "QUANTITIES", "COUNT_WORDS", "MONEY_SCALE",
           "NUMBER_WORDS", "APPROX_BEFORE", "APPROX_BEFORE_EXACT", "APPROX_INNER", "APPROX_AFTER",
           "NUMERAL_WORD_BEFORE", "NUMERAL_WORD_AFTER", "TABLE_UNIT_WORDS", "TABLE_MONEY_SCALE", "BLANK_CELL",
           "HEADINGS", "HEADING_SOURCES", "HEADING_LEVELS", "ROW_NUMBERING"]
