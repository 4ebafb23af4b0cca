"""Session 10, helper T2 (b15 recall by class): the report's own year from the statistics period when no
title names it (normalize.own_year, facts/_common.yaml own_year_period) - the year views it enables (结转2023年度
in a 2022 report is carried forward) - with look-alikes that must stay unread."""
from __future__ import annotations

import pytest

from extractor import pipeline
from extractor.normalize import normalize_text, own_year


def _own(text: str):
    return own_year(normalize_text(text)[0])


@pytest.mark.parametrize("text,year", [
    ("本报告根据《中华人民共和国政府信息公开条例》要求编制。报告中使用数据统计期限为2022年1月1日至2022年12月31日。", 2022),
    ("本报告中所列数据的统计期限自2014年1月1日起至2014年12月31日止。", 2014),
    ("本年度报告中使用数据统计期限为2021年1月1日至2021年12月31日。", 2021),
])
def test_own_year_from_the_statistics_period(text, year):
    assert _own(text) == year


@pytest.mark.parametrize("text", [
    # a period over two years, or not a calendar year, names no single year of its own
    "本报告中所列数据的统计期限自2021年1月1日起至2022年12月31日止。",
    "本报告统计期限为2022年7月1日至2023年6月30日。",
    # a period deep in the text (not the opening) is no statement of the report's year
    "工作情况。" + "我局认真贯彻落实条例,扎实推进政府信息公开工作。" * 30 + "统计期限为2020年1月1日至2020年12月31日。",
])
def test_no_own_year_from_other_periods(text):
    assert _own(text) is None


def test_a_title_the_period_contradicts_names_no_year():
    # (session 10 had the title's year come first; session 13 X4: a title and a period of different years name none - the period
    # was the right one in b13 j16, b13 l27, b11 h19 and pool s10 p042, the title in b12 e34: either may be the slip)
    assert _own("某局2023年政府信息公开工作年度报告\n报告中使用数据统计期限为2022年1月1日至2022年12月31日。") is None
    assert _own("某局2022年政府信息公开工作年度报告\n报告中使用数据统计期限为2022年1月1日至2022年12月31日。") == 2022


def _values(text: str) -> dict:
    return pipeline.extract(text.encode("utf-8"), name="r.txt")["values"]


def test_carried_forward_to_the_next_year_without_a_title():
    body = ("本报告由总体情况等六部分组成。报告中使用数据统计期限为2022年1月1日至2022年12月31日。\n"
            "(二)依申请公开情况。本年度,我局收到政府信息公开申请4件。其中3件已按照相关要求进行书面回复,1件结转2023年度继续办理。\n")
    assert _values(body).get("applications.carried_forward") == 1
    # the period of another year: 2023 is not the year after the report's, nothing read
    other = body.replace("2022年1月1日至2022年12月31日", "2023年1月1日至2023年12月31日")
    assert "applications.carried_forward" not in _values(other)
