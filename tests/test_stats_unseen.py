"""Statistics tables in renderings no one tuned for (issue 9, class 2): one test per
shape that lost figures on real reports, with the counter-case that must stay unread."""
from __future__ import annotations

from test_stat_tables import doc_of, values_of  # the statistics-table tests' helpers


# ------------------------------------------------- notes in brackets inside header cells

# a crawled gb2019 表二 in Traditional script whose header cells carry the template's
# filling notes: (指2019年事項數), (…減用負值表示,如-8); rows as pipe rows
_T2_NOTES = (
    "第二十條第(五)項 | |||||\n"
    "信息內容 | 上一年項目數量(指2019年事項數) | 本年增/減(指2020年增加或減少的事項數,減用負值表示,如-8) | "
    "處理決定數量(指2020年辦件量) | ||\n"
    "行政許可 | 8 | 5 | 93 | ||\n"
    "第二十條第(六)項 | |||||\n"
    "信息內容 | 上一年項目數量(指2019年事項數) | 本年增/減(指2020年增加或減少的事項數,減用負值表示,如-8) | "
    "處理決定數量(指2020年辦件量) | ||\n"
    "行政處罰 | 90 | 0 | 22 | ||\n"
    "行政強制 | 4 | 4 | - | ||\n"
)


def test_table2_header_cells_with_notes_in_brackets():
    vals, f = values_of(doc_of(_T2_NOTES))
    assert (vals["licensing.items_prev"], vals["licensing.items_change"], vals["licensing.decisions"]) == (8, 5, 93)
    assert (vals["penalty.items_prev"], vals["penalty.items_change"], vals["penalty.decisions"]) == (90, 0, 22)
    assert (vals["coercion.items_prev"], vals["coercion.items_change"]) == (4, 4)
    assert "coercion.decisions" not in vals              # '-' is no value
    assert not any(w.code in ("table_row_shape", "header_unrecognised") for w in f.warnings)


def test_table2_note_does_not_hide_an_unknown_header_cell():
    # the note is read past, but a cell no label knows still stops the columns it shifts
    text = ("信息內容 | 上一年項目數量(指2019年事項數) | 本年新增事項數 | 處理決定數量(指2020年辦件量) | ||\n"
            "行政許可 | 8 | 5 | 93 | ||\n")
    vals, f = values_of(doc_of(text))
    assert "licensing.items_change" not in vals
    assert any(w.code == "header_unrecognised" for w in f.warnings)
    # the columns whose headers are known are read by their own labels, not by position
    assert vals["licensing.items_prev"] == 8 and vals["licensing.decisions"] == 93


# ------------------------------------------------- a year in brackets inside a header label

def test_table2_header_labels_with_the_year_in_brackets():
    text = ("第二十条第(一)项 | |||\n"
            "信息内容 | 本年(2023)制发件数 | 本年(2023)废止件数 | 现行有效件数 |\n"
            "规章 | 0 | 0 | 0 |\n"
            "规范性文件 | 0 | 1 | 0 |\n"
            "第二十条第(五)项 | |||\n"
            "信息内容 | 本年(2023年)处理决定数量 |\n"
            "行政许可 | 12 |\n")
    vals, f = values_of(doc_of(text))
    assert (vals["rules.issued"], vals["rules.abolished"], vals["rules.in_force"]) == (0, 0, 0)
    assert (vals["normative.issued"], vals["normative.abolished"], vals["normative.in_force"]) == (0, 1, 0)
    assert vals["licensing.decisions"] == 12
    # 本年(2023年)处理决定数量 is the gb2021 column, not gb2019's 处理决定数量
    assert {x.rule for x in f.facts if x.key == "licensing.decisions"} == {"licensing.decisions#table:gb2021"}
    assert not any(w.code == "table_row_shape" for w in f.warnings)



# ------------------------------------------------- cells on the line after the label

def test_table4_values_on_the_next_line_keep_their_blank_cells():
    # a 表四 rendered row by row: the header ends its line, the figures are the next line
    # with the empty cells printed between bars
    text = ("四、政府信息公开行政复议、行政诉讼情况\n"
            "行政复议 | 行政诉讼\n"
            "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉\n"
            "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n"
            "5 | | | 2 | 7 | 8 | | | 1 | 9 | | | | |\n"
            "五、政府信息公开工作存在的主要问题及改进情况\n")
    vals, f = values_of(doc_of(text))
    assert (vals["reconsideration.upheld"], vals["reconsideration.pending"], vals["reconsideration.total"]) == (5, 2, 7)
    assert (vals["litigation.direct.upheld"], vals["litigation.direct.pending"],
            vals["litigation.direct.total"]) == (8, 1, 9)
    for k in ("reconsideration.corrected", "reconsideration.other", "litigation.direct.corrected",
              "litigation.after_reconsideration.total"):
        assert k not in vals


def test_table4_next_line_without_bars_and_too_few_figures_is_not_read():
    # the blanks were lost (figures only, no bars): which column each stood in is unknown
    text = ("行政复议 | 行政诉讼\n"
            "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉\n"
            "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n"
            "5 2 7 8 1 9\n")
    vals, f = values_of(doc_of(text))
    assert not any(k.startswith(("reconsideration.", "litigation.")) for k in vals)



def test_table2_header_with_a_bare_year_is_not_taken_for_benian():
    # 2023年制发件数: a bare year where the template says 本年 may be this year or another one
    # (a 2023 report may print last year's column); the tables stage runs before the report's
    # year is known, so the header is not recognised and nothing is read by position
    text = ("信息内容 | 2022年制发件数 | 2022年废止件数 | 现行有效件数\n规章 | 1 | 2 | 3\n")
    vals, f = values_of(doc_of(text))
    assert "rules.issued" not in vals and "rules.abolished" not in vals
    assert any(w.code == "header_unrecognised" for w in f.warnings)
    # 本年(2023)制发件数 names the column by 本年: read
    vals, f = values_of(doc_of("信息内容 | 本年(2023)制发件数 | 本年(2023)废止件数 | 现行有效件数\n规章 | 1 | 2 | 3\n"))
    assert (vals["rules.issued"], vals["rules.abolished"], vals["rules.in_force"]) == (1, 2, 3)


def test_a_one_row_table2_right_before_the_next_header_is_read():
    # no 第二十条 heading between the two tables: the short stretch "规章 | 1 | 2 | 3 信息内容"
    # is a row and a new header, not header cells of the first table
    text = ("信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n规章 | 1 | 2 | 3\n"
            "信息内容 | 本年处理决定数量\n行政许可 | 5\n")
    vals, f = values_of(doc_of(text))
    assert (vals["rules.issued"], vals["rules.abolished"], vals["rules.in_force"]) == (1, 2, 3)
    assert vals["licensing.decisions"] == 5
    assert not any(w.code == "header_unrecognised" for w in f.warnings)


# ------------------------------------------------- the next row's numbering with a space after the dot

def test_old_table_next_row_numbering_with_a_space_is_no_cell():
    # 「…电子邮件申请数 条 1 4. 网上申请数」: the 4 is the next row's number, not a second figure
    text = ("附表： 指标名称 计量单位 年末统计 主动公开信息数 条 6 受理依申请公开信息总数 条 3 "
            "其中：1．当面申请数 条 0 2．传真申请数 条 0 3．电子邮件申请数 条 1 4. 网上申请数 条 2 "
            "5．信函申请数 条 0 对申请的答复总数 条 3 行政复议数 件 0")
    vals, f = values_of(doc_of(text))
    assert vals["applications.received.online"] == 2 and vals["applications.received"] == 3
    assert not any(w.code == "table_row_shape" for w in f.warnings)
