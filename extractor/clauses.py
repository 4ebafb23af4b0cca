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

Also, from the same file: labels written after the figure (``after``/``before``: "配备了
3名专职和2名兼职工作人员", "开辟1个公共查阅点"), a figure right after a colon continuing the
label before it, a key's ``context``/``allow_share``/``not_after``, same-length ``aliases``
(资讯 -> 信息), and zero statements: a clause that ends "negation + verbs + (modifier) +
LABEL + (listed things, 等情况)" gives 0 for the key of LABEL ("本年度无针对政府信息公开事务
的行政诉讼"); its context may also stand in the sentence's line before it.

Only keys that no rule, table, blocked reading or withheld (approximate/ambiguous)
reading of the document touches are filled; two different clause readings of one key
give nothing. Facts have ``origin`` "text", rule ``clause:<key>`` and offsets from the
label to the figure.

Size: one reader of one data file: its loader (validating clauses.yaml), the prefilter of
its label patterns and the clause shape read with them share the ClauseSet and the clause
helpers; split they would pass each other every field of it.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

import regex

from . import numbers
from .keys import zero_of
from .model import Fact, Findings, Warning_
from .normalize import names_earlier_year, not_this_from, sentence_view, year_view
from .regexkit import LazyRegex, Prefilter, required, required_around, set_bits
from .resources import load_yaml, patterns_dir, read_derived, write_derived

CLAUSES_FILE = patterns_dir() / "clauses.yaml"
COMMON_FILE = patterns_dir() / "facts" / "_common.yaml"
_PUNCT = ",;。:!?，；：！？"
_MACRO = re.compile(r"<([A-Z][A-Z0-9_]*)>")   # (digits too: <CATLIST2> is a macro, not literal text)
_PUNCT_RX = re.compile("[" + re.escape(_PUNCT) + "]")
# the characters a quantity's number is written with (numbers._QTY: Arabic digits, full-width
# ones, Chinese numerals): a sentence holding none has no figure to read
_NUMERALS = frozenset("0123456789０１２３４５６７８９" + numbers.CN_NUMERAL_CHARS)
# what may follow a label written after the figure inside the clause (配备3名专职和2名兼职…; an aside:
# 设立了三处公开查询点(义乌市365便民服务中心、…), b8 k21)
_AFTER_JOIN = regex.compile(r"\s?(?:和|及|与|、|以及|负责|从事|专门|专职|兼职|[(（])")


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


def _alt(items, macros, make_rx=regex.compile) -> regex.Pattern | None:
    items = [i for i in (items or []) if i]
    if not items:
        return None
    src = "|".join("(?:" + _expand(str(i), macros) + ")" for i in items)
    try:
        return make_rx(src)
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
    context: regex.Pattern | None = None  # the sentence or its headings must match
    allow_share: bool = False            # a share may follow the figure (a breakdown's part)
    after: list | None = None            # label terms written after the figure (3名专职)
    before: regex.Pattern | None = None  # what must end the clause before a figure read that way
    zero: list | None = None             # label terms of a zero statement (未发生…行政复议)
    zero_deny: regex.Pattern | None = None  # between the negation and the label
    not_after: regex.Pattern | None = None  # matched right after the figure (the key's own after_deny)
    not_this_ok: regex.Pattern | None = None  # words _common's not_this is not looked for in (the key's own)
    whole_of_parts: regex.Pattern | None = None  # after the figure: its parts follow (deny_sentence lifted when they add up)
    parts_named: regex.Pattern | None = None     # what names a part's channel (two parts or more must)
    all_of: regex.Pattern | None = None          # right after a figure read as all_of_whole: all of it is this key's
    all_of_whole: tuple = ()                     # the key(s) of the whole (a str or a list in the yaml)
    lead_deny: regex.Pattern | None = None       # in the full sentence up to the figure: the lead's part after its
    #                                              last 。/!/? (the ; splits of the segmenter), then the sentence
    gap: int = 0                                 # free characters allowed between label and figure (see gap_fill)
    gap_fill: regex.Pattern | None = None        # fill* + 1..gap free characters + fill* (set when gap > 0)
    bare_end: regex.Pattern | None = None        # right after a bare figure read after the label (filler only
    #                                              between, no measure word): what closes it (a line end, 。,;)


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
    share: regex.Pattern | None = None       # right after the figure: a share (keys may allow it)
    aliases: dict | None = None              # same-length spellings read as another (资讯 -> 信息)
    after_fill: regex.Pattern | None = None  # between a figure and a label written after it
    zero_neg: bool = False                   # zero statements declared (shared zero_neg)
    zero_verb: str = ""
    zero_tail: str = ""
    item_end: regex.Pattern | None = None    # a list item's figure and joiner: the next item is a clause
    zero_allow: regex.Pattern | None = None  # spans of a zero statement the shared deny skips
    zero_tail_deny: regex.Pattern | None = None  # in the list after the label: the cases are qualified (败诉)
    breakdown: regex.Pattern | None = None   # a bracketed breakdown right after a figure (group parts)
    year_views: tuple = ()                   # (regex, as, offset): a year relative to the document's own
    year_filter: "Prefilter | None" = None  # which year_views can match a text (their literals, lookarounds' too)
    zero_span: regex.Pattern | None = None   # up-to-now spans a zero statement is read across
    zero_lead_deny: regex.Pattern | None = None  # in the full sentence up to a zero statement's end: no none of the year
    part_of: regex.Pattern | None = None     # before a bracket: a figure the bracket breaks down
    labels_index: "_Index | None" = None     # which entries' labels can match a text (set by _load)
    after_entries: list | None = None        # the entries with labels after the figure (set by _load)
    all_of_entries: list = ()                # the entries with an ``all_of`` (set by _load), in file order
    after_any: regex.Pattern | None = None   # any of their ``after`` labels (set by _load)
    zeros_index: "_Index | None" = None      # which entries' zero statements can match a text
    gate: "_Gate | None" = None              # which keys a sentence can give at all (set by _load)
    macros: dict | None = None               # the macros the patterns were expanded with (_common.yaml + clauses.yaml)
    gap_deny: regex.Pattern | None = None    # never in a key's free gap between label and figure (shared gap_deny)
    gap_deny_before: regex.Pattern | None = None  # never in the sentence before a label read across a gap
    bare_figure: regex.Pattern | None = None  # what a bare figure read by a key's bare_end must be (fullmatch)


class _Index:
    """Which entries' label regexes (or zero statements) can match a text, from the
    literals every match of each must contain (:mod:`.regexkit`): the others find
    nothing there, so leaving them out changes no reading (issue 11: every label
    pattern was run over every clause). ``get(e)``: an entry's regexes; entries come
    in their file order, regexes in theirs, so the nearest-label choice (and its
    ties) is the same as when all are run."""

    def __init__(self, entries: list, get, known: dict | None = None):
        self.entries = entries
        self.get = get
        self.refs = [(i, k) for i, e in enumerate(entries) for k in range(len(get(e) or ()))]
        self.literals = {}   # source -> its required literals (``known``: from the cache)
        for i, k in self.refs:
            src = get(entries[i])[k].pattern
            if src not in self.literals:
                self.literals[src] = known[src] if known and src in known else required(src)
        self.filter = Prefilter([self.literals[get(entries[i])[k].pattern] for i, k in self.refs])
        self._plans: dict[int, list] = {}

    def candidates(self, text: str) -> list:
        """[(entry, [regex index …])] of the regexes that can match ``text``, in order."""
        bits = self.filter.scan(text)
        plan = self._plans.get(bits)
        if plan is None:
            by: dict[int, list] = {}
            for j in set_bits(bits):
                i, k = self.refs[j]
                by.setdefault(i, []).append(k)
            plan = [(self.entries[i], by[i]) for i in sorted(by)]
            if len(self._plans) >= 4096:
                self._plans.clear()
            self._plans[bits] = plan
        return plan


class _Gate:
    """Which keys one sentence can give at all, from one scan of it (issue 11: 3,921 of the
    4,020 sentences a pass of the dev texts read gave nothing). Every reading needs a match
    of a label (before the figure, or in the clause before a continuation), of a label
    written after the figure, or of a zero statement, inside the sentence; a key's
    ``all_of`` is read only after a label's match. So where the literals of none of
    them are in the sentence it gives nothing, and where all the keys it could give are
    taken already its readings are all dropped (``find_facts``). The literals are those of
    the indexes (``_Index``), the after labels' from the same cache."""

    def __init__(self, cs: "ClauseSet", after_literals: dict):
        refs = []   # (bit -> key, kind)
        needs = []
        for index, kind in ((cs.labels_index, "label"), (cs.zeros_index, "zero")):
            for i, k in index.refs:
                refs.append((index.entries[i].key, kind))
                needs.append(index.literals[index.get(index.entries[i])[k].pattern])
        for e in cs.after_entries or ():
            for rx in e.after:
                refs.append((e.key, "after"))
                needs.append(after_literals[rx.pattern])
        self.refs = refs
        self.filter = Prefilter(needs)
        self.all_of_keys = frozenset(e.key for e in cs.entries if e.all_of is not None)
        self._plans: dict[int, tuple] = {}

    def plan(self, text: str) -> tuple:
        """(all, figures, zeros): the keys ``text`` can give (empty: none), those a figure's
        reading can give (a label before it or after it, a whole's ``all_of``) and those a
        zero statement can give. The zero statements are read apart from the figures, so a
        sentence whose zero keys are all taken needs no zero search, one whose figure keys
        are all taken no figure (issue 11, session 16: of the ~2,350 sentences a pass of the
        dev texts that pass the gate, ~2,030 can give no zero)."""
        bits = self.filter.scan(text)
        plan = self._plans.get(bits)
        if plan is None:
            figures, zeros = set(), set()
            for j in set_bits(bits):
                key, kind = self.refs[j]
                if kind == "zero":
                    zeros.add(key)
                else:
                    figures.add(key)
                    if kind == "label":
                        figures |= self.all_of_keys
            plan = (frozenset(figures | zeros), frozenset(figures), frozenset(zeros))
            if len(self._plans) >= 4096:
                self._plans.clear()
            self._plans[bits] = plan
        return plan

    def keys(self, text: str) -> frozenset:
        """The keys ``text`` can give (empty: none)."""
        return self.plan(text)[0]


_TOP_FIELDS = {"macros", "shared", "keys", "examples", "counter_examples"}
_SHARED_FIELDS = {"fill", "continuation", "bare_before", "deny", "after_deny", "joined", "share",
                  "aliases", "after_fill", "zero_neg", "zero_verb", "zero_tail", "zero_mid", "zero_allow", "zero_tail_deny", "item_end", "breakdown",
                  "year_views", "zero_span", "part_of", "gap_char", "gap_deny",
                  "gap_deny_before", "zero_lead_deny", "bare_figure"}
_KEY_FIELDS = {"labels", "fill", "units", "bare", "deny", "deny_sentence", "heading_deny", "note",
               "context", "allow_share", "after", "before", "zero", "zero_deny",
               "not_after", "not_this_ok", "whole_of_parts", "parts_named", "all_of", "all_of_whole", "lead_deny",
               "gap", "bare_end"}


def _load(path: Path, common_path: Path) -> ClauseSet:
    data = load_yaml(path) or {}   # (parsed once per file version: resources.load_yaml)
    common = load_yaml(common_path) or {}
    # these files' patterns compiled without error before (this code, this regex module):
    # each is compiled on its first use (a document reaches ~35 of ~280), and the
    # prefilter's literals come from the cache; else all are compiled now (a bad one raises
    # ClauseError here) and the cache is written once the set is built
    proof = _proof(path, common_path)
    known = read_derived("clauses", proof)
    make_rx = regex.compile if known is None else LazyRegex

    def alt(items) -> regex.Pattern | None:   # items joined, macros expanded, compiled (or lazily)
        return _alt(items, macros, make_rx)
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
    gap_char = _expand(str(shared.get("gap_char") or r"[^\d,;。:!?、()“”《》\[\]|\s]"), macros)
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
            labels=[alt([x]) for x in spec.get("labels") or []],
            fill=make_rx(fill_src),
            units=frozenset(spec.get("units") or ()),
            bare=bool(spec.get("bare", False)),
            deny=alt(spec.get("deny")),
            deny_sentence=alt(spec.get("deny_sentence")),
            heading_deny=alt(spec.get("heading_deny")),
            context=alt(spec.get("context")),
            allow_share=bool(spec.get("allow_share", False)),
            after=[alt([x]) for x in spec.get("after") or []] or None,
            before=alt(spec.get("before")),
            zero=[str(x) for x in spec.get("zero") or []] or None,
            zero_deny=alt(spec.get("zero_deny")),
            not_after=alt(spec.get("not_after")),
            not_this_ok=alt(spec.get("not_this_ok")),
            whole_of_parts=alt(spec.get("whole_of_parts")),
            parts_named=alt(spec.get("parts_named")),
            all_of=alt(spec.get("all_of")),
            all_of_whole=_keys_of(spec.get("all_of_whole")),
            lead_deny=alt(spec.get("lead_deny")),
            gap=int(spec.get("gap", 0) or 0),
            bare_end=alt(spec.get("bare_end")),
        ))
        if entries[-1].gap < 0:
            raise ClauseError(f"{path.name}: {key}: gap must be 0 or more")
        if entries[-1].gap:
            # the key's fill, then at most ``gap`` free characters, then its fill again (fullmatch)
            entries[-1].gap_fill = make_rx(f"{fill_src}(?:{gap_char}){{1,{entries[-1].gap}}}?{fill_src}")
        if not entries[-1].labels or not entries[-1].units:
            raise ClauseError(f"{path.name}: {key} needs labels and units")
    subunit = macros.get("SUBUNIT")
    aliases = {str(k): str(v) for k, v in (shared.get("aliases") or {}).items()}
    for k, v in aliases.items():
        if len(k) != len(v):
            raise ClauseError(f"{path.name}: alias {k!r} -> {v!r} must keep the length (offsets)")
    zneg = shared.get("zero_neg")
    zverb = _expand(str(shared.get("zero_verb") or "(?!)"), macros)
    ztail = _expand(str(shared.get("zero_tail") or ""), macros)
    zmid = int(shared.get("zero_mid", 24))
    for e in entries:
        if e.zero:
            # the clause from the negation to its end: NEG + verbs + (modifier) LABEL + (list, tail);
            # no bracket in the modifier: a label inside an aside names what something else is
            # about (未产生与诉讼(行政复议、行政申诉)有关的费用支出)
            src = "|".join("(?:" + _expand(x, macros) + ")" for x in e.zero)
            try:
                e.zero = make_rx(
                    f"(?P<neg>{_expand(str(zneg), macros)})(?:{zverb})*(?:任何)?(?P<mid>[^,;。:!?()]{{0,{zmid}}}?)"
                    f"(?P<label>{src})(?P<tail>{ztail})$")
            except regex.error as err:
                raise ClauseError(f"{path.name}: {e.key}: bad zero regex: {err}") from err
    views = []
    for item in shared.get("year_views") or []:
        try:
            rx = make_rx(_expand(str(item["pattern"]), macros))
        except (KeyError, TypeError, regex.error) as err:
            raise ClauseError(f"{path.name}: bad year_views entry {item!r}: {err}") from err
        if {"y", "w"} - set(rx.groupindex) or set(item) - {"pattern", "as", "offset"}:
            raise ClauseError(f"{path.name}: year_views {item!r} needs pattern (groups y, w), as, offset")
        views.append((rx, str(item["as"]), int(item.get("offset", 0))))
    cs = ClauseSet(
        entries=entries,
        year_views=tuple(views),
        zero_span=alt([shared["zero_span"]]) if shared.get("zero_span") else None,
        zero_lead_deny=alt(shared.get("zero_lead_deny")),
        part_of=alt([shared["part_of"]]) if shared.get("part_of") else None,
        continuation=make_rx(_expand(shared.get("continuation") or "(?!)", macros)),
        bare_before=make_rx(_expand(shared.get("bare_before") or "(?!)", macros)),
        deny=alt(shared.get("deny")),
        # (and _common.yaml's not_after, which the phrase rules apply too: one list for both readers)
        after_deny=alt(list(shared.get("after_deny") or []) + list(common.get("not_after") or [])),
        joined=alt(shared.get("joined")),
        not_this=alt(common.get("not_this")),
        subunit=make_rx(_expand(subunit, macros)) if subunit else None,
        section_deny=alt(common.get("section_deny")),
        share=alt(shared.get("share")),
        aliases=aliases or None,
        after_fill=make_rx(_expand(str(shared.get("after_fill") or ""), macros)),
        zero_neg=bool(zneg),
        zero_verb=zverb,
        zero_tail=ztail,
        item_end=alt([shared["item_end"]]) if shared.get("item_end") else None,
        zero_allow=alt([shared["zero_allow"]]) if shared.get("zero_allow") else None,
        zero_tail_deny=alt([shared["zero_tail_deny"]]) if shared.get("zero_tail_deny") else None,
        breakdown=alt([shared["breakdown"]]) if shared.get("breakdown") else None,
        gap_deny=alt(shared.get("gap_deny")),
        gap_deny_before=alt(shared.get("gap_deny_before")),
        bare_figure=make_rx(_expand(str(shared.get("bare_figure") or "(?!)"), macros)),
    )
    # a year view runs only on a text holding its literals, its lookbehind's included
    # (结转|转入…, 件转: 6 searches of every sentence naming a year otherwise, issue 11)
    cs.year_filter = Prefilter([required_around(v[0].pattern) for v in views]) if views else None
    cs.labels_index = _Index(entries, lambda e: e.labels, known)
    cs.after_entries = [e for e in entries if e.after and e.before is not None]
    cs.all_of_entries = [e for e in entries if e.all_of is not None]
    # all their after-labels in one alternation: it matches at a place exactly when one of
    # them does, so one match tells _label_after whether any entry needs trying
    after_srcs = [rx.pattern for e in cs.after_entries for rx in e.after]
    cs.after_any = make_rx("|".join(f"(?:{src})" for src in after_srcs)) if after_srcs else None
    cs.zeros_index = _Index(entries, lambda e: [e.zero] if e.zero else [], known)
    cs.macros = macros
    after_literals = {}
    for e in cs.after_entries:
        for rx in e.after:
            src = rx.pattern
            after_literals[src] = known[src] if known and src in known else required(src)
    cs.gate = _Gate(cs, after_literals)
    if known is None:
        write_derived("clauses", proof, {**cs.labels_index.literals, **cs.zeros_index.literals,
                                         **after_literals})
    return cs


