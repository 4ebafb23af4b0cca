"""The year a document covers (``document.year``): its title's year, a statistics period, the
opening's announcement, the clauses that open with the year and their subject, a non-annual
document's period (a quarter, a round of evaluation, months counted), a notice's or assessment
rule's own number or date, the plan a self-inspection carries out, a quarter report's signing
date. Split from extractor/metadata.py (``describe`` calls it); cue words live in
patterns/metadata.yaml (``year_*``, ``quarter``, ``annual_hallmarks``).
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from .metadata_base import YEAR, alt, words, compiled, cn_int, cue_rx, cues, year_of, DATE_RE

_WS_RUN = regex.compile(r"\s+")
# the label of a statistics period (统计期限自2022年1月1日起至2022年12月31日止)
_PERIOD_LABEL = rf"统计(?:{words('year_words', 'period_labels')})"



_PERIOD = regex.compile(
    rf"{_PERIOD_LABEL}[^。\n]{{0,12}}?(?P<y1>{YEAR})年\s*1\s*月\s*1\s*日(?:起)?[,]?\s*(?:至|到|-|—|~)+\s*"
    rf"(?:(?P<y2>{YEAR})年)?\s*12\s*月\s*31\s*日"
)
# (a comma may stand between the start and the end, as in _PERIOD_PART: 本报告所列统计数据的期限自2017年1月1日起,至2017年12月31日止
# - b18 ad32, whose year rests on it; the shape of 36 local texts; session 11 T2)
# a statistics period ending before the year's last day, within the one year it names twice
# (统计期限自2022年1月1日起至2022年12月20日止)
_PERIOD_SHORT = regex.compile(
    rf"{_PERIOD_LABEL}[^。\n]{{0,12}}?(?P<y1>{YEAR})年\s*1\s*月\s*1\s*日(?:起)?\s*(?:至|到|-|—|~)+\s*"
    rf"(?P<y2>{YEAR})年\s*(?:1[0-2]|[1-9])\s*月\s*\d{{1,2}}\s*日"
)
# a statistics period of part of one year, ending on its last day (a district founded in August:
# 统计期限自2016年8月19日起,至2016年12月31日止)
_PERIOD_PART = regex.compile(
    rf"{_PERIOD_LABEL}[^。\n]{{0,12}}?(?P<y1>{YEAR})年\s*(?:1[0-2]|[1-9])\s*月\s*\d{{1,2}}\s*日"
    rf"(?:起)?[,]?\s*(?:至|到|-|—|~)+\s*(?:(?P<y2>{YEAR})年)?\s*12\s*月\s*31\s*日"
)
# a whole year's period in the opening under any label (统计时限, the misspelt 统计限, 数据时限) or
# none, in 年月日 or in figures (2015-1-1起至2015-12-31止; 201411日起至20141231日止, a copy that lost
# its 月 and 日): the year, when every such period in the opening names the same one
_DATE_SEP = r"\s*(?:年|[-./])?\s*"
_PERIOD_ANY = regex.compile(
    rf"(?<!\d)(?P<y1>{YEAR}){_DATE_SEP}0?1\s*(?:月|[-./])?\s*0?1\s*日?\s*(?:起)?[,]?\s*(?:至|到|—|~|－|-)+\s*"
    rf"(?:(?P<y2>{YEAR}){_DATE_SEP})?12\s*(?:月|[-./])?\s*31(?!\d)\s*日?")
_PERIOD_ANY_CHARS = 1500


def _period_any_year(text: str) -> int | None:
    years = {year_of(m.group("y2") or m.group("y1")) for m in _PERIOD_ANY.finditer(text[:_PERIOD_ANY_CHARS])
             if m.group("y2") is None or m.group("y1") == m.group("y2")}
    years.discard(None)
    return years.pop() if len(years) == 1 else None


_INTRO_YEAR = [
    # (the year's digits spaced from 年 in a copied title: 特编制黄埔海关 2009 年度信息公开报告)
    regex.compile(rf"(?:{words('year_words', 'intro_leads')})\p{{Han}}{{0,30}}?\s?(?P<y>{YEAR})\s?年度?"),
    regex.compile(
        rf"(?P<y>{YEAR})\s?年度?\s?(?:我\p{{Han}})?(?:{words('year_words', 'intro_subjects')})(?:工作)?"
        rf"(?:{words('year_words', 'intro_report_words')})"
    ),
]
# a clause opening with the year: "2013年,…" / "2020年度我街办未接到…" (the body as subject)
@lru_cache(maxsize=1)
def _sent_year_rx() -> regex.Pattern:
    """A clause opening with the year: "2013年,…" / "2020年度我街办未接到…" / "2019年度街道受理…"
    (the body, or the generic word a text uses for itself, as subject)."""
    subjects = alt(regex.escape(w) for w in cues()["year_clause_subjects"])
    plan = alt(regex.escape(w) for w in cues()["year_plan_words"])   # (a plan's heading: 五、下一步工作打算 2018年,…)
    return regex.compile(
        # (or a numbered item: (一)2011年度我院已明确依申请公开的受理机构)
        # (or a numbered heading inside a line, then a space: 一、概述 2017年,我街道认真… - a report extracted as one long
        # line, b18 ae38, whose year rests on it; the shape of 20 local texts; session 11 T2)
        rf"(?:^|[。\n:]|[(（][一二三四五六七八九十\d]{{1,3}}[)）]|(?<![\p{{Han}}\d])[一二三四五六七八九十]{{1,3}}、(?:(?!{plan})\p{{Han}}){{2,12}}\s)\s*(?:{words('year_words', 'until')})?(?P<y>(?:19|20)\d\d)\s*年(?:度|底)?\s*"
        rf"(?:[,]|(?=我(?!们将)|本(?:{words('year_words', 'self_bodies')})|(?:{subjects})(?!{words('year_words', 'plan_after_subject')})))")


@lru_cache(maxsize=1)
def _self_year_rx() -> regex.Pattern:
    """A clause opening with the body's self-reference, the year right after it: "本局2017年共受理…" (``self_before_year``;
    not its plan: 我局2018年将…)."""
    return regex.compile(
        rf"(?:^|[。\n:;,])\s*(?:本|我)(?:{alt(regex.escape(w) for w in cues()['year_words']['self_before_year'])})"
        rf"\s*(?P<y>(?:19|20)\d\d)\s*年(?:度)?(?!\s*(?:{words('year_words', 'plan_after_subject')}))", regex.M)


# a clause opening with the year's last day: "截止2023年12月31日我局通过官方网站发布…"
_YEAR_END = regex.compile(
    rf"(?:^|[。\n:;,])\s*(?:{words('year_words', 'until_subjects')})?(?:{words('year_words', 'until')})"
    rf"(?:{words('year_words', 'until_joins')})?\s*(?P<y>(?:19|20)\d\d)\s*年\s*(?:12\s*月\s*31\s*日|底|末)")


@lru_cache(maxsize=1)
def _plan_rx() -> regex.Pattern:
    return regex.compile(rf"[^。;\n]{{0,12}}?(?:{alt(regex.escape(w) for w in cues()['year_plan_words'])})")


# a year ending a two-year span (2021-2022年度) is read up to its join
_SPAN_END = regex.compile(rf"(?<!\d)(?:19|20)\d\d\s*(?:{words('year_words', 'span_joins')})\s*\Z")


def _quarter(title: str | None) -> int | None:
    m = cue_rx(cues()["quarter"]).search(title or "")
    return cn_int(m.group("q")) if m else None


def _year(title_year, text, kind, date, quarter=None) -> int | None:
    if title_year:
        return title_year
    if quarter and date:
        # a quarter's report is signed in or after its quarter; the 4th quarter's in
        # the first months of the next year
        y, mo = int(date[:4]), int(date[5:7])
        if quarter == 4 and mo <= 3:
            return y - 1
        if mo > 3 * (quarter - 1):
            return y
    m = _PERIOD.search(text)
    if m and (m.group("y2") is None or year_of(m.group("y2")) == year_of(m.group("y1"))):
        # 自2013年1月1日起至12月31日止: the end's year left out is the start's; a period of two
        # calendar years (2020年1月1日至2021年12月31日, a slip in a 2020 report: pool s10 p261) names
        # no one year covered - the year is read from the text's other evidence
        y = year_of(m.group("y2") or m.group("y1"))
        if y:
            return y
    m = _PERIOD_SHORT.search(text)
    if m and (y := year_of(m.group("y1"))) and y == year_of(m.group("y2")):
        return y
    m = _PERIOD_PART.search(text)
    if m and (y := year_of(m.group("y1"))) and (m.group("y2") is None or y == year_of(m.group("y2"))):
        return y
    if y := _period_any_year(text):
        return y
    head = text[:1500]
    plan = _plan_rx()
    counts = None   # the years of the clauses (_clause_years), counted only when asked

    def clause_years() -> Counter:
        nonlocal counts
        if counts is None:
            counts = _clause_years(text)
        return counts

    for rx in _INTRO_YEAR:
        for m in rx.finditer(head):
            # "为此,2015年政府信息公开工作我们将…": next year's plan, not the year covered
            if plan.match(head, m.end()):
                continue
            if _SPAN_END.search(head, max(0, m.start("y") - 12), m.start("y")):
                continue  # 2021-2022年度: the end of a school year's span, not the year covered
            y = year_of(m.group("y"))
            # 制发《2022年政务公开工作实施方案的通知》: a cited document's year is not this one's when
            # the text's own clauses open with another year (2023年,我办…); else it is the one it follows
            if y and _in_book_title(head, m.start()) and clause_years() and y not in clause_years():
                continue
            if y:
                return y
            break
    if kind != "annual_report" and (y := _nonannual_period_year(
            text, kind == "self_inspection" and cues()["year_nonannual"]["rectification"] in text[: cues()["year_nonannual"]["head_chars"]])):
        return y
    if clause_years():
        return clause_years().most_common(1)[0][0]
    if date and not quarter:
        y, mo = int(date[:4]), int(date[5:7])
        if mo <= 3 and kind in ("annual_report", "self_inspection", "work_summary"):
            return y - 1
        if mo > 3 and kind in cues()["year_nonannual"]["date_kinds"]:
            return y  # a self-inspection signed in August covers its own year
    return None


def _clause_years(text: str) -> Counter:
    """The years that open the text's clauses (``_sent_year_rx``, ``_YEAR_END``, ``_self_year_rx``), counted."""
    counts = Counter(year_of(m.group("y")) for rx in (_sent_year_rx(), _YEAR_END, _self_year_rx()) for m in rx.finditer(text))
    counts.pop(None, None)
    return counts


