"""Matching one sentence: the candidates (:class:`Candidate`) the rules give for it.

:func:`sentence_candidates` runs the rules the prefilter lets through on the masked
sentence (see :mod:`.mask`) and keeps a match when its figure has the rule's value type and
unit and no exclusion holds (deny, not_this, subject_deny, a share or "among" after the
figure, not_after, a label inside an aside of parts, the word guard); zero phrases give
their fixed value. :func:`respectively_candidates` reads "A、B分别为x、y" lists pair by pair.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any, Iterator

import regex

from .. import numbers
from ..normalize import not_this_from
from .guard import ends_a_word, part_of_a_word, starts_a_word
from .index import RuleIndex
from .loader import common_not_this
from .mask import LazyMasked, masked
from .schema import CLAUSE_PUNCT, Rule


@dataclass(slots=True)
class Candidate:
    """A figure (or zero phrase) one rule reads in one sentence."""

    rule: Rule
    value: Any              # int / float / bool; None for an approximate figure
    unit: str | None        # the figure's measure word (None for a zero phrase)
    raw: str                # the figure's text (the whole phrase for a zero phrase)
    a: int                  # the evidence: [a, b) in the sentence
    b: int
    approx: str | None      # the approximation word(s) of an approximate figure, else None
    zero: bool = False      # a zero phrase's (no figure)


# the stdlib engine for the small fixed regexes run per sentence or figure (see regexkit.compile_fast)
_PUNCT = re.compile("[" + re.escape(CLAUSE_PUNCT) + "]")


def own_clause_start(text: str, a: int) -> int:
    i = a
    while i > 0 and text[i - 1] not in CLAUSE_PUNCT:
        i -= 1
    return i


_RESPECTIVELY_WORD = re.compile(r"分别(?:为|是|有|达)|依次为")
# "A、B分别发布信息x条、y条": 分别 before a verb, and another figure right after this one - the
# figures go to the labels in order, so the one the match reads may be another label's
_NEXT_FIGURE = regex.compile(r"\s?(?:、|,|和|及|与)\s?(?:\ue000+|\ue001+)")
# (not a disclosure rate: "…142件,占局同期制发文件总数的44.5%" compares the figure with the
# documents issued, it is no part of a whole)
_SHARE_AFTER = regex.compile(  # used with match(text, pos)
    r"\s*[,，]?\s*(?:占|约占|共占)(?![^,，;；。%％]{0,8}?(?:制发|制作|印发|发文)(?:的)?(?:文件|公文|政府信息|信息))")
# "…的425条政府信息中,…": the quantity names a whole that a breakdown follows (not 其中 right after the
# figure - "…工作信息1261条(其中:网站390条、…)" - which opens the figure's own parts: it is the whole; b15 b23)
_AMONG_AFTER = regex.compile(r"[^,，;；。:：]{0,8}?(?<!其)(?:中|当中|之中)(?:[,，:：]|$)")
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


def _found(rx, text: str, memo: dict | None) -> bool:
    """``rx`` occurs in ``text``; ``memo`` ({regex: found} for this one text) or None."""
    if memo is None:
        return rx.search(text) is not None
    hit = memo.get(rx)
    if hit is None:
        hit = memo[rx] = rx.search(text) is not None
    return hit


def conditions(rule: Rule, text: str, section: str, in_section: dict | None = None,
               in_text: dict | None = None) -> bool | str:
    """The rule's section and context conditions hold for ``text`` under the headings
    ``section`` (True / False / PARAGRAPH). ``in_section`` and ``in_text``: memos of
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
            return PARAGRAPH if rule.context_scope == "paragraph" else False
    return True


PARAGRAPH = "paragraph"  # conditions(): holds if the rule's context is in the paragraph


class _Sentence:
    """What the checks of one sentence's matches share: the text, its masked copy and
    quantities, the clause punctuation (found on first use) and the figures a share or
    "among" phrase follows (memo by figure end)."""

    __slots__ = ("text", "masked", "qmap", "resp", "_puncts", "_after_ok")

    def __init__(self, text: str, mq):
        self.text = text
        self.masked, self.qmap = mq if mq is not None else (None, None)
        # _RESPECTIVELY_WORD needs 分别 or 依次为: without them no match holds it
        self.resp = "分别" in text or "依次为" in text
        self._puncts = None
        self._after_ok: dict[int, bool] = {}

    def puncts(self) -> list[int]:
        """Offsets of the clause punctuation, in order."""
        if self._puncts is None:
            self._puncts = [m.start() for m in _PUNCT.finditer(self.text)]
        return self._puncts

    def nothing_after(self, qb: int) -> bool:
        """No share ("…,占12%") or "among" ("…中,") phrase follows the figure ending at ``qb``."""
        ok = self._after_ok.get(qb)
        if ok is None:
            ok = self._after_ok[qb] = _SHARE_OR_AMONG_AFTER.match(self.text, qb) is None
        return ok


