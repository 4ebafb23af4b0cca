"""b13's wrong table value (session 8, helper P13): a 表二 row written one cell a line whose
本年增/减 cell carries a doubled sign (「行政处罚 | 253 | --253 | 0」, b13 i28) stopped the cell
scan after its first figure, and the one figure left was cut as run-together digits into the
three columns (2 | 5 | 3). A figure behind a sign the cell grammar cannot read means the row
goes on: its cells are left out with a warning, never split. The same row with a readable
sign is read as printed, and the neighbouring rows are not touched."""
from __future__ import annotations

import pytest

from test_stat_tables import doc_of, values_of  # the statistics-table tests' helpers

_HEAD = ("二、主动公开政府信息情况\n第二十条第(五)项\n信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n"
         "行政许可\n16\n+3\n780\n第二十条第(六)项\n信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n")
_TAIL = "\n0\n行政强制\n0\n0\n0\n第二十条第(八)项\n信息内容\n上一年项目数量\n本年增/减\n\n行政事业性收费\n0\n0\n\n"


def _i28(change_cell: str) -> str:
    return _HEAD + "行政处罚\n253\n" + change_cell + _TAIL


@pytest.mark.parametrize("cell", ["--253", "+-253", "−−253"])
def test_a_mangled_sign_cell_leaves_its_row_out_instead_of_splitting_the_first_figure(cell):
    vals, f = values_of(doc_of(_i28(cell)))
    for key in ("penalty.items_prev", "penalty.items_change", "penalty.decisions"):
        assert key not in vals, (key, vals.get(key))
    assert any(w.code == "table_row_shape" and "unreadable sign" in w.message for w in f.warnings)
    # the rows around it are read as printed
    assert vals["licensing.items_prev"] == 16 and vals["licensing.items_change"] == 3
    assert vals["licensing.decisions"] == 780
    assert vals["coercion.items_prev"] == 0 and vals["coercion.decisions"] == 0


def test_the_same_row_with_a_readable_sign_is_read_as_printed():
    vals, _ = values_of(doc_of(_i28("-253")))
    assert vals["penalty.items_prev"] == 253
    assert vals["penalty.items_change"] == -253
    assert vals["penalty.decisions"] == 0
