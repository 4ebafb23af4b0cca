"""Open slots of the proactive family, session 9 (issue 9, helper O1; b13 classes X3, X10, X11): each slot takes any
short run bounded by what it is NOT and closed by a head the family needs; data in patterns/facts/proactive.yaml
(OOPEN/ODENY, OQUANT, OADVW/OVERBW, OFILL, OPARTOF/OPRUN/OPARTTAIL; rules open-object, open-outlet, part-after-total).

1. OPEN OBJECT: between the verb and 政府信息/政务信息 a run of up to 12 characters naming the body's field (涉税务, 各类税务);
   two verbs coordinated (主动公开和更新), an adverb after 主动 (主动全面公开), a 、-list closed by 等政府信息. Not a part or
   kind of the items (重点领域, 其他应, 重要), not applications, not a negation.
2. OPEN FILLERS before the figure: 共 … 计 … 有 in any combination.
3. OPEN OUTLET: a generic outlet of several (各个平台, 多种渠道) is the total; a site named with its place is the body's
   site (the website-only reading still applies); a whole system speaking or press pieces are not.
4. PARTS AFTER A TOTAL: in a 其中-list right after the total, an outlet named by an open run with or without its verb
   (其中政务信息公开网554条,其它方式61条); not a channel's own breakdown, not applications.
Whole documents go through the real pipeline; the wordings are new (other bodies, figures and years)."""
from __future__ import annotations

import pytest
import yaml

from extractor.resources import patterns_dir
from test_outlets import _rule, _values as _outlet_values

TITLE = "清河县某某局2022年政府信息公开工作年度报告"


def _values(*paragraphs: str) -> tuple[dict, dict]:
    return _outlet_values(*paragraphs, head="一、主动公开政府信息情况", title=TITLE)


@pytest.mark.parametrize("sentence,total", [
    # the body's field before 政府信息 (a police bureau, a tax bureau), and after a quantifier
    ("2022年度,主动公开了涉警务政府信息318条,其中,通知通报40条、警务要闻77条。", 318),
    ("通过“清河税务”微博、“清河税务”微信等平台,及时、准确地主动公开各类税务政府信息2210条。", 2210),
    # two verbs coordinated; an adverb between 主动 and the verb with a 、-list closed by 等政府信息
    ("2022年,我局主动公开和更新各类信息744条,其中县局信息402条、党建动态51条。", 744),
    ("通过政府网站等方式,主动全面公开教育信息、行政许可、社会救助信息等政府信息5093条。", 5093),
    # a generic outlet of several
    ("本年度,我委在各个平台共公开信息927条,其中,政务信息平台公开总数为310条。", 927),
    # 计 between the object and the figure (the disclosure platform's figure is the total)
    ("2022年,我局在清河市政府信息公开平台共公开信息计166条,其中:机构领导栏目12条。", 166),
])
def test_open_slots_read_the_total(sentence, total):
    got, _ = _values(sentence)
    assert got.get("proactive.total") == total


def test_the_open_object_is_its_own_rule():
    got, rec = _values("2022年度,主动公开了涉警务政府信息318条。")
    assert got.get("proactive.total") == 318
    assert _rule(rec, "proactive.total") == "proactive.total#open-object"


@pytest.mark.parametrize("sentence", [
    # a part or kind of the items in the run
    "2022年,主动公开重点领域政府信息85条,其中统计信息20条。",
    "其他应主动公开的政府信息9条。",
    # press pieces on several media
    "2022年,我局在各媒体上发表宣传信息稿件94篇。",
    # more channels beyond the total, after 除…外,还通过
    "除在县政府信息公开网及时公开外,还通过省审计厅网、中国文明网等媒体主动向社会发布信息47条。",
])
def test_open_slots_refuse_their_counter_examples(sentence):
    got, _ = _values(sentence)
    assert "proactive.total" not in got


