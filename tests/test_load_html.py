"""The .html loader: charset, portal chrome removal, tables, streams in <p>."""
from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import regex

from extractor.load import load_document
from extractor.normalize import normalize

FIX = Path(__file__).resolve().parent / "fixtures" / "html"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REAL = SHARED / "corpus" / "real"
needs_shared = pytest.mark.skipif(not REAL.is_dir(), reason="../shared corpus not available")

CHROME_WORDS = ["当前位置", "索引号", "发布机构", "上一条", "下一条", "上一篇", "打印本页", "关闭窗口", "分享到",
                "版权所有", "ICP备", "网站标识码", "主办单位", "统计代码", "首页", "相关链接"]


def load(name: str):
    return normalize(load_document(FIX / name))


def check_offsets(doc):
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text
        if b.table is not None:
            for c in b.table.cells:
                assert doc.text[c.start : c.end] == c.text


def tables(doc):
    return [b.table for b in doc.blocks if b.kind == "table"]


def test_portal_chrome_removed_content_kept():
    doc = load("portal_gbk.html")
    check_offsets(doc)
    assert doc.source.encoding == "gb18030"  # meta says gb2312: read as its superset
    for w in CHROME_WORDS:
        assert w not in doc.text, w
    lines = doc.text.split("\n")
    assert lines[0] == "某某县2019年政府信息公开工作年度报告"  # the <h1> title is kept
    # inline <span>/<font>/<b> never split words; &nbsp; paragraphs vanish
    assert lines[1] == "一、总体情况"
    assert "2019年,我县全年主动公开政府信息1234条, 受理申请56件。" in lines
    assert "三、收到和处理政府信息公开申请情况" in lines


def test_rowspan_colspan_grid():
    doc = load("portal_gbk.html")
    t = tables(doc)[0]
    assert t.source == "grid" and (t.n_rows, t.n_cols) == (4, 4)
    by_pos = {(c.row, c.col): c for c in t.cells}
    assert (by_pos[(0, 0)].text, by_pos[(0, 0)].rowspan) == ("信息内容", 2)
    assert (by_pos[(0, 1)].text, by_pos[(0, 1)].colspan) == ("本年新制作数量", 2)  # <br> joined, no space
    assert by_pos[(1, 2)].text == "其中规范性文件"  # <p>s inside a cell joined without spaces
    g = t.grid()
    assert g[1][0] is by_pos[(0, 0)] and g[0][2] is by_pos[(0, 1)] and g[1][3] is by_pos[(0, 3)]
    assert [c.text for c in g[3]] == ["规范性文件", "11", "2", "119"]
    # the merged cell is written once: row 1 of the text has only the two new cells
    assert doc.text.count("信息内容") == 1
    assert "文件 | 其中规范性文件" in doc.text


def test_nested_table_rendered_into_its_cell():
    doc = load("portal_gbk.html")
    t = tables(doc)[1]
    assert (t.n_rows, t.n_cols) == (2, 2)
    assert [c.text for c in t.rows()[1]] == ["申请情况", "当面 3 网络 5"]
    assert len(tables(doc)) == 2


def test_meta_charset_utf8_streams_and_pipes_in_paragraphs():
    doc = load("meta_utf8.html")
    check_offsets(doc)
    assert doc.source.encoding == "utf-8"
    stream, pipe = tables(doc)
    assert stream.source == "stream"
    assert [c.text for c in stream.cells][:2] == ["第二十条第(一)项", "信息内容"]
    assert [c.text for c in stream.cells][-4:] == ["行政规范性文件", "5", "1", "20"]
    assert doc.blocks[0].kind == "paragraph" and doc.blocks[0].text == "某某市政府2021年政府信息公开工作年度报告"
    assert pipe.source == "pipe" and [c.text for c in pipe.rows()[1]] == ["组织领导(20分)", "主要负责人亲自抓(5分)", "5分"]
    assert "预格式化文本\n第二行" in doc.text  # <pre> keeps its line breaks
    assert "网站标识码" not in doc.text


