"""Generic clause reader: fills keys the prose rules and table readers left empty.

Public API: ``find_facts(doc, seg, prose, tables) -> Findings``.

Where the phrase rules of ``patterns/facts/`` read one wording each, this stage reads
the generic shape of a clause (see ``patterns/clauses.yaml``, the one data file)::

    subject? + verb? + LABEL + filler + FIGURE(measure word)

For every quantity of a prose sentence that no fact of the rules or the tables covers,
it looks left inside the quantity's clause for label terms of the keys of
``clauses.yaml``: a label counts when only that key's filler words (verbs, 共/共计/为,
数/数量 …) stand between it and the figure (so no other number does). The nearest such
label decides the key (a longer label ending at the same place beats one it contains:
"微博发布信息" over "发布信息"); two keys' labels equally near give nothing. A clause
that only continues the one before ("…申请,共计12件") takes its labels from that one.
Then the figure must carry a measure word of the key (or, where the key allows it, be a
bare number right after 数/数量), must be exact (约/余 … give nothing), and no deny
pattern may be in reach: the key's and the shared ones (other channels, counts of
other things such as 转发/点击, plans, scores), ``_common.yaml``'s ``not_this``
(cumulative spans, other years, comparisons, plans) in the clause and the one before,
its ``SUBUNIT`` (各乡镇, 县直 …) in the clause, and its ``section_deny`` (plan headings)
in the headings.

Only keys that no rule, table, blocked reading or withheld (approximate/ambiguous)
reading of the document touches are filled; two different clause readings of one key
give nothing. Facts have ``origin`` "text", rule ``clause:<key>`` and offsets from the
label to the figure.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

import regex
import yaml

from . import numbers
from .model import Fact, Findings, Warning_
from .resources import patterns_dir

CLAUSES_FILE = patterns_dir() / "clauses.yaml"
COMMON_FILE = patterns_dir() / "facts" / "_common.yaml"
_PUNCT = ",;。:!?，；：！？"
_MACRO = re.compile(r"<([A-Z][A-Z_]*)>")


class ClauseError(ValueError):
    """A clauses.yaml that cannot be used (unknown field, bad regex, unknown key)."""


def _expand(src: str, macros: dict[str, str], depth: int = 0) -> str:
    if depth > 8:
        raise ClauseError(f"macros nested too deeply in {src!r}")

    def sub(m):
        name = m.group(1)
        if name not in macros:
            raise ClauseError(f"unknown macro <{name}> in {src!r}")
        return "(?:" + _expand(macros[name], macros, depth + 1) + ")"

    return _MACRO.sub(sub, src)


def _alt(items, macros) -> regex.Pattern | None:
    items = [i for i in (items or []) if i]
    if not items:
        return None
    src = "|".join("(?:" + _expand(str(i), macros) + ")" for i in items)
    try:
        return regex.compile(src)
    except regex.error as e:
        raise ClauseError(f"bad regex {src!r}: {e}") from e


@dataclass
class KeyEntry:
    key: str
    labels: list                   # label terms (one regex each)
    fill: regex.Pattern            # what may stand between label and figure (fullmatch)
    units: frozenset
    bare: bool                     # a bare number right after 数/数量 counts
    deny: regex.Pattern | None     # in the clause up to the figure (from the clause before for continuations)
    deny_sentence: regex.Pattern | None  # in the sentence up to the figure
    heading_deny: regex.Pattern | None   # in the innermost heading above the sentence


@dataclass
class ClauseSet:
    entries: list[KeyEntry]
    continuation: regex.Pattern    # a clause that only continues the one before
    bare_before: regex.Pattern     # what must end the gap before a bare number
    deny: regex.Pattern | None     # shared deny (the clause)
    after_deny: regex.Pattern | None   # matched right after the figure
    joined: regex.Pattern | None       # right before the label: another thing counted with it
    not_this: regex.Pattern | None     # _common.yaml: the clause and the one before
    subunit: regex.Pattern | None      # _common.yaml SUBUNIT: the clause before the figure
    section_deny: regex.Pattern | None  # _common.yaml: the headings


_TOP_FIELDS = {"macros", "shared", "keys", "examples", "counter_examples"}
_SHARED_FIELDS = {"fill", "continuation", "bare_before", "deny", "after_deny", "joined"}
_KEY_FIELDS = {"labels", "fill", "units", "bare", "deny", "deny_sentence", "heading_deny", "note"}


def _load(path: Path, common_path: Path) -> ClauseSet:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser where built
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    common = yaml.load(common_path.read_text(encoding="utf-8"), Loader=loader) or {}
    unknown = set(data) - _TOP_FIELDS
    if unknown:
        raise ClauseError(f"{path.name}: unknown field(s) {sorted(unknown)}")
    macros = dict(common.get("macros") or {})
    macros.update(data.get("macros") or {})
    shared = data.get("shared") or {}
    if set(shared) - _SHARED_FIELDS:
        raise ClauseError(f"{path.name}: unknown shared field(s) {sorted(set(shared) - _SHARED_FIELDS)}")
    from .keys import is_canonical

    shared_fill = [str(x) for x in shared.get("fill") or []]
    entries = []
    for key, spec in (data.get("keys") or {}).items():
        if not is_canonical(key):
            raise ClauseError(f"{path.name}: {key} is no canonical key")
        if set(spec) - _KEY_FIELDS:
            raise ClauseError(f"{path.name}: {key}: unknown field(s) {sorted(set(spec) - _KEY_FIELDS)}")
        fill_items = shared_fill + [str(x) for x in spec.get("fill") or []]
        fill_src = "(?:" + "|".join("(?:" + _expand(x, macros) + ")" for x in fill_items) + ")*"
        entries.append(KeyEntry(
            key=key,
            labels=[_alt([x], macros) for x in spec.get("labels") or []],
            fill=regex.compile(fill_src),
            units=frozenset(spec.get("units") or ()),
            bare=bool(spec.get("bare", False)),
            deny=_alt(spec.get("deny"), macros),
            deny_sentence=_alt(spec.get("deny_sentence"), macros),
            heading_deny=_alt(spec.get("heading_deny"), macros),
        ))
        if not entries[-1].labels or not entries[-1].units:
            raise ClauseError(f"{path.name}: {key} needs labels and units")
    subunit = macros.get("SUBUNIT")
    return ClauseSet(
        entries=entries,
        continuation=regex.compile(_expand(shared.get("continuation") or "(?!)", macros)),
        bare_before=regex.compile(_expand(shared.get("bare_before") or "(?!)", macros)),
        deny=_alt(shared.get("deny"), macros),
        after_deny=_alt(shared.get("after_deny"), macros),
        joined=_alt(shared.get("joined"), macros),
        not_this=_alt(common.get("not_this"), macros),
        subunit=regex.compile(_expand(subunit, macros)) if subunit else None,
        section_deny=_alt(common.get("section_deny"), macros),
    )


@lru_cache(maxsize=4)
def load(path: str | None = None, common_path: str | None = None) -> ClauseSet:
    return _load(Path(path) if path else CLAUSES_FILE, Path(common_path) if common_path else COMMON_FILE)


def _clause_start(text: str, i: int) -> int:
    while i > 0 and text[i - 1] not in _PUNCT:
        i -= 1
    return i


def _clause_end(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i] not in _PUNCT:
        i += 1
    return i


def _best_label(cs: ClauseSet, text: str, a: int, qa: int):
    """(entry, label start) of the nearest label in text[a:qa] whose gap to the figure
    is that key's filler only; None when there is none or two keys tie."""
    best = []  # (end, start, entry)
    for e in cs.entries:
        found = None
        for rx in e.labels:
            for m in rx.finditer(text, a, qa, overlapped=True):
                s, t = m.span()
                if t <= s or not e.fill.fullmatch(text, t, qa):
                    continue
                if found is None or (t, -s) > (found[0], -found[1]):
                    found = (t, s)
        if found is not None:
            best.append((found[0], found[1], e))
    if not best:
        return None
    top = max(t for t, _s, _e in best)
    near = [(s, e) for t, s, e in best if t == top]
    if len(near) > 1:
        near.sort(key=lambda x: x[0])
        # a longer label containing the others (same end, earlier start) is more specific
        if near[0][0] == near[1][0]:
            return None
    return near[0][1], near[0][0]