def _plan(rules: list[Rule], text: str, index: RuleIndex | None, lazy):
    """[(rule, patterns to run, zero phrases to run)] and the masked sentence (None when
    no pattern is to run): all of them without a prefilter."""
    if index is None:
        return [(r, r.patterns, r.zero) for r in rules], lazy()
    return index.plan(text, lazy)


def _figure(rule: Rule, qmap: dict, qa: int, qb: int):
    """The quantity masked at exactly [qa, qb) when it has the rule's value type and unit
    (a percentage is neither money nor a count), else None. A ``bare`` rule also takes a
    whole number written without any measure word, right after a Chinese character and
    right before the clause's end (主动公开信息13,…; 公开政府信息26。)."""
    qm = qmap.get(qa)
    if qm is None or qm.end != qb:
        return None
    q = qm.quantity
    if rule.kind == "money":
        return q if q.kind == "money" else None
    if rule.bare and q.kind == "number":
        return q   # (masked only when it closes its clause: mask.bare_count)
    if q.kind != "count" or (rule.units and q.unit not in rule.units):
        return None
    return q


def _excluded(rule: Rule, s: _Sentence, a: int, b: int, qa: int, qb: int) -> bool:
    """An exclusion holds for the match [a, b) of figure [qa, qb): a deny phrase in the
    matched text, a respectively-list (read pair by pair instead), a not_this phrase in its
    clause or the one before, a subject_deny phrase before it in its clause, a share or
    "among" phrase after the figure (unless the rule allows it), a not_after phrase right
    after the match, or a match starting inside an aside of parts."""
    text = s.text
    matched = text[a:b]
    if rule.deny is not None and rule.deny.search(matched):
        return True
    if s.resp and _RESPECTIVELY_WORD.search(matched):
        return True  # "B分别为x、y": y is B's figure (see respectively_candidates)
    if s.resp and "分别" in matched and s.masked is not None and _NEXT_FIGURE.match(s.masked, qb):
        return True  # "微博A、微信B分别发布信息x条、y条": x is A's, not B's (pool pb V2)
    puncts = s.puncts()
    k = bisect.bisect_left(puncts, a)  # clause punctuation before a
    if rule.not_this is not None:
        ca = puncts[k - 2] + 1 if k >= 2 else 0  # start of the clause before a's
        if k >= 1:   # (… not when it is closed by its own figure and a's opens with the year's: 本年度…)
            ca = not_this_from(text, ca, puncts[k - 1] + 1, rule.not_this)
        # searched in place: a phrase's lookbehind may read the text before the
        # clause ("2020年,全镇累计…,其中…72条": that 累计 is of the one year)
        if rule.not_this.search(text, ca, b):
            return True
    if rule.subject_deny is not None:
        own = puncts[k - 1] + 1 if k >= 1 else 0
        if rule.subject_deny.search(text[own:qa]):
            return True
    if not s.nothing_after(qb) and not (rule.allow_share and _AMONG_AFTER.match(text, qb) is None) \
            and not _whole_on_purpose(text, qb, b):
        return True
    if rule.not_after is not None and rule.not_after.match(text, b):
        return True
    return "(" in text and _label_in_a_part(text, a, qa)


def _pattern_candidates(rule: Rule, pats: list, s: _Sentence, bounds) -> Iterator[Candidate]:
    """The figures the rule's patterns read, one per figure (the first pattern and match
    that reads it). Every match, one per start position (``regex``'s overlapped=True, which
    the stdlib's re lacks, see regexkit.compile_fast): one pattern may read several figures."""
    seen_q: set[int] = set()
    text, masked_text, qmap = s.text, s.masked, s.qmap
    for rx in pats:
        search = rx.search
        pos = 0
        while (m := search(masked_text, pos)) is not None:
            pos = m.start() + 1
            qa, qb = m.span("q")
            if qa in seen_q:
                continue
            q = _figure(rule, qmap, qa, qb)
            if q is None:
                continue
            a, b = m.span()
            if _excluded(rule, s, a, b, qa, qb):
                continue
            if bounds is not None and not q.approx and part_of_a_word(bounds, qa, qb, text):
                continue  # the figure is part of a word (一条龙, 三个代表); 数十条 stays a warning
            seen_q.add(qa)
            if q.approx:
                yield Candidate(rule, None, q.unit, text[qa:qb], a, b, q.approx)
            else:
                yield Candidate(rule, numbers.to_value(q), q.unit, text[qa:qb], a, b, None)


