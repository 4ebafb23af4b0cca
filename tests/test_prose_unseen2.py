"""Generalisation of the prose rules, second set: report styles the first set lacks.

Each ``tests/fixtures/unseen_prose2/NAME.txt`` is an unseen-style prose report: a 2010
provincial department's annual report (受理/答复/办结 counts, refusal reasons, 咨询, a
last-year lawsuit), a 2018 county report with 主动公开 by channel (门户网站/政务微博/微信
公众号/政府公报/新闻发布会) and 政策解读, a 2022 town report that writes its 表二/表三/表四
figures as sentences, a 2014 自查报告 with 整改 items and figures, a 2021 department summary
mixing 今年/去年/累计/同比 figures, and a 2016 report in Chinese numerals full of 余/约/近
approximations and percentages. ``NAME.expect.json`` was written by hand as a careful reader
would under SCHEMA.md, before the tool was run on it and never copied from its output:
``values`` is exhaustive, ``_optional`` lists figures a reader could state either way
(reporting one with the same value is neither rewarded nor penalised, another value is
wrong), ``_notes`` explain the calls.

First run (before any rule was changed for them): precision 1.000 on every fixture, recall
129/160 = 0.806.

Precision must be 1.0 on every fixture; recall is reported and must not fall below what
the rules reached when this file was written.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.pipeline import extract

HERE = Path(__file__).resolve().parent / "fixtures" / "unseen_prose2"
FIXTURES = sorted(p.stem for p in HERE.glob("*.txt"))

# overall recall reached on the fixtures (correct / expected); raise it, never lower it
RECALL_FLOOR = 1.0  # 160/160 (the last 2, channel counts followed by ",占N%", read since allow_share)


def _score(name: str):
    out = extract(str(HERE / f"{name}.txt"))
    expect = json.loads((HERE / f"{name}.expect.json").read_text(encoding="utf-8"))
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
    return {name: _score(name) for name in FIXTURES}


def test_fixtures_present():
    assert len(FIXTURES) >= 6
    for name in FIXTURES:
        exp = json.loads((HERE / f"{name}.expect.json").read_text(encoding="utf-8"))
        assert exp["values"] and exp["_notes"], name
        n = len((HERE / f"{name}.txt").read_text(encoding="utf-8"))
        assert 1500 <= n <= 3500, (name, n)


@pytest.mark.parametrize("name", FIXTURES)
def test_precision_is_perfect(scores, name):
    out, s = scores[name]
    assert not s["wrong"] and not s["extra"], (name, s["wrong"], s["extra"])
    assert not out["errors"], out["errors"]
    text = (HERE / f"{name}.txt").read_text(encoding="utf-8")
    assert text  # evidence is checked against the normalised text by the pipeline
    for f in out["facts"]:
        assert f["evidence"] and f["offset"][1] > f["offset"][0]


def test_recall_floor(scores):
    n_want = sum(s["n_want"] for _, s in scores.values())
    n_ok = sum(len(s["correct"]) for _, s in scores.values())
    recall = n_ok / n_want
    missing = {name: s["missing"] for name, (_, s) in scores.items() if s["missing"]}
    print(f"unseen prose 2 recall {n_ok}/{n_want} = {recall:.3f}; missing {missing}")
    assert recall >= RECALL_FLOOR - 1e-9, (recall, missing)
