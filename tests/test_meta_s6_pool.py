"""Document fields, session 6 round 2 (issue 9): the classes two precision reviews of new texts
(pool pa classes A–E, pool pb D1–D5) found, each written as the family of phrasings a government
writer uses, with counter-examples. Texts are written anew; none is a copy of a pool text."""
from __future__ import annotations

import pytest

from extractor.agency import contact_agency
from extractor.metadata import _kind, _period_any_year, _title_kind, find_title
from extractor.metadata_base import clean_agency
from text_docs import meta


# ------------------------------------------------------------------------ year


@pytest.mark.parametrize("text,year", [
    # any label of the statistics period, misspelt or varied
    ("本报告中所列数据统计限自2021年1月1日至2021年12月31日。", 2021),
    ("本报告数据时限为2020年1月1日到2020年12月31日。", 2020),
    ("报告所列数据的统计时段自2018年1月1日起至12月31日止。", 2018),
    # figures joined by hyphens or dots, and a copy that lost its 月 and 日
    ("统计期限自2015-1-1起至2015-12-31止。", 2015),
    ("统计期限:2017.1.1—2017.12.31。", 2017),
    ("现将我单位201411日起至20141231日止政府信息公开工作情况汇报如下", 2014),
    # counter-examples: a span over two years, two years' spans, a single date
    ("统计期限自2019年1月1日至2020年12月31日。", None),
    ("2018年1月1日至12月31日主动公开100条,2019年1月1日至12月31日主动公开120条。", None),
    ("截至2021年12月31日,共受理申请3件。", None),
])
def test_a_whole_years_period_in_the_opening_gives_the_year(text, year):
    assert _period_any_year(text) == year


def test_a_misspelt_period_label_gives_the_year_of_a_report_with_no_title_year():
    m = meta("某某县卫生健康局政府信息公开工作年度报告",
             "本报告中所列数据统计限自2021年1月1日至2021年12月31日。", "一、总体情况",
             "2021年,在县委县政府领导下,我局认真贯彻条例。")
    assert m["year"] == 2021


def test_a_self_inspection_states_its_year_in_numbered_items():
    m = meta("市妇幼保健院政府信息公开工作自查报告",
             "根据通知要求,我院开展了自查工作,现汇报如下:",
             "一、基本情况(一)2013年我院已将重点工作信息公开。(二)2013年度我院已明确依申请公开的受理机构。")
    assert m["kind"] == "self_inspection"
    assert m["year"] == 2013


# ------------------------------------------------------------------------ kind


def test_a_summary_phrase_before_the_annual_format_notice_stays_an_annual_report():
    body = ("根据国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》要求,"
            "现将青石乡2021年政府信息公开工作情况总结如下:\n一、总体情况\n我乡认真贯彻条例。")
    assert _kind(None, body, []) == "annual_report"
    # counter-example: the same summary without the format notice stays a work summary
    plain = "现将青石乡2021年政务公开工作情况总结如下:\n一、工作开展情况\n我乡认真贯彻条例。"
    assert _kind(None, plain, []) == "work_summary"


@pytest.mark.parametrize("body", ["现将我局2011年度政府信息公开工作报告如下:\n一、概述",
                                  "现将我局2016年度信息公开工作汇报如下:\n一、概述",
                                  "现将我局2016年政府信息公开工作情况报告如下:\n一、概述"])
def test_the_years_disclosure_report_announced_without_qingkuang_is_an_annual_report(body):
    assert _kind(None, body, []) == "annual_report"


@pytest.mark.parametrize("body", ["现将我局2016年政务公开工作情况报告如下:\n一、概述",
                                  "现将我局2016年工作情况汇报如下:\n一、概述"])
def test_a_years_work_report_on_other_work_stays_a_work_summary(body):
    assert _kind(None, body, []) == "work_summary"


@pytest.mark.parametrize("title,kind", [
    ("某某县民政局2014年政府信息公开工作情况报告", "annual_report"),
    ("某某县民政局关于2015年信息公开工作情况的报告", "annual_report"),
    # counter-examples: half a year's, or the year's 政务公开 work
    ("某某县民政局2014年上半年政府信息公开工作情况报告", "work_summary"),
    ("某某县民政局2014年政务公开工作情况报告", "work_summary"),
])
def test_the_years_disclosure_report_titled_with_nian_is_the_annual_report(title, kind):
    assert _title_kind(title) == kind


def test_a_title_saved_as_a_file_name_is_read_without_its_extension():
    lines = [(0, 0, "2020年管委会政府信息第二季度公开工作自总结.docx"), (0, 0, "资源ID:123")]
    assert find_title(lines) == (0, "2020年管委会政府信息第二季度公开工作自总结")
    m = meta("2021年某某镇政务公开工作总结.doc", "2021年,我镇认真开展政务公开工作。")
    assert m["kind"] == "work_summary"
    assert m["year"] == 2021


# ------------------------------------------------------------------------ agency


def test_a_whole_area_report_summing_up_its_counties_names_the_city():
    m = meta("2017年政府信息公开工作年度报告",
             "本年度报告根据《条例》要求,综合2017年度青川市各县(市、区)政府和市级各部门的年度报告编制而成。",
             "一、概述", "2017年,我市认真贯彻条例。")
    assert m["agency"] in ("青川市", "青川市人民政府")


