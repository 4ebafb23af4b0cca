"""Session 14, task Z3: a street's text calls itself 我街 as well as 我街道 (16 real texts, all streets:
b25 at11, b14 o24, b18 ae01/ae02, b9 n23, b6 t16, b7 r03, b8 m15, b1 x02, b11 h39, b15 b16/b85, b4 v36,
pools s10 p207, s11 q152/q154). patterns/metadata.yaml self_reference / self_reference_bodies now know 街,
so a name that is no street's (the zone whose portal hosts the street's report, b25 at11) does not become
the body of a text that speaks as 我街, and the street's own name is read as for 我街道.
"""
from __future__ import annotations

from text_docs import meta, paragraphs_doc as doc_of

from extractor.agency_refine import self_named

_OPENING = ("根据《中华人民共和国政府信息公开条例》要求,编制本年度报告,起止时间为2024年1月1日至2024年12月31日。"
            "本年度报告电子版可从某某新技术开发区政务网下载。")


def test_a_host_zones_portal_is_not_the_body_of_a_text_speaking_as_our_street():
    # b25 at11: no title, 我街 twice, the report downloaded from the zone's portal - None, not the zone
    m = meta("", _OPENING, "一、总体情况", "2024年,我街认真贯彻落实条例要求,把政务公开工作作为重要内容。",
             "二、主动公开", "我街主动公开政府信息30条。")
    assert m["agency"] is None


def test_the_zones_portal_stays_the_body_of_a_text_that_does_not_speak_as_a_street():
    # counter-example: the zone's own report (我区) keeps the download site's owner as before
    m = meta("", _OPENING, "一、总体情况", "2024年,我区认真贯彻落实条例要求,把政务公开工作作为重要内容。",
             "二、主动公开", "我区主动公开政府信息30条。")
    assert m["agency"] == "某某新技术开发区"


def test_our_street_reads_the_streets_own_name():
    d = doc_of("2024年,我街认真贯彻落实条例要求。某某街道办事处高度重视政务公开工作。我街未收到申请。")
    assert self_named(d.text) == "某某街道办事处"
    # … and not a bureau named in passing
    d = doc_of("2024年,我街认真贯彻落实条例要求。某某区财政局高度重视政务公开工作。我街未收到申请。")
    assert self_named(d.text) is None
