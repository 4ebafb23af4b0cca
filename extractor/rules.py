"""Facts from prose: declarative pattern rules (``patterns/facts/*.yaml``).

Public API: ``find_facts(doc, seg) -> Findings``.

The rules are data (see ``patterns/README.md`` for the format). This module only
loads, compiles and applies them to the sentences of :mod:`extractor.segment`:

* every quantity of a sentence is found by :func:`extractor.numbers.find_quantities`
  (one number parser for the whole project) and *masked* in a working copy of the
  sentence with a private-use character of the same length, so offsets never move
  and the ``<Q>`` macro of a pattern matches exactly one whole quantity;
* a pattern match gives a candidate (key, quantity); the candidate is dropped when the
  quantity's unit is not one the rule takes, when it is a percentage, when it is a
  share of something (``…N条,占12%``), when an exclusion phrase (累计, 以来, 截至目前 …)
  stands in its clause or the clause before it, when a ``deny`` phrase occurs in the
  matched text, or when the rule's ``section``/``context`` condition does not hold;
* a rule with ``context_scope: paragraph`` may find its topic word (信息公开) in the
  sentence's paragraph before it ("…信息公开工作领导小组…。局办公室配备兼职工作人员2名"):
  its candidates are computed from the sentence and headings alone (so they stay
  cacheable by sentence+section) and those whose context needs the paragraph are checked
  against it in :func:`find_facts`;
* ``_common.yaml``'s ``section_deny`` (plan headings: 下一步工作打算, 2020年工作安排 …) is
  added to every rule's: figures under a plan heading are targets, not this year's;
* approximations (约/近/余/多/左右/以上) give no value but a warning ``approximate``;
* zero phrases (未收到…申请, 未发生…行政复议) give 0 (0.0 for money);
* two different values for one key inside one sentence give nothing and a warning
  ``ambiguous`` (precision first).

Table sentences (``in_table``) and pipe-flattened table lines are left to the table
readers.

Speed: every regex is analysed once for literals its matches must contain
(:func:`regexkit.required`); per sentence one pass finds which literals occur and only the regexes
(and rules) that can match are run, and a sentence's quantities are only looked for when a
pattern can match at all. Skipping only work that cannot yield anything, this gives exactly
the results of running every rule on every sentence. The analysis needs only the sources:
loading checks them (the standard library's regex parser) and a rule's regexes are compiled
the first time the prefilter lets the rule run (:class:`Rule`); :func:`compile_all`
compiles them all (the tests; a process that forks workers). Patterns and zero phrases
run on the standard library's ``re`` where it reads them as ``regex`` does (half the cost
per call on a short sentence, see :func:`regexkit.compile_fast`), conditions on ``regex``.

Word guard (jieba, only on sentences where a rule matched and only where needed): a
figure must not lie inside a longer word (一条龙, 三个代表), a zero phrase must not end
inside a word (未收到申请|人) unless it is a domain-dictionary term, and a label of an
"A、B分别为x、y" list must start a word. ``ZWGK_WORD_GUARD=0`` switches it off.
"""
from __future__ import annotations

import bisect
import itertools
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex
import yaml

from . import numbers
from .regexkit import Prefilter, compile_fast, parse_tree, required, required_of, set_bits
from .model import Fact, Findings, Warning_
from .resources import patterns_dir

PATTERNS_DIR = patterns_dir() / "facts"

# masks for quantities: two alternating private-use characters (adjacent quantities stay apart)
_MASKS = ("\ue000", "\ue001")
_CLAUSE_PUNCT = ",;。:!?，；：！？"
_ASIDE_MAX = 12  # longest bracketed aside a gap steps over (see _expand)
_KINDS = ("count", "money", "bool")
_SCOPES = ("any", "sentence", "paragraph")


class PatternError(ValueError):
    """A pattern file that cannot be compiled (bad regex, unknown field)."""


# a rule's condition regexes (each an alternation of the phrases listed in its file)
_CONDITIONS = ("deny", "not_this", "subject_deny", "section", "section_deny", "not_after", "context",
               "fallback_deny")
# the attributes of a Rule compiled on first use (see Rule.compile)
_COMPILED = frozenset(("patterns", "zero") + _CONDITIONS)


