"""Document fields on shapes first seen in real batch b9 (issue 9): a verb phrase or a
garbled head before 局 is no name, a verb before a name in Traditional text is cut off, a
time word before a shortened name makes no name, and a portal's 来源 field naming a body
of another level by its short name (省政府办公厅 under a 州's report) is not the body.
Each with its counter-example."""
from extractor.agency import complete
from extractor.metadata import _title_parts
from extractor.metadata_base import clean_agency
from text_docs import meta


def test_a_verb_phrase_before_ju_of_ju_wangzhan_is_no_name():
    m = meta("2018年第四季度网站自查报告",
             "按照国务院办公厅、省政府办公厅关于政府网站管理的安排部署,结合局机关工作实际,"
             "及时布置落实局网站的建设、协调、管理、抽查、整改等相关工作。")
    assert m["agency"] is None
    assert clean_agency("及时布置落实局") is None


def test_a_name_after_a_verb_still_reads():
    # counter-example: the verb is a lead, the body after it is the name
    assert clean_agency("宣城市气象局") == "宣城市气象局"
    m = meta("2017年政务公开工作总结",
             "根据《全市政务公开工作要点的通知》等文件精神,紧抓宣城市气象局政务公开权责清单的落实,我局主动公开信息。")
    assert m["agency"] == "宣城市气象局"


def test_traditional_text_verb_before_the_name():
    m = meta("2017年政務公開工作總結",
             "根據《全市政務公開工作要點的通知》等文件精神,緊抓宣城市氣象局政務公開權責清單的落實,我局主動公開信息。")
    assert m["agency"] == "宣城市氣象局"


def test_a_garbled_head_before_ju_is_no_name():
    assert _title_parts("进展和改革局2021年政务公开半年工作总结") == (None, 2021)
    assert clean_agency("发展和改革局") == "发展和改革局"  # the head itself is a name's ending


def test_a_time_word_before_a_shortened_name_makes_no_name():
    m = meta("2021年政务公开半年工作总结",
             "2021上半年市发改局政务公开工作在市委、市政府的正确领导下,紧紧围绕信息公开工作。")
    assert m["agency"] is None
    assert clean_agency("上半年市发改局") is None


def test_a_source_field_of_another_level_under_a_zhou_report_is_not_the_body():
    m = meta("海南州2014政府信息公开工作年度报告",
             "发布时间: 2018-02-13 09:21 来源: 省政府办公厅 作者: 编辑:",
             "海南州政府信息公开工作报告是根据《条例》的规定编制。全文包括概述。")
    assert m["agency"] is None  # a wrong body is worse than none


def test_a_source_field_of_the_same_level_stays():
    m = meta("海南州2014政府信息公开工作年度报告",
             "发布时间: 2018-02-13 09:21 来源: 州政府办公室 作者: 编辑:",
             "海南州政府信息公开工作报告是根据《条例》的规定编制。全文包括概述。")
    assert m["agency"] == "州政府办公室"


def test_a_shortened_name_completed_from_its_own_channel_after_tongguo():
    text = "现将县统计局2020年度政府信息公开工作情况汇报如下。通过息烽县统计局电子政务网门户网站236条,发布统计信息。"
    assert complete("县统计局", text) == "息烽县统计局"
    m = meta("县统计局2020年度政府信息公开工作年度报告", text)
    assert m["agency"] == "息烽县统计局"


def test_an_unsigned_assessment_rule_titled_by_a_place_names_no_body():
    m = meta("吉安市政府信息公开工作考核办法",
             "井冈山管理局,各县(市、区)人民政府,市直各有关单位:",
             "经市政府信息公开工作领导小组同意,现将《吉安市政府信息公开工作考核办法》印发给你们,请认真贯彻落实。",
             "二○○九年十月二十六日",
             "一、考核内容。信息数量、发布质量、公开时效和保障措施等四项内容,分别占30%、30%、20%和20%的权重。")
    assert m["kind"] == "assessment_table"
    assert m["agency"] is None


def test_a_signed_assessment_rule_keeps_its_issuer():
    m = meta("吉安市政府信息公开工作考核办法",
             "井冈山管理局,各县(市、区)人民政府,市直各有关单位:",
             "现将《吉安市政府信息公开工作考核办法》印发给你们,请认真贯彻落实。",
             "吉安市人民政府办公室",
             "二○○九年十月二十六日",
             "一、考核内容。信息数量、发布质量、公开时效和保障措施等四项内容,分别占30%、30%、20%和20%的权重。")
    assert m["agency"] == "吉安市人民政府办公室"


def test_a_bare_year_before_zhengwu_xinxi_gongkai_in_a_title():
    assert _title_parts("龙湾区审计局2019政务信息公开年报") == ("龙湾区审计局", 2019)