def _number_field(text: str) -> str | None:
    """The document's own number in a page field (发文字号: 梁平府发〔2020〕19号), else None."""
    m = compiled()["page_field"]["number"].search(text[: cues()["page_fields"]["head_chars"]])
    return m.group("v").strip() if m and m.group("v").strip() else None


_OWN_NUMBER_LINE = regex.compile(
    rf"^[(（]?\s*(?P<n>\p{{Han}}{{1,16}}\s*[〔\[【(（]\s*(?:19|20)\d\d\s*[〕\]】)）]\s*(?:第\s*)?\d{{1,5}}\s*号)"
    rf"\s*(?:{DATE_RE.pattern})?\s*[)）]?\s*$")


def _number_under_title(lines, at: int) -> str | None:
    """The document's own number on a line of its own right under its title (甘政办发〔2008〕76号,
    perhaps with its date in brackets: (甘政办发〔2008〕76号 2008年6月20日)), else None."""
    for j in (at + 1, at + 2):
        if j < len(lines) and (m := _OWN_NUMBER_LINE.match(lines[j][2].strip())):
            return m.group("n")
    return None


_NUMBER_YEAR = regex.compile(r"[〔\[【(（]\s*(?P<y>(?:19|20)\d\d)\s*[〕\]】)）]")