@dataclass(eq=False)
class Rule:
    """One rule of a pattern file.

    Its regexes are kept as (macro-expanded) sources, checked when the file is loaded
    (see :func:`_check`), and compiled the first time one of them is used: compiling
    them all is most of a process's start-up, and the prefilter needs only the sources,
    so a run that never meets a rule's literals never compiles it. The compiled
    attributes (``__getattr__`` makes them on first access):

    * ``patterns``: regexes with group "q"; ``zero``: regexes without a quantity;
    * ``deny``: searched in the matched text; ``not_this``: in the clause (and the one
      before); ``subject_deny``: in the clause text before the match; ``section`` /
      ``section_deny``: must / must not match the section context; ``not_after``:
      matched right after the figure (e.g. "(含上年结转"); ``context``: must match the
      sentence or the section context (see ``context_scope``); each None when absent.
    """

    key: str
    id: str
    kind: str = "count"
    units: tuple[str, ...] = ()
    pattern_src: list[str] = field(default_factory=list)
    zero_src: list[str] = field(default_factory=list)
    # condition name (see _CONDITIONS) -> source of its regex; absent: no condition
    condition_src: dict[str, str] = field(default_factory=dict)
    # where ``context`` is looked for: "any" (the sentence or its headings), "sentence" (the
    # sentence only), "paragraph" (the sentence, its headings, or its paragraph up to the
    # sentence: see _paragraph_span)
    context_scope: str = "any"
    # a figure followed by its share ("当面申请12件，占38.7%") is still this key's figure; by
    # default it is not taken (mostly a category's or a sub-unit's part of a whole)
    allow_share: bool = False
    # a last resort for its key, standing on another key (proactive.via.website): its facts
    # are kept only when no other rule of the document reads its key and no key of its group
    # but that one is read or warned about (see _fallbacks); "" when not a fallback
    fallback: str = ""
    value: Any = None           # fixed value for zero/bool phrases (default 0 / 0.0)
    source: str = ""
    where: str = ""             # "file rule id", for error messages
    # prefilter (derived from patterns/zero, see regexkit.required): per regex, a tuple of literal
    # strings one of which any match must contain, or None (no cheap test known)
    pattern_needs: list[Any] = field(default_factory=list)
    zero_needs: list[Any] = field(default_factory=list)
    # source -> compiled regex, shared by the rules of one load (they share conditions)
    compiled: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.rule_id = f"{self.key}#{self.id}"
        if len(self.pattern_needs) != len(self.pattern_src):
            self.pattern_needs = [required(src) for src in self.pattern_src]
        if len(self.zero_needs) != len(self.zero_src):
            self.zero_needs = [required(src) for src in self.zero_src]

    def __getattr__(self, name: str):
        # only called for a missing attribute: a compiled one before its first use
        if name in _COMPILED:
            self.compile()
            return self.__dict__[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def compile(self) -> "Rule":
        """Compile the rule's regexes now (once; PatternError for a bad one)."""
        if "patterns" in self.__dict__:
            return self
        out = {
            "patterns": [self._regex(src, True) for src in self.pattern_src],
            "zero": [self._regex(src, False) for src in self.zero_src],
        }
        for name in _CONDITIONS:
            src = self.condition_src.get(name)
            out[name] = None if src is None else self._regex(src, None)
        self.__dict__.update(out)
        return self

    def _regex(self, src: str, need_q: bool | None):
        rx = self.compiled.get(src)
        if rx is None:
            rx = self.compiled[src] = _regex(src, self.where, need_q)
        return rx


@dataclass
class RuleSet:
    rules: list[Rule]
    files: list[Path]

    def __post_init__(self):
        self.index = _RuleIndex(self.rules)
        # (sentence, section, word guard on) -> its candidates: they depend on nothing
        # else (the word guard segments the sentence alone), and boilerplate sentences
        # ("本年度未发生…", the statistics period) recur from report to report
        self.candidates: dict[tuple, list] = {}


_MASK_CHARS = ("\ue000", "\ue001")


def _has_mask(alts) -> bool:
    return any(_MASK_CHARS[0] in x or _MASK_CHARS[1] in x for x in alts)


class _RuleIndex:
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
        self.on_text = Prefilter(pneeds + zneeds, skip=_has_mask)
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
        ``_masked(text)`` (None when no pattern can match).

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


# ------------------------------------------------------------------ loading

def _expand(src: str, macros: dict[str, str]) -> str:
    """Replace ``<NAME>`` / ``<G:n>`` macros by their regex text."""

    def gap(n: int, extra: str = "") -> str:
        # a bracketed aside counts as one character of the gap, whatever it holds
        # ("新闻发布会(媒体通气会)8场", "微信公众账号(1个)发布信息149条"): an aside is
        # never the figure the label names (a label inside an aside of parts is no
        # label of the figure after it: see _label_in_a_part)
        punct = regex.escape(_CLAUSE_PUNCT)
        return (rf"(?:\([^(){punct}|{extra}]{{1,{_ASIDE_MAX}}}\)"
                rf"|[^{punct}\d\ue000\ue001|{extra}]){{0,{n}}}?")

    def sub(m: regex.Match) -> str:
        name, arg = m.group(1), m.group(2)
        if name == "Q":
            return r"(?P<q>\ue000+|\ue001+)"
        if name == "N":  # any other whole quantity (not captured): "发布会4次,其中…<Q>"
            return r"(?:\ue000+|\ue001+)"
        if name == "G":
            return gap(int(arg) if arg else 12)
        if name == "g":  # a short gap never crosses a list separator either
            return gap(int(arg) if arg else 3, "、")
        if name in macros:
            return "(?:" + macros[name] + ")"
        raise PatternError(f"unknown macro <{name}> in {src!r}")

    macro = r"(?<!\(\?P)<([A-Za-z_]+)(?::(\d+))?>"  # not the (?P<q>…) group of <Q>
    out = regex.sub(macro, sub, src)
    # macros may use other macros (one more pass is enough for our files)
    if regex.search(r"(?<!\(\?P)<[A-Za-z_]+(?::\d+)?>", out):
        out = regex.sub(macro, sub, out)
    return out


def _regex(text: str, where: str, need_q: bool | None, written: str | None = None):
    """Compile a macro-expanded source (``need_q``: must / must not have group q, None for a
    condition; see :func:`regexkit.compile_fast`); errors quote ``written`` (the source as written in the file) when given."""
    shown = text if written is None else written
    try:
        rx = regex.compile(text) if need_q is None else compile_fast(text)
    except regex.error as e:
        raise PatternError(f"{where}: bad regex {shown!r}: {e}") from e
    _check_q("q" in rx.groupindex, shown, where, need_q)
    return rx


def _check_q(has_q: bool, src: str, where: str, need_q: bool | None) -> None:
    if need_q is True and not has_q:
        raise PatternError(f"{where}: pattern without <Q>: {src!r}")
    if need_q is False and has_q:
        raise PatternError(f"{where}: zero phrase must not contain <Q>: {src!r}")


def _check(src: str, macros: dict[str, str], where: str, need_q: bool | None, checked: dict, compiled: dict):
    """Expand the macros of ``src`` and check the result without compiling it (rules are
    compiled on first use, see Rule.compile): the standard library's parser reads it (a
    syntax error is reported now) and gives the prefilter's literals (see ``regexkit.required``).
    A source that parser does not read (``regex``-only syntax, case-insensitive flags) is
    compiled now with ``regex`` instead (into ``compiled``). Returns (source,
    requirements); ``checked`` memoizes by (source, need_q) within one load (the files
    repeat their conditions)."""
    text = _expand(src, macros)
    hit = checked.get((text, need_q))
    if hit is None:
        tree, C = parse_tree(text)
        if tree is None:
            # includes sources the stdlib rejects: ``regex`` decides whether they are bad
            compiled[text] = _regex(text, where, need_q, src)
            needs = None
        else:
            _check_q("q" in tree.state.groupdict, src, where, need_q)
            needs = required_of(tree, C) if need_q is not None else None
        hit = checked[(text, need_q)] = (text, needs)
    return hit


def _as_list(items) -> list:
    if not items:
        return []
    return [items] if isinstance(items, str) else list(items)


def _alternation_source(items) -> str | None:
    """The regex source of a list of phrases (regexes) any of which matches."""
    if not items:
        return None
    if isinstance(items, str):
        items = [items]
    return "|".join(f"(?:{i})" for i in items)


def _alternation(items, macros, where):
    """The compiled alternation of ``items`` (None for none)."""
    src = _alternation_source(items)
    return None if src is None else _regex(_expand(src, macros), where, None)


# libyaml's loader when PyYAML has it (same data, several times faster: the pattern
# files are a good part of a worker's start-up)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml(text: str):
    return yaml.load(text, Loader=_YAML_LOADER)


# A rule file ends with its examples (most of its text, read by the tests only): the
# rules are read from the text before its top-level ``examples:`` key, when nothing but
# the examples follows it (no other line starts at column 0 after it).
_EXAMPLES_KEY = regex.compile(r"^examples:", regex.MULTILINE)
_TOP_LEVEL_KEY = regex.compile(r"^[^\s#]", regex.MULTILINE)


def _without_examples(text: str) -> str:
    m = _EXAMPLES_KEY.search(text)
    if m is None or _TOP_LEVEL_KEY.search(text, m.end()):
        return text
    return text[:m.start()]


def load_file(path: Path, common: dict, *, examples: bool = True,
              compiled: dict | None = None, checked: dict | None = None) -> tuple[list[Rule], list[dict]]:
    """The rules of one pattern file (checked, compiled on first use) and its examples
    (``examples=False``: not read, []). ``compiled``/``checked``: memos shared by the
    files of one load (see Rule.compiled, _check)."""
    text = path.read_text(encoding="utf-8")
    data = _yaml(text if examples else _without_examples(text)) or {}
    macros = dict(common.get("macros") or {})
    macros.update(data.get("macros") or {})
    defaults = dict(data.get("defaults") or {})
    compiled = {} if compiled is None else compiled
    checked = {} if checked is None else checked
    rules: list[Rule] = []
    allowed = {"key", "id", "kind", "units", "patterns", "zero", "deny", "not_this", "subject_deny", "not_after",
               "section", "section_deny", "context", "context_scope", "value", "note", "use_common_not_this",
               "use_common_section_deny", "allow_share", "fallback", "fallback_deny"}
    for i, r in enumerate(data.get("rules") or []):
        spec = dict(defaults)
        spec.update(r)
        unknown = set(spec) - allowed
        where = f"{path.name} rule {r.get('id', i)}"
        if unknown:
            raise PatternError(f"{where}: unknown field(s) {sorted(unknown)}")
        if "key" not in spec or "id" not in spec:
            raise PatternError(f"{where}: a rule needs key and id")
        kind = spec.get("kind", "count")
        if kind not in _KINDS:
            raise PatternError(f"{where}: kind must be one of {_KINDS}")
        scope = str(spec.get("context_scope", "any"))
        if scope not in _SCOPES:
            raise PatternError(f"{where}: context_scope must be one of {_SCOPES}")
        not_this = list(spec.get("not_this") or [])
        if spec.get("use_common_not_this", True):
            not_this += list(common.get("not_this") or [])
        section_deny = _as_list(spec.get("section_deny"))
        if spec.get("use_common_section_deny", True):
            section_deny += _as_list(common.get("section_deny"))
        conditions = {"deny": spec.get("deny"), "not_this": not_this, "subject_deny": spec.get("subject_deny"),
                      "section": spec.get("section"), "section_deny": section_deny,
                      "not_after": spec.get("not_after"), "context": spec.get("context"),
                      "fallback_deny": spec.get("fallback_deny")}
        pats = [_check(p, macros, where, True, checked, compiled) for p in spec.get("patterns") or []]
        zero = [_check(p, macros, where, False, checked, compiled) for p in spec.get("zero") or []]
        condition_src = {}
        for name, items in conditions.items():
            src = _alternation_source(items)
            if src is not None:
                condition_src[name] = _check(src, macros, where, None, checked, compiled)[0]
        rules.append(
            Rule(
                key=spec["key"],
                id=str(spec["id"]),
                kind=kind,
                units=tuple(spec.get("units") or ()),
                pattern_src=[t for t, _ in pats],
                zero_src=[t for t, _ in zero],
                condition_src=condition_src,
                context_scope=scope,
                allow_share=bool(spec.get("allow_share", False)),
                fallback=str(spec.get("fallback") or ""),
                value=spec.get("value"),
                source=path.name,
                where=where,
                pattern_needs=[n for _, n in pats],
                zero_needs=[n for _, n in zero],
                compiled=compiled,
            )
        )
    return rules, list(data.get("examples") or [])


def _common(directory: Path) -> dict:
    p = directory / "_common.yaml"
    if p.is_file():
        return _yaml(p.read_text(encoding="utf-8")) or {}
    return {}


def rule_files(directory: Path = PATTERNS_DIR) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("_"))