def _proof(path: Path, common_path: Path) -> list[bytes]:
    """What decides that the patterns built from these files compile (see ``_load``): both
    files' bytes, this module's code (how sources are built), the regex module's and Python's versions."""
    import sys

    return [path.read_bytes(), common_path.read_bytes(), Path(__file__).read_bytes(),
            f"{getattr(regex, '__version__', '?')}|{sys.version}".encode()]


def compile_all(cs: ClauseSet) -> None:
    """Compile every pattern of ``cs`` now (a worker server's warm-up: its workers share them)."""
    for e in cs.entries:
        for rx in [*e.labels, *(e.after or ()), *vars(e).values()]:
            if isinstance(rx, LazyRegex):
                rx.compiled()
    for rx in [*vars(cs).values(), *(v[0] for v in cs.year_views)]:
        if isinstance(rx, LazyRegex):
            rx.compiled()


def load(path: str | None = None, common_path: str | None = None) -> ClauseSet:
    """The clause set of ``path`` (default clauses.yaml) and ``common_path`` (default
    _common.yaml), built once per process: ``load()`` and ``load(None)`` are one set
    (issue 11: the stage and the topic-zero reader each built their own)."""
    return _load_once(str(path or CLAUSES_FILE), str(common_path or COMMON_FILE))


