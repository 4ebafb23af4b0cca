"""Document metadata: kind, title, agency, year, date, template, references."""
import json
from pathlib import Path

import pytest

from extractor.metadata import (
    _kind,
    _title_parts,
    clean_agency,
    cues,
    describe,
    find_references,
    parse_date,
)
from extractor.model import DocumentBuilder, Source, Table
from extractor.normalize import normalize, to_simplified
from extractor.segment import segment

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REAL = SHARED / "corpus" / "real"


def doc_of(*paragraphs, table=None):
    b = DocumentBuilder(Source(path="t.txt", format="txt"))
    for p in paragraphs:
        b.add_paragraph(p)
    if table:
        b.add_table(Table.from_rows(table))
    return normalize(b.build())


def meta(*paragraphs, table=None):
    d = doc_of(*paragraphs, table=table)
    return describe(d, segment(d))


@pytest.mark.parametrize("ex", cues()["examples"], ids=lambda e: e["title"])
def test_yaml_title_examples(ex):
    agency, year = _title_parts(ex["title"])
    assert agency == ex["agency"]
    assert year == ex["year"]
    assert _kind(ex["title"], ex["title"], []) == ex["kind"]


def test_seed_like_self_inspection():
    m = meta(
        "根据《乌海市政务公开工作领导小组办公室关于考核评价2017年度政务公开工作的通知》(乌政公办字〔2018〕1号)要求,"
        "结合《乌海市2017年政务公开工作要点》,我委认真开展了政务公开工作自查工作,现将有关情况报告如下:",
        "一、加强领导,严格落实工作责任",
        "一是领导高度重视。",
        "五、依申请公开信息的开展情况",
        "2017年,我委未收到信息公开申请。",
        "乌海市民族事务委员会",
        "2018年1月11日",
    )
    assert m["kind"] == "self_inspection"
    assert m["year"] == 2017
    assert m["date"] == "2018-01-11"
    assert m["agency"] == "乌海市民族事务委员会"
    assert m["template"] == "free"
    assert m["references"] == ["乌政公办字〔2018〕1号"]
    assert m["title"] is None


