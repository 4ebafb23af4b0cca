"""Session 13, task Y3: document.agency on b23's misses, by construction (each shown in two reports or more).

- ``name_breaks`` 获取/獲取: the access verb of the 条例's purpose clause ends the public before it (其他组织依法获取乡内
  政府信息 b23 ao29 gave 组织依法获取乡; 更加方便、快捷地获取街道 b14 o25, 为公众获取县政府工作报告 b15 b31);
- ``year_subject_verbs`` 结合: 2025年,在市委市政府的正确领导下,衡阳市水利局结合水利工作实际… (b23 aq07, b2 y31, b7 r23,
  b12 e21, b16 ab01, pool s11 q028, s10 p123);
- the instruction adverbial right after the year (2020年,根据《…通知》(…)要求,砚山县交通运输局认真… b23 ao27; b12 e47,
  b1 x36, b12 f04, pool s10 p074);
- a name with its second plate in brackets fits the text's self-reference by either plate (白城市民委(宗教局) and 我委(局)
  b23 ap15; 嘉兴市人民防空办公室(民防局) b23 ap04);
- ``agency_words.title_publish_tail``: a news item's title 外交部發佈2011年…年度報告 (b23 ap19; b22 an10's shape).
Names here are written anew; each rule has a counter-example.
"""
from __future__ import annotations

from test_metadata import doc_of
from text_docs import meta

from extractor.agency_refine import self_named

_BODY = ("二、主动公开政府信息情况", "全年主动公开政府信息634条。", "三、依申请公开政府信息情况",
         "全年未收到政府信息公开申请。")
_PURPOSE = "我乡严格按照《条例》要求,保障公民、法人和其他组织依法获取乡内政府信息。我乡主动公开信息81条。我乡未收到申请。"


def test_the_public_before_the_access_verb_is_no_name():
    assert self_named(doc_of(_PURPOSE).text) is None
    assert meta("一、总体情况", _PURPOSE, *_BODY)["agency"] is None


def test_the_years_subject_before_jiehe():
    m = meta("一、总体情况", "2025年,在市委市政府的正确领导下,某某市水利局结合水利工作实际,全面公开政府信息。", *_BODY)
    assert m["agency"] == "某某市水利局"


def test_jiehe_with_only_a_self_reference_names_none():
    m = meta("一、总体情况", "2013年,按照市委、市政府的工作要求和部署,结合我局实际,全面公开政府信息。我局未收到申请。", *_BODY)
    assert m["agency"] is None


def test_the_instruction_followed_right_after_the_year():
    m = meta("一、总体公开情况说明",
             "2020年,根据《某某州人民政府办公室关于编制公布2020年政府信息公开工作年度报告有关事项的通知》要求,"
             "某某县交通运输局认真贯彻落实《条例》。", *_BODY)
    assert m["agency"] == "某某县交通运输局"


def test_the_instruction_after_the_year_then_a_self_reference_names_none():
    m = meta("一、总体公开情况说明", "2020年,根据上级要求,我局认真贯彻落实《条例》。我局未收到申请。", *_BODY)
    assert m["agency"] is None


def test_a_name_with_its_second_plate_fits_the_self_reference_of_either():
    m = meta("某某市民委(宗教局)", "2009年度政府信息公开工作年度报告",
             "特向社会公布2009年度委(局)政府信息公开工作报告。截止到2009年12月31日,委(局)共发布信息36条。"
             "我委(局)未产生依申请公开事项。我委(局)将继续努力。", *_BODY)
    assert m["agency"] == "某某市民委(宗教局)"


def test_a_name_with_its_second_plate_in_a_towns_text_is_none():
    m = meta("某某县民委(宗教局)", "2009年度政府信息公开工作年度报告",
             "我镇共发布信息36条。我镇未产生依申请公开事项。我镇将继续努力。", *_BODY)
    assert m["agency"] is None


def test_a_news_title_publishing_the_report_names_its_body():
    m = meta("当前位置: 首页>> 工作动态", "某某部發佈2011年政府信息公開工作年度報告",
             "根據《條例》有關要求,現公佈2011年我部政府信息公開工作年度報告。", *_BODY)
    assert m["agency"] == "某某部"


def test_a_publishing_verb_without_a_body_names_none():
    m = meta("当前位置: 首页>> 工作动态", "及时发布2024年度政府信息公开工作报告", "我局按时公开信息。", *_BODY)
    assert m["agency"] is None


def test_a_notice_publishing_reports_cited_in_the_opening_names_no_body():
    # counter-example of ``title_publish_tail``: 关于公布 is a notice's title, its issuer a superior's office
    m = meta("根据市政府办公室关于公布2019年政府信息公开工作年度报告的通知要求,我局编制本报告。", "我局按时公开信息。", *_BODY)
    assert m["agency"] is None
