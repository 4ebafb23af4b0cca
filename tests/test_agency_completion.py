"""Abbreviated names completed from the document (issue 9, metadata class): the short form a
text declares (以下简称), the lexicon of short words (人社 -> 人力资源和社会保障, …办 -> …办公室)
and the place a shortened name leaves out — each as data in patterns/metadata.yaml
(``completion_examples``), counter-examples included."""
import pytest

from extractor.agency import complete
from extractor.metadata import cues, describe
from extractor.model import DocumentBuilder, Source
from extractor.normalize import normalize
from extractor.segment import segment


def _doc(*paragraphs):
    b = DocumentBuilder(Source(path="t.txt", format="txt"))
    for p in paragraphs:
        b.add_paragraph(p)
    return normalize(b.build())


@pytest.mark.parametrize("ex", cues()["completion_examples"], ids=lambda e: f"{e['name']}:{e['text'][:16]}")
def test_yaml_completion_examples(ex):
    assert complete(ex["name"], _doc(ex["text"]).text) == ex["agency"]


def test_the_lexicon_is_data_with_full_forms_longer_than_the_short_word():
    c = cues()
    assert {"人社", "卫健", "发改", "住建", "市场监管", "自然资源", "农业", "政数"} <= set(c["name_abbreviations"])
    for short, longs in c["name_abbreviations"].items():
        assert longs and all(len(x) > len(short) for x in longs), short


def test_a_report_naming_its_body_by_the_short_form_it_declared():
    d = _doc("根据《中华人民共和国政府信息公开条例》规定,现公布清远市清新区人民政府办公室(以下简称区政府办公室)"
             "2022年政府信息公开工作年度报告。如对本报告有任何疑问,请与区政府办公室联系(地址:清新区府前路3号)。",
             "一、总体情况", "2022年,区政府办公室坚持以习近平新时代中国特色社会主义思想为指导。")
    assert describe(d, segment(d))["agency"] == "清远市清新区人民政府办公室"


def test_a_contact_office_by_its_short_name_completed_from_the_download_sentence():
    d = _doc("特向社会公布2020年度我局政府信息公开工作年度报告。本年度报告可在宁国市人力资源和社会保障局政府信息"
             "公开页面下载。如对本报告有任何疑问,请与宁国市人社局办公室联系(电话:0563-4022779)。",
             "一、总体情况", "2020年,我局认真贯彻落实《条例》。")
    assert describe(d, segment(d))["agency"] == "宁国市人力资源和社会保障局"


def test_two_full_forms_of_the_short_word_leave_the_name_as_read():
    text = _doc("宁国市人力资源和社会保障局认真落实条例。宁国市人力资源社会保障局主动公开信息。").text
    assert complete("宁国市人社局", text) == "宁国市人社局"


def test_a_title_by_the_short_name_completed_from_the_compiler_sentence_without_a_disagreement():
    d = _doc("县人社局2020年政府信息公开工作年度报告", "本报告由桃源县人力资源和社会保障局编制。全文包括总体情况。")
    m = describe(d, segment(d))
    assert m["agency"] == "桃源县人力资源和社会保障局"
    assert not [w for w in d.warnings if w.code == "agency_sources_disagree"]


def test_a_longer_name_of_another_body_does_not_complete():
    # 桃源县人民政府 is the county's government, not its office (县政府办)
    d = _doc("2020年政府信息公开工作年度报告", "如有疑问请与县政府办联系。本报告可在桃源县人民政府门户网站下载。")
    assert describe(d, segment(d))["agency"] == "县政府办"
