"""A portal page's metadata line (发布时间:… 来源:X 浏览次数:…) is kept apart from the text
(``Document.page_lines``) by every loader whose format can carry it, as the txt loader does:
an HTML page (the line is chrome the page's body shows), a Word file saved from the page,
a PDF printed from it. The metadata then reads the publisher and the date from it."""
from __future__ import annotations

import pytest

from extractor.metadata import describe
from extractor.pipeline import load_and_normalize
from extractor.segment import segment
from pdfdraw import draw_lines, new_canvas

LINE = "发布时间:2017-12-01 16:10 来源:南宁市外侨办 作者:秘书科 浏览次数:"
TITLE = "2017年第四季度政府网站自查情况报告"
BODY = ["我办对照全国政府网站普查指标开展了自查。", "一、自查基本情况", "网站运行正常,未发现单项否决问题。"]


def _meta(d):
    return describe(d, segment(d))


def test_html_keeps_the_page_line_apart(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><title>x</title></head><body>"
        "<div class='crumb'>当前位置:首页 &gt; 信息公开</div>"
        f"<div class='article'><h1>{TITLE}</h1>"
        f"<div class='info'><span>发布时间:2017-12-01 16:10</span> <span>来源:南宁市外侨办</span>"
        "<span>作者:秘书科</span> <span>浏览次数:</span></div>"
        + "".join(f"<p>{s}</p>" for s in BODY)
        + "</div></body></html>", encoding="utf-8")
    d = load_and_normalize(p)
    assert d.page_lines == ["发布时间:2017-12-01 16:10 来源:南宁市外侨办 作者:秘书科 浏览次数:"]
    assert "南宁市外侨办" not in d.text and "发布时间" not in d.text
    m = _meta(d)
    assert (m["kind"], m["year"], m["agency"]) == ("self_inspection", 2017, "南宁市外侨办")


def test_html_sentence_naming_a_source_is_no_page_line(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(f"<html><body><h1>{TITLE}</h1><p>本报告所列数据来源:统计部门。</p>"
                 + "".join(f"<p>{s}</p>" for s in BODY) + "</body></html>", encoding="utf-8")
    d = load_and_normalize(p)
    assert d.page_lines == []
    assert "数据来源" in d.text


def test_html_page_line_outside_the_article_is_kept(tmp_path):
    # the fields stand above the article's container, beside the breadcrumb
    p = tmp_path / "page.html"
    p.write_text(
        "<html><body><div class='top'><p>信息来源:霍邱县公安局 发布时间:2020-09-24 16:03 点击数:12</p></div>"
        f"<div class='content'><h2>{TITLE}</h2>" + "".join(f"<p>{s}</p>" for s in BODY * 3)
        + "</div></body></html>", encoding="utf-8")
    d = load_and_normalize(p)
    assert d.page_lines == ["信息来源:霍邱县公安局 发布时间:2020-09-24 16:03 点击数:12"]


def test_docx_keeps_the_page_line_apart(tmp_path):
    docx = pytest.importorskip("docx")
    w = docx.Document()
    w.add_paragraph(TITLE)
    w.add_paragraph(LINE)
    for s in BODY:
        w.add_paragraph(s)
    p = tmp_path / "page.docx"
    w.save(p)
    d = load_and_normalize(p)
    assert d.page_lines == [LINE]
    assert "南宁市外侨办" not in d.text
    m = _meta(d)
    assert (m["year"], m["agency"]) == (2017, "南宁市外侨办")


def test_docx_report_sentence_is_no_page_line(tmp_path):
    docx = pytest.importorskip("docx")
    w = docx.Document()
    w.add_paragraph(TITLE)
    w.add_paragraph("本报告所列数据来源:统计部门。")
    p = tmp_path / "page.docx"
    w.save(p)
    d = load_and_normalize(p)
    assert d.page_lines == []
    assert "数据来源" in d.text


def test_pdf_keeps_the_page_line_apart(tmp_path):
    p = tmp_path / "page.pdf"
    c = new_canvas(p)
    draw_lines(c, [TITLE, LINE, *BODY])
    c.showPage()
    c.save()
    d = load_and_normalize(p)
    # (a PDF's text layer may drop the spaces between the fields)
    assert ["".join(x.split()) for x in d.page_lines] == ["".join(LINE.split())]
    assert "南宁市外侨办" not in d.text
    assert _meta(d)["agency"] == "南宁市外侨办"
