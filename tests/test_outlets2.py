"""The outlet grammar of proactive disclosure, session 8 (issue 9 X1/X4/X10; slot table /work/notes/s8_slots_t1.md):
the slots mined over every local real text and 30+ searched reports — the disclosure column or platform of a site
(DCOL), the government's 外网, the verbs 发送/新增/登载 and the objects 推文/图文/消息/资讯 — and the frame in the orders the
reports write: the outlet named first or as the subject, the object before the verb (…办公室信息公开N条), several sites
coordinated with a purpose clause between, a lead clause opening a column before the figure. Whole documents go through the
real pipeline, so the document-level parts (the fallbacks of facts.py, reconciliation) are exercised; the wordings are those
of b12 and of reports in no batch, with other bodies, years and figures."""
from __future__ import annotations

import pytest

from test_outlets import _rule, _values as _outlet_values

TITLE = "江城县某某局2023年政府信息公开工作年度报告"


def _values(*paragraphs: str, head: str = "一、主动公开政府信息情况", title: str = TITLE) -> tuple[dict, dict]:
    return _outlet_values(*paragraphs, head=head, title=title)


@pytest.mark.parametrize("sentence,total", [
    # the column of the site named as the subject (b12 e23), or after 通过 with its title in 《》 (b12 e49)
    ("2023年,政府信息公开栏目共计发布信息412条,其中“政府文件”栏目公开区级文件信息31条。", 412),
    ("2023年,我局通过《政府信息公开》栏目主动公开政府信息906条。", 906),
    # the disclosure platform (b12 f35; a township in no batch: 通过政府信息公开平台精准推送各类政务信息255条)
    ("2023年,城南街道在政府信息公开平台公开信息187条,包括机构信息、财政信息、政策文件等。", 187),
    ("2023年,我镇通过政府信息公开平台精准推送各类政务信息233条,累计浏览量达21034次。", 233),
    # the township's 政务公开平台 as the subject, up to the end of its own year (pool pc43)
    ("截至2023年12月31日,我镇政务公开平台共公开信息52条,其中组织机构类信息1条,政务动态类信息40条。", 52),
])
def test_the_disclosure_column_or_platform_is_the_total_not_the_site(sentence, total):
    got, rec = _values(sentence)
    assert got.get("proactive.total") == total
    assert "proactive.via.website" not in got
    assert _rule(rec, "proactive.total") == "proactive.total#disclosure-outlet"


def test_a_quoted_platform_of_the_portal_with_two_adverbs_before_the_verb():
    # (b12 f15: the portal and its quoted platform, 共累计 of the twelve months named before; 32 characters between them)
    got, _ = _values("2023年1月1日至12月31日,我局在县人民政府门户网站“信息公开内容管理平台”共累计发布政府信息318条。")
    assert got == {"proactive.total": 318, "proactive.via.website": 318}
    # the same 累计 after 截至…年底 stays several years' stock
    got, _ = _values("截至2023年底,我局在县人民政府门户网站“信息公开内容管理平台”共累计发布政府信息3180条。")
    assert "proactive.total" not in got


def test_several_sites_coordinated_with_a_purpose_clause_between():
    # (b12 e41) the figure one clause on, the purpose clause between names no outlet
    got, rec = _values("2023年,市办通过市政府网站、单位网站及时做好信息公开,使人民群众能及时了解相关信息,共计发布信息211条。")
    assert got == {"proactive.total": 211}
    # … a clause between that names another outlet is no purpose clause: the figure is not the sites'
    got, _ = _values("2023年,市办通过市政府网站、单位网站及时做好信息公开,同时运营微信公众号,共计发布信息211条。")
    assert "proactive.total" not in got


def test_a_lead_clause_opening_a_column_before_the_years_figure():
    # (b12 f18, the year written 08年; here 23年)
    got, _ = _values("为满足信息公开工作的需要,在学校网站增设办事公开专栏,23年总计发布信息97条,其中机构职能类41条,政策法规类22条。")
    assert got == {"proactive.total": 97}


def test_the_disclosure_outlet_gives_way_to_another_channel_or_another_total():
    column = "2023年,我局通过《政府信息公开》栏目主动公开政府信息906条。"
    # another channel counted in the document: the column's figure is one part
    got, _ = _values(column, "通过“江城发布”微信公众号发布信息1204条。")
    assert "proactive.total" not in got and got.get("proactive.via.wechat") == 1204
    # a total read by another rule stands
    got, _ = _values("2023年,我局共主动公开政府信息2310条。", column)
    assert got.get("proactive.total") == 2310


@pytest.mark.parametrize("sentence,total", [
    # the object before the verb, the body as the subject (b12 e43; a township in no batch: 我镇信息主动公开292条)
    ("2023年,江城县人民政府办公室信息公开8734条,其中“五公开”基础信息5021条,重点领域信息3713条。", 8734),
    ("2023年1月1日到2023年12月31日止,我镇信息主动公开187条。其中政务信息150条,财务信息37条。", 187),
])
def test_the_object_before_the_verb(sentence, total):
    got, _ = _values(sentence)
    assert got.get("proactive.total") == total


@pytest.mark.parametrize("sentence", [
    # a kind of items before 信息公开, not a body (b7 q25), nor a channel (a township in no batch: 其中线上信息公开15条)
    "2023年,人员招录信息公开3条,疫情信息公开8条。",
    "2023年我镇主动公开政府信息数22条,其中线上信息公开15条。",
])
def test_the_object_before_the_verb_needs_a_body(sentence):
    got, _ = _values(sentence)
    assert got.get("proactive.total") != 3 and got.get("proactive.total") != 15


