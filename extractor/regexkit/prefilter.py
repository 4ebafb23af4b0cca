"""Which of many regexes can match a text, from their required literals (one scan).

``Prefilter(needs).scan(text)`` gives the bits of the regexes whose requirements (see
:func:`.required.required`) the text meets; the others cannot match and need not run.
"""
from __future__ import annotations

try:   # Aho-Corasick automaton (C): every literal of a large prefilter found in one pass
    import ahocorasick as _ahocorasick
except ImportError:   # (a dependency of the package; without it the first-character index)
    _ahocorasick = None

# up to this many literals a prefilter looks for each one directly (see Prefilter.scan)
FLAT_MAX = 16
# more literals than FLAT_MAX: one automaton over the text, when pyahocorasick is there
USE_AUTOMATON = True


class Prefilter:
    """Which of a list of regexes (each with its requirements, see :func:`.required.required`) can
    match a text. Regex j is a bit; for the k-th requirement of each regex, every
    literal of it carries the bit of that regex in ``masks[lit][k]``; a regex with fewer
    requirements (or none known) has its bit set at the levels it lacks. The regexes
    that can match are those whose bit is set at every level once the literals present
    are or-ed in. Literals are looked for only when their first character occurs."""

    def __init__(self, needs: list, skip=None):
        """``needs[j]``: requirements of regex j; ``skip(literal set)``: a requirement
        not to check (counted as met)."""
        reqs = [[alts for alts in (n or ()) if not (skip and skip(alts))] for n in needs]
        self.levels = max((len(r) for r in reqs), default=0)
        self.always = [0] * self.levels
        self.masks: dict[str, list[int]] = {}
        for j, r in enumerate(reqs):
            bit = 1 << j
            for k in range(len(r), self.levels):
                self.always[k] |= bit
            for k, alts in enumerate(r):
                for lit in alts:
                    self.masks.setdefault(lit, [0] * self.levels)[k] |= bit
        self.n = len(needs)
        self.all = (1 << self.n) - 1
        # all levels in one integer (level k at bits k*n …): one "or" per literal found
        self.always_all = sum(m << (k * self.n) for k, m in enumerate(self.always))
        self.by_first: dict[str, list[tuple[str, int]]] = {}
        for lit in sorted(self.masks):
            packed = sum(m << (k * self.n) for k, m in enumerate(self.masks[lit]))
            self.by_first.setdefault(lit[0], []).append((lit, packed))
        self.firsts = frozenset(self.by_first)
        # few literals: each looked for directly (a handful of substring searches costs
        # less than building the set of the text's characters, which is as long as the text)
        self.flat = ([x for lits in self.by_first.values() for x in lits]
                     if len(self.masks) <= FLAT_MAX else None)
        # many literals: an Aho-Corasick automaton reports every occurrence of every literal
        # in one pass of the text (issue 11: the rule index's ~900 literals were looked for
        # by first character, a set of the text's characters and a substring search per
        # literal, ~3x the automaton's time); the same literals or-ed in, the same bits
        self.automaton = None
        if self.flat is None and USE_AUTOMATON and _ahocorasick is not None:
            a = _ahocorasick.Automaton()
            for lits in self.by_first.values():
                for lit, packed in lits:
                    a.add_word(lit, packed)
            a.make_automaton()
            self.automaton = a

    def scan(self, text: str) -> int:
        """Bits of the regexes that can match ``text``."""
        if not self.levels:
            return self.all
        acc = self.always_all
        if self.flat is not None:
            for lit, m in self.flat:
                if lit in text:
                    acc |= m
        elif self.automaton is not None:
            for _end, m in self.automaton.iter(text):
                acc |= m
        else:
            by_first = self.by_first
            for c in self.firsts.intersection(text):
                for lit, m in by_first[c]:
                    if lit in text:
                        acc |= m
        out, n, full = self.all, self.n, self.all
        for k in range(self.levels):
            out &= acc >> (k * n)
        return out & full


def set_bits(b: int):
    """The indexes of the bits set in ``b``, lowest first."""
    while b:
        low = b & -b
        b ^= low
        yield low.bit_length() - 1
