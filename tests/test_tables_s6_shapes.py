"""Score-table shapes read in session 6 (issue 9), each with its counter-examples.

* a results table of several bodies whose header prints names only (县市 | 基础工作情况 |
  … | 合计), written one cell per line after a bar with long names broken over two lines
  (b8 m03): one table per body, items without a max, only under a results title and only
  when every row adds up to its 合计;
* a header whose cells were broken over lines in pipe rows ("| 考核⏎项目 | …");
* an extra 序号 column: the 总计 row after its number is the total, not an item; in a stream
  the next row's number after a row's notes is no max;
* whitespace columns under a header set apart by wide gaps: one space inside a cell
  ("功能° (4分)", OCR text) does not split it.
"""
from __future__ import annotations

from extractor.load.textcolumns import space_tables
from extractor.tables.scores import read_score_tables
from text_docs import load_lines, pairs, score_tables


def _bar_lines(cells):
    return ["| " + c for c in cells]


M03_HEAD = ["2011年度政府信息公开工作绩效考核成绩", "(县市政府办)", "县 市",
            "| 基础工", "作情况", "| 主动公", "开信息", "| 依申请", "公开信息", "| 目录管理系统升级", "| 其他", "| 合计"]
M03_ROWS = [["雷波县", "14", "45", "5", "28", "5", "97"],
            ["宁南县", "14", "40", "5", "30", "5", "94"],
            ["普格县", "14", "37.1", "5", "30", "5", "91.1"]]


def _m03(head=M03_HEAD, rows=M03_ROWS, tail=()):
    return head + [x for r in rows for x in _bar_lines(r)] + list(tail)


def test_results_of_several_bodies_under_a_header_of_names_only():
    f = read_score_tables(load_lines(_m03(tail=["| 会东县", "| 14", "| 34."])), None)
    assert [[i.path[0] for i in st.items][0] for st in f.score_tables] == ["雷波县", "宁南县", "普格县"]
    st = f.score_tables[2]
    assert [(i.criterion, i.max, i.score) for i in st.items] == [
        ("基础工作情况", None, 14), ("主动公开信息", None, 37.1), ("依申请公开信息", None, 5),
        ("目录管理系统升级", None, 30), ("其他", None, 5)]
    assert st.total["stated_score"] == 91.1 and st.total["max"] is None
    # the last row cut by the end of the text is left out with a warning
    assert any("会东县" in w.message for w in f.warnings)


def test_names_only_results_need_a_results_title_and_rows_that_add_up():
    # counts per body under a statistics title: no score table
    counts = ["各县市依申请公开情况统计"] + M03_HEAD[2:]
    assert score_tables(_m03(head=counts)) == []
    # a row whose cells do not add up to its 合计: nothing, and a warning saying why
    bad = [r[:] for r in M03_ROWS]
    bad[1][-1] = "95"
    f = read_score_tables(load_lines(_m03(rows=bad)), None)
    assert f.score_tables == []
    assert any(w.code == "table_row_sum" and "宁南县" in w.message for w in f.warnings)


def test_names_only_results_in_pipe_rows():
    lines = ["附件:2023年度各乡镇政务公开考核得分汇总表",
             "| 单位 | 组织保障 | 主动公开 | 依申请公开 | 总分 |",
             "| 城关镇 | 18 | 52.5 | 19 | 89.5 |",
             "| 河口镇 | 17 | 50 | 20 | 87 |"]
    tables = score_tables(lines)
    assert [pairs(t) for t in tables] == [[(None, 18), (None, 52.5), (None, 19)], [(None, 17), (None, 50), (None, 20)]]
    # a column of points (分值) among the names is no names-only header: not read this way
    assert score_tables(lines[:1] + ["| 单位 | 分值 | 主动公开 | 依申请公开 | 总分 |"] + lines[2:]) == []


HEAD_BROKEN = ["2018年度政府信息公开工作考核评分表",
               "| 考核", "项目 | 考核", "内容 | 考核", "标准 | 分值 | 自评", "得分 |",
               "| 机制建设 | 组织领导 | 明确政府信息公开工作机构和负责人。(未明确的扣4分) | 4分 | 4 |",
               "|  | 年报制度 | 每年3月31日前公开上一年度工作年度报告。(未公开的不得分) | 4分 | 3 |",
               "| 主动公开 | 公开目录和指南 | 按统一规范编制政府信息公开目录和公开指南。 | 6分 | 6 |"]


