"""Document fields from the shapes real reports take (tests/real b5/b6 misses, written anew):
where the body, the kind and the year are stated, and what names no body."""
import pytest

from extractor import agency
from extractor.metadata import clean_agency, cues, describe
from extractor.model import DocumentBuilder, Source
from extractor.normalize import normalize
from extractor.segment import segment
from text_docs import meta


def test_every_declared_agency_source_is_known():
    given = {"title", "page_field", "name_above_title", "page_lines"}
    declared = cues()["agency_sources"]
    notice = cues()["agency_sources_notice"]["order"]
    # every source is declared in one of the two orders, and each order names each source once
    assert set(declared) | set(notice) == given | set(agency._SOURCES)
    assert set(declared) <= given | set(agency._SOURCES)
    assert len(declared) == len(set(declared)) and len(notice) == len(set(notice))


@pytest.mark.parametrize("name, ok", [
    ("街道办事处", False),          # endings only: a template's heading
    ("政府办公室", False),          # a portal's office field without its place
    ("人民政府", False),
    ("县政府办", True),             # the county's office: a place ending is a name
    ("本溪市卫生健康委员会", True),  # a place that starts like 本单位
    ("全椒县人民政府", True),
    ("本单位", False),
    ("站办所全年向乡", False),      # a clause, not a name
    ("高科技电子产业园", True),
])
def test_names_that_name_no_body(name, ok):
    assert (clean_agency(name) == name) is ok


def test_announcement_with_xianfabu():
    m = meta("根据《中华人民共和国政府信息公开条例》的规定,现发布渭南市人力资源和社会保障局2017年政府信息公开工作年度报告。"
             "本报告所列统计数据的期限自2017年1月1日起,至2017年12月31日止。",
             "二、依申请公开政府信息情况",
             "2017年度人力资源社会保障部共接到政府信息公开申请4件。我局负责牵头做好社会保险信息公开工作。我局未收费。")
    assert m["agency"] == "渭南市人力资源和社会保障局"
    assert m["year"] == 2017


def test_announcement_beats_the_parent_zone_in_the_publisher_field():
    m = meta("发布机构:郯城县郯城经济开发区管委会 成文日期:2019-03-25",
             "根据《中华人民共和国政府信息公开条例》规定,特编制高科技电子产业园2018年度政府信息公开工作年度报告,并向社会公布。",
             "2018年,高科技电子产业园未收到政府信息公开申请。")
    assert m["agency"] == "高科技电子产业园"


def test_body_in_a_quoted_work_item_is_no_agency():
    m = meta("一、总体情况",
             "一年来,在政务公开工作领导小组的正确指导下,我局全面贯彻政府信息公开的相关文件精神,推进“教育局政府信息公开工作”,"
             "不断促进政务公开工作向标准化发展。",
             "(四)本年度在政府网站主动公开信息12条次,我局未收到过公开申请。")
    assert m["agency"] is None


def test_essay_site_blurb_before_the_title_and_a_blanked_year():
    m = meta("认真梳理,逐步扩大公开内容。如下是华夏诗文网给大家整理的街道政务公开自查报告,希望对大家有所作用。",
             "街道政务公开自查报告篇【一】",
             "20xx年,西城街道办事处坚持以党的十八大重要精神为统领,认真贯彻落实《条例》,扎实做好政府信息公开工作。"
             "现将本年工作任务落实情况汇报如下:")
    assert m["agency"] == "西城街道办事处"
    assert m["kind"] == "self_inspection"
    assert m["year"] is None


def test_template_heading_of_endings_only_gives_no_agency():
    m = meta("街道办事处政府信息公开工作情况自查报告",
             "一、概述",
             "20xx年,xxx街道认真贯彻国务院和省、市、区政府加强政府信息公开工作部署。")
    assert m["kind"] == "self_inspection"
    assert m["agency"] is None


def test_criteria_of_a_county_published_by_its_office():
    m = meta("政府信息公开",
             "涞源县2023年政务公开考核评分细则",
             "发布机构:县政府办 发布日期:2023-11-24",
             "根据《涞源县政务公开考核制度》要求,结合省市对我县政务公开考核的要求,制定本考核细则。",
             "1、部门政务公开制度建设情况(计30分)。(1)是否建立政务公开人员管理制度有得10分,无落实扣2分;")
    assert m["kind"] == "assessment_table"
    assert m["year"] == 2023
    assert m["agency"] == "县政府办"


def test_county_title_of_criteria_without_a_publisher_stays():
    m = meta("某某县2019年政务公开工作测评表",
             "考核内容 | 分值 | 评分标准")
    assert m["agency"] == "某某县"