def _sentence_facts(cs: ClauseSet, text: str, section: str, covered, heading: str = "") -> list[tuple]:
    """(key, value, unit, raw, a, b) read from one sentence (offsets in the sentence);
    ``section``: the headings above it joined by " / ", ``heading``: the innermost one."""
    out = []
    for qm in numbers.find_quantities(text):
        q = qm.quantity
        qa, qb = qm.start, qm.end
        if covered(qa, qb):
            continue
        if q.kind not in ("count", "number") or q.approx:
            continue
        if q.kind == "number" and q.unit is not None:
            continue
        cs0 = _clause_start(text, qa)
        ce = _clause_end(text, qb)
        hit = _best_label(cs, text, cs0, qa)
        reach = cs0
        if hit is None and cs0 > 0 and cs.continuation.fullmatch(text, cs0, qa):
            prev = _clause_start(text, cs0 - 1)
            gap_end = cs0 - 1  # the punctuation between
            # the label must end the clause before (only filler between), as if one clause
            entry = None
            for e in cs.entries:
                for rx in e.labels:
                    for m in rx.finditer(text, prev, gap_end, overlapped=True):
                        if e.fill.fullmatch(text, m.end(), gap_end):
                            entry = e if entry in (None, e) else False
                            start = m.start()
                            break
            if entry:
                hit, reach = (entry, start), prev
        if hit is None:
            continue
        entry, la = hit
        if q.kind == "number":
            if not entry.bare or not cs.bare_before.search(text[max(la, qa - 4):qa]):
                continue
            after = text[qb:qb + 1]
            if after and after not in _PUNCT and not after.isspace():
                continue
        elif q.unit not in entry.units:
            continue
        before_prev = _clause_start(text, reach - 1) if reach > 0 else 0
        clause = text[reach:ce]
        # the key's deny: its subject and label side (the clause, up to the figure);
        # the shared deny: the whole clause ("…微博2654条被转发1077次")
        if entry.deny is not None and entry.deny.search(text, reach, qa):
            continue
        if entry.deny_sentence is not None and entry.deny_sentence.search(text, 0, qa):
            continue
        if cs.deny is not None and cs.deny.search(clause):
            continue
        if cs.not_this is not None and cs.not_this.search(text, before_prev, ce):
            continue
        if cs.subunit is not None and cs.subunit.search(text, reach, qa):
            continue
        if cs.after_deny is not None and cs.after_deny.match(text, qb):
            continue
        if section and cs.section_deny is not None and cs.section_deny.search(section):
            continue
        if heading and entry.heading_deny is not None and entry.heading_deny.search(heading):
            continue
        if cs.joined is not None and cs.joined.search(text[reach:la]):
            continue
        out.append((entry.key, numbers.to_value(q), q.unit, text[qa:qb], la, qb))
    return out


