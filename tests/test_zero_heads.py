"""Zero statements and whole-set labels fitted to the KEY, not to one sentence (issue 9, session 9, helper O4;
/work/notes/b14_classes.md Y1, Y2, Y7): the complaints zero as a clause of its own opened by the report's own year
(2024年无意见投诉情况 in a 2024 report; another year stays out), two coordinated verbs before the applications
(收到、办理依申请公开N件: the receiving verb first), and the whole set granted by 均 after the received count, the
applicants' parts and 已全部办结 between, the staff 截至目前 (up to now) followed by the staffing verb, and a heading that
is the consultation section on its own (五、咨询处理情况) - each through the whole pipeline, with look-alikes that must
stay unread."""
from __future__ import annotations

import pytest

from extractor import pipeline


def _extract(body: str, year: int = 2024) -> dict:
    title = f"某县某街道办事处{year}年政府信息公开工作年度报告\n"
    return pipeline.extract((title + body).encode("utf-8"), name="r.txt", with_text=True)


def _values(body: str, year: int = 2024) -> dict:
    return _extract(body, year)["values"]


def test_complaints_zero_opened_by_the_reports_own_year():
    rec = _extract("(二)依申请公开工作情况。\n2024年收到依申请公开来信1件次,且所申请公开信息不属于本单位的公开范围。"
                   "2024年无意见投诉情况。\n")
    assert rec["values"].get("complaints.total") == 0
    f = next(f for f in rec["facts"] if f["key"] == "complaints.total")
    a, b = f["offset"]
    assert rec["text"][a:b] == f["evidence"] == "2024年无意见投诉情况"


@pytest.mark.parametrize("body", [
    "(二)依申请公开工作情况。\n2024年度无意见投诉情况。\n",
    "(二)依申请公开工作情况。\n本年度无投诉举报情况。\n",
    "(二)依申请公开工作情况。\n2024年,全年未收到依申请公开来信,无意见投诉情况。\n",
])
def test_complaints_zero_forms(body):
    assert _values(body).get("complaints.total") == 0


@pytest.mark.parametrize("body", [
    # another year's, a plan, a channel that does not exist (no complaint count)
    "(二)依申请公开工作情况。\n2023年无意见投诉情况。\n",
    "(二)依申请公开工作情况。\n去年无意见投诉情况。\n",
    "(二)依申请公开工作情况。\n2024年,依申请公开工作无投诉渠道不畅的问题。\n",
])
def test_complaints_zero_look_alikes(body):
    assert "complaints.total" not in _values(body)


@pytest.mark.parametrize("body,n", [
    ("二、依申请公开情况\n全年共收到、办理依申请公开0件。\n", 0),
    ("二、依申请公开情况\n全年共收到、办理政府信息公开申请3件。\n", 3),
    ("二、依申请公开情况\n全年共收到并办理政府信息公开申请3件。\n", 3),
])
def test_coordinated_receiving_and_handling_verbs_give_the_received_count(body, n):
    assert _values(body).get("applications.received") == n


@pytest.mark.parametrize("body", [
    # handling alone, answering after the receiving count, and the completed count of its own clause
    "二、依申请公开情况\n全年共办理政府信息公开申请3件。\n",
    "二、依申请公开情况\n全年共答复政府信息公开申请3件。\n",
])
def test_handling_verbs_alone_give_no_received_count(body):
    assert "applications.received" not in _values(body)


def test_received_and_completed_in_two_clauses_stay_apart():
    v = _values("二、依申请公开情况\n全年共收到政府信息公开申请5件,办结依申请公开3件。\n")
    assert v.get("applications.received") == 5 and v.get("applications.completed") == 3


def test_whole_set_granted_after_the_received_count():
    rec = _extract("二、依申请公开情况\n今年来我局收到政府信息公开申请3件,2件为自然人申请,1件为商业机构申请,"
                   "已全部办结,均完全公开。\n", 2020)
    assert rec["values"].get("applications.received") == 3
    assert rec["values"].get("outcome.granted") == 3
    assert _values("二、依申请公开情况\n全年收到政府信息公开申请3件,均予以公开。\n").get("outcome.granted") == 3
    # the answered count as the whole, as before
    assert _values("二、依申请公开情况\n答复政府信息公开申请2件,均予以公开。\n").get("outcome.granted") == 2


@pytest.mark.parametrize("body", [
    # a part between the count and 均 (其中2件…: 均 may be the part's), a second count (已答复2件), proactive information
    "二、依申请公开情况\n全年收到政府信息公开申请3件,其中2件为自然人申请,均予以公开。\n",
    "二、依申请公开情况\n全年收到政府信息公开申请3件,已答复2件,均予以公开。\n",
    "一、主动公开情况\n全年累计产生政府信息16条,均已主动公开。\n",
    "二、依申请公开情况\n全年收到政府信息公开申请3件,均已办结。\n",
])
def test_whole_set_look_alikes_give_no_granted_count_from_the_received(body):
    assert _values(body).get("outcome.granted") in (None,)


def test_staff_up_to_now_is_the_staff_the_body_has():
    v = _values("一、概述\n我局于2004年5月开始开展政府信息公开工作。截至目前,专门配备了2名专职工作人员、1名兼职工作人员,"
                "设立了1个专门的信息申请受理点。\n", 2007)
    assert v.get("staff.full_time") == 2 and v.get("staff.part_time") == 1
    # 截至目前 before a count of anything but the staffing verb stays out
    assert "staff.full_time" not in _values("一、概述\n截至目前,累计培训专职工作人员20名。\n", 2007)


def test_consultation_heading_of_its_own_is_the_disclosure_topic():
    assert _values("五、咨询处理情况\n本局2017年度未发生电话及当面咨询。\n", 2017).get("consultations.total") == 0
    assert _values("五、咨询处理情况\n全年接待群众咨询120人次。\n", 2017).get("consultations.total") == 120
    # a hotline's heading, or no heading naming the topic
    assert "consultations.total" not in _values("五、热线咨询处理情况\n全年接待群众咨询120人次。\n", 2017)
    assert "consultations.total" not in _values("五、其他\n全年接待群众咨询120人次。\n", 2017)
    # a bare 咨询情况 heading may be the body's consultations of every kind (a hotline's, the mayor's mailbox: pool pb)
    assert "consultations.total" not in _values("三、咨询情况\n我局2017年接待群众当面咨询3000人次,12345热线咨询7000人次。\n",
                                                2017)


def test_whole_set_upheld_right_after_the_review_count():
    v = _values("四、行政复议和行政诉讼情况\n因政府信息公开工作被申请行政复议或提起行政诉讼中,行政复议7件,均维持结果;"
                "行政诉讼3件。\n", 2023)
    assert v.get("reconsideration.total") == 7 and v.get("reconsideration.upheld") == 7
    # a litigation count between: 均 is of both sets together
    v = _values("四、行政复议和行政诉讼情况\n因政府信息公开被申请行政复议2件,行政诉讼1件,均维持原行政行为。\n", 2023)
    assert "reconsideration.upheld" not in v
    # 均 with another verb (not upheld)
    v = _values("四、行政复议情况\n收到信息公开行政复议19件,均未被撤销或责令重新办理。\n", 2023)
    assert "reconsideration.upheld" not in v
