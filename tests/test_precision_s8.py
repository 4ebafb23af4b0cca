"""Precision review of session 8 on texts nobody had read (pool pd, issue 9): the two wrong classes it found,
through the whole pipeline, with the readings they must not take away.

- a count headed by one outlet or platform (1.宣传栏信息公开 / 2.信息公开系统信息公开) is that outlet's, not the
  body's total; two channels each with its figure and no total stated give no proactive.total (as b2 y15);
- 法定主动公开(…)N条 is the statutory-disclosure column, one kind of the items beside the others (as dev w15).
"""
from __future__ import annotations

from extractor import pipeline


def _extract(text: str) -> dict:
    return pipeline.extract(text.encode("utf-8"), name="r.txt")


def _rules(rec: dict, key: str) -> list[str]:
    return [f["rule"] for f in rec["facts"] if f["key"] == key]


# -- a part headed by one outlet ----------------------------------------------------------------------------

TWO_OUTLET_PARTS = """{town}2023年政府信息公开工作年度报告
一、总体情况
(二)信息公开平台更新和维护情况
1.宣传栏信息公开
及时做好日常信息公开工作,全年共在宣传栏公开信息{board}条。
2.信息公开系统信息公开
及时更新维护政府信息公开网上管理系统,从2023年1月至12月全年公开信息{system}条,分别包括领导信息3条。
"""


def test_a_figure_under_a_heading_naming_one_outlet_is_no_total():
    rec = _extract(TWO_OUTLET_PARTS.format(town="河西街道办事处", board=96, system=14))
    assert "proactive.total" not in rec["values"]
    assert 14 not in rec["values"].values()


def test_the_same_figure_under_the_section_heading_is_the_total():
    # guard: the heading names the disclosure itself, not one outlet
    text = ("东湖镇2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
            "及时更新维护政府信息公开网上管理系统,全年公开信息37条。\n")
    rec = _extract(text)
    assert rec["values"].get("proactive.total") == 37


def test_the_one_platform_named_in_the_sentence_still_gives_the_total():
    # guard (b6 t13, b3 z22): the platform is the body's one channel and no heading names it
    text = ("东湖街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n"
            "2023年,东湖街道办事处在区政府信息公开系统上主动公开政府信息52条,其中部门文件4条。\n")
    rec = _extract(text)
    assert rec["values"].get("proactive.total") == 52


# -- the statutory-disclosure column --------------------------------------------------------------------------

STATUTORY = """{body}2021年政府信息公开工作年度报告
一、总体情况
(一)主动公开情况。通过区人民政府门户网站主动公开各类动态信息{news}篇;法定主动公开(公示公告){statutory}条(包含2021年部门预算、2020年部门决算)。
"""


def test_the_statutory_column_is_no_total():
    rec = _extract(STATUTORY.format(body="金马街道办事处", news=64, statutory=9))
    assert "proactive.total" not in rec["values"]
    assert 9 not in rec["values"].values()
    # the site's count of news items is still read as the site's
    assert rec["values"].get("proactive.via.website") == 64


def test_the_statutory_word_in_another_clause_leaves_the_total():
    # guard (b11 h62): 法定主动公开 names the effort in one clause, the figure is the next clause's
    text = ("大姚县2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
            "进一步加大法定主动公开政府信息力度,全县共公开政府信息2875条。\n")
    rec = _extract(text)
    assert rec["values"].get("proactive.total") == 2875
