"""Score tables from a scheme's percent shares in one sentence (scores/prose.py
read_percent_shares; patterns/score_tables.yaml ``percent_shares``)."""
from __future__ import annotations

import pytest

from extractor.model import DocumentBuilder, Source
from extractor.normalize import normalize
from extractor.tables.scores import read_score_tables, vocab
from extractor.tables.scores.prose import read_percent_shares


def _doc(*lines):
    b = DocumentBuilder(Source("t.txt"))
    for x in lines:
        b.add_paragraph(x)
    return normalize(b.build())


@pytest.mark.parametrize("e", vocab().examples["percent_shares"], ids=lambda e: e["text"][:24])
def test_percent_shares_examples(e):
    got = [[i.criterion, i.max] for t in read_percent_shares(_doc(e["text"])) for i in t.items]
    assert got == e["parts"]


def test_rule_with_four_weighted_parts_is_a_score_table_of_100():
    doc = _doc("吉安市政府信息公开工作考核办法",
               "三、考核内容",
               "主要包括信息数量、发布质量、公开时效和保障措施等四项内容,各项内容在政府信息公开考核"
               "分值中分别占30%、30%、20%和20%的权重。其中:",
               "1、信息数量。连续二个月以上不发布的一次扣一分,扣完本项分值为止。")
    (st,) = read_score_tables(doc, None).score_tables
    assert [(i.criterion, i.max, i.score) for i in st.items] == [
        ("信息数量", 30, None), ("发布质量", 30, None), ("公开时效", 20, None), ("保障措施", 20, None)]
    assert st.total["max"] == 100 and st.total["stated_max"] is None
    for it in st.items:  # evidence: from the part's name to the shares
        a, b = it.offset
        assert doc.text[a:b].startswith(it.criterion) and doc.text[a:b].endswith("权重")


def test_each_share_needs_the_stated_count_of_names():
    # 两部分 and two names: each takes its 50%
    doc = _doc("考核内容由政府信息公开情况考核、政府网站及政务新媒体考核构成,两部分各占50%分值。")
    (st,) = read_score_tables(doc, None).score_tables
    assert [(i.criterion, i.max) for i in st.items] == [("政府信息公开情况考核", 50), ("政府网站及政务新媒体考核", 50)]
    # 两部分 but three names: no reading
    doc = _doc("考核内容由信息公开、网站建设、新媒体考核构成,两部分各占50%分值。")
    assert read_score_tables(doc, None).score_tables == []


def test_shares_that_do_not_make_100_percent_or_a_claimed_score_are_no_scheme():
    assert read_percent_shares(_doc("考核包括日常考核和年终考核等两项内容,分别占40%和40%的权重。")) == []
    assert read_percent_shares(_doc("自评包括组织领导、主动公开等两项内容,分别占60%和40%的权重,自评得分95分。")) == []
