"""Document fields on unseen reports (issue 9, session 9): the organisation heads of a name
(海关, 供销合作社, 联社), a body's second name in brackets, two names of one body in the contact
sentences, a portal's column banner over the report's own broken title, the last sources of an
untitled text, spaced title years, and the kind of a speech or a how-to guide. The rules are data
in patterns/metadata.yaml (``agency_shape``, ``agency_open``, ``kind_title_first``); their
examples and counter-examples run here."""
import pytest

from extractor import agency_open
from extractor.agency_shape import one_body, second_named
from extractor.metadata import cues, describe
from extractor.model import DocumentBuilder, Source
from extractor.normalize import normalize
from extractor.segment import segment


def _doc(*paragraphs):
    b = DocumentBuilder(Source(path="t.txt", format="txt"))
    for p in paragraphs:
        b.add_paragraph(p)
    return normalize(b.build())


def _meta(*paragraphs):
    d = _doc(*paragraphs)
    return describe(d, segment(d))


_BODY = ("一、主动公开政府信息情况", "2015年主动公开政府信息634条。", "二、依申请公开政府信息情况",
         "全年未收到政府信息公开申请。")


@pytest.mark.parametrize("ex", cues()["agency_shape"]["examples"], ids=lambda e: f"{e['a']}/{e['b']}")
def test_yaml_one_body_examples(ex):
    assert one_body(ex["a"], ex["b"]) is ex["one"]
    assert one_body(ex["b"], ex["a"]) is ex["one"]


@pytest.mark.parametrize("ex", cues()["agency_open"]["examples"], ids=lambda e: e["text"][:14])
def test_yaml_opening_source_examples(ex):
    assert getattr(agency_open, ex["source"])(_doc(ex["text"]).text, [], None, []) == ex["agency"]


@pytest.mark.parametrize("title,agency", [
    ("广州海关2015年海关政府信息公开年度报告", "广州海关"),
    ("广州市海珠区供销合作社2018年政府信息公开工作年度报告", "广州市海珠区供销合作社"),
    ("宜城市供销联社2023年政府信息公开工作年度报告", "宜城市供销联社"),
    ("某某市档案馆2019年政府信息公开工作年度报告", "某某市档案馆"),
])
def test_organisation_heads_end_a_name_in_a_title(title, agency):
    assert _meta(title, *_BODY)["agency"] == agency


def test_a_bare_she_is_no_head():
    # 社 alone ends 社会/社区 words: a title heading 全社会 names no body
    assert _meta("推动全社2015年政府信息公开工作年度报告", *_BODY)["agency"] is None


def test_a_body_with_its_second_name_compiling_the_report():
    m = _meta("某某市某某区司法局(区行政复议局)根据《中华人民共和国政府信息公开条例》等规定编制本报告。"
              "本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。", *_BODY)
    assert m["agency"] == "某某市某某区司法局"


@pytest.mark.parametrize("run,name", [
    ("杭州市余杭区司法局(区行政复议局)", "杭州市余杭区司法局"),
    ("江干区行政审批服务管理办公室(公共资源交易管理委员会办公室)", "江干区行政审批服务管理办公室"),
    ("武昌经开区(滨江)管委会", None),     # a place's gloss inside the name, no second name after it
    ("高新区(新市区)", None),             # a place's second name: read elsewhere (name_or_bracketed)
    ("某某县人民政府(以下简称县政府)", None),
])
def test_second_named(run, name):
    assert second_named(run) == name


def test_short_and_full_form_in_the_contact_sentences_are_one_body():
    m = _meta("本年度报告根据《中华人民共和国政府信息公开条例》要求,由上海市某某区某某桥街道办事处编制。"
              "本年度报告中所列数据的统计期限自2023年1月1日至12月31日止。"
              "如对本年度报告有任何疑问,请与某某桥街道联系。", *_BODY)
    assert m["agency"] == "上海市某某区某某桥街道办事处"


def test_a_nested_branch_and_its_short_name_are_one_body():
    m = _meta("本年度报告是根据《中华人民共和国政府信息公开条例》要求,由上海市公安局某宁分局编制。"
              "本年度报告的电子版可以在某宁公安分局政府网站上下载。如对本年度报告有任何疑问,请与某宁公安分局联系。",
              *_BODY)
    assert m["agency"] == "上海市公安局某宁分局"


def test_two_bodies_in_the_contact_sentences_stay_withheld():
    m = _meta("本报告由某某区人民政府办公室编制。如对本报告有任何疑问,请与某某区卫生健康局联系。", *_BODY)
    assert m["agency"] != "某某区卫生健康局"


def test_a_cited_notices_issuer_is_never_the_body():
    m = _meta("本年报是根据《中华人民共和国政府信息公开条例》和《江干区人民政府办公室关于认真做好政府信息公开工作"
              "年度报告的通知》要求,由江干区行政审批服务管理办公室(公共资源交易管理委员会办公室)编制的2017年度"
              "政府信息公开工作年度报告。如对本报告有疑问,请与区审管办(公管办)联系。我办全年主动公开信息57条。",
              *_BODY)
    assert m["agency"] == "江干区行政审批服务管理办公室"


def test_a_portals_column_banner_over_the_reports_broken_title():
    m = _meta("北京市某城区人民政府", "政府信息公开年报", "北京市某城区人民防空办公室2020", "政府信息公开工作年度报告",
              "本报告是根据《中华人民共和国政府信息公开条例》要求,由某城区人民防空办公室编制的2020年度政府信息公开"
              "工作年度报告。", *_BODY)
    assert m["agency"] == "北京市某城区人民防空办公室"
    assert m["year"] == 2020


