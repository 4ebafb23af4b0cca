"""Precision of the prose readers on texts nobody tuned for (issue 9, session 7, helper PX).

A review of three pools of unseen real report openings (/work/notes/s7_px_review.md) found three
classes of wrong values; each is fixed as a class in patterns/facts/*.yaml and checked here through
the whole pipeline (rules, fallbacks, conflicts) on short reports worded unlike the pool texts:

* a CHANNEL GLOSSED IN BRACKETS before the verb (…订阅号“X”(微信号:…)公开政府信息23条): the colon of the
  gloss cut the clause, the total rules saw no subject and took the channel's figure as the total;
* ANOTHER PLATFORM beside the website (…信用公示平台共发布行政许可信息76条): the website-only
  fallback made the site's figure the total although a second outlet counts its own items;
* SECTIONS OF A SITE ending in 依申请公开 (…、依申请公开四个板块): read as four applications, whose
  conflict with the report's 0 then dropped the right value;
* a LIST OF CHANNELS closed by 等…平台 (…网站、微信公众号等信息发布平台发布信息3403条): the sum of all of
  them, not the wechat account's.

Each class has its counter-cases, which keep their values.
"""
from __future__ import annotations

import pytest

from text_docs import assert_reads, report_values

HEAD = "某镇人民政府2021年政府信息公开工作年度报告\n一、主动公开情况\n"


def _values(tmp_path, body: str) -> dict:
    return report_values(tmp_path, HEAD, body)


CASES = [
    # ---- a channel glossed in brackets: its figure is neither the total nor lost to another reading
    ("2021年,我镇主动公开政府信息累计204条,通过政府网站公开信息数163条,政务微信公众号“幸福某镇”"
     "(微信号:xfmz2021)公开政府信息23条。",
     {"proactive.total": 204, "proactive.via.website": 163}, []),
    ("2021年,通过镇政府网站(网址:www.example.gov.cn)主动公开政府信息37条,通过微信公众号发布信息12条。",
     {"proactive.via.wechat": 12}, ["proactive.total"]),
    # counter: a bracket that glosses the body, not a channel
    ("2021年,我镇(本级)主动公开政府信息88条。", {"proactive.total": 88}, []),
    # ---- another platform beside the website: no website-only total
    ("2021年,通过县政府门户网站主动公开政府信息31条;在省信用信息公示平台公示行政许可信息240条。",
     {"proactive.via.website": 31}, ["proactive.total"]),
    ("2021年,我镇通过区政府网站公开信息数量19条,市场监管一体化平台发布抽查结果信息6条。",
     {"proactive.via.website": 19}, ["proactive.total"]),
    # counter: the site's own platform, and a platform that handles matters, leave the fallback alone
    ("2021年,我镇在区政府门户网站政府信息公开平台主动公开信息64条。",
     {"proactive.total": 64, "proactive.via.website": 64}, []),
    ("2021年,我镇在县政府门户网站主动公开信息64条,在政务服务平台办理事项900件。",
     {"proactive.total": 64, "proactive.via.website": 64}, []),
    # ---- a list of channels closed by 等…平台: not the last channel's figure
    ("2021年,依托县政府门户网站、镇政务公开栏、微信公众号等信息公开平台发布信息512条。",
     {}, ["proactive.via.wechat"]),
    # counter: the account alone
    ("2021年,通过“幸福某镇”微信公众号发布信息77条。", {"proactive.via.wechat": 77}, []),
    # ---- sections of a site are no applications; the report's 0 stands
    ("2021年,在镇政府网站设立政府信息公开指南、法定主动公开内容、年度报告、依申请公开四个板块。\n"
     "二、依申请公开情况\n2021年,我镇未收到政府信息公开申请。",
     {"applications.received": 0}, []),
    ("网站开设主动公开、依申请公开两个专栏。\n二、依申请公开情况\n全年共受理依申请公开5件,均已按时答复。",
     {"applications.received": 5}, []),
]


@pytest.mark.parametrize("body,want,absent", CASES, ids=[c[0][:24] for c in CASES])
def test_precision_classes(tmp_path, body, want, absent):
    assert_reads(_values(tmp_path, body), want, absent)
