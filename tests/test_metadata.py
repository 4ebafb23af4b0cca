"""Document metadata: kind, title, agency, year, date, template, references."""
import json
from pathlib import Path

import pytest

from extractor.agency_refine import self_named
from extractor.agency_shape import same_body
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


@pytest.mark.parametrize("ex", cues()["self_reference_examples"], ids=lambda e: e["text"][:20])
def test_yaml_self_reference_examples(ex):
    d = doc_of(ex["text"])
    assert self_named(d.text) == ex["agency"]


@pytest.mark.parametrize("short,long,same", [
    ("县审计局", "桃江县审计局", True),            # the place dropped
    ("裕安区交通局", "裕安区交通运输局", True),     # a word dropped inside
    ("夜郎镇", "桐梓县夜郎镇", False),             # a full name, not an abbreviation
    ("大理州统计局", "大理市龙山行政办公区州统计局", False),  # a place inserted: an address
    ("裕安区交通局", "裕安区公安局", False),
])
def test_same_body(short, long, same):
    assert same_body(short, long) is same


# ------------------------------------------------------------ page fields, titles, signatures


def test_page_fields_give_title_and_agency():
    """A crawled page: 标题/发布机构 fields, the report body run into one line, the
    signature flattened onto its end (a letter on the year's 工作要点 is a work summary)."""
    m = meta(
        "标题: 平潭综合实验区经济发展局关于2015年政府信息公开工作要点落实情况的函",
        "发布时间: 2016-01-11 15:21",
        "发布机构: ",
        "==================== 正文 ====================",
        "区办公室电子政务处: 根据通知要求,现将我局2015年政府信息公开工作要点落实情况报送如下: 今年以来,"
        "我局认真贯彻落实《条例》,主动公开政府信息120条。 二、依申请公开政府信息情况 未收到申请。"
        " 平潭综合实验区经济发展局 2016年1月11日 附件下载",
    )
    assert m["title"] == "平潭综合实验区经济发展局关于2015年政府信息公开工作要点落实情况的函"
    assert m["kind"] == "work_summary"
    assert m["template"] == "free"
    assert m["agency"] == "平潭综合实验区经济发展局"
    assert m["year"] == 2015
    assert m["date"] == "2016-01-11"


def test_template_is_free_for_a_work_summary_with_statistics_labels():
    m = meta("某某县交通运输局2020年政务公开工作总结", "2020年,我局主动公开政府信息120条。",
             table=[["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"], ["规章", "0", "0", "0"]])
    assert m["kind"] == "work_summary"
    assert m["template"] == "free"  # SCHEMA: the statistics templates are the annual report's only


def test_publisher_field_in_a_table_row():
    m = meta(
        "|",
        table=[["索引号:", "/2015-34352", "公开方式:", "主动公开"],
               ["发布单位:", "谢塘镇", "", ""],
               ["2013年,我镇认真贯彻落实《条例》。现将我镇2013年政府信息公开工作报告如下: 一、政府信息主动公开情况"
                " 2013年度我镇主动公开政府信息123件。二、政府依申请公开政府信息和不予公开信息情况", "", "", ""]],
    )
    assert m["agency"] == "谢塘镇"
    assert m["kind"] == "annual_report"
    assert m["year"] == 2013


def test_publisher_in_a_metadata_box_with_a_header_row():
    m = meta("2019年度政府信息公开工作年度报告", "一、总体情况", "2019年,全年主动公开政府信息50条。",
             table=[["索引号", "公开方式", "发布机构"], ["11622301/2019-00021", "主动公开", "凉州区张义镇人民政府"]])
    assert m["agency"] == "凉州区张义镇人民政府"
    # a statistics table is no metadata box
    m = meta("2019年度政府信息公开工作年度报告", "一、总体情况",
             table=[["信息内容", "本年新制作数量"], ["规章", "0"]])
    assert m["agency"] is None


def test_page_field_source_that_is_no_body():
    m = meta("2016年度政府信息公开工作年度报告", "来源: 新华网 发布时间: 2017-01-20",
             "2016年,全年主动公开政府信息50条。")
    assert m["agency"] is None


def test_title_broken_across_lines():
    m = meta("道县文广新局2013年度信息公开工作", "年度报告", "一、主动公开政府信息的情况:",
             "2013年度主动公开信息的有5条;", "2014年3月25日")
    assert m["title"] == "道县文广新局2013年度信息公开工作年度报告"
    assert m["agency"] == "道县文广新局"
    assert m["year"] == 2013
    assert m["kind"] == "annual_report"


