"""Session 10, task D2 (b16 document-field misses): a park's managing office (…管理处) and a
street-level office named by its work (…城乡工作办事处) are body names."""
import pytest

from extractor.metadata_base import clean_agency
from tests.test_metadata import meta


@pytest.mark.parametrize("name, want", [
    ("湖南衡山萱洲国家湿地公园管理处", "湖南衡山萱洲国家湿地公园管理处"),   # b16 ab12
    ("武汉市东湖生态旅游风景区城乡工作办事处", "武汉市东湖生态旅游风景区城乡工作办事处"),   # b16 ab36
    # counter-examples: the endings alone, a determiner or a verb before them, another bad word
    ("管理处", None), ("该管理处", None), ("工作办事处", None), ("做好工作办事处", None),
    ("信息公开工作办事处", None),
])
def test_managing_office_and_work_office_names(name, want):
    assert clean_agency(name) == want


def test_park_office_on_the_line_above_the_title():
    # b16 ab12: breadcrumb, then the body's name alone, then the title without it
    m = meta("首页 > 县政府直属事业机构 > 衡山萱洲国家湿地公园管理处 > 政府信息公开年报",
             "湖南衡山萱洲国家湿地公园管理处", "2020年政府信息公开年度报告",
             "一、总体情况", "门户网站全年共公开各类信息13条。")
    assert m["agency"] == "湖南衡山萱洲国家湿地公园管理处"
    assert m["year"] == 2020


def test_work_office_before_the_year_in_the_title():
    # b16 ab36: the body, a space, the year and the subject
    m = meta("武汉市东湖生态旅游风景区城乡工作办事处 2025年政府信息公开工作年度报告", "一、总体情况",
             "2025年,城乡工作办事处通过官方网站主动公开政府信息87条。")
    assert m["agency"] == "武汉市东湖生态旅游风景区城乡工作办事处"
    # counter-example: the endings alone before the year name no body
    m = meta("工作办事处 2025年政府信息公开工作年度报告", "一、总体情况", "2025年主动公开政府信息87条。")
    assert m["agency"] is None


def test_report_title_after_a_clause_opening_fabu():
    # pool s10 p037: …的通知》要求,发布《重庆市审计局2021年政府信息公开工作年度报告》
    m = meta("根据《中华人民共和国政府信息公开条例》规定和《关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知》要求,"
             "发布《重庆市审计局2021年政府信息公开工作年度报告》。", "一、总体情况", "(一)主动公开情况。围绕审计工作重点,切实做好公开。")
    assert m["agency"] == "重庆市审计局"
    # counter-example: 发布 inside a clause (及时发布 another year's report) announces nothing
    m = meta("根据《中华人民共和国政府信息公开条例》规定,我们及时发布《重庆市审计局2020年政府信息公开工作年度报告》。",
             "一、总体情况", "(一)主动公开情况。围绕审计工作重点,切实做好公开。")
    assert m["agency"] is None


@pytest.mark.parametrize("name, want", [
    ("大理白族自治州", "大理白族自治州"), ("湘西自治州", "湘西自治州"),                 # pool p175, p257
    ("武汉市东湖生态旅游风景区海事处", "武汉市东湖生态旅游风景区海事处"),           # pool p148
    # counter-examples: a bare 州 is no ending (广州, 杭州 are read with 市); a determiner before 自治州
    ("广州", None), ("各自治州", None), ("海事处", None),
])
def test_autonomous_prefecture_and_maritime_office(name, want):
    assert clean_agency(name) == want


def test_autonomous_prefecture_compiling_its_report():
    # pool p175: 编制大理白族自治州2023年政府信息公开工作年度报告 (the place, as golds write a city's report)
    m = meta("根据《中华人民共和国政府信息公开条例》的规定,编制大理白族自治州2023年政府信息公开工作年度报告。",
             "一、总体情况", "全州主动公开各类政府信息55236条。")
    assert m["agency"] == "大理白族自治州"


def test_past_year_opener_and_guanche_verb():
    # pool p212: 过去一年 opens the clause whose subject is the body
    m = meta("一、总体情况", "过去一年,东丽区人民政府坚持以习近平新时代中国特色社会主义思想为指导,全面推进政务公开。")
    assert m["agency"] == "东丽区人民政府"
    # pool p150: the year, then the body and 贯彻(执行)
    m = meta("一、总体情况", "2024年,皇姑区贯彻执行《中华人民共和国政府信息公开条例》等规定,推进政务公开。")
    assert m["agency"] == "皇姑区"
    # counter-examples: the whole district (全区) or the superior's plan (上级) is no body
    m = meta("一、总体情况", "过去一年,全区各部门坚持以习近平新时代中国特色社会主义思想为指导,全面推进政务公开。")
    assert m["agency"] is None
    m = meta("一、总体情况", "2024年,全区贯彻执行《中华人民共和国政府信息公开条例》等规定,推进政务公开。")
    assert m["agency"] is None


def test_cited_title_studied_names_no_self():
    # pool p054: 我厅 text; 及时传达学习《国务院办公厅关于印发…的通知》 names a superior's document
    lines = ["现将我厅2014年政府信息公开工作情况报告如下:", "一、政府信息公开重点工作落实情况",
             "及时传达学习《国务院办公厅关于印发当前政府信息公开重点工作安排的通知》等有关文件精神,结合我厅实际,明确工作。"]
    assert meta(*lines)["agency"] is None
    # counter-example: a document the body issued itself still names it (制定了《…关于…》)
    lines[2] = "制定了《吉林省人力资源和社会保障厅关于进一步做好政府信息公开工作的通知》,结合我厅实际,明确工作。"
    assert meta(*lines)["agency"] == "吉林省人力资源和社会保障厅"


def test_statistics_period_of_two_calendar_years_names_no_year():
    # pool p261: 所列数据统计时限为2020年1月1日至2021年12月31日 (a slip) in the 2020 report
    m = meta("为切实做好2020年度政府信息公开工作年度报告编制及发布工作,现公布本报告。"
             "所列数据统计时限为2020年1月1日至2021年12月31日。", "一、总体情况",
             "截止2020年12月底,市大数据局官网公开各类政府信息127条。")
    assert m["year"] == 2020
    # counter-example: the period of one year, its end's year written, is that year
    m = meta("所列数据统计期限为2021年1月1日至2021年12月31日。", "一、总体情况", "官网公开各类政府信息127条。")
    assert m["year"] == 2021
