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


# ------------------------------------------- round 3: more text forms (issue 9, class 3)
def _items(doc):
    return [[(i.max, i.score) for i in st.items] for st in read_score_tables(doc, None).score_tables]


def _bar_cells(rows, close_last=True):
    """One cell per line, every cell followed by a line holding only '|' (blank cells:
    a '|' line right after another)."""
    out = []
    for r, row in enumerate(rows):
        for k, c in enumerate(row):
            if c:
                out.append(c)
            if close_last or r < len(rows) - 1 or k < len(row) - 1:
                out.append("|")
    return out


ASSESSOR_ROWS = [["评价指标", "指标分值", "扣分", "失分原因", "整改情况"],
                 ["第一季度部门测评表", "", "", "", "", "", ""],
                 ["公开平台", "", "", "", "", ""],
                 ["栏目设置", "", "4.0000", "1.0000", "缺少专栏。", "已补设专栏。"],
                 ["内容更新", "", "6.0000", "0.0000", "无。", "无。"],
                 ["解读回应", "", "", "5.0000", "2.5000", "解读不及时。", "已补发解读。"]]


def test_one_cell_per_line_with_blank_cells_is_one_stream():
    pieces = split_lines(_bar_cells(ASSESSOR_ROWS))
    assert [p.kind for p in pieces] == ["table"]
    cells = [c.text for c in pieces[0].table.cells]
    assert cells[:7] == ["评价指标", "指标分值", "扣分", "失分原因", "整改情况", "第一季度部门测评表", ""]
    assert cells.count("") == 6 + 5 + 1 + 1 + 2


def test_an_assessors_deduction_is_no_claimed_score():
    # 扣分 next to 失分原因: the points were taken off by an assessor; max − 扣分 is not the
    # body's claim, so score stays null (the 扣分 cell is still part of the row)
    assert _items(load_lines(_bar_cells(ASSESSOR_ROWS))) == [[(4, None), (6, None), (5, None)]]
    # the same table with no assessor's column: a self-inspection's 扣分 gives max − 扣分
    own = [["评价指标", "指标分值", "扣分", "整改情况"], ["公开平台", "", "", "", ""],
           ["栏目设置", "", "4.0000", "1.0000", "已补设专栏。"], ["内容更新", "", "6.0000", "0.0000", "无。"],
           ["解读回应", "", "", "5.0000", "2.5000", "已补发解读。"]]
    assert _items(load_lines(_bar_cells(own))) == [[(4, 3), (6, 6), (5, 2.5)]]


def test_a_stream_row_cut_before_its_remarks_is_left_out():
    cut = ASSESSOR_ROWS + [["信息发布", "", "3.0000", "1.00"]]
    lines = _bar_cells(cut, close_last=False)
    assert lines[-1] == "1.00"
    (st,) = read_score_tables(load_lines(lines), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(4, None), (6, None), (5, None)]
    assert any("cut by the end of the text" in c["message"] for c in st.checks)
    # the last row complete (its remarks there, the text goes on): kept
    whole = ASSESSOR_ROWS + [["信息发布", "", "3.0000", "1.0000", "发布滞后。", "已整改。"]]
    assert _items(load_lines(_bar_cells(whole) + ["以上为测评结果。"])) == [
        [(4, None), (6, None), (5, None), (3, None)]]


def test_totals_printed_above_a_stream_header():
    # "测评总得分: | 88.5" among the cells above the header: the stated score; the
    # other figures there (指标总分 of several parts) are not taken
    rows = [["某某局", "基础指标总分:", "100.00", "测评总得分:", "88.50"]] + ASSESSOR_ROWS
    (st,) = read_score_tables(load_lines(_bar_cells(rows)), None).score_tables
    assert st.total["stated_score"] == 88.5 and st.total["stated_max"] is None
    assert [(i.max, i.score) for i in st.items] == [(4, None), (6, None), (5, None)]


def test_a_title_cell_holding_a_header_word_is_not_a_column():
    # "…评分表" holds 评分 (a score column's word) but is a title, not a column name
    rows = [ASSESSOR_ROWS[0][:3], ["2020年第三季度市直部门评分表", "", "", ""],
            ["栏目设置", "4", "1"], ["内容更新", "6", "0"]]
    assert _items(load_lines(_bar_cells(rows))) == [[(4, 3), (6, 6)]]


