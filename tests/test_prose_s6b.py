"""Session 6 round 2 prose classes of the clause reader (issue 9, G1b): the words and verbs
writers use for a channel (官网, 新增, 刊发, 微信服务号 …), the receiving verb between an
application channel and 申请, and who does the work (由三名同志具体负责…). The sentence-level
cases are examples in patterns/clauses.yaml (tests/test_clauses.py); these run whole
documents through the pipeline, where the phrase rules and tables come first."""
from __future__ import annotations

from extractor import pipeline


def _extract(title: str, section: str, body: str) -> dict:
    return pipeline.extract((title + "\n" + section + "\n" + body + "\n").encode("utf-8"),
                            name="r.txt", with_text=True)


def _fact(rec: dict, key: str) -> dict:
    [f] = [f for f in rec["facts"] if f["key"] == key]
    a, b = f["offset"]
    assert rec["text"][a:b] == f["evidence"]
    return f


def test_channel_words_and_verbs_in_a_whole_document():
    rec = _extract("某市水务局2021年政府信息公开工作年度报告", "一、主动公开政府信息情况",
                   "1.信息发布情况。某市水务局政务网站信息796条;某市水务发布微信信息398条;"
                   "某市水务微博信息162条。通过报刊、电视等传统公开载体公开信息331条。")
    assert rec["values"].get("proactive.via.website") == 796
    assert rec["values"].get("proactive.via.wechat") == 398
    assert rec["values"].get("proactive.via.weibo") == 162
    assert _fact(rec, "proactive.via.weibo")["rule"] == "clause:proactive.via.weibo"


def test_two_outlets_with_one_figure_give_no_channel():
    rec = _extract("某委2023年政府信息公开工作年度报告", "一、主动公开政府信息情况",
                   "全年通过微信、微博信息2102条。")
    assert "proactive.via.weibo" not in rec["values"]
    assert "proactive.via.wechat" not in rec["values"]


def test_receiving_verb_between_channel_and_application():
    rec = _extract("某市市场监管局2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况",
                   "2023年共收到政府信息公开申请29件,其中通过网络收到申请25件,通过来信收到申请件4件。")
    assert rec["values"].get("applications.received.online") == 25
    assert rec["values"].get("applications.received.mail") == 4


def test_who_does_the_work():
    rec = _extract("某县人社局2011年政府信息公开工作年度报告", "一、概述",
                   "下设办公室在行政办公室,由三名同志具体负责政府信息公开工作。")
    assert rec["values"].get("staff.total") == 3
    other = _extract("某县人社局2011年政府信息公开工作年度报告", "一、概述",
                     "下设办公室在行政办公室,由三名同志具体负责网站维护。")
    assert "staff.total" not in other["values"]


def test_the_whole_all_of_one_kind_after_a_rule_read_it():
    rec = _extract("某街道2020年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况",
                   "2020年度共受理政府信息公开申请3件,均为网上申请,答复政府信息公开申请3件。")
    assert rec["values"].get("applications.received") == 3
    f = _fact(rec, "applications.received.online")
    assert f["value"] == 3 and f["rule"] == "clause:applications.received.online"
    assert f["evidence"].endswith("均为网上申请")
    part = _extract("某街道2020年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况",
                    "2020年度共受理政府信息公开申请3件,其中2件为网上申请。")
    assert part["values"].get("applications.received.online") == 2   # the part, not the whole
