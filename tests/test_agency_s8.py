"""Agency and kind on texts nobody tuned for (issue 9, session 8, helper T3b): a precision review of
185 pool texts (/work/notes/s8_agency_pools.md) found page furniture and side names taken as the
reporting body — a portal's banner above its column name above the report's own title, a title
field's label spaced out and glued to the name (标 题 连云区教育局…), the contact office (…督查考核办公室)
instead of the compiler, a title's short name (住建局) where the text names the body in full as the
subject of its applications — and a 2008-template annual report read as a work summary because it
opens with 现将…年度工作情况报告如下. Shapes from those texts, names written anew."""
from extractor import extract
from text_docs import meta


def _doc(tmp_path, text: str) -> dict:
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    return extract(str(p))["document"]


def test_a_portal_banner_and_column_above_the_report_title_are_not_its_title(tmp_path):
    d = _doc(tmp_path, "某某市东城区人民政府\n\n政府信息公开年报\n\n2016年东城区和平街道政府信息公开工作年度报告\n\n"
                       "发布时间:2017-3-10\n\n本报告是根据《中华人民共和国政府信息公开条例》要求,由东城区和平街道编制的"
                       "2016年度政府信息公开年度报告。\n\n一、概述\n\n2016年,和平街道主动公开政府信息56条。\n")
    assert (d["agency"], d["year"]) == ("东城区和平街道", 2016)


def test_a_banner_and_column_with_no_title_below_still_join_as_the_title(tmp_path):
    # counter-example: the two lines are the only title (a government's own report, titled in two lines)
    d = _doc(tmp_path, "某某县人民政府\n\n政府信息公开年报\n\n一、概述\n\n2016年,我县主动公开政府信息356条。\n")
    assert d["agency"] == "某某县人民政府"


def test_a_spaced_title_label_is_not_part_of_the_name(tmp_path):
    # a portal's metadata box printed as lines: 标 题 (aligned by spaces, no colon) before the title
    d = _doc(tmp_path, "索 引 号 0142581323/2026-00001 分 类 科技、教育/教育 / 报告\n"
                       "发布机构 教育局 发文日期 2026-01-15\n"
                       "标 题 某某区教育局政府信息公开工作2025年度报告\n"
                       "文 号 无〔〕号 主 题 词\n"
                       "一、总体情况\n2025年,我局主动公开政府信息127条。\n")
    assert (d["agency"], d["year"]) == ("某某区教育局", 2025)


def test_a_title_label_with_a_colon_and_spaces_still_reads():
    m = meta("• 标    题:某某市卫生健康委员会2020年政府信息公开工作年度报告",
             "一、总体情况", "2020年,我委主动公开政府信息300条。")
    assert m["agency"] == "某某市卫生健康委员会"


def test_the_compiler_beats_its_own_inspection_office_named_as_the_contact():
    m = meta("一、概述",
             "本年度报告是根据《中华人民共和国政府信息公开条例》要求,由区住建局根据自身工作实际情况编制而成。"
             "如对本报告有任何疑问,请与区住建局督查考核办公室联系(地址:某某区扬州路2号)。",
             "二、组织领导",
             "建立健全了《某某区住房和城乡建设局政务公开审核制度》、《某某区住房和城乡建设局政务公开保密审查制度》。")
    assert m["agency"] == "某某区住房和城乡建设局"


def test_an_inspection_office_alone_gives_its_body():
    m = meta("一、概述", "2017年,我局主动公开政府信息56条。",
             "如对本报告有任何疑问,请与某某县水利局督查考核办公室联系。")
    assert m["agency"] == "某某县水利局"


def test_a_title_short_name_is_completed_from_the_body_handling_its_applications():
    m = meta("住建局 2025 年政府信息公开工作年度报告", "一、总体情况",
             "(一)主动公开:2025年结合局日常重点工作任务,主动公开信息127条。",
             "(二)依申请公开:2025年某某县住建局依申请信息公开办理有69件,均为自然人申请。")
    assert m["agency"] == "某某县住建局"


def test_a_short_name_is_not_completed_from_a_superior_named_elsewhere():
    # counter-example: the city's bureau is named, but not as the one handling applications
    m = meta("住建局 2025 年政府信息公开工作年度报告", "一、总体情况",
             "根据某某市住建局的统一部署,2025年主动公开信息127条。")
    assert m["agency"] != "某某市住建局"


def test_the_2008_templates_list_of_parts_makes_an_annual_report():
    m = meta("根据《中华人民共和国政府信息公开条例》要求,现将2015年某某区教育局政府信息公开年度工作情况报告如下:"
             "本报告由概述、主动公开政府信息情况、依申请公开办理情况、政府信息公开的收费及减免情况、"
             "需要说明的事项及附表共7个部分组成。",
             "一、概述", "2015年,教育局认真执行《条例》。")
    assert (m["kind"], m["agency"]) == ("annual_report", "某某区教育局")


def test_a_work_summary_without_the_list_of_parts_stays_one():
    # counter-example: the same announcement with no statutory parts listed
    m = meta("现将2015年某某区教育局政务公开工作情况汇报如下:", "一、主要做法", "今年以来,我局认真抓好政务公开工作。")
    assert m["kind"] == "work_summary"


def test_a_bureaus_inside_unit_as_the_contact_gives_the_bureau():
    m = meta("一、概述", "2017年,我局主动公开政府信息56条,我局未收到政府信息公开申请。",
             "如对本报告有任何疑问,请与某某区人力资源和社会保障局法制科联系(电话:0123-4567890)。")
    assert m["agency"] == "某某区人力资源和社会保障局"


def test_a_governments_own_office_as_the_contact_stays_that_office():
    # counter-example: 法制办公室 of a government is a body of its own, not an inside unit
    m = meta("一、概述", "2017年,我办主动公开政府信息56条,我办未收到政府信息公开申请。",
             "如对本报告有任何疑问,请与某某市人民政府法制办公室联系(电话:0123-4567890)。")
    assert m["agency"] == "某某市人民政府法制办公室"


def test_a_short_name_is_completed_from_its_longer_form_opening_a_sentence():
    m = meta("区教育局2020年政府信息公开工作年度报告", "一、总体情况", "2020年,我局主动公开政府信息120条。",
             "某某市某某区教育局对政务公开工作作出部署。", "我局未收到行政复议申请。")
    assert m["agency"] == "某某市某某区教育局"


def test_a_placeless_name_is_not_completed_from_a_sentence_opening_name():
    # counter-example: 教育局 names no place; the city's bureau opening a sentence may be its superior
    m = meta("教育局2020年政府信息公开工作年度报告", "一、总体情况", "2020年,我局主动公开政府信息120条。",
             "某某市教育局督导组检查了我局的政务公开工作。", "我局未收到行政复议申请。")
    assert m["agency"] != "某某市教育局"
