"""Statistics tables, session 14 T7: crawled layouts the readers dropped or misread, on real rows.

* 表二 header cells that name no column by themselves, fixed by their place in the template
  (stats/gb_header._unnamed_cells): b23 ao28 prints 本年新制作数量 twice (a source's typo; the
  second copy stood for 本年新公开数量 and was read as 本年新制作数量 again - rules.issued from
  two columns), b20 ah16 prints 本年新制作数量 | 本年新 | 對外公開 (cut short). A cell whose
  place does not prove its column leaves the table unread (header_unrecognised).
* a row the text ends in (an excerpt cut at a length, inside a line too): its last printed cell
  is read only when it is whole - a cell border follows it, or it is a count's 0; figures on one
  line with no border (digits run together, or cells cut off) are not split unless all zeros or
  the row's sums check every cell (stats/rows._first_cells, _zeros_whole, _sums_cover).
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from extractor.model import Findings
from extractor.pipeline import load_and_normalize
from extractor.reconcile import reconcile
from extractor.tables.stats import read_stat_tables

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "real"
AO28 = REAL / "b23" / "ao28_linxia-kangle-shangwanxiang-2019.txt"
AH16 = REAL / "b20" / "ah16_linxiazhou-jiaotongyunshuju-2019-trad.txt"

T2_ONE = ("rules.issued", "rules.published", "rules.public_total", "normative.issued",
          "normative.published", "proactive.normative_docs", "normative.public_total")


def _read(text: str):
    """The tables of ``text`` read as the tool reads a .txt report (loader, normalisation)."""
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "report.txt"
        p.write_text(text, encoding="utf-8")
        doc = load_and_normalize(p)
    f = read_stat_tables(doc, None)
    for fact in f.facts:
        assert doc.text[fact.offset[0]:fact.offset[1]] == fact.evidence
    return reconcile(doc, None, Findings(), f)["values"], f


def _codes(f):
    return [w.code for w in f.warnings]


def _messages(f):
    return [w.message for w in f.warnings]


def _t2_one(vals):
    return {k: vals[k] for k in T2_ONE if k in vals}


# ------------------------------------------------------------- a header cell named by its place


def test_ao28_label_printed_twice_the_copy_at_the_missing_place_is_that_column():
    text = AO28.read_text(encoding="utf-8")
    assert "本年新制作数量\n\n本年新制作数量\n\n对外公开总数量" in text
    vals, f = _read(text)
    assert _t2_one(vals) == {k: 0 for k in T2_ONE}
    # the second column is read once, as published - no second rules.issued from it
    issued = [x for x in f.facts if x.key == "rules.issued"]
    assert len(issued) == 1
    assert any("names no column by itself" in m and "published" in m for m in _messages(f))


def test_ao28_shape_with_distinct_figures_reads_each_column():
    text = ("第二十条第(一)项\n信息内容\n本年新制作数量\n本年新制作数量\n对外公开总数量\n"
            "规章\n3\n5\n9\n规范性文件\n0\n1\n4")
    vals, _ = _read(text)
    assert _t2_one(vals) == {"rules.issued": 3, "rules.published": 5, "rules.public_total": 9,
                             "normative.issued": 0, "normative.published": 1,
                             "proactive.normative_docs": 1, "normative.public_total": 4}


def test_ah16_stems_cut_short_read_by_elimination():
    text = AH16.read_text(encoding="utf-8")
    assert "本年新制作數(shù)量 | 本年新 | 對(duì)外公開 |" in text
    vals, f = _read(text)
    assert _t2_one(vals) == {k: 0 for k in T2_ONE}
    # the other sub-tables of the same report are as before
    assert vals["licensing.items_change"] == 62 and vals["penalty.decisions"] == 8
    assert "header_unrecognised" not in _codes(f)


def test_ah16_shape_with_distinct_figures():
    text = ("第二十條第(一)項 | |||\n信息內容 | 本年新制作數量 | 本年新 | 對外公開 |\n"
            "規章 | 1 | 2 | 3 |\n規範性文件 | 4 | 5 | 6 |")
    vals, _ = _read(text)
    assert _t2_one(vals) == {"rules.issued": 1, "rules.published": 2, "rules.public_total": 3,
                             "normative.issued": 4, "normative.published": 5,
                             "proactive.normative_docs": 5, "normative.public_total": 6}


def test_unnamed_cell_whose_place_proves_nothing_leaves_the_table_unread():
    for text in (
            # a label printed twice and nothing else: where either copy stands is not known
            "第二十条第(一)项\n信息内容 | 本年新制作数量 | 本年新制作数量\n规章 | 1 | 2",
            # a stem at a place whose column it does not begin
            "第二十条第(一)项\n信息内容 | 本年新制作数量 | 对外公开 | 本年新\n规章 | 1 | 2 | 3",
            # a label printed twice far from the place of the column missing
            "第二十条第(一)项\n信息内容 | 本年新制作数量 | 对外公开总数量 | 本年新制作数量\n规章 | 1 | 2 | 3"):
        vals, f = _read(text)
        assert not _t2_one(vals), text
        assert "header_unrecognised" in _codes(f), text


def test_delimited_stem_that_names_no_column_is_a_column_with_no_keys():
    # as before the elimination: between cell borders, an unrecognised cell keeps its place and
    # the recognised columns are read (本年新 could be 本年新制作数量 or 本年新公开数量)
    for text in ("第二十条第(一)项 | | |\n信息内容 | 本年新 | 对外公开总数量 |\n规章 | 1 | 30 |",
                 "第二十条第(一)项 | | | |\n信息内容 | 对外公开总数量 | 本年新 | 本年新 |\n规章 | 30 | 1 | 2 |"):
        vals, f = _read(text)
        assert _t2_one(vals) == {"rules.public_total": 30}, text
        assert any("its figures are not read" in m for m in _messages(f))


# ------------------------------------------------------------- a row the text ends in


def test_cut_pipe_row_keeps_its_last_cell_only_when_whole():
    # pool s10 p160's shape: the text (an opening cut at a length) ends after 规范性文件 | 0 | 1 -
    # the 1 may be the start of 12; the cell before it is whole (a border follows it)
    head = "第二十条第(一)项 | | |\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量\n规章 | 0 | 1 | 1\n"
    vals, f = _read(head + "规范性文件 | 2 | 1")
    assert _t2_one(vals) == {"rules.issued": 0, "rules.published": 1, "rules.public_total": 1,
                             "normative.issued": 2}
    assert any("perhaps cut short" in m for m in _messages(f))
    # without the rule the 1 was read as published (the pipe row's first cells, 1036fbb)
    # a count's 0 cannot be the start of a longer figure (b15 b13's 规章 | 0 | 0)
    vals, _ = _read(head + "规范性文件 | 2 | 0")
    assert vals["normative.published"] == 0


def test_cut_row_on_one_line_without_borders_is_not_split():
    # 行政规范性文件 18 | 0 | 18 cut after its second cell: 18 0 would split 1 | 8 | 0
    vals, f = _read("第二十条第(一)项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n行政规范性文件 18 0")
    assert not {k for k in vals if k.startswith("normative.")}
    assert any("the text ends in the row" in m for m in _messages(f))


def test_cut_row_of_zeros_run_together_is_read():
    # b7 q22's last row: 行政事业性收费00 for two count columns - a lost figure cannot follow a 0
    vals, _ = _read("第二十条第(八)项\n信息内容上一年项目数量本年增/减\n行政事业性收费00")
    assert vals["fees.items_prev"] == 0 and vals["fees.items_change"] == 0


def test_one_cell_a_line_row_the_text_ends_in_stays_unread():
    # b23 aq23's shape (规章 / 0 / 0 and the text ends): a crawl of one cell a line drops blank
    # cells anywhere in a row (b23 ao26: 行政许可 / 19 / +4 with its blank third cell gone), so
    # the printed cells need not be the first columns - no value (the gold's reading is a guess
    # the layout does not prove)
    vals, f = _read("第二十条第(一)项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n0\n0\n")
    assert not {k for k in vals if k.startswith("rules.")}
    assert "table_row_shape" in _codes(f)
