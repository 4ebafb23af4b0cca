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