VERTICAL = ["考核项目", "| 考核内容", "| 分数", "| 考核标准", "|",
            "组", "织", "保", "障", "9", "分",
            "| 机构人员", "| 1、明确分管领导", "| 4分", "| 未明确的扣2分。", "|",
            "制度", "建设", "| 2、建立保密审查", "制度", "| 3分", "| 无制度不得分。", "|",
            "| 3、建立发布协调机制", "| 2分", "| 缺一项扣1分。", "|"]


def test_a_category_printed_one_character_per_line():
    pieces = split_lines(VERTICAL)
    assert [p.kind for p in pieces] == ["table"]
    rows = [[c.text for c in r] for r in pieces[0].table.rows()]
    assert rows[1][:2] == ["组织保障9分", "机构人员"]
    # a plain line between two "| cell" lines continues the cell (rows close with a bar)
    assert rows[2] == ["制度建设", "2、建立保密审查制度", "3分", "无制度不得分。"]
    (st,) = read_score_tables(load_lines(VERTICAL), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(4, None), (3, None), (2, None)]
    # the criterion is the 考核内容 column before the points, not the rule after them
    assert [i.criterion[:2] for i in st.items] == ["1、", "2、", "3、"]


def test_a_wrapped_bar_row_cut_by_the_end_of_the_text_is_left_out():
    cut = VERTICAL + ["公开平台", "| 4、网站专栏", "| 5分", "| 1、专栏设置规范(2"]
    pieces = split_lines(cut)
    assert pieces[0].table.open_end
    (st,) = read_score_tables(load_lines(cut), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(4, None), (3, None), (2, None)]
    assert any("cut by the end of the text" in c["message"] for c in st.checks)
    assert not split_lines(VERTICAL)[0].table.open_end
    # the text ends after the last row's last cell, which is whole: the row is kept
    whole = VERTICAL + ["公开平台", "| 4、网站专栏", "| 5分"]
    assert split_lines(whole)[0].table.open_end
    assert _items(load_lines(whole)) == [[(4, None), (3, None), (2, None), (5, None)]]


def test_a_pipe_row_without_its_closing_bar_at_the_end_is_left_out():
    lines = ["指标 | 具体项目 | 分值 | 评分说明 | 自评分 |",
             "保障(0.5分) | 培训 | 0.2 | 重点考核培训计划; | |",
             "机构 | 0.3 | 重点考核机构设置。 | |",
             "公开(0.4分) | 文件 | 0.4 | 重点考核文件公"]
    (st,) = read_score_tables(load_lines(lines), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(0.2, None), (0.3, None)]
    # closed by its bar, the same last row is complete
    closed = lines[:3] + ["公开(0.4分) | 文件 | 0.4 | 重点考核文件公开。 | |"]
    assert _items(load_lines(closed)) == [[(0.2, None), (0.3, None), (0.4, None)]]
    # rows that never end with a bar say nothing about a cut
    bare = [x.rstrip(" |") for x in closed]
    assert _items(load_lines(bare)) == [[(0.2, None), (0.3, None), (0.4, None)]]


OUTLINE = ["(2)按时报送年度报告。(4分)",
           "(二)对县直部门的考核内容及评分标准(总分100分)。",
           "1.工作机制。(12分)",
           "(1)明确分管领导和工作人员。(8分)",
           "(2)制定年度工作要点。(4分)",
           "2.公开内容。(30分)",
           "(1)机构职能信息。(10分)(2)规划计划信息。(20分)",
           "以上信息由各部门按要求填报。",
           "3.监督保障。(58分)",
           "(1)按要求开展政府信息公开工作考核,考核结"]


def test_a_scoring_outline_with_points_after_each_item():
    doc = load_lines(OUTLINE)
    got = read_score_tables(doc, None).score_tables
    assert [[(i.max, i.score) for i in st.items] for st in got] == [
        [(4, None)], [(8, None), (4, None), (10, None), (20, None)]]
    assert [i.path for i in got[1].items] == [["工作机制"]] * 2 + [["公开内容"]] * 2
    assert got[1].total["stated_max"] == 100 and got[1].total["max"] == 42
    # every item quotes its own text
    for st in got:
        for it in st.items:
            assert doc.text[it.offset[0]:it.offset[1]].startswith("(")


