"""Score tables published on their own as crawled text (issue 9, failure class 3):
the shapes found in the tuning batches b5/b6 that the reader did not understand.

Each test is one layout, written as a short real-looking text, with what must be read
(items, totals) and what must not (the counter-examples), plus the warnings.
"""
from __future__ import annotations

from text_docs import score_tables as _tables, pairs as _pairs


# ------------------------------------------------------------------------------------
# one cell per line closed by " |", a description column (评估要点) after the weight,
# the excerpt cut inside the last row's description (after the loader closed the table)
INDEX = ["一级指标 |", "二级指标 |", "三级指标 |", "权重 |", "评估要点 |",
         "信息公开(6) |", "主动公开(4) |",
         "概况信息 |", "1 |", "发布机构职能、领导信息等概况介绍的情况; |",
         "规划计划 |", "1.5 |", "发布发展规划及执行情况等信息的情况; |",
         "财政预决算 |", "1.5 |", "发布财政预算、决算报告的情况; |",
         "应急管理 |", "1 |"]


def test_a_description_column_cut_by_the_end_of_the_text_drops_the_last_row():
    lines = INDEX + ["发布突发公共事件应急预案、预警信"]
    (st,) = _tables(lines)
    assert _pairs(st) == [(1, None), (1.5, None), (1.5, None)]
    assert st.total["max"] == 4 and st.total["stated_max"] is None
    assert any("last row cut by the end of the text" in c["message"] and "应急管理" in c["message"]
               for c in st.checks)
    # the first row's labels are its categories; the description is no label of a row
    assert st.items[0].path == ["信息公开", "主动公开"] and st.items[0].criterion == "概况信息"
    assert not any("发布" in p for it in st.items for p in it.path)


def test_the_same_index_with_its_last_row_complete_keeps_it():
    lines = INDEX + ["发布突发公共事件应急预案等信息的情况; |"]
    (st,) = _tables(lines)
    assert _pairs(st) == [(1, None), (1.5, None), (1.5, None), (1, None)]
    assert not any("cut" in c["message"] for c in st.checks)
    # text after the table that ends with a full stop is no cut row either
    (st,) = _tables(INDEX + ["以上指标由评估组负责解释。"])
    assert _pairs(st) == [(1, None), (1.5, None), (1.5, None), (1, None)]


# ------------------------------------------------------------------------------------
# a numbered scoring standard run into one paragraph (document-site copy): a preamble,
# "一、…(8分)(一)…(2分);(二)…(2分)。二、…", the last category cut before its points
RUN_TOGETHER = ("部门信息公开考核评分标准为做好考核工作,制定本评分标准。考核实行百分制,具体标准如下:"
                "一、领导机构、工作机构的建设情况(6分)(一)主要领导亲自抓,分管领导具体抓(2分);"
                "(二)建立专门的领导机构(2分);(三)落实专(兼)职工作人员(2分)。"
                "二、年度工作计划落实情况(5分)(一)制定年度工作方案并组织实施(3分);"
                "(二)定期报送工作情况(2分)。三、考核、社会评议和责任追究制度的")


def test_an_outline_run_into_one_paragraph():
    (st,) = _tables([RUN_TOGETHER])
    assert _pairs(st) == [(2, None), (2, None), (2, None), (3, None), (2, None)]
    assert [i.path for i in st.items] == [["领导机构、工作机构的建设情况"]] * 3 + [["年度工作计划落实情况"]] * 2
    assert st.items[2].criterion.startswith("落实专(兼)职工作人员")
    assert st.total["max"] == 11 and st.total["stated_max"] is None


def test_a_run_together_outline_whose_points_do_not_add_up_is_not_read():
    assert _tables([RUN_TOGETHER.replace("(6分)", "(7分)").replace("(5分)", "(6分)")]) == []
    # the same items without any category points: nothing checks them, nothing is read
    bare = RUN_TOGETHER.replace("(6分)", "").replace("(5分)", "")
    assert _tables([bare]) == []


# ------------------------------------------------------------------------------------
# a scoring standard in prose whose items say what they earn ("有得10分,无落实扣2分;"),
# headings with "(计N分)" followed by their text, the last item cut before its points
EARNED = ["二、考核内容及评分标准(60分)", "评分标准", "(一)基础得分项(计50分)",
          "1、制度建设情况(计20分)。(1)是否建立政务公开人员管理制度(主要领导负责)有得10分,无落实扣2分;"
          "(2)是否上会部署,有得10分,无扣2分。",
          "2、平台的管理与信息更新(计30分)。平台是政务公开的主要载体。主要考评:(1)年度信息总量,"
          "总量200条得8分,未完成扣2分;(2)栏目更新的完整性,栏目完整得8分,不更新扣2分;"
          "(3)信息更新的质量,没有问题"]