def own_document_year(title: str | None, kind: str, number: str | None, date: str | None) -> int | None:
    """The year of a notice that covers no period (``year_own_document``): its own number's
    year, else its signing or issue date's; None for other kinds and titles."""
    c = cues()["year_own_document"]
    if kind not in c["kinds"] or not title or not _WS_RUN.sub("", title).endswith(tuple(c["title_endings"])):
        return None
    if number and (m := _NUMBER_YEAR.search(number)):
        return year_of(m.group("y"))
    return int(date[:4]) if date else None


def this_year_plan_year(text: str, kind: str) -> int | None:
    """A non-annual text speaking of this year (今年以来) whose only year is the one of the plan
    it carries out (《关于印发2014年政府信息公开要点的通知》): that year (``year_this_year``)."""
    c = cues()["year_this_year"]
    if kind == "annual_report" or not any(w in text for w in c["words"]):
        return None
    plans = {year_of(m.group("y")) for m in cue_rx(c["plan"]).finditer(text)}
    every = {year_of(m.group(0)) for m in _ANY_YEAR.finditer(text)}
    if len(plans) == 1 and every == plans:
        return plans.pop()
    return None


_ANY_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _nonannual_period_year(text: str, rectification: bool = False) -> int | None:
    """The year of the period a non-annual document's opening names (2020年三季度, 2021年第二次
    测评, 2016年1—11月份: ``year_nonannual`` in patterns/metadata.yaml): the first one."""
    c = cues()["year_nonannual"]
    head = text[: c["head_chars"]]
    # a period inside a cited document's title (《…关于2017年一季度…抽查情况的通报》) is that
    # document's, not this one's
    every = [m for p in c["periods"] for m in cue_rx(p).finditer(head)]
    found = [m for m in every if not _in_book_title(head, m.start())]
    if not found and rectification:
        # … unless the document puts right what that one found and names no period of its own
        # (接到《…关于反馈2020年第二季度政务公开测评结果的通知》后…现将整改情况汇报如下)
        found = every
    if not found:
        return None
    return year_of(min(found, key=lambda m: m.start()).group("y"))


def _in_book_title(text: str, at: int) -> bool:
    """``at`` lies inside 《…》 (an opening 《 before it not closed yet)."""
    return text.rfind("《", 0, at) > text.rfind("》", 0, at)


__all__ = ["own_document_year", "this_year_plan_year"]
