"""Zeros in words under a topic's heading (extractor/topic_zeros.py, patterns/topic_zeros.yaml)
and the small labels of issue 9 (G3): examples and counter-examples of the data file run
through the whole pipeline, and the provenance of a zero read from words."""
from __future__ import annotations

import pytest
import yaml

from extractor import pipeline, topic_zeros
from extractor.resources import patterns_dir

DATA = yaml.safe_load((patterns_dir() / "topic_zeros.yaml").read_text(encoding="utf-8"))
CASES = [(kind, ex) for kind in ("examples", "counter_examples") for ex in DATA[kind]]


def _extract(text: str) -> dict:
    return pipeline.extract(text.encode("utf-8"), name="r.txt", with_text=True)


@pytest.mark.parametrize("kind,ex", CASES, ids=[f"{k[:3]}-{i}" for i, (k, _) in enumerate(CASES)])
def test_topic_zero_examples(kind, ex):
    assert _extract(ex["text"])["values"] == ex["expect"]


def test_data_file_loads_and_every_topic_has_an_example():
    d = topic_zeros.load()
    said = set()
    for ex in DATA["examples"]:
        said |= set(ex["expect"])
    assert {k for t in d.topics for k in t.keys} <= said
    assert any(ex["expect"] == {} for ex in DATA["counter_examples"])


def test_zero_keeps_its_evidence_in_the_original_text():
    # Traditional script with a mirror's pinyin gloss: the evidence is the normalised text at the
    # fact's offsets, and the rule says where it came from
    rec = _extract("連江縣審計局2011年政府信息公開工作年度報告\n三、依申請公開情況\n"
                   "採取開通電話等方式受理政府信息依申(qǐng)請公開,目前尚無接到要求。\n")
    assert rec["values"] == {"applications.received": 0}
    [f] = [f for f in rec["facts"] if f["key"] == "applications.received"]
    a, b = f["offset"]
    assert rec["text"][a:b] == f["evidence"] == "尚无接到要求"
    assert f["rule"] == "clause:applications.received#topic-zero" and f["origin"] == "text"


def test_a_figure_of_the_topic_wins_over_a_zero_in_words():
    # a rule's figure for the key elsewhere in the report: the "none" paragraph gives nothing
    rec = _extract("某局2015年政府信息公开工作年度报告\n二、依申请公开政府信息情况\n无。\n"
                   "三、其他情况\n全年共受理政府信息公开申请3件。\n")
    assert rec["values"].get("applications.received") == 3
    assert not any(f["rule"].endswith("#topic-zero") for f in rec["facts"])


def test_plan_heading_gives_no_zero():
    rec = _extract("某局政府信息公开工作年度报告\n六、下一步工作打算\n依申请公开情况\n无。\n")
    assert "applications.received" not in rec["values"]