def test_annual_report_title_gb2021_table_beats_citation():
    m = meta(
        "太平镇人民政府2022年政府信息公开工作年度报告",
        "本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发"
        "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》(国办公开办函〔2019〕60号)要求编制。",
        "二、主动公开政府信息情况",
        table=[["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "0", "0", "0"]],
    )
    assert m["kind"] == "annual_report"
    assert m["title"] == "太平镇人民政府2022年政府信息公开工作年度报告"
    assert m["agency"] == "太平镇人民政府"
    assert m["year"] == 2022
    assert m["template"] == "gb2021"
    assert m["references"] == ["国办公开办函〔2019〕60号"]


def test_gb2019_labels_and_period_year():
    m = meta(
        "孝感市人民政府办公室",
        "2020年政府信息公开工作年度报告",
        "本报告中所列数据的统计时间为2020年1月1日至2020年12月31日。",
        table=[["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"], ["规章", "2", "2", "3"]],
    )
    assert m["agency"] == "孝感市人民政府办公室"
    assert m["year"] == 2020
    assert m["template"] == "gb2019"


def test_old_template_and_year_from_statistics_period():
    m = meta(
        "根据《条例》要求,现公布本单位政府信息公开工作年度报告。统计期限自2010年1月1日起至2010年12月31日止。",
        "一、概述",
        "二、主动公开政府信息情况",
        "全年主动公开政府信息125条。",
    )
    assert m["kind"] == "annual_report"
    assert m["year"] == 2010
    assert m["template"] == "old"


def test_signature_with_chinese_numeral_date():
    m = meta(
        "抚松县审计局2017年度政府信息公开工作报告",
        "过去的一年里,审计局认真贯彻执行《政府信息公开条例》。",
        "抚松县审计局",
        "二〇一八年一月二日",
    )
    assert m["date"] == "2018-01-02"
    assert m["year"] == 2017
    assert m["agency"] == "抚松县审计局"
    assert m["kind"] == "annual_report"


def test_year_from_signing_date_when_nothing_else():
    m = meta("我局认真开展政务公开工作自查工作,现将有关情况报告如下:开展了自查。", "某某县林业局", "2019年2月20日")
    assert m["kind"] == "self_inspection"
    assert m["year"] == 2018
    assert m["agency"] == "某某县林业局"


def test_assessment_table_without_title():
    rows = [["类别", "考核内容", "分值", "得分"]] + [
        [f"指标{i}", "有具体负责人和承办科室(会议记录或文件)", f"{i}分", f"{i}分"] for i in range(1, 9)
    ]
    m = meta("|", table=rows)
    assert m["kind"] == "assessment_table"
    assert m["template"] == "free"
    assert m["year"] is None and m["agency"] is None


def test_work_summary_intro_and_agency():
    m = meta(
        "2021年,桐城市交通运输局认真贯彻落实市委、市政府的工作部署,积极推进政务公开工作。现将工作总结如下:",
        "一、2021年工作完成情况",
    )
    assert m["kind"] == "work_summary"
    assert m["agency"] == "桐城市交通运输局"
    assert m["year"] == 2021


def test_no_junk_title_or_year_from_compilation_page():
    m = meta("1、2023年工作参考总结-乡镇政务公开工作参考总结范文7篇乡镇政务公开工作总结今年以来,两城镇按县政府要求,认真落实政务公开。")
    assert m["title"] is None
    assert m["year"] is None
    assert m["kind"] == "work_summary"
    assert m["agency"] == "两城镇"


def test_traditional_text_is_read_after_normalisation():
    m = meta("2010年度政府信息公開年度報告", "現將我辦2010年度政府信息公開情況報告如下。")
    assert m["kind"] == "annual_report"
    assert m["year"] == 2010
    assert m["agency"] is None  # 我办 names no body: null rather than junk


@pytest.mark.parametrize(
    "s,iso",
    [
        ("2018年1月11日", "2018-01-11"),
        ("二〇一八年一月十一日", "2018-01-11"),
        ("二○一○年五月十日", "2010-05-10"),
        ("二O一八年一月二日", "2018-01-02"),
        ("2021年12月31日", "2021-12-31"),
        ("二〇二〇年十二月三十一日", "2020-12-31"),
        ("2018年13月1日", None),
        ("今年3月", None),
    ],
)
def test_parse_date(s, iso):
    assert parse_date(s) == iso


def test_references_bracket_forms():
    text = ("根据国办公开办函〔2021〕30号和《通知》(乌政公办字〔2018〕1号)、闽政办[2014]130号、"
            "岚综管办(2020)80号、国办发【2019】5号文件")
    assert find_references(text) == [
        "国办公开办函〔2021〕30号", "乌政公办字〔2018〕1号", "闽政办[2014]130号", "岚综管办(2020)80号",
        "国办发【2019】5号",
    ]


@pytest.mark.parametrize(
    "name,ok",
    [("永嘉县农业局", "永嘉县农业局"), ("将我局", None), ("乡镇", None), ("信阳市国土资源", None),
     ("本报告", None), ("广州市荔湾区人民政府南源街道办事处", "广州市荔湾区人民政府南源街道办事处"),
     ("蓝 山 县 人 民 政 府", "蓝山县人民政府"), ("", None)],
)
def test_clean_agency(name, ok):
    assert clean_agency(name) == ok


@pytest.mark.skipif(not REAL.exists(), reason="shared corpus not present")
def test_real_corpus_document_fields():
    """kind and year >= 0.9 over every gold document (txt rendering, html where no txt)."""
    from extractor.pipeline import load_and_normalize

    n = ok_kind = ok_year = ok_agency = 0
    for g in sorted(REAL.glob("*.gold.json")):
        name = g.name[: -len(".gold.json")]
        path = REAL / f"{name}.txt"
        if not path.exists():
            continue
        gold = json.loads(g.read_text(encoding="utf-8"))["document"]
        d = load_and_normalize(path)
        m = describe(d, segment(d))
        n += 1
        ok_kind += m["kind"] == gold["kind"]
        ok_year += m["year"] == gold["year"]
        ga = to_simplified(gold["agency"]) if gold.get("agency") else None
        ok_agency += (ga is None and m["agency"] is None) or bool(
            ga and m["agency"] and (ga in m["agency"] or m["agency"] in ga))
    assert n >= 10
    assert ok_kind / n >= 0.9
    assert ok_year / n >= 0.9
    assert ok_agency / n >= 0.8
