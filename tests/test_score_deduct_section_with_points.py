"""A category NAMED 扣分项 whose row prints its points in the 分值 column is points
deducted from a printed max, not a deduction-only section; the numbered sub-rules below
it under the same merged 分值 cell (blank in a crawl) are that one item (b8 m01: 4 items
of max null before, gold 1 item of max 40)."""
from __future__ import annotations

from extractor.model import DocumentBuilder, Source, Table
from extractor.normalize import normalize
from extractor.tables.scores import read_score_tables
from text_docs import score_tables as _tables

HEAD = "考核项目 | 指标 | 考 评 内 容 | 分值 | 考评得分 |"
M01 = ["金东区政务公开工作考核评分细则", HEAD,
       "扣分项 | (一)主动公开 | 1、围绕每年度政务公开工作要点推进政务公开,按照未完成事项进行扣分,每项扣5分。 | 40 | |",
       "2、严格按照有关保密法规和程序的要求执行,未及时公开的每例扣2分。 | ||||",
       "3、发布的信息全面、完整、规范,出现问题、错误、排版等问题的每项扣1分。 | ||||",
       "扣分项 | (二)依申请公开 | 1、依申请公开答复规范,出现问题每例扣2分。 | 20 | |",
       "2、按时答复,逾期每例扣3分。 | ||||"]


def test_a_deduction_category_with_printed_points_keeps_them_and_its_sub_rules_are_one_item():
    (st,) = _tables(M01)
    assert [(i.max, i.score) for i in st.items] == [(40, None), (20, None)]
    assert [i.path for i in st.items] == [["扣分项", "主动公开"], ["扣分项", "依申请公开"]]
    # the sub-rules are the item's text and evidence, not items of their own
    assert "未及时公开的每例扣2分" in st.items[0].criterion and "排版" in st.items[0].criterion
    assert "逾期每例扣3分" in st.items[1].criterion
    assert st.total["max"] == 60


def test_deduction_rows_without_printed_points_stay_items_of_max_null():
    lines = [HEAD,
             "基础项 | (一)组织领导 | 成立领导小组 | 10 | 10 |",
             "基础项 | (二)制度建设 | 建立制度 | 10 | 8 |",
             "扣分项 | (三)问责 | 1、发生泄密事件的,每例扣5分。 | | |",
             "2、被上级通报的,每次扣2分。 | ||||"]
    (st,) = _tables(lines)
    assert [(i.max, i.score) for i in st.items] == [(10, 10), (10, 8), (None, None), (None, None)]


def test_a_merged_points_cell_in_a_real_grid_is_one_item_too():
    rows = [["考核项目", "指标", "考评内容", "分值", "考评得分"],
            ["扣分项", "(一)主动公开", "1、按照未完成事项进行扣分,每项扣5分。", "40", ""],
            ["扣分项", "(一)主动公开", "2、未及时公开的每例扣2分。", "40", ""],
            ["基础项", "(二)组织", "成立领导小组", "10", ""]]
    t = Table.from_rows(rows)
    for c in t.cells:  # the category and the 分值 cell merged over rows 1-2
        if c.row == 1 and c.col in (0, 1, 3):
            c.rowspan = 2
    t.cells = [c for c in t.cells if not (c.row == 2 and c.col in (0, 1, 3))]
    b = DocumentBuilder(Source("t.docx"))
    b.add_paragraph("金东区政务公开工作考核评分细则")
    b.add_table(t)
    (st,) = read_score_tables(normalize(b.build()), None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(40, None), (10, None)]


def test_the_same_block_written_one_cell_per_line():
    cells = [M01[0]]
    for ln in M01[1:]:
        cells += [c.strip() + " |" for c in ln.split("|")] + ["||"]
    sts = _tables(cells)
    assert [[(i.max, i.score) for i in st.items] for st in sts] == [[(40, None), (20, None)]]
