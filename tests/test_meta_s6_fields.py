"""Document fields, session 6 (issue 9): classes of kind, year and agency misses first seen in
b9, each written as the family of phrasings a government writer uses, with counter-examples.
Texts are written anew; none is a copy of a batch report."""
from __future__ import annotations

import pytest

from extractor.agency import contact_agency
from extractor.agency_refine import without_conjunction
from extractor.metadata import _kind, _office_of_body, _title_kind, cues
from extractor.model import DocumentBuilder, Source, Table
from extractor.metadata import describe
from extractor.normalize import normalize
from extractor.segment import segment
from text_docs import meta


# ------------------------------------------------------------------------ kind


@pytest.mark.parametrize("ex", cues()["kind_notice_title_examples"], ids=lambda e: e["title"][:20])
def test_yaml_notice_title_examples(ex):
    assert _title_kind(ex["title"]) == ex["kind"]


@pytest.mark.parametrize("title", ["某某市林业局关于2016年度政府信息公开工作情况的报告",
                                   "某某县审计局2013年度信息公开工作情况报告"])
def test_the_years_disclosure_report_titled_as_a_work_report_is_the_annual_report(title):
    assert _title_kind(title) == "annual_report"


@pytest.mark.parametrize("title", ["某某市统计局政府信息公开报告", "某某区2014年政府信息公开报告"])
def test_a_title_ending_on_the_bodys_disclosure_report_is_the_annual_report(title):
    # b22 an18 (武汉市统计局政府信息公开报告, its year in brackets after), b8 k28, m18
    assert _title_kind(title) == "annual_report"


@pytest.mark.parametrize("title", ["某某县2013年上半年政府信息公开报告", "某某县2013年第一季度政府信息公开报告",
                                   "某某县政府信息公开自查报告", "市某某局2017年政府信息公开工作报告"])
def test_a_part_years_or_self_inspection_disclosure_report_is_not_read_as_the_annual_report(title):
    assert _title_kind(title) != "annual_report"


@pytest.mark.parametrize("title", ["某某市林业局关于2016年政务公开工作情况的报告",
                                   "某某县审计局2013年上半年政府信息公开工作情况报告"])
def test_a_work_report_without_the_years_disclosure_subject_stays_a_work_summary(title):
    assert _title_kind(title) == "work_summary"


def test_the_years_disclosure_report_announced_so_is_an_annual_report():
    body = "现将我局2017年度政府信息公开工作情况报告如下。\n一、基本情况\n我局指定专人负责。"
    assert _kind(None, body, []) == "annual_report"
    # counter-example: the same opening about the year's 政务公开 work is a work summary
    body2 = "现将我局2017年政务公开工作情况报告如下。\n一、基本情况\n我局指定专人负责。"
    assert _kind(None, body2, []) == "work_summary"


@pytest.mark.parametrize("opening", ["现将有关情况汇报如下:", "现将相关情况汇报如下:", "现将具体情况汇报如下:"])
def test_a_progress_report_opening_is_a_work_summary(opening):
    body = f"近年来,我区不断深化政务公开。{opening}\n一、工作开展情况\n规范开设专栏。"
    assert _kind(None, body, []) == "work_summary"


def test_a_self_check_opening_still_beats_the_progress_report_words():
    body = "我局认真开展了政府网站季度自查工作,现将有关情况报告如下:\n一、网站自查基本情况"
    assert _kind(None, body, []) == "self_inspection"


@pytest.mark.parametrize("share", ["两部分各占50%分值", "分别占60%和40%的权重", "政务公开考核占70%的分值"])
def test_a_schemes_parts_with_their_shares_of_the_points_is_an_assessment(share):
    body = f"区政府办对各镇(街)开展政务公开评估工作。考核内容由信息公开考核、网站考核构成,{share}。"
    assert _kind(None, body, []) == "assessment_table"


def test_a_share_of_items_published_is_no_scheme():
    body = "区政府办开展政务公开工作。政策解读信息占全部信息的30%。"
    assert _kind(None, body, []) == "other"


@pytest.mark.parametrize("title,kind", [
    ("某某省人民政府办公厅关于2012年政府信息公开工作年度报告编制公布情况的通报", "other"),
    ("某某市人民政府办公室关于2016年政务公开工作测评情况的通报", "other"),
    ("某某县统计局2012年政府信息公开工作年度报告", "annual_report"),
])
def test_a_circular_on_the_compilation_of_the_annual_reports_is_no_annual_report(title, kind):
    m = meta(title, "各县(区)人民政府,市政府各部门:", "现将有关情况通报如下:部分单位未按时公布年度报告。")
    assert m["title"] == title
    assert m["kind"] == kind


def _doc_with_box(rows, *paras):
    b = DocumentBuilder(Source(path="box.html", format="html"))
    b.add_table(Table.from_rows(rows))
    for p in paras:
        b.add_paragraph(p)
    return normalize(b.build())


def test_the_title_in_a_portals_metadata_box_is_the_title():
    d = _doc_with_box([["标 题", "某某省气象局关于2017年度政府信息公开工作情况的报告"],
                       ["发布机构", "某某省气象局办公室"]],
                      "现将我局2017年度政府信息公开工作情况报告如下。", "一、政府信息公开工作基本情况",
                      "2017年,某某省气象局贯彻落实《条例》。")
    m = describe(d, segment(d))
    assert m["title"] == "某某省气象局关于2017年度政府信息公开工作情况的报告"
    assert (m["kind"], m["year"], m["agency"]) == ("annual_report", 2017, "某某省气象局")