def test_name_runs_into_subject_and_shares_its_zhengfu():
    m = meta("2008年张义镇人民政府信息公开工作年度报告", "一、主动公开政府信息情况",
             "2008年,我镇主动公开政府信息12条。")
    assert m["agency"] == "张义镇人民政府"
    m = meta("根据《条例》的规定,现公布2012年凤安镇政府信息公开工作年度报告。如对本报告有疑问,"
             "请与凤安镇党政办公室联系。", "一、概述", "我镇高度重视政府信息公开工作。")
    assert m["agency"] == "凤安镇"
    assert m["year"] == 2012


def test_agency_named_once_beside_wo_xiang():
    m = meta("根据《条例》要求,现将我乡2014年政府信息公开工作报告公开如下。", "一、概述",
             "今年以来,我乡把政府公开工作纳入年度工作计划,要求全乡干部认真学习。",
             "二、主动公开政府信息情况", "本单位累计主动公开政府信息100条。",
             "六、政府信息公开支出与收费", "2014年,南薰乡未收取任何政府信息公开费用。")
    assert m["agency"] == "南薰乡"
    assert m["year"] == 2014


def test_abbreviated_name_completed_from_the_document():
    m = meta("根据《条例》要求,现公布本机关2020年政府信息公开工作年度报告。",
             "2020年,县审计局认真贯彻落实《条例》,主动公开政府信息30条。",
             "如对本报告有任何疑问,请联系桃江县审计局办公室。")
    assert m["agency"] == "桃江县审计局"
    # no full name in the text: the abbreviation stays as written
    m = meta("2020年,县审计局认真贯彻落实《条例》,主动公开政府信息30条。")
    assert m["agency"] == "县审计局"


def test_place_in_title_refined_to_the_body_that_signs():
    m = meta("关于宁陵县2016年政务公开工作自查情况的报告", "县政务公开领导小组办公室:",
             "根据通知要求,我局对2016年政务公开工作开展了自查,现将自查情况报告如下。",
             "一、基本情况", "我局高度重视政务公开工作。", "宁陵县交通运输局", "2017年1月12日")
    assert m["agency"] == "宁陵县交通运输局"
    assert m["kind"] == "self_inspection"
    assert m["year"] == 2016


def test_regulation_of_a_superior_body_is_not_the_agency():
    m = meta("根据《中华人民共和国政府信息公开条例》和《四川省政府信息公开规定》的要求,结合我局实际,"
             "编制我局2016年度信息公开年度报告。现报告如下:", "一、概述",
             "2、配合广元市交通运输局开展宣传。", "二、主动公开政府信息情况", "我局共主动公开信息35条。")
    assert m["agency"] is None
    assert m["year"] == 2016


# ------------------------------------------------------------------- kind: score tables


def test_score_table_on_its_own_header_split_over_lines():
    m = meta("考核项目", "| 考评细项", "| 分值", "|", "组织领导和工作机构建设情况(5分)",
             "| 及时调整政府信息公开工作领导小组成员,明确分管领导。", "| 1", "|",
             "工作机制和制度建设情况(21分)", "| 建立健全主动公开制度、依申请公开制度。", "| 10",
             "二、主动公开政府信息情况", "政府信息公开工作", "依申请公开")
    assert m["kind"] == "assessment_table"
    assert m["template"] == "free"


def test_rectification_ledger_with_scores_under_its_title():
    m = meta("霍邱县公安局关于霍邱县直单位第二季度政务公开监测整改台账",
             "公开事项 内容要求 扣分要素 分值 得分 扣分原因 整改情况",
             "一级目录 二级目录 三级目录",
             "政策法规 部门文件 规范性文件 未公开本部门制定的规范性文件全文的扣20分,不全的扣1-18分。")
    assert m["kind"] == "assessment_table"
    assert m["agency"] == "霍邱县公安局"
    assert m["year"] is None  # the text names no year: null, not a guess


def test_report_prose_before_score_words_is_not_a_score_table():
    m = meta("根据考核要求,现将我局2018年政务公开工作自查情况报告如下:",
             "考核内容 分值 得分", "一、组织领导 10 10")
    assert m["kind"] == "self_inspection"


def test_next_years_plan_is_not_the_year_covered():
    m = meta("我镇政府信息公开主要采用网络及宣传栏公示形式发布。",
             "六、存在问题及改进措施", "为此,2015年政府信息公开工作我们将采取以下措施积极改进:",
             "2014年,我镇没有依申请公开政府信息办理事项。", "亭子坝镇人民政府", "2015年1月10日")
    assert m["year"] == 2014
    assert m["agency"] == "亭子坝镇人民政府"