def test_third_party_evaluation_names_the_place_evaluated_not_its_author():
    m = meta("• 发布机构:政府办公室",
             "佳木斯市政务公开第三方评估报告(2018)",
             "——以政府网站信息公开为视角",
             "2018年12月,受佳木斯市人民政府办公室委托,项目组从政府网站政务信息公开情况入手,对佳木斯各市直部门进行评估。")
    assert m["kind"] == "other"
    assert m["year"] == 2018
    assert m["agency"] is None


def test_website_self_check_title():
    m = meta("政府网站和政务新媒体自查报告",
             "按照国务院政府信息与政务公开办公室有关要求,国家自然科学基金委员会对照《政府网站与政务新媒体检查指标》,"
             "对门户网站和微信公众号进行了认真自查。经自查,总体情况均符合要求。")
    assert m["kind"] == "self_inspection"
    assert m["agency"] == "国家自然科学基金委员会"
    assert m["year"] is None


def test_title_printed_after_the_content():
    m = meta("一级指标 | 二级指标 | 考察点 | 是否完成指标",
             "站点无法访问",
             "首页打不开的次数占全部监测次数的比例。",
             "√",
             "2017年第四季度政府网站自查情况报告")
    assert m["kind"] == "self_inspection"
    assert m["year"] == 2017


def test_last_line_that_goes_on_after_a_title_phrase_is_no_title():
    m = meta(*["我局认真开展网站自查工作。"] * 16, "2017年第四季度政府网站自查情况报告已报送市政府")
    assert m["title"] is None


def test_overview_in_the_national_templates_parts_is_an_annual_report():
    m = meta("一、总体情况",
             "2023年,市自然资源和规划局认真贯彻落实信息公开工作要求。现将我局2023年度政府信息公开工作情况报告如下:",
             "(一)主动公开",
             "常态化做好政府信息主动公开工作。",
             "(二)依申请公开",
             "收到依申请公开件176件。",
             "(三)政府信息管理",
             "严格落实信息发布“三审”制度。",
             "(四)政府信息公开平台管理",
             "及时修订局政府信息公开指南。")
    assert m["kind"] == "annual_report"


def test_work_summary_without_the_overview_parts_stays_one():
    m = meta("现将我局2023年度政务公开工作情况报告如下:",
             "(一)主动公开",
             "常态化做好政府信息主动公开工作。",
             "(二)加强组织领导",
             "成立领导小组。")
    assert m["kind"] == "work_summary"


def test_town_named_with_its_county_becomes_the_body_the_text_names():
    m = meta("东至县青山乡2021年度政府信息公开工作年度报告",
             "本报告依据《中华人民共和国政府信息公开条例》要求,结合2021年我乡政府信息公开工作编制而成。"
             "如对本报告有任何疑问,请与青山乡人民政府党政办联系。",
             "2021年度,我乡主动公开政府信息910条。",
             "2021年,我乡未收到政府信息公开申请。")
    assert m["agency"] == "青山乡人民政府"


def test_title_with_a_bare_year_before_the_subject():
    m = meta("东河区卫生健康委员会 2021政府信息公开工作年度报告",
             "按照要求,结合我委实际,现将东河区卫健委政府信息公开年度报告如下:")
    assert m["agency"] == "东河区卫生健康委员会"
    assert m["year"] == 2021


def test_verb_glued_to_an_abbreviated_name_is_cut():
    m = meta("3、信息公开方式。我委信息公开的主要形式以网站信息公开平台为主,开通市卫生健康委政务公开专栏,对公开事项进行全面梳理。"
             "我委收到1件申请。")
    # the only name is glued to a verb (开通): the verb is no part of it (never 开通市卫生健康委). Session 12 U4:
    # the text's one name of its ending, read as a name (…委政务公开专栏) in a text that speaks as 我委, is the
    # body even in its level's short form (agency_refine.self_named; b6 t32's body, 本溪市卫生健康委员会)
    assert m["agency"] == "市卫生健康委"


def test_body_as_subject_of_its_year_with_wei():
    m = meta("一、总体情况",
             "(二)依申请公开情况",
             "2022年,山西省退役军人事务厅未收到依申请公开事项。")
    assert m["agency"] == "山西省退役军人事务厅"


def test_the_bodys_own_website_names_it_when_the_text_says_wo_ju():
    m = meta("本报告的电子版可从阜阳市公安局网站政府信息公开“公开目录”栏目下载。"
             "如对本年度报告有任何疑问,请与我局联系。",
             "(一)主动公开工作情况。2024年我局主动公开政府信息635条。")
    assert m["agency"] == "阜阳市公安局"


def test_a_host_portal_is_not_a_bureaus_name():
    m = meta("本报告电子版可在平潭综合实验区门户网站下载。",
             "2016年,我局主动公开政府信息20条。我局未收到申请。")
    assert m["agency"] is None


