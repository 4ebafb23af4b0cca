"""b8's score-table shapes on the real texts (tests/real/b8, a tuning set): every item the
tool gives matches the hand-written gold, and the gold's items are all found, for the
results table of several bodies (m02), a 扣分项 block with printed points (m01), a two-row
header one cell per line (m06), space-separated rows (m07), pipe rows with a wrapped cell
and two sheets (m08), and a results table printing no points, one cell per line with its
column names broken over two lines (m03: read since session 6 under its results title, items
without a max, every row adding up to its 合计; see tests/test_tables_s6_shapes.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import extract
from extractor.evaluate import DocScore, score_document

B8 = Path(__file__).parent / "real" / "b8"
SHAPES = ["m01_jinhua-jindongqu-2021-kaohe-pingfen-xize", "m02_sichuan-shiji-guotu-2011-wangshang-gongkai-paiming",
          "m03_liangshan-zhou-2011-xxgk-jixiao-kaohe-tongbao",
          "m06_luan-tongjiju-2023q2-ceping-zhenggai", "m07_shucheng-shenjiju-2021-ceping-zhenggai-qingkuangbiao",
          "m08_woyang-bumen-2020q3-pingfenbiao-zhenggai"]


def _score(name):
    gold = json.loads((B8 / f"{name}.gold.json").read_text(encoding="utf-8"))
    res = extract(B8 / f"{name}.txt")
    return res, score_document(res, gold, DocScore(path=name, name=name, rendering="txt"))


@pytest.mark.parametrize("name", SHAPES, ids=lambda n: n[:3])
def test_every_item_right_and_found(name):
    if not (B8 / f"{name}.txt").is_file():
        pytest.skip("batch b8 not in this checkout")
    _, ds = _score(name)
    assert ds.items_gold > 0
    assert ds.items_tp == ds.items_pred == ds.items_gold, (ds.items_tp, ds.items_pred, ds.items_gold)
    assert ds.totals_ok == ds.totals_n
