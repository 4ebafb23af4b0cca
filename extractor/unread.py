"""Figures the extractor left behind: quantities in the text that no part of a result covers.

    from extractor.unread import unread
    for q in unread(record, text):      # record: a result dict, text: the extracted text
        print(q.start, q.end, q.text, q.context)

A quantity is a number followed by a measure word (1234条, 12.5万元, 三百二十条, 50余件),
found by spaCy's ``Matcher`` with the token patterns of ``patterns/unread.yaml`` over the
tokens of the blank ``zh`` pipeline with the jieba segmenter (``segment.get_nlp``). One is
*unread* when it overlaps no fact, table cell, score item or warning of the record (their
``offset``). This is a view for people, off the extraction path: ``zwgk show FILE --unread``
lists them, so an archivist sees what a report says that the data does not hold, and a
contributor sees which phrasing to add to ``patterns/``. spaCy is imported only here.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from .numbers import CN_NUMERAL_CHARS, COUNT_UNITS, MONEY_UNITS
from .resources import patterns_dir

PATTERNS_FILE = patterns_dir() / "unread.yaml"
CN_CHARS = frozenset(CN_NUMERAL_CHARS)
CN_DIGITS = CN_CHARS - frozenset("百佰千仟万萬亿億")   # a numeral needs one of these (or 十)
# spans the matcher runs on: sentences and lines (a quantity never crosses them)
_CHUNK = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")


@dataclass(frozen=True)
class Quantity:
    start: int          # offsets into the extracted text
    end: int
    text: str
    rule: str           # the pattern id of patterns/unread.yaml
    context: str        # the sentence or line it stands in

    def as_dict(self) -> dict:
        return {"offset": [self.start, self.end], "text": self.text, "rule": self.rule,
                "context": self.context}


def _fill(obj, subs: dict):
    if isinstance(obj, str):
        for k, v in subs.items():
            obj = obj.replace("{" + k + "}", v)
        return obj
    if isinstance(obj, list):
        return [_fill(x, subs) for x in obj]
    if isinstance(obj, dict):
        return {k: _fill(v, subs) for k, v in obj.items()}
    return obj


@lru_cache(maxsize=1)
def load_config(path: str | None = None) -> dict:
    """The pattern file with its placeholders filled in (measure words from extractor.numbers)."""
    with open(path or PATTERNS_FILE, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    measure = sorted(set(COUNT_UNITS) | set(MONEY_UNITS), key=lambda w: (-len(w), w))
    subs = {"MEASURE": "|".join(re.escape(m) for m in measure), "CN": "".join(sorted(CN_CHARS))}
    for p in data["patterns"]:
        p["pattern"] = _fill(p["pattern"], subs)
    return data


@lru_cache(maxsize=1)
def _matcher():
    from spacy.matcher import Matcher

    from .segment import get_nlp

    nlp = get_nlp()
    m = Matcher(nlp.vocab, validate=True)
    for p in load_config()["patterns"]:
        m.add(p["id"], [p["pattern"]])
    return nlp, m


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity of the text, longest match where patterns overlap, in text order."""
    cfg = load_config()
    not_after = tuple(cfg.get("not_after") or ())
    skip_numerals = set(cfg.get("skip_numerals") or ())
    nlp, matcher = _matcher()
    out: list[Quantity] = []
    for chunk in _CHUNK.finditer(text):
        s = chunk.group()
        if not any(ch.isdigit() or ch in CN_CHARS for ch in s):
            continue            # no numeral at all: nothing to match
        doc = nlp.make_doc(s)
        spans = sorted(((a, b, nlp.vocab.strings[mid]) for mid, a, b in matcher(doc)),
                       key=lambda t: (t[0], -(t[1] - t[0])))
        taken_to = 0
        for a, b, rid in spans:
            if a < taken_to:
                continue
            span = doc[a:b]
            before = s[:span.start_char]
            if before.endswith(not_after):
                continue
            if rid.startswith("chinese"):
                numeral = "".join(ch for ch in span.text if ch in CN_CHARS)
                # a numeral needs a digit or 十 (万元 alone, 千元 alone are units, not figures)
                if numeral in skip_numerals or not any(ch in CN_DIGITS for ch in numeral):
                    continue
            taken_to = b
            out.append(Quantity(chunk.start() + span.start_char, chunk.start() + span.end_char,
                                span.text, rid, s.strip()))
    return out


def covered_spans(record: dict) -> list[tuple[int, int]]:
    """The offsets a result accounts for: facts, warnings, score items (any ``offset`` in them)."""
    spans: list[tuple[int, int]] = []

    def walk(x):
        if isinstance(x, dict):
            off = x.get("offset")
            if isinstance(off, (list, tuple)) and len(off) == 2 and all(isinstance(v, int) for v in off):
                spans.append((off[0], off[1]))
            for v in x.values():
                if isinstance(v, (dict, list)):
                    walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    for part in ("facts", "warnings", "score_tables", "conflicts"):
        walk(record.get(part) or [])
    return sorted(spans)


def unread(record: dict, text: str) -> list[Quantity]:
    """The quantities of ``text`` that no fact, warning or score item of ``record`` covers."""
    spans = covered_spans(record)
    starts = [a for a, _ in spans]
    reach = []
    m = -1
    for _, b in spans:               # the furthest end among spans starting at or before i
        m = max(m, b)
        reach.append(m)
    out = []
    for q in find_quantities(text):
        i = bisect.bisect_left(starts, q.end) - 1   # spans starting before the quantity ends
        if i >= 0 and reach[i] > q.start:
            continue
        out.append(q)
    return out