def test_portal_link_above_the_title_is_not_part_of_it():
    m = meta("手机版", "政府网站和政务新媒体自查报告",
             "按照要求,国家自然科学基金委员会对照检查指标,对门户网站进行了认真自查。")
    assert m["title"] == "政府网站和政务新媒体自查报告"


def describe_with_warnings(*paragraphs):
    b = DocumentBuilder(Source(path="t.txt", format="txt"))
    for p in paragraphs:
        b.add_paragraph(p)
    d = normalize(b.build())
    return describe(d, segment(d)), [w for w in d.warnings if w.code == "agency_sources_disagree"]


def test_title_and_publisher_naming_different_bodies_keep_the_title_with_a_warning():
    m, warns = describe_with_warnings(
        "泰州市人民政府2017年政府信息公开工作年度报告",
        "发布机构:市政府办",
        "本报告由泰州市人民政府办公室编制。")
    assert m["agency"] == "泰州市人民政府"
    [w] = warns
    assert "市政府办" in w.message


def test_two_names_of_one_body_give_no_warning():
    m, warns = describe_with_warnings(
        "东至县青山乡2021年度政府信息公开工作年度报告",
        "发布时间:2022-01-19 来源:青山乡人民政府",
        "2021年度,我乡主动公开政府信息910条。如有疑问请与青山乡人民政府党政办联系。我乡未收到申请。")
    assert m["agency"] == "青山乡人民政府"
    assert warns == []


def test_a_list_of_report_links_at_the_end_gives_no_title():
    m = meta(*["我局认真开展政府信息公开工作。"] * 16,
             "2018年度某某县农业局政府信息公开工作年度报告",
             "2017年度某某县农业局政府信息公开工作年度报告")
    assert m["title"] is None


# ------------------------------------------------------------------ issue 9: more agency sources


def _meta(*paragraphs):
    b = DocumentBuilder(Source(path="t.txt", format="txt"))
    for p in paragraphs:
        b.add_paragraph(p)
    d = normalize(b.build())
    return describe(d, segment(d)), d


def test_the_body_compiling_the_report_names_it():
    m, _ = _meta("根据《中华人民共和国政府信息公开条例》及上级有关信息公开的相关文件要求,杭锦后旗教育局编制了本报告。",
                 "一、建立组织管理体系。根据旗政府的部署和要求,我局结合实际开展工作。")
    assert m["agency"] == "杭锦后旗教育局"


def test_a_cover_line_naming_a_body_beats_the_place_a_title_names():
    m, _ = _meta("文档内容", "2013", "北京市统计局•国家统计局北京调查总队", "2013/3/1",
                 "北京市政府信息公开工作年度报告本报告是根据《中华人民共和国政府信息公开条例》要求编制的2012年度"
                 "政府信息公开工作年度报告。")
    assert m["agency"] == "北京市统计局"


def test_a_cover_line_of_the_place_government_or_another_place_keeps_the_title():
    for cover in ("北京市人民政府", "天津市统计局", "北京市统计局 关于印发", "文档内容"):
        m, _ = _meta(cover, "2013", "北京市政府信息公开工作年度报告本报告是根据《条例》要求编制的2012年度年度报告。")
        assert m["agency"] == "北京市", cover


def test_document_site_boilerplate_and_a_generic_head_give_no_agency_and_a_warning():
    m, d = _meta("精品文档---下载后可任意编辑乡镇政务信息工作总结 20xx 年,我镇在市委、市政府的正确领导下,认真贯彻落实"
                 "上级关于政府信息公开工作的一系列方针、政策。现将我镇 20xx 年政府信息公开工作情况总结如下: "
                 "一、加强组织领导 为使我镇信息公开工作不流于形式,我镇着眼于建立信息公开机制。")
    assert m["agency"] is None
    assert m["title"] == "乡镇政务信息工作总结"
    assert m["kind"] == "work_summary"
    withheld = [w.message for w in d.warnings if w.code == "agency_withheld"]
    assert withheld and "乡镇" in withheld[0]


def test_a_verb_before_the_name_is_not_part_of_it():
    m, _ = _meta("本年度报告根据《条例》要求编制。",
                 "我镇高度重视政府信息公开工作,成立巍山镇政府信息公开领导小组。我镇主动公开信息。我镇未收到申请。")
    assert m["agency"] == "巍山镇"


@pytest.mark.parametrize("ex", cues()["kind_structure_examples"], ids=lambda e: e["text"][:12])
def test_yaml_kind_structure_examples(ex):
    m, _ = _meta(*ex["text"].split("\n"))
    assert m["kind"] == ex["kind"]


