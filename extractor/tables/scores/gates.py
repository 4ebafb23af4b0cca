"""Cheap tests that skip a score reader on a text where it cannot read anything (issue 11:
each reader's own scan cost ~0.2 ms on every annual report, which holds no score table).

Each ``may_read_*`` is False only where its reader returns nothing: it tests the whole
text for what every reading needs - a paragraph is a piece of ``doc.text``
(``doc.text[b.start:b.end]``), so a literal or a match (of a pattern that looks neither
behind nor ahead nor at line ends) in a paragraph is one in the text. The literals come from
the reader's own patterns (``regexkit.required``), never from a list of their own.
tests/test_score_gates_s15.py runs every reader with and without its test over the real
texts that hold a score table.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import permutations

import regex

from ...model import Document
from ...regexkit import may_match, required
from .vocabulary import vocab


@lru_cache(maxsize=None)
def needs(source: str):
    """``regexkit.required``'s literal sets of a pattern's source (None: nothing known)."""
    return required(source)


# prose_item's piece before the claim's word ("…5%,自评得5%": the points' separator)
CLAIM_LEAD = r"[,,;;]\s*"


@lru_cache(maxsize=8)
def claim(source: str, words: tuple[str, ...] | None):
    """The piece ``[,,;;]\\s*(?:自评|自查)`` of prose_item's source compiled alone, its
    words those of ``prose_needs``; None (no test) when the source holds no such piece."""
    for order in permutations(words or ()):
        piece = CLAIM_LEAD + "(?:" + "|".join(order) + ")"
        if piece in source:
            return regex.compile(piece)
    return None


def may_read_prose(doc: Document) -> bool:
    """read_prose matches prose_item in runs of paragraphs without their line breaks, each
    a piece of the text without them: that text holds one of ``prose_needs`` and the claim
    every match holds, a piece of prose_item at its top level."""
    v = vocab()
    if v.prose_needs is None:
        return True
    flat = doc.text.replace("\n", "")
    if not any(w in flat for w in v.prose_needs):
        return False
    c = claim(v.prose_item.pattern, v.prose_needs)
    return c is None or c.search(flat) is not None


def may_read_weights(doc: Document) -> bool:
    """read_weights starts at a paragraph holding a total's word (总分/满分)."""
    return any(t in doc.text for t in vocab().reader_words["total_marks"])


# what section_head's weight group (…\d%\s*[)）]) holds wherever it matches
WEIGHT_CLOSED = regex.compile(r"%\s*[)）]")


def may_read_weighted_sections(doc: Document) -> bool:
    """Every part's weight is read from its heading ("(40%)": a percent sign, then a
    closing bracket) or from a line of section_weight: a text holding neither has none."""
    text = doc.text
    return "%" in text and (WEIGHT_CLOSED.search(text) is not None
                            or may_match(text, needs(vocab().weights["section_weight"].pattern)))


def may_read_percent_shares(doc: Document) -> bool:
    """The shares' sentence pattern is matched in paragraphs."""
    return may_match(doc.text, needs(vocab().percent_shares["sentence"].pattern))


def may_read_indicator_scores(doc: Document) -> bool:
    """indicator_score is matched in paragraphs."""
    return may_match(doc.text, needs(vocab().indicator_score.pattern))


def may_read_outline(doc: Document) -> bool:
    """A paragraph holding a "(N分)" annotation: the whole text searched once first, the
    paragraphs only where it holds one."""
    ann = vocab().annotation
    return ann.search(doc.text) is not None and \
        any(ann.search(b.text) for b in doc.blocks if b.kind == "paragraph")
