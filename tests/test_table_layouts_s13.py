"""Layout invariance of the statistics tables (session 13 T6): the grids of REAL reports,
flattened into the layouts crawled text carries them in (bench/table_layouts.py), read the
grid's values or none - never another value.

* over the dev set (../shared/corpus/real; skipped when absent): no layout yields a WRONG
  value, and each layout keeps at least the values it read when this test was written
  (count-based floors: a reader change that loses a layout's values fails here);
* a 表四 header whose line closes with the padding bars of merged cells (``总计 | ||||||``,
  the padding of b1 x04, x10 and pool s11 q049) has its row of figures on the next line:
  dev p16's 15 figures are read from it (they were lost: the padding was taken for the
  row's cells);
* b6 t28 (tests/real, in the repo): its 表四 one cell a line with a trailing bar and each
  row closed by a bare ``|`` (b1 x10's and x04's layout) starts with a bare bar that is
  either a blank first cell or the header row's closing bar - the reader read the figures
  one column off (reconsideration.corrected 5, litigation.direct.total 1 …); now it says
  so and reads none of the row, while the same table as pipe rows still reads them all.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "real"
T28 = ROOT / "tests" / "real" / "b6" / "t28_shanghai-shizhengfubangongting-2019.txt"

# values read the same as the grid's, per layout, on the dev set (11 sources) at 44f3e70
# plus this change; lost values are the layout's (blank cells dropped, a header repeated
# mid-table, rows as space-separated words, 表四 one cell a line with rows closed by bare
# bars, cell borders dropped so that figures run together: the split machinery reads only
# forced digits). pipe_pad 116 -> 131: p16's 表四 under a header line closed by padding bars
DEV_FLOORS = {
    "pipe": 131, "pipe_bound": 131, "pipe_pad": 131, "drop_blank": 131, "cell_lines": 131,
    "cell_lines_blank": 131, "cell_bar": 116, "cell_bar_open": 131, "cell_bar_dbl": 131,
    "sep_lines": 131, "spaces": 107, "spaces1": 107, "tabs": 107, "one_line": 131,
    "one_line_spaces": 131, "one_line_glued": 116, "row_glued": 116, "header_repeat": 48,
    "row_break": 131, "fullwidth": 131,
    # session 14 T7: the report cut inside its last table's last row of figures (an excerpt
    # cut at a length): the rows before it read as the grid, the cut row's whole cells only
    "cut_pipe": 99, "cut_cell_lines": 82, "cut_cell_lines_blank": 82, "cut_cell_bar": 82, "cut_spaces": 82,
}


@pytest.fixture(scope="module")
def layouts():
    spec = importlib.util.spec_from_file_location("table_layouts", ROOT / "bench" / "table_layouts.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.skipif(not DEV.is_dir(), reason="the dev set (../shared/corpus/real) is not here")
def test_dev_tables_in_every_layout_read_the_grid_or_nothing(layouts):
    same: dict[str, int] = {}
    wrong = []
    docs = 0
    for path in layouts.sources([DEV]):
        res = layouts.check(path)
        if res is None:
            continue
        res.pop("_blanks")
        docs += 1
        for lay, (s, _lost, w, det, _text) in res.items():
            same[lay] = same.get(lay, 0) + s
            wrong += [(path.name, lay, d) for d in det if d[0].startswith("WRONG")]
    assert docs >= 11
    assert not wrong
    low = {lay: (same.get(lay, 0), floor) for lay, floor in DEV_FLOORS.items() if same.get(lay, 0) < floor}
    assert not low, low


T4_KEYS = ("reconsideration.", "litigation.direct.", "litigation.after_reconsideration.")


def _t4_from_table(rec):
    return {f["key"]: f["value"] for f in rec["facts"]
            if f.get("origin") == "table" and f["key"].startswith(T4_KEYS)}


def test_t28_table4_closed_by_bare_bars_reads_nothing_rather_than_shifted(layouts):
    from extractor.load import load_document
    from extractor.pipeline import extract

    doc = load_document(T28)
    text = layouts.render(doc, "cell_bar")
    assert "总计 |\n|\n5 |\n|\n|\n2 |" in text  # the header's closing bar, then the row
    rec = extract(text.encode("utf-8"), name="t28.txt")
    assert _t4_from_table(rec) == {}
    assert any(w["code"] == "table_row_shape" and w["message"].startswith("表四")
               and "closing bar" in w["message"] for w in rec["warnings"])
    # the same grid as pipe rows: every figure of the row in its column (the gold's)
    piped = extract(layouts.render(doc, "pipe").encode("utf-8"), name="t28.txt")
    assert _t4_from_table(piped) == {
        "reconsideration.upheld": 5, "reconsideration.pending": 2, "reconsideration.total": 7,
        "litigation.direct.upheld": 8, "litigation.direct.pending": 1, "litigation.direct.total": 9}


def test_t28_table3_rows_one_cell_a_line_still_read(layouts):
    """The check is 表四's (a row right after its header): 表三's rows have labels of their
    own, so a bare bar after a label's line is a blank cell - the same cell_bar text reads
    表三's figures as the grid does."""
    from extractor.load import load_document
    from extractor.pipeline import extract

    doc = load_document(T28)
    rec = extract(layouts.render(doc, "cell_bar").encode("utf-8"), name="t28.txt")
    piped = extract(layouts.render(doc, "pipe").encode("utf-8"), name="t28.txt")
    t3 = {k: v for k, v in layouts._table_values(piped).items() if k.startswith(("outcome.", "applications."))}
    assert len(t3) >= 5
    got = layouts._table_values(rec)
    assert {k: got.get(k) for k in t3} == t3


def test_t28_table4_header_padded_with_bars_reads_the_next_line(layouts):
    """表四's last header line closed by the padding bars of merged cells (``总计 | ||||||``),
    the row on the next line with its blank cells printed (``5 |  |  | 2 | 7 | 8 | …``): the
    bars are the header's, the row's figures stand in their columns."""
    from extractor.load import load_document
    from extractor.pipeline import extract

    doc = load_document(T28)
    text = layouts.render(doc, "pipe_pad")
    assert "| 总计 | ||||||\n5 |  |  | 2 | 7 | 8 |" in text
    rec = extract(text.encode("utf-8"), name="t28.txt")
    assert _t4_from_table(rec) == {
        "reconsideration.upheld": 5, "reconsideration.pending": 2, "reconsideration.total": 7,
        "litigation.direct.upheld": 8, "litigation.direct.pending": 1, "litigation.direct.total": 9}


def test_t28_table4_padded_header_row_without_its_blank_cells_reads_nothing(layouts):
    """Counter-example: the same row written without its blank cells (``5 | 2 | 7 | 8 | 1 |
    9 |``, a crawl that drops empty cells) is not read from the next line nor from the
    padding - where each figure stood is not known."""
    from extractor.load import load_document
    from extractor.pipeline import extract

    text = layouts.render(load_document(T28), "pipe_pad")
    row = "5 |  |  | 2 | 7 | 8 |  |  | 1 | 9 |  |  |  |  |  | |"
    assert row in text
    cut = text.replace(row, "5 | 2 | 7 | 8 | 1 | 9 |")
    assert _t4_from_table(extract(cut.encode("utf-8"), name="t28.txt")) == {}