@lru_cache(maxsize=4)
def _load_once(path: str, common_path: str) -> ClauseSet:
    return _load(Path(path), Path(common_path))


# the last clause punctuation before a position: one reverse search (issue 11: it was one
# reverse scan of the text per punctuation mark, on every call)
_PUNCT_BACK = regex.compile("[" + regex.escape(_PUNCT) + "]", regex.REVERSE)


def _clause_start(text: str, i: int) -> int:
    if i <= 0:
        return i
    m = _PUNCT_BACK.search(text, 0, i, False)   # (concurrent False positionally: the GIL kept)
    return m.end() if m else 0


def _clause_end(text: str, i: int) -> int:
    m = _PUNCT_RX.search(text, i)
    return m.start() if m else max(i, len(text))


# what makes a label's matches depend on where the searched window ends (lookahead,
# anchors, atomic groups, possessive quantifiers): such labels are searched per window
_WINDOW_BOUND = re.compile(r"\(\?[=!>]|\\[bBZAG]|[$^]|[*+?}]\+")


@lru_cache(maxsize=None)
def _window_free_src(src: str) -> bool:
    return not _WINDOW_BOUND.search(src)


def _window_free(rx) -> bool:
    return _window_free_src(rx.pattern)


def _label_spans(rx, text: str, a: int, qa: int, memo: dict | None):
    """The spans of ``rx.finditer(text, a, qa, overlapped=True)``, from the label's matches
    over the whole sentence when ``memo`` holds them (issue 11: one search of the sentence
    per label, not one per figure): without lookahead or anchors a match starting at s that
    ends by qa is the window's match at s, one that runs past qa is matched again inside the
    window, and where the sentence has none the window has none (lookbehind sees before
    the window's start either way)."""
    spans = memo.get(id(rx)) if memo is not None else False
    if spans is None:   # (False: a label searched per window)
        spans = memo[id(rx)] = ([m.span() for m in rx.finditer(text, overlapped=True)]
                                if _window_free(rx) else False)
    if spans is False:
        return [m.span() for m in rx.finditer(text, a, qa, overlapped=True)]
    out = []
    i, n = bisect_left(spans, (a, -1)), len(spans)
    while i < n:
        s, t = spans[i]
        i += 1
        if s >= qa:
            break
        if t > qa:
            m = rx.match(text, s, qa)
            if m is None:
                continue
            s, t = m.span()
        out.append((s, t))
    return out


