"""Last-resort sources of the reporting body in an untitled text (issue 9, session 9; b13 M1), read
after every source of extractor/agency.py and extractor/agency_late.py gave nothing
(``agency_sources`` in patterns/metadata.yaml):

- ``opening_issuer``: the text's first line opens with a body and 关于 (国务院办公厅关于2016年第二次全国政府
  网站抽查情况 …, a title whose ending was lost): the issuer, as a title's issuer before 关于 is;
- ``opening_name``: the text's first sentence opens with the body's name and a comma (东莞市常平实验小学,
  以尚美主题教育为发展特色…): the body introducing itself;
- ``own_rules``: the one body whose own rules the text says it made (制定了《滑县人力资源和社会保障局网络信息
  安全制度》), the body the text speaks as (我局);
- ``opening_clause``: the text's first sentence, under its first heading or none, opens with the body as the
  subject of a ``year_subject_verbs`` verb (一、总体情况 / 市人民防空办认真贯彻…; b13 l20);
- ``opening_place``: a line opens with the body's name and where it lies (保安街道办事处地处志丹县城中部, 毛城子镇
  位于公主岭市西北部): a town or street introducing itself;
- ``portal_owner``: the one body on whose own portal the text says it set up its disclosure column
  (在惠州市水務局入口網站上設定黨務政務信息公開專欄); never a government's portal, which hosts the
  columns of its bureaus and towns (``download_site.not_endings``).

- ``own_place``: a text that speaks as its place (我市, 我县) and as no body (我局, 我办, 本单位 …) names one place of
  that level as its own government's (鞍山市政府门户网站, 《呼伦贝尔市政府信息公开规定》, 《2011年盐城市政府信息公开工作
  要点》): that place, the report of its government (a city-wide report copied without its title).

- ``own_outlet``: a text that speaks as its body (我局, 我办, 我校 … twice, twice as often as any other) names one body of
  that head only as the owner of its own outlet or list (新媒体(扎赉特旗司法局微信公众号), 以广州市人民防空办公室官网, 通过
  市外侨办政务外网, 贵阳市审计局权力清单): that body; never a superior's outlet, which its head tells (市政府网站 in a
  局's report), and none when two bodies of the head own outlets.

Patterns are data (``agency_open`` in patterns/metadata.yaml); every name is validated as any other
candidate (``name_or_bracketed``).
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .metadata_base import clean_agency, cue_rx, cues, name_breaks, name_or_bracketed
from .normalize import to_simplified


def _rx(key: str) -> regex.Pattern:
    return cue_rx(cues()["agency_open"][key])


def _first_line(text: str) -> str:
    return text.lstrip().split("\n", 1)[0]


def opening_issuer(text, lines, inline_sig, notes) -> str | None:
    m = _rx("issuer").match(_first_line(text))
    return name_or_bracketed(m.group("a")) if m else None


def opening_name(text, lines, inline_sig, notes) -> str | None:
    m = _rx("name").match(_first_line(text))
    return name_or_bracketed(m.group("a")) if m else None


def opening_place(text, lines, inline_sig, notes) -> str | None:
    """The one body whose line opens with its name and where it lies (保安街道办事处地处志丹县城中部,
    毛城子镇位于公主岭市西北部: a town or street introducing itself), else None."""
    found = []
    for m in _rx("place").finditer(text[: cues()["agency_open"]["place_chars"]]):
        a = name_or_bracketed(m.group("a"))
        if a and a == m.group("a") and a not in found:
            found.append(a)
    return found[0] if len(found) == 1 else None


def opening_clause(text, lines, inline_sig, notes) -> str | None:
    """The body as the subject of the text's first sentence, under its first heading or none (一、总体情况 /
    市人民防空办认真贯彻…): a name right before a ``year_subject_verbs`` verb, else None."""
    m = _opening_clause_rx().match(text.lstrip())
    return clean_agency(m.group("a")) if m else None


@lru_cache(maxsize=1)
def _opening_clause_rx() -> regex.Pattern:
    verbs = "|".join(regex.escape(w) for w in cues()["year_subject_verbs"])
    return regex.compile(rf"(?:{cues()['agency_open']['clause_heading']})?(?P<a>\p{{Han}}{{2,40}}?)(?:{verbs})")


def own_rules(text, lines, inline_sig, notes) -> str | None:
    """The one body whose own rules the text says it made (我局…制定了《滑县人力资源和社会保障局网络信息安全
    制度》, or its name before a title that names none: 建立了民防局《政府信息公开制度》), when the body's head is the one the
    text speaks as (我局 for …局); else None."""
    c = cues()["agency_open"]
    found = set()
    for m in _rx("own_rules").finditer(text[: c["chars"]]):
        t = m.group("t")
        if a := next((a for k in range(len(t) - 2, 1, -1) if (a := clean_agency(t[:k]))), None):
            found.add(a)
    for m in _rx("own_rules_owner").finditer(text[: c["chars"]]):
        # the owner named before a title that names none (建立了民防局《政府信息公开制度》): a name as it stands
        if (a := clean_agency(m.group("a"))) and a == m.group("a"):
            found.add(a)
    if len(found) != 1:
        return None
    a = found.pop()
    refs = c["own_rules_self"]
    return a if any(f"我{r}" in text and a.endswith(tuple(ends)) for r, ends in refs.items()) else None


def portal_owner(text, lines, inline_sig, notes) -> str | None:
    found = []
    for m in _rx("portal").finditer(text[: cues()["agency_open"]["chars"]]):
        a = name_or_bracketed(m.group("a"))
        if a and not a.endswith(tuple(cues()["download_site"]["not_endings"])) and a not in found:
            found.append(a)
    return found[0] if len(found) == 1 else None


def own_place(text, lines, inline_sig, notes) -> str | None:
    """The one place a text speaking as its place (我市) and as no body names as its own government's (its
    portal, its rules, its plan: ``own_place``), of the level it speaks as (我市: a 市); else None."""
    from collections import Counter

    from .agency_refine import _lead_ends, lead_rx, without_conjunction

    c = cues()["agency_open"]["own_place"]
    refs = Counter(cue_rx(c["self"]).findall(text))
    if not refs or cue_rx(c["not_self"]).search(text):
        return None
    level, times = refs.most_common(1)[0]
    if times < c["self_min"]:
        return None
    found = set()
    for m in _rx("own_place_pattern").finditer(text[: cues()["agency_open"]["chars"]]):
        # the place after the last word breaking or leading into it (各县在 | 兴城市, 并分别通过 | 鞍山市, 年 | 中阳县)
        run = m.group("a")
        run = run[max((run.rfind(b) + len(b) for b in name_breaks() if b in run), default=0):]
        ends = _lead_ends(run)
        place = without_conjunction(run[ends[-1]:] if ends else lead_rx().sub("", run))
        # (its government a name: 盐城市 itself ends as the word 城市 does)
        if (place and clean_agency(place + "人民政府") == place + "人民政府" and len(place) <= c["max_chars"]
                and place.endswith(level) and place[0] not in cues()["abbreviated_start"] and _one_place_word(place, c)):
            found.add(place)
    return found.pop() if len(found) == 1 else None


def _one_place_word(place: str, c: dict) -> bool:
    """The word cutter reads ``place`` as one word (中阳县, 呼伦贝尔市), or as a long stem and its level (巴彦淖尔 | 市); not
    a word of the sentence before the level (针对 | 县 of 针对县政府网站的…, b10 d05)."""
    from .wordcut import word_cutter

    toks = [t[0] for t in word_cutter().tokenize(place)]
    return len(toks) == 1 or (len(toks) == 2 and len(toks[1]) == 1 and len(toks[0]) >= c["split_stem_min"])


def own_outlet(text, lines, inline_sig, notes) -> str | None:
    """The one body of the head the text speaks as (``own_outlet.heads``: 我局 -> …局, 我校 -> …学院) that the text
    names as the owner of an outlet or list (``own_outlet.slots``), its self-reference dominant (``self_min`` times,
    twice as often as any other); else None."""
    from .agency_refine import dominant
    from .agency_shape import same_body

    c = cues()["agency_open"]["own_outlet"]
    ref = dominant(cue_rx(c["self"]).findall(text), c["self_min"])
    if ref is None:
        return None
    ends = tuple(c["heads"][ref])
    head = text[: cues()["agency_open"]["chars"]]
    found: list[str] = []
    for m in cue_rx(c["slots"]).finditer(head):
        run = m.group("a") or _han_before(head, m.start())
        end = m.end("a") if m.group("a") else m.start() - (head[m.start() - 1: m.start()] in "”\"")
        a = _owner_in_run(run, c)
        if not a or cue_rx(c["not_after"]).search(head, max(0, end - len(a) - 60), end - len(a)):
            continue  # the site the report is downloaded from (a superior's hosts it), an item of a list of outlets
        if to_simplified(a).endswith(ends) and a not in found:
            found.append(a)
    # a full name and its short form (市外侨办 / 哈尔滨市外事侨务办公室) are one body: the full one; every owner of the head
    # counts (an owner read as no body's name leaves the other unsure)
    full = [a for a in found if not any(b != a and same_body(a, b) for b in found)]
    return full[0] if len(full) == 1 and _named_body(full[0], ends, c) else None


def _named_body(a: str, ends: tuple, c: dict) -> bool:
    """``a`` is a body's name: a place the word cutter reads as one (贵阳市, 扎赉特旗; not 其中 | 市) or a level's
    character (市外侨办), then a field before the head (审计局; not 鹰潭市局), holding no outlet word (杨陵区政府网统计局)."""
    m = regex.match(rf"^(?P<p>\p{{Han}}*?[{c['levels']}])(?P<core>\p{{Han}}*)$", a)
    if not m or any(w in a for w in c["name_not_holding"]):
        return False
    core = m.group("core")
    head = next((e for e in sorted(ends, key=len, reverse=True) if to_simplified(core).endswith(e)), None)
    if head is None or len(core) <= len(head):
        return False
    place = m.group("p")
    return len(place) == 1 or _one_place_word(place, cues()["agency_open"]["own_place"])


def _han_before(text: str, at: int) -> str:
    """The run of Han characters right before ``at`` (up to 30), past a closing quote (“扎赉特旗司法局”微信公众号)."""
    if at > 0 and text[at - 1] in "”\"":
        at -= 1
    return regex.search(r"\p{Han}{0,30}$", text[max(0, at - 30): at]).group(0)


def _owner_in_run(run: str, c: dict) -> str | None:
    """The longest name ending ``run`` that starts it or starts after one of its lead words (``own_outlet.leads``,
    ``name_lead``): 依托市政府网站和 | 市人社局, 以 | 广州市人民防空办公室; never one that starts with a lead word."""
    from .metadata_base import name_leads

    leads = tuple(c["leads"]) + tuple(name_leads())
    starts = [0] + sorted({k + len(w) for w in leads for k in _all_at(run, w)})
    for k in starts:
        cand = run[k:]
        if len(cand) >= 3 and not cand.startswith(leads) and clean_agency(cand) == cand:
            return cand
    return None


def _all_at(s: str, w: str):
    k = s.find(w)
    while k >= 0:
        yield k
        k = s.find(w, k + 1)


__all__ = ["opening_issuer", "opening_name", "opening_place", "own_outlet", "own_place", "own_rules", "portal_owner"]