@lru_cache(maxsize=4)
def load_rules(directory: str | None = None) -> RuleSet:
    """The rules of ``directory`` (default: the package's patterns), checked but compiled
    on first use (see Rule); :func:`compile_all` compiles them all.

    Checking the files (parsing every macro-expanded regex for the prefilter's literals)
    is most of a fresh process's rule loading: its result depends only on the rule files
    and this module, so it is cached on disk keyed by their bytes (:func:`_load_cached`)."""
    d = Path(directory) if directory else PATTERNS_DIR
    files = rule_files(d)
    compiled: dict = {}
    rules = _load_cached(d, files, compiled)
    if rules is None:
        common = _common(d)
        rules = []
        checked: dict = {}
        for p in files:
            rs, _ = load_file(p, common, examples=False, compiled=compiled, checked=checked)
            rules.extend(rs)
        _store_cached(d, files, rules)
    return RuleSet(rules, files)


# ------------------------------------------------------------------ checked-rules cache
#
# What load_file derives from the rule files (the rules' macro-expanded sources and the
# prefilter's literals) is a function of those files' bytes, this module's source (the
# macros, _required) and the Python / regex versions (their parsers): a marshal blob in
# resources.cache_dir() keyed by a hash of all of them. It holds no compiled regex and
# nothing that depends on an input document; a changed rule file gives a new key (and is
# checked, errors included, as before). ``ZWGK_RULES_CACHE=0`` switches it off.

