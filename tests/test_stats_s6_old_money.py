"""The old 政府信息公开情况统计表's money rows (政府信息公开专项经费, 依申请公开信息收取的费用):
a figure with no unit in its cell, its row's 单位 cell or a note is read as 元 and says so
(``unit_assumed``), as 表二/表四 do; a printed unit (万元 in the 单位 column, a note after the
label, 万 in the cell) is used and nothing is assumed. No old-era gold of the dev set or b1–b9
has such a row without a unit: every one prints 万元 or 元."""
from __future__ import annotations

from test_stat_tables import doc_of, values_of  # the statistics-table tests' helpers

HEAD = "附表:政府信息公开情况统计表\n统计指标 | 单位 | 统计数\n(一)主动公开政府信息数 | 条 | 17\n"


def _warned(f, code):
    return [w for w in f.warnings if w.code == code]


def test_money_row_with_its_unit_cell():
    vals, f = values_of(doc_of(HEAD + "(四)政府信息公开专项经费 | 万元 | 2.5\n"))
    assert vals["funding.special"] == 25000 and vals["proactive.total"] == 17
    assert not _warned(f, "unit_assumed")


def test_money_row_with_a_unit_note_after_its_label():
    vals, f = values_of(doc_of(HEAD + "依申请公开信息收取的费用(元) | | 120\n"))
    assert vals["fees.collected"] == 120
    assert not _warned(f, "unit_assumed")


def test_money_row_without_any_unit_is_read_as_yuan_with_a_warning():
    vals, f = values_of(doc_of(HEAD + "(四)政府信息公开专项经费 | | 3000\n"))
    assert vals["funding.special"] == 3000
    (w,) = _warned(f, "unit_assumed")
    assert "funding.special" in w.message and "元" in w.message


def test_a_zero_needs_no_unit():
    vals, f = values_of(doc_of(HEAD + "依申请公开信息收取的费用 | | 0\n"))
    assert vals["fees.collected"] == 0
    assert not _warned(f, "unit_assumed")


def test_a_count_row_never_warns_about_money():
    vals, f = values_of(doc_of(HEAD + "举办各类培训班数 | | 3\n"))
    assert vals["training.sessions"] == 3
    assert not _warned(f, "unit_assumed")