def test_year_from_clauses_with_the_body_as_subject():
    m = meta("驼峰路街道办事处政府信息公开工作年度报告", "一、总体情况",
             "2020年度我街办未接到提出公开政府信息的申请。",
             "2020年驼峰路街道办未发生因政府信息公开申请提起的行政复议。")
    assert m["year"] == 2020
    assert m["agency"] == "驼峰路街道办事处"


def test_town_name_sharing_zhengfu_with_the_subject():
    m = meta("特向社会公布2019年度青龙镇政府(机关)信息公开年度报告。如对本报告有任何疑问,"
             "请与青龙镇政府信息公开领导小组办公室联系。(地址:建水县青龙镇人民政府;邮编:654313)。",
             "一、总体情况", "推进政府信息公开是青龙镇政府的重要举措。青龙镇按照统一部署狠抓落实,"
             "成立了我镇政务信息公开工作领导小组,全力推进我镇的政务公开工作。")
    assert m["agency"] == "青龙镇"
    assert m["year"] == 2019


# ------------------------------------------------------------------- year: quarters


@pytest.mark.parametrize("title,date,year", [
    ("某某县公安局2020年第四季度政务公开工作情况报告", "2021年1月15日", 2020),  # title year wins
    ("某某县公安局第四季度政务公开工作情况报告", "2021年1月15日", 2020),
    ("某某县公安局第二季度政务公开工作情况报告", "2020年7月3日", 2020),
    ("某某县公安局第二季度政务公开工作情况报告", "2020年2月3日", None),  # signed before its quarter
])
def test_quarter_report_year(title, date, year):
    m = meta(title, "本季度我局主动公开政府信息30条。", "某某县公安局", date)
    assert m["year"] == year


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
    assert ok_kind / n >= 0.95
    assert ok_year / n >= 0.95
    assert ok_agency / n >= 0.9


# ---------------------------------------------------------------- round 2 (tests/real/b1 classes)


def test_statistics_period_makes_an_annual_report_whatever_phrase_introduces_it():
    m = meta("根据《条例》规定,现将我单位2018年政府信息公开工作情况报告如下:",
             "本报告中所列数据的统计期限为2018年1月1日至2018年12月31日。",
             "2018年,马庙镇认真贯彻落实《条例》,不断完善公开内容。")
    assert m["kind"] == "annual_report"
    assert m["template"] == "old"
    assert m["agency"] == "马庙镇"


def test_template_tables_make_an_annual_report_under_a_work_summary_phrase():
    m = meta("扎实推进我镇政府信息公开工作。现将2019年工作情况报告如下:",
             "2019年,察尔森镇严格按照《条例》开展政府信息公开工作。",
             table=[["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"], ["规章", "0", "0", "0"]])
    assert m["kind"] == "annual_report"
    assert m["template"] == "gb2019"


def test_work_summary_phrase_without_hallmarks_stays_a_work_summary():
    m = meta("现将2019年工作情况报告如下:", "2019年,察尔森镇严格按照要求开展政务公开工作。")
    assert m["kind"] == "work_summary"
    assert m["template"] == "free"


def test_self_inspection_opening_beats_the_statistics_period():
    m = meta("现将我局自查情况报告如下:", "本报告中所列数据的统计期限为2018年1月1日至2018年12月31日。")
    assert m["kind"] == "self_inspection"


def test_criteria_table_title_names_no_body_and_its_rows_are_no_title():
    m = meta("2020年泉州市鲤城区政务公开指数绩效考评标准表", "类别 分值 考核标准",
             "政府信息公开年度报告", "10", "按照要求规范编制政府信息公开年度报告。")
    assert m["kind"] == "assessment_table"
    assert m["year"] == 2020
    assert m["agency"] is None  # the district whose departments the criteria score
    assert m["template"] == "free"


def test_row_of_a_rating_table_is_not_the_title():
    m = meta("评估内容 | 评估等级 | 优(10) | 良(8) | 一般(6) | 差(0)",
             "1、及时准确梳理本机关所掌握的政府信息(10)",
             "10、编制、报送并及时公开本机关政府信息公开年度报告(10)")
    assert m["title"] is None
    assert m["kind"] == "assessment_table"
    assert m["template"] == "free"


def test_score_table_caption_after_its_header_is_still_the_title():
    m = meta("测评指标 | 指标分值 | 扣分 | 失分原因", "2021年第二季度市(县、区)直部门评分表",
             "规范性文件立改废 | 3.0000 | 3.0000 | 未公开本年度规范性文件。")
    assert m["kind"] == "assessment_table"
    assert m["year"] == 2021


