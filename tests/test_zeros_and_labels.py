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


# ---- pinyin glosses without tone marks (extractor/pinyin_gloss.py)

@pytest.mark.parametrize("raw,want", [
    # a mirror's toneless glosses, twice after one character too (harvested: a 国办公开办函 mirror)
    ("依(yi)申(shen)請公(gong)(gong)開(kai)(kai)程序更加完備", "依申请公开程序更加完备"),
    ("依申請(qing3)公開", "依申请公开"),                       # a tone digit
    ("數(shù)(shu)量", "数量"),                                   # toned then toneless
    # not a reading of the character before: kept (a file type, list letters, a year, a numbering)
    ("下载附件(pdf)和规定(a)", "下载附件(pdf)和规定(a)"),
    ("《办法》(2019)(试行)(一)", "《办法》(2019)(试行)(一)"),
])
def test_toneless_glosses(raw, want):
    from extractor.normalize import normalize_text

    out, mapping = normalize_text(raw)
    assert out == want
    # every kept character maps back to the same character of the original (script aside)
    assert len(mapping) == len(out) + 1
    assert all(raw[mapping[i]] not in "()" or out[i] in "()" for i in range(len(out)))


def test_gloss_removed_document_reads_and_quotes_the_original():
    rec = _extract("某局2012年政府信息公開工作年度報告\n三、依(yi)申(shen)請(qing)公(gong)開(kai)情況\n本年度未收到政府信息公開申(shen)請。\n")
    assert rec["values"] == {"applications.received": 0}
