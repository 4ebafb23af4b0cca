"""Session 11, task D (document.agency on the unannotated pool s10, audit in /work/tmp/d/agency_audit.md):
an announcing verb is never part of a name, 特公布 announces, a compiler's declared short form, a portal's
banner over its "today" line, one government with and without its city, a street's own name shortened,
the body whose work's circumstances the report is compiled from."""
import pytest

from extractor.metadata_base import clean_agency
from tests.test_metadata import meta


@pytest.mark.parametrize("name, want", [
    ("特公布贵州省", None),            # pool s10 p091: the announcing verb before the place
    ("向社会公示由市商务局", None),     # pool s10 p103: a verb phrase before the bureau
    ("贵州省", "贵州省"), ("市商务局", "市商务局"),
])
def test_an_announcing_verb_is_no_part_of_a_name(name, want):
    assert clean_agency(name) == want


def test_te_gongbu_announces_the_report():
    # pool s10 p091 (also p092, b14 o18): …(以下简称《规定》),特公布贵州省2018年政府信息公开工作年度报告
    m = meta("根据《中华人民共和国政府信息公开条例》(以下简称《条例》)和《贵州省政府信息公开暂行规定》(以下简称《规定》),"
             "特公布贵州省2018年政府信息公开工作年度报告。", "一、概述", "2018年,全省主动公开政府信息5万余条。")
    assert m["agency"] == "贵州省"


def test_a_short_name_is_not_completed_through_a_verb_phrase():
    # pool s10 p103: the title's 市商务局; 向社会公示由市商务局行使的… names no longer form of it
    m = meta("市商务局2020年政府信息公开工作年度报告", "一、总体情况",
             "根据“三定”方案和部门职责调整,向社会公示由市商务局行使的行政许可事项3项,行政处罚事项5项。")
    assert m["agency"] == "市商务局"
    # counter-example: a longer form opening a clause still completes it
    m = meta("市商务局2020年政府信息公开工作年度报告", "一、总体情况",
             "2020年,安康市商务局坚持以公开为常态,主动公开政府信息213条。")
    assert m["agency"] == "安康市商务局"


def test_compiler_with_its_declared_short_form():
    # pool s10 p221: the declared short form between the compiler's name and its verb
    m = meta("本年度报告根据《中华人民共和国政府信息公开条例》要求编制而成,由上海市黄浦区人民政府(以下简称区政府)编制。"
             "全文包括总体情况等。", "一、总体情况", "2019年,黄浦区坚持聚焦公众需求提升公开质量。")
    assert m["agency"] == "上海市黄浦区人民政府"
    # pool s10 p090: the contact is the declared short form: one body, the full name
    m = meta("本报告根据《中华人民共和国政府信息公开条例》要求,由南宁经济技术开发区管理委员会(以下简称经开区管委会)编制。"
             "如对本年度报告有任何疑问,请与经开区管委会政府信息公开机构联系。", "一、总体情况")
    assert m["agency"] == "南宁经济技术开发区管理委员会"


def test_a_portal_banner_over_its_today_line_is_no_heading():
    # pool s10 p209: the district's portal banner over a street office's report
    m = meta("天津市河北区人民政府", "2019年12月3日星期二",
             "本年度报告根据《中华人民共和国政府信息公开条例》编制。", "一、总体情况",
             "2025年,街道主动公开政府信息120条。")
    assert m["agency"] is None
    # counter-example: the same name line over the report's own text heads it
    m = meta("天津市河北区人民政府", "本年度报告根据《中华人民共和国政府信息公开条例》编制。", "一、总体情况",
             "2025年主动公开政府信息120条。")
    assert m["agency"] == "天津市河北区人民政府"


def test_one_government_with_and_without_its_city():
    # pool s10 p097: the compiler and the contact write one government, with and without its city
    m = meta("本年度报告由松北区人民政府办公室综合区政府各部门的情况编制而成。",
             "如有疑问请与哈尔滨市松北区人民政府办公室联系。", "一、总体情况")
    assert m["agency"] in ("松北区人民政府", "哈尔滨市松北区人民政府")
    # counter-example: two different districts' governments are not one body
    m = meta("本年度报告由松北区人民政府办公室编制。", "如有疑问请与哈尔滨市道里区人民政府办公室联系。", "一、总体情况")
    assert m["agency"] is None


def test_a_streets_own_name_shortened_is_its_full_name():
    # pool s10 p293: 由永定门外街道办事处编制 … 请与永外街道办事处办公室联系: the full name
    m = meta("本报告是根据《中华人民共和国政府信息公开条例》要求,由永定门外街道办事处编制的2016年度政府信息公开年度报告。",
             "如对本报告有任何疑问,请与永外街道办事处办公室联系。", "一、年度工作开展情况",
             "2016年,我街道认真贯彻落实《条例》,主动公开政府信息120条。")
    assert m["agency"] == "永定门外街道办事处"


def test_the_body_whose_works_circumstances_the_report_is_compiled_from():
    # pool s10 p110
    m = meta("本年报按照《中华人民共和国政府信息公开条例》要求,根据2023年眉山市司法局信息公开工作实际编制而成。",
             "一、总体情况", "(一)主动公开情况")
    assert m["agency"] == "眉山市司法局"
    # counter-examples: no name (全区, 我局) before the work; a plan compiled, not the report
    m = meta("按照要求,结合全区政务公开工作实际,编制《2022年红桥区政务公开工作要点》。", "一、总体情况")
    assert m["agency"] != "红桥区"
    m = meta("根据《条例》要求,结合我局政府信息公开工作实际,编制本报告。", "一、总体情况")
    assert m["agency"] is None
