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


def test_a_town_or_street_by_its_party_committee_and_office():
    # pool s10 p209 (the pair also in p147: 2025年,花湖镇党委、政府坚持…)
    m = meta("本年度报告根据《中华人民共和国政府信息公开条例》编制。", "一、总体情况",
             "2025年,新开河街道党工委、办事处按照区委、区政府的统一部署,扎实推进政务公开工作。")
    assert m["agency"] == "新开河街道"
    # counter-example: the committees of no named town
    m = meta("本年度报告根据《中华人民共和国政府信息公开条例》编制。", "一、总体情况",
             "2025年,镇党委、政府按照区委、区政府的统一部署,扎实推进政务公开工作。")
    assert m["agency"] is None


def test_a_quarter_opens_the_clause_whose_subject_is_the_body():
    # pool s10 p076: 2020年四季度,镇江市生态环境局累计主动公开信息862条
    m = meta("2020年四季度政务公开工作自查报告", "一、基本情况",
             "我局通过政府门户网站主动公开信息。2020年四季度,镇江市生态环境局累计主动公开信息862条。")
    assert m["agency"] == "镇江市生态环境局"
    # counter-example: the text's own 我局 as the subject names no body
    m = meta("2018年四季度政府网站自查报告", "一、基本情况", "2018年四季度,我局累计主动公开信息86条。")
    assert m["agency"] is None


def test_a_row_of_page_fields_is_no_title():
    # pool s10 p195: the colonless field row joined to the next was read as the title
    m = meta("索 引 号 1133102400268125XW/2024-104757 公开方式 主动公开", "成文日期 2024-01-16 发布机构 下各镇",
             "组配分类 政府信息公开年报", "2023年下各镇政府信息公开工作年度报告", "一、总体情况")
    assert m["title"] == "2023年下各镇政府信息公开工作年度报告"
    # b6 t49: the row glued (组配分类信息公开年报) above the report's own title
    m = meta("组配分类 信息公开年报 发布机构 县府办", "平阳县市场监督管理局2020年政府信息公开工作报告", "一、总体情况")
    assert m["title"] == "平阳县市场监督管理局2020年政府信息公开工作报告"
    # counter-example: a title line is still a title
    m = meta("2023年下各镇政府信息公开工作年度报告", "一、总体情况")
    assert m["title"] == "2023年下各镇政府信息公开工作年度报告"
