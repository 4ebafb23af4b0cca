"""The word guard (jieba words, domain dictionary loaded; only sentences where a rule
matched are segmented): a figure must not lie inside a longer word ("一条龙", "三个代表",
"一件件" are not 1/3/1 of anything), a zero phrase must not end inside a word
("未收到申请人…" does not say 未收到申请) unless that word is a domain term ("举报投诉"),
and the label of an "A、B和C分别为…" list must start a word. ``ZWGK_WORD_GUARD=0``
switches it off.
"""
from __future__ import annotations

import os
import re

WORD_GUARD = os.environ.get("ZWGK_WORD_GUARD", "1") != "0"


_ASCII_DIGIT = re.compile(r"[0-9]")


def part_of_a_word(bounds, qa: int, qb: int, text: str) -> bool:
    """The figure [qa, qb) lies inside one longer word (一条龙, 三个代表, 一件件); a unit
    that jieba glues to the next character (两起|因 -> 两, 起因) does not count.
    A figure written with Arabic digits never does: jieba never joins a digit to a Chinese
    character outside its dictionary, whose words hold no digit followed by a unit (only
    4S店, 1号店). So only Chinese-numeral figures cost a segmentation."""
    if _ASCII_DIGIT.search(text, qa, qb):
        return False
    for _w, x, y in bounds().words:
        if x <= qa and qb <= y and (x, y) != (qa, qb):
            return True
        if x >= qb:
            break
    return False


def starts_a_word(bounds, a: int) -> bool:
    return a in bounds().bounds


def ends_a_word(bounds, b: int) -> bool:
    """Offset b ends a word, or falls inside a domain-dictionary term."""
    wb = bounds()
    if b in wb.bounds:
        return True
    for w, x, y in wb.words:
        if x < b < y:
            return w in wb.domain
    return True


class Bounds:
    """jieba's words of one sentence (offsets in the sentence), segmented on first use:
    only sentences where a rule matched are ever segmented."""

    __slots__ = ("seg", "sent", "bounds", "words", "domain")

    def __init__(self, seg, sent):
        self.seg, self.sent, self.words = seg, sent, None

    def __call__(self) -> "Bounds":
        if self.words is None:
            from .. import segment

            get = getattr(self.seg, "words", None)
            if get is not None:
                s0 = self.sent.start
                self.words = [(w, a - s0, b - s0) for w, a, b in get(self.sent)]
            else:
                self.words = segment.words(self.sent.text)
            wb = {0, len(self.sent.text)}
            for _w, a, b in self.words:
                wb.add(a)
                wb.add(b)
            self.bounds = wb
            self.domain = segment.domain_words()
        return self
