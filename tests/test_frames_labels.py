"""Session 9, helper F1 (issue 9, frames): the gb2019/gb2021 表四 labels written as prose.

The template's result labels of a review / litigation (结果维持, 结果纠正, 其他结果, 尚未审结) written as a run of
clauses after the case count: in the count's sentence with ; between the labels, or as the next sentence opening with
其中 (b13 i25: 「…行政复议0件。其中结果维持0件;结果纠正0件;其他结果0件;尚未审结0件;涉及政府信息公开行政诉讼0件。其中结果
维持0件。」). The topic of a run is the count right before its 其中 (patterns/facts/review.yaml, rules id label-clause):
the labels after another count (the applications), a count of no disclosure topic, and labels out of the template's
order give nothing.

Each through the whole pipeline.
"""
from __future__ import annotations

from extractor import pipeline

DOC = """{body}{year}年政府信息公开工作年度报告
一、总体情况
{year}年,{body}共收到政府信息公开申请{apps}件,均已按时办结。
四、政府信息公开行政复议、行政诉讼情况
{sentence}
五、存在的主要问题及改进情况
进一步加强政府信息公开工作。
"""


def _values(sentence: str, apps: int = 3) -> dict:
    text = DOC.format(body="海口市龙华区司法局", year=2021, apps=apps, sentence=sentence)
    return pipeline.extract(text.encode("utf-8"), name="r.txt")["values"]


def _review_keys(v: dict) -> dict:
    return {k: x for k, x in v.items() if k.startswith(("reconsideration.", "litigation."))}


def test_i25_label_sentences_after_each_count():
    v = _values("2021年涉及政府信息公开行政复议0件。其中结果维持0件;结果纠正0件;其他结果0件;尚未审结0件;"
                "涉及政府信息公开行政诉讼0件。其中结果维持0件。")
    assert _review_keys(v) == {
        "reconsideration.total": 0, "reconsideration.upheld": 0, "reconsideration.corrected": 0,
        "reconsideration.other": 0, "reconsideration.pending": 0, "litigation.total": 0, "litigation.upheld": 0}


def test_label_run_with_semicolons_in_the_count_sentence():
    v = _values("本年度因政府信息公开申请行政复议6件,其中结果维持3件;结果纠正1件;其他结果1件;尚未审结1件。")
    assert _review_keys(v) == {
        "reconsideration.total": 6, "reconsideration.upheld": 3, "reconsideration.corrected": 1,
        "reconsideration.other": 1, "reconsideration.pending": 1}


def test_litigation_labels_take_the_litigation_count_before_them():
    v = _values("因政府信息公开申请行政复议2件,其中结果维持2件。因政府信息公开申请提起行政诉讼3件。其中结果维持1件;结果纠正2件。")
    rv = _review_keys(v)
    assert rv["litigation.total"] == 3 and rv["litigation.upheld"] == 1 and rv["litigation.corrected"] == 2
    assert rv["reconsideration.upheld"] == 2 and "reconsideration.corrected" not in rv


def test_labels_after_another_count_give_nothing():
    # 其中 after the applications' count: the labels are no review results
    v = _values("本年度收到政府信息公开申请5件。其中结果维持2件;其他结果3件。", apps=5)
    assert _review_keys(v) == {}


def test_labels_after_a_count_of_no_disclosure_topic_give_nothing():
    # (the count itself is read by the total rules under this section's heading; the run's topic needs the
    # disclosure topic in the count's own sentence)
    v = _values("全市行政复议机关受理复议案件20件。其中结果维持12件;结果纠正3件。")
    assert not any(k.endswith((".upheld", ".corrected")) for k in _review_keys(v))


def test_labels_out_of_the_template_order_give_nothing_after_the_first():
    # 其他结果 before 结果纠正: the run is not the template's, 结果纠正 is left unread
    v = _values("因政府信息公开申请行政复议4件。其中其他结果1件;结果纠正3件。")
    rv = _review_keys(v)
    assert rv.get("reconsideration.other") == 1
    assert "reconsideration.corrected" not in rv
