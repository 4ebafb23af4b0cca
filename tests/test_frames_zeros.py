"""Frames of zeros and small labels (issue 9, session 8b, helper F3; b13 classes X7, X9, X14):
the one-line topic zero (2、依申请公开政府信息情况:无), a zero statement over a list (没有因…引发的举报、
投诉、行政复议或行政诉讼等情况), 未予收费, and the small labels (参加人员 after a training count,
N名同志兼职…, a field before 政府信息查阅点) - through the whole pipeline, with their evidence."""
from __future__ import annotations

import pytest

from extractor import pipeline

TITLE = "某县某局2016年政府信息公开工作年度报告\n"


def _extract(body: str) -> dict:
    return pipeline.extract((TITLE + body).encode("utf-8"), name="r.txt", with_text=True)


def _facts(rec: dict) -> dict:
    return {f["key"]: f for f in rec["facts"]}


def test_one_line_topic_zeros_read_each_topic_with_the_none_as_evidence():
    rec = _extract("二、主动公开信息情况\n1、回应社会关切工作落实情况:无\n2、依申请公开政府信息情况:无\n"
                   "3、政府信息公开申请行政复议、提起行政诉讼情况:无\n4、政府信息公开的收费情况及减免情况:无\n"
                   "三、存在的主要问题和改进措施\n")
    assert rec["values"] == {"applications.received": 0, "reconsideration.total": 0,
                             "litigation.total": 0, "fees.collected": 0.0}
    f = _facts(rec)["applications.received"]
    assert f["rule"] == "clause:applications.received#topic-zero"
    a, b = f["offset"]
    assert rec["text"][a:b] == f["evidence"] == "无"
    # the none of line 2, not of line 1 (回应社会关切 is no topic of ours)
    assert rec["text"].rfind("\n", 0, a) == rec["text"].find("2、依申请公开") - 1


def test_one_line_topic_zero_with_a_full_stop_between():
    rec = _extract("(三)依申请公开情况。无。\n")
    assert rec["values"] == {"applications.received": 0}


@pytest.mark.parametrize("body", [
    "5、责任追究情况:无责任追究问题发生\n",           # the rest of the line is more than none
    "2、依申请公开情况:无以信函方式提交的申请\n",     # a part (one channel), not none
    "依申请公开情况:无\n",                            # no numbering: a form's label and cell
    "2、依申请公开情况:无,本年度将加强宣传。\n",      # none opens a longer sentence
    "2、存在问题:无\n",                               # not a topic with keys
])
def test_one_line_look_alikes_stay_unread(body):
    assert _extract(body)["values"] == {}


def test_one_line_zero_is_not_read_in_a_document_about_something_else():
    rec = pipeline.extract("某局2020年法治政府建设工作总结\n2、行政复议情况:无\n".encode("utf-8"),
                           name="r.txt", with_text=True)
    assert rec["values"] == {}


def test_zero_over_a_list_negates_every_listed_topic():
    rec = _extract("一、概述\n2021年度我局没有因政府信息公开引发的举报、投诉、行政复议或行政诉讼等情况。\n")
    assert rec["values"] == {"complaints.total": 0, "reconsideration.total": 0, "litigation.total": 0}
    assert "投诉" in _facts(rec)["complaints.total"]["evidence"]


def test_zero_over_a_list_of_lost_cases_is_no_zero():
    rec = _extract("一、概述\n本年度未发生因政府信息公开引发的行政复议、行政诉讼败诉案件。\n")
    assert rec["values"] == {}


def test_fees_not_charged_and_not_disclosed_differ():
    assert _extract("一、概述\n本年度我市对政府信息公开未予收费。\n")["values"] == {"fees.collected": 0.0}
    assert _extract("一、概述\n对该申请未予公开。\n")["values"] == {}


def test_participants_after_the_sessions_but_not_of_anothers_training():
    rec = _extract("一、概述\n今年共组织政府信息公开培训2场次,参加人员236人次。\n")
    assert rec["values"] == {"training.sessions": 2, "training.participants": 236}
    rec = _extract("一、政府信息公开培训\n今年选派人员参加上级培训2次,参加人员5人次。\n")
    assert "training.participants" not in rec["values"]


def test_staff_named_comrades_with_a_han_numeral():
    rec = _extract("一、概述\n明确局办公室为政府信息公开工作责任科室,指定两名同志兼职信息公开管理工作。\n")
    assert rec["values"] == {"staff.part_time": 2}
    assert _extract("一、政府信息公开工作机构\n指定两名同志兼职网站维护。\n")["values"] == {}


def test_reading_points_with_the_bodys_field_but_not_a_villages():
    rec = _extract("一、政府信息公开工作机构\n开辟了14个公安政府信息查阅点。\n")
    assert rec["values"] == {"org.reading_points": 14}
    assert _extract("一、政府信息公开工作机构\n开辟了14个村政府信息查阅点。\n")["values"] == {}


def test_an_earlier_years_zero_statement_is_not_the_reports():
    # (_common.yaml zero_other_year: b21 aj08 2020年我局未收到信息公开申请 in a 2021 report, ak02 2014年,我局未接收到… in 2015)
    assert _extract("四、依申请公开情况\n2015年我局未收到信息公开申请。\n")["values"] == {}
    assert _extract("四、依申请公开情况\n2015年,我局未接收到政府信息公开申请。\n")["values"] == {}
    assert _extract("一、概述\n2015年,本机关没有发生因政府信息公开引起的行政复议、行政诉讼。\n")["values"] == {}
    # the report's own year, an up-to-now span from an earlier one, a later year (a misread own year): still 0
    for body in ("2016年我局未收到信息公开申请。", "2015年以来,我局未收到信息公开申请。", "2017年我局未收到信息公开申请。"):
        assert _extract("四、依申请公开情况\n" + body + "\n")["values"] == {"applications.received": 0}
    # a year in an earlier long clause is not the zero statement's (2021年未转结…,…均为0件 in a 2022 report: pool s10 p167)
    assert _extract("四、依申请公开情况\n2015年未转结政府信息公开申请,我局未收到信息公开申请。\n")["values"] == {
        "applications.received": 0}