def test_an_outline_whose_points_do_not_add_up_is_not_read():
    # a category's sub-items contradicting its points: not a scoring outline
    bad = [x.replace("(12分)", "(15分)") for x in OUTLINE]
    assert read_score_tables(load_lines(bad), None).score_tables == []
    # numbered prose with a few points but no category to check: nothing
    prose = ["一、工作开展情况", "1.我局高度重视政务公开工作。(5分)", "2.及时更新网站栏目。(5分)"]
    assert read_score_tables(load_lines(prose), None).score_tables == []


def test_an_assessors_deduction_in_pipe_rows():
    rows = [["评价指标", "指标分值", "扣分", "失分原因"], ["栏目设置", "4", "1", "缺少专栏。"],
            ["内容更新", "6", "0", "无。"], ["合计", "10", "1", ""]]
    (st,) = read_score_tables(_doc("测评表", Table.from_rows(rows, source="pipe")), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(4, None), (6, None)]
    assert st.total["stated_max"] == 10 and st.total["stated_score"] is None
    # without the assessor's column the same rows are a self-inspection: max − 扣分
    own = [r[:3] for r in rows]
    (st,) = read_score_tables(_doc("自查表", Table.from_rows(own, source="pipe")), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(4, 3), (6, 6)]
    assert st.total["stated_score"] == 9


RUNON = ("考评指标及评分细则一级指标二级指标权重考评内容评分细则平台保障(9)网站运行(7)正常访问5每日检查"
         "网站能否正常访问。栏目更新2栏目按时更新,依据(2019)12号文件。安全防护(2)漏洞修复1发现漏洞及时"
         "修复的,可得50%。备案管理1完成备案。互动交流(8)留言办理5及时答复网民留")


def test_rows_run_together_are_split_by_the_categories_arithmetic():
    doc = load_lines(["门户网站考评指标", RUNON])
    (st,) = read_score_tables(doc, None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(5, None), (2, None), (1, None), (1, None)]
    assert [i.path for i in st.items] == [["平台保障", "网站运行"]] * 2 + [["平台保障", "安全防护"]] * 2
    assert [i.criterion for i in st.items] == ["正常访问", "栏目更新", "漏洞修复", "备案管理"]
    for it in st.items:  # each item quotes its name and points
        assert doc.text[it.offset[0]:it.offset[1]] in ("正常访问5", "栏目更新2", "漏洞修复1", "备案管理1")


def test_run_together_rows_that_do_not_add_up_are_not_read():
    # 5 + 2 is more than the category's 6: the split is wrong, nothing of 平台保障 is read
    assert read_score_tables(load_lines([RUNON.replace("网站运行(7)", "网站运行(6)")]), None).score_tables == []
    # a score column among the names: a row's two figures could not be told apart
    scored = RUNON.replace("权重考评内容", "权重自评得分考评内容")
    assert read_score_tables(load_lines([scored]), None).score_tables == []
    # no header of column names run together: prose with figures is no table
    prose = RUNON.rsplit("评分细则", 1)[1]
    assert prose.startswith("平台保障")
    assert read_score_tables(load_lines([prose]), None).score_tables == []


def test_outline_levels_and_bracket_forms():
    # "一、" headings with points are categories too; 【N分】 and (共N分) close an item
    lines = ["一、组织领导(共20分)", "1.成立领导小组【10分】", "2.明确工作人员【10分】",
             "二、主动公开(30分)", "1.公开规范性文件【20分】", "2.公开工作动态【10分】"]
    (st,) = read_score_tables(load_lines(lines), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(10, None), (10, None), (20, None), (10, None)]
    assert [i.path for i in st.items] == [["组织领导"]] * 2 + [["主动公开"]] * 2
    # a report's sections whose points come before the sentence are no outline
    prose = ["二、自查得分", "1.组织领导(20分)。我局成立了领导小组,自评20分。", "2.主动公开(30分)。自评28分。"]
    assert read_score_tables(load_lines(prose), None).score_tables == []