def test_a_spaced_title_year():
    m = _meta("1、1某埔海关 2009 年度信息公开报告引言根据中华人民共和国政府信息公开条例的规定,特编制某埔海关 2009 "
              "年度信息公开报告。本报告主要内容包括:一、政务公开工作开展情况;二、主动公开海关信息情况。")
    assert m["year"] == 2009


def test_a_speech_at_an_exchange_meeting_is_a_work_summary():
    m = _meta("关于2021年政务公开工作经验交流发言材料",
              "今年以来,X县认真贯彻落实中央和省、市政务公开决策部署,把政务公开作为打造阳光政府的重要抓手。")
    assert m["kind"] == "work_summary"


def test_a_guide_on_writing_a_self_inspection_report_is_other():
    m = _meta("政务公开自查报告怎么写",
              "一、引言部分 在撰写2024政务公开自查报告时,首先要概述自查的目的和背景。")
    assert m["kind"] == "other"
    # the report itself stays a self-inspection
    m = _meta("某某县统计局政务公开自查报告", "根据市政务公开办要求,我局开展了政务公开自查,现将自查情况报告如下。")
    assert m["kind"] == "self_inspection"


def test_a_date_line_under_a_cover_is_no_head_of_a_broken_title():
    # a cover (year+body / kind / body / date) above the title: the date line never heads the title
    m = _meta("2008年南京市某邺区教育局", "政府信息公开年报", "南京市某邺区教育局", "2009年3月",
              "2008年南京市某邺区教育局政府信息公开年报", "南京市某邺区教育局", "2009年3月31日",
              "本年报是根据《中华人民共和国政府信息公开条例》要求,由南京市某邺区教育局编制的2008年度政府信息公开年度报告。",
              *_BODY)
    assert m["year"] == 2008
    assert m["agency"] == "南京市某邺区教育局"


def test_the_body_named_in_its_own_rules_in_a_text_that_speaks_as_it():
    m = _meta("一、总体情况", "2019年,在县委、县政府的正确领导下,我局认真贯彻实施《中华人民共和国政府信息公开条例》。",
              "我局为更好的开展政务信息公开工作,制定了《某县人力资源和社会保障局网络信息安全制度》、"
              "《某县人力资源和社会保障局网络安全报告制度》。", "二、主动公开政府信息情况", "全年主动公开政府信息120条。")
    assert m["agency"] == "某县人力资源和社会保障局"


# ---------------------------------------------------------------- session 16 A6: the issuing statement's body
@pytest.mark.parametrize("ex", cues()["issuer_written"]["examples"], ids=lambda e: e["text"][:14])
def test_issuer_written_examples(ex):
    from extractor.agency_refine import issuer_written

    got = issuer_written(ex["agency"], ex["text"], lambda: (ex.get("signature"), ex.get("field"), None), ex.get("source"),
                         lambda: ex.get("announced"))
    assert got == ex["want"]


@pytest.mark.parametrize("line, want", [
    ("智能问答 繁体 长者专区", None),          # a portal's links above a hijacked mirror's title (b27 ay09)
    ("智能问答   |   无障碍浏览   |   长者专区", None),
    ("无障碍 简体 | 繁体 长者专区", None),
    ("武汉市东西湖区人民政府", "武汉市东西湖区人民政府"),   # a name stays one
    ("长宁区民政局", "长宁区民政局"),
])
def test_portal_chrome_is_no_name(line, want):
    from extractor.metadata_base import clean_agency

    assert clean_agency(line) == want


@pytest.mark.parametrize("ex", cues()["superior_dropped"]["examples"], ids=lambda e: e["agency"])
def test_superior_dropped_examples(ex):
    from extractor.agency_refine import superior_dropped

    assert superior_dropped(ex["agency"], ex["text"]) == ex["want"]


@pytest.mark.parametrize("name, want", [
    ("共青城市", "共青城市"),        # a city named 共青城 (b27 ay19's contact 共青城市信息中心 is the city's)
    ("盐城市", "盐城市"),
    ("文明城市", None),              # the word 城市 stays no name
    ("智慧城市", None),
])
def test_city_named_cheng_is_a_place(name, want):
    from extractor.metadata_base import clean_agency

    assert clean_agency(name) == want


def test_submitter_field_is_no_agency_source():
    # 投稿: the unit that submitted a portal page (b27 az10): read only as an issuing statement (issuer_written)
    from extractor.agency import page_field

    line = "正阳县2014年政府信息公开工作年度报告\n投稿:正阳县人民政府  来源:时间:2015年03月30日\n"
    assert page_field(line, "submitter") == "正阳县人民政府"
    assert page_field(line, "agency") is None
    assert page_field("投稿:huoruiqi  来源:时间:2022年02月20日", "submitter") is None   # a login (b17 ac40)


@pytest.mark.parametrize("ex", cues()["province_dropped"]["examples"], ids=lambda e: e["agency"])
def test_province_dropped_examples(ex):
    from extractor.agency_refine import province_dropped

    assert province_dropped(ex["agency"]) == ex["want"]


@pytest.mark.parametrize("name, want", [
    ("城口县人民政府机关", "城口县人民政府机关"),   # a government's organs report as one unit (b14 o76, b24 ar11)
    ("永定县教育局机关", "永定县教育局"),           # a bureau's organs: the bureau (b17 ac06)
    ("县直机关", None),                              # a place's organs name no body
])
def test_government_organs_kept(name, want):
    from extractor.metadata_base import clean_agency

    assert clean_agency(name) == want
