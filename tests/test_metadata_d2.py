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
