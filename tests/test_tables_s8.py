"""表四 as PDF pages' text prints it (issue 9, session 8, helper TB): the result heads cut
apart over two lines or one character a line, the fifteen figures on one line."""
from __future__ import annotations

from tests.test_stat_tables import doc_of, values_of

ROUTES = "行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n"
# heads cut in two, each half on its own line (a flipbook page of a 2022 report)
TWO_LINE = ROUTES + (
    "结果 结果 其他 尚未 总\n"
    "维持 纠正 结果 审结 计 结果 结果 其他 尚未 总 结果 结果 其他 尚未 总\n"
    "维持 纠正 结果 审结 计 维持 纠正 结果 审结 计\n")
# one character a line of each head (a 2020 report's page)
ONE_CHAR = ROUTES + (
    "结 结 其 尚\n结 结 其 尚 结 结 其 尚\n果 果 他 未\n总计 果 果 他 未 总 果 果 他 未 总\n"
    "维 纠 结 审\n维 纠 结 审 计 维 纠 结 审 计\n持 正 果 结\n持 正 果 结 持 正 果 结\n")
KEYS = [f"{g}.{r}" for g in ("reconsideration", "litigation.direct", "litigation.after_reconsideration")
        for r in ("upheld", "corrected", "other", "pending", "total")]


def _read(head, row, after="五、存在的主要问题及改进情况\n一是公开内容不够丰富。"):
    text = "四、政府信息公开行政复议、行政诉讼情况\n" + head + row + "\n" + after
    return values_of(doc_of(text))


def test_cut_heads_over_two_lines_zero_row_is_read():
    vals, f = _read(TWO_LINE, " ".join(["0"] * 15))
    assert {k: vals.get(k) for k in KEYS} == {k: 0 for k in KEYS}
    assert not [w for w in f.warnings if w.code == "header_unrecognised"]


def test_cut_heads_one_char_a_line_zero_row_is_read():
    vals, _ = _read(ONE_CHAR, " ".join(["0"] * 15))
    assert {k: vals.get(k) for k in KEYS} == {k: 0 for k in KEYS}


def test_cut_heads_with_figures_other_than_zero_give_a_warning_and_no_value():
    # which of the cut columns is 结果维持 cannot be checked: 1 could be any of four
    vals, f = _read(TWO_LINE, "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0")
    assert not set(KEYS) & set(vals)
    assert any(w.code == "header_unrecognised" and "cut apart" in w.message for w in f.warnings)


def test_a_head_missing_is_not_the_template_header():
    # 尚未审结 left out: the characters are not the five heads' three times over
    head = ROUTES + "结果 结果 其他 总\n维持 纠正 结果 计 结果 结果 其他 总 结果 结果 其他 总\n" \
                    "维持 纠正 结果 计 维持 纠正 结果 计\n"
    vals, _ = _read(head, " ".join(["0"] * 12))
    assert not set(KEYS) & set(vals)


def test_routes_in_another_order_are_not_read():
    head = "行政诉讼 行政复议\n复议后起诉 未经复议直接起诉\n" + TWO_LINE[len(ROUTES):]
    vals, _ = _read(head, " ".join(["0"] * 15))
    assert not set(KEYS) & set(vals)


def test_a_short_row_is_not_read():
    vals, _ = _read(TWO_LINE, " ".join(["0"] * 10))
    assert not set(KEYS) & set(vals)
