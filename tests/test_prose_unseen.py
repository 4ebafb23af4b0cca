"""Generalisation of the prose rules to reports written in wordings the dev set lacks.

Two sets of unseen-style prose reports, each ``NAME.txt`` with ``NAME.expect.json``
written by hand as a careful reader would under SCHEMA.md, before the tool was run on it
and never copied from its output: ``values`` is exhaustive, ``_optional`` lists figures a
reader could state either way (reporting one with the same value is neither rewarded nor
penalised, another value is wrong), ``_notes`` explain the calls.

* ``tests/fixtures/unseen_prose/``: a 2009 county bureau annual report, a 2012
  self-inspection, a town 政务公开工作总结 in Chinese numerals, a 2020 report's 总体情况, a
  Traditional-character mirror, a county report full of sub-unit and last-year figures, a
  sub-district summary with next year's plans.
* ``tests/fixtures/unseen_prose2/``: a 2010 provincial department's annual report
  (受理/答复/办结 counts, refusal reasons, 咨询, a last-year lawsuit), a 2018 county report
  with 主动公开 by channel (门户网站/政务微博/微信公众号/政府公报/新闻发布会) and 政策解读, a
  2022 town report that writes its 表二/表三/表四 figures as sentences, a 2014 自查报告 with
  整改 items and figures, a 2021 department summary mixing 今年/去年/累计/同比 figures, and a
  2016 report in Chinese numerals full of 余/约/近 approximations and percentages. First run
  (before any rule was changed for them): precision 1.000 on every fixture, recall
  129/160 = 0.806.

Precision must be 1.0 on every fixture; recall is reported per set and must not fall below
what the rules reached when the set was written.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.pipeline import extract

FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
# per set: recall reached on its fixtures (correct / expected; raise it, never lower it),
# the least number of fixtures, and the least length of a fixture in characters
SETS = {
    # 99/99 (staff figures whose topic word is in the paragraph: context_scope paragraph)
    "unseen_prose": dict(recall_floor=1.0, min_fixtures=6, min_chars=900),
    # 160/160 (the last 2, channel counts followed by ",占N%", read since allow_share)
    "unseen_prose2": dict(recall_floor=1.0, min_fixtures=6, min_chars=1500),
}
FIXTURES = [(set_, p.stem) for set_ in SETS for p in sorted((FIXTURES_DIR / set_).glob("*.txt"))]


def _score(set_: str, name: str):
    here = FIXTURES_DIR / set_
    out = extract(str(here / f"{name}.txt"))
    expect = json.loads((here / f"{name}.expect.json").read_text(encoding="utf-8"))
    want, optional = expect["values"], expect.get("_optional") or {}
    got = out["values"]
    text_keys = {f["key"] for f in out["facts"] if f["origin"] == "text"}
    correct = {k for k, v in want.items() if k in got and got[k] == v}
    wrong = {k: (got[k], want[k]) for k in want if k in got and got[k] != want[k]}
    extra = {k: got[k] for k in got
             if k not in want and not (k in optional and optional[k] == got[k])}
    missing = sorted(k for k in want if k not in got)
    return out, dict(correct=correct, wrong=wrong, extra=extra, missing=missing,
                     n_want=len(want), text_keys=text_keys)


@pytest.fixture(scope="module")
def scores():
    return {case: _score(*case) for case in FIXTURES}


@pytest.mark.parametrize("set_", SETS)
def test_fixtures_present(set_):
    here, spec = FIXTURES_DIR / set_, SETS[set_]
    names = [name for s, name in FIXTURES if s == set_]
    assert len(names) >= spec["min_fixtures"]
    for name in names:
        exp = json.loads((here / f"{name}.expect.json").read_text(encoding="utf-8"))
        assert exp["values"] and exp["_notes"], name
        n = len((here / f"{name}.txt").read_text(encoding="utf-8"))
        assert spec["min_chars"] <= n <= 3500, (name, n)


@pytest.mark.parametrize("case", FIXTURES, ids=[f"{s}/{n}" for s, n in FIXTURES])
def test_precision_is_perfect(scores, case):
    out, s = scores[case]
    assert not s["wrong"] and not s["extra"], (case, s["wrong"], s["extra"])
    assert not out["errors"], out["errors"]
    set_, name = case
    text = (FIXTURES_DIR / set_ / f"{name}.txt").read_text(encoding="utf-8")
    assert text  # evidence is checked against the normalised text by the pipeline
    for f in out["facts"]:
        assert f["evidence"] and f["offset"][1] > f["offset"][0]


@pytest.mark.parametrize("set_", SETS)
def test_recall_floor(scores, set_):
    mine = {name: s for (st, name), (_, s) in scores.items() if st == set_}
    n_want = sum(s["n_want"] for s in mine.values())
    n_ok = sum(len(s["correct"]) for s in mine.values())
    recall = n_ok / n_want
    missing = {name: s["missing"] for name, s in mine.items() if s["missing"]}
    print(f"{set_} recall {n_ok}/{n_want} = {recall:.3f}; missing {missing}")
    assert recall >= SETS[set_]["recall_floor"] - 1e-9, (recall, missing)
