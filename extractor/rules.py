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
* approximations (约/近/余/多/左右/以上) give no value but a warning ``approximate``;
* zero phrases (未收到…申请, 未发生…行政复议) give 0 (0.0 for money);
* two different values for one key inside one sentence give nothing and a warning
  ``ambiguous`` (precision first).

Table sentences (``in_table``) and pipe-flattened table lines are left to the table
readers.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex
import yaml

from . import numbers
from .model import Fact, Findings, Warning_
from .resources import patterns_dir

PATTERNS_DIR = patterns_dir() / "facts"

# masks for quantities: two alternating private-use characters (adjacent quantities stay apart)
_MASKS = ("\ue000", "\ue001")
_CLAUSE_PUNCT = ",;。:!?，；：！？"
_KINDS = ("count", "money", "bool")


class PatternError(ValueError):
    """A pattern file that cannot be compiled (bad regex, unknown field)."""


@dataclass
class Rule:
    key: str
    id: str
    kind: str = "count"
    units: tuple[str, ...] = ()
    patterns: list[Any] = field(default_factory=list)   # compiled regexes with group "q"
    zero: list[Any] = field(default_factory=list)       # compiled regexes without a quantity
    deny: Any = None            # regex searched in the matched text
    not_this: Any = None        # regex searched in the clause (and the one before)
    subject_deny: Any = None    # regex searched in the clause text before the match
    section: Any = None         # regex that must match the section context
    section_deny: Any = None    # regex that must NOT match the section context
    not_after: Any = None       # regex matched right after the figure (e.g. "(含上年结转")
    context: Any = None         # regex that must match the sentence or the section context
    context_scope: str = "any"  # "any": sentence or headings; "sentence": the sentence only
    value: Any = None           # fixed value for zero/bool phrases (default 0 / 0.0)
    source: str = ""

    @property
    def rule_id(self) -> str:
        return f"{self.key}#{self.id}"


@dataclass
class RuleSet:
    rules: list[Rule]
    files: list[Path]


# ------------------------------------------------------------------ loading

def _expand(src: str, macros: dict[str, str]) -> str:
    """Replace ``<NAME>`` / ``<G:n>`` macros by their regex text."""

    def gap(n: int, extra: str = "") -> str:
        return rf"[^{regex.escape(_CLAUSE_PUNCT)}\d\ue000\ue001|{extra}]{{0,{n}}}?"

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


def _compile(src: str, macros: dict[str, str], where: str, need_q: bool | None):
    text = _expand(src, macros)
    try:
        rx = regex.compile(text)
    except regex.error as e:
        raise PatternError(f"{where}: bad regex {src!r}: {e}") from e
    if need_q is True and "q" not in rx.groupindex:
        raise PatternError(f"{where}: pattern without <Q>: {src!r}")
    if need_q is False and "q" in rx.groupindex:
        raise PatternError(f"{where}: zero phrase must not contain <Q>: {src!r}")
    return rx


def _alternation(items, macros, where):
    if not items:
        return None
    if isinstance(items, str):
        items = [items]
    return _compile("|".join(f"(?:{i})" for i in items), macros, where, None)


def load_file(path: Path, common: dict) -> tuple[list[Rule], list[dict]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    macros = dict(common.get("macros") or {})
    macros.update(data.get("macros") or {})
    defaults = dict(data.get("defaults") or {})
    rules: list[Rule] = []
    allowed = {"key", "id", "kind", "units", "patterns", "zero", "deny", "not_this", "subject_deny", "not_after",
               "section", "section_deny", "context", "context_scope", "value", "note", "use_common_not_this"}
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
        not_this = list(spec.get("not_this") or [])
        if spec.get("use_common_not_this", True):
            not_this += list(common.get("not_this") or [])
        rules.append(
            Rule(
                key=spec["key"],
                id=str(spec["id"]),
                kind=kind,
                units=tuple(spec.get("units") or ()),
                patterns=[_compile(p, macros, where, True) for p in spec.get("patterns") or []],
                zero=[_compile(p, macros, where, False) for p in spec.get("zero") or []],
                deny=_alternation(spec.get("deny"), macros, where),
                not_this=_alternation(not_this, macros, where),
                subject_deny=_alternation(spec.get("subject_deny"), macros, where),
                section=_alternation(spec.get("section"), macros, where),
                section_deny=_alternation(spec.get("section_deny"), macros, where),
                not_after=_alternation(spec.get("not_after"), macros, where),
                context=_alternation(spec.get("context"), macros, where),
                context_scope=str(spec.get("context_scope", "any")),
                value=spec.get("value"),
                source=path.name,
            )
        )
    return rules, list(data.get("examples") or [])


def _common(directory: Path) -> dict:
    p = directory / "_common.yaml"
    if p.is_file():
        return yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    return {}


def rule_files(directory: Path = PATTERNS_DIR) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("_"))


@lru_cache(maxsize=4)
def load_rules(directory: str | None = None) -> RuleSet:
    d = Path(directory) if directory else PATTERNS_DIR
    common = _common(d)
    rules: list[Rule] = []
    files = rule_files(d)
    for p in files:
        rs, _ = load_file(p, common)
        rules.extend(rs)
    return RuleSet(rules, files)


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