def test_a_site_named_with_its_place_and_a_gloss_is_the_bodys_site():
    # (b13 j06 shape) the bracket gloss names the disclosure platform, 有 before the figure; the one website figure is also
    # the total (policy A), though the portal is written with its city
    got, _ = _values("2022年在清河市政府门户网站(政府信息公开平台)主动公布政府信息有58条,主要涉及农业、城建等。")
    assert got == {"proactive.via.website": 58, "proactive.total": 58}


def test_the_year_past_with_a_named_site():
    got, _ = _values("一年来,通过清河市人民防空网站公布了各种公开信息共211篇。")
    assert got.get("proactive.total") == 211


def test_verbless_parts_after_the_total():
    got, rec = _values("2022年我局主动公开政府信息960条,其中政务信息公开网702条,其它方式58条。")
    assert got == {"proactive.total": 960, "proactive.via.website": 702, "proactive.via.other": 58}
    assert _rule(rec, "proactive.via.website") == "proactive.via.website#part-after-total"


def test_quoted_account_in_a_list_of_parts():
    got, _ = _values("2022年我镇对外公开各类政府信息455条,其中通过“清河县人民政府门户网站”发布信息63条、"
                     "“微清河公众号”发布信息120条。")
    assert got.get("proactive.via.wechat") == 120
    assert got.get("proactive.via.website") == 63


def test_a_channels_own_breakdown_is_not_read_as_parts():
    # (b8 k40 shape) the site's 120 broken down by sites and an account: none of them is the body's channel figure
    got, _ = _values("2022年,我局主动公开政府信息301条,包括:", "1.政务网公开120条,其中:省局网站22篇,市局网站57篇,"
                     "林业微信公众号36篇;", "2.微信公众号发布33条。")
    assert got.get("proactive.via.wechat") == 33
    assert got.get("proactive.via.website") not in (22, 57)


def test_parts_after_an_application_count_are_not_channels():
    got, _ = _values("2022年共收到政府信息公开申请12件,其中网上申请8件,信函4件。")
    assert not got


def test_a_whole_system_speaking_through_a_generic_outlet_is_not_the_open_outlet():
    # (b9 n01 shape: the region's bureaus together; the generic clause reader's own reading is not this slot's)
    _, rec = _values("2022年,全省气象部门通过各种渠道公开政府信息3630条。")
    assert all(f["rule"] != "proactive.total#open-outlet" for f in rec["facts"])


def test_the_stock_then_the_years_part_through_the_sites():
    # (b13 j10 shape) the stock up to the year's end is no figure of the year; its 其中本年度 part is the total
    got, rec = _values("截至2022年12月31日,在县政府网站累计公开政府信息1275条,其中本年度在县政府网站及本单位门户网站公开309条。")
    assert got.get("proactive.total") == 309
    assert _rule(rec, "proactive.total") == "proactive.total#year-part-after-stock"


def test_the_object_guard_is_one_list_in_both_readers():
    # the open object slot of the phrase rules (facts/proactive.yaml ODENY) and of the clause reader (clauses.yaml OBJDENY)
    # refuse the same words
    facts = yaml.safe_load((patterns_dir() / "facts" / "proactive.yaml").read_text(encoding="utf-8"))["macros"]
    clause = yaml.safe_load((patterns_dir() / "clauses.yaml").read_text(encoding="utf-8"))["macros"]
    assert facts["ODENY"] == clause["OBJDENY"]
    assert "申请" in facts["ODENY"].split("|") and "重点" in facts["ODENY"].split("|")


def test_the_clause_reader_takes_the_open_object_without_zhudong():
    got, _ = _values("2022年,我局公开了涉税政府信息416条。")
    assert got.get("proactive.total") == 416


def test_a_board_in_the_list_of_parts_is_another_channel():
    got, _ = _values("2022年我镇对外公开各类政府信息702条,其中通过“清河县人民政府门户网站”发布信息52条、"
                     "“微清河公众号”发布信息119条、通过公示公告栏等途径发布信息531条。")
    assert got == {"proactive.total": 702, "proactive.via.website": 52, "proactive.via.wechat": 119, "proactive.via.other": 531}


