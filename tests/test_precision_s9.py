"""Precision classes found on b14's blind first run and the wrong values b12/b13 still held (issue 9,
session 9): each case is a short annual report written in other words than the batch's, run through the
whole pipeline, with its counter-case (the reading the rules must keep).

* the three disclosure classes listed in a row (主动公开 N, 依申请公开 N, 不予公开 N) count the body's
  documents by class, not refused applications (b14 o32; Fujian layout of dev w07, b11 h25, b12 e28);
* a site closing a bundle of outlets (门户网站等平台) publishes every platform's items: the total, not the
  site's (b14 o65);
* the website-only fallback (policy A) stays off when a new-media account publishes a figure of its own,
  even a rough one (4000余条; b12 e25);
* a column of the site followed by sibling columns with their figures is one part, not the site's items
  (b14 o38);
* the documents interpreted, counted after the interpretations, are no interpretation count (b14 o75);
* the old 统计表's label 制发规范性文件总数 written in prose is the old key (b13 i30);
* a 政务信息 count right after a 政府信息 count names another thing: no total (b14 o63).
"""
from __future__ import annotations

import pytest

from text_docs import assert_reads, report_values

HEAD = "某县某局2023年政府信息公开工作年度报告\n一、总体情况\n"


def _values(tmp_path, body: str) -> dict:
    return report_values(tmp_path, HEAD, body)


CASES = [
    # documents by disclosure class, in a row with no application in them
    ("(一)主动公开。2023年度本局主动公开文件30件,依申请公开2件,不予公开57件。",
     {},
     ["outcome.refused", "applications.received"]),
    # counter: refusals among the answers to applications stay read
    ("(二)依申请公开。全年收到政府信息公开申请5件,其中予以公开3件,不予公开2件。",
     {"applications.received": 5, "outcome.granted": 3, "outcome.refused": 2},
     []),
    # the site closing a bundle of outlets: the total only
    ("(一)主动公开。2023年,我局共通过县政府门户网站等平台主动公开政府信息312条。",
     {"proactive.total": 312},
     ["proactive.via.website"]),
    # counter: the site alone gives the site's figure (and the total, policy A)
    ("(一)主动公开。2023年,我局通过县政府门户网站主动公开政府信息312条。",
     {"proactive.via.website": 312, "proactive.total": 312},
     []),
    # a new-media account publishing a rough figure: the site's figure is one part
    ("(一)主动公开。2023年,通过局门户网站发布各类信息420条。通过“某县某局”政务微博等新媒体推送各类信息2000余条。",
     {"proactive.via.website": 420},
     ["proactive.total"]),
    # counter: requests handled on the site and the microblog are no publication figure
    ("(一)主动公开。2023年,通过局门户网站发布各类信息420条。全年局网站、微博共办理群众诉求30余件。",
     {"proactive.via.website": 420, "proactive.total": 420},
     []),
    # one column of the site, its sibling columns with their figures after it
    ("(一)主动公开。2023年,在局门户网站发布工作动态信息56条,通知公告12条,转载上级媒体信息30条。",
     {},
     ["proactive.via.website", "proactive.total"]),
    # counter: the site's news items beside another channel's figure stay the site's (b13 i22's reading)
    ("(一)主动公开。全年,通过区政府网站发布动态信息5条,通过政务新媒体发布信息62条。",
     {"proactive.via.website": 5},
     []),
    # the documents interpreted after the interpretations
    ("(一)主动公开。2023年,围绕重点工作开展政策文件解读12次、解读文件15份。",
     {},
     ["response.interpretations"]),
    # counter: interpretation documents published, and the interpretations before the documents
    ("(一)主动公开。全年公开以县市场监督管理局名义解读文件3个。",
     {"response.interpretations": 3},
     []),
    ("(一)主动公开。其中,开展政策解读20次,解读文件20次。",
     {"response.interpretations": 20},
     []),
    # the old table's label in prose
    ("截至2016年12月31日,2016年度共公开的政府信息60条,其中,主动公开信息41条,制发规范性文件总数3件。",
     {"proactive.normative_docs_issued": 3},
     ["normative.issued"]),
    # counter: the gb reports' wording stays normative.issued
    ("(一)主动公开。2023年,我局制发规范性文件1篇。",
     {"normative.issued": 1},
     ["proactive.normative_docs_issued"]),
    # a 政务信息 count right after a 政府信息 count: another thing, no total
    ("(一)主动公开。通过网站主动公开政府信息22件,主动公开政务信息130条,向省厅报送信息40条。",
     {},
     ["proactive.total"]),
    # counter: 政务信息 alone is the total
    ("(一)主动公开。2023年,我局主动公开政务信息130条。",
     {"proactive.total": 130},
     []),
]


@pytest.mark.parametrize("body,want,absent", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_precision_class(tmp_path, body, want, absent):
    assert_reads(_values(tmp_path, body), want, absent)
