"""The html loader's shortcuts of issue 11 (session 15, S10) find what the long way found:
find_main's memo counts each link's Han once (the nested steps share their links), is_hidden
reads each attribute once, clean_tree no longer asks each element for its parent, and
strip_chrome hands is_chrome the tag it looked up - each against the long way on pages
built to hit the edge cases (nested links, empty/odd attributes, prefixed and upper-case
tags, tails of dropped elements)."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree

from extractor.load import html, html_page
from extractor.load.html_page import _TextMemo, han_count, tag_name, text_of

REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"

PAGE = """<html><head><title>t</title></head><body>
<div class="nav"><a href="#">首页</a><a href="#">政务公开</a><a href="#">信息公开年报</a></div>
<div class="main">前言<div class="art">
 <h1 class="title">某某县人民政府2020年政府信息公开工作年度报告</h1>
 <p>发布时间:2021-01-20 来源:某某县政府办 浏览次数:12</p>
 <p>本年度主动公开政府信息1200条,<a href="#">详见<a href="#">附件链接</a>说明</a>收到申请35件。</p>
 <p style="">空样式</p><p style=" DISPLAY : NONE ">隐藏的段落</p><span aria-hidden="TRUE">隐藏</span>
 <p aria-hidden="true">不隐藏的段落</p><p hidden="">隐藏</p><O:P>前缀标签</O:P><x:script>脚本</x:script>尾巴
 <table><tr><td>项目</td><td>数量</td></tr><tr><td>办结</td><td>35</td></tr></table>
 <div>上一篇:某某 下一篇:某某</div><p>打印本页 关闭窗口</p>
</div>尾文字</div>
<footer>版权所有</footer><!-- 注释 --></body></html>"""


def _long_link_han(el) -> int:
    return sum(han_count(text_of(a)) for a in el.iter("a"))


def _old_is_hidden(el) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    return el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true" and tag_name(el) in ("div", "span")


def _old_clean_tree(root) -> None:
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction, etree.Entity)):
        if el.getparent() is not None:
            html_page.drop_element(el)
    for el in list(root.iter(etree.Element)):
        if el.getparent() is None:
            continue
        if tag_name(el) in html_page.DROP_TAGS or (el.attrib and _old_is_hidden(el)):
            html_page.drop_element(el)


# the built page and the dev set's pages (each parsed anew by the test)
PAGES = [PAGE] + [html.decode_html(p.read_bytes())[0] for p in sorted(REAL.glob("*.html"))]


@pytest.mark.parametrize("text", PAGES, ids=range(len(PAGES)))
def test_shortcuts_against_the_long_way(text):
    root = html.parse_html(text)
    other = copy.deepcopy(root)
    html_page.clean_tree(root)
    _old_clean_tree(other)
    assert etree.tostring(root, encoding=str) == etree.tostring(other, encoding=str)
    for el in root.iter(etree.Element):
        assert html_page.is_hidden(el) == _old_is_hidden(el)
    memo = _TextMemo()
    # nested elements asked outermost first and innermost first: the same as the long way
    els = list(root.iter(etree.Element))
    for el in els + els[::-1]:
        assert memo.link_han(el) == _long_link_han(el)
        assert html_page.is_chrome(el, tag_name(el)) == html_page.is_chrome(el)


def test_the_built_page_hits_the_cases():
    root = html.parse_html(PAGE)
    html_page.clean_tree(root)
    s = etree.tostring(root, encoding=str)
    assert "DISPLAY" not in s and 'hidden=""' not in s and "TRUE" not in s and "注释" not in s
    assert "不隐藏的段落" in s and "空样式" in s  # aria-hidden on a <p>, an empty style: kept
    assert "脚本" not in s and "尾巴" in s and "前缀标签" in s  # x:script is a script; its tail kept


def test_nested_links_counted_as_the_long_way():
    # (the parser never nests <a>; a tree built by hand does: a link's Han counted in each)
    div = etree.Element("div")
    outer = etree.SubElement(div, "a")
    outer.text = "外层链接"
    inner = etree.SubElement(etree.SubElement(outer, "span"), "a")
    inner.text = "内层"
    inner.tail = "尾"
    memo = _TextMemo()
    assert memo.link_han(outer) == _long_link_han(outer) == 7 + 2  # 外层链接内层尾, 内层
    assert memo.link_han(div) == _long_link_han(div) == 9
