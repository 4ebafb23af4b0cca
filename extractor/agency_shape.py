"""The shape of a body's name, and when two names read in one report are ONE body (issue 9,
session 9; b13 M1/C5/P9): the rules are general, their words data (``agency_shape`` in
patterns/metadata.yaml).

- A name = place part (optional) + open core + an ORGANISATION HEAD (``agency_suffixes``: 局, 委,
  办, 中心, 海关, 供销合作社 …) + perhaps its second name in brackets (杭州市余杭区司法局(区行政复议局),
  江干区行政审批服务管理办公室(公共资源交易管理委员会办公室)): ``second_named`` reads it as one body, the
  name before the bracket (a bureau's office never carries a second name of its own).
- ``one_body_form``: the names the contact/compiler sentences of one report give are one body when
  (a) one holds the other once place prefixes and the town's body words (人民政府/办事处/政府) are set
  aside (周家桥街道 / 上海市长宁区周家桥街道办事处), (b) one is the nested form of the other
  (长宁公安分局 / 上海市公安局长宁分局: a superior bureau, the branch's place, the branch head), or
  (c) one abbreviates the other as its place character followed by characters of the full name in
  order, ending on the first character of the full name's head (区审管办 / 江干区行政审批服务管理办公室), or
  (e) a street or town with its own name shortened (永外街道办事处 / 永定门外街道办事处).
  The full form (the longest) is the body, as the compiler sentence writes it.
- ``cited_issuer``: a name opening a cited document's title (《江干区人民政府办公室关于认真做好…的通知》)
  is that document's issuer, never the reporting body.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .metadata_base import YEAR, alt, clean_agency, cues, without_town_body


@lru_cache(maxsize=1)
def _shape() -> dict:
    return cues()["agency_shape"]


# a body's second name in brackets right after its head (…司法局(区行政复议局))
_SECOND = regex.compile(r"^(?P<a>\p{Han}{2,40})[(（](?P<b>\p{Han}{2,24})[)）]$")


def second_named(run: str) -> str | None:
    """``run`` as a body with its second name in brackets after its head: the body's name before the
    bracket, when both parts are names (the second may name no place: 区行政复议局); else None."""
    m = _SECOND.match(run)
    if not m:
        return None
    first, second = clean_agency(m.group("a")), m.group("b")
    if (first != m.group("a") or first.endswith(tuple(cues()["territory_endings"]))
            or not (clean_agency(second) or clean_agency("市" + second))):
        return None
    return first


def _contained(short: str, long: str) -> bool:
    """(a) ``short`` ends ``long`` once the town's body word (人民政府/办事处/政府) is set aside from both,
    and names more than a place (周家桥街道 in 上海市长宁区周家桥街道办事处; never 江干区 in
    江干区行政审批服务管理办公室: a place's government is not its bureau), or both are that place's
    government, the longer with the city before it (松北区人民政府 / 哈尔滨市松北区人民政府)."""
    s, l = without_town_body(short), without_town_body(long)
    places = tuple(cues()["territory_endings"])
    # … or one government (office) with and without its city: both end on the same body word and the
    # longer has a place before (松北区人民政府 / 哈尔滨市松北区人民政府: pool s10 p097, b18 ae11)
    same_government = (short[len(s):] != "" and short[len(s):] == long[len(l):]
                       and l != s and l[: len(l) - len(s)].endswith(places))
    return (len(s) >= _shape()["min_core"] and l.endswith(s)
            and (same_government or not s.endswith(places)))


@lru_cache(maxsize=1)
def _nested_rx() -> regex.Pattern:
    heads = alt(regex.escape(h) for h in _shape()["branch_heads"])
    places = "".join(cues()["territory_endings"])
    return regex.compile(rf"^(?P<p>(?:\p{{Han}}{{1,8}}?[{places}])*)(?P<core>\p{{Han}}{{1,6}}?)局"
                         rf"(?P<x>\p{{Han}}{{1,6}}?)(?P<h>{heads})$")


def _nested(short: str, long: str) -> bool:
    """(b) ``long`` = superior bureau + the branch's place + branch head (上海市公安局长宁分局) and
    ``short`` the branch's place + the bureau's core + head (长宁公安分局) or without the core (长宁分局)."""
    m = _nested_rx().match(long)
    if not m:
        return False
    x, core, h = m.group("x"), m.group("core"), m.group("h")
    return short in (x + core + h, x + h)


def _abbreviates(short: str, long: str) -> bool:
    """(c) ``short`` = a place character of ``long`` + characters of the rest of ``long`` in order,
    its last character the first of ``long``'s head (区审管办 / 江干区行政审批服务管理办公室)."""
    if len(short) < 3 or short[0] not in cues()["abbreviated_start"]:
        return False
    k = long.find(short[0])
    head = next((h for h in sorted(_shape()["abbreviated_heads"], key=len, reverse=True) if long.endswith(h)), None)
    if k < 1 or head is None or short[-1] != head[0]:
        return False
    rest, body = short[1:-1], long[k + 1: len(long) - len(head)]
    return len(rest) >= 1 and _in_order(rest, body)


def _in_order(chars: str, text: str) -> bool:
    """Every character of ``chars`` occurs in ``text``, in the same order."""
    i = 0
    for ch in chars:
        i = text.find(ch, i)
        if i < 0:
            return False
        i += 1
    return True


def _place_variant(a: str, b: str) -> bool:
    """(d) the same body after places written differently (桃源县工业集中区管理委员会 / 湖南桃源工业集中区
    管理委员会): a common end of ``min_shared`` characters or more holding a head, before it places
    that, without their place endings, hold one another."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    shared, pa, pb = a[len(a) - n:], a[: len(a) - n], b[: len(b) - n]
    if n < _shape()["min_shared"] or not pa or not pb or clean_agency(shared) is None:
        return False
    ends = "".join(cues()["territory_endings"])
    pa, pb = (regex.sub(f"[{ends}]", "", p) for p in (pa, pb))
    return bool(pa) and bool(pb) and (pa in pb or pb in pa)


def _shortened_place(short: str, long: str) -> bool:
    """(e) one street or town with its own name shortened (永外街道办事处 / 永定门外街道办事处, 西城区广内街道 /
    西城区广安门内街道办事处: pool s10 p293, b15 b15): the same place before and the same ending after (a street's or
    town's, ``shortened_place_endings``, its body word aside), and between them the short name's characters, two or
    more, in the long one's order, on its first and last, two or more of the long one's left out (东山镇 is not
    东湖山镇)."""
    s, l = without_town_body(short), without_town_body(long)
    end = next((e for e in _shape()["shortened_place_endings"] if s.endswith(e) and l.endswith(e)), None)
    if end is None:
        return False
    s, l = s[: -len(end)], l[: -len(end)]
    k = 0
    while k < min(len(s), len(l)) and s[k] == l[k]:
        k += 1
    if k and not s[:k].endswith(tuple(cues()["territory_endings"])):
        k = 0  # the same place before must be a place (西城区), not the first character of the name
    s, l = s[k:], l[k:]
    if not (2 <= len(s) <= len(l) - 2 and s[0] == l[0] and s[-1] == l[-1]):
        return False
    return _in_order(s, l)


def _short_side(short: str, long: str) -> bool:
    return _contained(short, long) or _nested(short, long) or _abbreviates(short, long) or _shortened_place(short, long)


def written_alike(a: str, b: str) -> bool:
    """``a`` and ``b`` are one name with or without its place or its town's body word ((a), (d)); not a name
    shortened ((e): 永外街道办事处 is no way of writing 永定门外街道办事处 in full)."""
    short, long = sorted((a, b), key=len)
    return short == long or ((_contained(short, long) or _place_variant(a, b)) and not _shortened_place(short, long))


def one_body(a: str, b: str) -> bool:
    """Two names of one body by (a) to (d) of the module's doc."""
    short, long = sorted((a, b), key=len)
    return short != long and (_short_side(short, long) or _place_variant(a, b))


def one_body_form(found: list[str], text: str) -> str | None:
    """When every two names in ``found`` are one body: the form of it the text writes first among
    those that shorten no other (the compiler sentence's, which opens the report), else None."""
    if len(found) < 2 or not all(one_body(a, b) for i, a in enumerate(found) for b in found[i + 1:]):
        return None
    full = [f for f in found if not any(len(f) < len(g) and _short_side(f, g) for g in found)]
    return min(full, key=lambda f: (text.find(f) if f in text else len(text), -len(f)))


def cited_issuer(text: str, start: int, end: int) -> bool:
    """The name at ``start:end`` opens the title of a document cited as the instruction followed
    (根据《…》和《江干区人民政府办公室关于…的通知》要求): its issuer, a superior's; not a document the body
    issued itself (制定了《裕安区交通运输局关于分解…的通知》)."""
    if not (start > 0 and text[start - 1] == "《" and text.startswith(tuple(_shape()["cited_after"]), end)):
        return False
    clause = regex.split(r"[。;\n]", text[max(0, start - 80): start])[-1]
    return any(w in clause for w in _shape()["cited_instruction"])


def same_body(short: str, long: str) -> bool:
    """``short`` abbreviates ``long``: 县审计局 / 桃江县审计局 (the place dropped) or
    裕安区交通局 / 裕安区交通运输局 (same head and ending, characters in order)."""
    if short == long or len(short) >= len(long):
        return False
    if long.endswith(short):
        return short[0] in cues()["abbreviated_start"]
    # one short run of words dropped inside the name (运输), never a place (市龙山…区)
    for k in range(2, len(short)):
        if long.startswith(short[:k]) and long.endswith(short[k:]):
            gap = long[k:len(long) - (len(short) - k)]
            if gap and len(gap) <= 3 and not any(ch in cues()["abbreviated_start"] for ch in gap):
                return True
    return False


@lru_cache(maxsize=1)
def _published_report_rx() -> regex.Pattern:
    return regex.compile(rf"(?:{'|'.join(_shape()['published_verbs'])})(?P<p>\p{{Han}}{{2,12}}?)\s*{YEAR}\s*年")


def published_report_body(title: str, issuer: str) -> str:
    """The body whose annual report a notice publishes (贺州市人民政府办公室关于公布贺州市2009年度
    …年度报告的通知): the government of the place the report is titled by, when its own office
    issues the notice; the issuer otherwise (an office publishing its own report names itself)."""
    m = _published_report_rx().search(regex.sub(r"\s+", "", title))
    if not m or not m.group("p").endswith(tuple(cues()["territory_endings"])):
        return issuer
    gov = m.group("p") + "人民政府"
    return gov if issuer in tuple(gov + o for o in _shape()["published_by_offices"]) else issuer


__all__ = ["cited_issuer", "one_body", "one_body_form", "published_report_body", "same_body", "second_named",
           "written_alike"]