def test_a_traditional_script_self_inspection_without_a_title():
    m, _ = _meta("一、工作開展情況:", "2020年度,我鎮努力提升政務公開水平,統籌全鎮政務公開工作。",
                 "二、存在問題", "1. 政策文件公開質量不高", "整改措施:提升政策文件公開質量,對政府下文有選擇的公開。",
                 "2. 基礎信息公開不及時", "整改措施:在日常工作中,積極與各部門對接。")
    assert m["kind"] == "self_inspection"
    assert m["agency"] is None


@pytest.mark.parametrize("opening", [
    "根据县政务公开办要求,我局对照要求开展了认真检查,现将自查结果报告如下:",
    "按照上级通知要求,现将我单位政务公开工作自查自纠情况汇报如下:",
])
def test_a_self_inspection_opening_without_a_title(opening):
    m, _ = _meta(opening, "一、基本情况", "我局高度重视政务公开工作。")
    assert m["kind"] == "self_inspection"


# ------------------------------------------------------- issuers and sentence forms (b8 shapes)


def test_results_notice_names_its_issuer_before_guanyu():
    # a notice of many bodies' results (none of the four kinds): the issuer writes it; a
    # third party's evaluation names the place evaluated, which stays no agency
    m = meta("宣城市人民政府办公室关于2016年1—11月份政务公开工作测评成绩的通报",
             "各县、市、区人民政府,市直各部门:",
             "市政务公开办组织第三方测评机构对全市7个县市区进行了测评,现将有关情况通报如下:")
    assert (m["kind"], m["agency"], m["year"], m["template"]) == ("other", "宣城市人民政府办公室", 2016, "free")
    m = meta("佳木斯市政务公开第三方评估报告", "受佳木斯市政务公开办委托,课题组对全市开展了评估。")
    assert m["kind"] == "other" and m["agency"] is None


def test_coordinating_office_with_its_place_signs_a_scheme():
    m = meta("锦政公办发〔2020〕4号", "各县(市)区人民政府,市政府各部门:",
             "经市政府同意,现将《2020年度政务公开工作考核方案》印发给你们,请认真贯彻执行。",
             "锦州市政务公开领导小组办公室", "2020年9月1日",
             "2020年度政务公开工作考核方案", "一、考核对象", "各县(区)人民政府。")
    assert m["agency"] == "锦州市政务公开领导小组办公室"


@pytest.mark.parametrize("name, ok", [
    ("锦州市政务公开领导小组办公室", True),
    ("县政务公开领导小组办公室", False),    # any county's office: no name
    ("政务公开领导小组办公室", False),
    ("锦州市政务公开工作情况办公室", False),
    ("结合国家税务总局芜湖市镜湖区税务局", False),  # a verb of the sentence starts no name
    ("明确乡", False),
])
def test_names_with_the_work_they_coordinate_or_a_verb(name, ok):
    assert (clean_agency(name) == name) is ok


def test_pinyin_glosses_of_a_converter_inside_a_signed_name():
    m = meta("錦政公辦發(fā)〔2020〕4號", "經(jīng)市政府同意,現(xiàn)將《方案》印發(fā)給你們。",
             "錦州市政務(wù)公開領(lǐng)導(dǎo)小組辦公室", "2020年9月1日",
             "2020年度政務(wù)公開工作考核方案", "一、考核對象")
    assert m["agency"] == "錦州市政務公開領導小組辦公室"


def test_place_in_a_criteria_title_gives_way_to_the_body_of_that_place_signing_the_letter():
    m = meta("衡政办函〔2017〕45号", "衡阳市人民政府办公室", "关于印发《衡阳市政务公开政务服务工作考核办法》的通知",
             "各县市区人民政府:", "《衡阳市政务公开政务服务工作考核办法》已经市人民政府同意,现印发给你们。",
             "衡阳市人民政府办公室", "2017年8月29日",
             "衡阳市政务公开政务服务工作考核办法", "第一条 根据《条例》,制定本办法。")
    assert (m["kind"], m["agency"], m["year"]) == ("assessment_table", "衡阳市人民政府办公室", 2017)


@pytest.mark.parametrize("opening, agency", [
    ("根据《条例》和编制格式的要求,现公开来凤经济开发区信息公开2018年度报告。", "来凤经济开发区"),
    ("根据《中华人民共和国政府信息公开条例》特编制2023年度和静县克尔古提乡人民政府办公室信息公开年度报告。",
     "和静县克尔古提乡人民政府办公室"),
    ("根据《条例》要求,编制2023年度本单位政府信息公开年度报告。", None),
])
def test_announcing_sentence_forms(opening, agency):
    m = meta(opening, "本报告由总体情况、主动公开政府信息情况等部分组成。")
    assert m["agency"] == agency
