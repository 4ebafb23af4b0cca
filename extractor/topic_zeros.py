"""Zeros in words under a heading that names the topic (``patterns/topic_zeros.yaml``).

Public API: ``find_facts(doc, seg, have) -> list[Fact]``.

An old-style report answers a topic by its heading and a paragraph that only says "none"
(``依申请公开政府信息办理情况`` / ``目前暂无。``: form A), or by a zero clause whose object is
the request in general words, the topic named only by the heading (``三、依申请公开情况`` /
``…,目前尚无接到要求。``: form B). Each gives 0 to the topic's keys. The heading is the
innermost numbered heading of the sentence or, for form A, the line right above it (a
short line without sentence punctuation); its numbering is dropped and the rest must be
one topic's ``heading`` as a whole. Read with the generic clauses' priority: only keys in
none of ``have`` (the keys the rules, tables and clause reader touched). Facts: origin
"text", rule ``clause:<key>#topic-zero``, evidence the zero phrase.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .clauses import _expand
from .clauses import load as clause_set
from .keys import zero_of
from .model import Fact
from .normalize import names_earlier_year
from .regexkit import may_match, required
from .resources import load_yaml, patterns_dir

DATA_FILE = patterns_dir() / "topic_zeros.yaml"
_OPENING = 300   # the document's opening, where its title names the subject


@dataclass
class _Topic:
    keys: tuple
    heading: regex.Pattern
    deny: regex.Pattern | None
    scope: regex.Pattern | None = None   # words of the sentence that name the topic (no heading needed)


@dataclass
class _Data:
    numbering: regex.Pattern
    inline: regex.Pattern | None
    context: regex.Pattern
    heading_max: int
    topics: list
    words: dict          # key -> regex naming its topic
    none: regex.Pattern
    clause: regex.Pattern
    not_this: regex.Pattern | None
    section_deny: regex.Pattern | None
    subunit: regex.Pattern | None
    all_applicants: regex.Pattern | None
    # what every match of ``clause`` holds (``regexkit.required``: each a set of literals, one
    # of which is in the match), None when unknown: a sentence without them has no form B
    clause_needs: tuple | None = None
    # what every match of ``none`` holds (the same): a line without them has no form C
    none_needs: tuple | None = None


class TopicZeroError(ValueError):
    pass


def _compile(src: str, macros: dict) -> regex.Pattern:
    try:
        return regex.compile(_expand(src, macros))
    except regex.error as err:
        raise TopicZeroError(f"{DATA_FILE.name}: bad regex {src!r}: {err}") from err


def _alt(items, macros) -> regex.Pattern | None:
    items = [str(x) for x in items or []]
    return _compile("|".join(f"(?:{x})" for x in items), macros) if items else None


@lru_cache(maxsize=1)
def load() -> _Data:
    data = load_yaml(DATA_FILE) or {}
    # the clause reader's macros (_common.yaml + clauses.yaml), as it expanded them: those
    # files are parsed once, by the clause reader (issue 11: cold start)
    cs = clause_set()
    macros = cs.macros or {}
    known = {"numbering", "context", "heading_max", "topics", "topic_words", "none", "clause",
             "inline", "examples", "counter_examples"}
    if set(data) - known:
        raise TopicZeroError(f"{DATA_FILE.name}: unknown field(s) {sorted(set(data) - known)}")
    topics = []
    for t in data.get("topics") or []:
        if set(t) - {"keys", "heading", "deny", "scope"} or not t.get("keys") or not t.get("heading"):
            raise TopicZeroError(f"{DATA_FILE.name}: a topic needs keys and heading: {t!r}")
        topics.append(_Topic(tuple(t["keys"]), _compile(f"(?:{t['heading']})", macros),
                             _alt(t.get("deny"), macros),
                             _compile(f"(?:{t['scope']})", macros) if t.get("scope") else None))
    c = data["clause"]
    clause = _compile(
        f"^(?P<subject>{c['subject']})(?P<neg>{c['neg']})(?:{c['verb']})*(?:任何)?"
        f"(?P<mid>[^,;。:!?()\\d]{{0,{int(c['mid_max'])}}}?)(?P<req>{c['request']})$", macros)
    none = _compile(f"(?:{data['none']})", macros)
    return _Data(
        numbering=_compile(data["numbering"], macros),
        inline=_compile(data["inline"], macros) if data.get("inline") else None,
        context=_compile(data["context"], macros),
        heading_max=int(data.get("heading_max", 40)),
        topics=topics,
        words={k: _compile(v, macros) for k, v in (data.get("topic_words") or {}).items()},
        none=none,
        clause=clause,
        # _common.yaml's not_this / section_deny / SUBUNIT, compiled once by the clause reader
        not_this=cs.not_this,
        section_deny=cs.section_deny,
        subunit=cs.subunit,
        all_applicants=_compile(c["all_applicants"], macros) if c.get("all_applicants") else None,
        clause_needs=required(clause.pattern),
        none_needs=required(none.pattern),
    )


_PUNCT = regex.compile(r"[,;。!?:]")
_CLAUSE_SPLIT = regex.compile(r"([,;。!?])")

# (the searches here pass ``concurrent`` False positionally: ~40,000 calls a pass of the dev
# texts, each of which the ``regex`` module would otherwise run with the GIL released and
# taken back for every allocation, which a worker with one thread never needs; as
# ``regexkit.lazy`` does for the patterns it compiles)


def _topic(d: _Data, line: str) -> _Topic | None:
    """The topic a heading line names as a whole (numbering and a closing mark dropped)."""
    line = line.strip()
    if not line or len(line) > d.heading_max:
        return None
    title = d.numbering.sub("", line, 1, None, None, False).strip().rstrip("。:.")
    if not title or _PUNCT.search(title, None, None, False):
        return None
    for t in d.topics:
        if t.heading.fullmatch(title, None, None, False):
            return t
    return None


def _other_topic(d: _Data, t: _Topic, mid: str) -> bool:
    return any(k not in t.keys and rx.search(mid) for k, rx in d.words.items())


def _line_above(text: str, start: int) -> tuple[str, int]:
    """The line right above the one ``start`` opens (skipping blank lines), and where the
    gap between them ends; ("", -1) when ``start`` opens no line."""
    if start > 0 and text[start - 1] != "\n":
        return "", -1
    j = start - 1
    while j > 0 and text[j - 1] in "\n \t":
        j -= 1
    a = text.rfind("\n", 0, j) + 1
    return text[a:j], a


def find_facts(doc, seg, have: set) -> list[Fact]:
    """0 facts of topic zeros for keys not in ``have``."""
    d = load()
    text = doc.text
    if not d.context.search(text, 0, min(len(text), _OPENING)) and not any(
            d.context.search(h.title) for h in seg.headings):
        return []
    found: dict[str, Fact] = {}
    # a heading's topic and a section's deny test, once per document (issue 11: every
    # sentence under a heading asked again)
    topics: dict[str, _Topic | None] = {}
    denied: dict[tuple, bool] = {}   # (the ids of a sentence's headings: its chain)

    with_scope = [x for x in d.topics if x.scope is not None]

    def topic(line: str) -> _Topic | None:
        try:
            return topics[line]
        except KeyError:
            t = topics[line] = _topic(d, line)
            return t

    for sent in seg.sentences:
        s = sent.text
        if "|" in s or text[sent.start:sent.end] != s:
            continue
        in_table = getattr(sent, "in_table", False)
        heads = sent.headings
        lead = s.strip()
        s0 = sent.start + (len(s) - len(s.lstrip()))
        hits = []   # (topic, a, b) offsets in doc.text
        # (forms A and C read a sentence that ends its line; the flattened item one with blanks
        # before it; form B one holding its clause's literals: the headings are joined, and the
        # section's deny asked, only for a sentence one of them can read - issue 11, session 16 S13)
        line_end = text.find("\n", sent.end)
        line_end = len(text) if line_end < 0 else line_end
        if not text[sent.end:line_end].strip():
            # form A: the whole paragraph (its line) says none, the line above names the topic
            if d.none.fullmatch(lead, None, None, False):
                above, _ = _line_above(text, s0)
                # a run of numbered heading / 无 lines the loader took for a one-cell-per-line
                # table ((一)申请情况⏎无⏎(二)申请处理情况⏎无…): the heading must carry its number
                t = topic(above) if not in_table or d.numbering.match(above.strip()) else None
                if t is not None:
                    hits.append((t, s0, s0 + len(lead.rstrip("。.;"))))
            # form C: the numbered heading and its none on one line (2、依申请公开政府信息情况:无)
            if not hits and d.inline is not None:
                hit = _inline(d, text, s0, line_end, topic)
                if hit is not None:
                    hits.append(hit)
        # … or one item of such a list flattened onto one line by a crawl, the items apart by
        # spaces (1、…:40条。 2、行政机关依申请公开政府信息的数量:无。 3、…): the sentence is the item
        if (not hits and d.inline is not None and s0 > 0 and text[s0 - 1] in _BLANK
                and _flat_item(d, text, s0, sent.end, line_end)):
            hit = _inline(d, text, s0, sent.end, topic, whole_line=False)
            if hit is not None:
                hits.append(hit)
        if in_table:
            hits = hits[:1]
            if not hits:
                continue
        # form B: a zero clause of the request in general words under the topic's heading
        # (looked for only in a sentence that can hold the clause: its topic is not needed else)
        clause = not hits and may_match(s, d.clause_needs)
        if not hits and not clause:
            continue
        if heads and d.section_deny is not None:
            # (a section's deny once per document: the sentences under a heading share its chain)
            k = tuple(map(id, heads))
            no = denied.get(k)
            if no is None:
                section = " / ".join(h.title for h in heads)
                no = denied[k] = bool(section) and d.section_deny.search(section) is not None
            if no:
                continue
        if not clause:
            t = scoped = None
        else:
            t = topic(heads[-1].title) if heads else None
            if t is None:
                above, _ = _line_above(text, s0)
                t = topic(above) if above else None
            # … or, without such a heading, a zero clause of a sentence that names the topic itself
            # up to the clause's end (a topic's `scope`: 无政府信息依申请公开办理情况 under 总体情况)
            scoped = with_scope if t is None else []
        if t is not None or scoped:
            i = 0
            for part in _CLAUSE_SPLIT.split(s, 0, False):
                if part and part not in ",;。!?":
                    m = d.clause.match(part, None, None, False)
                    tt = t if t is not None else next(
                        (x for x in scoped if x.scope.search(s, 0, i + len(part))), None) if m is not None else None
                    if m is not None and tt is not None and _clause_ok(d, tt, m, s, i, doc):
                        a = sent.start + i + m.start("neg")
                        hits.append((tt, a, sent.start + i + m.end("req")))
                i += len(part)
        for t, a, b in hits:
            for key in t.keys:
                if key in have or key in found:
                    continue
                page = sent.page if sent.page is not None else doc.page_at(a)
                found[key] = Fact(key, zero_of(key), None, text[a:b], "text", page, (a, b), text[a:b],
                                  f"clause:{key}#topic-zero")
    return list(found.values())


_BLANK = " \t\u3000"


def _flat_item(d: _Data, text: str, s0: int, end: int, line_end: int) -> bool:
    """The sentence text[s0:end] is one numbered item of a list a crawl flattened onto one
    line: spaces before it (not the line's start), its own numbering, and after it (spaces,
    or its own closing 。/;) the next item's or a heading's numbering."""
    if s0 <= 0 or text[s0 - 1] not in _BLANK:
        return False
    while end > s0 and text[end - 1] in _BLANK:
        end -= 1
    if not d.numbering.match(text[s0:end], None, None, False):
        return False
    rest = text[end:line_end]
    if not rest or (rest[0] not in _BLANK and text[end - 1] not in "。;"):
        return False
    return d.numbering.match(rest.lstrip(_BLANK), None, None, False) is not None


def _inline(d: _Data, text: str, s0: int, line_end: int, topic, whole_line: bool = True):
    """Form C: the line holding the sentence that opens at ``s0`` is a numbered topic
    heading, the separator and a none phrase; (topic, a, b) of the none, or None.
    ``whole_line`` False: text[s0:line_end] is the item (a flattened list's)."""
    a = text.rfind("\n", 0, s0) + 1 if whole_line else s0
    line = text[a:line_end]
    if not may_match(line, d.none_needs):
        # (its none phrase, a match of ``none``, would be in the line: ~2,200 lines a pass
        # of the dev texts were matched against the whole inline pattern, session 16 S12)
        return None
    lead = len(line) - len(line.lstrip())
    m = d.inline.fullmatch(line.strip(), None, None, False)
    if m is None or not d.numbering.match(m.group("head"), None, None, False):
        return None
    none = m.group("none")
    if not d.none.fullmatch(none, None, None, False):
        return None
    t = topic(m.group("head"))
    if t is None:
        return None
    na = a + lead + m.start("none")
    return t, na, na + len(none.rstrip("。.;"))


def _clause_ok(d: _Data, t: _Topic, m, s: str, i: int, doc=None) -> bool:
    mid = m.group("subject") + m.group("mid")
    if _other_topic(d, t, mid):
        return False
    if t.deny is not None and t.deny.search(mid):
        return False
    # an earlier year's none (2020年我局未收到… in a 2021 report): the check the rules' and the
    # clause reader's zero phrases make (normalize.names_earlier_year, _common.yaml zero_other_year)
    if names_earlier_year(s, i, i + m.end(), getattr(doc, "own_year", None)):
        return False
    subject = m.group("subject")
    if d.all_applicants is not None:
        subject = d.all_applicants.sub("", subject)   # 公民、法人或其他组织: everyone, not a part
    if d.subunit is not None and d.subunit.search(subject):
        return False
    if d.not_this is not None:
        prev = s[max(0, s.rfind(",", 0, max(i - 1, 0)) + 1):i + len(m.group())]
        if d.not_this.search(prev):
            return False
    return True


__all__ = ["find_facts", "load", "TopicZeroError"]