def test_an_outline_whose_items_state_what_they_earn():
    (st,) = _tables(EARNED)
    assert _pairs(st) == [(10, None), (10, None), (8, None), (8, None)]
    assert [i.path[-1] for i in st.items] == ["制度建设情况"] * 2 + ["平台的管理与信息更新"] * 2
    # the deductions are rules inside the items, never items; the cut (3) is left out
    assert st.total["max"] == 36 and st.total["stated_max"] is None


def test_earned_points_that_contradict_their_heading_are_not_read():
    wrong = [x.replace("(计20分)", "(计25分)") for x in EARNED]
    assert _tables(wrong) == []
    # an item naming two figures it may earn: which is its max is unknown, nothing is read
    two = [x.replace("有得10分,无落实扣2分", "全部建立得10分,部分建立得5分") for x in EARNED]
    assert _tables(two) == []


# ------------------------------------------------------------------------------------
# a weight list in prose: a stated total, then the parts with their points
def test_a_weight_list_joined_by_commas_after_a_stated_total():
    text = ("市直部门评估包括8个一级指标和30个三级指标,总分100分。其中,一级指标包括:目录建设12分、"
            "规范性文件10分、年度报告15分、重点领域(工作)信息25分、依申请公开20分、政策解读18分(见附表1);县(")
    (st,) = _tables(["评估情况", text])
    assert _pairs(st) == [(12, None), (10, None), (15, None), (25, None), (20, None), (18, None)]
    assert [i.criterion for i in st.items][3] == "重点领域(工作)信息"
    # prose, not a 总计 row: the total checks the parts, it is no stated max
    assert st.total == {"max": 100, "score": None, "stated_max": None, "stated_score": None}


def test_a_weight_list_that_does_not_add_up_or_claims_scores_is_not_read():
    text = "考核总分100分。其中,一级指标包括:目录建设12分、规范性文件10分、年度报告15分。"
    assert _tables([text]) == []
    claim = "自查总分100分。其中组织领导30分、主动公开40分、依申请公开30分,自评得分95分。"
    assert _tables([claim]) == []


def test_parts_stated_one_per_line_after_a_stated_total():
    lines = ["二、检查内容及指标", "本指标分为三部分,总分100分。",
             "第一部分:政务公开、政府信息公开,分值20分。",
             "第二部分,政府网站和政务新媒体工作,分值50分(政府网站30分、政务新媒体20分。得分低于30分的不合格)。",
             "第三部分:日常工作,分值30分。",
             "(一)政务公开(20分)"]
    (st,) = _tables(lines)
    assert _pairs(st) == [(20, None), (50, None), (30, None)]
    assert st.items[0].criterion == "第一部分:政务公开、政府信息公开"
    assert st.total["max"] == 100 and st.total["stated_max"] is None
    # a part's bracketed split is never a part of its own; parts short of the total: nothing
    assert _tables([x.replace("分值30分", "分值20分") for x in lines]) == []


# ------------------------------------------------------------------------------------
# a self-inspection stating per indicator, one paragraph each, what it lost and scored
def test_indicator_results_stated_one_paragraph_each():
    lines = ["一、门户网站自查情况",
             "在单项否决指标中,对照六项指标进行了自查,均符合相关要求。",
             "在扣分指标中,一级指标发布解读中的概况信息、机构职能符合相关要求,解读关联未达到相关要求,扣分1分,得分30分。",
             "一级指标办事服务中的事项公开、办事指南符合相关要求,办事统计未达到相关要求,扣分2分,得分共计23分。",
             "一级指标互动交流中的信息提交符合相关要求,留言公开未达到相关要求,扣分合计13分,得分10分。留言较多。",
             "一级指标功能设计中的域名名称、网站标识、"]
    (st,) = _tables(lines)
    assert _pairs(st) == [(None, 30), (None, 23), (None, 10)]
    assert [i.criterion for i in st.items] == ["发布解读", "办事服务", "互动交流"]
    # the points each indicator is worth are not printed: no max, the scores add up
    assert st.total == {"max": None, "score": 63, "stated_max": None, "stated_score": None}
    # one such paragraph alone is a sentence of a report, not a table
    assert _tables(lines[:3]) == []


def test_an_outline_of_claimed_scores_is_no_standard():
    # a report's sections with the points they got ("得5分", "扣1分,得4分"): no deduction
    # rule follows the figure, so it is no "what the item earns" of a scoring standard
    lines = ["1、组织领导(计10分)。(1)成立了领导小组,得5分;(2)明确专人负责,扣1分,得4分。",
             "2、主动公开(计10分)。(1)及时公开规范性文件,得5分;(2)公开工作动态,得5分。"]
    assert _tables(lines) == []
