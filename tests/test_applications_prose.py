"""The 依申请公开 section written as prose (issue 9, session 7): four families written as one
grammar each (patterns/facts/applications.yaml APPNP, outcome.yaml's REASON macros, review.yaml's
passive forms, clauses.yaml all_of), checked through the whole pipeline on short reports worded
unlike the b10/b11 reports the classes came from:

* the APPLICATION NOUN: a receiving verb, a modifier, a noun phrase that names an application
  for disclosure (申请/依申请 + 公开, 要求公开…信息 + 的申请, …案例/事项/件), the figure in any of
  its measure words (件, 宗, 例, 起, 条);
* ALL-OF-X: the whole's figure given to the part when all of it is one kind, after a comma or
  in brackets (…5件(全部为自然人申请); 答复…申请1件,为部分公开);
* OUTCOMES in prose: a reason of the table in three orders (figure first, reason first, in
  brackets) from one lexicon, the old short labels (本机关不掌握, 已通过…公开), 答复N件 after the
  received count and N件…完成答复;
* REVIEW and LITIGATION in the passive (被申请行政复议, 被行政诉讼的案件), their topic earlier in the
  paragraph, and the cases still open figure first (2件法院尚未作出裁决).
Each family has its counter-cases: look-alikes that mean something else stay unread.
"""
from __future__ import annotations

import pytest

from text_docs import assert_reads, report_values

HEAD = "某县某局2023年政府信息公开工作年度报告\n一、总体情况\n"


def _values(tmp_path, body: str) -> dict:
    return report_values(tmp_path, HEAD, body)


