"""Document fields read from the document (issue 9, session 8, helper T3): the kind from the
opening's cue sentences (a circular on a spot-check, a news item relaying a report, a
rectification written in prose, an essay page titled …自查报告), a rule text whose articles
never name it, the year of an untitled text from the clause that opens with it (2021年医院在…),
of an assessment rule from its own number, and the agency from a page title below a portal's
column name, through a field label (内容概述 市卫生局…), a contact verb (可与…联系), the body's own
wechat account, the owner of the site the report is downloaded from, a circular's opening
subject and the body whose report a news item relays. Examples and counter-examples are data in
patterns/metadata.yaml where a rule is a cue list; the shapes come from b12's classified misses
and from harvested pages, written anew."""
import pytest

from extractor.metadata import cues
from extractor.metadata_base import clean_agency
from text_docs import meta


@pytest.mark.parametrize("ex", cues()["kind_intro_examples"], ids=lambda e: e["text"][:14])
def test_yaml_kind_intro_examples(ex):
    assert meta(*ex["text"].split("\n"))["kind"] == ex["kind"]


def test_a_circular_on_a_spot_check_is_other_with_its_quarter_and_issuer():
    m = meta("某某省人民政府办公厅近期组织开展了2019年第三季度全省政府网站抽查,并对部分网站进行了专项检查。现将有关情况通报如下:",
             "一、抽查情况", "全省正在运行的政府网站1200家,抽查合格率95%。")
    assert (m["kind"], m["year"], m["agency"]) == ("other", 2019, "某某省人民政府办公厅")


def test_the_national_coordinating_office_is_a_name():
    # the office that runs the disclosure work inside a government office (国务院办公厅 | 政府信息与政务公开办公室)
    assert clean_agency("国务院办公厅政府信息与政务公开办公室") == "国务院办公厅政府信息与政务公开办公室"
    assert clean_agency("某某市人民政府办公室政府信息与政务公开办公室") is not None
    # … but not without a body hosting it, nor after a word that is no place or office
    assert clean_agency("政府信息与政务公开办公室") is None
    assert clean_agency("近期政府信息与政务公开办公室") is None


def test_a_news_item_names_the_body_whose_report_it_relays():
    m = meta("某某日报讯(记者 王某)日前发布的《某某市统计局2019年政府信息公开工作年度报告》显示,2019年该局主动公开政府信息356条。",
             "其中通过门户网站发布信息300条。")
    assert (m["kind"], m["year"], m["agency"]) == ("other", 2019, "某某市统计局")
    # an annual report citing another body's report by its title does not take that body
    m = meta("一、总体情况", "2019年,我局参照《某某市统计局2019年政府信息公开工作年度报告》编写本报告,主动公开政府信息20条。")
    assert m["agency"] != "某某市统计局"


def test_a_rule_in_articles_that_never_names_itself_is_other():
    m = meta("第一条 各股室及下属单位应于每年12月20日前将本单位政府信息公开工作年度报告报局办公室,由办公室汇总后报县政务公开办。",
             "第二条 年度报告的内容:", "(一)主动公开政府信息的情况;", "(二)依申请公开政府信息的情况;",
             "第三条 年度报告经局长审定后公布。")
    assert m["kind"] == "other"
    # an annual report citing two articles of the regulation inside its sentences stays the report
    m = meta("一、概述", "2012年,我局依据《条例》第一条、第二条的规定,认真做好政府信息公开工作。",
             "二、主动公开政府信息情况", "全年主动公开政府信息120条。", "三、依申请公开政府信息情况", "全年未收到申请。")
    assert m["kind"] == "annual_report"