def test_year_of_a_period_whose_end_leaves_the_year_out():
    m = meta("本报告中所列数据的统计期限自2013年1月1日起至12月31日止。", "一、基本情况", "我办把政府信息公开工作列入日常工作。")
    assert m["year"] == 2013
    assert m["template"] == "old"


def test_year_from_a_clause_opening_with_the_years_last_day():
    m = meta("一、总体情况", "本年度我局门户网站不断充实政务公开内容。截止2023年12月31日我局通过官方网站发布政务类信息34条。",
             table=[["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "0", "0", "0"]])
    assert m["year"] == 2023
    assert m["template"] == "gb2021"


def test_old_template_from_its_sections_when_nothing_else_decides():
    m = meta("本年度报告由市区编制。全文包括概述,主动公开政府信息情况,依申请公开政府信息情况,"
             "政府信息公开咨询处理情况,政府信息公开支出和收费情况。", "截至年底,我区政府信息公开工作运行正常。")
    assert m["kind"] == "annual_report"
    assert m["year"] is None
    assert m["template"] == "old"


def test_national_template_sections_without_year_give_no_template():
    m = meta("本年度报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
             "政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。")
    assert m["kind"] == "annual_report"
    assert m["template"] is None  # gb2019 or gb2021: no value rather than a guess


@pytest.mark.parametrize("name", ["bet365亚洲官网办公室", "亚洲官网办公室", "通过政府门户网站", "某某娱乐平台中心"])
def test_spam_site_names_are_no_agency(name):
    assert clean_agency(name) is None


@pytest.mark.parametrize("name, want", [
    ("华体会主页 北城街道办事处", "北城街道办事处"),   # b15 b86: the spam site's name where the county stood
    ("西甲直播林业局", "林业局"),                      # b12 f15
    # counter-examples: nothing but endings after the spam (read as before), no name after it
    ("华体会登录入口政府办公室", "华体会登录入口政府办公室"),
    ("华体会主页", None),
    ("bet365亚洲官网 办公室", None),
])
def test_spam_site_name_before_a_body_is_cut(name, want):
    assert clean_agency(name) == want


def test_spam_site_name_in_the_title_gives_no_agency():
    m = meta("bet365亚洲官网 办公室2021年政府信息公开工作年度报告", "一、总体情况",
             "2021年通过政府门户网站主动公开信息255条。")
    assert m["agency"] is None
    assert m["year"] == 2021


def test_body_following_the_year_with_yizhao():
    m = meta("本报告根据《条例》要求,结合我局政府信息公开工作有关统计数据撰写。",
             "2022年,市民促局依照《中华人民共和国政府信息公开条例》,全力推进政务信息公开工作。")
    assert m["agency"] == "市民促局"


def test_contact_name_with_its_address_in_brackets():
    m = meta("编制我单位2021年政府信息公开工作年度报告。如有疑问请与来凤县政务服务和大数据管理局(地址:来凤县政务服务中心501室)。",
             "2021年,我局收到政府信息依申请公开办理事项1件。")
    assert m["agency"] == "来凤县政务服务和大数据管理局"


def test_street_office_named_by_its_street_in_the_title():
    m = meta("佳荣里街2021年政府信息公开工作年度报告", "一、总体情况")
    assert m["agency"] == "佳荣里街"
    assert m["year"] == 2021


def test_town_as_subject_of_chengli():
    m = meta("全镇高度重视政府信息公开工作,我镇仔细组织开展了政府信息公开工作自检自查,现汇报如下:",
             "中枢镇成立了以镇长为组长的政府信息公开工作领导小组。")
    assert m["agency"] == "中枢镇"


def test_zone_named_through_its_working_and_management_committees():
    m = meta("一、總體情況", "2019年,縣城南區工委、管委高度重視政府信息公開工作,嚴格按照《條例》要求。")
    assert m["agency"] == "縣城南區"  # as written (Traditional)
    assert m["year"] == 2019


def test_committee_of_a_zone_without_the_year_lead_gives_no_agency():
    m = meta("一、总体情况", "城南区工委、管委高度重视政府信息公开工作。")
    assert m["agency"] is None


@pytest.mark.parametrize("head, want", [
    # b15 b90: the title phrase inside a nested cited title (<…>) names that notice's issuer
    ("本年度报告根据《条例》及温泉县政府办公室下发《关于转发<国务院办公厅政府信息与政务公开办公室关于政府信息公开"
     "工作年度报告有关事项的通知>的通知》文件要求,由查干屯格乡人民政府党政办公室编制。", None),
    ("根据《关于转发〈某某市人民政府办公室关于政府信息公开工作年度报告的通知〉的通知》要求编制。", None),
    # counter-example: a title phrase of the body's own in the opening is still read
    ("精品文档 某某县人民政府办公室2019年政府信息公开工作年度报告 一、总体情况", "某某县人民政府办公室"),
])
def test_title_phrase_in_a_nested_cited_title_names_no_body(head, want):
    from extractor import agency
    assert agency._agency_in_titles(head) == want


def test_cited_issuer_in_nested_title_leaves_the_compiler():
    m = meta("本年度报告根据《中华人民共和国政府信息公开条例》及温泉县政府办公室下发《关于转发<国务院办公厅政府信息与"
             "政务公开办公室关于政府信息公开工作年度报告有关事项的通知>的通知》文件要求,由查干屯格乡人民政府党政办公室编制。"
             "如对报告有疑问,请与查干屯格乡政府党政办公室联系。",
             "一、总体情况", "2020年,我乡按照上级有关要求,不断完善政府信息公开制度。")
    assert m["agency"] == "查干屯格乡人民政府"


def test_school_year_report_names_its_school_and_no_year():
    # b15 b33: the academic year opens the clause whose subject is the school; 2021-2022年度 is a span
    m = meta("2021-2022学年,安徽财贸职业学院严格落实《高等学校信息公开办法》,现将学院2021-2022年度信息公开工作报告如下。",
             "一、概述", "学院深入学习贯彻习近平新时代中国特色社会主义思想。")
    assert m["agency"] == "安徽财贸职业学院"
    assert m["year"] is None
    # counter-example: one year in the same announcement is the year covered
    m = meta("现将学院2022年度信息公开工作报告如下。", "一、概述", "学院深入学习贯彻习近平新时代中国特色社会主义思想。")
    assert m["year"] == 2022


def test_town_with_its_county_from_the_contact_gives_the_body_the_text_writes():
    # b15 b85: the contact names 集安市黎明街道; the text calls itself 我街道 and writes 黎明街道办事处
    lines = ("依据《条例》要求,结合我街道2014年政府信息公开实际情况,办公室编制完成了《黎明街道信息公开2014年度工作报告》。"
             "如对本年报有任何疑问,请与集安市黎明街道政务办公室联系(电话:0435-6224000)。",
             "一、概述", "成立了以张清芝为成员的黎明街道信息公开领导小组。",
             "黎明街道办事处积极响应集安市人民政府号召,将文件精神充分落实。我街道对行政审批事项进行了清理。")
    assert meta(*lines)["agency"] == "黎明街道办事处"
    # counter-example: the body never written after the town's name - the contact's town stays
    assert meta(*(ln.replace("黎明街道办事处积极", "街道积极") for ln in lines))["agency"] == "集安市黎明街道"


def test_town_with_its_county_in_the_reports_own_announcement_stays_as_announced():
    # b15 b01, b14 o13: 现发布《临洮县漫洼乡2022年…年度报告》 names the body as it publishes itself
    m = meta("根据《中华人民共和国政府信息公开条例》要求,现发布《临洮县漫洼乡2022年政府信息公开工作年度报告》。",
             "一、总体情况", "2022年,我乡积极开展政务公开。漫洼乡人民政府关于印发政务公开工作要点的通知已公开。")
    assert m["agency"] == "临洮县漫洼乡"


def test_year_from_the_data_cut_off_on_the_years_last_day():
    # b15 b30: 所列数据截止日期为2014年12月31日 (the report's data as the clause's subject)
    m = meta("本报告根据网上数据采集以及文广新局的相关情况和数据编制,由七个部分组成,所列数据截止日期为2014年12月31日,"
             "电子版可在门户网站下载。", "一、基本工作情况", "成立了以局长为组长的领导小组。")
    assert m["year"] == 2014
    # counter-example: a cut-off date that is no year's last day gives no year
    m = meta("本报告由七个部分组成,所列数据截止日期为2014年6月30日。", "一、基本工作情况", "成立了以局长为组长的领导小组。")
    assert m["year"] is None


def test_body_after_the_year_since_opener():
    # b13 l34: 2022年以来 opens the clause whose subject is the township
    m = meta("一、总体情况", "2022年以来,丰收乡在县委县政府的正确领导下,认真围绕重点工作和年度目标任务,扎实推进政务公开工作落实。")
    assert m["agency"] == "丰收乡"
    # counter-example: the county's departments as a whole are no body
    m = meta("一、总体情况", "2022年以来,全县各部门在县委县政府的正确领导下,认真推进政务公开工作落实。")
    assert m["agency"] is None
