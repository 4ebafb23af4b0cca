"""An indicator index flattened to one line with its points column last (scores/runon.py
read_runon, patterns/score_tables.yaml runon.spaced_*): rows read only inside categories
whose rows add up."""
from __future__ import annotations

from extractor.model import DocumentBuilder, Source
from extractor.normalize import normalize
from extractor.tables.scores import read_score_tables
from extractor.tables.scores.runon import read_runon

HEAD = "一、评估指标体系 一级指标 二级指标 三级指标 四级指标 说明 权重 "


def _doc(*lines):
    b = DocumentBuilder(Source("t.txt"))
    for x in lines:
        b.add_paragraph(x)
    return normalize(b.build())


def _items(doc):
    return [(i.path, i.max) for t in read_runon(doc) for i in t.items]


def test_rows_of_categories_that_add_up_and_the_complete_rows_of_a_category_cut_by_the_end():
    doc = _doc(HEAD + "网站内容( 70) 信息公开( 35) 规范性( 10) 信息公开规定 信息公开制度或规定的制定情况 2 "
               "信息公开目录 信息公开目录梳理及网上公开的情况 6 依申请公开 网站是否可依申请公开政务信息 2 "
               "接受社会监督的信息( 3) 概况信息 领导信息;机构职能 1 工作动态 通知公告,新闻动态 ,重大建设项目 1.5 "
               "人事信息 本级政府人事任免 0.5 整合下属机构的信息( 5) 概况信息 委办局的概况信息 0.5 计划总结 委办局的工作计划、发展")
    cat1, cat2 = ["网站内容", "信息公开", "规范性"], ["网站内容", "信息公开", "接受社会监督的信息"]
    # the document ends inside the row 计划总结 of 整合下属机构的信息(5): the category cannot add
    # up, its complete rows before the cut are read (b9 n07's gold, session 6), the cut row not
    cat3 = ["网站内容", "信息公开", "整合下属机构的信息"]
    assert _items(doc) == [(cat1, 2), (cat1, 6), (cat1, 2), (cat2, 1), (cat2, 1.5), (cat2, 0.5), (cat3, 0.5)]
    (st,) = read_score_tables(doc, None).score_tables
    assert st.items[0].criterion == "信息公开规定信息公开制度或规定的制定情况"  # the row's text, not split
    for it in st.items:
        a, b = it.offset
        assert doc.text[a:b].startswith(it.criterion[:4]) and doc.text[a:b].rstrip().endswith(str(it.max))


def test_rows_that_do_not_add_up_to_their_category_are_not_read():
    doc = _doc(HEAD + "网站内容( 70) 信息公开( 35) 规范性( 10) 信息公开规定 制度的制定情况 2 "
               "信息公开目录 目录梳理情况 6 依申请公开 实际功能 3")
    assert _items(doc) == []


def test_a_row_text_holding_a_figure_stops_the_reading():
    doc = _doc(HEAD + "网站内容( 70) 信息公开( 35) 规范性( 10) 信息公开规定 制度的制定情况 2 "
               "信息公开目录 12345 热线 6 依申请公开 实际功能 2")
    assert _items(doc) == []


CUT = (HEAD + "网站内容( 70) 信息公开( 35) 规范性( 10) 信息公开规定 信息公开制度或规定的制定情况 2 "
       "信息公开目录 信息公开目录梳理及网上公开的情况 6 依申请公开 网站是否可依申请公开政务信息 2 "
       "整合下属机构的信息( 5) 概况信息 委办局的概况信息 0.5 计划总结 委办局的工作计划、发展")


def test_an_open_category_is_read_only_when_the_document_ends_inside_its_next_row():
    cat1, cat3 = ["网站内容", "信息公开", "规范性"], ["网站内容", "信息公开", "整合下属机构的信息"]
    assert _items(_doc(CUT)) == [(cat1, 2), (cat1, 6), (cat1, 2), (cat3, 0.5)]
    # text after the table (a paragraph of its own): the category was not cut by the end of
    # the text, its rows simply do not add up; nothing of it is read
    assert _items(_doc(CUT, "二、评估方法说明")) == [(cat1, 2), (cat1, 6), (cat1, 2)]
    # the document ends right after a row's points: no row was cut, the category does not add up
    assert _items(_doc(CUT.rsplit(" 计划总结", 1)[0])) == [(cat1, 2), (cat1, 6), (cat1, 2)]
    # no category added up before the cut: nothing to trust the split by
    only = HEAD + "网站内容( 70) 信息公开( 35) 整合下属机构的信息( 5) 概况信息 委办局的概况信息 0.5 计划总结 委办局的工作"
    assert _items(_doc(only)) == []