_RULES_CACHE_MAGIC = b"ZWGKRL01"
_RULES_CACHE_KEEP = 8
# the fields of a Rule that load_file sets (compiled and rule_id are rebuilt)
_RULE_FIELDS = ("key", "id", "kind", "units", "pattern_src", "zero_src", "condition_src", "context_scope",
                "allow_share", "fallback", "value", "source", "where", "pattern_needs", "zero_needs")


def _rules_cache_path(directory: Path, files: list[Path]) -> Path | None:
    if os.environ.get("ZWGK_RULES_CACHE", "1") == "0":
        return None
    import hashlib
    import sys

    h = hashlib.sha256(_RULES_CACHE_MAGIC)
    h.update(f"{sys.version}|{getattr(regex, '__version__', '?')}|{yaml.__version__}".encode())
    try:
        h.update(Path(__file__).read_bytes())
        h.update(Path(required_of.__code__.co_filename).read_bytes())
        for p in [directory / "_common.yaml", *files]:
            h.update(p.name.encode() + b"\0")
            h.update(p.read_bytes() if p.is_file() else b"-")
            h.update(b"\0")
        from .resources import cache_dir

        return cache_dir() / f"rules-{h.hexdigest()[:20]}.bin"
    except OSError:
        return None


def _load_cached(directory: Path, files: list[Path], compiled: dict) -> list[Rule] | None:
    """The checked rules from the cache, or None (absent, unreadable, another layout)."""
    import marshal

    path = _rules_cache_path(directory, files)
    if path is None:
        return None
    try:
        if hasattr(os, "getuid") and path.parent.stat().st_uid != os.getuid():
            return None  # a cache folder someone else owns (a shared temporary folder)
        blob = path.read_bytes()
        if not blob.startswith(_RULES_CACHE_MAGIC):
            return None
        data = marshal.loads(blob[len(_RULES_CACHE_MAGIC):])
        return [Rule(**dict(zip(_RULE_FIELDS, row)), compiled=compiled) for row in data]
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        return None


def _store_cached(directory: Path, files: list[Path], rules: list[Rule]) -> None:
    """Write the checked rules (see _load_cached); a failure only means no cache."""
    import marshal

    path = _rules_cache_path(directory, files)
    if path is None:
        return
    try:
        blob = _RULES_CACHE_MAGIC + marshal.dumps([tuple(getattr(r, f) for f in _RULE_FIELDS) for r in rules])
        from .atomic import replace_atomically

        def write(tmp: str) -> None:
            with open(tmp, "xb") as f:
                f.write(blob)

        replace_atomically(path, write)
        # the caches of earlier rule files (and of other pattern folders: ZWGK_PATTERNS):
        # the newest few are kept
        olds = sorted(path.parent.glob("rules-*.bin"), key=lambda q: q.stat().st_mtime, reverse=True)
        for old in olds[_RULES_CACHE_KEEP:]:
            try:
                old.unlink()
            except OSError:
                pass
    except (OSError, ValueError):
        pass


def compile_all(directory: str | None = None) -> RuleSet:
    """Load the rules of ``directory`` (see load_rules) and compile every regex now.

    Raises PatternError for any bad regex (``load_rules`` reports the syntax errors the
    standard library's parser sees; this is the complete check, for the tests). Also
    what a long-lived process that forks workers calls once, so that the workers share
    the compiled rules instead of compiling them each."""
    rs = load_rules(directory)
    for r in rs.rules:
        r.compile()
    _common_not_this(directory)
    return rs


def load_examples(directory: Path = PATTERNS_DIR) -> list[tuple[str, int, dict]]:
    """(file name, index, example) for every example of every pattern file."""
    common = _common(directory)
    out = []
    for p in rule_files(directory):
        _, exs = load_file(p, common)
        out.extend((p.name, i, ex) for i, ex in enumerate(exs))
    return out


# ------------------------------------------------------------------ matching

def _section_text(sent, seg) -> str:
    """Headings above the sentence, outermost first, joined by ' / '."""
    parts = [h.title for h in (sent.headings or [])]
    return " / ".join(parts)


def _masked(text: str):
    """(masked text, {start: QuantityMatch}) — counts, money and percentages masked."""
    qms = numbers.find_quantities(text)
    parts: list[str] = []
    by_start = {}
    k = pos = 0
    for qm in qms:
        q = qm.quantity
        if q.kind not in ("count", "money", "percent"):
            continue
        if q.kind != "percent" and not q.unit:
            continue
        if qm.start < pos:  # overlapping spans (find_quantities gives none): char by char
            return _masked_chars(text, qms)
        parts.append(text[pos:qm.start])
        parts.append(_MASKS[k % 2] * (qm.end - qm.start))
        k += 1
        pos = qm.end
        by_start[qm.start] = qm
    if not parts:
        return text, by_start
    parts.append(text[pos:])
    return "".join(parts), by_start