@pytest.mark.parametrize("ex", cues()["office_of_body_examples"], ids=lambda e: e["name"])
def test_yaml_office_of_body_examples(ex):
    assert _office_of_body(ex["name"], ex["text"]) == ex["body"]


def test_a_bureaus_office_posting_its_page_gives_the_bureau():
    d = _doc_with_box([["发布机构", "某某省气象局办公室"], ["发布日期", "2018-02-02"]],
                      "2017年,某某省气象局认真贯彻落实《条例》,主动公开政府信息120条。")
    assert describe(d, segment(d))["agency"] == "某某省气象局"
    # counter-example: a government's office is a body of its own
    d = _doc_with_box([["发布机构", "某某市人民政府办公室"], ["发布日期", "2018-02-02"]],
                      "2017年,某某市人民政府办公室认真贯彻落实《条例》,主动公开政府信息120条。")
    assert describe(d, segment(d))["agency"] == "某某市人民政府办公室"


# ------------------------------------------------------------------------ year


def test_a_part_years_statistics_period_gives_its_year():
    m = meta("一、概述", "本报告中所列数据的统计期限自2016年8月19日起,至2016年12月31日止。",
             "(该区于8月19日正式挂牌成立)")
    assert m["year"] == 2016


def test_a_period_across_two_years_gives_no_part_year():
    # no year at all: a period across two years is no single calendar year (the gold's call for
    # b8 k25, 统计期限自2016年9月1日起至2017年8月31日止: year null), neither its start nor its end
    m = meta("一、概述", "本报告中所列数据的统计期限自2015年8月1日起,至2016年12月31日止。")
    assert m["year"] is None


def test_a_quarter_in_a_cited_notices_title_is_not_the_reports_quarter():
    m = meta("按照《某某省人民政府办公厅关于2017年一季度全省政府网站抽查情况的通报》有关要求,我局开展了网站自查,"
             "现将有关情况报告如下:", "一、网站自查基本情况",
             "2018年四季度,我局认真对照普查指标开展了自检自查。")
    assert (m["kind"], m["year"]) == ("self_inspection", 2018)


def test_the_year_a_set_of_criteria_is_named_by():
    m = meta("经广泛征求意见, 2011年市级政府网站绩效评估指标体系现正式发布。评估指标体系包括:网站内容指标,占70分;"
             "网站设计指标,占30分。", "一级指标 二级指标 权重", "信息公开 规范性 10", "网站设计 栏目 5",
             "在线办事 表格下载 5", "公众参与 咨询 5", "日常监测 更新 5")
    assert m["kind"] == "assessment_table"
    assert m["year"] == 2011


# ---------------------------------------------------------------------- agency


def test_a_government_and_an_office_of_it_in_the_contact_sentences():
    t = ("本报告由某某州人民政府办公室综合各县人民政府的年度报告编制。如对本报告有疑问,请与某某州政府法制办公室联系。")
    assert contact_agency(t) == "某某州人民政府"
    t2 = "本报告由某某州人民政府办公室编制。如对本报告有疑问,请与某某县政府法制办公室联系。"
    assert contact_agency(t2) is None


@pytest.mark.parametrize("ex", cues()["name_conjunctions_examples"], ids=lambda e: e["name"])
def test_a_conjunction_before_a_name_is_no_part_of_it(ex):
    # the cases (and the places that begin with 和/同 and keep it) are metadata.yaml's
    assert without_conjunction(ex["name"]) == ex["agency"]


def test_a_bureau_named_with_its_portal_in_a_text_that_says_wo_ju():
    m = meta("本年度报告根据《条例》有关规定编制而成。本报告在“某某市政府信息公开系统(http://www.a.cn)和"
             "淮南市卫生局门户网站(http://www.b.cn)”予以公布。",
             "一、概述", "2013年,我局认真贯彻落实全市政务公开工作的有关要求。我局主动公开信息。")
    assert m["agency"] == "淮南市卫生局"


def test_a_bureau_whose_website_it_checks_in_a_text_that_says_wo_ju():
    m = meta("我局认真开展了政府网站季度自查工作,现将有关情况报告如下:", "一、网站自查基本情况",
             "2018年四季度,我局对某某省粮食和物资储备局政府网站(www.c.cn)认真开展了自检自查。经查,我局网站运行良好。")
    assert m["agency"] == "某某省粮食和物资储备局"


def test_a_notice_publishing_a_places_report_names_the_government_not_its_office():
    m = meta("某某市人民政府办公室关于公布某某市2009年度政府信息公开工作年度报告的通知",
             "各县(区)人民政府,市政府各部门:", "现将某某市2009年度政府信息公开工作年度报告予以公布。")
    assert (m["kind"], m["year"], m["agency"]) == ("annual_report", 2009, "某某市人民政府")
    # counter-example: an office publishing its own report names itself
    m = meta("某某市人民政府办公室关于公布某某市人民政府办公室2009年度政府信息公开工作年度报告的通知",
             "各科室:", "现将本办2009年度政府信息公开工作年度报告予以公布。")
    assert m["agency"] == "某某市人民政府办公室"


def test_a_notice_title_broken_after_its_issuers_guanyu():
    m = meta("某某市人民政府办公室关于公布", "某某市2009年度政府信息公开工作年度报告的通知",
             "各县(区)人民政府,市政府各部门:", "现将某某市2009年度政府信息公开工作年度报告予以公布。")
    assert m["title"] == "某某市人民政府办公室关于公布某某市2009年度政府信息公开工作年度报告的通知"
    assert (m["kind"], m["agency"]) == ("annual_report", "某某市人民政府")
