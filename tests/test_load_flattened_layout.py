"""Flattened tables inside Word and PDF files: a .docx or a PDF made from a crawled page
carries the page's tables as paragraphs (one cell per paragraph with a trailing bar,
pipe rows).  The docx and pdf loaders hand runs of paragraphs to the same recogniser as
the txt/html loaders, so the 表二 figures are read whatever the container.
"""
from __future__ import annotations

import io

import pytest

from extractor.pipeline import extract

# the 2021 template's 表二 as a crawler keeps it (b5 u28 / b8 k31 style): one cell per line
STREAM = [
    "二、主动公开政府信息情况",
    "第二十条第(一)项 |",
    "|||",
    "信息内容 |",
    "本年制发件数 |",
    "本年废止件数 |",
    "现行有效件数 |",
    "规章 |",
    "0 |",
    "0 |",
    "0 |",
    "行政规范性文件 |",
    "2 |",
    "1 |",
    "15 |",
    "第二十条第(五)项 |",
    "|||",
    "信息内容 |",
    "本年处理决定数量 |",
    "||",
    "行政许可 |",
    "182 |",
    "||",
    "三、收到和处理政府信息公开申请情况",
]
HEAD = ["白沙镇人民政府2023年政府信息公开工作年度报告",
        "本报告根据《中华人民共和国政府信息公开条例》编制。"]
# a pipe-row table written as paragraphs, with a prose line that must stay prose
PIPES = [
    "三、收到和处理政府信息公开申请情况",
    "| 指标 | 单位 | 数量 |",
    "| 本年新收政府信息公开申请数量 | 件 | 12 |",
    "| 上年结转政府信息公开申请数量 | 件 | 3 |",
    "全年共办理政府信息公开申请15件。",
]
WANT = {"normative.issued": 2, "normative.abolished": 1, "normative.in_force": 15, "licensing.decisions": 182,
        "rules.issued": 0}


def _docx(lines) -> bytes:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for ln in lines:
        d.add_paragraph(ln)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _pdf(lines, path) -> None:
    from pdfdraw import draw_lines, new_canvas

    c = new_canvas(path)
    draw_lines(c, lines[:38])
    c.showPage()
    if lines[38:]:
        draw_lines(c, lines[38:])
        c.showPage()
    c.save()


def _values(path) -> dict:
    return extract(path)["values"]


def test_docx_paragraph_stream_is_read_as_table(tmp_path):
    p = tmp_path / "a.docx"
    p.write_bytes(_docx(HEAD + STREAM))
    v = _values(p)
    for k, want in WANT.items():
        assert v.get(k) == want, (k, v.get(k))


def test_pdf_line_stream_is_read_as_table(tmp_path):
    p = tmp_path / "a.pdf"
    _pdf(HEAD + STREAM, p)
    v = _values(p)
    for k, want in WANT.items():
        assert v.get(k) == want, (k, v.get(k))


def test_docx_pipe_paragraphs_become_a_table_and_prose_stays(tmp_path):
    from extractor.pipeline import load_and_normalize

    p = tmp_path / "b.docx"
    p.write_bytes(_docx(HEAD + PIPES))
    doc = load_and_normalize(p)
    tables = [b.table for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1 and tables[0].n_rows == 3
    assert [c.text for c in tables[0].rows()[1]] == ["本年新收政府信息公开申请数量", "件", "12"]
    paras = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert "全年共办理政府信息公开申请15件。" in paras and HEAD[0] in paras
    t = tmp_path / "b.txt"
    t.write_text("\n".join(HEAD + PIPES) + "\n", encoding="utf-8")
    assert _values(p) == _values(t)  # the same reading as the text it was made from


def test_docx_plain_paragraphs_unchanged(tmp_path):
    """Ordinary paragraphs (no bars, no value streams) stay paragraphs, in order."""
    from extractor.pipeline import load_and_normalize

    lines = HEAD + ["一、总体情况", "2023年主动公开政府信息120条。", "二、存在的问题", "公开内容不够全面。"]
    p = tmp_path / "c.docx"
    p.write_bytes(_docx(lines))
    doc = load_and_normalize(p)
    assert all(b.kind == "paragraph" for b in doc.blocks)
    assert [b.text for b in doc.blocks] == lines
