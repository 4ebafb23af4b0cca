"""Precision classes found on b11's blind first run (issue 9), checked on reports written in
other words than b11's: each case is a short annual report, run through the whole pipeline.

* an answer to applications "已通过网站公开N件" is no website figure (b11 h12);
* documents counted by disclosure attribute (依申请公开文件N条、不予公开文件N条) are no refused
  applications (b11 h25);
* "未发生…行政复议和行政诉讼败诉案件" negates only LOST cases: no zero totals (b11 h36);
* a wechat/weibo channel counted after its rounds of updates (更新160次,共计公开378条) keeps the
  website's figure from being the total (b11 h60).
Each class has its counter-case: the reading the rules must keep.
"""
from __future__ import annotations

import pytest

from text_docs import assert_reads, report_values

HEAD = "某县某局2023年政府信息公开工作年度报告\n一、总体情况\n"


def _values(tmp_path, body: str) -> dict:
    return report_values(tmp_path, HEAD, body)


CASES = [
    # answers to applications: the site is where the information already was
    ("(二)依申请公开。全年受理政府信息公开申请9件,其中予以公开3件,信息不存在2件,"
     "已在县政府门户网站公开4件。未收取任何费用。",
     {"applications.received": 9, "outcome.granted": 3},
     ["proactive.via.website", "proactive.total"]),
    # counter: the site's own figure in the 主动公开 part stays read
    ("(一)主动公开。2023年,我局通过县政府门户网站主动公开政府信息85条。\n"
     "(二)依申请公开。全年受理政府信息公开申请2件,均予以公开。",
     {"proactive.via.website": 85, "applications.received": 2},
     []),
    # documents by disclosure attribute: no refused applications
    ("(一)主动公开。2023年共制发文件58件,其中主动公开类文件30件,依申请公开类文件8件,"
     "不予公开类文件20件。\n(二)依申请公开。2023年受理政府信息公开申请0件。",
     {"applications.received": 0},
     ["outcome.refused"]),
    # counter: a refusal among answers stays read
    ("(二)依申请公开。全年受理政府信息公开申请6件,予以公开4件,不予公开2件。",
     {"applications.received": 6, "outcome.granted": 4, "outcome.refused": 2},
     []),
    # only lost cases negated
    ("(二)依申请公开。收到政府信息公开申请12件。全年没有发生因政府信息公开引起的行政复议、"
     "行政诉讼被纠错案件。",
     {"applications.received": 12},
     ["reconsideration.total", "litigation.total"]),
    # counter: the cases themselves negated, then the lost ones
    ("(二)依申请公开。收到政府信息公开申请12件。全年未发生因政府信息公开引起的行政复议和行政诉讼,"
     "也无败诉情况。",
     {"applications.received": 12, "reconsideration.total": 0, "litigation.total": 0},
     []),
    # a second channel counted after its update rounds: the website's figure is one part
    ("(一)主动公开。2023年,我局在县政府网站发布主动公开政府信息共47条。政务微博“某县某局”"
     "全年推送52期,发布信息210条。",
     {"proactive.via.website": 47},
     ["proactive.total"]),
    # counter: the website alone, its figure is the total too (policy A)
    ("(一)主动公开。2023年,我局在县政府网站发布主动公开政府信息共47条。",
     {"proactive.via.website": 47, "proactive.total": 47},
     []),
]


@pytest.mark.parametrize("body,want,absent", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_precision_class(tmp_path, body, want, absent):
    assert_reads(_values(tmp_path, body), want, absent)
