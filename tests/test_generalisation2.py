"""Grid tests pinning the general behaviours behind the second set of unseen table layouts
(``tests/fixtures/unseen2/``, scored in test_generalisation.py): column order read from
the header, not assumed; 表四 header rows with empty merged cells; a header without a
points column is no score table unless its 扣分 column goes with points written in the
criteria; a 序号 column in a one-cell-per-line old table.
"""
from __future__ import annotations

from extractor.model import DocumentBuilder, Source, Table
from extractor.normalize import normalize
from extractor.tables.scores import read_score_tables
from table_docs import grid_doc, table_values

LEGAL = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def test_t3_legal_block_first_three_header_rows():
    """法人或其他组织 (5 columns) | 自然人 | 合计: 自然人 is the 6th value column."""
    rows = [["申请人情况", "", "", "", "", "", "", ""],
            ["", "法人或其他组织", "", "", "", "", "自然人", "合计"],
            [""] + LEGAL + ["", ""],
            ["一、本年新收政府信息公开申请数量", "2", "0", "0", "1", "0", "14", "17"],
            ["二、上年结转政府信息公开申请数量", "0", "0", "0", "0", "0", "2", "2"]]
    doc = grid_doc("三、收到和处理政府信息公开申请情况", Table.from_rows(rows))
    vals, _ = table_values(doc)
    assert vals["applications.received"] == 17
    assert vals["applications.received.natural_person"] == 14
    assert vals["applications.carried_over"] == 2


def test_t3_legal_block_first_one_header_row_with_subtotal():
    rows = [["", *LEGAL, "小计", "自然人", "总计"],
            ["一、本年新收政府信息公开申请数量", "1", "0", "0", "1", "1", "3", "9", "12"]]
    doc = grid_doc(Table.from_rows(rows))
    vals, f = table_values(doc)
    assert vals["applications.received"] == 12
    assert vals["applications.received.natural_person"] == 9
    assert vals["applications.received.legal_person"] == 3
    assert not any(w.code == "table_row_sum" for w in f.warnings)


def test_t3_legal_block_first_subtotal_that_does_not_add_up_is_warned():
    rows = [["", *LEGAL, "小计", "自然人", "总计"],
            ["一、本年新收政府信息公开申请数量", "1", "0", "0", "1", "1", "4", "9", "13"]]
    doc = grid_doc(Table.from_rows(rows))
    _, f = table_values(doc)
    assert any(w.code == "table_row_sum" for w in f.warnings)


def test_t3_national_order_unchanged():
    """The national order (自然人 first) still gives 自然人 from the first value column."""
    rows = [["申请人情况", "", "", "", "", "", "", ""],
            ["", "自然人", "法人或其他组织", "", "", "", "", "总计"],
            ["", "", *LEGAL, ""],
            ["一、本年新收政府信息公开申请数量", "14", "2", "0", "0", "1", "0", "17"]]
    doc = grid_doc(Table.from_rows(rows))
    vals, _ = table_values(doc)
    assert vals["applications.received.natural_person"] == 14
    assert vals["applications.received"] == 17


T4_HEAD = ("四、政府信息公开行政复议、行政诉讼情况\n"
           "行政复议 | | | | | 行政诉讼 | | | | | | | | |\n"
           "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | |\n"
           " | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n")


def test_t4_header_rows_with_empty_merged_cells():
    doc = grid_doc(T4_HEAD + "2 | 0 | 1 | 0 | 3 | 0 | 1 | 0 | 1 | 2 | 1 | 0 | 0 | 0 | 1")
    vals, _ = table_values(doc)
    assert vals["reconsideration.total"] == 3
    assert vals["reconsideration.other"] == 1
    assert vals["litigation.direct.pending"] == 1
    assert vals["litigation.direct.total"] == 2
    assert vals["litigation.after_reconsideration.upheld"] == 1
    assert len([k for k in vals if k.startswith(("reconsideration.", "litigation."))]) == 15


