"""Open slots for applications, outcomes, review and zero statements (issue 9, session 9, helper O2; b13 classes
X5-X8): the open channel run (以|通过 + channel + a short run + verb/申请 + way), the ways listed and cut by ;
(the applications named in the paragraph before), a bare 传真N件 after another way's count, the applicant run
before 公开政府信息的申请, the figure-first breakdown N件属自然人申请, the zero heads (向…提出…申请, “依申请公开”
事件, 被纠错 after the review count, 前来咨询, 零投诉, 无不予公开…的情况) and the old 统计表's labels quoted with
的 and a share - each through the whole pipeline, with look-alikes that must stay unread."""
from __future__ import annotations

import pytest

from extractor import pipeline

TITLE = "某县某局2019年政府信息公开工作年度报告\n"


def _extract(body: str) -> dict:
    return pipeline.extract((TITLE + body).encode("utf-8"), name="r.txt", with_text=True)


def _values(body: str) -> dict:
    return _extract(body)["values"]


def test_ways_cut_by_semicolons_each_read_with_the_open_run():
    rec = _extract("二、依申请公开情况\n全年受理政府信息公开申请20件,其中,通过互联网在线系统提交申请形式6件,占30%;"
                   "以挂号信函方式递交9件,占45%;当面递交3件,占15%,传真2件,占10%。\n")
    assert rec["values"] == {"applications.received": 20, "applications.received.online": 6,
                             "applications.received.mail": 9, "applications.received.in_person": 3,
                             "applications.received.fax": 2}
    facts = {f["key"]: f for f in rec["facts"]}
    f = facts["applications.received.online"]
    a, b = f["offset"]
    assert rec["text"][a:b] == f["evidence"] and f["evidence"] == "通过互联网在线系统提交申请形式6件"
    assert facts["applications.received.fax"]["evidence"] == "传真2件"


@pytest.mark.parametrize("body", [
    # a consultation in the run, a second channel joined in it, materials handed in, fax alone or after a consultation
    "二、依申请公开情况\n全年受理政府信息公开申请4件,另通过网上信箱提交咨询7件。\n",
    "二、依申请公开情况\n申请人当面递交补正材料2件。\n",
    "二、依申请公开情况\n全年收到传真6件。\n",
    "二、依申请公开情况\n全年受理政府信息公开申请4件;电话咨询9件,传真6件。\n",
])
def test_channel_look_alikes_give_no_channel(body):
    assert not any(k.startswith("applications.received.") for k in _values(body))


def test_the_open_run_takes_no_second_channel_joined_to_the_first():
    # (信函申请的3件 itself is read as mail by an older pattern: not this frame's business)
    assert "applications.received.online" not in _values(
        "二、依申请公开情况\n全年受理政府信息公开申请4件,其中通过网上和信函申请的3件。\n")


def test_applicant_run_and_figure_first_breakdown():
    assert _values("二、依申请公开情况\n2019年,本局共收到公民、法人或者其他组织提出的公开政府信息的申请4条,均已办结。\n") \
        == {"applications.received": 4}
    assert _values("二、依申请公开情况\n截至2019年12月31日,我局共收到政府信息公开申请情况5件(3件属自然人申请,"
                   "2件属社会组织申请)。\n") == {"applications.received": 5, "applications.received.natural_person": 3}
    assert _values("二、依申请公开情况\n全年收到依申请公开12件,均为自然人申请件。\n") \
        == {"applications.received": 12, "applications.received.natural_person": 12}


def test_a_legal_persons_breakdown_is_no_natural_person():
    assert _values("二、依申请公开情况\n全年共收到政府信息公开申请2件(2件属企业申请)。\n") == {"applications.received": 2}


@pytest.mark.parametrize("body,expect", [
    ("一、概述\n2019年度,没有公民或其他组织向本委提出申请公开政府信息事项。\n", {"applications.received": 0}),
    ("一、概述\n全年未发生行政复议、行政诉讼和“依申请公开”事件。\n",
     {"applications.received": 0, "reconsideration.total": 0, "litigation.total": 0}),
    ("四、复议诉讼情况\n全年办理因政府信息公开引起的行政复议1件,未出现被纠错情形。\n",
     {"reconsideration.total": 1, "reconsideration.corrected": 0}),
    ("五、政府信息公开咨询情况\n我办2019年度没有群众前来咨询。\n", {"consultations.total": 0}),
    ("一、概述\n在县政府信息公开网站上共公开信息230条,并实现了零举报、零投诉。\n",
     {"proactive.via.website": 230, "complaints.total": 0}),
    ("三、依申请公开情况\n2019年未收到依申请公开政府信息的申请,也无不予公开政府信息的情况。\n",
     {"applications.received": 0, "outcome.refused": 0}),
])
def test_zero_heads(body, expect):
    assert _values(body) == expect


