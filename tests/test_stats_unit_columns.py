"""A unit belongs to its own column (precision review pa, class G: 「政府集中采购 6 976.81万元」
gave procurement.items 6 with the unit 万元). A money unit written in one cell of a row, or a
unit note after the row's label, is the unit of the row's money columns; the count columns
beside them are counted. Checked for every 表二 shape a crawl gives (one cell a line, pipe
row, figures on one line, run-together digits) and the mixed gb2019/gb2021 收费 row."""
from __future__ import annotations

import pytest

from test_stat_tables import doc_of, values_of  # the statistics-table tests' helpers


def _fact(f, key):
    return next(x for x in f.facts if x.key == key)


def _warned(f, code):
    return [w for w in f.warnings if w.code == code]


_HEAD19 = "第二十条第(八)项\n信息内容 | 采购项目数量 | 采购总金额\n"

# the same 表二 第(八)项 row in the shapes crawled pages give it
_PROCUREMENT_SHAPES = {
    # one cell a line between blank lines (pa43's shape)
    "stream": ("第二十条第(八)项\n\n信息内容\n\n采购项目数量\n\n采购总金额\n\n政府集中采购\n\n 6\n\n976.81万元\n\n \n\n"
               "三、收到和处理政府信息公开申请情况\n"),
    "pipe": _HEAD19 + "政府集中采购 | 6 | 976.81万元 |\n三、收到和处理政府信息公开申请情况\n",
    "spaced": ("第二十条第(八)项 信息内容 采购项目数量 采购总金额 政府集中采购 6 976.81万元 "
               "三、收到和处理政府信息公开申请情况\n"),
    "unit_first_cell": _HEAD19 + "政府集中采购 | 6 | 976.81万 元 |\n",
}


@pytest.mark.parametrize("shape", sorted(_PROCUREMENT_SHAPES))
def test_money_unit_of_the_amount_cell_stays_in_its_column(shape):
    vals, f = values_of(doc_of(_PROCUREMENT_SHAPES[shape]))
    assert vals["procurement.items"] == 6
    items = _fact(f, "procurement.items")
    assert items.unit is None or items.unit not in ("万元", "元", "万", "亿元")
    if "procurement.amount" in vals:            # (万 元 split by a space: the cell is 976.81万)
        assert vals["procurement.amount"] == 9768100.0
        assert _fact(f, "procurement.amount").unit in ("万元", "万")


def test_unit_note_after_the_row_label_is_the_money_columns():
    text = _HEAD19 + "政府集中采购(单位:万元) | 6 | 976.81 |\n"
    vals, f = values_of(doc_of(text))
    assert vals["procurement.items"] == 6
    assert vals["procurement.amount"] == 9768100.0
    assert _fact(f, "procurement.items").unit != "万元"
    assert _fact(f, "procurement.amount").unit == "万元"


def test_mixed_fee_row_counts_stay_counts():
    # a gb2019 header with the gb2021 收费 column added (pa41's mixed 表二)
    text = ("第二十条第(八)项\n信息内容 | 上一年项目数量 | 本年增/减 | 本年收费金额\n"
            "行政事业性收费 | 3 | -1 | 282.1万元 |\n")
    vals, f = values_of(doc_of(text))
    assert vals["fees.admin_amount"] == 2821000.0
    assert vals["fees.items_prev"] == 3
    assert vals["fees.items_change"] == -1
    for key in ("fees.items_prev", "fees.items_change"):
        assert _fact(f, key).unit not in ("万元", "元", "万")


def test_count_word_of_the_row_is_kept_for_its_counts():
    text = ("第二十条第(五)项\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量\n"
            "行政许可(件) | 21 | +19 | 40 |\n")
    vals, f = values_of(doc_of(text))
    assert vals["licensing.items_prev"] == 21 and vals["licensing.decisions"] == 40
    assert _fact(f, "licensing.decisions").unit == "件"


