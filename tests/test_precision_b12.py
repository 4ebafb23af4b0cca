"""Precision on the wrong-value classes of the blind batch b12 (issue 9, helper P12): each class is
checked through the whole pipeline on wordings that are NOT the b12 sentences (the same meaning said
another way), with the look-alike that still means the value beside it."""
from __future__ import annotations

from extractor import pipeline


def _values(body: str, heading: str = "一、概述") -> dict:
    text = "某局2016年政府信息公开工作年度报告\n" + heading + "\n" + body + "\n"
    return pipeline.extract(text.encode("utf-8"), name="r.txt")["values"]


def test_one_person_per_unit_is_no_staff_total():
    # each unit names its own contact: a per-unit figure (b12 f12's class)
    v = _values("各股室、二级单位均明确1名工作人员具体负责政府信息公开工作。")
    assert "staff.total" not in v
    # the body's own staff still is
    v = _values("局办公室安排2名工作人员具体负责政府信息公开工作。")
    assert v.get("staff.total") == 2


def test_items_submitted_to_another_site_are_not_the_website_figure():
    v = _values("全年共上报市政府门户网站政务信息86条,被采用52条。", "一、主动公开政府信息情况")
    assert "proactive.via.website" not in v and "proactive.total" not in v
    v = _values("全年在局门户网站主动公开政务信息86条。", "一、主动公开政府信息情况")
    assert v.get("proactive.via.website") == 86


def test_disclosed_on_request_is_not_the_proactive_total():
    v = _values("依申请公开方面,共受理政府信息公开申请5件,公开信息12条。")
    assert v.get("applications.received") == 5
    assert "proactive.total" not in v


def test_other_channels_after_the_website_figure_are_not_the_total():
    v = _values("全年通过政府门户网站主动公开政府信息61条,通过公开栏、微信公众号等形式主动公开政府信息140条。",
                "一、主动公开政府信息情况")
    assert v.get("proactive.via.website") == 61
    assert "proactive.total" not in v


def test_information_split_by_disclosure_class_is_no_application():
    v = _values("全年共产生政府信息96条,其中主动公开80条,依申请公开6条,不予公开10条。",
                "一、主动公开政府信息情况")
    assert "applications.received" not in v
    assert "outcome.refused" not in v


def test_no_information_of_a_class_is_no_zero_application():
    v = _values("本年度主动公开政府信息20条,无依申请公开和不予公开的信息类别。", "一、主动公开政府信息情况")
    assert "applications.received" not in v
    # a plain statement of no application still gives the zero
    v = _values("本年度主动公开政府信息20条,没有依申请公开的政府信息。", "一、主动公开政府信息情况")
    assert v.get("applications.received") == 0
