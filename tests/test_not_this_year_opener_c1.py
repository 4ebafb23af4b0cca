"""Session 14 C1: a cumulative word of the clause before, closed by that clause's own figure, does
not block the year's own figure of a clause the year's marker opens (_common.yaml
not_this_year_opener, own_year; normalize.not_this_from, read by the rules and the clause reader).
Harvest of all real text: /work/notes/s14/c1_pairs.md."""
import regex

from extractor.normalize import not_this_from, year_view
from extractor.pipeline import extract
from extractor.rules.loader import common_not_this


def _values(year: int, body: str) -> dict:
    doc = (f"某某县人民政府办公室{year}年政府信息公开工作年度报告\n一、总体情况\n" + body + "\n").encode("utf-8")
    return dict(extract(doc, name="r.txt")["values"])


def test_the_year_after_a_stock_is_read():
    # b23 ap14: the portal's stock, then the year's own figure
    assert _values(2009, "自治区政府门户网站累计主动公开信息6674条,本年度主动公开信息1068条,全文电子化率为100%。"
                   ).get("proactive.total") == 1068
    # b13 j10: 其中本年度 - the year's part of the stock, its outlets read too
    assert _values(2014, "截至2014年12月31日,在县政府网站累计公开政府信息846条,其中本年度在县政府网站及本单位门户网站公开214条。"
                   ).get("proactive.via.website") == 214


def test_any_key_and_any_year_marker():
    assert _values(2020, "政务微信累计发布信息1200条,今年通过官方微博发布信息500条。").get("proactive.via.weibo") == 500
    assert _values(2020, "历年累计受理政府信息公开申请52件,本年度受理政府信息公开申请14件。"
                   ).get("applications.received") == 14


def test_the_own_year_written_out_is_the_marker():
    body = "县政府门户网站累计发布信息6674条,2020年通过门户网站发布信息1068条。"
    assert _values(2020, body).get("proactive.via.website") == 1068
    # another year is that year's figure, not the report's
    assert _values(2021, body) == {}
    text = "累计发布信息6674条,其中2020年新增14条"
    view = year_view(text, 2020)
    assert len(view) == len(text) and "其中本年度全年新增" in view
    assert year_view(text, 2021) == text


def test_a_part_of_the_stock_stays_out():
    # no year marker: a part of the cumulative figure (b8 k26, pool s10 p213)
    assert _values(2020, "我委累计主动公开政府信息37条,其中政府规章文件类信息15条。") == {}
    assert _values(2020, "微信公众号累计发布2100篇,官方微博发布2500篇。") == {}
    # the guard word without a figure of its own after it still holds (截至目前 reaches the clause after it)
    assert _values(2020, "截至目前,本年度通过门户网站发布信息1068条。") == {}
    # a 、-item of a list is no clause of its own
    assert _values(2020, "累计发布信息6674条、本年度通过门户网站发布信息1068条。") == {}


def test_where_the_guard_is_looked_for():
    nt = common_not_this(None)
    text = "门户网站累计主动公开信息6674条,本年度主动公开信息1068条"
    own = text.index(",") + 1
    assert not_this_from(text, 0, own, nt) == own
    # the year's marker is a span's start or end: no opener
    for after in ("本年度以来主动公开信息1068条", "本年底主动公开信息1068条", "主动公开信息1068条"):
        t = "门户网站累计主动公开信息6674条," + after
        assert not_this_from(t, 0, own, nt) == 0, after
    # the guard word after the clause's figure: not closed by it
    t = "主动公开信息6674条(累计),本年度主动公开信息1068条"
    assert not_this_from(t, 0, t.index(",") + 1, nt) == 0
    # the own clause's own guard words still count (the search starts at the clause, not past it)
    t = "累计主动公开信息6674条,本年度累计至今公开1068条"
    start = not_this_from(t, 0, t.index(",") + 1, nt)
    assert regex.search(nt, t[start:]) is not None