def _masked_chars(text: str, qms):
    chars = list(text)
    by_start = {}
    k = 0
    for qm in qms:
        q = qm.quantity
        if q.kind not in ("count", "money", "percent"):
            continue
        if q.kind != "percent" and not q.unit:
            continue
        ch = _MASKS[k % 2]
        k += 1
        for i in range(qm.start, qm.end):
            chars[i] = ch
        by_start[qm.start] = qm
    return "".join(chars), by_start


# the stdlib engine for the small fixed regexes run per sentence or figure (see regexkit.compile_fast)
_PUNCT = re.compile("[" + re.escape(_CLAUSE_PUNCT) + "]")


def _clause_bounds(text: str, a: int, b: int) -> tuple[int, int]:
    """Start of the clause before the one holding [a, b) and end of the latter."""
    starts = [i + 1 for i, c in enumerate(text[:a]) if c in _CLAUSE_PUNCT]
    prev = starts[-2] if len(starts) >= 2 else 0
    end = b
    while end < len(text) and text[end] not in _CLAUSE_PUNCT:
        end += 1
    return prev, end


def _own_clause_start(text: str, a: int) -> int:
    i = a
    while i > 0 and text[i - 1] not in _CLAUSE_PUNCT:
        i -= 1
    return i


_RESPECTIVELY_WORD = re.compile(r"分别(?:为|是|有|达)|依次为")
# (not a disclosure rate: "…142件,占局同期制发文件总数的44.5%" compares the figure with the
# documents issued, it is no part of a whole)
_SHARE_AFTER = regex.compile(  # used with match(text, pos)
    r"\s*[,，]?\s*(?:占|约占|共占)(?![^,，;；。%％]{0,8}?(?:制发|制作|印发|发文)(?:的)?(?:文件|公文|政府信息|信息))")
# "…的425条政府信息中,…": the quantity names a whole that a breakdown follows
_AMONG_AFTER = regex.compile(r"[^,，;；。:：]{0,8}?(?:中|当中|之中)(?:[,，:：]|$)")
# either of them (one search per figure instead of two)
_SHARE_OR_AMONG_AFTER = regex.compile(f"(?:{_SHARE_AFTER.pattern})|(?:{_AMONG_AFTER.pattern})")


_PART_ASIDE = regex.compile(r"\((?:含|包含|包括|其中|另有|另)")


def _label_in_a_part(text: str, a: int, qa: int) -> bool:
    """The match starts inside a bracketed aside of parts that closes before its figure:
    "受理申请(含网上申请)12件" — 网上申请 is a part of the 12, not their label. An aside
    that names (政务新媒体(信丰政务微信公众号)发布信息396条) is no part."""
    o = text.rfind("(", 0, a + 1)
    if o < 0 or ")" in text[o:a]:
        return False
    c = text.find(")", a, qa)
    return c >= 0 and _PART_ASIDE.match(text, o) is not None


def _whole_on_purpose(text: str, qb: int, b: int) -> bool:
    """The pattern itself read the "…中" after the figure [.., qb) up to its end ``b``
    ("主动公开的162条信息中,…"): it names that figure as the whole a breakdown follows, on
    purpose. A share after the figure still rules it out."""
    if b <= qb or _SHARE_AFTER.match(text, qb) is not None:
        return False
    m = _AMONG_AFTER.match(text, qb)
    if m is None:
        return False
    end = m.end()  # after the 中 and the punctuation that follows it, if any
    if end > qb and text[end - 1] in ",，:：":
        end -= 1
    return b >= end


def _value_ok(rule: Rule, q) -> bool:
    if rule.kind == "money":
        return q.kind == "money"
    if q.kind != "count":
        return False
    if rule.units and q.unit not in rule.units:
        return False
    return True


def _found(rx, text: str, memo: dict | None) -> bool:
    """``rx`` occurs in ``text``; ``memo`` ({regex: found} for this one text) or None."""
    if memo is None:
        return rx.search(text) is not None
    hit = memo.get(rx)
    if hit is None:
        hit = memo[rx] = rx.search(text) is not None
    return hit


def _conditions(rule: Rule, text: str, section: str, in_section: dict | None = None,
                in_text: dict | None = None) -> bool:
    """The rule's section and context conditions hold for ``text`` under the headings
    ``section`` (True / False / _PARAGRAPH). ``in_section`` and ``in_text``: memos of
    searches in ``section`` and in ``text`` (see :func:`_found`): the rules share a few
    condition regexes (one section_deny, a dozen contexts), and a document's sentences
    share their headings."""
    if rule.section is not None and not _found(rule.section, section, in_section):
        return False
    if rule.section_deny is not None and _found(rule.section_deny, section, in_section):
        return False
    ctx = rule.context
    if ctx is not None and not _found(ctx, text, in_text):
        if rule.context_scope == "sentence" or not _found(ctx, section, in_section):
            # a paragraph-scoped rule's context may still be in the paragraph: the caller
            # that asks (defer_paragraph) checks it there (see find_facts)
            return _PARAGRAPH if rule.context_scope == "paragraph" else False
    return True


_PARAGRAPH = "paragraph"  # _conditions: holds if the rule's context is in the paragraph
_PARAGRAPH_WINDOW = 400   # at most this many characters of the paragraph before the sentence


def _paragraph_span(doc, sent) -> tuple[int, int]:
    """The part of the sentence's paragraph a ``context_scope: paragraph`` rule may find
    its context in: from the paragraph's start (its block, its line, or the last heading
    inside it, whichever is latest: a report loaded as one long line is not one paragraph)
    to the end of the sentence, at most _PARAGRAPH_WINDOW characters before the sentence.
    Text after the sentence does not count (the topic word of a paragraph is in its lead)."""
    a = sent.start
    bi = getattr(sent, "block_index", -1)
    blocks = getattr(doc, "blocks", None) or []
    if 0 <= bi < len(blocks) and 0 <= blocks[bi].start <= sent.start:
        a = blocks[bi].start
        nl = doc.text.rfind("\n", a, sent.start)
        if nl >= 0:
            a = nl + 1
        for h in reversed(sent.headings or ()):
            if a <= h.start <= sent.start:
                a = h.start
                break
    a = max(a, sent.start - _PARAGRAPH_WINDOW)
    # a numbered heading written inside the line ("…负责。二、机构建设 局办公室…": reports
    # extracted as one long line) starts a new paragraph too
    last = None
    for m in _INLINE_HEADING.finditer(doc.text, a, sent.end):
        if m.start("h") > sent.start:
            break
        last = m
    if last is not None:
        a = last.start("h")
    return a, sent.end