def test_count_column_headed_in_money_gives_no_value():
    # counter-example: the header itself puts 万元 on the count column: which of the two
    # is wrong is not known, so the count is not read (the amount is)
    text = ("第二十条第(八)项\n信息内容 | 采购项目数量(单位:万元) | 采购总金额(单位:万元)\n"
            "政府集中采购 | 6 | 976.81 |\n")
    vals, f = values_of(doc_of(text))
    assert "procurement.items" not in vals
    assert vals["procurement.amount"] == 9768100.0
    assert _warned(f, "unit_conflict")


def test_row_unit_helper():
    from extractor.tables.stats.cells import row_unit
    assert row_unit("万元", money=True) == "万元"
    assert row_unit("万元", money=False) is None
    assert row_unit("元", money=False) is None
    assert row_unit("件", money=False) == "件"
    assert row_unit("件", money=True) is None
    assert row_unit(None, money=False) is None


# ------------------------------------------------------------------ the money column's unit note
# where a crawl puts 表二's 「本年收费金额(单位:万元)」 note: in the column's cell, in a cell of
# its own after it, in the table's title line, on a line between the title and the header.
_FEE_NOTE_SHAPES = {
    "in_the_cell": "第二十条第(八)项\n信息内容 | 本年收费金额(单位:万元)\n行政事业性收费 | 0.5 |\n",
    "own_cell": "第二十条第(八)项\n信息内容 | 本年收费金额 | (单位:万元)\n行政事业性收费 | 0.5 |\n",
    "own_cell_closed": "第二十条第(八)项\n信息内容 | 本年收费金额 | (单位：万元) |\n行政事业性收费 | 0.5 |\n",
    "own_line": "第二十条第(八)项\n\n信息内容\n\n本年收费金额\n\n（单位：万元）\n\n行政事业性收费\n\n0.5\n",
    "title_line": "第二十条第(八)项(单位:万元)\n信息内容 | 本年收费金额\n行政事业性收费 | 0.5 |\n",
    "under_title": "第二十条第(八)项\n单位：万元\n信息内容 | 本年收费金额\n行政事业性收费 | 0.5 |\n",
}


@pytest.mark.parametrize("shape", sorted(_FEE_NOTE_SHAPES))
def test_the_fee_columns_unit_note_wherever_the_crawl_put_it(shape):
    vals, f = values_of(doc_of(_FEE_NOTE_SHAPES[shape]))
    assert vals["fees.admin_amount"] == 5000.0
    assert not _warned(f, "unit_assumed")


def test_a_table_note_is_the_money_columns_not_the_counts():
    text = "第二十条第(八)项（单位：万元）\n信息内容 | 采购项目数量 | 采购总金额\n政府集中采购 | 2 | 0.5 |\n"
    vals, f = values_of(doc_of(text))
    assert vals["procurement.items"] == 2 and vals["procurement.amount"] == 5000.0
    assert _fact(f, "procurement.items").unit != "万元"


def test_no_note_is_still_read_as_yuan_with_a_warning():
    vals, f = values_of(doc_of("第二十条第(八)项\n信息内容 | 本年收费金额\n行政事业性收费 | 0.5 |\n"))
    assert vals["fees.admin_amount"] == 0.5
    assert _warned(f, "unit_assumed")


def test_a_note_of_another_table_above_is_not_this_ones():
    # the 万元 note belongs to a sentence before the table's title, not to the table
    text = ("全年行政事业性收费共计(单位:万元)说明见附件。\n第二十条第(八)项\n信息内容 | 本年收费金额\n"
            "行政事业性收费 | 0.5 |\n")
    vals, f = values_of(doc_of(text))
    assert vals["fees.admin_amount"] == 0.5
    assert _warned(f, "unit_assumed")


def test_a_unit_cell_after_a_count_column_is_nobodys():
    # 「采购项目数量 | (单位:万元) | 采购总金额」: a money note after a count label says nothing
    # certain of either column; the count is read, the amount keeps no noted unit
    text = "第二十条第(八)项\n信息内容 | 采购项目数量 | (单位:万元) | 采购总金额\n政府集中采购 | 2 | 0.5 |\n"
    vals, f = values_of(doc_of(text))
    assert vals["procurement.items"] == 2
    assert _fact(f, "procurement.items").unit != "万元"
    assert _warned(f, "unit_assumed")
