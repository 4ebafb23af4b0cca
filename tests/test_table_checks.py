"""Cross-checks of statistics tables: each rule has a report that violates it.

Violations become warnings; the printed figures are still reported as printed.
"""
from __future__ import annotations

from extractor.model import DocumentBuilder, Source, Table
from extractor.normalize import normalize
from extractor.tables.stats import read_stat_tables

HEAD = [["申请人情况", "自然人", "法人或其他组织", "总计"],
        ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]


def run(*parts):
    b = DocumentBuilder(Source(path="t.docx", format="docx"))
    for p in parts:
        if isinstance(p, Table):
            b.add_table(p)
        else:
            b.add_paragraph(p)
    doc = normalize(b.build())
    f = read_stat_tables(doc, None)
    vals = {x.key: x.value for x in f.facts}
    return vals, [w.code for w in f.warnings], f


def t3(received, carried, granted, total, forward):
    def row(label, v):
        return [label] + [str(x) for x in v]
    return Table.from_rows(HEAD + [
        row("一、本年新收政府信息公开申请数量", received),
        row("二、上年结转政府信息公开申请数量", carried),
        row("(一)予以公开", granted),
        row("(七)总计", total),
        row("四、结转下年度继续办理", forward),
    ])


Z = [0] * 7


def test_t3_consistent_table_has_no_warning():
    vals, codes, _ = run(t3([5, 1, 0, 0, 0, 0, 6], Z, [5, 1, 0, 0, 0, 0, 6], [5, 1, 0, 0, 0, 0, 6], Z))
    assert vals["applications.received"] == 6
    assert codes == []


def test_t3_balance_violated():
    # 一 + 二 = 6 + 0, but 三(七)总计 + 四 = 5 + 0
    vals, codes, _ = run(t3([5, 1, 0, 0, 0, 0, 6], Z, [4, 1, 0, 0, 0, 0, 5], [4, 1, 0, 0, 0, 0, 5], Z))
    assert "table_balance" in codes
    assert vals["applications.received"] == 6 and vals["outcome.total"] == 5  # as printed


def test_t3_row_total_not_sum_of_row():
    vals, codes, _ = run(t3([5, 1, 0, 0, 0, 0, 7], Z, [5, 1, 0, 0, 0, 0, 7], [5, 1, 0, 0, 0, 0, 7], Z))
    assert "table_row_sum" in codes
    # the row states two totals (7 printed, 5+1 = 6): its cells are kept, the 总计 is left
    # out, as in a reading the digits force; never "fixed" to 6
    assert not {"applications.received", "outcome.granted", "outcome.total"} & set(vals)
    assert vals["applications.received.natural_person"] == 5
    assert vals["applications.carried_over"] == 0


def test_t3_outcome_rows_do_not_add_up_to_total():
    vals, codes, _ = run(Table.from_rows(HEAD + [
        ["一、本年新收政府信息公开申请数量", "3", "0", "0", "0", "0", "0", "3"],
        ["(一)予以公开", "1", "0", "0", "0", "0", "0", "1"],
        ["(二)部分公开", "1", "0", "0", "0", "0", "0", "1"],
        ["(七)总计", "3", "0", "0", "0", "0", "0", "3"],
    ]))
    assert "table_outcome_sum" in codes
    assert vals["outcome.total"] == 3


def test_t4_total_not_sum_of_results():
    text = ("行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉 "
            "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计\n"
            "1 | 1 | 0 | 0 | 3 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0")
    vals, codes, _ = run(text)
    assert "table_row_sum" in codes
    # 1 + 1 + 0 + 0 ≠ 3: the results are kept, the contradicted 总计 is left out
    assert "reconsideration.total" not in vals
    assert (vals["reconsideration.upheld"], vals["reconsideration.corrected"]) == (1, 1)
    assert vals["litigation.direct.total"] == 0


def test_t4_results_as_rows_total_not_sum_of_results():
    text = ("四、行政复议、行政诉讼情况\n | 行政复议 | 未经复议直接起诉 | 复议后起诉\n"
            "结果维持 | 2 | 0 | 0\n结果纠正 | 0 | 0 | 0\n其他结果 | 0 | 0 | 0\n"
            "尚未审结 | 0 | 0 | 0\n总计 | 1 | 0 | 0")
    vals, codes, _ = run(text)
    assert "table_row_sum" in codes
    assert vals["reconsideration.upheld"] == 2 and "reconsideration.total" not in vals
    assert vals["litigation.direct.total"] == 0


def test_t4_run_together_forced_reading_keeps_its_cells_and_not_the_broken_total():
    # 15 digits for 15 cells: every cell is its own digit, the reading is forced. The first
    # group's printed total (5) contradicts its parts (1+1+0+0): the parts are kept, the
    # total is left out with a warning (it was once the whole row that was dropped)
    text = ("行政复议 行政诉讼 结果维持结果纠正其他结果尚未审结总计 未经复议直接起诉 复议后起诉 "
            "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计 "
            "11005 00000 00000")
    vals, codes, f = run(text)
    assert "table_row_sum" in codes
    assert vals["reconsideration.upheld"] == 1 and vals["reconsideration.corrected"] == 1
    assert vals["reconsideration.pending"] == 0 and vals["litigation.direct.total"] == 0
    assert "reconsideration.total" not in vals
    assert "reconsideration.total" in f.blocked_keys


def test_old_channel_exceeds_total():
    vals, codes, _ = run(Table.from_rows([
        ["统计指标", "单位", "统计数"],
        ["(一)主动公开政府信息数", "条", "17"],
        ["2.政府网站公开政府信息数", "条", "140"],
    ]))
    assert "table_channel" in codes
    assert vals["proactive.via.website"] == 140  # recorded as printed


def test_old_application_channels_do_not_add_up():
    vals, codes, _ = run(Table.from_rows([
        ["统计指标", "单位", "统计数"],
        ["(一)收到申请数", "件", "5"],
        ["1.当面申请数", "件", "1"],
        ["2.传真申请数", "件", "0"],
        ["3.网络申请数", "件", "2"],
        ["4.信函申请数", "件", "1"],
    ]))
    assert "table_channel_sum" in codes
    assert vals["applications.received"] == 5


def test_old_application_channels_that_add_up_are_quiet():
    _, codes, _ = run(Table.from_rows([
        ["统计指标", "单位", "统计数"],
        ["(一)收到申请数", "件", "4"],
        ["1.当面申请数", "件", "1"],
        ["2.传真申请数", "件", "0"],
        ["3.网络申请数", "件", "2"],
        ["4.信函申请数", "件", "1"],
    ]))
    assert codes == []