CASES = [
    # ---- application noun: other nouns, measure words and modifiers
    ("(二)依申请公开情况\n2023年,我局共收到群众依申请公开案件3例,均已按期答复。",
     {"applications.received": 3}, []),
    ("(二)依申请公开情况\n全年接到公民要求公开本局政府信息的申请4宗,已全部办结。",
     {"applications.received": 4}, []),
    ("(二)依申请公开情况\n2023年,本局受理申请政务信息公开事项共5件。",
     {"applications.received": 5}, []),
    # counter: documents by disclosure attribute, handled (办理: a convention split), no disclosure asked
    ("(一)主动公开情况\n2023年制作政府信息40条,其中主动公开信息30条,依申请公开文件6份。",
     {}, ["applications.received"]),
    ("(二)依申请公开情况\n2023年,我局共办理政府信息公开申请9件。",
     {}, ["applications.received"]),
    ("(一)概述\n全年收到公开招标的申请3件,收到行政许可申请公开听证2件。",
     {}, ["applications.received"]),
    # ---- channel named by the site; all of one applicant kind in brackets
    ("(二)依申请公开情况\n全年受理政府信息公开申请10件,其中当面申请3件、政府网站申请7件。",
     {"applications.received": 10, "applications.received.in_person": 3,
      "applications.received.online": 7}, []),
    ("(二)依申请公开情况\n2023年共受理政府信息公开申请4件(均为公民个人申请),均已按时答复。",
     {"applications.received": 4, "applications.received.natural_person": 4},
     ["applications.received.legal_person"]),
    # the main channel with its own figure in brackets
    ("(二)依申请公开情况\n全年受理政府信息公开申请9件,申请方式以网上申请为主(7件),当面申请2件。",
     {"applications.received": 9, "applications.received.online": 7, "applications.received.in_person": 2}, []),
    # ---- all of the answers one outcome
    ("(二)依申请公开情况\n全年受理政府信息公开申请2件;答复政府信息公开申请2件,均为部分公开。",
     {"outcome.total": 2, "outcome.partially_granted": 2}, []),
    # counter: one outcome among others is only that part's figure
    ("(二)依申请公开情况\n全年受理政府信息公开申请5件;答复政府信息公开申请5件,部分公开2件,予以公开3件。",
     {"outcome.partially_granted": 2, "outcome.granted": 3}, []),
    # ---- reasons: figure first, reason first, in brackets
    ("(二)依申请公开情况\n全年收到政府信息公开申请6件,其中4件予以公开,2件系国家秘密,依法不予公开。",
     {"outcome.refused": 2, "outcome.refused.state_secret": 2}, []),
    ("(二)依申请公开情况\n全年收到政府信息公开申请3件,由于所申请信息属于过程性信息,不予公开3件。",
     {"outcome.refused": 3, "outcome.refused.process_info": 3}, []),
    ("(二)依申请公开情况\n全年收到政府信息公开申请4件,不予公开4件(均属于行政执法案卷信息)。",
     {"outcome.refused": 4, "outcome.refused.enforcement_file": 4}, []),
    ("(二)依申请公开情况\n全年收到政府信息公开申请2件,其中1件属于重复申请,不予处理。",
     {"outcome.not_processed": 1, "outcome.not_processed.repeat": 1}, []),
    # counter: a bracket of several reasons, a partial grant with a reason, the documents' attribute
    ("(二)依申请公开情况\n全年收到政府信息公开申请5件,不予公开5件(其中2件属于个人隐私,3件属于商业秘密)。",
     {"outcome.refused": 5},
     ["outcome.refused.personal_privacy", "outcome.refused.commercial_secret"]),
    ("(二)依申请公开情况\n全年收到政府信息公开申请2件,其中2件为部分公开,不予公开部分涉及个人隐私。",
     {}, ["outcome.refused", "outcome.refused.personal_privacy"]),
    # ---- old short labels in the applications' section
    ("(二)依申请公开情况\n全年收到政府信息公开申请6件,本单位不掌握3件,已通过政府网站公开2件,予以公开1件。",
     {"outcome.unable.not_held": 3, "outcome.already_public": 2, "outcome.granted": 1},
     ["proactive.via.website"]),
    ("(二)依申请公开情况\n全年收到政府信息公开申请3件,所申请信息已主动公开的3件。",
     {"outcome.already_public": 3}, []),
    # counter: a figure before 已公开 (answered by disclosure, b10 c02's gold), or not the applications' section
    ("(二)依申请公开情况\n全年收到政府信息公开申请5件,其中5件已公开。",
     {"applications.received": 5}, ["outcome.already_public"]),
    ("(一)主动公开情况\n2023年,我局已通过县政府网站公开政府信息56条。",
     {}, ["outcome.already_public"]),
    # ---- answered counts
    ("(二)依申请公开情况\n全年收到政府信息公开申请9件,答复8件,1件结转下年度继续办理。",
     {"applications.received": 9, "outcome.total": 8, "applications.carried_forward": 1}, []),
    ("(二)依申请公开情况\n全年收到政府信息公开申请9件,其中7件已依法完成答复。",
     {"outcome.total": 7}, []),
    # counter: answers to other things; 完成答复 without a figure of its own
    ("(四)政民互动\n全年收到网民咨询30件,答复28件。",
     {}, ["outcome.total"]),
    ("(二)依申请公开情况\n全年收到政府信息公开申请9件,均按时完成答复。",
     {"applications.received": 9}, ["outcome.total"]),
    # ---- review and litigation in the passive
    ("(二)依申请公开情况\n全年收到政府信息公开申请20件,均按时答复;其中答复被申请行政复议2件;"
     "被提起行政诉讼的案件共3件,1件尚未审结。",
     {"reconsideration.total": 2, "litigation.total": 3, "litigation.pending": 1}, []),
    # counter: the body's litigation at large, no disclosure topic in the paragraph
    ("(五)法治政府建设\n全年我局被提起行政诉讼的案件共8件,2件法院尚未作出判决。",
     {}, ["litigation.total", "litigation.pending"]),
]


@pytest.mark.parametrize("body,want,absent", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_applications_prose(tmp_path, body, want, absent):
    assert_reads(_values(tmp_path, body), want, absent)
