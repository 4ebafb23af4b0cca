"""Rendering parity on real reports: the same real text, published as a portal page, a
Word file or a PDF export (rendered by bench/render_real.py), reads the same values and
score items as the text itself.

The texts are real reports of tests/real (b5-b9) whose tables are the shapes crawled
text carries: 表二 as one cell per line with trailing bars (u28, k12), pipe rows that
become a real table (r09: 表二-表四 of the 2019 template; u10), and a score table written
as pipe rows (u01).  Only texts where parity holds are here; the gaps left are PDF tables
whose columns are single spaces (b8 m07, m12; b9 n07) or comma cells (b6 t18): the PDF text
drops the spaces next to CJK that split them.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from extractor.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "real"
CASES = [
    "b5/u28_abaga-ziranziyuanju-2023",
    "b8/k12_hukou-weijianwei-2022",
    "b7/r09_longchang-huangjiazhen-2019",
    "b5/u10_shijiazhuang-jiaoyuju-2021",
    "b5/u01_cstc-zhengfuwangzhan-pinggu-zhibiao",
]
PDF_CASES = {"b5/u28_abaga-ziranziyuanju-2023", "b7/r09_longchang-huangjiazhen-2019"}


@pytest.fixture(scope="module")
def render_real():
    pytest.importorskip("docx", reason="python-docx renders the Word files")
    pytest.importorskip("reportlab", reason="reportlab renders the PDFs")
    spec = importlib.util.spec_from_file_location("render_real", ROOT / "bench" / "render_real.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _reading(path: Path) -> tuple[dict, list]:
    rec = extract(path)
    items = sorted((tuple(it.get("path") or ()), str(it.get("max")), str(it.get("score")))
                   for t in rec.get("score_tables") or [] for it in t.get("items") or [])
    return rec["values"], items


@pytest.mark.parametrize("case", CASES)
def test_renderings_read_like_the_text(case, render_real, tmp_path):
    txt = REAL / f"{case}.txt"
    formats = ("html", "docx", "pdf") if case in PDF_CASES else ("html", "docx")
    render_real.render_one(txt, tmp_path, formats)
    values, items = _reading(tmp_path / txt.name)
    assert values or items, "the text itself must read something for parity to mean anything"
    if "u01_" in case:
        assert len(items) >= 10  # its score table is read from the text
    for fmt in formats:
        v, s = _reading(tmp_path / f"{txt.stem}.{fmt}")
        assert v == values, (fmt, {k: (v.get(k), values.get(k)) for k in set(v) | set(values)
                                   if v.get(k) != values.get(k)})
        assert s == items, fmt


def test_pipe_rows_become_one_table_without_padding_columns(render_real):
    text = "\n".join([
        "| 测评指标 | 指标分值 | 失分原因 | |||||",
        "| 扶贫资金 | 0.5 | 未公开年度计划 | |||||",
        "|",
        "政府购买",
        "服务(PPP)",
        "|",
        "0.1 | 未公开清单 | |||||",
        "二、整改情况",
    ])
    blocks = render_real.blocks_of(text)
    assert blocks[0] == ("table", [["测评指标", "指标分值", "失分原因"], ["扶贫资金", "0.5", "未公开年度计划"],
                                   ["政府购买服务(PPP)", "0.1", "未公开清单"]])
    assert blocks[1] == ("p", "二、整改情况")


def test_streams_and_single_bar_lines_stay_lines(render_real):
    text = "规章 |\n0 |\n0 |\n第二十条第(五)项 | |||\n|\n信息内容 |\n"
    assert [k for k, _ in render_real.blocks_of(text)] == ["p"] * 6