def test_t4_route_heads_before_result_heads_are_not_a_transposed_table():
    """行政复议 | 行政诉讼 | 未经复议直接起诉 | 复议后起诉 followed by the result heads of one row
    is the 15-column header, not the 5-row transposed layout: the figures are still read."""
    text = ("行政复议 | | | | | 行政诉讼\n | | | | | 未经复议直接起诉 | | | | | 复议后起诉\n"
            + " | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3) + "\n"
            + " | ".join(["1", "0", "0", "0", "1"] + ["0"] * 10))
    vals, _ = table_values(grid_doc(text))
    assert vals["reconsideration.upheld"] == 1 and vals["reconsideration.total"] == 1
    assert vals["litigation.after_reconsideration.total"] == 0


def test_old_response_event_rows():
    text = ("统计指标 | 单位 | 统计数\n(3)政策解读稿件发布数 | 篇 | 16\n(4)微博微信回应事件数 | 次 | 12\n"
            "(5)其他方式回应事件数 | 次 | 0")
    vals, _ = table_values(grid_doc(text))
    assert vals["response.interpretations"] == 16
    assert vals["response.weibo_wechat"] == 12
    assert vals["response.other"] == 0


def test_score_points_in_criterion_with_deduction_column():
    rows = [["序号", "考核项目", "评分标准", "扣分", "扣分原因"],
            ["1", "组织领导", "成立领导小组(3分);明确分管领导(2分)", "0", ""],
            ["2", "主动公开", "按目录及时公开政府信息(20分)", "2.5", "更新不及时"],
            ["3", "年度报告", "按时发布年度报告(5分)", "", ""]]
    st = read_score_tables(grid_doc("考核细则及自查扣分表", Table.from_rows(rows)), None).score_tables
    assert len(st) == 1
    assert [(i.max, i.score) for i in st[0].items] == [(5, 5), (20, 17.5), (5, None)]


def test_deduction_column_without_any_points_is_no_score_table():
    """扣分 + 评分标准 but no "(N分)" anywhere: nothing to score against, no table."""
    rows = [["考核项目", "评分标准", "扣分"],
            ["组织领导", "成立领导小组", "0"],
            ["主动公开", "按目录及时公开政府信息", "2"]]
    st = read_score_tables(grid_doc(Table.from_rows(rows)), None).score_tables
    assert st == []


def test_deduction_column_without_criterion_is_not_a_header():
    rows = [["项目", "扣分"], ["网站更新不及时", "2"], ["未按时报送", "1"]]
    st = read_score_tables(grid_doc(Table.from_rows(rows)), None).score_tables
    assert st == []


def _txt_doc(text):
    from extractor.load.textables import add_lines

    b = DocumentBuilder(Source(path="t.txt", format="txt"))
    add_lines(b, text.split("\n"))
    return normalize(b.build())


SEQ_STREAM = """附表
序号
统计指标
单位
统计数
1
主动公开政府信息数
条
1058
其中：主动公开规范性文件数
条
9
2
收到申请数
件
13
3
1.当面申请数
件
4
4
2.网络申请数
件
{online}
5
行政复议数量
件
1"""


def test_old_index_column_stream_next_row_number_is_not_a_figure():
    """序号 | 统计指标 | 单位 | 统计数 as one cell per line: the number after a row's
    figure is the next row's 序号."""
    vals, f = table_values(_txt_doc(SEQ_STREAM.format(online="9")))
    assert vals == {"proactive.total": 1058, "proactive.normative_docs": 9, "applications.received": 13,
                    "applications.received.in_person": 4, "applications.received.online": 9,
                    "reconsideration.total": 1}


def test_old_index_column_stream_blank_cell_before_next_number_is_not_read():
    """A blank figure cell (gone in a stream) leaves the next row's 序号 right after the
    unit: 5 could be the figure or the number, so the row gives nothing."""
    vals, f = table_values(_txt_doc(SEQ_STREAM.format(online="")))
    assert "applications.received.online" not in vals
    assert "applications.received.online" in f.blocked_keys
    assert vals["reconsideration.total"] == 1 and vals["applications.received.in_person"] == 4