def test_the_columns_of_a_site_are_not_boards():
    # (dev g14 shape) verbless 其中-items ending in 栏 are the site's columns
    got, _ = _values("2022年主动公开政府信息512条,其中公示公告栏88条,部门文件栏20条,价格详情栏170条。")
    assert "proactive.via.other" not in got


def test_the_platforms_columns_named_after_a_channel_do_not_void_the_total():
    # (b13 l05 shape) 新闻发布栏目 is a column of the disclosure platform, not a news channel with its own count
    got, _ = _values("2022年,我局在清河市政府信息公开平台共公开信息计318条,其中:机构领导栏目40条,政策解读栏目12条,"
                     "新闻发布栏目7条,其他公开栏目259条。")
    assert got.get("proactive.total") == 318


@pytest.mark.parametrize("sentence", [
    # an offline media bundle, a sub-unit's share, a stock up to the year's end
    "2022年,通过报刊、广播、电视主动公开各类涉农政府信息共7420条。",
    "2022年,各乡镇主动公开各类涉农政府信息122条,占28.7%。",
    "截至2022年底,累计主动公开涉税政府信息1846条。",
])
def test_the_open_object_keeps_the_count_rules_guards(sentence):
    got, _ = _values(sentence)
    assert "proactive.total" not in got


# ---- WIDER SLOTS (session 9, issue 9, helper O3; b14 classes Y2, Y3, Y9): new wordings, whole pipeline

def test_a_coordinated_verb_pair_on_a_quoted_weibo_account_is_the_weibos_figure():
    got, rec = _values("2022年,我局通过各类平台主动公开政府信息402条,其中官方微博“@清河应急”共发布、转发信息177条,"
                       "回复网友咨询9条。")
    assert got.get("proactive.via.weibo") == 177
    assert _rule(rec, "proactive.via.weibo") == "proactive.via.weibo#weibo-outlet"


@pytest.mark.parametrize("sentence", [
    # reposts alone are another's items; two accounts together are no one account's figure
    "2022年,官方微博“@清河应急”转发信息177条。",
    "2022年,政务微博、微信公众号共发布信息177条。",
])
def test_the_weibo_outlet_keeps_its_guards(sentence):
    got, _ = _values(sentence)
    assert "proactive.via.weibo" not in got


def test_the_statutory_pair_made_or_obtained_before_the_proactive_part():
    got, _ = _values("2022年共制作、获取政府信息356条,其中主动公开241条,不予公开115条。")
    assert got.get("proactive.total") == 241


def test_a_site_named_xinxi_gongkai_wang_in_a_list_of_outlets():
    got, rec = _values("2022年,我院依托县政府信息公开网、医院官网、微信公众号等载体向社会公布信息538条。")
    assert got.get("proactive.total") == 538
    assert _rule(rec, "proactive.total") == "proactive.total#outlet-list"


def test_cumulative_after_the_year_and_one_clause_of_topics_is_the_years():
    got, _ = _values("2022年,我办围绕“稳就业”“保民生”、社会保障和养老服务等方面重要政策,累计主动公开政府信息1324条。")
    assert got.get("proactive.total") == 1324


@pytest.mark.parametrize("sentence", [
    "2022年,我局自2008年起累计主动公开政府信息1324条。",
    "2022年,我局信息公开平台上线十年来,累计主动公开政府信息1324条。",
    "2022年,截至年底,累计主动公开政府信息1324条。",
])
def test_cumulative_across_years_stays_unread(sentence):
    got, _ = _values(sentence)
    assert "proactive.total" not in got


def test_an_account_as_subject_with_its_role_said_before_its_figure():
    # (b14 o25 shape) the account's role (发挥…作用) between the account and its figure, as its running (保持常态化运营)
    got, rec = _values("2022年我局主动公开政府信息611条。同时,“清河政务”微信公众号也充分发挥作用,全年共推送信息207条,"
                       "让群众及时了解工作进展。")
    assert got.get("proactive.via.wechat") == 207
    assert _rule(rec, "proactive.via.wechat") == "proactive.via.wechat#wechat-carried"
