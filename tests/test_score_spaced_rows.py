"""Rows separated by spaces only after a run-together header (b8 m07): the two bare
numbers after the criterion are max and score when the header names a max column
immediately followed by a score column; the rules under a row are no items."""
from __future__ import annotations

from extractor.model import DocumentBuilder, Source
from extractor.normalize import normalize
from extractor.tables.scores import read_score_tables, vocab

HEADER = "过程 一级指标 二级指标 三级指标 四级指标 测评指标与考察点 分值 得分 失分原因及截图 整改情况"
M07 = ["舒城县审计局2021年第二次政务公开测评基本信息问题整改情况表", HEADER,
       "  重大决策预公开",
       "意见征集     考察点:实行重大决策预公开制度,在决策前应向社会公布①决策草案、②决策依据。(⑤意见征集不少于10天,"
       "反馈渠道包含信件、电话、邮箱) 8 0 未向社会进行意见征集,见截图1-2。 已说明",
       "(①-④考察本年度信息)", "向社会意见征集的得8分:", "未涵盖①-②每项扣2分;③-④的每项扣2分;",
       "意见反馈     考察点:公布①意见采纳情况及②未予采纳的原因。 6 0 未公开本年度反馈信息,见截图3。 已说明",
       "未体现:", "①的扣2.5分;",
       "  建议提案办理",
       "人大代表建议办理     考察点:①人大代表建议办理答复。本年度无任务的得分率80% 1 0.8 本部门没有人大任务,统一赋分。 已说明"]


def _tables(lines):
    b = DocumentBuilder(Source("t.txt"))
    for x in lines:
        b.add_paragraph(x)
    return read_score_tables(normalize(b.build()), None).score_tables


def test_pattern_examples():
    sp = vocab().spaced_rows
    for e in vocab().examples["spaced_rows"]:
        ms = list(sp["row"].finditer(e["text"]))
        got = [float(ms[0].group("max")), float(ms[0].group("score"))] if len(ms) == 1 else []
        assert got == [float(x) for x in e["pair"]], e


def test_two_bare_numbers_after_the_criterion_are_max_and_score():
    (st,) = _tables(M07)
    assert [(i.max, i.score) for i in st.items] == [(8, 0), (6, 0), (1, 0.8)]
    assert [i.path for i in st.items] == [["重大决策预公开"], ["重大决策预公开"], ["建议提案办理"]]
    assert st.total["max"] == 15 and st.total["score"] == 0.8
    assert st.title.startswith("舒城县审计局")


def test_no_reading_without_a_max_column_right_before_a_score_column():
    # 得分 before 分值: which bare number is which is the header's order, here not max-score
    swapped = [M07[0], HEADER.replace("分值 得分", "得分 分值")] + M07[2:]
    assert _tables(swapped) == []
    # no header at all: spaced numbers in prose are nothing
    assert _tables(M07[2:]) == []


def test_a_score_above_the_max_is_no_row():
    lines = M07[:3] + [M07[3].replace(" 8 0 ", " 8 9 ")] + M07[4:]
    sts = _tables(lines)
    assert all((i.max, i.score) != (8, 9) for st in sts for i in st.items)
