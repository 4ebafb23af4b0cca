"""Session 14, task Z3: inside the body (a sentence and a numbered heading above the line) a title stands on a
line of its own. A report's name that a sentence goes on after - 每月向公开办报送我局信息公开报表及工作总结、每季度
报送… (b25 av09, an untitled 2019 annual report read as a work summary) - is a mention, no title (the same
sentence shape in b9 n44, b5 u22, b8 m24, each below its own title). An attachment's title on its own line
below the body (附件…考核评分细则, b9 f01 / b8 m01 shapes) is still read.
"""
from __future__ import annotations

from text_docs import meta

_OPENING = ("根据《中华人民共和国政府信息公开条例》(国务院令第711号),某某市公安局结合实际工作形成此报告。"
            "本报告共分六大部分,所列数据为2019年1月1日至2019年12月31日。")


def test_a_reports_name_inside_a_body_sentence_is_no_title():
    m = meta(_OPENING, "一、总体情况", "(一)工作落实情况", "某某市公安局高度重视政务公开工作。",
             "(二)主动公开情况", "2019年,公安局主动公开信息4950条。",
             "每月向公开办报送我局信息公开报表及工作总结、每季度报送依申请政府信息办理工作情况,年中报送工作方案及总结。",
             "(三)依申请公开情况", "我局全年收到申请3件。")
    assert m["title"] is None
    assert m["kind"] == "annual_report"


def test_an_attachments_title_on_its_own_line_below_the_body_is_read():
    m = meta("为做好2021年度政务公开考核工作,现将有关事项通知如下。", "一、考核对象", "各镇街、区直各部门。",
             "附件某某区政务公开工作考核评分细则", "考核内容 分值 评分标准")
    assert m["title"] == "附件某某区政务公开工作考核评分细则"
