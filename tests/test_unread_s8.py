"""Session 8, helper U (issue 9): figures that no rule read on texts nobody tuned for, read with general rules.

`zwgk show FILE --unread` over the pools (/work/pool/pa, pb, pc) and the tuning sets b5-b12 listed the figure
sentences no rule read (table /work/notes/s8_unread.md). The classes of the families of review and applications
seen in two or more texts, fixed as slot entries of patterns/facts/review.yaml and applications.yaml:

- the PENDING label slot of 行政复议 / 行政诉讼: 尚未审结 written before the case noun (…行政复议0件,尚未审结行政复议0件
  和提起行政诉讼0件: b8 k17), 尚未办结 after the results with nothing else between (收到行政复议1件,维持结果1件,尚未办结0件:
  b6 t01), a case still heard by the reviewing body (2件正在复议机关审理中,尚未审结: pool pd40); the case noun
  after 尚未审结 is then no second total;
- the next year named after 结转 without 办理 (结转2025年183件: b8 k29).

Each through the whole pipeline, with the look-alikes that must keep giving nothing.
"""
from __future__ import annotations

from extractor import pipeline


def _extract(text: str) -> dict:
    return pipeline.extract(text.encode("utf-8"), name="r.txt")


REVIEW_DOC = """{body}{year}年政府信息公开工作年度报告
一、总体情况
(二)依申请公开
{year}年,{body}共收到政府信息公开申请{apps}件,均已按时办结。
四、政府信息公开行政复议、行政诉讼情况
{sentence}
五、存在的主要问题及改进情况
进一步加强政府信息公开工作。
"""


def _review(sentence: str, apps: int = 3) -> dict:
    return _extract(REVIEW_DOC.format(body="南大街街道办事处", year=2024, apps=apps, sentence=sentence))


def test_pending_label_before_the_case_noun_is_read_for_both_kinds():
    rec = _review("本年度因政府信息公开申请行政复议2件,尚未审结行政复议1件和提起行政诉讼3件,尚未审结行政诉讼1件。")
    v = rec["values"]
    assert v["reconsideration.total"] == 2 and v["reconsideration.pending"] == 1
    assert v["litigation.total"] == 3 and v["litigation.pending"] == 1
    # the pending figure is no second total (nothing ambiguous is withheld)
    assert not any(w["code"] == "ambiguous" for w in rec["warnings"])


def test_pending_zeros_as_b8_k17_writes_them():
    rec = _review("本年度因政府信息公开申请行政复议0件,尚未审结行政复议0件和提起行政诉讼0件,尚未审结行政诉讼0件。")
    v = rec["values"]
    assert (v["reconsideration.total"], v["reconsideration.pending"]) == (0, 0)
    assert (v["litigation.total"], v["litigation.pending"]) == (0, 0)


def test_unfinished_after_the_results_is_the_pending_count():
    rec = _review("全年共收到行政复议1件,维持结果1件,尚未办结0件;未经复议直接诉讼0件,复议后诉讼0件。")
    v = rec["values"]
    assert v["reconsideration.total"] == 1 and v["reconsideration.upheld"] == 1
    assert v["reconsideration.pending"] == 0


def test_a_case_still_heard_by_the_reviewing_body_is_pending():
    rec = _review("2024年因政府信息公开问题被申请行政复议有3件,其中,1件被复议机关撤销答复书中部分答复内容,"
                  "2件正在复议机关审理中,尚未审结。")
    v = rec["values"]
    assert v["reconsideration.total"] == 3 and v["reconsideration.pending"] == 2


def test_unfinished_applications_after_a_review_count_are_not_pending_reviews():
    rec = _review("收到行政复议1件,依申请公开5件,尚未办结2件。")
    assert "reconsideration.pending" not in rec["values"]
    rec = _review("全年受理政府信息公开申请12件,尚未办结2件,未发生行政复议。", apps=12)
    assert "reconsideration.pending" not in rec["values"]
    assert rec["values"].get("reconsideration.total") == 0


APPS_DOC = """天津市某某委员会2024年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
{sentence}
"""


def test_the_next_year_named_after_carry_is_carried_forward():
    rec = _extract(APPS_DOC.format(sentence="全年接收政府信息公开申请1554件,2023年结转132件;全年办理1503件,结转2025年183件。"))
    v = rec["values"]
    assert v["applications.received"] == 1554
    assert v["applications.carried_forward"] == 183
    assert v.get("applications.carried_over") == 132


def test_the_earlier_year_before_carry_is_not_carried_forward():
    rec = _extract(APPS_DOC.format(sentence="全年接收政府信息公开申请20件,2023年结转2件,全年办结22件。"))
    assert "applications.carried_forward" not in rec["values"]


ZERO_DOC = """{body}2020年政府信息公开工作年度报告
一、总体情况
2020年,{body}主动公开政府信息25条。{sentence}
"""


def test_no_application_named_by_its_file_is_a_zero_under_any_heading():
    # b1 x25, b8 k13, b11 h69, pool pb yn_lincang write 未收到依申请公开件; a 县局 page 未受理到依申请公开件
    for sentence in ("本单位未收到依申请公开件。", "本年度未受理到依申请公开件,未收到公众申请要求公开的其它方面政府信息。"):
        rec = _extract(ZERO_DOC.format(body="临沧市气象局", sentence=sentence))
        assert rec["values"]["applications.received"] == 0


def test_the_cases_an_application_led_to_are_not_a_zero_of_applications():
    rec = _extract(ZERO_DOC.format(body="临沧市气象局", sentence="本年度未发生因依申请公开件引起的行政复议。"))
    assert "applications.received" not in rec["values"]
    assert rec["values"]["reconsideration.total"] == 0


def test_no_request_of_an_applicant_is_a_zero():
    # pool pc02: the zero was invisible to --unread (no figure) and read by no rule (申请人 is one word)
    doc = ("青龙乡人民政府2015年政府信息公开工作年度报告\n一、信息公开工作基本情况\n全年上传公开信息685条。\n"
           "二、依申请公开政府信息及咨询受理情况\n2015年,我乡没有收到申请人要求公开政府信息的情况。\n")
    assert _extract(doc)["values"]["applications.received"] == 0
    doc = doc.replace("没有收到申请人要求公开政府信息的情况", "申请人要求公开政府信息的申请均已收到答复")
    assert "applications.received" not in _extract(doc)["values"]


def test_the_other_result_with_its_share_is_read_as_the_other_results_are():
    doc = ("梅县区人民政府办公室2025年政府信息公开工作年度报告\n一、总体情况\n(二)依申请公开情况。\n"
           "2025年,共收到政府信息公开申请6件,上年结转1件,全年实际处理申请共计7件,均按时规范办结7件。"
           "其中:予以公开2件,占29%;因本机关不掌握相关信息而无法提供2件,占29%;其他处理3件,占42%。\n")
    v = _extract(doc)["values"]
    assert v["outcome.granted"] == 2 and v["outcome.other"] == 3
