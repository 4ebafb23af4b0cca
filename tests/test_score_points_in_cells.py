"""An indicator table with no points column, every level's cell carrying its own points
(issue 9, class 3; b6 t18), and tables crawled as comma-separated rows (" , " between
cells, ",," closing a row):

    , 区扶贫办(10.5分) , 扶贫信息(10.5分) , 是否公开扶贫清单(4.5分) , 公开清单2分… ,,

The leaf (the last cell with points) is the item, the cells before it its path; a range
"(0.5-3.5分)" gives max null; a row missing its merged leading cells inherits them;
nothing is read unless the categories add up.  A crawl of a table with 分值/得分 columns in
the same comma rows is read by the rows reader like its pipe rows.
"""
from __future__ import annotations

from extractor.model import Cell, DocumentBuilder, Source, Table
from extractor.normalize import normalize
from extractor.tables.scores import read_score_tables, vocab
from extractor.tables.scores.annotated import cell_points
from extractor.tables.scores.commas import comma_regions
from text_docs import load_lines, score_tables as _tables, pairs as _pairs


def test_pattern_examples():
    ex = vocab().examples
    for e in ex["comma_rows"]:
        regs = comma_regions(load_lines(e["lines"]))
        got = [[c.text for c in row] for r in regs for row in r.rows]
        assert got == e["rows"], e
    for e in ex["annotated_points"]:
        p = cell_points(e["text"])
        assert (list(p) if p else []) == e["points"], e


COMMA = [
    "编辑: 某某 | 2014-08-03 |",
    ", 区统计局(10.5分) , 经济运行信息(10.5分) , 是否按月发布经济运行情况,发布解读数据(10.5分) , 发布经济运行情况5分,发布解读5.5分. ,,",
    ", 部门 , 三级指标 , 四级指标 , 备注 ,,",
    ", 区扶贫办(10.5分) , 扶贫信息(10.5分) , 是否公开扶贫清单和",
    "12317 扶贫监督电话(4.5分) , 公开扶贫清单2分,公开",
    "12317 扶贫监督电话2.5分. ,,",
    ", ,,",
    "是否公开扶贫政策、扶贫对象等信息(6分) , 公开扶贫政策1分,公开扶贫对象1分. ,,",
    ", 各乡镇人民政府(2-9.5分) , 双随机抽查信息(1-5.5分) , 是否公开随机抽查事项清单(0.5-3.5分) , 公开依据0.1-0.5分. ,,",
    ", ,,",
    "是否公开随机抽查结果(0.5-2分) , 公开结果0.2-1分. ,,",
    ", , 财政预决算信息(1-4分) , 是否设立财政预决算专栏(1-4分) , 有专栏0.2-2分. ,,",
    ",",
    "(三)依申请公开(二级指标10分) ,,",
    ",,",
    "三级指标 , 四级指标 , 五级指标 , 备注 ,,",
    ", 申请渠道(2.5分) , 信函申请渠道畅通性(2.5分) ,,",
    "指南中有信函申请渠道1分,邮寄检查、抽查1.5分. ,,",
]


def test_points_in_the_cells_of_comma_rows():
    doc = load_lines(COMMA)
    (st,) = read_score_tables(doc, None).score_tables
    assert _pairs(st) == [(10.5, None), (4.5, None), (6, None), (None, None), (None, None), (None, None),
                          (2.5, None)]
    assert [i.path for i in st.items] == [
        ["区统计局", "经济运行信息"], ["区扶贫办", "扶贫信息"], ["区扶贫办", "扶贫信息"],
        ["各乡镇人民政府", "双随机抽查信息"], ["各乡镇人民政府", "双随机抽查信息"],
        ["各乡镇人民政府", "财政预决算信息"], ["依申请公开", "申请渠道"]]
    # the wrapped cell is one criterion; the 备注 cell (5分, 2.5分 in a sentence) is no item
    assert st.items[1].criterion == "是否公开扶贫清单和12317扶贫监督电话"
    # a range gives no max, so the total max is unknown; the ranges are named in the checks
    assert st.total["max"] is None and st.total["stated_max"] is None
    assert any("range" in c["message"] for c in st.checks)
    for it in st.items:
        assert doc.text[it.offset[0]:it.offset[1]].strip()


def test_categories_that_do_not_add_up_are_not_read():
    # 扶贫信息 (10.5) over 4.5 + 7: the split of the rows is not what the table says
    bad = [x.replace("等信息(6分)", "等信息(7分)") for x in COMMA]
    assert read_score_tables(load_lines(bad), None).score_tables == []
    # no category with several sub-items to check: nothing
    one = COMMA[:4] + COMMA[4:6]
    assert _tables(one) == []


def test_without_a_header_of_level_names_nothing_is_read():
    no_header = [x for x in COMMA if "指标 ," not in x]
    assert _tables(no_header) == []


