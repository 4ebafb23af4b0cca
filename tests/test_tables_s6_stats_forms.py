"""Statistics tables re-rendered in the text forms crawlers produce (issue 9, session 6).

Every table block of the dev set, corpus/ and b1–b3, b5–b9 (.docx/.html renderings) from
which the statistics readers take values is written again as text in the forms of
tests/test_tables_s6_forms.py (pipes, pipes with empty trailing cells, one cell per line,
space columns, comma rows, wrapped cells, an extra 序号 column, Traditional script), after the
one or two paragraphs printed above it, and read back as a .txt document.  Each form must
give the table's own values or a part of them, or nothing — never a value the table does
not hold.  (Comma rows are not read by the statistics readers at all: no value, no wrong one.)
"""
from __future__ import annotations

import glob
import json
import os
from collections import Counter
from functools import lru_cache

import pytest

from extractor.load import load_document
from extractor.normalize import normalize
from extractor.tables.stats import read_stat_tables
from test_tables_s6_forms import DEV, FORMS, ROOT
from text_docs import load_lines

STAT_FORMS = ("pipe", "pipe_trailing", "per_line", "spaces", "commas", "wrapped", "seq_col", "trad")


@lru_cache(maxsize=1)
def stat_tables():
    golds = sorted(glob.glob(str(DEV / "*.gold.json"))) + sorted(glob.glob(str(ROOT / "corpus" / "*.gold.json")))
    for b in ("b1", "b2", "b3", "b5", "b6", "b7", "b8", "b9"):
        golds += sorted(glob.glob(str(ROOT / "tests" / "real" / b / "*.gold.json")))
    out, seen = [], set()
    for g in golds:
        stem = g[: -len(".gold.json")]
        path = next((stem + e for e in (".docx", ".html") if os.path.exists(stem + e)), None)
        if path is None:
            continue
        doc = normalize(load_document(path))
        facts = read_stat_tables(doc, None).facts
        for i, bl in enumerate(doc.blocks):
            if bl.kind != "table":
                continue
            ref = [(x.key, x.value) for x in facts if bl.start <= x.offset[0] < bl.end]
            if not ref:
                continue
            t, grid = bl.table, bl.table.grid()
            rows = [[grid[r][k].text if grid[r][k] is not None and (grid[r][k].row, grid[r][k].col) == (r, k) else ""
                     for k in range(t.n_cols)] for r in range(t.n_rows)]
            key = json.dumps(rows, ensure_ascii=False)
            if key in seen:
                continue
            seen.add(key)
            above = [b.text for b in doc.blocks[max(0, i - 2):i] if b.kind == "paragraph"]
            out.append((os.path.basename(path), above, rows, ref))
    return out


@pytest.mark.skipif(not DEV.is_dir(), reason="the dev corpus ../shared/corpus/real is not here")
def test_every_form_of_a_statistics_table_reads_its_values_or_none():
    tables = stat_tables()
    assert len(tables) >= 15 and sum(len(t[3]) for t in tables) >= 250
    tally = {f: Counter() for f in STAT_FORMS}
    wrong = []
    for name, above, rows, ref in tables:
        want = Counter(ref)
        for form in STAT_FORMS:
            got = Counter((x.key, x.value) for x in read_stat_tables(load_lines(above + FORMS[form](rows)), None).facts)
            v = "none" if not got else "same" if got == want else "part" if not got - want else "WRONG"
            tally[form][v] += 1
            if v == "WRONG":
                wrong.append((form, name, sorted(got - want)[:3]))
    assert not wrong, wrong
    # what the forms read at the end of session 6 (floors)
    floors = dict(pipe=16, pipe_trailing=13, per_line=14, spaces=17, wrapped=15, seq_col=13, trad=16)
    assert all(tally[f]["same"] >= n for f, n in floors.items()), tally


T4 = ["四、政府信息公开行政复议、行政诉讼情况",
      "| {seq}行政复议 |  |  |  |  | 行政诉讼 |  |  |  |  |  |  |  |  |  |",
      "| {blank}结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 |  |  |  |  | 复议后起诉 |  |  |  |  |",
      "| {blank} |  |  |  |  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
      "| {num}3 | 2 | 1 | 1 | 7 | 2 | 1 | 1 | 0 | 4 | 1 | 1 | 0 | 1 | 3 |"]


def _t4(seq, blank, num):
    return [x.format(seq=seq, blank=blank, num=num) for x in T4]


def test_a_seq_column_before_the_litigation_table_is_no_figure():
    f = read_stat_tables(load_lines(_t4("序号 | ", " | ", "1 | ")), None)
    vals = {x.key: x.value for x in f.facts}
    assert vals["reconsideration.upheld"] == 3 and vals["reconsideration.total"] == 7
    assert vals["litigation.direct.total"] == 4 and vals["litigation.after_reconsideration.pending"] == 1
    # the same row without a 序号 header: one cell too many, nothing read (which is extra
    # is not known)
    f = read_stat_tables(load_lines(_t4("", "", "1 | ")), None)
    assert not [x for x in f.facts if x.key.startswith(("reconsideration", "litigation"))]
    assert any(w.code == "table_row_shape" for w in f.warnings)