def _best_label(cs: ClauseSet, text: str, a: int, qa: int, memo: dict | None = None, gap: bool = False):
    """(entry, label start) of the nearest label in text[a:qa] whose gap to the figure
    is that key's filler only; None when there is none or two keys tie. ``memo``: the
    sentence's label matches (one dict per sentence text). ``gap``: where no label is
    followed by filler only, the keys declaring ``gap: N`` may read across up to N free
    characters (``_gap_labels``)."""
    best = []  # (end, start, entry)
    cands = cs.labels_index.candidates(text[a:qa])
    for e, ks in cands:
        found = _nearest_label(e, ks, e.fill, text, a, qa, memo)
        if found is not None:
            best.append((found[0], found[1], e))
    if not best and gap:
        best = _gap_labels(cs, cands, text, a, qa, memo)
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


def _nearest_label(e, ks, fill, text: str, a: int, qa: int, memo: dict | None):
    """(end, start) of the label of ``e``'s keys ``ks`` in text[a:qa] ending nearest the figure
    (the longer one at the same end) whose run up to ``qa`` ``fill`` takes whole; None if none."""
    found = None
    for k in ks:
        for s, t in _label_spans(e.labels[k], text, a, qa, memo):
            if t <= s or not fill.fullmatch(text, t, qa):
                continue
            if found is None or (t, -s) > (found[0], -found[1]):
                found = (t, s)
    return found


def _gap_labels(cs: ClauseSet, cands: list, text: str, a: int, qa: int, memo: dict | None) -> list:
    """[(end, start, entry)] of the labels of keys with ``gap: N`` among ``cands`` (the label
    index's candidates of text[a:qa], found once by :func:`_best_label`) followed by
    the key's filler, at most N free characters (shared ``gap_char``) and filler again up to
    the figure, where the run from the label to the figure holds no other key's label and
    nothing of the shared ``gap_deny`` (outlets, 其中/另/此外, negations), and the sentence
    before the label nothing of ``gap_deny_before`` (a breakdown's 其中: the figure is one part)."""
    found_all = []
    for e, ks in cands:
        if not e.gap:
            continue
        found = _nearest_label(e, ks, e.gap_fill, text, a, qa, memo)
        if found is None:
            continue
        t = found[0]
        if cs.gap_deny is not None and cs.gap_deny.search(text, t, qa):
            continue
        if cs.gap_deny_before is not None and cs.gap_deny_before.search(text, 0, found[1]):
            continue
        if _other_label_in(cs, e, text, t, qa, memo):
            continue
        found_all.append((t, found[1], e))
    return found_all