_INLINE_HEADING = regex.compile(
    r"(?:^|(?<=[。;!?\s]))(?P<h>(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|第[一二三四五六七八九十]+部分))")


# The word guard (jieba words, domain dictionary loaded; only sentences where a rule
# matched are segmented): a figure must not lie inside a longer word ("一条龙", "三个代表",
# "一件件" are not 1/3/1 of anything), a zero phrase must not end inside a word
# ("未收到申请人…" does not say 未收到申请) unless that word is a domain term ("举报投诉"),
# and the label of an "A、B和C分别为…" list must start a word. ZWGK_WORD_GUARD=0 switches
# it off.
WORD_GUARD = os.environ.get("ZWGK_WORD_GUARD", "1") != "0"


_ASCII_DIGIT = re.compile(r"[0-9]")


def _part_of_a_word(bounds, qa: int, qb: int, text: str) -> bool:
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


def _starts_a_word(bounds, a: int) -> bool:
    return a in bounds().bounds


def _ends_a_word(bounds, b: int) -> bool:
    """Offset b ends a word, or falls inside a domain-dictionary term."""
    wb = bounds()
    if b in wb.bounds:
        return True
    for w, x, y in wb.words:
        if x < b < y:
            return w in wb.domain
    return True


class _Lazy:
    """``_masked(text)`` computed on first use (and only once)."""

    __slots__ = ("text", "value")

    def __init__(self, text: str):
        self.text, self.value = text, None

    def __call__(self):
        if self.value is None:
            self.value = _masked(self.text)
        return self.value


def _sentence_candidates(rules: list[Rule], text: str, section: str, context_text: str | None = None,
                         index: _RuleIndex | None = None, masked_q=None, bounds=None,
                         defer_paragraph: bool = False):
    """Yield (rule, value, unit, raw, a, b, approx) for one sentence (offsets in ``text``).
    ``context_text``: the text the rules' context condition is checked on (default ``text``).
    ``defer_paragraph``: also yield the candidates of ``context_scope: paragraph`` rules
    whose context is neither in the sentence nor in the headings (the caller checks the
    paragraph, see :func:`_context_in_paragraph`); without it they give nothing.
    ``index``: the prefilter of ``rules`` (regexes it rules out are not run);
    ``masked_q``: a callable giving ``_masked(text)`` (shared with the caller);
    ``bounds``: a callable giving the word boundaries of ``text`` (the word guard), or None."""
    lazy = masked_q if masked_q is not None else _Lazy(text)
    if index is None:
        mq = lazy()
        plan = [(r, r.patterns, r.zero) for r in rules]
    else:
        plan, mq = index.plan(text, lazy)
    masked, qmap = mq if mq is not None else (None, None)
    puncts = None
    ctx_text = text if context_text is None else context_text
    # _RESPECTIVELY_WORD needs 分别 or 依次为: without them no match holds it
    resp = "分别" in text or "依次为" in text
    after_ok: dict[int, bool] = {}  # figure end -> no share / "among" phrase follows
    in_section = index.section_memo(section) if index is not None else None
    in_text: dict = {}
    for rule, pats, zeros in plan:
        ok = _conditions(rule, ctx_text, section, in_section, in_text)
        if not ok or (ok is _PARAGRAPH and not defer_paragraph):
            continue
        seen_q: set[int] = set()
        money = rule.kind == "money"
        units = rule.units
        deny, not_this, subject_deny, not_after = rule.deny, rule.not_this, rule.subject_deny, rule.not_after
        for rx in pats:
            # every match, one per start position (``regex``'s overlapped=True, which the
            # stdlib's re lacks, see regexkit.compile_fast): one pattern may read several figures
            search = rx.search
            pos = 0
            while (m := search(masked, pos)) is not None:
                pos = m.start() + 1
                qa, qb = m.span("q")
                if qa in seen_q:
                    continue
                qm = qmap.get(qa)
                if qm is None or qm.end != qb:
                    continue
                q = qm.quantity
                # _value_ok (a percentage is neither money nor a count)
                if money:
                    if q.kind != "money":
                        continue
                elif q.kind != "count" or (units and q.unit not in units):
                    continue
                a, b = m.span()
                matched = text[a:b]
                if deny is not None and deny.search(matched):
                    continue
                if resp and _RESPECTIVELY_WORD.search(matched):
                    continue  # "B分别为x、y": y is B's figure (see _respectively_candidates)
                if puncts is None:
                    puncts = [m.start() for m in _PUNCT.finditer(text)]
                k = bisect.bisect_left(puncts, a)  # clause punctuation before a
                if not_this is not None:
                    ca = puncts[k - 2] + 1 if k >= 2 else 0  # start of the clause before a's
                    # searched in place: a phrase's lookbehind may read the text before the
                    # clause ("2020年,全镇累计…,其中…72条": that 累计 is of the one year)
                    if not_this.search(text, ca, b):
                        continue
                if subject_deny is not None:
                    own = puncts[k - 1] + 1 if k >= 1 else 0
                    if subject_deny.search(text[own:qa]):
                        continue
                ok = after_ok.get(qb)
                if ok is None:
                    ok = after_ok[qb] = _SHARE_OR_AMONG_AFTER.match(text, qb) is None
                if not ok and not (rule.allow_share and _AMONG_AFTER.match(text, qb) is None) \
                        and not _whole_on_purpose(text, qb, b):
                    continue
                if not_after is not None and not_after.match(text, b):
                    continue
                if "(" in text and _label_in_a_part(text, a, qa):
                    continue
                if bounds is not None and not q.approx and _part_of_a_word(bounds, qa, qb, text):
                    continue  # the figure is part of a word (一条龙, 三个代表); 数十条 stays a warning
                seen_q.add(qa)
                if q.approx:
                    yield rule, None, q.unit, text[qa:qb], a, b, q.approx
                    continue
                yield rule, numbers.to_value(q), q.unit, text[qa:qb], a, b, None
        for rx in zeros:
            for m in rx.finditer(text):
                a, b = m.span()
                if a == b:
                    continue
                if rule.deny is not None and rule.deny.search(text[a:b]):
                    continue
                if bounds is not None and not _ends_a_word(bounds, b):
                    continue  # 未收到申请|人…: the phrase ends inside a word
                if rule.value is not None:
                    val = rule.value
                elif rule.kind == "money":
                    val = 0.0
                elif rule.kind == "bool":
                    val = False
                else:
                    val = 0
                yield rule, val, None, text[a:b], a, b, None
                break


