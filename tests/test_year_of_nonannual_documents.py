"""The year a document that is no annual report covers: the period its opening names
(``year_nonannual`` in patterns/metadata.yaml: 2020年三季度, 2021年第二次测评), else its
signing date (a self-inspection signed in August covers that year; a score table issued in
February says nothing). tests/real b8 shapes (m01, m07, m10, m25), written anew."""
import pytest

from extractor.metadata import _year, cues
from text_docs import meta


@pytest.mark.parametrize("ex", cues()["year_nonannual_examples"], ids=lambda e: e["text"][:16])
def test_yaml_year_nonannual_examples(ex):
    assert _year(None, ex["text"], ex["kind"], None) == ex["year"]


def test_rectification_report_takes_the_year_of_the_evaluation_it_answers():
    m = meta("政务公开第三方评估问题排查整改情况报告",
             "埇桥区人民政府办公室:",
             "我乡自收到2020年三季度政务公开第三方评估问题明细清单起,乡领导高度重视,对存在的问题立即开展排查整改。"
             "现将整改情况报告如下:",
             "一、存在问题", "未公开采纳情况。")
    assert m["kind"] == "self_inspection"
    assert m["year"] == 2020


def test_score_table_issued_in_summer_covers_its_own_year():
    m = meta("金东区政务公开工作考核评分细则",
             "考核内容 | 分值 | 评分标准",
             "主动公开 | 40 | 未按要求公开的每项扣5分。",
             "金华市金东区人民政府办公室",
             "2021年7月21日")
    assert m["kind"] == "assessment_table"
    assert m["year"] == 2021


def test_score_table_issued_in_february_names_no_year():
    # the criteria of the new year or the assessment of the year before: not decided
    m = meta("金东区政务公开工作考核评分细则",
             "考核内容 | 分值 | 评分标准",
             "主动公开 | 40 | 未按要求公开的每项扣5分。",
             "金华市金东区人民政府办公室",
             "2021年2月21日")
    assert m["kind"] == "assessment_table"
    assert m["year"] is None


@pytest.mark.parametrize("date,year", [("2023年8月28日", 2023), ("2023年1月10日", 2022)])
def test_self_inspection_year_from_its_signing_date(date, year):
    m = meta("我局认真开展政务公开工作自查工作,现将有关情况报告如下:", "一、基本情况", "我局开展了自查。",
             "某某县林业局", date)
    assert m["kind"] == "self_inspection"
    assert m["year"] == year


def test_annual_report_signed_after_march_is_not_given_its_signing_year():
    m = meta("某某县林业局政府信息公开工作年度报告",
             "一、概述", "我局认真贯彻落实《条例》。", "二、主动公开政府信息情况", "我局主动公开信息20条。",
             "某某县林业局", "2015年5月10日")
    assert m["kind"] == "annual_report"
    assert m["year"] is None


def test_round_of_an_evaluation_in_the_title():
    m = meta("舒城县审计局2021年第二次政务公开测评基本信息问题整改情况表",
             "过程 一级指标 二级指标 测评指标与考察点 分值 得分 失分原因及截图 整改情况",
             "意见征集 考察点:实行重大决策预公开制度 8 0 已整改")
    assert m["title"] == "舒城县审计局2021年第二次政务公开测评基本信息问题整改情况表"
    assert m["year"] == 2021
    assert m["agency"] == "舒城县审计局"


@pytest.mark.parametrize("period, year", [
    ("本报告中所列数据的统计期限自2022年1月1日起至2022年12月20日止。", 2022),
    ("本报告中所列数据的统计期限自2021年1月1日起至2022年1月20日止。", None),  # two years: none
])
def test_statistics_period_ending_before_the_years_last_day(period, year):
    assert _year(None, "本报告由淮北市人民医院编制。" + period, "annual_report", None) == year