def test_a_category_printed_one_character_per_line_in_streams():
    # bars after every cell, the category cell's characters on lines of their own
    rows = [["考核项目", "考核内容", "分值", "备注"], ["组\n织\n领\n导\n10\n分", "明确分管领导", "5", ""],
            ["制定工作方案", "5", "无"], ["主\n动\n公\n开", "公开规范性文件", "10", ""]]
    lines = [x for c in _bar_cells(rows) for x in c.split("\n")]
    (p,) = split_lines(lines)
    assert "组织领导10分" in [c.text for c in p.table.cells]
    assert _items(load_lines(lines)) == [[(5, None), (5, None), (10, None)]]
    # no bars at all: the characters are one cell, never a label of the figure after them
    bare = ["考核项目", "考核内容", "分值", "组", "织", "领", "导", "10", "分", "明确分管领导", "5",
            "制定工作方案", "5", "主", "动", "公", "开", "公开规范性文件", "10"]
    (st,) = read_score_tables(load_lines(bare), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(5, None), (5, None), (10, None)]
    assert [i.path for i in st.items] == [["组织领导"], ["组织领导"], ["主动公开"]]
    # one-character values (无, 是, 否) are cells of their own
    from extractor.load.textables import join_vertical
    assert join_vertical(["无", "无", "是", "5"]) == ["无", "无", "是", "5"]
    assert join_vertical(["组", "织", "领", "导", "10", "分", "5"]) == ["组织领导10分", "5"]


def test_stream_figures_follow_the_header_order_and_unknown_columns_stop_reading():
    # a column the vocabulary does not know (系数) between 分值 and 自评得分: its place is
    # certain, its meaning is not, so nothing from it on is read, and a warning says so
    rows = [["考核项目", "分值", "系数", "自评得分"], ["组织领导", "5", "0.8", "5"],
            ["主动公开", "10", "0.9", "8"], ["依申请公开", "10", "1.0", "9"]]
    for lines in (_bar_cells(rows), [c for r in rows for c in r]):
        (st,) = read_score_tables(load_lines(lines), None).score_tables
        assert [(i.max, i.score) for i in st.items] == [(5, None), (10, None), (10, None)]
        assert any("header_unrecognised" in c["message"] and "系数" in c["message"] for c in st.checks)
    # a known column of other figures (得分率) between them: passed over in order, the
    # score is the figure under 得分
    rate = [["考核项目", "分值", "得分率", "得分"], ["组织领导", "5", "80%", "4"], ["主动公开", "10", "90%", "9"]]
    assert _items(load_lines([c for r in rate for c in r])) == [[(5, 4), (10, 9)]]


def test_a_deduction_only_stream_takes_the_max_from_the_row_notes():
    # 考核项目 | 评分标准 | 扣分: the only figure of a row is the deduction, never its max
    rows = [["考核项目", "评分标准", "扣分"], ["组织领导", "成立领导小组(5分),未成立扣5分", "0"],
            ["主动公开", "及时公开政府信息(10分),每缺一项扣1分", "2"], ["依申请公开", "按时答复", "1"]]
    (st,) = read_score_tables(load_lines(_bar_cells(rows)), None).score_tables
    # no (N分) note in the last row: no max, so no score either
    assert [(i.max, i.score) for i in st.items] == [(5, 5), (10, 8), (None, None)]
    # a self-score-only stream: the figure is the score, the max the row's note
    own = [["考核项目", "考核内容", "自评得分"], ["组织领导", "成立领导小组(5分)", "5"], ["主动公开", "及时公开(10分)", "9"]]
    assert _items(load_lines(_bar_cells(own))) == [[(5, 5), (10, 9)]]


def test_whitespace_rows_whose_text_wrapped_onto_an_indented_line():
    lines = ["考核项目  考核内容  分值  自评分", "组织领导  明确分管领导,  5  5", "          落实工作人员",
             "主动公开  公开规范性文件  10  9", "依申请公开  按时答复申请  5  4", "合计      20  18"]
    pieces = split_lines(lines)
    assert [p.kind for p in pieces] == ["table"]
    assert [c.text for c in pieces[0].table.rows()[1]] == ["组织领导", "明确分管领导,落实工作人员", "5", "5"]
    (st,) = read_score_tables(load_lines(lines), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(5, 5), (10, 9), (5, 4)]
    assert (st.total["stated_max"], st.total["stated_score"]) == (20, 18)


def test_totals_printed_in_rows_above_a_header():
    lines = ["| 某某局 | 基础指标总分: | 100.00 | 测评总得分: | 88.50 |",
             "| 测评指标 | 指标分值 | 得分 |", "| 栏目设置 | 4 | 3 |", "| 内容更新 | 6 | 6 |"]
    (st,) = read_score_tables(load_lines(lines), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(4, 3), (6, 6)]
    assert st.total["stated_score"] == 88.5 and st.total["stated_max"] is None
    assert any("stated total score 88.5 != sum of item scores 9" in c["message"] for c in st.checks)