def test_points_in_the_cells_of_a_real_table():
    rows = [["一级指标", "二级指标", "三级指标", "备注"],
            ["主动公开(10分)", "机构信息(4分)", "公开机构职能(2分)", ""],
            ["", "", "公开领导分工(2分)", ""],
            ["", "政策文件(6分)", "公开规范性文件(6分)", "每缺一件扣1分"],
            ["依申请公开(5分)", "申请渠道(5分)", "公开申请渠道(5分)", ""]]
    b = DocumentBuilder(Source("t.docx"))
    b.add_paragraph("政务公开考核指标")
    b.add_table(Table.from_rows(rows, source="docx"))
    (st,) = read_score_tables(normalize(b.build()), None).score_tables
    assert _pairs(st) == [(2, None), (2, None), (6, None), (5, None)]
    assert [i.path for i in st.items] == [["主动公开", "机构信息"]] * 2 + [["主动公开", "政策文件"],
                                                                          ["依申请公开", "申请渠道"]]
    assert st.total["max"] == 15


def test_commas_in_prose_are_no_table():
    prose = ["一、工作开展情况", "我局按照要求,认真做好政府信息公开工作,,",
             "全年公开信息120条(10分),其中政策文件20条 , 工作动态100条 ,,",
             "二、存在问题 , 部分栏目更新不及时 ,,", "三、下一步打算"]
    assert comma_regions(load_lines(prose)) == []
    assert _tables(prose) == []


def test_points_in_the_cells_of_pipe_rows():
    # the same shape as markdown pipe rows, merged category cells left blank
    lines = ["| 一级指标 | 二级指标 | 三级指标 | 备注 |",
             "| 主动公开(10分) | 机构信息(4分) | 公开机构职能(2分) | |",
             "| | | 公开领导分工(2分) | |",
             "| | 政策文件(6分) | 公开规范性文件(6分) | 每缺一件扣1分 |",
             "| 依申请公开(5分) | 申请渠道(5分) | 公开申请渠道(5分) | |"]
    (st,) = _tables(lines)
    assert _pairs(st) == [(2, None), (2, None), (6, None), (5, None)]
    assert st.items[2].path == ["主动公开", "政策文件"]
    # a leaf whose points contradict its category (2 + 3 != 4): nothing
    bad = [x.replace("公开领导分工(2分)", "公开领导分工(3分)") for x in lines]
    assert _tables(bad) == []


def test_points_in_the_cells_of_a_grid_with_merged_categories():
    # a Word/HTML grid: the category cells span the rows of their sub-items
    texts = [["一级指标", "二级指标", "三级指标", "备注"],
             ["主动公开(10分)", "机构信息(4分)", "公开机构职能(2分)", ""],
             [None, None, "公开领导分工(2分)", ""],
             [None, "政策文件(6分)", "公开规范性文件(6分)", "每缺一件扣1分"],
             ["依申请公开(5分)", "申请渠道(5分)", "公开申请渠道(5分)", ""]]
    spans = {(1, 0): 3, (1, 1): 2}
    cells = [Cell(r, c, t, rowspan=spans.get((r, c), 1))
             for r, row in enumerate(texts) for c, t in enumerate(row) if t is not None]
    b = DocumentBuilder(Source("t.docx"))
    b.add_table(Table(cells, len(texts), 4, source="grid"))
    (st,) = read_score_tables(normalize(b.build()), None).score_tables
    assert _pairs(st) == [(2, None), (2, None), (6, None), (5, None)]
    assert [i.path for i in st.items] == [["主动公开", "机构信息"]] * 2 + [["主动公开", "政策文件"],
                                                                          ["依申请公开", "申请渠道"]]


def test_a_scored_table_crawled_as_comma_rows_is_read_by_its_header():
    # the same crawl of a table with 分值 / 自评得分 columns (merged category cells left out):
    # the rows reader reads it by its header, as it reads the pipe rows of the same table
    lines = ["2017年度部门政务公开工作考核自查评分表",
             ", 考核项目 , 考核内容 , 考核标准 , 分值 , 自评得分 ,,",
             ", 组织领导(10分) , 领导重视 , 主要负责人亲自抓(5分) , 5分 , 5分 ,,",
             "工作机构 , 明确分管领导和工作人员(5分) , 5分 , 4分 ,,",
             ", 主动公开(8分) , 政策解读 , 设置政策解读专栏(4分),相互链接(4分)。 , 8分 , 5分 ,,",
             ", 总计 , 18分 , 14分 ,,"]
    (st,) = _tables(lines)
    assert _pairs(st) == [(5, 5), (5, 4), (8, 5)]
    assert st.total["stated_max"] == 18 and st.total["stated_score"] == 14
    assert st.items[1].path == ["组织领导", "工作机构"]


def test_a_row_whose_points_cannot_be_placed_is_left_out_with_a_warning():
    lines = ["| 一级指标 | 二级指标 | 三级指标 | 备注 |",
             "| 主动公开(10分) | 机构信息(4分) | 公开机构职能(2分) | |",
             "| | | 公开领导分工(2分) | |",
             "| | 政策文件(6分) | 公开规范性文件(6分) | |",
             "| 依申请公开(5分) | 见附件 | 公开申请渠道(5分) | |"]
    (st,) = _tables(lines)
    assert _pairs(st) == [(2, None), (2, None), (6, None)]
    assert any("not placed" in c["message"] and "依申请公开" in c["message"] for c in st.checks)
