"""A scoring standard written in prose (考核办法), each numbered criterion carrying its
points inside the sentence and its scoring rule after them (issue 9, class 3; b7 r13):

    (五)政府信息公开的实效(15分)
    1.…没有发生…群众投诉(5分),出现事故或投诉不得分。
    2.…动态性工作随时公开(5分)缺一项扣2分。

The criterion is an item with max 5 and no score (nobody scored it); the rule (扣2分,
不得分) is no item and its figure no points; the section's (15分) is no item when
criteria stand under it, it is their check.
"""
from __future__ import annotations

from extractor.tables.scores import read_score_tables
from extractor.tables.scores.outline import outline_segments
from text_docs import load_lines, score_tables as _tables


STANDARD = [
    "3.运用工作简报,新闻媒体等形式实行政府信息公开(5分)未运用简报、新闻媒体公开政府信息不得分。",
    "(五)政府信息公开的实效(15分)",
    "1.属主动公开范围的政府信息应自该信息形成之日起20个工作日内予以公开。没有发生因政府信息"
    "未公开而造成事故或群众投诉(5分),出现事故或投诉不得分。",
    "2.保证制度性、政策性内容长期公开,动态性工作随时公开(5分)缺一项扣2分。",
    "3.对涉及公众切身利益的重要事项实行决策前公开和实施结果公开(5分),每缺一项扣2分。",
    "第七条 考核采用100分制,90分以上为优秀,70分至89分为良好,60分以下为不合格。",
    "第八条 考核组采取实地检查、抽样核查等方式进行考核,得分率低于60%的单位通报。",
]


def test_criteria_with_their_rule_after_the_points_are_items():
    doc = load_lines(STANDARD)
    (st,) = read_score_tables(doc, None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(5, None)] * 4
    # the item above the first section heading of the text has no known category
    assert [i.path for i in st.items] == [[]] + [["政府信息公开的实效"]] * 3
    # the criterion is the text before the points; the rule is not part of it
    assert st.items[2].criterion.endswith("动态性工作随时公开")
    assert all("扣" not in i.criterion and "不得分" not in i.criterion for i in st.items)
    # totals: computed from the items; nothing states one (100分制 is the whole standard's scale)
    assert st.total == {"max": 20, "score": None, "stated_max": None, "stated_score": None}
    for it in st.items:  # each item quotes its own numbered line
        assert doc.text[it.offset[0]:it.offset[1]][:1].isdigit()


def test_the_section_heading_is_the_check_not_an_item():
    # (五)(15分) over three criteria of 5: no item of 15
    st = _tables(STANDARD[1:5])[0]
    assert 15 not in [i.max for i in st.items]
    # the same criteria under a heading they contradict (5+5+5 != 12): nothing is read
    bad = [STANDARD[1].replace("15分", "12分")] + STANDARD[2:5]
    assert _tables(bad) == []


def test_rules_and_sentences_mentioning_points_are_no_items():
    # the rule's 扣2分 is no max of its own: the item is worth 5
    segs = outline_segments(load_lines([STANDARD[3]]))
    assert [(s.level, s.pts) for s in segs] == [(2, 5)]
    # prose that only mentions points: 满分, 得分率, a deduction in a rule, grades
    prose = ["一、考核办法", "1.考核实行百分制,满分100分,各单位得分率在年底通报。",
             "2.未按时报送年度报告的扣2分,未公开的不得分。",
             "3.考核结果分为优秀(90分以上)、良好和不合格。"]
    assert _tables(prose) == []
    # two points figures before a rule: which one is the item's is not certain
    segs = outline_segments(load_lines(["2.公开预算(3分)和决算(2分),缺一项扣1分。"]))
    assert [(s.level, s.pts) for s in segs] == [(2, None)]
    # points followed by text that is no rule: not this form
    segs = outline_segments(load_lines(["3.公开办事指南(5分),由办公室负责。"]))
    assert [(s.level, s.pts) for s in segs] == [(2, None)]


def test_criteria_that_all_state_their_rule_need_no_heading_points():
    # three criteria with points and rules under a heading without points: a standard
    lines = ["(五)政府信息公开的实效"] + STANDARD[2:5]
    (st,) = _tables(lines)
    assert [(i.max, i.score) for i in st.items] == [(5, None)] * 3
    # the part's heading may be a title (…评分标准) as well as a category: not in the path
    assert [i.path for i in st.items] == [[]] * 3
    # two only: too little to tell a standard from a report's sentences
    assert _tables(lines[:3]) == []
    # one criterion without its rule: nothing checks the points, nothing is read
    plain = lines[:2] + ["2.保证制度性、政策性内容长期公开,动态性工作随时公开(5分)。"] + lines[3:]
    assert _tables(plain) == []
    # a record of what was lost ("扣1分", "未扣分") is no rule
    lost = ["一、组织领导", "1.成立领导小组(5分),未扣分。", "2.明确专人负责(5分),扣1分。",
            "3.制定年度工作要点(5分),未扣分。"]
    assert _tables(lost) == []


def test_a_report_that_quotes_rules_has_no_score_table():
    report = ["XX县政务公开工作自查报告",
              "一、工作开展情况",
              "(一)加强组织领导。我局成立了领导小组,明确专人负责(5分)的要求已落实,未出现扣分情况。",
              "(二)主动公开。全年公开信息120条,按考核细则未公开的扣2分,我局无此情况。",
              "二、存在问题",
              "部分栏目更新不及时。"]
    assert _tables(report) == []


def test_points_and_rule_wrapped_onto_the_next_line():
    # a page or a crawl broke the criterion before its points, or inside its rule
    wrapped = [STANDARD[1],
               "1.属主动公开范围的政府信息应及时公开。没有发生因政府信息未公开而造成群众投诉",
               "(5分),出现事故或投诉不得分。",
               "2.保证制度性、政策性内容长期公开,动态性工作随时公开(5分)缺一",
               "项扣2分。",
               STANDARD[4]]
    doc = load_lines(wrapped)
    (st,) = read_score_tables(doc, None).score_tables
    assert [(i.max, i.score) for i in st.items] == [(5, None)] * 3
    assert st.items[0].criterion.endswith("造成群众投诉")
    # each item's evidence runs to the end of its rule
    assert doc.text[st.items[1].offset[0]:st.items[1].offset[1]].endswith("项扣2分。")
    # a wrapped line that is no rule leaves the item without points: nothing is read
    broken = wrapped[:2] + ["(5分),由办公室负责落实。"] + wrapped[3:]
    assert _tables(broken) == []
