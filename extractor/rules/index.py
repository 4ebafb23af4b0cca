"""A loaded rule list (:class:`RuleSet`) and its prefilter (:class:`RuleIndex`): which
regexes of which rules can match a sentence, from the literals they require.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..regexkit import Prefilter, set_bits
from .mask import has_mask
from .schema import Rule


class RuleIndex:
    """The prefilter of a rule list: which regexes of which rules can match a sentence.
    Patterns are searched in the masked sentence, zero phrases in the sentence. A
    literal without mask characters occurs in the masked text only if it occurs in the
    text, so the text alone tells whether masking (finding the quantities) is needed
    and which patterns can match."""

    def __init__(self, rules: list[Rule]):
        self.rules = rules
        # (rule, k): the k-th pattern / zero phrase of rules[rule], compiled when a plan
        # first needs it (see Rule.compile)
        self.pats = [(i, k) for i, r in enumerate(rules) for k in range(len(r.pattern_src))]
        self.zeros = [(i, k) for i, r in enumerate(rules) for k in range(len(r.zero_src))]
        pneeds = [n for r in rules for n in r.pattern_needs]
        zneeds = [n for r in rules for n in r.zero_needs]
        self.n_pats = len(pneeds)
        self.pat_bits = (1 << self.n_pats) - 1
        # on the text: the patterns (requirements holding a mask left out) and zero phrases
        self.on_text = Prefilter(pneeds + zneeds, skip=has_mask)
        self._plans: dict[tuple[int, int], list] = {}
        self._in_section: dict[str, dict] = {}

    def section_memo(self, section: str) -> dict:
        """The memo of condition searches in the headings ``section`` (see _conditions):
        a document's sentences share a few headings. Bounded (cleared when full)."""
        memo = self._in_section.get(section)
        if memo is None:
            if len(self._in_section) >= 1024:
                self._in_section.clear()
            memo = self._in_section[section] = {}
        return memo

    def plan(self, text: str, masked_fn):
        """[(rule, patterns to run, zero phrases to run)] in rule order, and
        ``masked(text)`` (None when no pattern can match).

        Patterns run are those the text's literals allow (requirements holding a mask
        left out). A sentence with no quantity masked runs none (each pattern holds
        ``<Q>``, and a match without a masked quantity at its ``q`` gives nothing).
        Scanning the masked text as well would rule out a few more (literals lying
        inside a quantity), but costs more than running them in vain: they find
        nothing, so the candidates are the same. Plans are cached by their bits (the
        lists are shared: callers only read them)."""
        mq = None
        bits = self.on_text.scan(text)
        pbits = bits & self.pat_bits
        if pbits:
            mq = masked_fn()
            if not mq[1]:
                pbits = 0
        key = (pbits, bits >> self.n_pats)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plan(*key)
            if len(self._plans) >= 4096:
                self._plans.clear()
            self._plans[key] = plan
        return plan, mq

    def _plan(self, pbits: int, zbits: int) -> list:
        by_rule: dict[int, tuple[list, list]] = {}
        rules = self.rules
        pats = self.pats
        for j in set_bits(pbits):
            i, k = pats[j]
            by_rule.setdefault(i, ([], []))[0].append(rules[i].patterns[k])
        zeros = self.zeros
        for j in set_bits(zbits):
            i, k = zeros[j]
            by_rule.setdefault(i, ([], []))[1].append(rules[i].zero[k])
        return [(rules[i], *by_rule[i]) for i in sorted(by_rule)]


@dataclass
class RuleSet:
    rules: list[Rule]
    files: list[Path]

    def __post_init__(self):
        self.index = RuleIndex(self.rules)
        # (sentence, section, word guard on) -> its candidates: they depend on nothing
        # else (the word guard segments the sentence alone), and boilerplate sentences
        # ("本年度未发生…", the statistics period) recur from report to report
        self.candidates: dict[tuple, list] = {}