def _skip_sentence(sent) -> bool:
    return getattr(sent, "in_table", False) or "|" in sent.text or "｜" in sent.text


def find_facts(doc, seg, prose: Findings, tables: Findings, *, path: str | None = None) -> Findings:
    """Clause facts for keys that ``prose`` and ``tables`` left empty."""
    cs = load(path)
    out = Findings()
    taken = {f.key for f in prose.facts} | {f.key for f in tables.facts}
    taken |= set(prose.blocked_keys) | set(tables.blocked_keys)
    for w in list(prose.warnings) + list(tables.warnings):
        head = w.message.split(":", 1)[0]
        taken.add(head)
    spans = sorted(tuple(f.offset) for f in prose.facts + tables.facts)
    # covered() below: the spans starting before B are a prefix of ``starts``; one of them
    # reaches past A when the largest end in that prefix does (bisection, not a scan of
    # every fact per quantity: a dump of 150,000 facts made that quadratic, issue 11)
    starts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))
    text = doc.text
    per_key: dict[str, list[Fact]] = {}
    for sent in seg.sentences:
        if _skip_sentence(sent) or text[sent.start:sent.end] != sent.text:
            continue
        s0 = sent.start

        def covered(qa, qb, s0=s0):
            A, B = s0 + qa, s0 + qb
            k = bisect_left(starts, B)
            return k > 0 and reach[k - 1] > A

        heads = sent.headings or []
        section = " / ".join(h.title for h in heads)
        heading = heads[-1].title if heads else ""
        for key, val, unit, raw, a, b in _sentence_facts(cs, sent.text, section, covered, heading):
            if key in taken:
                continue
            A, B = s0 + a, s0 + b
            page = sent.page if sent.page is not None else doc.page_at(A)
            per_key.setdefault(key, []).append(
                Fact(key, val, unit, raw, "text", page, (A, B), text[A:B], f"clause:{key}"))
    for key, facts in per_key.items():
        values = []
        for f in facts:
            if f.value not in values:
                values.append(f.value)
        if len(values) == 1:
            out.facts.append(facts[0])
        else:
            out.warnings.append(Warning_(
                "ambiguous", f"{key}: generic clauses give different figures {values}; none taken",
                facts[0].page, facts[0].offset))
    return out


def read_sentence(text: str, section: str = "", path: str | None = None) -> dict:
    """key -> value read from one normalised sentence alone (the examples' test);
    ``section``: its headings, outermost first, joined by " / "."""
    out: dict = {}
    heading = section.rsplit(" / ", 1)[-1] if section else ""
    for key, val, *_ in _sentence_facts(load(path), text, section, lambda a, b: False, heading):
        out.setdefault(key, []).append(val)
    return {k: (v[0] if len(set(map(repr, v))) == 1 else "CONFLICT") for k, v in out.items()}


__all__ = ["find_facts", "load", "read_sentence", "ClauseError"]
