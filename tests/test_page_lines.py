"""A portal page's metadata line (发布时间:… 来源:X 浏览次数:…) is chrome: the loader keeps
it out of the text, and apart on the document (``Document.page_lines``), where the metadata
reads the publisher and the date from it (tests/real b5 u23, dev w16 shapes, written anew)."""
from extractor.load.chrome import is_chrome_line, is_page_line
from extractor.metadata import describe
from extractor.pipeline import extract_document, load_and_normalize
from extractor.segment import segment

TABLE = ("一级指标 |\n二级指标 |\n考察点 |\n是否完成指标 |\n单项否决 |\n站点无法访问 |\n"
         "首页打不开的次数占全部监测次数的比例。 |\n√ |\n| |\n网站不更新 |\n首页栏目信息更新情况。 |\n√ |\n| |\n")


def _load(tmp_path, text, name="page.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return load_and_normalize(p)


def test_page_line_is_chrome_and_kept_apart_from_the_text(tmp_path):
    line = "发布时间:2017-12-01 16:10 来源:南宁市外侨办 作者:秘书科 浏览次数:"
    assert is_chrome_line(line) and is_page_line(line)
    assert not is_page_line("当前位置:首页 > 信息公开")      # chrome, but no field of the page
    assert not is_page_line("本报告所列数据来源:统计部门。")  # a sentence of the report
    d = _load(tmp_path, TABLE + "2017年第四季度政府网站自查情况报告\n" + line + "\n")
    assert d.page_lines == [line]
    assert "南宁市外侨办" not in d.text and "发布时间" not in d.text


def test_publisher_of_a_page_line_is_the_agency_when_the_report_names_none(tmp_path):
    d = _load(tmp_path, TABLE + "2017年第四季度政府网站自查情况报告\n"
              "发布时间:2017-12-01 16:10 来源:南宁市外侨办 作者:秘书科\n")
    m = describe(d, segment(d))
    assert (m["kind"], m["year"], m["agency"]) == ("self_inspection", 2017, "南宁市外侨办")


def test_page_line_date_gives_the_year_of_a_quarter(tmp_path):
    d = _load(tmp_path, "霍邱县公安局关于霍邱县直单位第二季度政务公开监测整改台账\n"
              "浏览次数: 信息来源:霍邱县公安局 发布时间:2020-09-24 16:03    文字大小:[ ]\n"
              "公开事项 | 内容要求 | 分值 | 得分 | 扣分原因 | 整改情况\n"
              "规范性文件 | 规范性文件全文 | 20 | 18 | 无文号 | 已整改\n")
    m = describe(d, segment(d))
    assert m["year"] == 2020
    assert m["date"] is None  # the page's date is no signing date


def test_the_report_own_name_line_beats_the_office_that_posted_the_page(tmp_path):
    d = _load(tmp_path, "关于2021年度政府信息公开工作的年度报告\n"
              "www.panzhihua.gov.cn     发布时间:2022-01-25     来源:新九镇党政办      阅读次数:\n"
              "盐边县新九镇人民政府\n关于2021年度政府信息公开工作的年度报告\n"
              "一、总体情况\n新九镇认真贯彻落实《中华人民共和国政府信息公开条例》。\n")
    m = describe(d, segment(d))
    assert m["agency"] == "盐边县新九镇人民政府"


def test_facts_do_not_change_when_the_page_line_is_kept(tmp_path):
    body = "2017年第四季度政府网站自查情况报告\n我办全年主动公开政府信息120条。\n"
    with_line = _load(tmp_path, body + "发布时间:2017-12-01 16:10 来源:南宁市外侨办 作者:秘书科\n", "a.txt")
    without = _load(tmp_path, body, "b.txt")
    assert with_line.text == without.text
    a, b = extract_document(with_line), extract_document(without)
    assert a["facts"] == b["facts"] and a["values"] == b["values"]
