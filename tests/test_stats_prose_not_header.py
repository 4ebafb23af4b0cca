"""A sentence that states a 表二 figure with its measure word (b8 k43, b6 t31:
「行政许可处理决定数量40宗;行政处罚处理决定数量11宗、…」) is prose, not a 表二 header: the
column label is followed by a figure, where a header is followed by row labels. It gives
no ``header_unrecognised`` warning and leaves the figures to the prose rules."""
from __future__ import annotations

import pytest

from test_stat_tables import doc_of, values_of  # the statistics-table tests' helpers


@pytest.mark.parametrize("text", [
    "2021年累计主动公开政府规章0件、规范性文件0件;行政许可处理决定数量40宗;行政处罚处理决定数量11宗、"
    "行政强制处理决定数量11宗。",
    "行政许可处理决定数量为40件,行政处罚处理决定数量11件。",
    "本年度行政事业性收费金额0万元,行政许可处理决定数量 12 起。",
])
def test_a_sentence_stating_table2_figures_is_no_header(text):
    _, f = values_of(doc_of(text))
    assert not [w for w in f.warnings if w.code == "header_unrecognised"]
    assert not f.facts                      # nothing read as a table


@pytest.mark.parametrize("text, want", [
    # the header cells, then the row label and its figure: a table
    ("第二十条第(五)项 | |\n信息内容 | 本年处理决定数量 |\n行政许可 | 40 |\n", 40),
    # one cell a line: the label's line ends, the row label follows
    ("第二十条第(五)项\n信息内容\n本年处理决定数量\n行政许可\n40\n", 40),
    # squeezed, run together: the row label follows the header label
    ("第二十条第(五)项信息内容本年处理决定数量行政许可40第二十条第(六)项", 40),
])
def test_a_header_followed_by_row_labels_is_still_read(text, want):
    vals, f = values_of(doc_of(text))
    assert vals["licensing.decisions"] == want


def test_an_unknown_header_cell_still_warns():
    # the guard is about figures after a label, not about unknown cells: a header cell
    # nothing knows still stops the table
    text = ("信息内容 | 本年处理决定数量 | 本年新增事项数 |\n"
            "行政许可 | 40 | 3 |\n")
    _, f = values_of(doc_of(text))
    assert any(w.code == "header_unrecognised" for w in f.warnings)