def _other_label_in(cs: ClauseSet, entry, text: str, t: int, qa: int, memo) -> bool:
    """Whether a label of a key other than ``entry`` starts and ends inside text[t:qa]."""
    for e, ks in cs.labels_index.candidates(text[t:qa]):
        if e is entry:
            continue
        for k in ks:
            if any(s >= t and u > s for s, u in _label_spans(e.labels[k], text, t, qa, memo)):
                return True
    return False


def _year_view(cs: ClauseSet, text: str, year: int | None) -> str:
    """``text`` with the spans of ``shared.year_views`` whose year ``y`` is the document's own
    year plus the entry's ``offset`` read as its ``as`` (结转2025年183件 in a 2024 report reads
    结转至下一年度183件); a replacement of another length is not made (offsets never move)."""
    if year is None or not cs.year_views or "年" not in text:
        return text
    out = text
    can = cs.year_filter.scan(text) if cs.year_filter is not None else -1
    for j, (rx, rep, off) in enumerate(cs.year_views):
        if not can >> j & 1:  # (its literals are not all in the text: it finds nothing there)
            continue
        # (``regex`` patterns, ``make_rx``: overlapped and concurrent False positionally, the GIL kept)
        for m in rx.finditer(text, None, None, False, False):
            try:
                y = int(m.group("y"))
            except ValueError:
                continue
            if y != year + off:
                continue
            a, b = m.span("w")
            if b - a != len(rep):
                continue
            out = out[:a] + rep + out[b:]
    return out


def _alias(cs: ClauseSet, text: str) -> str:
    for k, v in (cs.aliases or {}).items():
        text = text.replace(k, v)
    return text


def _alias_memo(cs: ClauseSet):
    """``_alias`` remembering its answers: one document's headings and lines repeat across
    its sentences (issue 11: 4 calls a sentence, most of them on a text already seen)."""
    memo: dict[str, str] = {}

    def alias(text: str) -> str:
        got = memo.get(text)
        if got is None:
            got = memo[text] = _alias(cs, text)
        return got
    return alias


def _label_after(cs: ClauseSet, text: str, qa: int, qb: int, reach: int, ce: int):
    """(entry, label end) of a label written right after the figure (配备3名专职…,
    开辟1个公共查阅点): the key's ``after`` terms after the shared ``after_fill``, closing the
    clause or followed by a list joiner; the key's ``before`` in the clause before the
    figure. None when there is none or two keys' labels end at the same place."""
    m = cs.after_fill.match(text, qb, ce)
    p = m.end() if m else qb
    if cs.after_any is not None and cs.after_any.match(text, p, ce) is None:
        return None   # (no after-label starts there: issue 11, ~24 anchored matches a figure)
    found = []
    for e in cs.after_entries:
        # the anchored match first (cheap, rarely a hit); the clause's ``before`` is searched
        # only for the entries whose label follows the figure (issue 11: it was searched
        # for every entry of every figure)
        best = None
        for rx in e.after:
            lm = rx.match(text, p, ce)
            if lm is None or lm.end() == p:
                continue
            t = lm.end()
            if t < ce and not _AFTER_JOIN.match(text, t, ce):
                continue
            best = t if best is None else max(best, t)
        if best is not None and e.before.search(text, reach, qa):
            found.append((best, e))
    if not found:
        return None
    found.sort(key=lambda x: -x[0])
    if len(found) > 1 and found[0][0] == found[1][0]:
        return None
    return found[0][1], found[0][0]


def _breakdown_unit(cs: ClauseSet, text: str, q, qb: int) -> str | None:
    """The measure word of a bare number whose bracketed breakdown follows it and adds up to
    it ("公开政府信息189(其中组织机构信息33条,政策文件信息9条,…)": 条): two or more parts,
    every figure of the bracket a count of one and the same measure word, their sum the
    number. None otherwise (the number stays unread)."""
    if cs.breakdown is None:
        return None
    m = cs.breakdown.match(text, qb)
    if m is None:
        return None
    parts = [p.quantity for p in numbers.find_quantities(m.group("parts"))]
    if len(parts) < 2 or any(p.kind != "count" or p.approx for p in parts):
        return None
    units = {p.unit for p in parts}
    if len(units) != 1 or sum(p.value for p in parts) != q.value:
        return None
    return units.pop()


_PARTS_RX = re.compile(r"\d+(?:\.\d+)?\s?(?![年月日号])[^\d\s,;。、()]")


def _parts_add_up(entry: KeyEntry, text: str, q, end: int) -> bool:
    """The figure is followed by ``whole_of_parts`` (",其中") and the rest of the sentence is
    its parts: two or more exact counts of its measure word that add up to it ("…主动公开907条,
    其中通过政府网站公开86条,微信公众号公开821条"): the whole across the channels named before it."""
    m = entry.whole_of_parts.match(text, end)
    if m is None or entry.parts_named is None:
        return False
    rest = text[m.end():]
    if "(" in m.group() or "（" in m.group():   # (其中:…): the bracket's parts only
        close = min((i for i in (rest.find(")"), rest.find("）")) if i >= 0), default=-1)
        if close < 0:
            return False
        rest = rest[:close]
    found = numbers.find_quantities(rest)
    # the parts: the counts of the figure's measure word (政务微信公开269次<天>1189条: the 次 is
    # another count of that channel); every one exact
    if any(p.quantity.approx for p in found):
        return False
    starts = [0] + [p.end for p in found]
    parts = [(p, a) for p, a in zip(found, starts)
             if p.quantity.kind == "count" and p.quantity.unit == q.unit]
    if len(parts) < 2:
        return False
    # two of the parts or more are channels' (an outlet named in the part before its figure):
    # 原创200条,转载150条 breaks one channel's figure down, not the whole across channels
    named = sum(1 for p, a in parts if entry.parts_named.search(rest, a, p.start))
    return named >= 2 and sum(p.quantity.value for p, _a in parts) == q.value


