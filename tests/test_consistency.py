"""The same report in every format gives the same values and score tables (issue 4).

Scans (``*.scan.pdf``) are excluded: they have no text layer until OCR exists.
"""
from collections import defaultdict

import pytest

from corpus_results import BUNDLED, REAL, extracted
from extractor.evaluate import _lcs, same_value

BAR = 0.98


def _agreement(corpus):
    by_name = defaultdict(dict)
    for path, gold, rendering, res, _text in extracted(corpus):
        if rendering.endswith("scan.pdf") or res["errors"]:
            continue
        by_name[gold.name][rendering] = res
    keys_total = keys_same = items_total = items_same = 0
    disagreements = []
    for name, rends in by_name.items():
        if len(rends) < 2:
            continue
        union = set().union(*(r["values"] for r in rends.values()))
        for k in union:
            vals = [r["values"].get(k, "<absent>") for r in rends.values()]
            keys_total += 1
            if all(same_value(v, vals[0]) for v in vals):
                keys_same += 1
            else:
                disagreements.append((name, k, dict(zip(rends, vals))))
        seqs = {r: [(i["max"], i["score"]) for t in res["score_tables"] for i in t["items"]]
                for r, res in rends.items()}
        longest = max(seqs.values(), key=len)
        for r, s in seqs.items():
            items_total += len(longest)
            items_same += _lcs(longest, s)
    return keys_same, keys_total, items_same, items_total, disagreements


def _assert(corpus):
    ks, kt, is_, it, dis = _agreement(corpus)
    assert kt > 0
    assert ks / kt >= BAR, f"values agree on {ks}/{kt} keys; first disagreements: {dis[:10]}"
    if it:
        assert is_ / it >= BAR, f"score items agree {is_}/{it}"


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus/real not available")
def test_real_reports_same_values_in_every_format():
    _assert(REAL)


def test_bundled_corpus_same_values_in_every_format():
    if not any(BUNDLED.glob("*.gold.json")):
        pytest.skip("bundled corpus not generated")
    _assert(BUNDLED)
