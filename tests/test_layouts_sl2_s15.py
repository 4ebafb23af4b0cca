"""Tables written in whitespace columns at the loader (session 15 SL2, issue 9).

A crawled page renders a table's cells set apart by runs of spaces or tabs. The loader
(``extractor.load.textcolumns``) takes such rows for a table only under a header line of
column names; two header shapes of real tables were refused, so the table reached the
readers as paragraphs whose spaces between Chinese characters normalisation then drops
(``排名地市名称总得分(100)…``: one cell):

* a column name with its points in brackets (``总得分(100)``, ``公开率得分 (3)``: b8 m02's
  results table; the score reader's columns name their points so);
* a header cell wrapped in the source (``本年新<br>制作数量``) written with one space
  inside it between the wide gaps (dev a19's 表二): split at every space it gave six
  names over rows of four cells, and no figure was read.

Both are read now; a line whose wide-gap cells are not all names (page chrome, a figure
outside brackets) is no header, and rows set apart by single spaces under a header with
a space inside a name stay unread (which space separates cells is not known)."""
from __future__ import annotations

from extractor.load.textables import split_lines

from text_docs import assert_reads, load_lines, report_values, score_tables

# b8 m02 (四川 2011 市级国土资源部门网上公开排名表), its cells set apart by two spaces
M02_HEAD = "排名  地市名称  总得分(100)  政务公开及日常更新得分(77)  在线服务得分(9)  公众参与得分(7)  网站设计得分(4)  公开率得分 (3)"
M02 = ["2011年市级国土资源管理部门政务信息网上公开情况排名表", M02_HEAD,
       "1  成都市  96.4  74.4  8  7  4  3",
       "2  眉山市  94  75.5  5  7  3.5  3",
       "3  南充市  82.9  67.4  3  6  3.5  3"]


def _tables(lines):
    return [p.table for p in split_lines(lines) if p.kind == "table"]


def test_a_header_naming_its_points_in_brackets_is_a_header():
    (t,) = _tables(M02)
    rows = [[c.text for c in r] for r in t.rows()]
    assert rows[0][2] == "总得分(100)" and rows[0][-1] == "公开率得分 (3)"
    assert rows[1] == ["1", "成都市", "96.4", "74.4", "8", "7", "4", "3"]


def test_a_results_table_in_space_columns_reads_every_body():
    got = score_tables(M02)
    assert [(st.items[0].path, st.total["stated_score"]) for st in got] == [
        (["成都市"], 96.4), (["眉山市"], 94), (["南充市"], 82.9)]
    assert [(i.max, i.score) for i in got[1].items] == [(77, 75.5), (9, 5), (7, 7), (4, 3.5), (3, 3)]


def test_a_figure_outside_brackets_is_no_column_name():
    # 2020年 / 100分 as a header cell: a row of figures, not a header
    assert _tables(["项目  2020年  2021年  增减", "主动公开  120  135  15", "依申请  3  4  1",
                    "复议  0  0  0"]) == []


def test_page_chrome_with_wide_gaps_stays_paragraphs():
    # b17 ac39, b10 c20: a page's fields set apart by runs of spaces
    lines = ["发布时间:2022-02-16        发布机构:政府办        字体:[   ]",
             "体裁分类:政府信息公开年报        主题分类:综合政务        文号:        索引号:000226181/2022-13221",
             "发布日期:2021-01-20         来源:区政府办          【关闭】"]
    assert _tables(lines) == []


def test_one_space_columns_under_a_points_header_give_nothing():
    # one space between cells and one inside 公开率得分 (3): "(3)" is no name - not a header
    one = [ln.replace("  ", " ") for ln in M02]
    assert score_tables(one) == []


# dev a19 (孝感市人民政府办公室 2020), 表二's first section; the header cells 本年新 / 制作数量
# were two lines in the grid
A19_HEAD = "2020年孝感市人民政府办公室政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
A19 = ("第二十条第(一)项\n"
       "信息内容{g}本年新 制作数量{g}本年新 公开数量{g}对外公开总数量\n"
       "规章{g}2{g}2{g}3\n"
       "规范性文件{g}11{g}11{g}119\n"
       "其他主动公开文件{g}56{g}45\n")


def test_a_header_cell_wrapped_onto_one_line_is_one_name():
    (t,) = _tables(A19.format(g="  ").splitlines())
    rows = [[c.text for c in r] for r in t.rows()]
    assert rows[0] == ["信息内容", "本年新 制作数量", "本年新 公开数量", "对外公开总数量"]
    assert rows[1] == ["规章", "2", "2", "3"]


def test_table2_in_space_and_tab_columns_reads_its_figures(tmp_path):
    for gap in ("  ", "\t"):
        got = report_values(tmp_path, A19_HEAD, A19.format(g=gap))
        assert_reads(got, {"rules.issued": 2, "rules.published": 2, "rules.public_total": 3,
                           "normative.issued": 11, "normative.published": 11,
                           "normative.public_total": 119})


