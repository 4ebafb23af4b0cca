"""The .txt loader: encodings, flattened tables (pipe rows, streams), bad inputs."""
from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import regex

from extractor.load import load_document
from extractor.load.textables import split_lines
from extractor.model import ExtractError
from extractor.normalize import normalize

FIX = Path(__file__).resolve().parent / "fixtures" / "txt"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REAL = SHARED / "corpus" / "real"


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


# ------------------------------------------------------------------ encodings


def test_utf8_bom():
    doc = load("utf8_bom.txt")
    assert doc.source.encoding == "utf-8-sig"
    assert doc.text.startswith("某某县人民政府办公室2019年")  # no BOM character left
    assert "主动公开政府信息1234条" in doc.text


def test_gbk_report_and_short_gbk_not_misdetected():
    doc = load("gbk_report.txt")
    assert doc.source.encoding == "gb18030"
    assert "受理政府信息公开申请56件" in doc.text
    short = load("gbk_short.txt")  # 17 bytes: detectors often call this Big5 or Cyrillic
    assert short.source.encoding == "gb18030"
    assert short.text.split("\n")[:2] == ["年度报告", "申请5件"]


def test_big5_decoded_and_simplified():
    doc = load("big5_report.txt")
    assert doc.source.encoding == "big5"
    # Traditional → Simplified happens in normalisation
    assert "政府资讯公开工作年度报告" in doc.text  # 資訊 → 资讯 (t2s keeps the word)
    assert "一、总体情况" in doc.text and "受理申请56件" in doc.text


def test_utf16_bom():
    doc = load("utf16_bom.txt")
    assert doc.source.encoding == "utf-16"
    assert "主动公开政府信息1234条" in doc.text


def test_binary_garbage_is_not_text():
    with pytest.raises(ExtractError) as e:
        load_document(FIX / "garbage.txt")
    assert e.value.code == "not_text"


def test_undecodable(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes(b"abc \x80\xff\x80\xff\x80 def \xff\xff")
    with pytest.raises(ExtractError) as e:
        load_document(p)
    assert e.value.code == "undecodable"


# ------------------------------------------------------------- pipe tables


def test_pipe_rows_keep_empty_cells_and_offsets():
    doc = load("pipe_table.txt")
    check_offsets(doc)
    (t,) = tables(doc)
    assert t.source == "pipe"
    rows = [[c.text for c in r] for r in t.rows()]
    assert rows[0] == ["考核项目", "目标要求", "具体标准", "自查评分"]
    assert rows[1][0] == "组织领导 (20分)"
    # "… | 5分 | |": the trailing pad survives as an empty cell
    assert rows[2] == ["分管领导具体抓(5分)", "政务公开列入单位领导工作分工(3分)。", "5分", ""]
    assert rows[3] == ["有相关责任处室,有专人经办。(2分)", "2分", "", ""]
    assert rows[4] == ["总计", "90分"]
    assert t.n_cols == 4
    paras = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert paras == ["附件1", "2017年度部门政务公开工作考核自查评分表", "附件2", "填报单位(盖章):某某局"]


def test_single_pipe_line_in_prose_is_not_a_table():
    doc = load("prose.txt")
    assert tables(doc) == []
    assert "网址:http://www.example.gov.cn | 电话:0571-12345678" in doc.text
    # a short numbered list without values is not a stream either
    assert "1.加强学习\n2.完善制度\n3.强化监督" in doc.text


# ----------------------------------------------------------------- streams


def test_blank_separated_stream_one_cell_per_row():
    doc = load("stream.txt")
    check_offsets(doc)
    ts = tables(doc)
    assert len(ts) == 2
    t1, t2 = ts
    assert t1.source == "stream" and t1.n_cols == 1
    cells = [c.text for c in t1.cells]
    assert cells[:2] == ["第二十条第(一)项", "信息内容"]
    assert cells[-4:] == ["行政规范性文件", "3", "1", "12"]
    assert all(c.col == 0 for c in t1.cells) and [c.row for c in t1.cells] == list(range(len(cells)))
    # section headings stay paragraphs, outside the tables
    paras = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert "二、主动公开政府信息情况" in paras
    assert "三、收到和处理政府信息公开申请情况" in paras
    assert [c.text for c in t2.cells][-4:] == ["一、本年新收政府信息公开申请数量", "2", "0", "2"]
    # too short a run (3 lines) is left as paragraphs
    assert "行政复议" in paras and "0" in paras


def test_bar_separated_stream_joins_wrapped_cells():
    doc = load("sep_stream.txt")
    check_offsets(doc)
    t1, t2 = tables(doc)
    cells = [c.text for c in t1.cells]
    assert cells == ["第二十条第(一)项", "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量",
                     "规章", "0", "0", "0", "规范性文件", "2", "2", "2"]
    assert t1.source == "stream"
    paras = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert paras == ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]
    assert [c.text for c in t2.cells][-3:] == ["一、本年新收政府信息公开申请数量", "4", "4"]