def _zero_value(rule: Rule):
    """What a zero phrase of the rule states: its ``value``, else 0 (0.0 for money, False for bool)."""
    if rule.value is not None:
        return rule.value
    if rule.kind == "money":
        return 0.0
    if rule.kind == "bool":
        return False
    return 0


def _zero_candidates(rule: Rule, zeros: list, text: str, bounds) -> Iterator[Candidate]:
    """The first match of each zero phrase that no deny phrase holds and that ends a word."""
    for rx in zeros:
        for m in rx.finditer(text):
            a, b = m.span()
            if a == b:
                continue
            if rule.deny is not None and rule.deny.search(text[a:b]):
                continue
            if bounds is not None and not ends_a_word(bounds, b):
                continue  # 未收到申请|人…: the phrase ends inside a word
            yield Candidate(rule, _zero_value(rule), None, text[a:b], a, b, None, True)
            break


def sentence_candidates(rules: list[Rule], text: str, section: str, context_text: str | None = None,
                        index: RuleIndex | None = None, masked_q=None, bounds=None,
                        defer_paragraph: bool = False) -> Iterator[Candidate]:
    """The candidates of one sentence (offsets in ``text``), rule by rule.
    ``context_text``: the text the rules' context condition is checked on (default ``text``).
    ``defer_paragraph``: also yield the candidates of ``context_scope: paragraph`` rules
    whose context is neither in the sentence nor in the headings (the caller checks the
    paragraph, see :func:`.facts.context_in_paragraph`); without it they give nothing.
    ``index``: the prefilter of ``rules`` (regexes it rules out are not run);
    ``masked_q``: a callable giving ``masked(text)`` (shared with the caller);
    ``bounds``: a callable giving the word boundaries of ``text`` (the word guard), or None."""
    lazy = masked_q if masked_q is not None else LazyMasked(text)
    plan, mq = _plan(rules, text, index, lazy)
    s = _Sentence(text, mq)
    ctx_text = text if context_text is None else context_text
    in_section = index.section_memo(section) if index is not None else None
    in_text: dict = {}
    for rule, pats, zeros in plan:
        ok = conditions(rule, ctx_text, section, in_section, in_text)
        if not ok or (ok is PARAGRAPH and not defer_paragraph):
            continue
        yield from _pattern_candidates(rule, pats, s, bounds)
        yield from _zero_candidates(rule, zeros, text, bounds)


# "当面申请、网络申请和信函申请分别为3件、5件和1件": labels, then their figures in order
_RESPECTIVELY = regex.compile(
    r"(?:分别为|分别是|分别有|分别达|依次为)(?P<qs>(?:\ue000+|\ue001+)(?:(?:、|,|和|及|与)(?:\ue000+|\ue001+))+)"
)
_LABEL_SEP = regex.compile(r"、|和|及|与|以及")
_QRUN = regex.compile(r"\ue000+|\ue001+")


def respectively_candidates(rules: list[Rule], text: str, section: str, directory: str | None,
                            index: RuleIndex | None = None, masked_q=None, bounds=None,
                            defer_paragraph: bool = False) -> Iterator[Candidate]:
    """Pair each label of an "A、B和C分别为x、y、z" list with its figure and read every pair
    as if it were written "A x": the text before the list (its clause and the ones before)
    stays in front so that headings, context and exclusions apply unchanged. The evidence
    is the span from the label to its figure. A list whose labels and figures do not pair
    up one to one gives nothing (precision first). ``directory``: the rules' (for the
    common not_this of _common.yaml)."""
    if _RESPECTIVELY_WORD.search(text) is None:
        return
    not_this = common_not_this(directory)
    masked_text, qmap = masked_q() if masked_q is not None else masked(text)
    for m in _RESPECTIVELY.finditer(masked_text):
        start = own_clause_start(masked_text, m.start())
        labels_text = text[start:m.start()]
        if not labels_text or regex.search(r"[\ue000\ue001\d]", masked_text[start:m.start()]):
            continue
        if not_this is not None and not_this.search(text[start:m.end()]):
            continue
        qruns = list(_QRUN.finditer(masked_text, m.start("qs"), m.end("qs")))
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
            for c in sentence_candidates(rules, synth, section, text, index, defer_paragraph=defer_paragraph):
                if c.b != len(synth) or c.raw != text[qa:qb]:
                    continue
                if bounds is not None and (not starts_a_word(bounds, la) or part_of_a_word(bounds, qa, qb, text)):
                    continue
                yield Candidate(c.rule, c.value, c.unit, c.raw, la, qb, c.approx)