def test_a_reports_sections_scoring_themselves_are_no_outline():
    # a self-inspection whose headings carry their points and whose prose claims a score
    lines = ["一、组织领导(20分)", "(一)成立领导小组(10分)", "我局成立了领导小组,自评得分10分。",
             "(二)明确工作人员(10分)", "明确专人负责,自评10分。", "二、主动公开(30分)",
             "(一)公开规范性文件(20分)", "(二)公开工作动态(10分)"]
    assert read_score_tables(load_lines(lines), None).score_tables == []
    # the same outline without the claims is a scoring standard: four levels nest
    std = [x for x in lines if "自评" not in x]
    (st,) = read_score_tables(load_lines(std), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(10, None), (10, None), (20, None), (10, None)]
    assert [i.path for i in st.items] == [["组织领导"]] * 2 + [["主动公开"]] * 2


def test_a_rule_column_between_the_max_and_the_score_in_a_stream():
    # 考核内容 | 分值 | 评分标准 | 自评得分: the rule text belongs to its row, it never
    # becomes the label of the self-score after it
    rows = [["考核内容", "分值", "评分标准", "自评得分"], ["组织领导", "5", "未成立扣5分", "5"],
            ["主动公开", "10", "每缺一项扣1分", "8"], ["依申请公开", "5", "", "4"]]
    for lines in (_bar_cells(rows), [c for r in rows for c in r if c]):
        assert _items(load_lines(lines)) == [[(5, 5), (10, 8), (5, 4)]]


def test_a_last_row_cut_after_its_criterion_cell_is_left_out():
    # a page opening that stops right after a cell, before the row's score: the row's max
    # comes from its notes, but its score is not blank, it is not there
    lines = ["| 考核项目 | 目标要求 | 具体标准 | 自查评分 |",
             "| 组织领导(10分) | 主要负责人亲自抓(5分) | 听取一次政务公开工作汇报(5分)。 | 5分 |",
             "| 分管领导具体抓(5分) | 政务公开列入单位领导工作分工(5分)。 | 4分 |",
             "| 制度建设(3分) | 保密审查(3分) | 完善保密审查制度(3分)。 | 3分 |",
             "| 政务服务(5分) | 服务制度(5分) | 完善政务服务制度和流程(2分),规范办理事项(3分)。 |"]
    (st,) = read_score_tables(load_lines(lines), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(5, 5), (5, 4), (3, 3)]
    assert any("cut by the end of the text" in c["message"] for c in st.checks)
    # the same row with its score is complete; with a blank score cell it is blank
    done = lines[:4] + [lines[4] + " 4分 |"]
    assert _items(load_lines(done)) == [[(5, 5), (5, 4), (3, 3), (5, 4)]]
    blank = lines[:4] + [lines[4] + " |"]
    assert _items(load_lines(blank)) == [[(5, 5), (5, 4), (3, 3), (5, None)]]


def test_a_last_row_cut_after_its_max_is_left_out():
    # "…年报 | 1分" + end of text: the score cell of the row is not there (others have one)
    lines = ["考核项目 | 考核内容 | 考核标准 | 分值 | 自评得分",
             "政务公开 | 信息公开制度 | 编制本部门信息公开制度 | 1分 | 1分",
             "信息公开年报 | 在3月31日前发布年报 | 1分"]
    (st,) = read_score_tables(load_lines(lines), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(1, 1)]
    assert any("cut by the end of the text" in c["message"] for c in st.checks)


def test_the_last_rows_label_may_cover_rows_cut_off_below():
    # an opening ending inside a category: 政府信息公开制度 (5分) looks like the last row's own
    # label, but the row's notes say 1分: the label covers rows that were cut off
    lines = ["考核项目 | 目标要求 | 具体标准 | 自查评分 |",
             "组织领导(5分) | 主要负责人亲自抓(5分) | 听取汇报(3分),研究部署(2分)。 | 5分 |",
             "制度建设(10分) | 政府信息公开制度(5分) | 制定部门政府信息公开工作制度。(1分) | 1分 |"]
    (st,) = read_score_tables(load_lines(lines), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(5, 5), (1, 1)]
    # closed by a total row, the same label is the row's own (its notes may be partial)
    total = lines + ["总计 | 10分 |"]
    (st,) = read_score_tables(load_lines(total), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(5, 5), (5, 1)]
