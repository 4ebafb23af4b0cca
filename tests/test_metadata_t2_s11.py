"""Session 11, task T2 (document fields): the year opening a clause whose subject is the body, the
topic written as the body's own work (X的政府信息公开工作 + verb)."""
from tests.test_metadata import meta


def test_year_subject_with_its_own_work():
    # b4 v15: no title; the body named only as the subject of the year's work
    m = meta("一、总体情况", "(一)总体公开情况说明。2021年,县卫生健康局的政府信息公开工作严格按照省、市、县各级有关政府信息公开工作的要求开展。")
    assert m["agency"] == "县卫生健康局"
    # counter-examples: the whole county, the body speaking of itself, a verb that is none of the year's subject verbs
    m = meta("一、总体情况", "2021年,全县的政府信息公开工作严格按照省、市有关要求开展。")
    assert m["agency"] is None
    m = meta("一、总体情况", "2021年,我局的政府信息公开工作严格按照省、市有关要求开展。")
    assert m["agency"] is None
    m = meta("一、总体情况", "2021年,县卫生健康局的政府信息公开工作中存在一些问题。")
    assert m["agency"] is None


def test_statistics_period_with_a_comma_before_its_end():
    # b18 ad32: the period is the year's only statement besides the opening's summary
    m = meta("本报告根据《中华人民共和国政府信息公开条例》的规定编制。",
             "本报告所列统计数据的期限自2017年1月1日起,至2017年12月31日止。如对本报告有任何疑问,请与我局办公室联系。",
             "一、总体情况", "我局主动公开政府信息20条。")
    assert m["year"] == 2017
    # counter-example: a period of two calendar years names no one year
    m = meta("本报告根据《中华人民共和国政府信息公开条例》的规定编制。",
             "本报告所列统计数据的期限自2016年1月1日起,至2017年12月31日止。如对本报告有任何疑问,请与我局办公室联系。",
             "一、总体情况", "我局主动公开政府信息20条。")
    assert m["year"] is None


def test_year_clause_after_an_inline_numbered_heading():
    # b18 ae38: no title, the report one long line; the year opens the clause after 一、概述 and a space
    line = ("引言 本报告根据《中华人民共和国政府信息公开条例》要求,由城西街道编制。 一、概述 2017年,我街道认真贯彻落实《条例》。"
            " 二、政府信息主动公开情况 城西街道全年主动公开政府信息86条。")
    assert meta(line)["year"] == 2017
    # counter-example: a heading that is the year's plan is no clause of the year covered
    line = ("引言 本报告根据《中华人民共和国政府信息公开条例》要求,由城西街道编制。 一、概述 我街道认真贯彻落实《条例》。"
            " 五、下一步工作打算 2018年,我们将进一步加强政府信息公开工作。")
    assert meta(line)["year"] is None
