"""Session 13, task X3: document.agency None (or a clause) where the text names the body; the kind of a
title ending on the body's 政府信息公开报告. Shapes from b1-b22 and the pools, names written anew; each rule
is data in patterns/metadata.yaml (its YAML examples run in test_agency_s9 / test_metadata_real_shapes /
here).

- ``contact.joint``: two compilers joined by 、 (由上海市松江区国家税务局、上海市地方税务局松江区分局编制: b21 ak16, ak15,
  b14 o88, b18 ad32): the first;
- ``agency_open.own_place``: a city-wide (county-wide) report copied without its title, speaking as 我市/我县 (twice)
  and as no body, naming one place of that level as its own government's (its portal, rules, plan: b2 y25, b21 al01,
  aj22): the place; not a word of the sentence before the level (针对县政府网站 b10 d05), not 我市 said once (b11 h70);
- ``agency.system_named``: a title headed by a system (湖北省咸宁市气象部门2022年…) whose body no source names (b22 am01;
  the titles of b14 o53, b19 af01, b22 am15 name their bodies in the text): the system as the text writes it;
- ``year_subject_verbs`` 无/没有: 2023年,区应急管理局无依申请公开事项 (b18 ad17, b22 am22, b20 ai07, b22 an12);
- ``agency_bad`` 已/要求: a clause never a name (…职能已划转至定州市行政审批局 b22 am06, 要求各县市区和市 b21 al06);
- ``agency_spam_run``: a numbered betting brand where the place stood (365体育直播,365体育备用网址自然资源和规划局 b12 e34,
  188体育,188体育平台海洋发展局 b22 am23);
- ``evaluator_group``: the research group authoring a third party's evaluation, declaring its own short form
  (…法治指数创新工程项目组(以下简称“项目组”) b12 f41, …法治国情调研组(以下简称“调研组”) b22 an24);
- ``kind_title``: a title ending on the body's 政府信息公开报告 (b22 an18, b8 k28, m18): test_meta_s6_fields.
"""
from __future__ import annotations

import pytest

from extractor.agency import system_named
from extractor.metadata_base import clean_agency, cue_rx, cues
from text_docs import meta

_BODY = ("一、主动公开政府信息情况", "2015年主动公开政府信息634条。", "二、依申请公开政府信息情况",
         "全年未收到政府信息公开申请。")


@pytest.mark.parametrize("ex", cues()["agency_spam_run_examples"], ids=lambda e: e["text"][:16])
def test_yaml_spam_run_examples(ex):
    assert cue_rx(cues()["agency_spam_run"]).sub("", ex["text"]) == ex["clean"]


def test_a_body_behind_a_numbered_betting_brand_is_read():
    m = meta("一、总体情况", "2021年,188体育,188体育平台某某发展局认真贯彻落实《中华人民共和国政府信息公开条例》。",
             *_BODY)
    assert m["agency"] == "某某发展局"


@pytest.mark.parametrize("title,text,want", [
    # the text writes the system on its own, without the province: that form
    ("湖北省某某市气象部门2022年政府信息公开工作年度报告", "2022年,某某市气象部门认真贯彻落实《条例》。我市气象部门加强…",
     "某某市气象部门"),
    # … written only in the title: as the title writes it
    ("某某市气象部门2022年政府信息公开工作年度报告", "2022年,我市气象部门认真贯彻落实《条例》。", "某某市气象部门"),
    # counter-examples: no system head; a field after no place (气象部门 alone)
    ("某某市气象局2022年政府信息公开工作年度报告", "2022年,某某市气象局认真贯彻落实《条例》。", None),
    ("气象部门2022年政府信息公开工作年度报告", "2022年,气象部门认真贯彻落实《条例》。", None),
])
def test_system_named(title, text, want):
    assert system_named(title, title + "\n" + text) == want


def test_a_system_title_whose_body_the_text_names_keeps_the_body():
    # b19 af01's shape: the compiler names the bureau, the title the system
    m = meta("江苏省某某市气象部门2021年政府信息公开工作年度报告",
             "本报告由某某市气象局办公室根据《中华人民共和国政府信息公开条例》规定编制。", *_BODY)
    assert m["agency"] == "某某市气象局"