def test_corrected_zero_needs_the_review_count_right_before_it():
    assert _values("四、复议诉讼情况\n因政府信息公开引起的行政诉讼1件,未出现被纠错情形。\n") == {"litigation.total": 1}


@pytest.mark.parametrize("body", [
    "一、概述\n2019年度,没有单位或个人向本委提出行政复议申请。\n",     # a review, not a disclosure application
    "一、概述\n政务服务大厅全年实现零投诉。\n",                        # a hall, no disclosure in the sentence
    "五、政府信息公开咨询情况\n我办没有设立专门的咨询窗口。\n",          # a desk, not a visit
    "三、依申请公开情况\n本机关无不予公开信息类别。\n",                 # a kind of information, not a case
])
def test_zero_look_alikes_stay_unread(body):
    assert _values(body) == {}


def test_quoted_old_labels_with_their_shares():
    rec = _extract("三、依申请公开情况\n全年共办理依申请公开10件,“属于已主动公开范围”的4件,占40%;“同意公开答复”的3件,"
                   "占30%;“告知作出更改补充”的1件,占10%;“告知通过其他途径办理”的2件,占20%。\n")
    assert rec["values"] == {"outcome.already_public": 4, "outcome.granted": 3,
                             "outcome.correction_requested": 1, "outcome.redirected": 2}


def test_label_and_label_is_the_first_labels_count():
    assert _values("三、依申请公开情况\n其中,同意公开6件,“非本机关政府信息公开范围”并告知通过其他途径办理4件。\n") \
        == {"outcome.granted": 6, "outcome.not_this_agency": 4}


def test_channel_verb_forms_and_the_verbless_list_after_a_received_count():
    assert _values("二、依申请公开情况\n全年受理政府信息公开申请9件,其中现场递交申请2件,网上提交7件。\n") == {
        "applications.received": 9, "applications.received.in_person": 2, "applications.received.online": 7}
    assert _values("二、依申请公开情况\n全年受理政府信息公开申请9件,其中:来信1件,来访3件,网上5件。\n") == {
        "applications.received": 9, "applications.received.mail": 1, "applications.received.in_person": 3,
        "applications.received.online": 5}


def test_a_verbless_channel_list_after_consultations_is_no_application_channel():
    assert _values("二、依申请公开情况\n全年接待群众咨询9人次,其中:来信1件,来访3件,网上5件。\n") \
        == {"consultations.total": 9}


def test_applicants_named_as_subject_or_by_kind():
    assert _values("二、依申请公开情况\n全年共收到政府信息公开申请3件,申请人均为自然人。\n") == {
        "applications.received": 3, "applications.received.natural_person": 3}
    assert _values("二、依申请公开情况\n全年共收到政府信息公开申请5件,其中公民申请4件,法人申请1件。\n") == {
        "applications.received": 5, "applications.received.natural_person": 4,
        "applications.received.legal_person": 1}


@pytest.mark.parametrize("body,expect", [
    ("四、因政府信息公开申请行政复议、提起行政诉讼情况\n本年度行政复议2件,均维持原行政行为,没有被纠正的情况。\n",
     # (均维持原行政行为 right after the count: all of them upheld - session 9 O4, b14 o02's gold convention)
     {"reconsideration.total": 2, "reconsideration.upheld": 2, "reconsideration.corrected": 0}),
    ("五、政府信息公开咨询情况\n2019年,没有群众到我局咨询政府信息公开事宜。\n", {"consultations.total": 0}),
    ("三、依申请公开情况\n本年度未发生不予公开的情况。\n", {"outcome.refused": 0}),
])
def test_zero_heads_with_a_clause_between_or_an_object_after(body, expect):
    assert _values(body) == expect


def test_quoted_reason_rows_with_their_shares():
    assert _values("三、依申请公开情况\n共办理申请20件,“同意公开答复”的10件,占50%;“涉及国家秘密”的1件,占5%;"
                   "“涉及个人隐私”的2件,占10%。\n") == {
        "outcome.granted": 10, "outcome.refused.state_secret": 1, "outcome.refused.personal_privacy": 2}
    # unquoted, a reason with a share is no table row
    assert _values("三、依申请公开情况\n共办理申请20件,涉及个人隐私的2件,占10%。\n") == {}
