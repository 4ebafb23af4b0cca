"""Session 15, task A5: the reporting body on reports nobody tuned for (census: /work/notes/s15/a5_census.md).

- ``place_self_min`` (patterns/metadata.yaml, extractor/agency.py ``_contact_and_sentence``): a text speaks as its
  place (我市) when it says so twice or more, or as often as it speaks as a body (我局, 我单位); a bureau's report that says 我市 once in passing keeps its
  abbreviated name as the year's subject (b23 ap07 2010年市农业局认真贯彻…; pool s11 q093 2025年,市民委(宗教局)坚持…),
  while a city's report (我市 twice) still withholds a unit it names so (市政府新闻办).
- ``agency_open.own_outlet.slots``: the body's official account with 官方 between owner and account (b24 as07
  利用市畜牧兽医局官方微信公众号).
"""
from __future__ import annotations

from text_docs import meta

_OPENING = "根据《中华人民共和国政府信息公开条例》要求,现将有关情况报告如下。"


def test_a_bureau_saying_our_city_once_keeps_its_year_subject():
    # b23 ap07's shape: the bureau names itself by its level's short form as the year's subject; 我市 once
    m = meta("一、概述",
             "2010年我单位政府信息公开工作,按照省、市有关农业农村工作的部署,重点围绕农业产业化开展。",
             "2010年市农业局认真贯彻落实《条例》,加强信息公开工作,努力保障公民的知情权。",
             "我局全年未收到政府信息公开申请。我市农业信息网运行正常。")
    assert m["agency"] == "市农业局"


def test_a_commission_saying_our_city_once_keeps_its_year_subject():
    # pool s11 q093's shape: 市民委(宗教局) as the year's subject, 我市 once (保障我市少数民族群众)
    m = meta("依据《中华人民共和国政府信息公开条例》之规定,制作本报告。",
             "一、总体情况",
             "2025年,市民委(宗教局)坚持以习近平新时代中国特色社会主义思想为指引,有力保障我市少数民族群众的知情权。",
             "(一)强化组织领导。市民委(宗教局)主要领导高度重视政府信息公开工作。")
    assert m["agency"] == "市民委"


def test_a_city_report_saying_our_city_twice_still_withholds_a_unit():
    # counter-example: 我市 twice - the text speaks as the city, 市政府新闻办 is a unit of it
    d_meta = meta("二、主动公开政府信息情况",
                  "2018年,我市各级政府共公开信息38482条。",
                  "2018年,市政府新闻办共组织开展了30次新闻发布会。我市未收到投诉。")
    assert d_meta["agency"] is None


def test_a_text_saying_our_city_as_often_as_our_bureau_withholds_the_unit():
    # counter-example: 我局 once and 我市 once - no voice dominates, the abbreviated unit stays withheld
    m = meta("一、概述",
             "2010年市农业局认真贯彻落实《条例》,加强信息公开工作,努力保障公民的知情权。",
             "我局全年未收到政府信息公开申请。我市农业信息网运行正常。")
    assert m["agency"] is None


def test_the_official_account_names_the_bureau_that_speaks_as_our_bureau():
    # b24 as07's shape: no title, 我局 twice, the body only as its official account's owner
    m = meta(_OPENING, "一、概述",
             "2018年,在市委、市政府正确领导下,我局认真贯彻落实《中华人民共和国政府信息公开条例》。",
             "在局网站公开各类信息532条。此外,利用市畜牧兽医局官方微信公众号、官方微博公开信息998条。",
             "我局未收到政府信息公开申请。")
    assert m["agency"] == "市畜牧兽医局"


def test_a_superiors_official_account_names_no_body():
    # counter-example: the government's official account has another head than 我局's
    m = meta(_OPENING, "一、概述",
             "2018年,我局认真贯彻落实《中华人民共和国政府信息公开条例》。",
             "我局转发临江市人民政府官方微信公众号信息12条。我局未收到政府信息公开申请。")
    assert m["agency"] is None


def test_the_governments_office_by_its_level_is_the_governments_contact():
    # pool s10 p142's shape: compiled by 山西省人民政府办公厅, the contact 省政府办公厅: one government
    m = meta("本报告根据《中华人民共和国政府信息公开条例》要求,由山西省人民政府办公厅编制。"
             "如对本报告有任何疑问,请与省政府办公厅信息办公室联系(地址:太原市省府街3号)。",
             "一、概述", "2017年,山西省各级、各部门深入推进政务公开。")
    assert m["agency"] == "山西省人民政府"


def test_the_governments_office_after_its_place_and_level_is_the_governments_contact():
    # pool s10 p296's shape: 伊宁县县人民政府 (place, then the level's 县人民政府) writes the same government
    m = meta("根据《中华人民共和国政府信息公开条例》要求,由伊宁县人民政府办公室编制。"
             "如对本年度报告有任何疑问,请联系:伊宁县县人民政府电子政务办公室。",
             "一、概述", "2014年,县政府加快电子政务建设。")
    assert m["agency"] == "伊宁县人民政府"


def test_another_levels_office_as_the_contact_names_no_body():
    # counter-example: a town compiles, the county's office answers - two bodies, none read
    m = meta("本报告由两河镇人民政府编制。如对本报告有疑问,请与县人民政府办公室信息科联系。",
             "一、概述", "2014年,镇政府加快电子政务建设。")
    assert m["agency"] is None