def test_a_system_title_whose_body_no_source_names_is_the_system():
    m = meta("湖北省某某市气象部门2022年政府信息公开工作年度报告",
             "2022年,某某市气象部门认真贯彻落实《中华人民共和国政府信息公开条例》精神。", *_BODY)
    assert m["agency"] == "某某市气象部门"


@pytest.mark.parametrize("sentence,want", [
    ("2023年,某某区应急管理局无依申请公开事项。", "某某区应急管理局"),
    ("2015年,某某省邮政管理局没有因依申请公开信息收取费用。", "某某省邮政管理局"),
])
def test_the_years_none_names_its_subject(sentence, want):
    assert meta("一、总体情况", sentence, *_BODY)["agency"] == want


def test_the_years_none_of_no_body_names_none():
    # counter-example: the year's none of a whole county's work is no body's clause
    assert meta("一、总体情况", "2023年,全县无依申请公开事项。", *_BODY)["agency"] is None


@pytest.mark.parametrize("name", ["项目立项审批备案职能已划转至某某市行政审批局", "要求各县市区和市"])
def test_a_clause_is_no_name(name):
    assert clean_agency(name) is None


@pytest.mark.parametrize("name", ["某某市行政审批局", "某某市人民政府"])
def test_the_names_in_those_clauses_stay_names(name):
    assert clean_agency(name) == name


def test_a_city_report_speaking_as_its_city_names_the_city():
    m = meta("一、概述", "根据《呼伦贝尔市政府信息公开规定》要求,2008年5月1日起我市开始开展政府信息公开工作。",
             "二、主动公开情况", "2011年度共主动公开政府信息329条。我市未发生行政复议。")
    assert m["agency"] == "呼伦贝尔市"


def test_a_city_said_once_names_no_city():
    # counter-example (b11 h70's shape): 我市 once, in passing
    m = meta("一、概述", "2020年,呼伦贝尔市人民政府网站共发布政策解读102个。督促我市政府各单位及时更新。",
             "二、主动公开情况", "2011年度共主动公开政府信息329条。")
    assert m["agency"] is None


def test_a_bureau_report_speaking_as_its_city_too_names_no_city():
    # counter-example: the text speaks as 我局 too: the city's portal hosts the bureau's report
    m = meta("一、概述", "我市经济稳步发展。我局在呼伦贝尔市政府门户网站发布信息12条。我市…",
             "二、主动公开情况", "2011年度共主动公开政府信息329条。")
    assert m["agency"] is None


@pytest.mark.parametrize("ex", cues()["evaluator_group"]["examples"], ids=lambda e: e["text"][:16])
def test_yaml_evaluator_group_examples(ex):
    from extractor import agency_late
    assert agency_late.evaluator_group(ex["text"], [], None, []) == ex["agency"]


# ``district_government``: the title's place with its city, the text's government without it (b16 ab35, b21 al13)
def test_a_place_with_its_city_is_the_government_the_text_writes_without_it():
    m = meta("2023年度某某市江岸区政府信息公开工作年度报告", "2023年,江岸区人民政府共收到70条依申请事项。", *_BODY)
    assert m["agency"] == "江岸区人民政府"


@pytest.mark.parametrize("sentence", [
    # the text writes the government with its city too: the place stays as read
    "2023年,江岸区人民政府共收到70条依申请事项。某某市江岸区人民政府门户网站发布信息。",
    # the government inside a longer run, not opening its clause; its office, not itself (b10 c16's shape)
    "督促江岸区人民政府各部门及时公开信息。",
    "来源:江岸区人民政府办公室 发布时间:2024-01-05。2023年全区主动公开信息12条。",
])
def test_a_place_with_its_city_stays_without_the_government_opening_a_clause(sentence):
    m = meta("2023年度某某市江岸区政府信息公开工作年度报告", sentence, *_BODY)
    assert m["agency"] == "某某市江岸区"