def test_the_place_and_its_government_in_two_contact_sentences_give_the_government():
    text = ("本报告由宁川市人民政府信息公开工作领导小组办公室汇总编制。"
            "如有疑问,请直接与宁川市政府信息公开工作领导小组办公室联系。")
    assert contact_agency(text) == "宁川市人民政府"


@pytest.mark.parametrize("name", [
    "医院", "人民医院", "中医院", "学校", "大学", "卫生院", "中心",            # a kind of institution only
    "直接到局", "文件依据等可以直接到局", "已经到局", "主动公开局",              # an adverb or verb phrase
    "调整市交委", "设立市政府办公室", "开展县教育局",
])
def test_no_bare_institution_noun_nor_verb_phrase_is_a_name(name):
    assert clean_agency(name) is None


@pytest.mark.parametrize("name", ["太和县中医院", "中山大学", "可克达拉市人民政府",
                                  "晋城市妇幼保健院", "青石县人民医院"])
def test_named_institutions_stay_names(name):
    assert clean_agency(name) == name


def test_a_school_years_report_names_its_university():
    m = meta("华南某某大学2021—2022学年信息公开年度报告",
             "按照《高等学校信息公开办法》要求,编制2021—2022学年华南某某大学信息公开工作报告。")
    assert m["agency"] == "华南某某大学"


# ------------------------------------------------------------ b10 classes (tuning set from 19:50)


def test_a_name_after_a_lead_inside_a_run_is_read():
    from extractor.agency_refine import name_in_run
    assert name_in_run("全年通过青海草原局") == "青海草原局"
    assert name_in_run("及时依托青石县审计局") == "青石县审计局"
    # counter-example: a one-character lead (年) ends too many words: 全年向乡 | 政务公开办
    assert name_in_run("各村站办所全年向乡") is None


@pytest.mark.parametrize("name", ["公开格局", "县政府督办", "基层干部", "办事场所", "全县辖区", "工作团队"])
def test_an_ordinary_word_ending_like_a_body_is_no_name(name):
    assert clean_agency(name) is None


def test_the_body_as_subject_after_a_long_cited_notice():
    m = meta("街道政务公开工作自查报告",
             "按照《某某人民政府办公室关于印发某某2021年政务公开工作要点的通知》(某政办发〔2021〕12号)要求,"
             "青山街道高度重视,逐项对照全面梳理自查,现将有关情况报告如下:")
    assert m["agency"] == "青山街道"


def test_the_body_compiling_its_own_years_report_and_issuing_its_own_plan():
    m = meta("本年度报告根据《条例》要求,汇总2015年度区水利局的政府信息公开年度报告编制而成。",
             "一、概述", "2015年,我局认真贯彻条例。")
    assert m["agency"] == "区水利局"
    m = meta("根据《条例》规定编制本报告。",
             "一、总体情况", "(一)主动公开。印发《青川经开区2024年政务公开工作要点》,细化重点任务。", "我区认真贯彻条例。")
    assert m["agency"] == "青川经开区"
    # counter-example: a superior's plan followed (按照《…》), not issued, names no body
    m = meta("根据《条例》规定编制本报告。",
             "一、总体情况", "按照《青川市2024年政务公开工作要点》,我局细化重点任务。")
    assert m["agency"] is None


def test_a_title_naming_the_body_with_its_second_name_in_brackets():
    from extractor.metadata import _title_parts
    assert _title_parts("2020年高山区(新城区)政府信息公开工作年度报告") == ("高山区(新城区)", 2020)
    # counter-example: brackets holding no name
    assert _title_parts("2020年高山区(试行)政府信息公开工作年度报告")[0] is None


def test_a_rectification_report_is_a_self_inspection_of_the_period_it_answers():
    m = meta("我县接到市政务公开办下发的《某某市政务公开办公室关于反馈2021年第三季度政务公开测评结果的通知》后,"
             "高度重视,立即组织整改。现将整改情况汇报如下:", "一、整改落实情况", "一是及时调整工作分工。")
    assert m["kind"] == "self_inspection"
    assert m["year"] == 2021
    # counter-example: a self-inspection (no 整改) citing an earlier period's notice gives no year from it
    m = meta("根据《关于2017年一季度政府网站抽查情况的通报》要求,现将我局网站自查情况报告如下:", "一、基本情况")
    assert m["year"] is None


def test_a_clause_stating_the_years_figures_gives_the_year():
    m = meta("根据《条例》要求,编制本年度报告。", "一、总体情况",
             "积极贯彻落实有关规定。2023年共发布信息1296条。", "2023年共受理8起依申请公开事项。")
    assert m["year"] == 2023


def test_the_reports_own_title_in_book_marks_after_the_announcing_word():
    m = meta("根据《条例》要求,现发布《青川市青山区人民政府2023年政府信息公开工作年度报告》。",
             "一、总体情况", "2023年,青山区政府信息公开工作坚持正确方向。")
    assert m["agency"] == "青川市青山区人民政府"
    # counter-example: a plan the body compiled is no report title; the compiler sentence decides
    m = meta("本年报是由青石乡人民政府编制的2013年度政府信息公开年度报告。",
             "编制了《青石乡2013年政府信息公开工作计划和组织实施方案》,明确分工。")
    assert m["agency"] == "青石乡人民政府"


def test_a_shortened_name_completed_from_a_title_it_issued():
    from extractor.agency import complete
    text = "省知识产权局认真做好主动公开工作,及时发布《青海省知识产权局2022年政府信息公开工作年度报告》。"
    assert complete("省知识产权局", text) == "青海省知识产权局"
