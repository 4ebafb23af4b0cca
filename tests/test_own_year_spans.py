"""The document's own year (the year its title names, found at normalisation) in the
exclusions of several-year spans: 「2024年以来」 in a 2024 report is that year's, in a 2025
report it is a span of years; the view the readers match keeps every offset."""
from extractor.normalize import normalize_text, own_year, year_view
from extractor.pipeline import extract


def _report(year: int, body: str) -> bytes:
    return (f"甘谷县人民政府办公室{year}年政府信息公开工作年度报告\n"
            "一、总体情况\n" + body + "\n").encode("utf-8")


_IN_FORCE = "加强规范性文件审查清理,2024年以来现行有效的行政规范性文件0件。"


def test_own_year_is_the_title_year():
    assert own_year("甘谷县人民政府办公室2024年政府信息公开工作年度报告\n根据…") == 2024
    assert own_year("XX局2019年度政务公开工作报告\n…") == 2019
    # none named, or two different ones: no own year
    assert own_year("一、总体情况\n2024年,我局主动公开信息12条。") is None
    assert own_year("2023年政府信息公开工作年度报告 2024年政府信息公开工作年度报告") is None


def test_own_year_after_the_subject_before_the_report():
    # (session 12 V1: 漳州市环境保护局政府信息公开工作2009年度报告 - b19 af33; 《黎明街道信息公开2014年度工作报告》 - b15 b85)
    assert own_year("漳州市环境保护局政府信息公开工作2009年度报告\n本报告由…") == 2009
    assert own_year("办公室编制完成了《黎明街道信息公开2014年度工作报告》") == 2014
    # two different years in the opening name none; a year not before 报告 is no title
    assert own_year("XX局政府信息公开工作2009年度报告 XX局2010年政府信息公开工作年度报告") is None
    assert own_year("一、总体情况\n政府信息公开工作2009年以来稳步推进。") is None


def test_own_year_of_a_work_summary_opened_by_its_year():
    # (session 12 V1: _common.yaml own_year_opening - b16 ab16, b3 z25)
    assert own_year("2018年,牧业区积极推进政府信息公开工作,现就全年工作情况总结如下:\n一、开展工作情况") == 2018
    assert own_year("2013年,我镇扎实推进政府信息公开工作。现将2013年政府信息公开工作情况报告如下:") == 2013
    # another year named after 现将, or no 如下 (no statement of what follows): none
    assert own_year("2013年,我镇扎实推进政府信息公开工作。现将2014年工作计划报告如下:") is None
    assert own_year("2018年,牧业区积极推进政府信息公开工作。\n一、开展工作情况") is None


def test_a_published_report_counted_is_no_title():
    # (session 13 X4: 工作动态公开145条;2020年政府信息工作报告1条 in a 2021 report's opening - b14 o58 read 2020 as its own year;
    # 2021年信息公开年报1条 beside the 2022 title - b13 l32 had none)
    assert own_year("一、总体情况\n广汉市应急管理局总共公开政府信息352条,其中:工作动态公开145条;2020年政府信息工作报告1条。") is None
    assert own_year("2022年政府信息公开工作年度报告\n一、总体情况\n…处罚强制类9条、2021年信息公开年报1条。") == 2022
    # a title the count does not follow is one
    assert own_year("一、总体情况\n现发布《XX镇2020年政府信息公开工作年度报告》。本报告由…") == 2020


def test_a_title_the_period_contradicts_names_none():
    # (session 13 X4: 特向社会公布2013年度黄村镇政府信息公开年度报告 over 统计期限自2014年1月1日起至2014年12月31日止 - b13 j16;
    # a 2021 title over a period copied from 2020 - b12 e34)
    assert own_year("特向社会公布2013年度黄村镇政府信息公开年度报告。本报告中所列数据的统计期限自2014年1月1日起至"
                    "2014年12月31日止。") is None
    assert own_year("编制了2021年政府信息公开年度报告。本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。") == 2021
    # the period's last day without its year (统计期限为2023年1月1日至12月31日 - b11 h01): the period of 2023
    assert own_year("一、总体情况\n本报告中所列数据统计期限为2023年1月1日至12月31日。") == 2023
    assert own_year("根据《关于做好2022年政府信息公开年度报告及政府网站年度报表编制和发布工作的工作提示》要求编制。"
                    "统计期限为2023年1月1日至12月31日。") is None
    # a period over two calendar years names none
    assert own_year("一、总体情况\n统计期限为2022年1月1日至2023年12月31日。") is None


def test_the_view_keeps_the_length_and_only_reads_the_own_year():
    text = normalize_text(_IN_FORCE)[0]
    view = year_view(text, 2024)
    assert len(view) == len(text) and "以来" not in view
    assert year_view(text, 2025) == text
    assert year_view(text, None) == text


def test_a_span_from_the_own_year_is_that_years_figure():
    rec = extract(_report(2024, _IN_FORCE), name="r.txt", with_text=True)
    assert rec["values"].get("normative.in_force") == 0
    fact = next(f for f in rec["facts"] if f["key"] == "normative.in_force")
    a, b = fact["offset"]
    assert rec["text"][a:b] == fact["evidence"]
    assert "以来" in rec["text"]          # the text is as extracted; only matching saw the year


def test_a_span_from_an_earlier_year_stays_out():
    rec = extract(_report(2025, _IN_FORCE), name="r.txt")
    assert "normative.in_force" not in rec["values"]


# session 11 T1: from the own year up to now (b17 ac01, b15 b70) and 截至目前 in a sentence the own year opens (b17 ac11, b10 d24)
_TO_NOW = "2015年1月至今,通过政府门户网站主动公开信息506条。"
_UPTONOW = "2024年,池州高新区紧紧围绕园区经济发展,紧抓重点领域信息发布等方面内容,截至目前,主动公开政府信息60条。"


def _proactive(year: int, body: str) -> dict:
    rec = extract(_report(year, body), name="r.txt")
    return {k: v for k, v in rec["values"].items() if k.startswith("proactive.")}


def test_from_the_own_year_up_to_now_is_that_years_figure():
    assert _proactive(2015, _TO_NOW).get("proactive.via.website") == 506
    # an earlier year up to now is a span of years
    assert _proactive(2016, _TO_NOW) == {}


def test_up_to_now_in_a_sentence_the_own_year_opens():
    assert _proactive(2024, _UPTONOW) == {"proactive.total": 60}
    assert _proactive(2025, _UPTONOW) == {}
    # not when the sentence sums (累计) or names a year after it: a stock, then the year's part (b12 e10)
    assert _proactive(2019, "2019年,我镇加强公开,截至目前,累计主动公开政府信息592条。") == {}
    stock = normalize_text("2019年公开信息主要包括指南、年报,截至目前共发布592条信息,2019年公开政府信息60条。")[0]
    assert "截至目前" in year_view(stock, 2019)
    assert "截至目前" not in year_view(normalize_text(_UPTONOW)[0], 2024)
