"""Session 14, task F4: document.agency - the year's subject before the verbs real text writes after it.

``year_subject_verbs`` listed the verbs of a report's first sentence (认真, 坚持, 结合…); the frame
YEAR年[,](在…下,)NAME VERB was harvested over all real text (pools s10/s11, b1-b24, dev) and every
verb met after a body's name in two texts or more is now read: receiving (收到, 受理, 办理), manner
(持续, 充分, 及时, 秉持, 聚焦), the year's acts (建立, 成立, 加强, 健全, 发布, 公开) and the object fronted by
将 (as by 把). 通过, 全年, 紧密 and 对 stay out (a short or placeless form outranking the gold's name, or a
unit of the body as 对's subject). Sentences are written anew after the real shapes; each positive fails without the change, and the
counter-examples keep what names no body.
"""
from __future__ import annotations

from text_docs import meta

from extractor.metadata import describe
from extractor.pipeline import load_and_normalize

_BODY = ("二、主动公开政府信息情况", "全年主动公开政府信息634条。", "三、依申请公开政府信息情况",
         "全年未收到政府信息公开申请。")


def _agency(sentence: str):
    return meta("一、总体情况", sentence, *_BODY)["agency"]


def test_the_years_subject_receiving_applications():
    # 2025年夏阳街道收到政务公开申请… (pool s10 p222), 2023年,市气象局受理政府信息公开申请… (b14 o51)
    assert _agency("2025年某某街道收到政务公开申请3件,均按时答复。") == "某某街道"
    assert _agency("2023年,某某县气象局受理政府信息公开申请2件。") == "某某县气象局"


def test_the_years_subject_publishing():
    # 2013年壶镇发布了大量的政府信息 (b14 o12), 2021年,市气象局公开信息共计… (b19 af02)
    assert _agency("2022年度,某某街道公开各类政务信息120条。") == "某某街道"
    assert _agency("2013年某某镇发布了大量的政府信息。") == "某某镇"


def test_the_years_subject_after_the_leadership_adverbial_and_before_its_manner():
    # 2025年,巴彦高勒镇人民政府持续深化… (pool s11 q147), 2024年,咸宁高新区充分发挥… (pool s11 q165)
    assert _agency("2021年,在区委区政府的正确领导下,某某区审计局充分发挥网站平台作用,做好公开工作。") == "某某区审计局"
    assert _agency("2025年,某某镇人民政府持续深化政府信息公开工作。") == "某某镇人民政府"


def test_the_years_subject_fronting_its_object():
    # 2014年,省统计局将政务信息公开情况… (b22 an15), 2025年,扎赉特旗好力保镇将政府信息公开作为… (pool s11 q146)
    assert _agency("2014年,某某省统计局将政务信息公开情况纳入年度考核。") == "某某省统计局"


def test_a_year_opening_on_the_channel_with_no_subject_names_none():
    assert _agency("2024年,通过政府门户网站主动公开政府信息120条。我局未收到申请。") is None


def test_a_self_reference_before_the_new_verbs_names_none():
    assert _agency("2023年,我局收到政府信息公开申请3件。我局对政府信息进行了梳理。") is None


def test_a_scope_word_before_the_new_verbs_names_none():
    # 全县各部门 / 各级 is no body's name (2017年,山西省各级… pool s10 p142 stays no subject)
    assert _agency("2023年,全县各部门收到政府信息公开申请35件。") is None


# ``agency_words.year_openers``: the year's other openers before its subject, harvested over all real text (each in two
# texts or more): the year spaced from 年 (2025 年,临夏县信访局高度重视… b13 l12 + 10), the whole year (2023年全年,大明宫街道
# 在… pool s10 p215 + 4), since the year (2022年来,杨林寨乡始终坚持… b17 ac17 + 2), the year described (2023年是全面贯彻党的
# 二十大精神的开局之年,昆明市围绕… pool s10 p174, s11 q136), the day the figures stand at (截至2025年12月31日,禄丰市
# 审计局… pool s11 q185 + 5), since this year (今年来,洸河街道办事处… pool s10 p163, b15 b09; 一年以来 b2 y14, b14 o38).

def test_the_year_spaced_from_nian_opens_its_subject():
    assert _agency("2025 年,某某县信访局高度重视政府信息公开工作。") == "某某县信访局"


def test_the_whole_year_opens_its_subject():
    assert _agency("2023年全年,某某街道在区委区政府的领导下做好公开工作。") == "某某街道"


def test_since_the_year_opens_its_subject():
    assert _agency("2022年来,某某乡始终坚持公开为常态。") == "某某乡"


def test_the_year_described_opens_its_subject():
    assert _agency("2023年是全面贯彻党的二十大精神的开局之年,某某市围绕中心工作推进政务公开。") == "某某市"


def test_the_day_the_figures_stand_at_opens_its_subject():
    assert _agency("截至2025年12月31日,某某市审计局累计主动公开政府信息120条。") == "某某市审计局"
    assert _agency("截止2011年12月31日,某某县文广新局共主动公开政府信息80条。") == "某某县文广新局"


def test_since_this_year_opens_its_subject():
    assert _agency("今年来,某某街道办事处按照上级要求做好政务公开工作。") == "某某街道办事处"
    assert _agency("一年以来,某某乡认真贯彻落实《条例》。") == "某某乡"


def test_the_new_openers_before_a_self_reference_name_none():
    assert _agency("2023年全年,我局未收到政府信息公开申请。") is None
    assert _agency("截至2023年12月31日,全县各部门累计公开政府信息5000条。我局未收到申请。") is None
    assert _agency("2023年是某某市撤县设市之年,我局认真做好公开工作。我局未收到申请。") is None


# the instruction adverbial (按照/根据…要求) before the subject after a school year, a line's indent or a list's 一是
# (2016-2017学年,按照上级各部门关于信息公开工作的要求,上海海事大学充分结合… b8 k25; 一、概述 /   根据《条例》要求,
# 市司法局将… b12 e52, b7 r24, dev w07; 一是按照市委市政府…部署要求,市外办在… b16 aa14)

def test_the_instruction_after_a_school_year_opens_its_subject():
    assert _agency("2016-2017学年,按照上级各部门关于信息公开工作的要求,某某大学充分结合互联网做好公开。") == "某某大学"


def test_the_instruction_after_the_lines_indent_opens_its_subject(tmp_path):
    # b12 e52's raw shape: the heading alone on its line, the sentence indented below it (the loader strips the indent:
    # read at the line's start - this guards that reading; the school-year test above is the one the change makes pass)
    p = tmp_path / "r.txt"
    p.write_text("本报告所列数据统计期限自2019年1月1日起至12月31日止。\n\n  一、概述  \n\n"
                 "  根据《条例》要求,某某市司法局将推行政府信息公开作为重要工作。\n" + "\n".join(_BODY), encoding="utf-8")
    assert describe(load_and_normalize(str(p)))["agency"] == "某某市司法局"


def test_the_instruction_after_a_comma_is_not_read():
    # …抓手,按照党中央、国务院关于政务公开的决策部署和教育部全面推进… (pool s10 p026): no subject, 和教育部 no name
    assert _agency("我校始终坚持把信息公开作为重要抓手,按照党中央、国务院关于政务公开的决策部署和某某部全面推进教育公开。"
                   "我校未收到申请。") is None
