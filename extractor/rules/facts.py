"""The facts of a document's prose: every sentence's candidates (:mod:`.match`, cached by
sentence and headings), paragraph-scoped contexts, one value per key and sentence
(``ambiguous`` when they differ, ``approximate`` warnings), and the fallback rules.
"""
from __future__ import annotations

import itertools

import regex

from ..model import Fact, Findings, Warning_
from ..normalize import names_earlier_year, sentence_view
from . import guard
from .index import RuleSet
from .loader import load_rules
from .mask import LazyMasked
from .match import Candidate, respectively_candidates, sentence_candidates
from .schema import Rule


def section_text(sent) -> str:
    """Headings above the sentence, outermost first, joined by ' / '."""
    parts = [h.title for h in (sent.headings or [])]
    return " / ".join(parts)


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


_CANDIDATES_MAX = 20_000


def find_facts(doc, seg, *, directory: str | None = None) -> Findings:
    """The facts the rules of ``directory`` (default: the package's) read in the sentences
    of ``seg`` (:func:`extractor.segment.segment` of ``doc``), with their warnings."""
    ruleset = load_rules(directory)
    out = Findings()
    text = doc.text
    pageless = all(b.page is None for b in doc.blocks)  # page_at gives None everywhere
    fallbacks: list[Fact] = []
    for sent in seg.sentences:
        if _skip_sentence(sent):
            continue
        if text[sent.start:sent.end] != sent.text:
            continue  # offsets must be exact; never guess
        section = section_text(sent)
        per_key: dict[str, list[Fact]] = {}
        warned: set = set()
        in_para: dict[int, bool] = {}  # id(rule.context) -> context found (sentence/headings/paragraph)
        # a span inside the document's own year reads as that year (same length)
        view = sentence_view(sent, getattr(doc, "own_year", None))
        for c in _candidates(ruleset, seg, sent, section, directory, view):
            rule = c.rule
            if rule.context_scope == "paragraph" and rule.context is not None:
                k = id(rule.context)
                ok = in_para.get(k)
                if ok is None:
                    ok = in_para[k] = context_in_paragraph(rule, doc, sent, section)
                if not ok:
                    continue
            if rule.lead_deny is not None and rule.lead_deny.search(sentence_lead(doc, sent, c.b)):
                continue
            # a zero phrase of an earlier year (2020年我局未收到… in a 2021 report: _common.yaml zero_other_year)
            if c.zero and names_earlier_year(view, c.a, c.b, getattr(doc, "own_year", None)):
                continue
            A, B = sent.start + c.a, sent.start + c.b
            if sent.page is not None:
                page = sent.page
            else:
                page = None if pageless else doc.page_at(A)
            if c.approx:
                if (rule.key, c.raw) in warned:
                    continue
                warned.add((rule.key, c.raw))
                out.warnings.append(
                    Warning_(
                        "approximate",
                        f"{rule.key}: approximate figure {c.raw!r} ({c.approx}) not taken as a value",
                        page,
                        (A, B),
                    )
                )
                continue
            f = Fact(rule.key, c.value, c.unit, c.raw, "text", page, (A, B), text[A:B], rule.rule_id)
            if rule.fallback:
                fallbacks.append(f)
                continue
            per_key.setdefault(rule.key, []).append(f)
        _one_per_key(out, per_key, sent)
    if fallbacks:
        out.facts.extend(_fallbacks(fallbacks, out, {r.rule_id: r for r in ruleset.rules if r.fallback}, text))
    return out


def _candidates(ruleset: RuleSet, seg, sent, section: str, directory: str | None,
                view: str | None = None) -> list[Candidate]:
    """The candidates of one sentence, from the rule set's cache when the same sentence under
    the same headings was read before: they depend on the sentence, its headings and the
    word guard only (those of paragraph-scoped rules whose context needs the paragraph are
    kept and checked against each sentence's paragraph by the caller). ``view``: the
    sentence as matched, of its length (normalize.year_view), by default its text."""
    text = sent.text if view is None else view
    cache = ruleset.candidates
    ckey = (text, section, guard.WORD_GUARD)
    cands = cache.get(ckey)
    if cands is None:
        mq = LazyMasked(text)
        bounds = guard.Bounds(seg, sent) if guard.WORD_GUARD else None
        cands = list(itertools.chain(
            sentence_candidates(ruleset.rules, text, section, None, ruleset.index, mq, bounds,
                                defer_paragraph=True),
            respectively_candidates(ruleset.rules, text, section, directory, ruleset.index, mq,
                                    bounds, defer_paragraph=True),
        ))
        if len(cache) >= _CANDIDATES_MAX:
            cache.clear()
        cache[ckey] = cands
    return cands


def _one_per_key(out: Findings, per_key: dict[str, list[Fact]], sent) -> None:
    """One fact per key of a sentence (the tightest evidence), or a warning ``ambiguous``
    when its figures differ (a whole stated before its breakdown wins, see
    :func:`_whole_before_breakdown`)."""
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


def context_in_paragraph(rule: Rule, doc, sent, section: str) -> bool:
    """The context of a ``context_scope: paragraph`` rule holds for ``sent``: in the
    sentence, its headings, or its paragraph up to the sentence (:func:`paragraph_span`)."""
    ctx = rule.context
    if ctx.search(sent.text) or ctx.search(section):
        return True
    a, b = paragraph_span(doc, sent)
    return ctx.search(doc.text, a, b) is not None


_PARAGRAPH_WINDOW = 400   # at most this many characters of the paragraph before the sentence


def paragraph_span(doc, sent) -> tuple[int, int]:
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


_FULL_STOP = regex.compile(r"[。！？!?\n]", flags=regex.REVERSE)


def sentence_lead(doc, sent, b: int) -> str:
    """The full sentence up to offset ``b`` of ``sent`` (a match's end): from the last 。/!/? or
    line start (at most _PARAGRAPH_WINDOW characters before the sentence) to ``b``, across the ;
    splits of the segmenter (截至目前,区级政务微信发布信息1321条,…;微博发送信息159条: the
    second part's lead opens with 截至目前). A rule's ``lead_deny`` is searched in it."""
    text = doc.text
    lo = max(0, sent.start - _PARAGRAPH_WINDOW)
    m = _FULL_STOP.search(text, lo, sent.start)
    start = m.end() if m is not None else lo
    return text[start:sent.start + b]


_INLINE_HEADING = regex.compile(
    r"(?:^|(?<=[。;!?\s]))(?P<h>(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|第[一二三四五六七八九十]+部分))")


def simple_values(findings: Findings) -> dict:
    """key -> value the simple way (used by the pattern corpus test): a key with two
    different values maps to the string ``"CONFLICT"``."""
    vals: dict[str, list] = {}
    for f in findings.facts:
        vals.setdefault(f.key, [])
        if f.value not in vals[f.key]:
            vals[f.key].append(f.value)
    return {k: (v[0] if len(v) == 1 else "CONFLICT") for k, v in vals.items()}
