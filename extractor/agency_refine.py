"""A found agency name refined, not found: the name a source gave (``agency.find_agency``)
checked against the text's self-reference (我局 twice, 我市 once) and its own name for it
(``self_named``, with the name reading it rests on: ``name_in_run``, ``without_conjunction``):
a place to its body, a town written with its county to the town's body, a name unlike the
body the text speaks as withheld. Split from extractor/agency.py, which imports it (never the
other way); cue words in patterns/metadata.yaml.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from .metadata_base import alt, clean_agency, cues, name_breaks, name_leads, without_town_body
from . import agency_shape
from .agency_shape import same_body
from .normalize import to_simplified


def refined(a: str | None, source: str | None, title_agency: str | None, text: str, notes: list) -> str | None:
    """The name ``a`` that ``source`` (``agency_sources``) gave, made the body the text speaks
    as: a place to its body (``territory_endings``), a town written with its county to the
    town's body, None when it does not fit the text's dominant self-reference (a note in
    ``notes`` says why); ``a`` itself otherwise."""
    if a and a.endswith(tuple(cues()["territory_endings"])):
        # a place, not a body ("关于宁陵县2016年…自查情况的报告" signed by 宁陵县交通运输局)
        own = self_named(text)
        if own and own.startswith(a) and own != a:
            a = own
        else:
            a = _district_government(a, text)
    elif a and a.endswith(tuple(cues()["town_endings"])) and source not in cues()["town_as_announced"]:
        # a town named with its county (东至县青山乡) in a text that calls itself 我乡 and
        # names its body 青山乡人民政府: the body, as the text writes it
        own = self_named(text)
        core = own and without_town_body(own)
        if own and core != own and a.endswith(core) and len(a) > len(core):
            a = own
        elif own and core == own and a.endswith(own) and len(a) > len(own):
            # 集安市黎明街道 (the contact) in a text that calls itself 黎明街道 and writes its body
            # 黎明街道办事处: that body (b15 b85); the bare town's name alone stays as read
            written = [own + b for b in cues()["town_bodies_written"] if own + b in text]
            a = written[0] if written else a
    if a and a != title_agency and (ref := _dominant_self_ref(text)):
        ends = tuple(cues()["self_reference_bodies"][ref])
        if not any(to_simplified(n).endswith(ends) for n in _plates(a)):
            # a town's report (我镇 …) signed or headed by a bureau: a sidebar's or a
            # list's name, not the body that speaks
            notes.append(f"{a} does not fit the text's own 我{ref}")
            return None
    return a


def issuer_written(a: str | None, text: str, statements, source: str | None = None, announced=lambda: None) -> str | None:
    """A place ``a`` read bare (杨柳镇, 上海市黄浦区) whose own issuing statement writes it with its body's word
    (``issuer_written``): the signature, the publisher fields (``statements()``, each a name or None) or the
    compiler sentence (由中岗镇人民政府编制) or the contact line (请与唐村镇人民政府联系) naming exactly ``a`` +
    人民政府/办事处/政府: that body, as the text issues it; ``a`` otherwise (a statement naming the place with its
    superior or with an office changes nothing; a report announcing itself, ``source`` in ``town_as_announced``,
    keeps the form it announces); ``announced()``: the name the report's announcement gives, read with
    ``town_bodies_written`` only (青龙镇政府信息公开 shares its 政府 with the subject)."""
    c = cues()["issuer_written"]
    if (not a or not a.endswith(tuple(cues()["territory_endings"]) + tuple(cues()["town_endings"]))
            or source in cues()["town_as_announced"]):
        return a
    bodies = {a + w for w in c["words"]}
    for s in statements():
        if s in bodies:
            return s
    for rx in _issuer_statement_rxs():
        for m in rx.finditer(text[: c["chars"]]):
            if m.group("a") in bodies:
                return m.group("a")
    if (n := announced()) in {a + w for w in cues()["town_bodies_written"]}:
        return n
    return a


@lru_cache(maxsize=1)
def _issuer_statement_rxs() -> tuple[regex.Pattern, ...]:
    c = cues()["issuer_written"]
    return tuple(regex.compile(c[k], regex.M) for k in ("compiler", "contact", "field_spaced"))


def superior_dropped(a: str | None, text: str) -> str | None:
    """A town or street ``a`` read through its superior's government (北京市东城区人民政府东华门街道办事处) in a text
    that names it by itself at least ``min_alone`` times (东华门街道办事处主动公开…): the town's own name, as the
    text uses it (``superior_dropped``); ``a`` otherwise."""
    if not a:
        return a
    c = cues()["superior_dropped"]
    simple = to_simplified(a)
    m = _superior_rx().match(simple)
    if not m or len(simple) != len(a):
        return a
    own, text = m.group("own"), to_simplified(text)
    gov = tuple(c["governments"])
    alone = sum(1 for x in regex.finditer(regex.escape(own), text) if not text.endswith(gov, 0, x.start()))
    return a[m.start("own"):] if alone >= c["min_alone"] else a


@lru_cache(maxsize=1)
def _superior_rx() -> regex.Pattern:
    c = cues()
    places = alt(regex.escape(p) for p in c["territory_endings"])
    towns = alt(regex.escape(t) for t in c["town_endings"])
    bodies = alt(regex.escape(b) for b in c["town_bodies"])
    govs = alt(regex.escape(g) for g in c["superior_dropped"]["governments"])
    return regex.compile(rf"^\p{{Han}}{{2,20}}?(?:{places})(?:{govs})(?P<own>\p{{Han}}{{2,20}}?(?:{towns})(?:{bodies})?)$")


def province_dropped(a: str | None) -> str | None:
    """A city's or county's body read with its province before it (四川省巴中市气象局): the body without the
    province (``province_dropped``), when what is left is a name; ``a`` otherwise."""
    if not a:
        return a
    simple = to_simplified(a)
    m = _province_rx().match(simple)
    if not m or len(simple) != len(a) or not clean_agency(m.group("own")):
        return a
    return a[m.start("own"):]


@lru_cache(maxsize=1)
def _province_rx() -> regex.Pattern:
    return regex.compile(cues()["province_dropped"]["pattern"])


_SECOND_PLATE = regex.compile(r"^(?P<n>\p{Han}{2,40}?)[(（](?P<b>\p{Han}{1,16})[)）]$")


def _plates(name: str) -> tuple[str, ...]:
    """``name`` and, when it ends on its second plate in brackets, the name before it and the plate
    (白城市民委(宗教局) in a text that speaks as 我委(局): 白城市民委, 宗教局 - b23 ap15; 嘉兴市人民防空办公室(民防局)
    b23 ap04; pool s11 q092 银川市民族事务委员会(宗教事务局)): a text speaking as either body speaks as this one."""
    m = _SECOND_PLATE.match(name)
    return (name, m.group("n"), m.group("b")) if m else (name,)


def _district_government(a: str, text: str) -> str:
    """A place named with its city (武汉市江岸区 of the title) whose government the text writes without the city, as a
    name opening its clause (2023年,江岸区人民政府共收到…; 良庆区人民政府高度重视…: ``district_government``): that
    government, as the text writes it; ``a`` otherwise (the text writes the government with its city too, or not)."""
    c = cues()["district_government"]
    places = "".join(cues()["territory_endings"])
    m = regex.match(rf"^\p{{Han}}{{2,10}}?[{regex.escape(c['city_endings'])}](?P<d>\p{{Han}}{{2,10}}[{places}])$", a)
    if not m:
        return a
    for gov in c["words"]:
        own = m.group("d") + gov
        stop = "|".join(regex.escape(w) for w in c["not_followed_by"])
        if a + gov not in text and regex.search(rf"(?:^|[^\p{{Han}}]|{c['openers']}){regex.escape(own)}(?!{stop})",
                                                text, regex.M):
            return own
    return a


def _dominant_self_ref(text: str) -> str | None:
    """The text's own self-reference (局 for 我局 …) when it is used at least twice and at
    least twice as often as any other, else None."""
    ref_rx, _ = _self_ref_res()
    return dominant((m.group("s") for m in ref_rx.finditer(text)), 2)


def dominant(refs, minimum: int):
    """The reference met most often when it is met at least ``minimum`` times and at least twice as often as
    any other (a text's own 我局 against a quoted 我市), else None."""
    top = Counter(refs).most_common(2)
    if not top or top[0][1] < minimum or (len(top) > 1 and top[1][1] * 2 > top[0][1]):
        return None
    return top[0][0]


def speaks_as(name: str, text: str) -> bool:
    """The text speaks as ``name``'s kind of body: its dominant self-reference (我局 twice, 我市 once)
    is one ``name`` ends as (``self_reference_bodies``: 市审计局 for 我局, b15 b80)."""
    ref = _dominant_self_ref(text)
    return ref is not None and to_simplified(name).endswith(tuple(cues()["self_reference_bodies"][ref]))


@lru_cache(maxsize=1)
def _self_ref_res() -> tuple[regex.Pattern, dict[str, regex.Pattern]]:
    c = cues()
    refs = c["self_reference"]
    lead = alt(regex.escape(w) for w in name_leads())
    ref_rx = regex.compile(rf"我(?P<s>{alt(regex.escape(k) for k in refs)})")
    stop = alt(regex.escape(w) for w in c["name_not_followed_by"])
    names = {
        k: regex.compile(
            rf"(?:(?<!\p{{Han}})|(?<=(?:{lead})))(?P<a>\p{{Han}}{{1,24}}?(?:{alt(regex.escape(e) for e in ends)}))"
            rf"(?!{stop})")
        for k, ends in refs.items()
    }
    return ref_rx, names


@lru_cache(maxsize=1)
def _own_channel_rx() -> regex.Pattern:
    return regex.compile(rf"[”\"](?:{alt(regex.escape(w) for w in cues()['name_own_channels'])})")


@lru_cache(maxsize=1)
def _follow_rx() -> regex.Pattern:
    return regex.compile(rf"(?:{alt(regex.escape(w) for w in cues()['name_follow'])}|[,。;:!?)\s]|$)")


@lru_cache(maxsize=1)
def _context_deny_rx() -> regex.Pattern:
    """Matches at the end of the text before a name that is a place or a contact entry."""
    c = cues()
    words = alt(regex.escape(w) for w in c["name_context_deny"])
    return regex.compile(rf"(?:{words})[^\p{{Han}}]{{0,2}}$|" + "|".join(c["name_context_deny_patterns"]))


@lru_cache(maxsize=1)
def lead_rx() -> regex.Pattern:
    return regex.compile(rf"^(?:{alt(regex.escape(w) for w in name_leads())})+")


def name_in_run(run: str) -> str | None:
    """A name found at the start of a Han run, without the words that lead into it
    (请联系桃江县审计局 -> 桃江县审计局)."""
    breaks = name_breaks()
    cut = max((run.rfind(b) + len(b) for b in breaks if b in run), default=0)
    run = run[cut:]
    a = clean_agency(lead_rx().sub("", run)) or clean_agency(run)
    if a is None:
        # a lead inside the run (全年通过甘肃林业和草原局 | 门户网站): the longest name after one
        for k in _lead_ends(run):
            if a := clean_agency(run[k:]):
                break
    return without_conjunction(a)


def _lead_ends(run: str) -> list[int]:
    """The positions right after each lead word of two characters or more (``name_leads``; a
    one-character lead such as 年 or 由 ends too many words: 全年向乡 | 政务公开办) inside ``run``,
    first first."""
    return sorted({m.end() for m in _lead_any_rx().finditer(run, overlapped=True) if 0 < m.end() < len(run)})


@lru_cache(maxsize=1)
def _lead_any_rx() -> regex.Pattern:
    return regex.compile(alt(regex.escape(w) for w in name_leads() if len(w) >= 2))


def without_conjunction(name: str | None) -> str | None:
    """``name`` without a conjunction that joins it to the item before (…(http://…)和淮南市卫生局
    门户网站 -> 淮南市卫生局: ``name_conjunctions``), told from a place that begins with the same
    character (和静县, 和平区, 和县, 和田地区) by the word cutter: the conjunction is a word
    of its own there."""
    if not name or not name.startswith(tuple(cues()["name_conjunctions"])):
        return name
    from .wordcut import word_cutter

    toks = word_cutter().tokenize(name)
    if toks and toks[0][0] in cues()["name_conjunctions"]:
        return clean_agency(name[len(toks[0][0]):])
    return name


_HAN_RUN = regex.compile(r"\p{Han}+")


_HAN_TAIL = regex.compile(r"\p{Han}{0,32}$")


def _han_runs_with(text: str, words) -> list[tuple[int, int]]:
    """Spans of Han text around each of ``words`` in ``text``: up to 32 Han characters
    before it (a name with the words leading into it is shorter) to the end of its run.
    A name never crosses a non-Han character, so only these need reading."""
    out = set()
    for w in words:
        i = text.find(w)
        while i >= 0:
            start = i - len(_HAN_TAIL.search(text, max(0, i - 32), i).group(0))
            end = _HAN_RUN.match(text, i).end()
            out.add((start, end))
            i = text.find(w, end)
    # overlapping spans (a run holding several endings) are read once, as one span
    merged: list[tuple[int, int]] = []
    for a, b in sorted(out):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _other_short_name(only: str, ends, text: str) -> bool:
    """``text`` writes a level's short name of ``only``'s ending other than ``only`` (我局在市人社局的指导下 … 区人社局:
    a name the run reading of ``self_named`` does not see after 在), read from every level character on."""
    end = next(e for e in sorted(ends, key=len, reverse=True) if only.endswith(e))
    rx = regex.compile(rf"(?:{alt(regex.escape(w) for w in cues()['abbreviated_start'])})\p{{Han}}{{1,8}}?{regex.escape(end)}")
    return any(only not in m.group(0) and m.group(0) not in only for m in rx.finditer(text, overlapped=True))


def is_abbreviated(name: str) -> bool:
    return name[0] in cues()["abbreviated_start"]


def self_named(text: str) -> str | None:
    """The body's own name where the text calls it 我局/我委/我乡…: the names in the text
    with that ending, abbreviations joined to their full name; one body only (or one
    named at least twice as often as any other), else None."""
    ref_rx, names = _self_ref_res()
    refs = Counter(m.group("s") for m in ref_rx.finditer(text))
    if not refs:
        return None
    ref, _ = refs.most_common(1)[0]
    follow = _follow_rx()
    counts: Counter = Counter()
    strong: set[str] = set()
    deny = _context_deny_rx()
    ends = cues()["self_reference"][ref]
    own_channel = _own_channel_rx()
    for start, end in _han_runs_with(text, ends):
        for m in names[ref].finditer(text, start, end):
            # the body's own account in quotes (通过“西乌珠穆沁旗教育局”微信公众号公开) names it
            channel = m.start() > 0 and text[m.start() - 1] in "“\"" and own_channel.match(text, m.end())
            if not channel and deny.search(text, max(0, m.start() - 16), m.start()):
                continue  # (地址:大理市龙山行政办公区州统计局) is a place
            if m.start() > 1 and text[m.start() - 1] in "(（" and _HAN_RUN.match(text, m.start() - 2):
                continue  # 市市场监管局(知识产权局): the second plate of the body named before it
            if agency_shape.cited_issuer(text, m.start(), m.end()):
                continue  # 《江干区人民政府办公室关于…的通知》: a cited document's issuer
            a = name_in_run(m.group("a"))
            if a:
                counts[a] += 1
                if channel or follow.match(text, m.end()):
                    strong.add(a)
    # a full name read as a name vouches for its abbreviations and spellings (裕安区交通局),
    # an abbreviation (区办公室) for no longer name
    full_strong = [o for o in strong if not is_abbreviated(o)]
    read = Counter({n: k for n, k in counts.items()
                    if n in strong or any(same_body(n, o) or same_body(o, n) for o in full_strong)})
    if not read and ref in cues()["self_reference_weak"] and refs[ref] >= cues()["self_reference_weak_min"]:
        # a town that says 我镇 again and again and names one town only, in passing
        # (开辟的漕河镇微信公众号): a town's text names no other town as its own
        read = counts
    named_at_all = set(counts)
    counts = read
    if not counts:
        return None
    full = [n for n in counts if not is_abbreviated(n)]
    if not full and len(named_at_all) == 1 and (only := next(iter(named_at_all))) in strong:
        # the text names its body only by its level's short form, the one name of its ending in the
        # whole text, and read as a name there (我局 … 省人社厅通过网站… pool s10 p054, 我局 … 完善了区人社局
        # 政府信息公开工作制度 b12 e31): that form, as the text writes it; not a bare level (县委、县政府、
        # 市局的正确领导下: the superior), nor a place a template blanked (xx县民族局); a superior's short
        # name beside it (市人社局的指导下) makes two names: none
        if (_dominant_self_ref(text) != ref or only[1:] in cues()["agency_generic"]
                or regex.search(rf"[A-Za-z*×＊○□]\s*{regex.escape(only)}", text) or _other_short_name(only, ends, text)):
            return None
        return only
    groups: dict[str, int] = {}
    for n in full:
        if any(same_body(n, o) for o in full):
            continue  # an abbreviation of a longer name in the text
        groups[n] = sum(k for o, k in counts.items() if o == n or same_body(o, n))
    if not groups:
        return None
    ranked = sorted(groups.items(), key=lambda kv: -kv[1])
    if len(ranked) == 1 or ranked[0][1] >= max(2, 2 * ranked[1][1]):
        return ranked[0][0]
    return None
