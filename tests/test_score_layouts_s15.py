"""Score tables must not depend on their layout (session 15 SL, issue 9).

Each fixture is an excerpt of a real score table (dev s00, s09, s51 of corpus/, b2 y17,
b12 f01) written in a crawled layout of ``bench/score_layouts.py``: a layout a reader
understands gives the grid's items; a row the layout leaves undecided (cut by the end of
the text, a total row with fewer figures than the table's points columns) gives nothing,
never an item or a total taken by position. The last test runs the harness itself on a
few dev sources (skipped when ../shared is absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

from text_docs import pairs, score_tables as _tables

# dev s00 (乌海市民委 2017 自查评分表): one points column (自查评分), the max in the
# criterion's notes; the rows broken before their figure (row_break layout, pool s11 q049's
# shape for 表二): the figure on a line of its own
S00_HEAD = ["2017年度部门政务公开工作考核自查评分表", "考核项目 | 目标要求 | 具体标准 | 自查评分 |"]
S00_BROKEN = S00_HEAD + [
    "组织领导 (20分) | 主要负责人亲自抓 (5分) | 主要领导年内至少听取一次政务公开工作汇报(3分),研究部署推进工作(2分)。 |",
    "5分 |",
    "分管领导具体抓(5分) | 政务公开列入单位领导工作分工(3分),并在本单位网站公开(2分)。 |",
    "5分 |  | |",
    "办公室组织协调、指导、监督推进工作 (10分) | 政务公开纳入本部门绩效评估,分值权重不低于4%(3分)。 |",
    "3分 |  | |",
    "有相关责任处室,有专人经办。(2分) |",
    "2分 |  |  | |",
    "每年至少开展一次政务公开业务培训。(3分) |",
    "3分 |  |  | |",
    "定期对本部门本系统政务公开工作进行指导、监督、检查。(2分) |",
    "2分 |  |  | |",
]


def test_rows_broken_before_their_figure_are_joined():
    (st,) = _tables(S00_BROKEN)
    assert pairs(st) == [(5, 5), (5, 5), (3, 3), (2, 2), (3, 3), (2, 2)]
    assert st.items[0].path == ["组织领导", "主要负责人亲自抓"]
    assert st.items[3].path == ["组织领导", "办公室组织协调、指导、监督推进工作"]


# b1 x19 (上海 政务公开考核评估指标表): 分值 before 评分说明, each row broken before its figure
X19 = ["指标 | 具体项目 | 分值 | 评分说明 | 考核填报 | 附件或链接 | 自评分 | 项目分 | 指标分 |",
       "组织和渠道(1.2分) | 政务公开培训 |",
       "0.2 | 重点考核制定业务培训计划; |  |  |  |  |  | |",
       "开展政务公开培训; |  |  |  |  |  |  |  |  | |",
       "参加市政府办公厅举办的工作部署及培训班情况。 |  |  |  |  |  |  |  |  | |",
       "职能整合和机构建设 |",
       "0.24 | 重点考核完成政务公开和政府信息公开职能整合; |  |  |  |  |  |  | |",
       "保密审查 |",
       "0.08 | 重点考核保密审查机制落实,与公文运转、信息发布程序相结合工作。 |  |  |  |  |  |  | |"]


def test_rows_broken_before_a_leading_figure_are_joined():
    (st,) = _tables(X19)
    assert pairs(st) == [(0.2, None), (0.24, None), (0.08, None)]
    assert [i.path[-1:] for i in st.items[1:]] == [["职能整合和机构建设"], ["保密审查"]]


def test_a_criterion_line_is_no_label_of_the_next_figure_row():
    # a continuation line of a criterion (a sentence) before a row opening with a figure:
    # not joined - the row keeps the labels of the row above
    rows = X19[:5] + ["0.24 | 重点考核完成政务公开和政府信息公开职能整合; |  |  |  |  |  |  | |"]
    (st,) = _tables(rows)
    assert all("参加市政府办公厅" not in "".join(i.path) for i in st.items)


def test_a_figures_row_after_a_row_with_figures_is_no_continuation():
    # the same rows written whole: a row of figures only after them is joined to nothing
    whole = S00_HEAD + [
        "组织领导 (20分) | 主要负责人亲自抓 (5分) | 主要领导年内至少听取一次政务公开工作汇报(3分)。 | 5分 |",
        "分管领导具体抓(5分) | 政务公开列入单位领导工作分工(3分),并在本单位网站公开(2分)。 | 5分 |",
        "5分 |",
    ]
    (st,) = _tables(whole)
    assert pairs(st)[:2] == [(5, 5), (5, 5)]
    assert all("5分" not in i.criterion[-3:] for i in st.items)


def test_points_notes_split_off_their_label_by_spaces_are_joined_back():
    # dev s00 as rows of cells set apart by one space: the whitespace-columns loader splits
    # "组织领导 (20分)" in two; the note is the label's, not a column of its own
    lines = ["2017年度部门政务公开工作考核自查评分表", "考核项目 目标要求 具体标准 自查评分",
             "组织领导 (20分) 主要负责人亲自抓 (5分) 主要领导年内至少听取一次政务公开工作汇报(3分),研究部署推进工作(2分)。 5分",
             "分管领导具体抓(5分) 政务公开列入单位领导工作分工(3分),并在本单位网站公开(2分)。 5分",
             "制度机设 (10分) 政府信息公开制度 (5分) 制定部门政府信息公开工作制度。(1分) 1分",
             "完善保密审查制度,未发生政府信息公开失泄密行为。(2分) 2分",
             "政务舆情制度(3分) 建立健全新闻发布和政策解读制度。(2分) 2分"]
    (st,) = _tables(lines)
    assert pairs(st) == [(5, 5), (5, 5), (1, 1), (2, 2), (2, 2)]
    assert [i.path for i in st.items] == [["组织领导", "主要负责人亲自抓"], ["组织领导", "分管领导具体抓"],
                                          ["制度机设", "政府信息公开制度"], ["制度机设", "政府信息公开制度"],
                                          ["制度机设", "政务舆情制度"]]


# b2 y17 (市 信息公开考核标准, an excerpt cut inside its 8th row's 考核标准: "…管理(2"),
# written as pipe rows without closing bars: only the bracket left open says it is cut
Y17 = [
    "考核项目 | 考核内容 | 分数 | 考核标准",
    "政府信息公开21分 | 提高认识 | 1、加大宣传 | 1分 | 把《条例》列入日常学习(未进行的,倒扣2分)。",
    "制度落实 | 6、建立信息检索、查阅场所 | 3分 | 1、市图书馆、档案馆对信息查询目录实行分类管理,配备相应的设施设备。",
    "7、保密审查情况 | 1分 | 将涉密信息公开(每出现一次倒扣6分)。",
    "审批制度改革与政务服务41分 | 8、进驻政务大厅部门",
    "两集中三到位 | 41分 | 1、有审改工作分管领导、科室和工作人员(2分);2、建立行政审批服务事项电子目录库(2分);"
    "3、对涉费行政审批服务事项登记备案、管理(2",
]


def test_pipe_rows_without_closing_bars_cut_inside_a_bracket_leave_the_row_out():
    (st,) = _tables(Y17)
    assert pairs(st) == [(1, None), (3, None), (1, None)]
    assert any("cut" in c["message"] for c in st.checks)


def test_cells_one_a_line_cut_inside_a_bracket_leave_the_row_out():
    lines = ["考核项目", "考核内容", "分数", "考核标准",
             "信息统计", "5、政府信息公开统计", "1分", "每月2号之前按时报送上月信息公开统计数据,晚报一次扣0.5分。",
             "制度落实", "6、建立信息检索、查阅场所", "3分", "1、市图书馆、档案馆对信息查询目录实行分类管理。",
             "7、保密审查情况", "1分", "将涉密信息公开(每出现一次倒扣6分)。",
             "两集中三到位", "41分", "1、有审改工作分管领导、科室和工作人员(2分);3、对涉费行政审批服务事项登记备案、管理(2"]
    got = [pairs(st) for st in _tables(lines)]
    assert got and all((41, None) not in p for p in got)


# b12 f01 (重庆市卫生信息公开工作考核评分细则, no score column): the excerpt ends on the
# first cells of a row whose 分值 cell is cut away; its category's "(32分)" is no max of it
F01 = [
    "考核项目 | 考评细项 | 分值",
    "工作机构建设情况(10分) | 领导重视,班子成员有专人分管。 | 5",
    "工作机构明确,有相对稳定的工作人员。 | 5",
    "卫生信息公开的载体建设情况(5分) | 充分利用单位网站、电子显示屏、信息公告栏等方式公开政府信息。 | 3",
    "在本单位网站首页设置本部门信息公开目录和指南的链接。 | 2",
]


@pytest.mark.parametrize("cut", ["主动公开卫生信息工作情况(32分) | 信息公开",
                                 "主动公开卫生信息工作情况(32分) | 信息公开 | ||"])
def test_a_last_row_without_its_figure_cell_is_left_out(cut):
    (st,) = _tables(F01 + [cut])
    assert pairs(st) == [(5, None), (5, None), (3, None), (2, None)]
    assert st.total["max"] == 15


def test_a_last_row_with_its_figure_cell_stays():
    (st,) = _tables(F01 + ["主动公开卫生信息工作情况(32分) | 信息公开及时 | 4"])
    assert pairs(st)[-1] == (4, None)


# dev s09 (信阳 国土 2016 自查得分), cells one a line: the text ends on the last row's max,
# its 自查得分 cell cut away -> that row is left out, not read with a null score
S09 = ["考核项目", "考核内容", "分值", "自查得分",
       "财政预算、决算报告", "当年本部门经过批准的财政预算、决算报告的公开情况", "2分", "2分",
       "国土资源法律法规、政策", "国土资源管理相关法律、行政法规、部门规章、规范性文件", "2分", "2分",
       "专项工作", "专项工作情况及工作进展", "2分", "2分",
       "土地利用规划", "土地利用总体规划主要内容", "2分", "2分",
       "矿产资源规划", "矿产资源总体规划主要内容", "2分"]


def test_cells_one_a_line_ending_on_a_max_leave_the_row_out():
    got = [pairs(st) for st in _tables(S09)]
    assert got == [[(2, 2), (2, 2), (2, 2), (2, 2)]]


def test_cells_one_a_line_whole_rows_stay():
    got = [pairs(st) for st in _tables(S09 + ["2分"])]
    assert got == [[(2, 2)] * 5]


# corpus s51 (云泽市自然资源和规划局 2019 自查评分表): the 总计 row cut after its first figure
S51 = ["考核项目 | 考核内容 | 评分标准 | 分值 | 自评得分",
       "解读回应(15分) | 政策解读 | 重要政策文件与解读材料同步起草、同步审签、同步发布。 | 8 | 6",
       "舆情回应 | 及时回应社会关切和政务舆情,回应内容准确。 | 7 |  |",
       "平台建设(15分) | 门户网站 | 网站信息更新及时,无错链断链,栏目设置规范。 | 8 | 7",
       "政务新媒体 | 政务微博、微信等新媒体规范运行,互动回应及时。 | 7 | 6"]


def test_a_total_row_cut_after_its_first_figure_states_nothing():
    (st,) = _tables(S51 + ["总计 | 100"])
    assert st.total["stated_max"] is None and st.total["stated_score"] is None
    assert any("total row" in c["message"] for c in st.checks)
    assert (st.total["max"], st.total["score"]) == (30, 19)


def test_a_whole_total_row_states_both():
    (st,) = _tables(S51 + ["总计 | 30 | 19"])
    assert (st.total["stated_max"], st.total["stated_score"]) == (30, 19)


def test_a_total_cut_in_cells_one_a_line_states_nothing():
    lines = ["考核项目", "考核内容", "分值", "自评得分",
             "政策解读", "重要政策文件与解读材料同步起草、同步审签、同步发布。", "8", "6",
             "门户网站", "网站信息更新及时,无错链断链,栏目设置规范。", "8", "7",
             "政务新媒体", "政务微博、微信等新媒体规范运行,互动回应及时。", "7", "6",
             "总计", "100"]
    got = _tables(lines)
    assert got
    for st in got:
        assert st.total["stated_score"] != 100
        assert any("total row" in c["message"] for c in st.checks)


def test_an_undecidable_layout_gives_no_item():
    # the whole table run together on one line, no separator: which figure is whose max
    # or score cannot be told - nothing, never items taken by position
    glued = "".join(c for row in S51 for c in row.split(" | "))
    assert _tables([S51[0].replace(" | ", ""), glued[len(S51[0].replace(" | ", "")):]]) == []


# b8 m02 (四川 2011 市级国土资源部门网上公开排名表): a results table of several bodies, its
# header printed again over the rows of the next page
M02_HEAD = ("排名 | 地市名称 | 总得分(100) | 政务公开及日常更新得分(77) | 在线服务得分(9) | 公众参与得分(7) | "
            "网站设计得分(4) | 公开率得分 (3)")
M02 = ["2011年市级国土资源管理部门政务信息网上公开情况排名表", M02_HEAD,
       "1 | 成都市 | 96.4 | 74.4 | 8 | 7 | 4 | 3",
       "2 | 眉山市 | 94 | 75.5 | 5 | 7 | 3.5 | 3",
       M02_HEAD,
       "11 | 遂宁市 | 65.6 | 54.1 | 3 | 4.5 | 3 | 1",
       "12 | 绵阳市 | 65 | 48 | 9 | 4 | 4 | 0"]


def test_a_results_table_with_its_header_repeated_reads_every_body():
    got = _tables(M02)
    assert [(st.items[0].path, st.total["stated_score"]) for st in got] == [
        (["成都市"], 96.4), (["眉山市"], 94), (["遂宁市"], 65.6), (["绵阳市"], 65)]
    assert pairs(got[2]) == [(77, 54.1), (9, 3), (7, 4.5), (4, 3), (3, 1)]


def test_a_results_table_whose_row_breaks_its_sum_gives_nothing():
    # a row whose criteria do not add up to its total: which figure is wrong is not known
    got = _tables(M02[:3] + ["2 | 眉山市 | 95 | 75.5 | 5 | 7 | 3.5 | 3"] + M02[4:])
    assert got == []


# dev s23 (县 政务公开考核评分表) one cell a line, no bars: the loader takes the runs of
# short lines for stream tables and leaves each long criterion a paragraph - one stream
S23 = ['类别', '考核内容', '得分', '合计得分', '组织保障', '有具体负责人和承办科室(会议记录或文件)', '2分', '6分', '有具体经办人员(会议记录或文件)', '2分', '健全的政务公开制度和工作衔接机制(文件、资料)', '2分', '政务公开工作开展情况', '主要载体建设', '门户网建设(是否按照外网办的要求提供有关资料、文件;是否及时更新公开内容、维护网络安全等,以县外网办评价为准)', '6分', '15分', '新闻发布会(重大活动、重要事件是否举行发布会,是否报告县政府,发布是否及时)', '3分', '政务微博、政务微信、公开栏、电子显示屏、便民手册等情况(以实地考评及图像证据为准,一项可得2分,最高不超过6分)', '6分', '政府信息公开', '完成政府信息目标任务情况(是否按照附件1要求完成任务)', '25分', '79分', '概况信息(机构职能、领导信息等是否完善和规范)', '2分', '政府文件(报告、公告、通知、通报、批复等是否公开全面和规范)', '5分', '动态信息(工作动态、重要会议、执法监督、公告公示、统计数据等)', '5分', '突发公共事件(应急预案、应急预警、应对情况等)', '2分', '重点信息公开情况(行政权力运行、财政资金信息、公共资源配置、重大建设项目、公共服务信息、国有企业信息、环境保护、食品药品安全、社会组织、中介机构、安全生产、就业、财政审计、科技、价格及信用等信息公开)', '25分', '政策解读情况', '2分', '信息公开目录和政府信息年度报告(信息公开目录未更新的扣1分;没有年度报告的扣2分)', '5分', '依申请公开政府信息办理情况(根据实际情况进行评分)', '6分', '政府信息公开保密审查情况(根据实际情况进行评分)', '2分', '政政务公开其他形式']


def test_a_stream_broken_at_its_long_cells_is_one_stream():
    got = [pairs(st) for st in _tables(S23)]
    assert got == [[(2, None), (2, None), (2, None), (6, None), (3, None), (6, None), (25, None), (2, None),
                    (5, None), (5, None), (2, None), (25, None), (2, None), (5, None), (6, None), (2, None)]]


def test_a_stream_of_a_score_only_column_is_not_joined():
    # 自查评分 alone (the max in the criterion's notes): a blank score leaves no trace in
    # cells one a line - the parts are not joined, the rows after the first part are lost
    head = ["考核项目", "目标要求", "具体标准", "自查评分"]
    got = [pairs(st) for st in _tables(head + S23[4:])]
    assert all(len(p) <= 3 for p in got)


# corpus/ s51 one cell a line: 考核项目 | 考核内容 | 评分标准 | 分值 | 自评得分 - two columns of
# criterion names before the figures: the first is a level of the path, as in the grid
S51_LINES = ["考核项目", "考核内容", "评分标准", "分值", "自评得分",
             "组织领导(15分)", "领导重视", "主要负责同志每年至少听取1次政务公开工作汇报,研究部署政务公开工作。", "5", "5",
             "机构人员", "明确政务公开工作分管领导和工作机构,配备专(兼)职工作人员。", "5", "5",
             "考核培训", "将政务公开纳入绩效考核,组织开展政务公开业务培训。", "5", "4",
             "主动公开(35分)", "基础信息公开", "机构职能、领导信息、内设机构等基础信息公开准确、更新及时。", "6", "6"]


@pytest.mark.parametrize("bars", [False, True])
def test_two_criterion_columns_one_cell_a_line_keep_both_levels(bars):
    lines = [x + " |" for x in S51_LINES] if bars else S51_LINES
    (st,) = _tables(lines)
    assert pairs(st) == [(5, 5), (5, 5), (5, 4), (6, 6)]
    assert [i.path for i in st.items] == [["组织领导", "领导重视"], ["组织领导", "机构人员"], ["组织领导", "考核培训"],
                                          ["主动公开", "基础信息公开"]]


SHARED = Path("/work/shared/corpus/real")


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")
def test_harness_fixed_layouts_give_no_wrong_item():
    import importlib.util
    import sys
    spec = importlib.util.spec_from_file_location(
        "score_layouts", Path(__file__).resolve().parent.parent / "bench" / "score_layouts.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["score_layouts"] = mod
    spec.loader.exec_module(mod)
    lays = ["pipe", "row_break", "drop_blank", "tabs", "spaces", "cut_pipe", "cut_cell_lines", "cut_cell_bar"]
    for name in ["s00_wuhai-minwei-2017-seed.docx", "s09_xinyang_guotu_2016_zichadefen.grid.docx"]:
        res = mod.check(SHARED / name, lays)
        assert res is not None
        for lay, r in res.items():
            same, short, path, lost, wrong = r["items"]
            assert wrong == 0, (name, lay, r["details"])
            assert r["totals"][3] == 0, (name, lay, r["totals_details"])
        assert res["pipe"]["items"][0] == sum(res["pipe"]["items"])  # the grid's items, all
        assert res["row_break"]["items"][3] == 0 or name.startswith("s09")
