"""``textables.join_wrapped`` (a cell wrapped over lines of scraped text) is
``layout.text.join_cjk`` with the ``no_space`` rule: the same result as the loop it
replaced, on many random pieces mixing Han, kana, full-width forms, quotes, dashes,
latin letters, digits, punctuation and blanks (issue 15: one "join CJK" function)."""
from __future__ import annotations

import random

import regex

from extractor.load.layout.text import join_cjk
from extractor.load.textables import join_wrapped

# the character class join_wrapped used before it called join_cjk
_CJKISH = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef“”‘’（）《》]")

_ALPHABET = ("组织领导公开申请件" "\U00020000\U0002a700" "あア" "，。、：；（）《》" "“”‘’" "—…·–"
             "abcXYZ" "0123456789" ".,;:-/|%" " \t\u3000" "\u2e80\u3400\uf900\ufe30")


def _reference(parts) -> str:
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if out and not (_CJKISH.match(out[-1]) or _CJKISH.match(p[0])):
            out += " "
        out += p
    return out


def test_join_wrapped_equals_the_loop_it_replaced_on_random_pieces():
    rnd = random.Random(15)
    spaced = 0
    for _ in range(20000):
        parts = ["".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(0, 4)))
                 for _ in range(rnd.randint(0, 4))]
        got = join_wrapped(parts)
        assert got == _reference(parts), parts
        spaced += " " in got and all(" " not in p.strip() for p in parts)
    assert spaced > 1000  # the space case was exercised, not only the CJK one


def test_the_two_join_rules_differ_where_documented():
    # digits wrapped in a scraped cell keep a space; in a PDF line they are one number
    assert join_wrapped(["12", "34"]) == "12 34"
    assert join_cjk("12", "34") == "1234"
    # both: no space between CJK, one between latin words
    assert join_wrapped(["本年新", "制作数量"]) == join_cjk("本年新", "制作数量") == "本年新制作数量"
    assert join_wrapped(["open", "data"]) == join_cjk("open", "data") == "open data"