def _in_breakdown(cs: ClauseSet, text: str, qa: int) -> bool:
    """The figure at ``qa`` stands inside a bracket opened right after another figure
    ("…网站共发布89篇次(文字解读18篇次、…媒体报道解读相关信息41篇次)"): one part of that
    figure, not the body's own count (``shared.part_of``: what must end the text before
    the bracket)."""
    op = max(text.rfind("(", 0, qa), text.rfind("（", 0, qa))
    if op < 0 or max(text.rfind(")", op, qa), text.rfind("）", op, qa)) >= 0:
        return False
    if not cs.part_of.search(text, max(0, op - 12), op):
        return False
    # a breakdown into parts: two figures or more in the bracket (含2022年结转的3件 names one
    # thing the figure includes, read as its own key)
    close = min((i for i in (text.find(")", qa), text.find("）", qa)) if i >= 0), default=len(text))
    return len(_PARTS_RX.findall(text, op, close)) >= 2


def _bare_closed(cs: ClauseSet, entry: KeyEntry, text: str, qa: int, qb: int, la: int, cs0: int,
                 reach: int, memo: dict, trail: str = "") -> bool:
    """A bare figure (no measure word: 依申请公开事项0, 已办结18,结转…5。) read as ``entry``'s: the key
    declares ``bare_end`` and it matches right after the figure (its trailing space left out), the
    figure is a ``shared.bare_figure`` (a small whole number: no year, no phone number), and the
    label is the nearest of the figure's own clause with filler only up to it (no free gap, no
    continuation of the clause before). ``bare_end`` sees the sentence and ``trail``, the text
    after it: a figure ending a line is closed by the line end, one ending a cut text by nothing."""
    if entry.bare_end is None or reach != cs0:
        return False
    raw = text[qa:qb].rstrip()
    # (matched in place: a lookbehind of bare_figure sees what stands before the figure)
    if cs.bare_figure is None or not cs.bare_figure.fullmatch(text, qa, qa + len(raw)):
        return False
    if not entry.bare_end.match(text + trail, qa + len(raw)):
        return False
    hit = _best_label(cs, text, cs0, qa, memo)
    return hit is not None and hit[0] is entry and hit[1] == la


def _has_context(entry: KeyEntry, text: str, section: str) -> bool:
    return entry.context is None or bool(entry.context.search(text)) or bool(
        section and entry.context.search(section))


def _sentence_zeros(cs: ClauseSet, text: str, section: str, heading: str = "", lead: str = "",
                    year: int | None = None) -> list[tuple]:
    """(key, 0, None, raw, a, b) of the zero statements of one sentence: a clause that
    ends "negation + verbs + (modifier) + LABEL + (other listed things, 等情况/案件)"
    ("本年度无针对政府信息公开事务的行政诉讼", "未有受理信息公开申请、行政复议、诉讼和申诉情况").
    The key's context may also stand in ``lead``: the sentence's line before it (a line cut
    into sentences at ；: "…收到和处理12件政府信息公开申请…;全年没有…受理行政诉讼、行政复议等情况")."""
    out = []
    if not cs.zero_neg:
        return out
    index = cs.zeros_index
    if not index.candidates(text):  # none can match in the sentence, so none in a clause of it
        return out
    sent_lead = _full_sentence_lead(lead)
    i, n = 0, len(text)
    while i < n:
        ce = _clause_end(text, i)
        if ce > i:
            for e, _ks in index.candidates(text[i:ce]):
                m = e.zero.search(text, i, ce)
                if m is None:
                    continue
                if e.zero_deny is not None and e.zero_deny.search(m.group("mid") or ""):
                    continue
                # (the year before's none, a plan's none: 上年度未收到…, 确保全年无…行政复议事件 - as the facts rules' lead_deny)
                if cs.zero_lead_deny is not None and cs.zero_lead_deny.search(sent_lead + text[:m.end()]):
                    continue
                if cs.zero_tail_deny is not None and cs.zero_tail_deny.search(m.group("tail") or ""):
                    continue   # (…行政复议和行政诉讼败诉案件: only lost cases are negated)
                if not _has_context(e, text, section) and not (
                        lead and e.context is not None and e.context.search(lead)):
                    continue
                close = m.start("close") if "close" in m.re.groupindex and m.group("close") else ce
                if cs.deny is not None:
                    region = text[i:close]
                    if cs.zero_allow is not None:   # (a list of every way in: not a count)
                        region = cs.zero_allow.sub(lambda x: " " * len(x.group()), region)
                    if cs.zero_span is not None:    # (至今/迄今 …: see not_this below)
                        region = cs.zero_span.sub(lambda x: " " * len(x.group()), region)
                    if cs.deny.search(region):
                        continue
                a = m.start("neg")
                before_prev = _clause_start(text, i - 1) if i > 0 else 0
                if cs.not_this is not None:
                    # none up to now is none this year too (至今,尚未收到…): a zero statement is
                    # read across the shared ``zero_span`` words; the rest of not_this still holds
                    if cs.zero_span is not None and cs.zero_span.search(text, before_prev, ce):
                        span = cs.zero_span.sub(lambda x: " " * len(x.group()), text[:ce])
                        if cs.not_this.search(span, before_prev, ce):
                            continue
                    elif cs.not_this.search(text, before_prev, ce):
                        continue
                if cs.subunit is not None and cs.subunit.search(text, i, a):
                    continue
                if section and cs.section_deny is not None and cs.section_deny.search(section):
                    continue
                if heading and e.heading_deny is not None and e.heading_deny.search(heading):
                    continue
                # an earlier year's none (2020年我局未收到… in a 2021 report; _common.yaml zero_other_year)
                if names_earlier_year(text, a, m.end(), year):
                    continue
                b = m.end("label")
                val = zero_of(e.key)
                out.append((e.key, val, None, text[a:b], a, b))
        i = ce + 1
    return out


_LEAD_WINDOW = 200   # at most this many characters of the sentence's line before it
_TRAIL_WINDOW = 16   # the text after a sentence a bare figure's closer sees (bare_end: a line end)
_FULL_STOPS = "。！？!?"   # the marks that end a full sentence (the lead is read after the last)