# "当面申请、网络申请和信函申请分别为3件、5件和1件": labels, then their figures in order
_RESPECTIVELY = regex.compile(
    r"(?:分别为|分别是|分别有|分别达|依次为)(?P<qs>(?:\ue000+|\ue001+)(?:(?:、|,|和|及|与)(?:\ue000+|\ue001+))+)"
)
_LABEL_SEP = regex.compile(r"、|和|及|与|以及")
_QRUN = regex.compile(r"\ue000+|\ue001+")


def _respectively_candidates(rules: list[Rule], text: str, section: str, directory: str | None,
                             index: _RuleIndex | None = None, masked_q=None, bounds=None,
                             defer_paragraph: bool = False):
    """Pair each label of an "A、B和C分别为x、y、z" list with its figure and read every pair
    as if it were written "A x": the text before the list (its clause and the ones before)
    stays in front so that headings, context and exclusions apply unchanged. The evidence
    is the span from the label to its figure. A list whose labels and figures do not pair
    up one to one gives nothing (precision first). ``directory``: the rules' (for the
    common not_this of _common.yaml)."""
    if _RESPECTIVELY_WORD.search(text) is None:
        return
    common_not_this = _common_not_this(directory)
    masked, qmap = masked_q() if masked_q is not None else _masked(text)
    for m in _RESPECTIVELY.finditer(masked):
        start = _own_clause_start(masked, m.start())
        labels_text = text[start:m.start()]
        if not labels_text or regex.search(r"[\ue000\ue001\d]", masked[start:m.start()]):
            continue
        if common_not_this is not None and common_not_this.search(text[start:m.end()]):
            continue
        qruns = list(_QRUN.finditer(masked, m.start("qs"), m.end("qs")))
        pieces = _LABEL_SEP.split(labels_text)
        if len(pieces) != len(qruns) or any(not p for p in pieces):
            continue
        offs, pos = [], start
        for piece in pieces:
            i = text.index(piece, pos)
            offs.append(i)
            pos = i + len(piece)
        for (piece, la), qr in zip(zip(pieces, offs), qruns):
            qa, qb = qr.span()
            qm = qmap.get(qa)
            if qm is None or qm.end != qb:
                continue
            synth = text[:start] + piece + text[qa:qb]
            for rule, val, unit, raw, a, b, approx in _sentence_candidates(rules, synth, section, text, index,
                                                                           defer_paragraph=defer_paragraph):
                if b != len(synth) or raw != text[qa:qb]:
                    continue
                if bounds is not None and (not _starts_a_word(bounds, la) or _part_of_a_word(bounds, qa, qb, text)):
                    continue
                yield rule, val, unit, raw, la, qb, approx


@lru_cache(maxsize=4)
def _common_not_this(directory: str | None):
    d = Path(directory) if directory else PATTERNS_DIR
    common = _common(d)
    items = common.get("not_this") or []
    # the phrases may use _common.yaml's macros, as they do inside every rule
    return _alternation(items, dict(common.get("macros") or {}), "_common.yaml not_this") if items else None


def _skip_sentence(sent) -> bool:
    if getattr(sent, "in_table", False):
        return True
    t = sent.text
    # pipe-flattened table rows ("行政许可 | 0 |") belong to the table readers
    return "|" in t or "｜" in t


_BREAKDOWN = regex.compile(r"其中|分别(?:为|是)")


def _whole_before_breakdown(facts: list[Fact], sent) -> list[Fact]:
    """"行政诉讼2件,其中…驳回…诉讼请求1件,其他情形1件": a figure stated before 其中 is the
    whole, figures after it are its parts. When one key reads both, the whole is that
    key's figure (the parts have keys of their own) instead of an ambiguity."""
    if len(facts) < 2 or len({repr(f.value) for f in facts}) < 2:
        return facts
    m = _BREAKDOWN.search(sent.text)
    if m is None:
        return facts
    cut = sent.start + m.start()
    before = [f for f in facts if f.offset[1] <= cut]
    after = [f for f in facts if f.offset[0] >= cut]
    if before and after and len(before) + len(after) == len(facts):
        if len({repr(f.value) for f in before}) == 1:
            return before
    return facts


class _Bounds:
    """jieba's words of one sentence (offsets in the sentence), segmented on first use:
    only sentences where a rule matched are ever segmented."""

    __slots__ = ("seg", "sent", "bounds", "words", "domain")

    def __init__(self, seg, sent):
        self.seg, self.sent, self.words = seg, sent, None

    def __call__(self) -> "_Bounds":
        if self.words is None:
            from . import segment

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


_CANDIDATES_MAX = 20_000