def test_split_lines_is_pure_and_ordered():
    lines = ["标题", "a | b | c |", "1 | 2 | 3 |", "", "结尾"]
    pieces = split_lines(lines)
    assert [p.kind for p in pieces] == ["paragraph", "table", "paragraph"]
    assert pieces[1].first_line == 1 and pieces[1].last_line == 2
    assert [[c.text for c in r] for r in pieces[1].table.rows()] == [["a", "b", "c"], ["1", "2", "3"]]


def test_cell_per_line_with_trailing_bars_is_a_stream():
    lines = ["序号 |", "一级指标 |", "二级指标 |", "权重 |", "自查得分 |", "||", "1 |", "政务公开 (70) |",
             "信息公开制度 |", "1 |", "1 |", "|||"]
    (p,) = split_lines(lines)
    assert p.table.source == "stream"
    assert [c.text for c in p.table.cells] == ["序号", "一级指标", "二级指标", "权重", "自查得分", "1",
                                               "政务公开 (70)", "信息公开制度", "1", "1"]


# ------------------------------------------------------ real documents


needs_shared = pytest.mark.skipif(not REAL.is_dir(), reason="../shared corpus not available")


def _han_digits(text: str) -> list[str]:
    return regex.findall(r"[\p{Han}0-9]", text)


def _real_names():
    if not REAL.is_dir():
        return []
    return sorted(p.name[: -len(".gbk.txt")] for p in REAL.glob("*.gbk.txt") if (REAL / (p.name[: -len(".gbk.txt")] + ".txt")).exists())


@needs_shared
@pytest.mark.parametrize("name", _real_names())
def test_real_gbk_rendering_matches_txt(name):
    ref = normalize(load_document(REAL / f"{name}.txt"))
    gbk = normalize(load_document(REAL / f"{name}.gbk.txt"))
    assert gbk.source.encoding == "gb18030"
    ratio = difflib.SequenceMatcher(None, _han_digits(ref.text), _han_digits(gbk.text), autojunk=False).ratio()
    assert ratio >= 0.98, f"{name}: {ratio:.4f}"
    assert [(t.source, t.n_rows, t.n_cols) for t in tables(ref)] == [(t.source, t.n_rows, t.n_cols) for t in tables(gbk)]


@needs_shared
@pytest.mark.parametrize("stem", ["a22_", "a30_", "a38_", "a32_"])
def test_real_streams_become_stream_tables(stem):
    (path,) = [p for p in REAL.glob(stem + "*.txt") if not p.name.endswith(".gbk.txt")]
    doc = normalize(load_document(path))
    check_offsets(doc)
    ts = tables(doc)
    assert ts and all(t.source == "stream" and t.n_cols == 1 for t in ts)
    cells = [c.text for t in ts for c in t.cells]
    assert "第二十条第(一)项" in cells and "信息内容" in cells
    paras = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert "二、主动公开政府信息情况" in paras
    assert not any(c.startswith("二、主动公开") for c in cells)


@needs_shared
def test_real_s00_pipe_tables():
    (path,) = REAL.glob("s00_*seed.txt")
    doc = normalize(load_document(path))
    check_offsets(doc)
    score, stats = tables(doc)
    assert score.source == stats.source == "pipe"
    assert [c.text for c in score.rows()[0]] == ["考核项目", "目标要求", "具体标准", "自查评分"]
    row = next(r for r in stats.rows() if r[0].text.startswith("(四)政府信息公开专项经费"))
    assert [c.text for c in row][1:3] == ["万元", "0.5"]
    assert "上一条" not in doc.text  # trailing portal chrome lines dropped
