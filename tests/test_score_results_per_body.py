"""A results table of several assessed bodies (排名表: one row per body, the criteria as
"…得分(N)" columns, a 总得分 column) is one score table per body (ANNOTATE.md), read only
when its arithmetic checks out; a "…得分(N)" column is a score worth N, never a row's max
(b8 m02: 21 wrong items of max = the body's total before)."""
from __future__ import annotations

from extractor.load.textables import add_lines
from extractor.model import DocumentBuilder, Source
from extractor.normalize import normalize
from extractor.tables.scores import read_score_tables, vocab
from extractor.tables.scores.matrix import _split_points, per_body_header
from extractor.tables.scores.regions import CellRef

HEAD = ["排名", "地市名称", "总得分(100)", "政务公开及日常更新得分(77)", "在线服务得分(9)", "公众参与得分(7)",
        "网站设计得分(4)", "公开率得分 (3)"]
ROWS = [["1", "成都市", "96.4", "74.4", "8", "7", "4", "3"],
        ["2", "眉山市", "94", "75.5", "5", "7", "3.5", "3"],
        ["3", "南充市", "82.9", "67.4", "3", "6", "3.5", "3"],
        ["9", "阿坝州", "67", "55", "3", "2", "4", "3"],
        ["9", "泸州市", "67", "53.5", "2.5", "6", "4", "1"]]
TITLE = ["附件2", "2011年市级国土资源管理部门政务信息网上公开情况排名表"]


def _read(lines):
    b = DocumentBuilder(Source("t.txt"))
    add_lines(b, lines)
    return read_score_tables(normalize(b.build()), None)


def pipes(head, rows):
    return TITLE + ["| " + " | ".join(r) + " |" for r in [head] + rows]


def cells_per_line(head, rows):
    return TITLE + [x for r in [head] + rows for x in [f"{c} |" for c in r] + ["||"]]


def tabs(head, rows):
    return TITLE + ["\t".join(r) for r in [head] + rows]


def test_pattern_examples():
    ex = vocab().examples
    for e in ex["per_body_column"]:
        name, pts = _split_points(e["text"])
        assert [name, pts] == e["split"], e
    for hs in ex["per_body_header"]["match"]:
        assert per_body_header([[CellRef(h, 0, 0) for h in hs]]) is not None, hs
    for hs in ex["per_body_header"]["no_match"]:
        assert per_body_header([[CellRef(h, 0, 0) for h in hs]]) is None, hs
    title = vocab().per_body["plain_title"]
    for t in ex["per_body_plain_title"]["match"]:
        assert title.search(t.replace(" ", "")), t
    for t in ex["per_body_plain_title"]["no_match"]:
        assert not title.search(t.replace(" ", "")), t


def test_one_table_per_body_in_every_text_form():
    for form in (pipes, cells_per_line, tabs):
        f = _read(form(HEAD, ROWS))
        sts = f.score_tables
        assert len(sts) == len(ROWS), form.__name__
        for st, row in zip(sts, ROWS):
            assert [(i.max, i.score) for i in st.items] == list(zip([77, 9, 7, 4, 3], [float(x) if "." in x else int(x) for x in row[3:]]))
            assert all(i.path == [row[1]] for i in st.items)
            assert st.items[0].criterion == "政务公开及日常更新得分"
            assert st.total["max"] == 100 and st.total["stated_max"] == 100
            assert st.total["stated_score"] == st.total["score"] and abs(st.total["score"] - float(row[2])) < 1e-9
        # two bodies with the same rank (阿坝州, 泸州市 9) are two tables; the rank is no figure
        assert {st.items[0].path[0] for st in sts} == {r[1] for r in ROWS}
        assert not any(i.max == 96.4 or i.score == 96.4 for st in sts for i in st.items)


def test_bodies_with_identical_figures_are_not_one_table():
    rows = ROWS[:2] + [["3", "乐山市"] + ROWS[1][2:]]
    assert len(_read(pipes(HEAD, rows)).score_tables) == 3


def test_a_row_that_does_not_add_up_gives_no_table_and_a_warning():
    rows = [r[:] for r in ROWS]
    rows[2][3] = "60.4"  # 60.4 + 3 + 6 + 3.5 + 3 != 82.9
    f = _read(pipes(HEAD, rows))
    assert f.score_tables == []
    assert any(w.code == "table_row_sum" and "南充市" in w.message for w in f.warnings)


def test_criterion_columns_without_points_give_no_table_and_a_warning():
    head = [h.split("(")[0] for h in HEAD]  # 总得分 | 政务公开及日常更新得分 | … (no points)
    f = _read(pipes(head, ROWS))
    assert f.score_tables == []  # before: items of max 96.4, 94 … (the total taken for the max)
    assert any(w.code == "header_unrecognised" and "not in the header" in w.message for w in f.warnings)


def test_columns_that_do_not_add_up_to_the_total_give_no_table():
    head = HEAD[:2] + ["总得分(120)"] + HEAD[3:]
    f = _read(pipes(head, ROWS))
    assert f.score_tables == [] and any(w.code == "table_row_sum" for w in f.warnings)


def test_a_cell_above_its_column_points_gives_no_table():
    rows = [r[:] for r in ROWS]
    rows[0][3:5] = ["70.4", "12"]  # 12 > 9, the sum still 96.4
    f = _read(pipes(HEAD, rows))
    assert f.score_tables == [] and any("above the column's points" in w.message for w in f.warnings)


def test_a_table_without_points_in_its_header_and_without_score_words_is_not_read():
    # b8 m03: 基础工作情况 | 主动公开信息 | … | 合计, no points anywhere: no reader takes it
    head = ["县市", "基础工作情况", "主动公开信息", "依申请公开信息", "其他", "合计"]
    rows = [["雷波县", "14", "45", "5", "5", "69"], ["宁南县", "14", "40", "5", "5", "64"]]
    f = _read(pipes(head, rows))
    assert f.score_tables == [] and not f.warnings


def test_the_last_row_cut_by_the_end_of_the_text_is_left_out():
    lines = cells_per_line(HEAD, ROWS[:2]) + ["3 |", "南充市 |", "82.9 |", "67.4 |"]
    f = _read(lines)
    assert [st.items[0].path for st in f.score_tables] == [["成都市"], ["眉山市"]]
    assert any("cut" in w.message for w in f.warnings)