def find_facts(doc, seg, *, directory: str | None = None) -> Findings:
    ruleset = load_rules(directory)
    out = Findings()
    text = doc.text
    cache = ruleset.candidates
    pageless = all(b.page is None for b in doc.blocks)  # page_at gives None everywhere
    fallbacks: list[Fact] = []
    for sent in seg.sentences:
        if _skip_sentence(sent):
            continue
        if text[sent.start:sent.end] != sent.text:
            continue  # offsets must be exact; never guess
        section = _section_text(sent, seg)
        per_key: dict[str, list[Fact]] = {}
        warned: set = set()
        # the candidates depend on the sentence, its headings and the word guard only:
        # those of paragraph-scoped rules whose context needs the paragraph are kept in
        # the cache and checked against this sentence's paragraph below
        ckey = (sent.text, section, WORD_GUARD)
        cands = cache.get(ckey)
        if cands is None:
            mq = _Lazy(sent.text)
            bounds = _Bounds(seg, sent) if WORD_GUARD else None
            cands = list(itertools.chain(
                _sentence_candidates(ruleset.rules, sent.text, section, None, ruleset.index, mq, bounds,
                                     defer_paragraph=True),
                _respectively_candidates(ruleset.rules, sent.text, section, directory, ruleset.index, mq,
                                         bounds, defer_paragraph=True),
            ))
            if len(cache) >= _CANDIDATES_MAX:
                cache.clear()
            cache[ckey] = cands
        in_para: dict[int, bool] = {}  # id(rule.context) -> context found (sentence/headings/paragraph)
        for rule, val, unit, raw, a, b, approx in cands:
            if rule.context_scope == "paragraph" and rule.context is not None:
                k = id(rule.context)
                ok = in_para.get(k)
                if ok is None:
                    ok = in_para[k] = _context_in_paragraph(rule, doc, sent, section)
                if not ok:
                    continue
            A, B = sent.start + a, sent.start + b
            if sent.page is not None:
                page = sent.page
            else:
                page = None if pageless else doc.page_at(A)
            if approx:
                if (rule.key, raw) in warned:
                    continue
                warned.add((rule.key, raw))
                out.warnings.append(
                    Warning_(
                        "approximate",
                        f"{rule.key}: approximate figure {raw!r} ({approx}) not taken as a value",
                        page,
                        (A, B),
                    )
                )
                continue
            f = Fact(rule.key, val, unit, raw, "text", page, (A, B), text[A:B], rule.rule_id)
            if rule.fallback:
                fallbacks.append(f)
                continue
            per_key.setdefault(rule.key, []).append(f)
        for key, facts in per_key.items():
            if len(facts) == 1:  # the common case: nothing to weigh
                out.facts.append(facts[0])
                continue
            facts = _whole_before_breakdown(facts, sent)
            values = []
            for f in facts:
                if f.value not in values:
                    values.append(f.value)
            if len(values) > 1:
                out.warnings.append(
                    Warning_(
                        "ambiguous",
                        f"{key}: one sentence gives different figures {values}; none taken",
                        facts[0].page,
                        (sent.start, sent.end),
                    )
                )
                continue
            # one fact per key and sentence: the tightest evidence
            best = min(facts, key=lambda f: (f.offset[1] - f.offset[0], f.offset[0]))
            out.facts.append(best)
    if fallbacks:
        out.facts.extend(_fallbacks(fallbacks, out, {r.rule_id: r for r in ruleset.rules if r.fallback}, text))
    return out


def _fallbacks(facts: list[Fact], out: Findings, fallback_rules: dict, text: str) -> list[Fact]:
    """The facts of ``fallback`` rules that stand: their key is read by no other rule of the
    document (nor left out as approximate or ambiguous), no other key of its group but the
    one the fallback rule stands on is read or warned about (a website figure is the total
    only when no other channel is named), no ``fallback_deny`` phrase of their rules is in
    the document's text (another channel counted where no rule reads it), and they agree
    on one value. Otherwise none."""
    keys = {f.key for f in facts}
    kept = []
    for key in keys:
        mine = [f for f in facts if f.key == key]
        group = key.split(".", 1)[0] + "."
        values = {repr(f.value) for f in mine}
        if len(values) != 1:
            continue
        others = [f for f in out.facts if f.key.startswith(group) and f.rule not in fallback_rules]
        if any(f.key == key for f in others):
            continue
        # the fallback stands on one other key (proactive.via.website), read with the same
        # figure if at all: any sibling of that key (another channel, proactive.via.*) says
        # it is a part; keys of the group that count other things (proactive.normative_docs,
        # a category of what was published) say nothing about channels
        bases = {fallback_rules[f.rule].fallback for f in mine}
        siblings = tuple(b.rsplit(".", 1)[0] + "." for b in bases)
        if any(f.key.startswith(siblings) and (f.key not in bases or f.value != mine[0].value)
               for f in others):
            continue
        if any(w.message.startswith(group) for w in out.warnings if w.code in ("approximate", "ambiguous")):
            continue
        if any(k in out.blocked_keys for k in (key, *bases)):
            continue
        denies = [fallback_rules[f.rule].fallback_deny for f in mine]
        if any(d is not None and d.search(text) for d in denies):
            continue
        kept.append(min(mine, key=lambda f: f.offset))
    return kept


def _context_in_paragraph(rule: Rule, doc, sent, section: str) -> bool:
    """The context of a ``context_scope: paragraph`` rule holds for ``sent``: in the
    sentence, its headings, or its paragraph up to the sentence (:func:`_paragraph_span`)."""
    ctx = rule.context
    if ctx.search(sent.text) or ctx.search(section):
        return True
    a, b = _paragraph_span(doc, sent)
    return ctx.search(doc.text, a, b) is not None


def simple_values(findings: Findings) -> dict:
    """key -> value the simple way (used by the pattern corpus test): a key with two
    different values maps to the string ``"CONFLICT"``."""
    vals: dict[str, list] = {}
    for f in findings.facts:
        vals.setdefault(f.key, [])
        if f.value not in vals[f.key]:
            vals[f.key].append(f.value)
    return {k: (v[0] if len(v) == 1 else "CONFLICT") for k, v in vals.items()}


__all__ = ["find_facts", "load_rules", "compile_all", "load_examples", "simple_values", "PatternError", "Rule"]