def test_table2_in_one_space_columns_gives_nothing(tmp_path):
    # one space between cells and inside 本年新 制作数量: which space is a column's is not
    # known - no figure, never one taken by position
    got = report_values(tmp_path, A19_HEAD, A19.format(g=" "))
    assert_reads(got, {}, absent=("rules.issued", "rules.published", "normative.issued",
                                  "normative.public_total"))


def test_a_line_of_wide_gaps_whose_cells_are_not_all_names_keeps_the_old_split():
    # one wide-gap cell holds a figure: the header is split at every space as before
    doc = load_lines(["考核项目 考核内容  分值 2分  自评得分", "组织领导  主要领导听取政务公开工作汇报并研究部署  5  5"])
    assert all(b.table is None for b in doc.blocks)


# dev s23 (县 政务公开考核评分表) as pipe rows with its header printed again inside the
# 政府信息公开 category (a table across a page break: bench header_repeat layout); the
# category cells are merged, written once at their first row
S23_HEAD = "类别 | 考核内容 | 得分 | 合计得分"
S23_ROWS = [S23_HEAD,
            "组织保障 | 有具体负责人和承办科室(会议记录或文件) | 2分 | 6分 |  |",
            "有具体经办人员(会议记录或文件) | 2分 |  |  |  |",
            "政务公开工作开展情况 | 主要载体建设 | 门户网建设(是否按照外网办的要求提供有关资料、文件;是否及时更新公开内容、维护网络安全等,以县外网办评价为准) | 6分 | 15分",
            "新闻发布会(重大活动、重要事件是否举行发布会,是否报告县政府,发布是否及时) | 3分 |  |  |  |",
            "政府信息公开 | 完成政府信息目标任务情况(是否按照附件1要求完成任务) | 25分 | 79分 |  |",
            "概况信息(机构职能、领导信息等是否完善和规范) | 2分 |  |  |  |"]
S23_AFTER = ["政府文件(报告、公告、通知、通报、批复等是否公开全面和规范) | 5分 |  |  |  |",
             "动态信息(工作动态、重要会议、执法监督、公告公示、统计数据等) | 5分 |  |  |  |"]


def test_rows_after_a_repeated_header_keep_the_category_above_it():
    (st,) = score_tables(S23_ROWS + [S23_HEAD] + S23_AFTER)
    (whole,) = score_tables(S23_ROWS + S23_AFTER)
    assert [(i.path, i.max) for i in st.items] == [(i.path, i.max) for i in whole.items]
    assert st.items[-1].path == ["政务公开工作开展情况", "政府信息公开"]
    assert [i.max for i in st.items[-2:]] == [5, 5]


def test_another_header_inside_the_table_carries_no_category():
    # a header that is not the table's own (other column names) starts columns of its
    # own: the category above it is not carried into its rows
    (st,) = score_tables(S23_ROWS + ["类别 | 考核内容 | 分值 | 合计分值"] + S23_AFTER)
    assert [i.max for i in st.items[-2:]] == [5, 5]
    assert all("政府信息公开" not in i.path for i in st.items[-2:])


def test_a_header_repeated_before_a_deeper_row_reads_as_without_it():
    # the header printed again right after the first category's rows (bench
    # header_repeat_early): the next row opens a category of three levels - read under the
    # columns of all the table's rows, never under those of the rows above the repeat alone
    rows = S23_ROWS[:3] + [S23_HEAD] + S23_ROWS[3:]
    (st,) = score_tables(rows)
    (whole,) = score_tables(S23_ROWS)
    assert [(i.path, i.max) for i in st.items] == [(i.path, i.max) for i in whole.items]
    assert st.items[2].path == ["政务公开工作开展情况", "主要载体建设"] and st.items[2].max == 6


# dev p16 (平潭综合实验区 2021) 表三 as pipe rows, its three header rows printed again after
# the first row of figures (bench header_repeat_early): the loader drops the repeat
P16_HEAD = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况",
            "自然人 | 法人或其他组织 | 总计",
            " | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他"]
P16_ROWS = ["一、本年新收政府信息公开申请数量 | 64 | 0 | 0 | 2 | 0 | 4 | 70",
            "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0",
            "三、本年度办理结果 | （一）予以公开 | 27 | 0 | 0 | 2 | 0 | 1 | 30"]


def _rows(lines):
    (t,) = _tables(lines)
    return [[c.text for c in r] for r in t.rows()]


def test_a_header_printed_again_between_rows_of_figures_is_no_row():
    got = _rows(P16_HEAD + P16_ROWS[:1] + P16_HEAD + P16_ROWS[1:])
    assert got == _rows(P16_HEAD + P16_ROWS)


def test_a_header_again_after_a_title_row_or_another_header_stays():
    # 表二: a section's title over its own header (b-batches' 第二十条第(六)项 | ): kept;
    # a header with other names: kept
    sec = ["信息内容 | 本年处理决定数量", "行政许可 | 2293", "第二十条第(六)项 |",
           "信息内容 | 本年处理决定数量", "行政处罚 | 1282"]
    assert len(_rows(sec)) == 5
    other = ["信息内容 | 本年处理决定数量", "行政许可 | 2293", "信息内容 | 本年收费金额",
             "行政事业性收费 | 24"]
    assert len(_rows(other)) == 4
