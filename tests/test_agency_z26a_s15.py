"""Session 15, task Z26-A: document.agency - the classes of b26's agency misses seen in two reports or more.

- ``agency_suffixes``: a people's organisation by its head, 联合会 and its short form 残联 (酒泉市残疾人联合会2015年…年度报告
  b26 ax07; 2025年,公主岭市残疾人联合会(以下简称“市残联”)在… / 市残联政府信息公开工作年度报告 pool s11 q161).
- ``agency_words.year_openers``: the year's end opening its subject (截至2018年底,县商务局依托… b26 ax05; 截至2016年底,
  澧县信访局… b26 ax18; 截至2017年底,区司法局… b14 o69; 截至2022年底,区审计局… pool s11 q187); ``year_subject_verbs``:
  依托, the means the subject relied on (2024年,沌口街道依托… b25 at12; 2024年,杭州市余杭卫生健康局依托… b15 b66; b26 ax05).
- ``agency_open.own_rules_owner``: the body named before the title of its rules, which names none (建立了民防局《政府信息
  公开制度》 b26 ax17; 修订完善省人防办《政府信息公开指南》 b13 l19).
Sentences are written anew after the real shapes; each positive fails without the change.
"""
from __future__ import annotations

from text_docs import meta

_BODY = ("二、主动公开政府信息情况", "全年主动公开政府信息47条。", "三、依申请公开政府信息情况",
         "全年未收到政府信息公开申请。")


def _agency(*lines: str):
    return meta(*lines, *_BODY)["agency"]


def test_a_peoples_organisation_titles_its_report():
    assert _agency("某某市残疾人联合会2015年政府信息公开工作年度报告", "一、概述",
                   "2015年,市残联认真贯彻执行《条例》。") == "某某市残疾人联合会"


def test_a_peoples_organisation_as_the_years_subject_completes_its_short_title():
    # pool s11 q161: the title 市残联…, the year's subject its full name declaring the short form
    assert _agency("市残联政府信息公开工作年度报告",
                   "2025年,某某市残疾人联合会(以下简称“市残联”)在市委、市政府的坚强领导下,严格遵循《条例》要求。",
                   "一、总体情况") == "某某市残疾人联合会"


def test_the_head_alone_names_no_organisation():
    assert _agency("残联2015年政府信息公开工作年度报告", "一、概述", "2015年,我会认真贯彻执行《条例》。") is None


def test_the_years_end_opens_its_subject():
    assert _agency("一、概述", "截至2018年底,某某县商务局依托政府信息公开平台主动公开政府信息。") == "某某县商务局"
    assert _agency("一、概述", "截止2016年底,某某县信访局共主动公开政府信息80条。") == "某某县信访局"


def test_the_subject_relying_on_its_means():
    assert _agency("一、概述", "2024年,某某街道依托政府门户网站及时公开机构设置。") == "某某街道"


def test_the_years_end_before_a_self_reference_or_a_channel_names_none():
    assert _agency("一、概述", "截至2018年底,我局依托政府信息公开平台主动公开政府信息。我局…") is None
    assert _agency("一、概述", "截至2016年底,全年在政府门户网站主动公开政府信息80条。") is None
    assert _agency("一、概述", "截至2018年底,依托政府信息公开平台主动公开政府信息47条。") is None


def test_the_owner_named_before_the_title_of_its_rules():
    assert _agency("市政府信息公开工作领导小组办公室:", "2016年我局政府信息公开工作认真开展。",
                   "一、机制制度完备。建立了某某民防局《政府信息公开制度》、《政府信息公开保密审查制度》。",
                   "我局全年公开信息11条。") == "某某民防局"


def test_a_level_or_a_self_reference_before_the_title_of_rules_names_none():
    assert _agency("市政府信息公开工作领导小组办公室:", "2016年我局政府信息公开工作认真开展。",
                   "一、机制制度完备。及时更新我局《政府信息公开指南》,制定了局《保密审查办法》。",
                   "我局全年公开信息11条。") is None
