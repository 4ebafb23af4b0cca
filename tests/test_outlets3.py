"""Frames of proactive disclosure, session 8b (issue 9, helper F2; b13 classes X1, X2): one mechanism each, data in
patterns/facts/proactive.yaml (outlet-list, OLIST/OLITEM/OLNOUN) and patterns/facts/_common.yaml (the 累计 guard).

1. COORDINATION IN THE OUTLET SLOT: two to five outlets coordinated, the site among them and beside it a new-media
   account or a second site, closed or not by 等平台/方式: the total over them. A list of traditional media, the site with
   news media or a notice board only, wechat and weibo together, or a part after 其中 stays out.
2. 累计 BOUNDED BY THE REPORT'S PERIOD: 一年来 (one clause may stand between) is the year; 十一年来 and 截至…累计 are not.
Whole documents go through the real pipeline; the wordings are b13's and b8's with other bodies, figures and years."""
from __future__ import annotations

import pytest

from test_outlets import _rule, _values as _outlet_values

TITLE = "江城县某某局2023年政府信息公开工作年度报告"


def _values(*paragraphs: str, head: str = "一、主动公开政府信息情况", title: str = TITLE) -> tuple[dict, dict]:
    return _outlet_values(*paragraphs, head=head, title=title)


@pytest.mark.parametrize("sentence,total", [
    # the site and an account closed by 等平台 (b13 i09), two outlets after 依托 (b13 i22), three closed by 等方式 with a
    # clause and a list of kinds between (b13 i25), two sites (b8 k17)
    ("2023年,通过门户网站、健康江城微信公众号等平台公开发布信息1873条。", 1873),
    ("2023年,依托县政府网站、政务新媒体公开信息54条。", 54),
    ("2023年,通过官方网站、政务新媒体、公告栏等方式,及时公开机构职能、政策文件等政府信息共23条。", 23),
    ("2023年,街道通过市政府采购网站、区政府网站发布各类信息数846条,其中工作动态400条。", 846),
    ("2023年,我局通过政府网站和政务微博发布信息312条。", 312),
])
def test_a_coordinated_list_of_outlets_is_the_total_over_them(sentence, total):
    got, rec = _values(sentence)
    assert got.get("proactive.total") == total
    assert _rule(rec, "proactive.total") == "proactive.total#outlet-list"


@pytest.mark.parametrize("sentence", [
    # traditional media only (b13 l26), the site with news media or a notice board only, wechat and weibo together
    "2023年,通过报刊、广播、电视公开信息共4120条。",
    "2023年,通过门户网站和新闻媒体发布信息300条。",
    "2023年,通过县政府网站和政务公开栏发布信息260条。",
    "2023年,通过微信、微博发布信息300条。",
])
def test_a_list_without_the_site_and_an_account_is_no_total(sentence):
    got, _ = _values(sentence)
    assert "proactive.total" not in got


def test_a_part_after_qizhong_is_not_the_total():
    # (b5 u10) the whole is stated first; the sites' part after 其中 must not rival it
    got, rec = _values("2023年全年,我局公开各类信息共计9210条,其中通过政府网站及局官网公开信息8120条,"
                       "通过微信公众号发布信息1000余条。")
    assert got.get("proactive.total") != 8120
    assert _rule(rec, "proactive.total") != "proactive.total#outlet-list"


def test_leijie_bounded_by_the_year_past_is_the_years_figure():
    # (b13 l28) 一年来 with one clause naming the platforms between
    got, _ = _values("一年来,通过江城县人民政府门户网站“部门信息公开”专栏等平台,累计主动公开政府信息37条。")
    assert got.get("proactive.total") == 37
    # … but eleven years past, and a stock up to a date, are no year's figure
    got, _ = _values("十一年来,通过江城县人民政府门户网站等平台,累计主动公开政府信息3700条。")
    assert "proactive.total" not in got
    got, _ = _values("截至2023年底,通过江城县人民政府门户网站等平台,累计主动公开政府信息3700条。")
    assert "proactive.total" not in got


def test_figure_first_channel_parts_in_a_qizhong_list():
    # (b13 l10) the figure before its outlet, each item of the 其中-list one outlet's part
    got, rec = _values("2023年度某某局主动公开政府信息总数512条,其中471条通过政府网站公开,41条通过政务微信公开。")
    assert got == {"proactive.total": 512, "proactive.via.website": 471, "proactive.via.wechat": 41}
    assert _rule(rec, "proactive.via.website") == "proactive.via.website#figure-first"
    # … two outlets in one item are neither's part; outside a 其中-list the figure-first item is not read
    got, _ = _values("2023年度某某局主动公开政府信息总数512条,其中471条通过政府网站和政务微信公开。")
    assert "proactive.via.website" not in got and "proactive.via.wechat" not in got
    got, _ = _values("2023年,我局收到申请5件,其中3件通过政府网站公开。")
    assert "proactive.via.website" not in got
