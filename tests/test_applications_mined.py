"""The application, outcome and review families read with the slots mined in session 8 (issue 9):
every filler of a slot seen in the dev set, b1-b12, the pools and 30+ harvested pages was listed,
accepted or rejected (/work/notes/s8_slots_t2.md), and the accepted ones went into the word lists
of patterns/facts/applications.yaml, outcome.yaml, review.yaml and the application entries of
patterns/clauses.yaml. Each case runs a .txt report through the whole pipeline (rules, clause
reader, reconcile), with wordings other than the b12 sentences that showed the gaps, and each
rejected look-alike is a case that must read nothing for its key."""
import pytest

from text_docs import assert_reads, report_values

HEAD = "某区民政局2023年政府信息公开工作年度报告\n二、收到和处理政府信息公开申请情况\n"

CASES = [
    # NOUN slot: 诉求 after the disclosure words (and a field word between)
    ("本单位接到依申请公开方面的诉求3件,均依法作出答复告知。", {"applications.received": 3}, ()),
    ("全年共收到依申请公开类诉求2件,均已办结。", {"applications.received": 2}, ()),
    # … a bare 诉求 is the public's requests at large, not an application
    ("全年通过12345热线共受理群众诉求56件,均已办结。", {}, ("applications.received",)),
    # CHANNEL slot in the modifier, one frame for every channel
    ("全年接收网络方式提交政府信息公开7件。", {"applications.received.online": 7}, ()),
    ("全年收到政府信息公开申请9件,其中以信函方式提交政府信息公开申请4件,以网络方式提交的申请5件。",
     {"applications.received": 9, "applications.received.mail": 4, "applications.received.online": 5}, ()),
    ("全年收到政府信息公开申请3件,其中现场方式提交申请3件。",
     {"applications.received": 3, "applications.received.in_person": 3}, ()),
    # … and in the all-of clause right after the received figure, with the frame's verbs
    ("全年受理依申请公开件9件,均通过信函递交,已全部办理结束。",
     {"applications.received": 9, "applications.received.mail": 9}, ()),
    ("全年共受理政府信息公开申请3件,均通过网络方式提交。",
     {"applications.received": 3, "applications.received.online": 3}, ()),
    ("全年共受理政府信息公开申请54件,均为自然人提交,均已在法定期限内完成答复。",
     {"applications.received": 54, "applications.received.natural_person": 54}, ()),
    # … and after a count given before its noun, the way all of it came in (the next clause)
    ("全年共收到2件依申请公开,申请人均通过网上申请的方式提出,已按期答复。",
     {"applications.received": 2, "applications.received.online": 2}, ()),
    ("全年共收到4件政府信息公开申请,通过网上申请1件。",
     {"applications.received": 4, "applications.received.online": 1}, ()),
    # … two channels joined, or a channel without a key (e-mail), give no channel figure
    ("全年受理依申请公开11件,其中网上申请2件、信函传真申请9件。",
     {"applications.received": 11, "applications.received.online": 2},
     ("applications.received.mail", "applications.received.fax")),
    ("通过网上及电子邮件申请的124件,占43%。", {}, ("applications.received.online",)),
    # APPLICANT slot: 个人 beside 公民/自然人, as a label, in the all-of clause, in the agent frame 由…提交
    ("全年收到政府信息公开申请5件,其中个人申请4件,法人或其他组织申请1件。",
     {"applications.received": 5, "applications.received.natural_person": 4,
      "applications.received.legal_person": 1}, ()),
    ("全年共受理政府信息公开申请2件,均为个人申请,已按期答复。",
     {"applications.received": 2, "applications.received.natural_person": 2}, ()),
    ("全年共收到政府信息公开申请2件,均由公民个人提交,已按期答复。",
     {"applications.received": 2, "applications.received.natural_person": 2}, ()),
    ("全年共收到政府信息公开申请4件,主要为网上申请4件,且均为自然人申请。",
     {"applications.received": 4, "applications.received.online": 4,
      "applications.received.natural_person": 4}, ()),
    ("全年共收到6份政府信息公开申请,均为自然人申请。",
     {"applications.received": 6, "applications.received.natural_person": 6}, ()),
    # … 均 after a part's figure may be that part's; 个人 in 个人隐私; persons counted, not applications
    ("全年收到政府信息公开申请5件,其中网上申请3件,均为自然人申请。",
     {"applications.received": 5, "applications.received.online": 3}, ("applications.received.natural_person",)),
    ("全年收到政府信息公开申请3件,其中涉及个人隐私的2件,不予公开。",
     {"applications.received": 3}, ("applications.received.natural_person",)),
    ("全年共收到2个自然人的政府信息公开申请,均在规定时限内予以回复。", {},
     ("applications.received.natural_person",)),
    # DATE and PROGRESS slots, figure first
    ("全年收到依申请公开12件,其中10件在规定期限内完成答复,2件顺延至下一年度办理。",
     {"applications.received": 12, "applications.completed.on_time": 10, "applications.carried_forward": 2}, ()),
    ("全年收到依申请公开8件,其中8件在法定时限内办结。",
     {"applications.received": 8, "applications.completed.on_time": 8}, ()),
    # … a delay within the period is no time limit met
    ("全年收到政府信息公开申请6件,其中2件在规定期限内延期答复。",
     {"applications.received": 6}, ("applications.completed.on_time",)),
    # LABEL slot of the outcomes: the old labels in quotes, 宗, the bare 公开N件 after the received count
    ("受理依申请公开信息 6宗,已答复6宗,其中“同意公开”的 4宗,“不同意公开”的 2宗。",
     {"applications.received": 6, "outcome.total": 6, "outcome.granted": 4, "outcome.refused": 2}, ()),
    ("全年收到政府信息公开申请2件,由自然人提交,公开2件,已在规定时间内答复。",
     {"applications.received": 2, "applications.received.natural_person": 2, "outcome.granted": 2}, ()),
    ("“非本机关政府信息”的2件,主要是因为非我局职能范围。", {"outcome.not_this_agency": 2}, ()),
    # … items disclosed (公开信息N条) are no answers; a quoted list of labels counted together gives nothing
    ("收到政府信息公开申请3起,公开信息8条。", {"applications.received": 3}, ("outcome.granted", "proactive.total")),
    ("已答复中“非政府信息、政府信息不存在、非本机关政府信息”的件数为10件。", {}, ("outcome.not_this_agency",)),
    # REVIEW: 受理 with the case kind after it, a Han numeral with 起, the topic earlier in the paragraph
    ("全年共受理政府信息公开咨询30次,未受理行政复议类业务。", {"reconsideration.total": 0}, ()),
    ("依申请公开方面,收到政府信息公开申请2起。行政复议一起,没有提起行政诉讼。",
     {"reconsideration.total": 1, "litigation.total": 0}, ()),
]


@pytest.mark.parametrize("body,want,absent", CASES, ids=[c[0][:18] for c in CASES])
def test_mined_slots(tmp_path, body, want, absent):
    got = report_values(tmp_path, HEAD, body + "\n")
    assert_reads(got, want, absent)
    if not want and not absent:
        assert got == {}


def test_review_paragraph_needs_the_applications(tmp_path):
    """A paragraph naming 信息公开 but no application: its review cases are the body's at large."""
    head = "某县司法局2023年政府信息公开工作年度报告\n一、法治政府建设\n"
    got = report_values(tmp_path, head, "全县政务公开扎实推进,政府信息公开工作取得实效。行政复议5件,行政诉讼3件。\n")
    assert "reconsideration.total" not in got and "litigation.total" not in got, got
