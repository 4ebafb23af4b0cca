"""Assessment notices giving their points in prose (b10 d01, d02 classes): a scheme's total
made of parts with their points in brackets ("考评总分由考评内容分(60分)、…组成"), and the
parts as clauses of their own after the total ("满分100分。其中,工作考核70分,由…;专业评价
30分,由…"). Read only against a stated total; a composition cut by the end of the text keeps
its complete parts; no reading without a total, when the parts disagree with it, or near a
self-assessment's claim."""
from __future__ import annotations

from extractor.model import DocumentBuilder, Source
from extractor.normalize import normalize
from extractor.tables.scores import read_score_tables


def _tables(*paras):
    b = DocumentBuilder(Source("t.txt"))
    for p in paras:
        b.add_paragraph(p)
    doc = normalize(b.build())
    return doc, read_score_tables(doc, None).score_tables


def _items(st):
    return [(i.criterion, i.max, i.score) for i in st.items]


NOTICE = ["某市税务局办公室关于开展2010年度政务公开工作考评的通知",
          "一、考评原则和范围", "考评工作按照客观公正、注重实效的原则进行。",
          "四、考评内容和分数组成",
          "考评内容包括:组织实施情况;对外公开情况;对内公开情况(详见附件1)。"]


def test_composition_with_its_total_in_the_sentence_before():
    doc, (st,) = _tables(*NOTICE, "考评实行100分制量化计分。考评总分由考评内容分(60分)、干部职工测评分(15分)、"
                                  "纳税人测评分(25分)三部分组成。")
    assert _items(st) == [("考评内容分", 60, None), ("干部职工测评分", 15, None), ("纳税人测评分", 25, None)]
    assert st.total["max"] == 100 and st.total["stated_max"] is None
    for it in st.items:
        a, b = it.offset
        assert doc.text[a:b].startswith(it.criterion)


def test_composition_cut_by_the_end_of_the_text_keeps_its_complete_parts():
    _, (st,) = _tables(*NOTICE, "考评实行100分制量化计分。考评总分由考评内容分(60分)、干部职工测评分(15分)、纳税人测评分")
    assert _items(st) == [("考评内容分", 60, None), ("干部职工测评分", 15, None)]


def test_composition_without_a_total_or_not_adding_up_is_not_read():
    _, sts = _tables(*NOTICE, "考评总分由考评内容分(60分)、干部职工测评分(15分)和纳税人测评分(25分)组成。")
    assert sts == []
    _, sts = _tables(*NOTICE, "考评实行100分制。考评总分由考评内容分(60分)、干部职工测评分(15分)和纳税人测评分(20分)组成。")
    assert sts == []


def test_composition_near_a_claim_is_no_scheme():
    _, sts = _tables("考核实行100分制。自评总分由组织领导(40分)和主动公开(60分)组成,自评得分95分。")
    assert sts == []


SCHEME = ["某市政务新媒体中心关于印发2020年度政府网站工作考评方案的通知", "一、考评对象", "各县(市、区)人民政府。"]


def test_parts_as_clauses_under_a_count_of_two():
    _, (st,) = _tables(*SCHEME, "三、考评程序",
                       "2020年度政府网站考评指标分为工作考核和专业评价两部分,满分100分。其中,工作考核70分,"
                       "由市中心根据日常情况进行评测打分;专业评价30分,由市中心组织有关人员进行网上测评打分",
                       "(一)工作考核(权重70%)")
    assert _items(st) == [("工作考核", 70, None), ("专业评价", 30, None)]
    assert st.total["max"] == 100


def test_clauses_without_a_count_or_not_adding_up():
    _, sts = _tables(*SCHEME, "满分100分。其中,工作考核70分,由市中心打分;专业评价30分,由专家打分。")
    assert sts == []
    _, sts = _tables(*SCHEME, "考评分为两部分,满分100分。其中,工作考核60分,由市中心打分;专业评价30分,由专家打分。")
    assert sts == []


def test_three_clauses_adding_up_need_no_count():
    _, (st,) = _tables("考核总分100分,其中:基础工作40分,按季度考核;主动公开35分,按月考核;依申请公开25分。")
    assert [i.max for i in st.items] == [40, 35, 25]