def test_a_header_broken_inside_its_cells_in_pipe_rows():
    (st,) = score_tables(HEAD_BROKEN)
    assert pairs(st) == [(4, 4), (4, 3), (6, 6)]
    assert st.items[1].path == ["机制建设", "年报制度"]


def test_broken_header_fragments_that_do_not_make_the_tables_width_are_not_joined():
    # joined, the fragments give four names over rows of five cells: not this header
    lines = HEAD_BROKEN[:2] + ["项目 | 考核", "内容 | 分值 | 自评", "得分 |"] + HEAD_BROKEN[6:]
    assert all(pairs(t) != [(4, 4), (4, 3), (6, 6)] or t.items[0].path for t in score_tables(lines))
    assert not any((i.max, i.score) == (4, 3) and i.path == [] for t in score_tables(lines) for i in t.items)


SEQ = ["2017年度部门政务公开工作考核自查评分表",
       "| 序号 | 考核项目 | 目标要求 | 具体标准 | 自查评分 |",
       "| 1 | 组织领导(10分) | 主要负责人亲自抓(5分) | 听取一次政务公开工作汇报(5分)。 | 5分 |",
       "| 2 | 分管领导具体抓(5分) | 政务公开列入单位领导工作分工(5分)。 | 4分 |",
       "| 3 | 制度建设(3分) | 保密审查(3分) | 完善保密审查制度(3分)。 | 3分 |",
       "| 4 | 总计 | 12分 |"]


def test_the_total_row_after_its_number_in_a_seq_column():
    (st,) = score_tables(SEQ)
    assert pairs(st) == [(5, 5), (5, 4), (3, 3)]
    assert st.total["stated_score"] == 12


def test_a_number_before_a_total_word_without_a_seq_column_stays_a_row():
    lines = [SEQ[0], "| 考核项目 | 目标要求 | 具体标准 | 自查评分 |"] + ["| " + x.split("| ", 2)[2] for x in SEQ[2:5]]
    (st,) = score_tables(lines)
    assert pairs(st) == [(5, 5), (5, 4), (3, 3)]


STREAM = ["序号 |", "过程 |", "一级指标 |", "二级指标 |", "测评指标与考察点 |", "权重 |", "得分 |", "扣分依据 |",
          "1 |", "决策 |", "政策法规 |", "部门文件 |", "全面公开本部门印发的规范性文件【2分】 |", "10 |", "5 |",
          "2 |", "规范性文件立改废 |", "规范性文件的公众参与、专家论证等程序开展情况 |", "4 |", "2 |", "按季度公开(已整改) |",
          "3 |", "重大决策预公开 |", "意见征集 |", "实行重大决策预公开制度,在决策前向社会公布决策草案 |", "8 |", "4 |",
          "4 |", "意见反馈 |", "意见采纳情况及相对集中的意见未予采纳的原因 |", "8 |", "4 |"]


def test_a_rows_notes_before_the_next_rows_number_are_no_item():
    (st,) = score_tables(STREAM)
    assert pairs(st) == [(10, 5), (4, 2), (8, 4), (8, 4)]


def test_a_stage_column_is_a_label_column():
    # 过程 (决策/执行/管理/服务/结果) names the first level; the header starts at 序号
    (st,) = score_tables(STREAM)
    assert st.items[0].path[:1] == ["决策"]


def test_one_space_inside_a_cell_under_a_header_of_wide_gaps():
    lines = ["考核项目    目标要求    具体标准    自查评分",
             "组织领导(20分)    主要负责人亲自抓(5分)    主要领导年内至少听取一次政务公开工作汇报(3分)。    5分",
             "依申请公开(10分)    部门网站设置依申请公开专栏,拥有在线提交申请表的功能° (4分)依法依规办理。(6分)    10分"]
    ((a, b, rows),) = space_tables(lines, ["text"] * len(lines))
    assert [len(r) for r in rows] == [4, 4, 3]
    assert rows[2][1].endswith("依法依规办理。(6分)")
    # a header set apart by single spaces keeps splitting on single spaces
    one = ["考核项目 分值 得分 备注", "组织领导 5 5 主要领导年内至少听取一次政务公开工作汇报"]
    ((_, _, rows),) = space_tables(one, ["text"] * 2)
    assert rows[1] == ["组织领导", "5", "5", "主要领导年内至少听取一次政务公开工作汇报"]
