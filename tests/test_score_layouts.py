"""Score-table layouts real pages use that the other readers do not cover (issue 9, session 8,
helper T4): an index of levels whose weights stand in brackets inside the labels, one cell per
line (scores/levels.py; b12 f13), and a run-together table printed one row per page with its
header repeated (scores/repeated.py; b12 f27). Each is read only where its own check holds."""
from __future__ import annotations

from extractor.pipeline import extract


def _tables(tmp_path, text: str):
    p = tmp_path / "t.txt"
    p.write_text(text, encoding="utf-8")
    return extract(str(p))["score_tables"]


def _pairs(t):
    return [(i["max"], i["score"]) for i in t["items"]]


LEVELS_HEAD = "某市政府网站绩效评估指标\n\n一级\n\n二级\n\n三级\n\n指标说明\n\n指标\n\n指标\n\n指标\n\n"


def test_levels_weights_in_labels_cut_by_the_end(tmp_path):
    # the text runs out inside the last row: the rows before it are read, under their categories
    text = LEVELS_HEAD + (
        "信息公开(20)\n\n主动公开(12)\n\n机构信息(2)\n\n公布机构名称、职能、联系方式;\n\n"
        "领导信息(1.5)\n\n公布领导姓名、分工;\n\n政策文件(3)\n\n公布本级政府文件,及时全面;\n\n"
        "财政信息(2)\n\n公布本年度财政预")
    [t] = _tables(tmp_path, text)
    assert _pairs(t) == [(2, None), (1.5, None), (3, None)]
    assert t["items"][0]["path"] == ["信息公开", "主动公开"] and t["items"][0]["criterion"] == "机构信息"
    assert t["total"]["max"] == 6.5


def test_levels_categories_that_add_up(tmp_path):
    text = LEVELS_HEAD + (
        "网上办事(5)\n\n在线服务(3)\n\n在线咨询(1)\n\n答复及时;\n\n在线申报(2)\n\n能够在线申报的事项;\n\n"
        "服务框架(2)\n\n应用主题(2)\n\n按职能设计服务框架。\n\n"
        "备注:以上指标由第三方评估。")
    [t] = _tables(tmp_path, text)
    assert _pairs(t) == [(1, None), (2, None), (2, None)]
    assert t["items"][2]["path"] == ["网上办事", "服务框架"]


def test_levels_category_that_does_not_add_up_gives_nothing(tmp_path):
    # 在线服务(3) closes with 1 + 1 = 2 points: the split is not what the weights say
    text = LEVELS_HEAD + (
        "网上办事(5)\n\n在线服务(3)\n\n在线咨询(1)\n\n答复及时;\n\n在线申报(1)\n\n能够在线申报的事项;\n\n"
        "服务框架(2)\n\n应用主题(2)\n\n按职能设计服务框架。\n\n备注:以上指标由第三方评估。")
    assert _tables(tmp_path, text) == []


def test_levels_complete_table_that_does_not_add_up_gives_nothing(tmp_path):
    # the text ends after a complete row (a full stop): the open categories must add up, and 3.5 is not 12
    text = LEVELS_HEAD + "信息公开(20)\n\n主动公开(12)\n\n机构信息(2)\n\n公布机构名称;\n\n领导信息(1.5)\n\n公布领导姓名。\n"
    assert _tables(tmp_path, text) == []


def test_levels_need_a_header_of_levels(tmp_path):
    # the same labels under no header of index levels: numbered notes, not an index
    text = "工作要点\n\n" + ("信息公开(20)\n\n主动公开(12)\n\n机构信息(2)\n\n公布机构名称;\n\n领导信息(1.5)\n\n公布领导姓名;\n\n"
                         "政策文件(3)\n\n公布本级政府文件。\n\n")
    assert _tables(tmp_path, text) == []


REPEATED = ("全省系统政府信息公开工作考评实施细则\n\n资源描述\n\n"
            "1、全省系统政府信息公开工作考评实施细则考评项目分值 考评内容 评分标准 实施方法"
            "组织领导12 分1、成立政府信息公开工作领导小组;2、明确分管领导未成立领导小组的扣 2分。"
            "由省局采取书面审查的方式审查上报的材料考评项目分值 考评内容 评分标准 实施方法"
            "制度建设10 分1、建立主动公开制度;2、建立保密审查制度缺一项扣 3 分由省局实地检查"
            "考评项目分值 考评内容 评分标准 实施方法依法公开信息 主动公开信息50 分1、主动公开的信息具备规范的")


def test_repeated_header_rows_between_copies(tmp_path):
    [t] = _tables(tmp_path, REPEATED)
    # the rows between two copies of the header; the last row (after the last copy) is not read
    assert _pairs(t) == [(12, None), (10, None)]
    assert t["items"][0]["path"] == ["组织领导"] and t["items"][1]["path"] == ["制度建设"]


def test_repeated_header_one_bounded_row_is_a_table(tmp_path):
    text = REPEATED.split("制度建设")[0] + "依法公开信息 主动公开信息50 分1、主动"
    [t] = _tables(tmp_path, text)
    assert _pairs(t) == [(12, None)] and t["total"]["max"] == 12


def test_repeated_header_once_gives_nothing(tmp_path):
    text = ("考评实施细则\n\n考评项目分值 考评内容 评分标准 实施方法组织领导12 分1、成立政府信息公开工作领导小组;"
            "未成立领导小组的扣 2分。")
    assert _tables(tmp_path, text) == []


def test_repeated_header_segment_that_is_no_row_gives_nothing(tmp_path):
    # between the two copies stands text that opens with no label and points: no row of this table
    text = ("考评实施细则\n\n考评项目分值 考评内容 评分标准 实施方法说明:本细则由省局负责解释,2分以下不计。"
            "考评项目分值 考评内容 评分标准 实施方法组织领导12 分1、成立领导小组")
    assert _tables(tmp_path, text) == []


def test_repeated_header_page_of_several_rows_gives_nothing(tmp_path):
    # two rows on one page between the copies: where one ends is not known, so neither is read
    text = ("考评实施细则\n\n考评项目分值 考评内容 评分标准 实施方法组织领导12 分1、成立领导小组;未成立的扣 2分。"
            "制度建设10 分1、建立主动公开制度;缺一项扣 3 分。考评项目分值 考评内容 评分标准 实施方法公开信息50 分1、主动")
    assert _tables(tmp_path, text) == []
