"""What the tool left unread on pools of real texts nobody tuned for (issue 9, session 7, helper G5;
/work/notes/s7_g5_unread.md). The commonest class fixed: the wechat account as an outlet whose verb is
公布 or whose object is a modified 信息 / a 、-list closed by 等…信息, the account's name in quotes before or
after its noun (patterns/facts/proactive.yaml rule wechat-outlet). Checked through the whole pipeline on
short reports worded unlike the pool sentences the class came from; the look-alikes stay unread.
"""
from __future__ import annotations

import pytest

from extractor.pipeline import extract

HEAD = "某县某局2022年政府信息公开工作年度报告\n一、总体情况\n(一)主动公开情况\n"


def _facts(tmp_path, body: str) -> dict:
    p = tmp_path / "r.txt"
    p.write_text(HEAD + body, encoding="utf-8")
    return {f["key"]: f for f in extract(str(p))["facts"]}


READ = [
    # the verb 公布 and a modified object
    ("2022年,我局通过“平安某县”微信公众号公布工作动态信息215条。", 215),
    # the account's name before its noun, a long qualified object
    ("“某县气象”微信服务号全年发布灾害性天气预警信息88条。", 88),
    # a 、-list closed by 等…信息 as the object
    ("通过微信公众号公开通知公告、政策法规、办事指南等信息共41条。", 41),
]


@pytest.mark.parametrize("body,value", READ)
def test_wechat_outlet_reads(tmp_path, body, value):
    facts = _facts(tmp_path, body)
    assert facts["proactive.via.wechat"]["value"] == value
    assert facts["proactive.via.wechat"]["rule"].startswith("proactive.via.wechat#")


UNREAD = [
    # two outlets named together before one figure: their joint count, not the account's
    "全年通过政务网以及某县管理委员会公众号主动公开各类信息共132条。",
    # another verb than publishing
    "在微信公众号宣传报道全县民族宗教相关内容共763条。",
    # one part of the year
    "微信公众号发布2022年第一季度信息30条。",
    # the account's followers, not its items
    "“某县气象”微信服务号关注用户信息1470条。",
]


@pytest.mark.parametrize("body", UNREAD)
def test_wechat_outlet_lookalikes_stay_unread(tmp_path, body):
    assert "proactive.via.wechat" not in _facts(tmp_path, body)


# 解读 as the verb (patterns/facts/response.yaml rule interpretations-verb): the activity with its count, or
# 解读 + 政策/政策文件 and the count of what was interpreted
INTERP_READ = [
    ("2022年,我局围绕重点工作进行政策解读共14次。", 14),
    ("采用图文、视频等形式,解读相关政策文件9件。", 9),
]


@pytest.mark.parametrize("body,value", INTERP_READ)
def test_interpretation_verb_reads(tmp_path, body, value):
    assert _facts(tmp_path, body)["response.interpretations"]["value"] == value


INTERP_UNREAD = [
    "组织开展政策解读业务培训3次。",          # training, not interpretations
    "待解读政策文件4件,将于下季度完成。",      # still to do
    "转载上级部门解读政策文件6件。",            # other bodies' reposted
]


@pytest.mark.parametrize("body", INTERP_UNREAD)
def test_interpretation_lookalikes_stay_unread(tmp_path, body):
    assert "response.interpretations" not in _facts(tmp_path, body)
