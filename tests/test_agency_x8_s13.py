"""Session 13, task X8: document.agency None where the text names its body in a shape that recurs in the pools and
the batches (X6's classes, /work/notes/s13/x6_agency_pool.md). Each rule is data in patterns/metadata.yaml (its YAML
examples run in test_agency_s9's test_yaml_opening_source_examples); names here are written anew.

- ``agency_open.own_outlet``: a text speaking as its body (我局/我办/我校 …, twice) names one body of that head only as
  the owner of its own account or list (新媒体(…司法局微信公众号) b18 ad30, 官网更名为“…人民防空办公室” pool s11 q019, 通过
  市外侨办政务外网 b21 al24, …审计局权力清单 b15 b81): that body; a superior's outlet has another head (…政府门户网站), a
  site of the head may be a superior's hosting the unit (我局在黑龙江省气象局网站… b7 q01): no site is read;
- ``agency_open.own_rules_self`` 校/街: 我校 … 制定了《…学院信息公开实施细则》 (b22 am14), 我街 … 《…街道…办法》 (b8 m15);
  ``agency_generic`` 高等学校: the ministry's 《高等学校信息公开办法》 names no school (b18 ae25);
- ``agency_words.name_alias``: a body's second name or declared short form in brackets between its name and the
  year's verb (2019年,市科技局(外国专家局)在… pool s11 q106, q093); not in an announced title (现公布《…市人民政府(市人民
  政府办公厅)2021年…》 b11 h47: the government and the office reporting for it).
"""
from __future__ import annotations

import pytest

from extractor.metadata_base import clean_agency
from text_docs import meta

_BODY = ("二、主动公开政府信息情况", "全年主动公开政府信息634条。", "三、依申请公开政府信息情况",
         "全年未收到政府信息公开申请。")


def test_a_body_named_only_by_its_own_account_is_read():
    m = meta("一、总体情况",
             "2022年,我局在阿荣旗政府门户网站主动公开信息24条,新媒体(阿荣旗司法局微信公众号)发布96条信息。",
             "我局明确了局信息公开领导小组。", *_BODY)
    assert m["agency"] == "阿荣旗司法局"


def test_a_body_named_only_by_its_renamed_site_is_read():
    m = meta("一、总体情况", "我办及时将官网更名为“泰州市人民防空办公室”。一年来,以官网为信息发布载体。",
             "我办加强信息发布。", *_BODY)
    assert m["agency"] == "泰州市人民防空办公室"


@pytest.mark.parametrize("sentence", [
    # only the superior's portal (another head than 我局's)
    "2022年,我局在阿荣旗人民政府门户网站主动公开信息24条。我局明确了领导小组。",
    # a site of the head: a superior's may host the unit's pages (b7 q01)
    "2016年,我局在黑龙江省气象局网站公开信息12条。我局明确了领导小组。",
    # (two bureaus' sites: own_outlet names none - its YAML example; the sentence reading of 通过X局网站 still takes the
    # first, an older source left as it is)
    # 我局 once: the text does not speak as the bureau
    "我局在阿荣旗司法局微信公众号发布信息96条。",
])
def test_no_own_outlet_names_none(sentence):
    assert meta("一、总体情况", sentence, *_BODY)["agency"] is None


def test_a_school_named_in_its_own_rules_is_read():
    m = meta("一、总体情况", "结合我校实际,研究制定了《某某职业技术学院信息公开实施细则》,明确了我校信息公开的工作机构。",
             *_BODY)
    assert m["agency"] == "某某职业技术学院"


def test_the_ministrys_rules_name_no_school():
    # counter-example (b18 ae25's shape): a school's text citing the rules every school follows
    m = meta("一、总体情况", "为贯彻《政府信息公开条例》及《高等学校信息公开办法》精神,我校全面推进信息公开。我校…", *_BODY)
    assert m["agency"] is None
    assert clean_agency("高等学校") is None


@pytest.mark.parametrize("sentence,want", [
    ("2019年,某某市科技局(外国专家局)在市委、市政府的坚强领导下,认真贯彻《条例》。", "某某市科技局"),
    ("2025年,某某市民委(宗教局)坚持以习近平新时代中国特色社会主义思想为指导。", "某某市民委"),
    ("2024年,某某县财政局(以下简称“县财政局”)深入贯彻《条例》。", "某某县财政局"),
])
def test_the_years_subject_with_its_second_name_is_read(sentence, want):
    assert meta("一、总体情况", sentence, *_BODY)["agency"] == want


@pytest.mark.parametrize("sentence", [
    # counter-examples: a bracket after no body (全市, a portal), the bracket ending no subject of the year's verb
    "2019年,全市(含开发区)认真贯彻《条例》。",
    "2019年,某某市政府门户网站(子网页)坚持发布信息。",
    "2019年,某某市科技局(外国专家局)的主要领导调整。",
])
def test_a_bracket_after_no_subject_names_none(sentence):
    assert meta("一、总体情况", sentence, *_BODY)["agency"] is None


def test_an_announced_title_with_a_bracket_is_not_read_through_it():
    # b11 h47's shape: the government and the office reporting for it (gold the office); the year's subject after
    # it is read as before
    from extractor.agency import _announcement
    text = "现公布《某某市人民政府(市人民政府办公厅)2021年政府信息公开工作年度报告》。"
    assert _announcement(text, [], None, []) is None


def test_a_short_subject_is_completed_by_the_announced_full_name_with_its_second_plate():
    # pool s11 q092's shape (R2's review of a9306be): the opening announces the report under the body's full name
    # followed by its second plate in brackets, the year's subject is the short form; golds take the full form
    # where a text writes both (21 of 21 in b1-b22), so the bracket after 委员会 ends the longer form
    m = meta("根据《条例》要求,现发布《某某市民族事务委员会(宗教事务局)2024年政府信息公开工作年度报告》。",
             "一、总体情况", "2024年,某某市民委(宗教局)深入学习贯彻《条例》。", *_BODY)
    assert m["agency"] == "某某市民族事务委员会"