def _full_sentence_lead(lead: str) -> str:
    """The full sentence before this one: the lead after its last 。/!/? (a sentence the
    segmenter cut at ;) - what a lead_deny sees before the sentence's own text."""
    # (the text after the last mark: a regex split made a list of every piece, ~2.5 µs a call)
    return lead[max(map(lead.rfind, _FULL_STOPS)) + 1:] if lead else ""


def _sentence_facts(cs: ClauseSet, text: str, section: str, covered, heading: str = "",
                    lead: str = "", alias=None, year: int | None = None,
                    taken: frozenset | set = frozenset(), trail: str = "") -> list[tuple]:
    """(key, value, unit, raw, a, b) read from one sentence (offsets in the sentence);
    ``section``: the headings above it joined by " / ", ``heading``: the innermost one,
    ``lead``: its line before it (the context of zero statements only); ``alias``: the
    document's memoised ``_alias`` (one made here when not given); ``taken``: keys whose
    readings the caller drops (a sentence that can give no other key is not read); ``trail``: the
    document's text right after the sentence (what closes a bare figure ending it: a line end)."""
    gated = _gated(cs, text, year, taken)
    if gated is None:
        return []
    return _read_gated(cs, gated, section, covered, heading, lead, alias, year, taken, trail)


def _gated(cs: ClauseSet, text: str, year: int | None, taken) -> tuple | None:
    """(the sentence as read: aliases, year views; the keys its figures can give; those its
    zero statements can give), or None when it can give no key that is not ``taken``."""
    text = _year_view(cs, _alias(cs, text), year)
    can, figures, zeros = cs.gate.plan(text)
    if figures and _NUMERALS.isdisjoint(text):
        # no figure at all (every quantity has a digit or a Chinese numeral: numbers._QTY):
        # only a zero statement can be read (~500 of the ~2,330 sentences past the gate a pass)
        can, figures = zeros, frozenset()
    if not can or can <= taken:
        return None
    return text, figures, zeros


def _read_gated(cs: ClauseSet, gated: tuple, section: str, covered, heading: str = "", lead: str = "",
                alias=None, year: int | None = None, taken: frozenset | set = frozenset(),
                trail: str = "") -> list[tuple]:
    """``_sentence_facts`` of a sentence past the gate (``_gated``'s answer)."""
    text, figures, zeros = gated
    if alias is None:
        alias = _alias_memo(cs)
    section = alias(section)
    heading = alias(heading)
    # (the zero statements' readings are their keys' alone: a taken key's are dropped by the caller)
    out = _sentence_zeros(cs, text, section, heading, alias(lead), year) if not zeros <= taken else []
    if figures <= taken:
        # every figure reading would be a taken key's (a label of another key in reach would
        # have put that key among ``figures``): none is kept, so none is made
        return out
    sent_lead = None   # (the full sentence before: made for the first key with a lead_deny)
    memo: dict = {}   # the sentence's label matches, shared by its figures
    for qm in numbers.find_quantities(text):
        q = qm.quantity
        qa, qb = qm.start, qm.end
        if covered(qa, qb):
            # a figure a rule read: the clause after it may still say all of it is one kind
            # (受理政府信息公开申请3件,均为网上申请: b10 d11)
            if q.kind == "count" and not q.approx:
                out.extend(_all_of(cs, text, q, qa, qb, section, memo))
            continue
        if q.kind not in ("count", "number") or q.approx:
            continue
        if q.kind == "number" and q.unit is not None:
            continue
        cs0 = _clause_start(text, qa)
        if cs.item_end is not None and "、" in text[cs0:qa]:
            # a list of label-figure items ("新闻发布16条、政策解读32条"): each item is a clause
            for m in cs.item_end.finditer(text, cs0, qa):
                cs0 = m.end()
        ce = _clause_end(text, qb)
        if cs.item_end is not None:
            # the figure closes one item of a list (…政策文件4条、解读信息4条、群众留言办理10条): the
            # clause ends with its item, so the next items' words (留言) deny nothing of it (b8 k35)
            im = cs.item_end.search(text, max(cs0, qa - 1), ce)
            if im is not None and qa <= im.start() < qb:
                ce = im.end() - 1
        hit = _best_label(cs, text, cs0, qa, memo, gap=True)
        reach = cs0
        end = qb
        # a clause that only continues the one before ("…申请,共计12件"), or the figure
        # right after a colon ("主动公开信息数:175条")
        cont = cs.continuation.fullmatch(text, cs0, qa) or (
            cs0 > 0 and text[cs0 - 1] == ":" and not text[cs0:qa].strip())
        if hit is None and cs0 > 0 and cont:
            prev = _clause_start(text, cs0 - 1)
            gap_end = cs0 - 1  # the punctuation between
            # the label must end the clause before (only filler between), as if one clause
            entry = None
            for e, ks in cs.labels_index.candidates(text[prev:gap_end]):
                for k in ks:
                    for m in e.labels[k].finditer(text, prev, gap_end, overlapped=True):
                        if e.fill.fullmatch(text, m.end(), gap_end):
                            entry = e if entry in (None, e) else False
                            start = m.start()
                            break
            if entry:
                hit, reach = (entry, start), prev
        after = False
        if hit is None:
            rev = _label_after(cs, text, qa, qb, cs0, ce)
            if rev is None:
                continue
            hit = (rev[0], qa)
            end, after = rev[1], True
        entry, la = hit
        if not _has_context(entry, text, section):
            continue
        if after and q.kind != "count":
            continue
        unit = q.unit
        if q.kind == "number" and (unit := _breakdown_unit(cs, text, q, qb)) is not None:
            # a bare number whose breakdown in brackets adds up to it: the parts' measure word
            if unit not in entry.units:
                continue
        elif q.kind == "number":
            if entry.bare and cs.bare_before.search(text[max(la, qa - 4):qa]):
                nxt = text[qb:qb + 1]
                if nxt and nxt not in _PUNCT and not nxt.isspace():
                    continue
            elif not _bare_closed(cs, entry, text, qa, qb, la, cs0, reach, memo, trail):
                continue
        elif q.unit not in entry.units:
            continue
        before_prev = _clause_start(text, reach - 1) if reach > 0 else 0
        clause = text[reach:ce]
        # the key's deny: its subject and label side (the clause, up to the figure);
        # the shared deny: the whole clause ("…微博2654条被转发1077次")
        # (a label written after the figure: the figure and its label only, so
        # "配备了3名专职和2名兼职工作人员" reads 2 without the 专职 of 3)
        if entry.deny is not None and entry.deny.search(text, qa if after else reach, end if after else qa):
            continue
        if entry.lead_deny is not None:
            if sent_lead is None:
                sent_lead = _full_sentence_lead(lead)
            if entry.lead_deny.search(sent_lead + text[:qb]):
                continue   # (截至目前,区级政务微信发布信息1321条,…;微博发送信息159条: the sentence's opening covers it)
        if entry.deny_sentence is not None and entry.deny_sentence.search(text, 0, qa) and not (
                entry.whole_of_parts is not None and _parts_add_up(entry, text, q, end)):
            continue
        if cs.deny is not None and (cs.deny.search(text, reach, qa) or cs.deny.search(text, end, ce)
                                    if after else cs.deny.search(clause)):
            # (a label written after the figure is the key's own words: 收到1件要求公开政府信息的
            # 申请 is no target; the rest of the clause is looked at)
            continue
        if cs.not_this is not None:
            # (the clause before closed by its own figure, this one opened by the year's: 本年度…)
            before_prev = not_this_from(text, before_prev, reach, cs.not_this)
        if cs.not_this is not None and cs.not_this.search(text, before_prev, ce):
            ok = entry.not_this_ok
            # (the key's own words are no other period: 上一年度结转 is what carried_over counts)
            if ok is None or not ok.search(text, before_prev, ce) or cs.not_this.search(
                    ok.sub(lambda x: " " * len(x.group()), text[:ce]), before_prev, ce):
                continue
        if cs.subunit is not None and cs.subunit.search(text, reach, qa):
            continue
        if cs.after_deny is not None and cs.after_deny.match(text, end):
            continue
        if not entry.allow_share and cs.share is not None and cs.share.match(text, end):
            continue
        if not entry.allow_share and cs.part_of is not None and _in_breakdown(cs, text, qa):
            continue
        if entry.not_after is not None and entry.not_after.match(text, end):
            continue
        if section and cs.section_deny is not None and cs.section_deny.search(section):
            continue
        if heading and entry.heading_deny is not None and entry.heading_deny.search(heading):
            continue
        if not after and cs.joined is not None and cs.joined.search(text[reach:la]):
            continue
        out.append((entry.key, numbers.to_value(q), unit if unit is not None else q.unit, text[qa:qb], la, end))
        # the whole is all of one kind (受理申请3件,均为网上申请; 新收申请1件,为自然人申请: b10 d11, d17) - after
        # the whole's label when it follows the figure (新收的2件政府信息公开申请,申请人的类别均为自然人: pool s11 q122)
        if q.kind == "count":
            out.extend(_all_of(cs, text, q, qa, qb, section, memo, whole=(entry, la), at=end))
    return out


