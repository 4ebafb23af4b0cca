"""The rule schema: one rule of a pattern file (:class:`Rule`), the fields a rule may
have, and compiling its regexes (checked: a pattern needs ``<Q>``, a zero phrase must not
have it). A rule's value type (``kind``) is its key's in ``patterns/keys.yaml``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

import regex

from ..keys import UNIT_TYPES, key_units
from ..regexkit import LazyRegex, compile_fast, required

# what a rule's phrase can state: the value types of keys.yaml but ``signed`` (本年增/减 is
# read from tables only)
KINDS = tuple(u for u in UNIT_TYPES if u != "signed")


def kind_of(key: str) -> str | None:
    """The kind a rule of ``key`` reads: its value type in keys.yaml (``signed`` keys read
    counts), None for a key keys.yaml does not list."""
    unit = key_units().get(key)
    return None if unit is None else ("count" if unit == "signed" else unit)
SCOPES = ("any", "sentence", "paragraph")
CLAUSE_PUNCT = ",;。:!?，；：！？"  # what ends a clause (macro gaps and matching stop there)
# the fields a rule of a pattern file may have (besides the file's ``defaults``)
FIELDS = frozenset({"key", "id", "kind", "units", "patterns", "zero", "deny", "not_this", "subject_deny",
                    "not_after", "section", "section_deny", "context", "context_scope", "value", "note",
                    "use_common_not_this", "use_common_section_deny", "use_common_not_after", "allow_share", "fallback",
                    "fallback_deny", "lead_deny", "bare"})


class PatternError(ValueError):
    """A pattern file that cannot be compiled (bad regex, unknown field)."""


# a rule's condition regexes (each an alternation of the phrases listed in its file)
CONDITIONS = ("deny", "not_this", "subject_deny", "section", "section_deny", "not_after", "context",
              "fallback_deny", "lead_deny")
# the attributes of a Rule compiled on first use (see Rule.compile)
COMPILED = frozenset(("patterns", "zero") + CONDITIONS)


@dataclass(eq=False)
class Rule:
    """One rule of a pattern file.

    Its regexes are kept as (macro-expanded) sources, checked when the file is loaded
    (see :func:`.loader.check`), and each is compiled the first time it is used
    (:class:`..regexkit.LazyRegex`): compiling them all is most of a process's start-up,
    and the prefilter needs only the sources, so a run that never meets a rule's literals
    never compiles it. The regex attributes (``__getattr__`` makes them on first access,
    each a LazyRegex; :meth:`compile` compiles them all now):

    * ``patterns``: regexes with group "q"; ``zero``: regexes without a quantity;
    * ``deny``: searched in the matched text; ``not_this``: in the clause (and the one
      before); ``subject_deny``: in the clause text before the match; ``section`` /
      ``section_deny``: must / must not match the section context; ``not_after``:
      matched right after the figure (e.g. "(含上年结转"); ``context``: must match the
      sentence or the section context (see ``context_scope``); ``lead_deny``: searched in
      the full sentence up to the match's end - from the last 。/!/? or line start, across the
      ; splits the segmenter makes - so that a phrase opening the sentence covers all its
      clauses (see .facts.sentence_lead); each None when absent.
    """

    key: str
    id: str
    kind: str = "count"
    units: tuple[str, ...] = ()
    pattern_src: list[str] = field(default_factory=list)
    zero_src: list[str] = field(default_factory=list)
    # condition name (see CONDITIONS) -> source of its regex; absent: no condition
    condition_src: dict[str, str] = field(default_factory=dict)
    # where ``context`` is looked for: "any" (the sentence or its headings), "sentence" (the
    # sentence only), "paragraph" (the sentence, its headings, or its paragraph up to the
    # sentence: see .facts.paragraph_span)
    context_scope: str = "any"
    # a figure followed by its share ("当面申请12件，占38.7%") is still this key's figure; by
    # default it is not taken (mostly a category's or a sub-unit's part of a whole)
    allow_share: bool = False
    # a number without its measure word closing its clause (主动公开信息13,行政处罚…: the word lost
    # in the page) is still this rule's figure; by default a figure must carry one of ``units``
    bare: bool = False
    # a last resort for its key, standing on another key (proactive.via.website): its facts
    # are kept only when no other rule of the document reads its key and no key of its group
    # but that one is read or warned about (see .facts.fallbacks); "" when not a fallback
    fallback: str = ""
    value: Any = None           # fixed value for zero/bool phrases (default 0 / 0.0)
    source: str = ""
    where: str = ""             # "file rule id", for error messages
    # prefilter (derived from patterns/zero, see regexkit.required): per regex, a tuple of literal
    # strings one of which any match must contain, or None (no cheap test known)
    pattern_needs: list[Any] = field(default_factory=list)
    zero_needs: list[Any] = field(default_factory=list)
    # source -> its LazyRegex, shared by the rules of one load (they share conditions)
    compiled: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.rule_id = f"{self.key}#{self.id}"
        if len(self.pattern_needs) != len(self.pattern_src):
            self.pattern_needs = [required(src) for src in self.pattern_src]
        if len(self.zero_needs) != len(self.zero_src):
            self.zero_needs = [required(src) for src in self.zero_src]

    def __getattr__(self, name: str):
        # only called for a missing attribute: a regex attribute before its first access
        if name in COMPILED:
            self._regexes()
            return self.__dict__[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _regexes(self) -> None:
        """Set the regex attributes (each compiled on first use)."""
        if "patterns" in self.__dict__:
            return
        out = {
            "patterns": [self._regex(src, True) for src in self.pattern_src],
            "zero": [self._regex(src, False) for src in self.zero_src],
        }
        for name in CONDITIONS:
            src = self.condition_src.get(name)
            out[name] = None if src is None else self._regex(src, None)
        self.__dict__.update(out)

    def compile(self) -> "Rule":
        """Compile the rule's regexes now (PatternError for a bad one)."""
        self._regexes()
        for rx in [*self.patterns, *self.zero, *(getattr(self, n) for n in CONDITIONS)]:
            if rx is not None:
                rx.compiled()
        return self

    def _regex(self, src: str, need_q: bool | None) -> LazyRegex:
        rx = self.compiled.get(src)
        if rx is None:
            rx = self.compiled[src] = checked_regex(src, self.where, need_q)
        return rx


def checked_regex(text: str, where: str, need_q: bool | None, written: str | None = None) -> LazyRegex:
    """A macro-expanded source as a LazyRegex compiled by :func:`compile_checked` on first
    use (its errors then, quoting ``written`` when given)."""
    return LazyRegex(text, compile=partial(compile_checked, where=where, need_q=need_q, written=written))


def compile_checked(text: str, where: str, need_q: bool | None, written: str | None = None):
    """Compile a macro-expanded source (``need_q``: must / must not have group q, None for a
    condition; see :func:`..regexkit.compile_fast`); errors quote ``written`` (the source as written in the file) when given."""
    shown = text if written is None else written
    try:
        rx = regex.compile(text) if need_q is None else compile_fast(text)
    except regex.error as e:
        raise PatternError(f"{where}: bad regex {shown!r}: {e}") from e
    check_q("q" in rx.groupindex, shown, where, need_q)
    return rx


def check_q(has_q: bool, src: str, where: str, need_q: bool | None) -> None:
    if need_q is True and not has_q:
        raise PatternError(f"{where}: pattern without <Q>: {src!r}")
    if need_q is False and has_q:
        raise PatternError(f"{where}: zero phrase must not contain <Q>: {src!r}")
