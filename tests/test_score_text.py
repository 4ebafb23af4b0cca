"""Score tables published as crawled text (issue 9, failure class 3).

The forms: pipe rows whose bars were wrapped onto lines of their own, markdown pipe rows
continued on the next line, whitespace-separated columns, one cell per line with ``||``
row ends, a 扣分-only table and ``【N分】`` notes inside a criterion.  Each fixture in
``tests/fixtures/scoretext/`` was written by hand with its expected reading
(``NAME.expect.json``: (max, score) per item, totals, and where the form keeps them the
paths and the criteria's first characters).  These are regression tests of the forms,
not a generalisation figure.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.load.textables import join_continued, split_lines
from extractor.model import DocumentBuilder, Source, Table
from extractor.normalize import normalize
from extractor.pipeline import load_and_normalize
from extractor.tables.scores import read_score_tables

HERE = Path(__file__).resolve().parent / "fixtures" / "scoretext"
NAMES = sorted(p.stem for p in HERE.glob("*.txt"))


def test_fixtures_present():
    assert len(NAMES) >= 3
    for name in NAMES:
        assert (HERE / f"{name}.expect.json").exists(), name


@pytest.mark.parametrize("name", NAMES)
def test_fixture_score_tables(name):
    doc = load_and_normalize(HERE / f"{name}.txt")
    expect = json.loads((HERE / f"{name}.expect.json").read_text(encoding="utf-8"))
    got = read_score_tables(doc, None).score_tables
    assert len(got) == len(expect["score_tables"])
    for st, want in zip(got, expect["score_tables"]):
        assert [[i.max, i.score] for i in st.items] == want["items"]
        assert st.total == want["total"]
        if "paths" in want:
            assert [i.path for i in st.items] == want["paths"]
        if "criteria" in want:
            for it, c in zip(st.items, want["criteria"]):
                assert it.criterion.startswith(c), (it.criterion, c)
        # every item quotes its own row of the text
        a, b = st.offset
        for it in st.items:
            s, e = it.offset
            assert a <= s < e <= b and doc.text[s:e].strip()
        assert not any("above max" in c["message"] for c in st.checks)


# ------------------------------------------------------------ the rebuilder itself
def test_wrapped_bar_rows_become_one_pipe_table():
    lines = ["评分表", "", "考核项目", "| 考评细项", "| 分值", "|",
             "组织领导(5分)", "| 调整领导小组成员", "| 2", "|",
             "召开会议部署工作,", "开展业务培训", "| 3", "|",
             "载体建设(1分)", "| 设置查阅点", "| 1", "|", "", "以上细则自发布之日起施行。"]
    pieces = split_lines(lines)
    assert [p.kind for p in pieces] == ["paragraph", "table", "paragraph"]
    t = pieces[1].table
    assert t.source == "pipe" and (pieces[1].first_line, pieces[1].last_line) == (2, 17)
    assert [[c.text for c in r] for r in t.rows()] == [
        ["考核项目", "考评细项", "分值"], ["组织领导(5分)", "调整领导小组成员", "2"],
        ["召开会议部署工作,开展业务培训", "3"], ["载体建设(1分)", "设置查阅点", "1"]]


def test_a_few_bar_lines_in_prose_are_not_a_table():
    lines = ["我局公开了以下信息:", "| 规范性文件", "今年共收到申请3件。", "| 全部按期答复", "|"]
    assert all(p.kind == "paragraph" for p in split_lines(lines))


def test_continued_rows_are_joined_only_under_a_wider_header():
    head = ["序号", "指标", "测评要点", "权重", "得分"]
    rows = [head, ["1", "决策公开", "公开决策草案"], ["10", "8", ""], ["2", "执行公开", "公开执行措施", "5", "5"]]
    assert join_continued(rows) == [head, ["1", "决策公开", "公开决策草案", "10", "8", ""],
                                    ["2", "执行公开", "公开执行措施", "5", "5"]]
    # a statistics table: a row of labels followed by a row of figures under a narrower
    # header stays as written
    stats = [["项目", "数量", "单位"], ["主动公开", "规章"], ["12", "3"]]
    assert join_continued(stats) == stats
    # a row that starts with one figure and then text is a row of its own (序号 + label)
    rows2 = [head, ["1", "决策公开", "公开决策草案"], ["2", "执行公开", "公开执行措施"]]
    assert join_continued(rows2) == rows2


def test_whitespace_columns_need_a_header_of_names_and_rows_with_figures():
    lines = ["考核项目  考核内容  分值  自评得分", "组织领导  明确分管领导并落实专职工作人员  5  5",
             "主动公开\t及时公开规范性文件并标注有效性\t10\t9.5", "", "以上为自评情况。"]
    pieces = split_lines(lines)
    assert [p.kind for p in pieces] == ["table", "paragraph"]
    assert [[c.text for c in r] for r in pieces[0].table.rows()][2] == [
        "主动公开", "及时公开规范性文件并标注有效性", "10", "9.5"]
    # a statistics table in whitespace columns (no long text cell) stays as paragraphs
    stats = ["项目  单位  数量", "主动公开政府信息数  条  126", "收到申请数  件  3"]
    assert all(p.kind == "paragraph" for p in split_lines(stats))
    # prose with spaces: no header line of column names, no table
    prose = ["2019年 我局 扎实推进 政务公开工作", "全年 主动公开信息 126 条", "其中 政策解读 12 篇"]
    assert all(p.kind == "paragraph" for p in split_lines(prose))
    # a line of names followed by sentences without figures: no table
    names = ["工作机构 人员 制度", "我局 高度重视 政务公开 工作", "明确 专人 负责"]
    assert all(p.kind == "paragraph" for p in split_lines(names))


# ------------------------------------------------------------ header-driven roles
def _doc(*parts):
    b = DocumentBuilder(Source("t.txt"))
    for p in parts:
        if isinstance(p, Table):
            b.add_table(p)
        else:
            b.add_paragraph(p)
    return normalize(b.build())


def test_figures_under_an_unrecognised_header_are_not_read():
    rows = [["考核项目", "考核内容", "分值", "系数"],
            ["组织领导", "明确分管领导", "5", "0.8"],
            ["主动公开", "及时公开政府信息", "10", "0.9"]]
    (st,) = read_score_tables(_doc("考核评分表", Table.from_rows(rows, source="pipe")), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(5, None), (10, None)]
    assert any("column 4" in c["message"] and "not read" in c["message"] for c in st.checks)


def test_more_columns_of_figures_than_the_header_names_are_not_guessed():
    # the header's 考核项目 spans two text columns and names one points column; the rows
    # have two: which one is 分值 is a guess, so neither is read
    rows = [["考核项目", "分值"],
            ["组织领导", "明确分管领导", "5", "4"],
            ["主动公开", "及时公开政府信息", "10", "9"]]
    found = read_score_tables(_doc("考核评分表", Table.from_rows(rows, source="pipe")), None).score_tables
    assert all(i.max is None and i.score is None for st in found for i in st.items)


def test_one_row_table_needs_a_header_naming_max_and_score():
    one = [["考核项目", "考核内容", "分值", "得分"], ["组织领导", "明确分管领导", "5", "4"]]
    (st,) = read_score_tables(_doc(Table.from_rows(one, source="pipe")), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(5, 4)]
    only_max = [["考核项目", "考核内容", "分值"], ["组织领导", "明确分管领导", "5"]]
    assert read_score_tables(_doc(Table.from_rows(only_max, source="pipe")), None).score_tables == []


def test_markdown_row_wrapped_mid_cell_is_one_row():
    lines = ["| 序号 | 指标 | 测评要点 | 分值 | 得分 |",
             "| 1 | 决策公开 | 公开决策草案", "和决策依据 | 5 | 4 |",
             "| 2 | 执行公开 | 公开执行措施 | 3 | 3 |",
             "| 3 | 结果公开 | 公开督查情况",  # never closed: left as it is
             "全年共督查12次。"]
    pieces = split_lines(lines)
    assert [p.kind for p in pieces] == ["table", "paragraph"]
    rows = [[c.text for c in r] for r in pieces[0].table.rows()]
    assert rows[1] == ["1", "决策公开", "公开决策草案和决策依据", "5", "4"]
    assert rows[2] == ["2", "执行公开", "公开执行措施", "3", "3"]
    assert rows[3] == ["3", "结果公开", "公开督查情况"]
    assert pieces[1].text == "全年共督查12次。"


def test_stream_with_a_deduction_column():
    cells = ["考核项目", "考核内容", "标准分", "扣分", "组织领导(10分)", "明确分管领导", "5", "0",
             "制定年度工作方案", "5", "1.5", "主动公开(20分)", "及时公开政府信息", "20", "2"]
    t = Table.from_rows([[c] for c in cells], source="stream")
    (st,) = read_score_tables(_doc("自查评分表", t), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(5, 5), (5, 3.5), (20, 18)]
    assert [i.path for i in st.items] == [["组织领导"], ["组织领导"], ["主动公开"]]
    # a deduction above the row's max is reported, not turned into a score
    bad = cells[:9] + ["5", "6", "主动公开(20分)", "及时公开政府信息", "20", "2"]
    (st,) = read_score_tables(_doc("自查评分表", Table.from_rows([[c] for c in bad], source="stream")),
                              None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(5, 5), (5, None), (20, 18)]
    assert any("deduction 6 above max 5" in c["message"] for c in st.checks)


def test_markdown_rows_with_every_bar_wrapped_become_one_pipe_table():
    # "| a | b | c |" with a line break before every bar
    lines = ["考核细则", "| 考核项目", "| 考核内容", "| 分值", "| 自评得分", "|",
             "| 组织领导", "| 明确分管领导", "| 5", "| 5", "|",
             "|", "| 制定年度工作方案", "| 5", "| 4", "|",
             "| 主动公开", "| 及时公开政府信息", "| 20", "| 18", "|"]
    pieces = split_lines(lines)
    assert [p.kind for p in pieces] == ["paragraph", "table"]
    rows = [[c.text for c in r] for r in pieces[1].table.rows()]
    assert rows[0] == ["考核项目", "考核内容", "分值", "自评得分"]
    assert rows[2] == ["", "制定年度工作方案", "5", "4"]  # the empty (merged) first cell is kept
    (st,) = read_score_tables(load_lines(lines), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(5, 5), (5, 4), (20, 18)]
    assert [i.path for i in st.items] == [["组织领导"], ["组织领导"], ["主动公开"]]


def load_lines(lines):
    from extractor.load.textables import add_lines
    b = DocumentBuilder(Source("t.txt"))
    add_lines(b, lines)
    return normalize(b.build())


def test_whitespace_grid_of_short_cells_under_a_header():
    lines = ["考核项目 考核内容 分值 自评得分", "组织领导 明确分管领导 5 5", "平台建设 专栏规范 10 9",
             "主动公开 及时公开 20 18", "依申请公开 按时答复 10 10"]
    (p,) = split_lines(lines)
    assert p.kind == "table" and p.table.n_rows == 5
    (st,) = read_score_tables(load_lines(lines), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(5, 5), (10, 9), (20, 18), (10, 10)]
    # two such rows are not enough to call it a grid
    assert all(p.kind == "paragraph" for p in split_lines(lines[:3]))


def test_continued_row_with_a_blank_score_cell():
    head = ["序号", "指标", "测评要点", "权重", "得分", "扣分依据"]
    rows = [head, ["1", "决策公开", "公开决策草案"], ["10", "", "未公开"],
            ["2", "执行公开", "公开执行措施"], ["3", "", "结果公开"]]
    # "3 | | 结果公开" is the next row number (2 + 1), not row 2's 权重
    assert join_continued(rows) == [head, ["1", "决策公开", "公开决策草案", "10", "", "未公开"],
                                    ["2", "执行公开", "公开执行措施"], ["3", "", "结果公开"]]


def test_a_row_cut_by_the_end_of_the_text_is_left_out_only_mid_sentence(tmp_path):
    """The excerpt ends inside the last row's criterion ('…要素齐全、'): that row is left
    out with a warning; the same table whose last row ends on a full stop keeps it."""
    text = (HERE / "t6_paragraph_cells_cut.txt").read_text(encoding="utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_text(text, encoding="utf-8")
    whole = tmp_path / "whole.txt"
    whole.write_text(text.rstrip().rstrip("、") + "、准确。\n", encoding="utf-8")
    got_cut = read_score_tables(load_and_normalize(cut), None).score_tables
    got_whole = read_score_tables(load_and_normalize(whole), None).score_tables
    assert [i.max for i in got_cut[0].items] == [8, 6, 4]
    assert any("cut by the end of the text" in c["message"] for c in got_cut[0].checks)
    assert [i.max for i in got_whole[0].items] == [8, 6, 4, 5]
    assert got_whole[0].items[-1].path == ["办事服务公开"]
    assert not any("cut by the end" in c["message"] for c in got_whole[0].checks)


def test_numbered_criteria_need_numbers_in_order_and_trailing_points(tmp_path):
    """Rows '1、…(20)' / '| | | | |' are items only when every row is numbered 1, 2, 3 …
    and ends with its bracketed points; a list missing one figure is not read."""
    text = (HERE / "t8_numbered_criteria_grades.txt").read_text(encoding="utf-8")
    f = tmp_path / "broken.txt"
    f.write_text(text.replace("内容要素齐全(20)", "内容要素齐全"), encoding="utf-8")
    assert read_score_tables(load_and_normalize(f), None).score_tables == []
    g = tmp_path / "order.txt"
    g.write_text(text.replace("3、依申请", "5、依申请"), encoding="utf-8")
    assert read_score_tables(load_and_normalize(g), None).score_tables == []