_RESPECTIVELY_WORD = regex.compile(r"分别(?:为|是|有|达)|依次为")
_SHARE_AFTER = regex.compile(r"^\s*[,，]?\s*(?:占|约占|共占)")
# "…的425条政府信息中,…": the quantity names a whole that a breakdown follows
_AMONG_AFTER = regex.compile(r"^[^,，;；。:：]{0,8}?(?:中|当中|之中)(?:[,，:：]|$)")


def _value_ok(rule: Rule, q) -> bool:
    if rule.kind == "money":
        return q.kind == "money"
    if q.kind != "count":
        return False
    if rule.units and q.unit not in rule.units:
        return False
    return True


def _conditions(rule: Rule, text: str, section: str) -> bool:
    if rule.section is not None and not rule.section.search(section):
        return False
    if rule.section_deny is not None and rule.section_deny.search(section):
        return False
    if rule.context is not None and not rule.context.search(text):
        if rule.context_scope == "sentence" or not rule.context.search(section):
            return False
    return True


def _sentence_candidates(rules: list[Rule], text: str, section: str, context_text: str | None = None):
    """Yield (rule, value, unit, raw, a, b, approx) for one sentence (offsets in ``text``).
    ``context_text``: the text the rules' context condition is checked on (default ``text``)."""
    masked, qmap = _masked(text)
    for rule in rules:
        if not _conditions(rule, text if context_text is None else context_text, section):
            continue
        seen_q: set[int] = set()
        for rx in rule.patterns:
            for m in rx.finditer(masked, overlapped=True):
                qa, qb = m.span("q")
                if qa in seen_q:
                    continue
                qm = qmap.get(qa)
                if qm is None or qm.end != qb:
                    continue
                q = qm.quantity
                if q.kind == "percent" or not _value_ok(rule, q):
                    continue
                a, b = m.span()
                matched = text[a:b]
                if rule.deny is not None and rule.deny.search(matched):
                    continue
                if _RESPECTIVELY_WORD.search(matched):
                    continue  # "B分别为x、y": y is B's figure (see _respectively_candidates)
                ca, cb = _clause_bounds(text, a, b)
                if rule.not_this is not None and rule.not_this.search(text[ca:b]):
                    continue
                own = _own_clause_start(text, a)
                if rule.subject_deny is not None and rule.subject_deny.search(text[own:qa]):
                    continue
                if _SHARE_AFTER.match(text[qb:]) or _AMONG_AFTER.match(text[qb:]):
                    continue
                if rule.not_after is not None and rule.not_after.match(text, b):
                    continue
                seen_q.add(qa)
                if q.approx:
                    yield rule, None, q.unit, text[qa:qb], a, b, q.approx
                    continue
                yield rule, numbers.to_value(q), q.unit, text[qa:qb], a, b, None
        for rx in rule.zero:
            for m in rx.finditer(text):
                a, b = m.span()
                if a == b:
                    continue
                if rule.deny is not None and rule.deny.search(text[a:b]):
                    continue
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


def _respectively_candidates(rules: list[Rule], text: str, section: str, common_not_this):
    """Pair each label of an "A、B和C分别为x、y、z" list with its figure and read every pair
    as if it were written "A x": the text before the list (its clause and the ones before)
    stays in front so that headings, context and exclusions apply unchanged. The evidence
    is the span from the label to its figure. A list whose labels and figures do not pair
    up one to one gives nothing (precision first)."""
    if _RESPECTIVELY_WORD.search(text) is None:
        return
    masked, qmap = _masked(text)
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
            for rule, val, unit, raw, a, b, approx in _sentence_candidates(rules, synth, section, text):
                if b != len(synth) or raw != text[qa:qb]:
                    continue
                yield rule, val, unit, raw, la, qb, approx


@lru_cache(maxsize=4)
def _common_not_this(directory: str | None):
    d = Path(directory) if directory else PATTERNS_DIR
    items = _common(d).get("not_this") or []
    return _alternation(items, {}, "_common.yaml not_this") if items else None


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


def find_facts(doc, seg, *, directory: str | None = None) -> Findings:
    ruleset = load_rules(directory)
    not_this_common = _common_not_this(directory)
    out = Findings()
    text = doc.text
    for sent in seg.sentences:
        if _skip_sentence(sent):
            continue
        if text[sent.start:sent.end] != sent.text:
            continue  # offsets must be exact; never guess
        section = _section_text(sent, seg)
        per_key: dict[str, list[Fact]] = {}
        warned: set = set()
        cands = itertools.chain(
            _sentence_candidates(ruleset.rules, sent.text, section),
            _respectively_candidates(ruleset.rules, sent.text, section, not_this_common),
        )
        for rule, val, unit, raw, a, b, approx in cands:
            A, B = sent.start + a, sent.start + b
            page = sent.page if sent.page is not None else doc.page_at(A)
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
            per_key.setdefault(rule.key, []).append(f)
        for key, facts in per_key.items():
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
    return out


def simple_values(findings: Findings) -> dict:
    """key -> value the simple way (used by the pattern corpus test): a key with two
    different values maps to the string ``"CONFLICT"``."""
    vals: dict[str, list] = {}
    for f in findings.facts:
        vals.setdefault(f.key, [])
        if f.value not in vals[f.key]:
            vals[f.key].append(f.value)
    return {k: (v[0] if len(v) == 1 else "CONFLICT") for k, v in vals.items()}


__all__ = ["find_facts", "load_rules", "load_examples", "simple_values", "PatternError", "Rule"]