def _keys_of(spec) -> tuple:
    """``all_of_whole`` as a tuple of keys (one key, or a list of them)."""
    if not spec:
        return ()
    return (str(spec),) if isinstance(spec, str) else tuple(str(k) for k in spec)


def _all_of(cs: ClauseSet, text: str, q, qa: int, qb: int, section: str, memo, whole=None,
            at: int | None = None) -> list:
    """The keys whose ``all_of`` follows a figure read as their ``all_of_whole`` (the
    whole is all of one kind: …申请3件,均为网上申请): (key, value, unit, raw, a, b), the
    evidence running from the whole's label to the end of the all-of clause; ``at``: where
    the all-of must start (the end of the whole's label when it follows the figure; else qb)."""
    found = []
    for e2 in cs.all_of_entries:
        if q.unit not in e2.units:
            continue
        m = e2.all_of.match(text, qb if at is None else at)
        if m is None:
            continue
        hit = whole if whole is not None else _best_label(cs, text, _clause_start(text, qa), qa, memo)
        if not hit or hit[0].key not in e2.all_of_whole or not _has_context(e2, text, section):
            continue
        found.append((e2.key, numbers.to_value(q), q.unit, text[qa:qb], hit[1], m.end()))
    return found


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
    alias = _alias_memo(cs)
    for sent in seg.sentences:
        if _skip_sentence(sent) or text[sent.start:sent.end] != sent.text:
            continue
        s0 = sent.start
        # a span inside the document's own year reads as that year (same length)
        view = sentence_view(sent, getattr(doc, "own_year", None))
        # (the gate before the sentence's headings, lead and trail are gathered: ~40 % of
        # the sentences of the dev texts give no key that is not taken, issue 11)
        gated = _gated(cs, view, getattr(doc, "own_year", None), taken)
        if gated is None:
            continue

        def covered(qa, qb, s0=s0):
            A, B = s0 + qa, s0 + qb
            k = bisect_left(starts, B)
            return k > 0 and reach[k - 1] > A

        heads = sent.headings or []
        section = " / ".join(h.title for h in heads)
        heading = heads[-1].title if heads else ""
        line0 = max(text.rfind("\n", 0, s0) + 1, s0 - _LEAD_WINDOW,
                    max((h.end for h in heads if getattr(h, "end", None) is not None and h.end <= s0), default=0))
        lead = text[line0:s0]
        trail = text[sent.end:sent.end + _TRAIL_WINDOW]
        for key, val, unit, raw, a, b in _read_gated(cs, gated, section, covered, heading, lead, alias,
                                                     getattr(doc, "own_year", None), taken, trail):
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


def read_sentence(text: str, section: str = "", path: str | None = None, lead: str = "",
                  year: int | None = None) -> dict:
    """key -> value read from one normalised sentence alone (the examples' test);
    ``section``: its headings, outermost first, joined by " / "; ``lead``: its line before it;
    ``year``: the document's own year (normalize.own_year)."""
    out: dict = {}
    text = year_view(text, year)
    heading = section.rsplit(" / ", 1)[-1] if section else ""
    for key, val, *_ in _sentence_facts(load(path), text, section, lambda a, b: False, heading, lead,
                                        year=year):
        out.setdefault(key, []).append(val)
    return {k: (v[0] if len(set(map(repr, v))) == 1 else "CONFLICT") for k, v in out.items()}


__all__ = ["find_facts", "load", "read_sentence", "ClauseError"]
