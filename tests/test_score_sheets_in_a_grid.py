"""Sheets under one header inside a real table (rendering parity, b8 m08 as html/docx/pdf):
a row whose one cell titles a sheet ("2020年第三版市、县、区直部门评分表"), after rows with
figures, starts a score table of its own, read with the same header, as the stream reader
does for the same sheets written one cell a line. Counter-examples: a title row before any
figure, a one-cell row that titles nothing, a title followed by no rows."""
from __future__ import annotations

from extractor.model import Cell, DocumentBuilder, Source, Table
from extractor.normalize import normalize
from extractor.tables.scores import read_score_tables

HEAD = ["测评指标", "指标分值", "失分原因", "整改情况"]


def _table(rows, *, merged_titles=True):
    """rows of strings; a row of one string is a full-width row (one cell spanning the
    table when ``merged_titles``, else the text in the first cell and blanks after)."""
    n = len(HEAD)
    cells = []
    for r, row in enumerate(rows):
        if len(row) == 1 and merged_titles:
            cells.append(Cell(r, 0, row[0], colspan=n))
            continue
        row = list(row) + [""] * (n - len(row))
        cells.extend(Cell(r, c, t) for c, t in enumerate(row))
    return Table(cells, len(rows), n, source="grid" if merged_titles else "text")


def _read(rows, fmt="html", **kw):
    b = DocumentBuilder(Source(f"t.{fmt}", format=fmt))
    b.add_paragraph("涡阳县2020年第三季度政务公开测评整改情况")
    b.add_table(_table(rows, **kw))
    doc = normalize(b.build())
    return read_score_tables(doc, None).score_tables


def _pairs(st):
    return [(i.max, i.score) for i in st.items]


M08 = [HEAD,
       ["2020年第三版重点领域"],
       ["三大攻坚战"],
       ["扶贫资金", "0.5000", "未公开财政专项资金分配结果; 未公开年度计划。", "已写情况说明。"],
       ["公共资源配置"],
       ["政府购买服务及社会资本合作(PPP)", "0.1000", "未公开政府购买服务事项清单和实施情况。", "相关股室还在对接沟通中。"],
       ["减税降费", "0.0600", "未公开小微企业减税落实情况。", "已上传落实情况。"],
       ["2020年第三版市、县、区直部门评分表"],
       ["政策法规"],
       ["部门文件", "2.0000", "未公开本年度部门文件。", "已整改上传"],
       ["规范性文件立改废", "2.0000", "未公开本年度规范性文件备案信息。", "已整改上传"]]


def test_a_sheet_title_row_in_a_grid_starts_a_table_with_the_same_header():
    for kw in ({"merged_titles": True}, {"merged_titles": False}):
        sts = _read(M08, **kw)
        assert [_pairs(st) for st in sts] == [[(0.5, None), (0.1, None), (0.06, None)],
                                              [(2, None), (2, None)]], kw
        assert [i.criterion for i in sts[1].items] == ["部门文件", "规范性文件立改废"]
        assert all(st.items for st in sts)
        assert sts[0].offset[1] <= sts[1].offset[0]


def test_other_sheet_title_words():
    rows = [r if r != ["2020年第三版市、县、区直部门评分表"] else ["乡镇政务公开工作考核细则"] for r in M08]
    assert [len(st.items) for st in _read(rows)] == [3, 2]


def test_a_title_row_before_any_figure_is_no_cut():
    # the sheet's own title right under the header: one table
    rows = [HEAD, ["2020年第三版市、县、区直部门评分表"]] + M08[8:]
    (st,) = _read(rows)
    assert _pairs(st) == [(2, None), (2, None)]


def test_a_one_cell_row_that_titles_no_sheet_is_a_category():
    rows = [r if r != ["2020年第三版市、县、区直部门评分表"] else ["基层政务公开标准化规范化"] for r in M08]
    (st,) = _read(rows)
    assert len(st.items) == 5


def test_a_title_row_closing_the_table_is_dropped_quietly():
    rows = M08[:7] + [["2020年第三版市、县、区直部门评分表"]]
    (st,) = _read(rows)
    assert _pairs(st) == [(0.5, None), (0.1, None), (0.06, None)]