@pytest.mark.parametrize("opening,year", [
    ("一、总体情况\n2021年医院在某某市人民政府信息公开网上发布信息总计22条。", 2021),
    ("一、总体情况\n2020年中心主动公开政府信息的类别有:政务动态、通知公告等。", 2020),
    ("一、总体情况\n2019年学校在门户网站公开信息35条。", 2019),
    # counter-examples: a year opening a clause about something else (a ranking, a period of years)
    ("一、总体情况\n2014年中国政府网站绩效评估中,我局网站排名靠前。", None),
    ("一、总体情况\n2015年是全面深化改革的关键之年。", None),
])
def test_the_year_of_an_untitled_text_from_the_clause_that_opens_with_it(opening, year):
    assert meta(*opening.split("\n"))["year"] == year


def test_an_assessment_rule_takes_the_year_of_its_own_number():
    m = meta("某某省政府信息公开工作考核办法", "(某政办发[2009]12号 二〇〇九年三月五日)", "第一章 总则",
             "第一条 为规范政府信息公开考核工作,制定本办法。")
    assert (m["kind"], m["year"]) == ("assessment_table", 2009)


@pytest.mark.parametrize("lines,agency", [
    # a portal's column name above the report's own title
    (["政府信息公开年报", "", "某某经济技术开发区2024年政府信息公开工作年度报告", "来源: 开发区办公室 发布时间:2025-01-20",
      "根据《条例》规定编制本报告。"], "某某经济技术开发区"),
    # … or a breadcrumb above it
    (["首页/政府信息公开/政府信息公开年报", "", "某某示范区教育局2019年政府信息公开工作年度报告", "根据《条例》编制本报告。"],
     "某某示范区教育局"),
    # a field label is no part of the name the title's short form is completed to
    (["市卫生局2014年政府信息公开工作年度报告", "索引号 719776475-GK-2015-00001 发布日期 2015-03-13",
      "来源 某某市卫生局", "内容概述 市卫生局2014年政府信息公开工作年度报告",
      "根据《条例》编制本报告。我局主动公开信息20条。"], "某某市卫生局"),
    # 可与 … 联系 as 请与 … 联系
    (["引言", "区卫生和计划生育局作为全区卫生计生系统的牵头单位,积极推进政府信息公开工作。",
      "如对本报告有疑问,可与某安区卫生和计划生育局联系(地址:某某路1号)。"], "某安区卫生和计划生育局"),
    # the body's own wechat account after a verb (运用)
    (["一、总体情况", "我院认真做好政务公开工作。同时运用某某市人民医院微信公众号,及时发布健康宣教知识。",
      "至今,医院尚未收到依申请公开信息要求。"], "某某市人民医院"),
    # a school's report (中学 ends a body's name)
    (["某某第一中学2014年政府信息公开工作年度报告", "本报告由某某第一中学编制。", "一、概述", "2014年,我校主动公开政府信息20条。"],
     "某某第一中学"),
    # the owner of the site the report is downloaded from
    (["报告根据《条例》要求编制而成。报告的电子版可在某某经济技术开发区管委会门户网站(http://www.example.gov.cn)下载。",
      "一、总体情况", "2024年,全区主动公开政府信息311条。"], "某某经济技术开发区管委会"),
])
def test_agency_read_from_the_document(lines, agency):
    assert meta(*lines)["agency"] == agency


def test_a_title_with_words_before_its_subject_is_no_column_name():
    # 附件:某某区…考核评分细则 names no body (附件 is no name) but it is no portal column either: the title
    # repeated below it does not replace it, and the office that signs the scheme stays its issuer
    m = meta("各乡镇(街道),各有关单位:", "为进一步规范政务公开工作,依据《条例》,现制定本办法。", "一、考核对象",
             "各乡镇(街道)、各有关单位", "附件:某某区政务公开工作考核评分细则", "某某市某某区人民政府办公室", "2021年7月21日",
             "附件", "某某区政务公开工作考核评分细则")
    assert m["agency"] == "某某市某某区人民政府办公室"


def test_a_government_portal_hosting_the_report_is_not_its_body():
    m = meta("报告根据《条例》要求编制而成。本报告电子版可在某某县人民政府门户网站下载。", "一、总体情况",
             "2024年,主动公开政府信息31条。")
    assert m["agency"] is None
