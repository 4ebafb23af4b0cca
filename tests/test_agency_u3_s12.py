"""Session 12, task U3: document fields of reports nobody tuned for (patterns/metadata.yaml).

- ``agency_open.place`` (source ``opening_place``, the last): a line opening with the body's name and
  where it lies (保安街道办事处地处志丹县城中部 b19 ag05, 毛城子镇位于公主岭市西北部 b20 ai19);
- ``self_reference_bodies``: a street office speaks as 我办 (全办) too (b19 ag05, af16, b20 ah04);
- ``name_own_channels``: an account's platform or its own word before it (“…局”新浪政务官方微博,
  “…局”官方微信公众号, “…”微信公众平台: b20 ah06, dev g15, b14 o52, pool s10 p129, b10 c14);
- ``agency_suffixes``: a school's short form, its place and its number (怀远二中 b19 af41, 涡阳三中 b19 af40),
  not a plenum's session (十八届三中全会) nor 第二中(学);
- a title's period of two years (西安科技大学2015-2016年度…报告, b19 ag14) names the body before it;
- ``agency_organ_words``: a body named with its organs (城口县人民政府机关 b14 o76, 永定县教育局机关 b17 ac06) is the body;
- ``title_words.system_heads``: a title headed by a body's system (大同市气象部门2023年… b14 o53, 江苏省淮安市气象部门… b19 af01)
  names the one body of that place and field the text writes (``agency.system_body``);
- a shortened name the text leaves short, its longer form in the portal's publisher field (卫计局 / 发布单位:
  县卫生和计划生育局 b20 ai22, 农业农村局 / 南通市通州区农业农村局 b14 o73): that form (``agency.find_agency``).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.agency import find_agency
from extractor.metadata import _title_parts, describe
from extractor.metadata_base import clean_agency
from extractor.model import DocumentBuilder, Source
from extractor.normalize import normalize
from extractor.segment import segment

REAL = Path(__file__).parent / "real"


def _meta(*paragraphs):
    b = DocumentBuilder(Source(path="t.txt", format="txt"))
    for p in paragraphs:
        b.add_paragraph(p)
    d = normalize(b.build())
    return describe(d, segment(d))


def _lines(text):
    return [(0, i, ln) for i, ln in enumerate(text.split("\n"))]


def test_a_street_office_speaking_as_wo_ban_is_kept():
    text = ("一、总体情况\n保安街道办事处地处志丹县城中部,全办总土地面积239.2平方公里。2020年,我办认真落实条例。\n"
            "二、主动公开政府信息情况\n我办全年主动公开信息52条。")
    assert find_agency(None, None, None, text, _lines(text)) == "保安街道办事处"


def test_a_bureau_in_a_text_speaking_as_wo_ban_is_still_withheld():
    text = ("一、总体情况\n红星镇位于县城东部。2020年,我办认真落实条例。\n我办全年主动公开信息52条。")
    # a town is not an office: it does not fit 我办
    assert find_agency(None, None, None, text, _lines(text)) is None


@pytest.mark.parametrize("name,ok", [
    ("怀远二中", True), ("涡阳三中", True), ("县一中", True),
    ("十八届三中", False), ("党的十八届三中", False), ("莆田第二中", False), ("统一中", False), ("其中", False),
    ("二中", False),
])
def test_a_schools_short_form(name, ok):
    assert (clean_agency(name) == name) is ok


def test_a_schools_short_form_heads_its_title():
    m = _meta("怀远二中2021年政府信息公开工作年度报告", "一、总体情况", "2021年主动公开政府信息34条。")
    assert m["agency"] == "怀远二中"


def test_a_plenum_is_no_body():
    m = _meta("一、总体情况", "2014年,深入学习党的十八届三中全会精神。全年主动公开政府信息34条。")
    assert m["agency"] is None


@pytest.mark.parametrize("title,agency,year", [
    ("西安科技大学2015-2016年度信息公开情况报告", "西安科技大学", 2016),
    ("某某县2019年政府信息公开工作年度报告", "某某县", 2019),
    ("2015-2016年度信息公开情况报告", None, 2016),   # no body before the period
])
def test_a_title_with_a_period_of_two_years(title, agency, year):
    assert _title_parts(title) == (agency, year)


@pytest.mark.skipif(not (REAL / "b20").exists(), reason="b20 not present")
@pytest.mark.parametrize("batch,stem,want", [
    ("b19", "ag05_", "保安街道办事处"), ("b20", "ai19_", "毛城子镇"), ("b20", "ah06_", "江干区市场监督管理局"),
])
def test_real_reports(batch, stem, want):
    text = next((REAL / batch).glob(stem + "*.txt")).read_text(encoding="utf-8")
    assert find_agency(None, None, None, text, _lines(text)) == want


@pytest.mark.parametrize("name,want", [
    # (a government's organs are one unit of their own, as the golds write it: b14 o76 城口县人民政府机关, b24 ar11;
    # session 16 A6, ``agency_organ_kept_after``)
    ("城口县人民政府机关", "城口县人民政府机关"), ("永定县教育局机关", "永定县教育局"),
    # a place's organs, or organs of no body, name none
    ("县直机关", None), ("市级机关", None), ("行政机关", None), ("各级行政机关", None), ("局机关", None),
])
def test_a_body_named_with_its_organs(name, want):
    assert clean_agency(name) == want


def test_a_title_naming_a_body_with_its_organs():
    m = _meta("2009年永定县教育局机关政府信息公开工作年度报告", "一、概述", "2009年主动公开政府信息34条。")
    assert m["agency"] == "永定县教育局"


@pytest.mark.parametrize("title,text,want", [
    ("大同市气象部门2023年政府信息公开工作年度报告", "确保了大同市气象局政府信息公开工作依法、及时、准确。", "大同市气象局"),
    # the text writes the system only (江苏省淮安市气象部门…), or no body of that place and field: none
    ("江苏省淮安市气象部门2021年政府信息公开工作年度报告", "江苏省淮安市气象部门认真贯彻…淮安市气象局办公室", None),
    ("大同市气象部门2023年政府信息公开工作年度报告", "全市气象部门认真贯彻《条例》。", None),
    # no place before the field: a system of any place
    ("气象部门2023年政府信息公开工作年度报告", "确保了大同市气象局政府信息公开工作依法。", None),
    # two bodies of that place and field: none
    ("大同市气象部门2023年政府信息公开工作年度报告", "大同市气象局和大同市气象服务中心认真贯彻。", None),
])
def test_a_title_headed_by_a_bodys_system(title, text, want):
    from extractor.agency import system_body
    assert system_body(title, text) == want


def test_a_system_title_names_its_body_in_describe():
    m = _meta("大同市气象部门2023年政府信息公开工作年度报告", "一、总体情况",
              "2023年,确保了大同市气象局政府信息公开工作依法、及时、准确、有序开展。")
    assert m["agency"] == "大同市气象局"


@pytest.mark.parametrize("title,field,want", [
    # the publisher field names the longer form of the title's shortened name (b20 ai22, b14 o73)
    ("卫计局", "县卫生和计划生育局", "县卫生和计划生育局"),
    ("农业农村局", "南通市通州区农业农村局", "南通市通州区农业农村局"),
    # another body, or no longer form of it: the name stays
    ("卫计局", "县教育局", "卫计局"),
    ("桃源县审计局", "常德市审计局", "桃源县审计局"),
])
def test_a_shortened_name_completed_by_the_publisher_field(title, field, want):
    text = "一、总体情况\n2017年主动公开政府信息34条。"
    assert find_agency(title, None, None, text, _lines(text), page_agency=field) == want
    assert find_agency(title, field, None, text, _lines(text)) == want
