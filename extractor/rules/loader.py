"""Loading the rule files of ``patterns/facts/``: YAML, macros, checks, defaults.

:func:`load_rules` gives the :class:`.index.RuleSet` of a folder (checked, compiled on
first use, the checks cached on disk by :mod:`.cache`); :func:`load_file` one file's rules
and examples. Macros (``<NAME>``) are expanded after the macros they name; a cycle or an
unknown name is an error.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex

from ..regexkit import parse_tree, required_around
from ..resources import load_yaml, patterns_dir
from .cache import load_cached, store_cached
from .index import RuleSet
from .schema import (CLAUSE_PUNCT, FIELDS, KINDS, SCOPES, PatternError, Rule, check_q, checked_regex,
                     compile_checked, kind_of)

PATTERNS_DIR = patterns_dir() / "facts"

ASIDE_MAX = 12  # longest bracketed aside a gap steps over (see _gap)
# a name may hold digits after its first character (<CATLIST2>): before, such a name was
# not seen as a macro and stayed in the pattern as literal text, silently never matching
_MACRO = regex.compile(r"(?<!\(\?P)<([A-Za-z_][A-Za-z0-9_]*)(?::(\d+))?>")  # not the (?P<q>…) group of <Q>


def _gap(n: int, extra: str = "") -> str:
    # a bracketed aside counts as one character of the gap, whatever it holds
    # ("新闻发布会(媒体通气会)8场", "微信公众账号(1个)发布信息149条"): an aside is
    # never the figure the label names (a label inside an aside of parts is no
    # label of the figure after it: see match._label_in_a_part)
    punct = regex.escape(CLAUSE_PUNCT)
    return (rf"(?:\([^(){punct}|{extra}]{{1,{ASIDE_MAX}}}\)"
            rf"|[^{punct}\d\ue000\ue001|{extra}]){{0,{n}}}?")


def _builtin(name: str, arg: str | None) -> str | None:
    """The regex text of a built-in macro (``<Q>``, ``<N>``, ``<G:n>``, ``<g:n>``), else None."""
    if name == "Q":
        return r"(?P<q>\ue000+|\ue001+)"
    if name == "N":  # any other whole quantity (not captured): "发布会4次,其中…<Q>"
        return r"(?:\ue000+|\ue001+)"
    if name == "G":
        return _gap(int(arg) if arg else 12)
    if name == "g":  # a short gap never crosses a list separator either
        return _gap(int(arg) if arg else 3, "、")
    return None


class Macros:
    """The macros of one file (its own over ``_common.yaml``'s). A macro's text may name
    other macros: it is expanded after them (once, on first use); a macro that names
    itself, directly or through others, is a PatternError."""

    def __init__(self, defs: dict[str, str]):
        self.defs = dict(defs)
        self._done: dict[str, str] = {}
        self._doing: list[str] = []

    def expand(self, src: str) -> str:
        """``src`` with every ``<NAME>`` / ``<G:n>`` replaced by its regex text."""
        return _MACRO.sub(lambda m: self._sub(m, src), src)

    def _sub(self, m: regex.Match, src: str) -> str:
        name, arg = m.group(1), m.group(2)
        text = _builtin(name, arg)
        if text is not None:
            return text
        if name not in self.defs:
            raise PatternError(f"unknown macro <{name}> in {src!r}")
        return "(?:" + self._resolved(name) + ")"

    def _resolved(self, name: str) -> str:
        text = self._done.get(name)
        if text is None:
            if name in self._doing:
                cycle = " -> ".join(self._doing[self._doing.index(name):] + [name])
                raise PatternError(f"macros name each other in a cycle: {cycle}")
            self._doing.append(name)
            try:
                text = self._done[name] = self.expand(self.defs[name])
            finally:
                self._doing.pop()
        return text


def _check(src: str, macros: "Macros", where: str, need_q: bool | None, checked: dict, compiled: dict):
    """Expand the macros of ``src`` and check the result without compiling it (rules are
    compiled on first use, see Rule.compile): the standard library's parser reads it (a
    syntax error is reported now) and gives the prefilter's literals (see ``regexkit.required``).
    A source that parser does not read (``regex``-only syntax, case-insensitive flags) is
    compiled now with ``regex`` instead (into ``compiled``). Returns (source,
    requirements); ``checked`` memoizes by (source, need_q) within one load (the files
    repeat their conditions)."""
    text = macros.expand(src)
    hit = checked.get((text, need_q))
    if hit is None:
        tree, C = parse_tree(text)
        if tree is None:
            # includes sources the stdlib rejects: ``regex`` decides whether they are bad
            compiled[text] = rx = checked_regex(text, where, need_q, src)
            rx.compiled()
        else:
            check_q("q" in tree.state.groupdict, src, where, need_q)
        # the prefilter's literals (RuleIndex): also of a source only ``regex`` reads (\p{Han}:
        # ``required`` reads it as one character; it was None, so the ~1.5-2 KB outlet patterns
        # ran on every sentence with a figure), and those of its top-level lookarounds - a rule's
        # pattern is searched in the very (masked) sentence the index scans, whose lookbehind
        # sees only that sentence (issue 11, session 14: a worker's first sight of a sentence)
        needs = required_around(text) if need_q is not None else None
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
    return None if src is None else compile_checked(macros.expand(src), where, None)


def _yaml(text: str):
    """``text`` parsed (libyaml's loader when PyYAML has it: same data, several times
    faster); PyYAML is imported only here, when the checked-rules cache misses."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


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
    macros = Macros({**(common.get("macros") or {}), **(data.get("macros") or {})})
    defaults = dict(data.get("defaults") or {})
    compiled = {} if compiled is None else compiled
    checked = {} if checked is None else checked
    rules: list[Rule] = []
    for i, r in enumerate(data.get("rules") or []):
        spec = dict(defaults)
        spec.update(r)
        unknown = set(spec) - FIELDS
        where = f"{path.name} rule {r.get('id', i)}"
        if unknown:
            raise PatternError(f"{where}: unknown field(s) {sorted(unknown)}")
        if "key" not in spec or "id" not in spec:
            raise PatternError(f"{where}: a rule needs key and id")
        # the value type is the key's in keys.yaml; a rule may state it, never contradict it
        known = kind_of(spec["key"])
        kind = spec.get("kind", known or "count")
        if kind not in KINDS:
            raise PatternError(f"{where}: kind must be one of {KINDS}")
        if known is not None and kind != known:
            raise PatternError(f"{where}: kind {kind} but {spec['key']} is a {known} key in keys.yaml")
        scope = str(spec.get("context_scope", "any"))
        if scope not in SCOPES:
            raise PatternError(f"{where}: context_scope must be one of {SCOPES}")
        not_this = list(spec.get("not_this") or [])
        if spec.get("use_common_not_this", True):
            not_this += list(common.get("not_this") or [])
        section_deny = _as_list(spec.get("section_deny"))
        if spec.get("use_common_section_deny", True):
            section_deny += _as_list(common.get("section_deny"))
        not_after = _as_list(spec.get("not_after"))
        if spec.get("use_common_not_after", True):
            not_after += _as_list(common.get("not_after"))
        conditions = {"deny": spec.get("deny"), "not_this": not_this, "subject_deny": spec.get("subject_deny"),
                      "section": spec.get("section"), "section_deny": section_deny,
                      "not_after": not_after or None, "context": spec.get("context"),
                      "fallback_deny": spec.get("fallback_deny"), "lead_deny": spec.get("lead_deny")}
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
                bare=bool(spec.get("bare", False)),
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
        return load_yaml(p) or {}   # (parsed once per file version: resources.load_yaml)
    return {}


