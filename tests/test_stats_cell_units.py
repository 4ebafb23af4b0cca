"""A unit written inside a statistics-table cell (b8 k37: 「2601.953875万」 under 采购总金额):
it beats the column's default; a cell whose unit contradicts its column gives a warning
and no value, never a guess."""
from __future__ import annotations

from test_stat_tables import doc_of, values_of  # the statistics-table tests' helpers


def _warned(f, code):
    return [w for w in f.warnings if w.code == code]


# a gb2019 表二 第二十条第(八)项 as one cell a line between blank lines (k37's shape)
_T2_STREAM = ("第二十条第(八)项\n\n信息内容\n\n采购项目数量\n\n采购总金额\n\n政府集中采购\n\n 13\n\n{cell}\n\n"
              "三、收到和处理政府信息公开申请情况\n")


def test_wan_written_in_a_money_cell_scales_it():
    vals, f = values_of(doc_of(_T2_STREAM.format(cell="2601.953875万")))
    assert vals["procurement.items"] == 13
    assert vals["procurement.amount"] == 26019538.75
    assert not _warned(f, "unit_assumed")          # the cell prints its unit
    fact = next(x for x in f.facts if x.key == "procurement.amount")
    assert fact.evidence.endswith("2601.953875万") and fact.unit == "万"


def test_money_cell_without_a_unit_is_assumed_yuan_with_a_warning():
    vals, f = values_of(doc_of(_T2_STREAM.format(cell="2601.95")))
    assert vals["procurement.amount"] == 2601.95
    assert _warned(f, "unit_assumed")


def test_cell_unit_agreeing_with_the_header_unit():
    text = ("第二十条第(八)项 | | |\n信息内容 | 采购项目数量 | 采购总金额(万元) |\n"
            "政府集中采购 | 13 | 2601.95万 |\n")
    vals, f = values_of(doc_of(text))
    assert vals["procurement.amount"] == 26019500.0
    assert not _warned(f, "unit_conflict")


def test_cell_unit_contradicting_the_header_gives_no_value():
    text = ("第二十条第(八)项 | | |\n信息内容 | 采购项目数量 | 采购总金额(元) |\n"
            "政府集中采购 | 13 | 2601.95万 |\n")
    vals, f = values_of(doc_of(text))
    assert vals["procurement.items"] == 13
    assert "procurement.amount" not in vals
    assert _warned(f, "unit_conflict")


def test_a_money_unit_in_a_count_cell_gives_no_value():
    text = ("第二十条第(八)项 | | |\n信息内容 | 采购项目数量 | 采购总金额 |\n"
            "政府集中采购 | 1.3万 | 2601.95万元 |\n")
    vals, f = values_of(doc_of(text))
    assert "procurement.items" not in vals          # not 1, not 13000: a count column
    assert vals["procurement.amount"] == 26019500.0
    assert _warned(f, "unit_conflict")


def test_old_table_money_row_with_wan_in_the_cell():
    text = ("统计指标 | 单位 | 统计数\n"
            "(四)政府信息公开专项经费 | | 3.5万\n"
            "七、依申请公开信息收取的费用 | 元 | 0\n")
    vals, f = values_of(doc_of(text))
    assert vals["funding.special"] == 35000.0
    assert vals["fees.collected"] == 0.0


def test_old_table_cell_unit_contradicting_the_unit_column():
    text = ("统计指标 | 单位 | 统计数\n"
            "(四)政府信息公开专项经费 | 元 | 3.5万\n")
    vals, f = values_of(doc_of(text))
    assert "funding.special" not in vals
    assert _warned(f, "unit_conflict")


def test_wan_starting_a_word_after_a_cell_is_no_unit():
    # a stream cell followed by a line that begins with 万 (a place name): not the cell's unit
    from extractor.tables.stats.cells import cell_unit
    text = "13\n万州区"
    assert cell_unit(text, 2) is None
    assert cell_unit("13万州区", 2) is None
    assert cell_unit("13万\n", 2) == "万"
    assert cell_unit("13万元", 2) == "万元"


# ------------------------------------------ measure words printed inside count cells

def test_count_cells_printing_their_measure_word():
    # 「40宗」「3件」 in 表二 cells: the measure words of the numbers lexicon, not only 件/条
    text = ("第二十条第(五)项 | |\n信息内容 | 本年处理决定数量 |\n行政许可 | 40宗 |\n"
            "第二十条第(六)项 | |\n信息内容 | 本年处理决定数量 |\n行政处罚 | 11起 |\n行政强制 | 3件 |\n")
    vals, f = values_of(doc_of(text))
    assert (vals["licensing.decisions"], vals["penalty.decisions"], vals["coercion.decisions"]) == (40, 11, 3)
    fact = next(x for x in f.facts if x.key == "licensing.decisions")
    assert fact.evidence.endswith("40宗") and fact.unit == "宗"


def test_table3_row_with_measure_words_in_its_cells_keeps_its_columns():
    text = ("三、收到和处理政府信息公开申请情况\n"
            "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | | | | | | |\n"
            "| 自然人 | 法人或其他组织 | | | | | 总计 |\n"
            "| | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |\n"
            "一、本年新收政府信息公开申请数量 | 5件 | 1件 | 0件 | 0件 | 0件 | 0件 | 6件 |\n")
    vals, f = values_of(doc_of(text))
    assert vals["applications.received"] == 6
    assert vals["applications.received.natural_person"] == 5


def test_a_money_unit_in_a_table3_count_cell_gives_no_value():
    text = ("三、收到和处理政府信息公开申请情况\n"
            "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | | | | | | |\n"
            "| 自然人 | 法人或其他组织 | | | | | 总计 |\n"
            "| | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |\n"
            "一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6元 |\n")
    vals, f = values_of(doc_of(text))
    assert "applications.received" not in vals
    assert vals["applications.received.natural_person"] == 5
    assert _warned(f, "unit_conflict")


def test_a_measure_word_in_a_money_cell_gives_no_value():
    vals, f = values_of(doc_of(_T2_STREAM.format(cell="26件")))
    assert "procurement.amount" not in vals
    assert _warned(f, "unit_conflict")


# ------------------------------------------ 宗 / 起 in the 单位 column and in unit notes

def test_old_table_unit_column_with_zong():
    text = ("统计指标 | 单位 | 统计数\n"
            "(一)主动公开政府信息数 | 条 | 17\n"
            "六、行政复议数量 | 宗 | 2\n"
            "七、行政诉讼数量 | 起 | 1\n")
    vals, f = values_of(doc_of(text))
    assert vals["proactive.total"] == 17
    assert (vals["reconsideration.total"], vals["litigation.total"]) == (2, 1)
    assert not f.warnings


def test_table2_header_unit_note_with_zong():
    text = ("第二十条第(五)项 | |\n信息内容 | 本年处理决定数量(单位:宗) |\n行政许可 | 40 |\n")
    vals, f = values_of(doc_of(text))
    assert vals["licensing.decisions"] == 40
    assert not [w for w in f.warnings if w.code == "header_unrecognised"]