def test_the_governments_external_site_but_not_its_internal_network():
    # (b12 e11: 外网 with the parts in brackets after the figure)
    got, _ = _values("2023年度,我镇在县人民政府外网主动公开政府信息数21条(其中:乡镇动态17条,财政预算决算4条)。")
    assert got.get("proactive.via.website") == 21
    got, _ = _values("2023年度,我局在局内网发布通知信息120条。")
    assert "proactive.via.website" not in got and "proactive.total" not in got


def test_the_wechat_verb_send_and_its_pieces():
    # (b12 e44: 发送推文; the weibo's 消息 beside it)
    got, _ = _values("其中,通过校官方微信公众号共发送推文412条,校园官方微博发布消息2861条,官方抖音发布短视频96条。")
    assert got.get("proactive.via.wechat") == 412 and got.get("proactive.via.weibo") == 2861


def test_the_wechat_figure_after_a_clause_naming_its_contents_keeps_the_site_from_the_total():
    # (b12 e35: the account publishes in one clause, the contents and the figure follow; the website's own figure is then one
    # part, not the total by the website-only fallback)
    got, _ = _values("2023年我局通过“江城县人民政府网站”公开政务信息97条。",
                     "通过我局微信公众平台发布图文信息,公开的信息包括工作动态、重大会议、政策法规等共41篇,丰富了干部的学习形式。")
    assert got.get("proactive.via.wechat") == 41
    assert got.get("proactive.via.website") == 97
    assert "proactive.total" not in got


def test_the_list_closed_by_and_other_information_is_all_of_it():
    # (b12 f12) 及其他信息 closes the list of what was published; 其他 there is no unit of the body
    got, _ = _values("2023年累计发布法律法规、规范性文件及其他信息共173条。", head="二、主动公开信息情况")
    assert got.get("proactive.total") == 173


def test_the_years_figure_after_a_stock_up_to_now():
    # (b12 e10) the stock first, the year's own figure in the next clause
    got, rec = _values("截至目前共发布704条信息,2023年公开政府信息83条,其中,概况信息2篇,公文3篇,政务动态61篇。")
    assert got.get("proactive.total") == 83
    # (read by year-after-stock-now, or since session 14 C1 by any proactive.total rule: the year's 2023年 opening the clause
    # after the stock's own figure lets the common not_this skip the stock's clause) - the evidence is the year's clause only
    fact = next(f for f in rec["facts"] if f["key"] == "proactive.total")
    assert "83条" in fact["evidence"] and "704" not in fact["evidence"]
    # the stock alone is no figure of the year
    got, _ = _values("截至目前共发布704条信息。")
    assert "proactive.total" not in got


@pytest.mark.parametrize("sentence,want", [
    # (b12 f17) the report's own year first, the previous year's figure in the next clause: the own year's
    ("2023年江城第二中学主动公开政府信息218条,2022年主动公开政府信息197条,近四年累计主动公开政府信息的数量801条。", 218),
    # the other order: which figure is the year's stays open (two readings, none taken)
    ("2022年主动公开政府信息197条,2023年江城第二中学主动公开政府信息218条。", None),
])
def test_another_years_figure_in_the_same_sentence(sentence, want):
    got, _ = _values(sentence, title="江城第二中学2023年政府信息公开工作年度报告")
    assert got.get("proactive.total") == want


def test_the_site_and_its_column_after_the_total_and_its_parts_are_the_websites():
    # (b12 e44) 此外 opens one more channel after the total stated in the paragraph: the website's part
    total = "2023年,全校主动公开信息3120条。其中,通过校官方微信公众号共发送推文288条。"
    column = "此外,通过江城市人民政府门户网站本校政务公开专栏公开学校规划计划、政策文件、工作动态、招聘信息、人事任免等207条。"
    got, rec = _values(total + column)
    assert got.get("proactive.total") == 3120 and got.get("proactive.via.website") == 207
    assert _rule(rec, "proactive.via.website") == "proactive.via.website#column-beside-total"
    # with no total before it the column is no website part
    got, _ = _values(column)
    assert "proactive.via.website" not in got


def test_adverbs_between_the_outlet_and_its_verb():
    # (b12 e33, b8 k23: a coordinated adverbial with 、 before the verb; 及时 is no list of channels)
    got, _ = _values("2023年医院在江城市人民政府信息公开网上及时完善内容、规范发布信息总计27条。")
    assert got == {"proactive.total": 27, "proactive.via.website": 27}
    # a real list of channels before the verb still is one (no site figure, no total)
    got, _ = _values("2023年医院在江城市人民政府信息公开网、微信公众号及时发布信息总计270条。")
    assert "proactive.via.website" not in got


def test_the_sites_items_counted_in_jian_with_the_stock_aside():
    # (b10 c30) 件 as the measure, the stock in brackets right after the year's figure
    got, _ = _values("截至2023年12月31日,江城区政府网站首页共当年更新信息402件(累计公开4310件)。")
    assert got.get("proactive.via.website") == 402
    # the stock alone stays out
    got, _ = _values("截至2023年底,江城区政府网站累计更新信息4310件。")
    assert "proactive.via.website" not in got