def rule_files(directory: Path = PATTERNS_DIR) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("_"))


@lru_cache(maxsize=4)
def load_rules(directory: str | None = None) -> RuleSet:
    """The rules of ``directory`` (default: the package's patterns), checked but compiled
    on first use (see Rule); :func:`compile_all` compiles them all.

    Checking the files (parsing every macro-expanded regex for the prefilter's literals)
    is most of a fresh process's rule loading: its result depends only on the rule files
    and this module, so it is cached on disk keyed by their bytes (:mod:`.cache`)."""
    d = Path(directory) if directory else PATTERNS_DIR
    files = rule_files(d)
    compiled: dict = {}
    rules = load_cached(d, files, compiled)
    if rules is None:
        common = _common(d)
        rules = []
        checked: dict = {}
        for p in files:
            rs, _ = load_file(p, common, examples=False, compiled=compiled, checked=checked)
            rules.extend(rs)
        store_cached(d, files, rules)
    return RuleSet(rules, files)


def compile_all(directory: str | None = None) -> RuleSet:
    """Load the rules of ``directory`` (see load_rules) and compile every regex now.

    Raises PatternError for any bad regex (``load_rules`` reports the syntax errors the
    standard library's parser sees; this is the complete check, for the tests). Also
    what a long-lived process that forks workers calls once, so that the workers share
    the compiled rules instead of compiling them each."""
    rs = load_rules(directory)
    for r in rs.rules:
        r.compile()
    common_not_this(directory)
    return rs


def load_examples(directory: Path = PATTERNS_DIR) -> list[tuple[str, int, dict]]:
    """(file name, index, example) for every example of every pattern file."""
    common = _common(directory)
    out = []
    for p in rule_files(directory):
        _, exs = load_file(p, common)
        out.extend((p.name, i, ex) for i, ex in enumerate(exs))
    return out


@lru_cache(maxsize=4)
def common_not_this(directory: str | None):
    """The compiled ``not_this`` of ``_common.yaml`` (its macros apply), or None."""
    d = Path(directory) if directory else PATTERNS_DIR
    common = _common(d)
    items = common.get("not_this") or []
    # the phrases may use _common.yaml's macros, as they do inside every rule
    return _alternation(items, Macros(common.get("macros") or {}), "_common.yaml not_this") if items else None
