"""One lazily compiled regex type (:class:`LazyRegex`) and a per-process compile memo
(:func:`compiled`) for patterns built from data at run time."""
from __future__ import annotations

from functools import lru_cache

import regex

# the methods of a compiled pattern a LazyRegex hands out (kept in slots once compiled,
# so a call after the first costs what it costs on the compiled pattern)
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


def _holding_gil(method):
    """``method`` (a ``regex`` pattern's search, match or fullmatch) called with
    ``concurrent`` False unless given: the ``regex`` module releases the GIL around every
    match on a str and takes it back for each allocation while matching (~5 % of a warm
    pass's instructions, issue 11), which a single-threaded worker never needs. Passed
    positionally, as the C method's fast path reads up to five positional arguments
    (a keyword sends every call through its argument parser, which costs more)."""
    def call(string, pos=None, endpos=None, concurrent=False, partial=False, timeout=None):
        if partial is False and timeout is None:
            return method(string, pos, endpos, concurrent)
        return method(string, pos, endpos, concurrent, partial, timeout)
    return call


class LazyRegex:
    """A regular expression compiled on first use: ``.pattern`` needs no compiling, and
    most documents never search most of the patterns the data defines. ``compile``:
    the compiling function (default ``regex.compile``). Any attribute of the compiled
    pattern (``search``, ``finditer``, ``groupindex`` …) is read through; ``compiled()``
    gives the pattern itself."""

    __slots__ = ("pattern", "_compile", "_compiled") + _METHODS

    def __init__(self, pattern: str, compile=regex.compile):
        self.pattern = pattern
        self._compile = compile
        self._compiled = None

    def compiled(self):
        rx = self._compiled
        if rx is None:
            rx = self._compiled = self._compile(self.pattern)
            for name in _METHODS:
                setattr(self, name, getattr(rx, name))
            if isinstance(rx, regex.Pattern):   # (a ``re`` pattern takes no ``concurrent``)
                for name in ("search", "match", "fullmatch"):
                    setattr(self, name, _holding_gil(getattr(rx, name)))
        return rx

    def __getattr__(self, name):  # a method not yet bound, or another attribute of the pattern
        if name.startswith("_"):  # an unset slot (copy, pickle): nothing to compile for
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyRegex({self.pattern!r})"


@lru_cache(maxsize=512)
def compiled(pattern: str) -> regex.Pattern:
    """``regex.compile(pattern)``, once per process (``regex.compile`` caches too, but
    looking its cache up costs more than a search on a short text)."""
    return regex.compile(pattern)
