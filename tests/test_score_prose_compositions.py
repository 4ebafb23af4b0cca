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


# ------------------------------------------------------------------ weighted sections (b8 m23, m24; b10 d02)
def test_sections_with_their_weight_on_the_next_line_traditional_characters():
    _, (st,) = _tables("三、考評方式", "2022年全市政務公開考評工作分第三方機構測評和日常工作測評兩個部分。",
                       "(一)第三方機構測評。", "權重:60%。", "測評單位:第三方評估機構。",
                       "(二)日常工作測評。", "權重:40%。", "測評單位:市政務公開領導小組辦公室。",
                       "四、結果運用", "考評結果納入年度績效考核。")
    # (the normaliser reads a traditional-character text in simplified characters)
    assert [(i.max, i.score) for i in st.items] == [(60, None), (40, None)]
    assert [i.criterion[-2:] for i in st.items] in (["測評", "測評"], ["测评", "测评"])
    assert st.total["max"] == 100


def test_sections_cut_by_the_end_of_the_text_keep_the_first_ones():
    _, (st,) = _tables("三、考核环节", "考核工作设定为第三方机构测评、双向互评、专项督查和日常工作推进情况评价四个环节。",
                       "(一)第三方机构测评(40%)。由第三方测评机构网上测评各地各单位年度政务公开情况。",
                       "(二)双向互评(30%)。", "1.对县市区政府评价。由市直单位根据评价表独立开展评价。")
    assert _items(st) == [("第三方机构测评", 40, None), ("双向互评", 30, None)]


def test_sections_that_go_on_without_a_weight_or_do_not_add_up_are_not_read():
    _, sts = _tables("考核工作设定为第三方机构测评、双向互评和专项督查三个环节。",
                     "(一)第三方机构测评(40%)。", "(二)双向互评(30%)。", "(三)专项督查。", "由市政府督查室组织。")
    assert sts == []
    _, sts = _tables("考评工作分第三方机构测评和日常工作测评两个部分。", "(一)第三方机构测评(权重70%)",
                     "(二)日常工作测评(权重20%)", "四、工作要求")
    assert sts == []


def test_a_self_assessment_naming_its_parts_is_no_scheme():
    _, sts = _tables("我单位自评分为主动公开和依申请公开两个部分,自评得分95分。", "(一)主动公开(60%)",
                     "(二)依申请公开(40%)")
    assert sts == []
