"""Session 14, task Z3: the body's self-reference opening a clause with the year right after it (本局2017年共受理
信息公开申请10件, b25 au09: a hijacked copy with no title, period or year-led clause) is one more clause of the
year (patterns/metadata.yaml year_words.self_before_year). Over all real text the shape is met in 65 texts, 70
clauses, every one with a gold year giving it; a plan (我局2018年将…) is not the year covered.
"""
from __future__ import annotations

from text_docs import meta

_REST = ("三、政府信息依申请公开情况", "本局2017年共受理信息公开申请10件,其中当面申请1宗。",
         "四、政府信息公开收费情况", "本局2017年度依申请公开收取的费用为0元。")


def test_the_year_after_the_bodys_self_reference():
    assert meta("在主动公开信息工作中,政府网站公开信息3698条。", *_REST)["year"] == 2017


def test_a_plan_after_the_self_reference_and_the_year_is_not_the_year():
    m = meta("在主动公开信息工作中,政府网站公开信息3698条。", "五、下一步工作", "我局2018年将进一步加强政务公开工作。")
    assert m["year"] is None
    m = meta("在主动公开信息工作中,政府网站公开信息3698条。", *_REST, "五、下一步工作", "我局2018年将进一步加强政务公开工作。")
    assert m["year"] == 2017