def test_meta_charset_big5():
    doc = load("meta_big5.html")
    assert doc.source.encoding == "big5"
    assert "本年度主动公开政府资讯1234条。" in doc.text


def test_layout_tables_unwrapped():
    doc = load("layout_table.html")
    check_offsets(doc)
    assert "通知公告" not in doc.text and "首页" not in doc.text and "版权所有" not in doc.text
    assert doc.text.startswith("某某局2015年政府信息公开工作年度报告\n一、概述\n")
    (t,) = tables(doc)  # only the data table remains a table
    assert [c.text for c in t.rows()[1]] == ["主动公开信息数", "条", "88"]


# ------------------------------------------------------------ real pages


def _han_digits(text: str) -> list[str]:
    return regex.findall(r"[\p{Han}0-9]", text)


def _paired():
    if not REAL.is_dir():
        return []
    return sorted(p.stem for p in REAL.glob("*.html") if (REAL / f"{p.stem}.txt").exists())


@needs_shared
@pytest.mark.parametrize("name", _paired())
def test_real_html_matches_txt(name):
    ref = normalize(load_document(REAL / f"{name}.txt"))
    doc = normalize(load_document(REAL / f"{name}.html"))
    check_offsets(doc)
    ratio = difflib.SequenceMatcher(None, _han_digits(ref.text), _han_digits(doc.text), autojunk=False).ratio()
    assert ratio >= 0.98, f"{name}: {ratio:.4f}"
    # table cell contents survive: every table cell text of the txt is somewhere in the html text
    flat = "".join(_han_digits(doc.text))
    for b in ref.blocks:
        if b.table is not None:
            for c in b.table.cells:
                key = "".join(_han_digits(c.text))
                assert key in flat, (name, c.text)


@needs_shared
@pytest.mark.parametrize("stem,title,last", [
    ("p12_", "2017年度政府信息公开工作年度报告", "4、其他类型答复数"),
    ("p16_", "平潭综合实验区2021年度政府信息公开工作年度报告", "2021年,无收取信息处理费情况。"),
])
def test_real_portal_pages(stem, title, last):
    (path,) = REAL.glob(stem + "*.html")
    doc = normalize(load_document(path))
    check_offsets(doc)
    assert doc.source.encoding == "utf-8"
    assert title in doc.text[:200]
    assert last in doc.text
    for w in ("当前位置", "扫一扫", "附件下载", "版权所有", "网站标识码", "ICP备", "微博 QQ空间", "文字版"):
        assert w not in doc.text, w
    ts = tables(doc)
    assert ts and all(t.source == "grid" for t in ts)
    assert "mso-" not in doc.text and "<" not in doc.text


def test_title_outside_content_box_is_recovered(tmp_path):
    body = "".join(f"<p>第{i}段:本机关全年主动公开政府信息{i}条,依法依规办理政府信息公开申请。</p>" for i in range(1, 8))
    page = (
        '<html><head><meta charset="utf-8"></head><body><div class="nav">当前位置:首页 &gt; 年报</div>'
        '<div class="detail"><div class="detail-title">某某区2020年政府信息公开工作年度报告</div>'
        '<div class="info">来源:区政府办 时间:2021-01-20 浏览次数:12</div>'
        f'<div class="TRS_Editor">{body}</div></div></body></html>'
    )
    p = tmp_path / "page.html"
    p.write_text(page, encoding="utf-8")
    doc = normalize(load_document(p))
    lines = doc.text.split("\n")
    assert lines[0] == "某某区2020年政府信息公开工作年度报告"
    assert doc.blocks[0].style == "heading"
    assert lines[1].startswith("第1段") and len([x for x in lines if x]) == 8
    assert "浏览次数" not in doc.text


def test_page_without_text(tmp_path):
    p = tmp_path / "empty.html"
    p.write_text("<html><head><script>var a=1;</script></head><body><div></div></body></html>", encoding="utf-8")
    doc = load_document(p)
    assert doc.text == "" and [w.code for w in doc.warnings] == ["empty_content"]
