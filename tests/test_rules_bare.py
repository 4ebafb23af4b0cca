"""A figure whose measure word the page lost (session 12 U1): extractor/rules/mask.py bare_count masks a whole
number in digits written right after a Chinese character and right before , ; or 。, and only rules that say
``bare: true`` take it (extractor/rules/match.py _figure)."""
from __future__ import annotations

import pytest

from extractor import numbers, rules
from extractor.rules import mask


def _bare(text: str, figure: str) -> bool:
    at = text.index(figure)
    [qm] = [m for m in numbers.find_quantities(text) if m.start == at]
    return mask.bare_count(qm, text)


@pytest.mark.parametrize("text,figure,expect", [
    ("2017年通过政府门户网站主动公开信息13,行政处罚案件公开2起。", "13", True),
    ("我乡全年累计在门户网站公开政府信息26。年度主动公开内容", "26", True),
    ("主动公开信息13;", "13", True),
    ("主动公开信息50 分(", "50", False),        # a space and a word after it: a rubric's points
    ("主动公开政府信息2013。", "2013", False),    # reads as a year
    ("主动公开政府信息1.5,", "1.5", False),       # a decimal
    ("主动公开通知通告信息3", "3", False),         # the text ends on it: cut
    ("2023年,", "2023", False),                  # a year with its 年
    ("2021年共收到信息公开申请6,我局均已按规定回复办结。", "6", True),   # b21 aj05 (session 13 X2)
])
def test_bare_count(text, figure, expect):
    assert _bare(text, figure) is expect


def test_only_bare_rules_take_it():
    rs = rules.load_rules()
    bare = {r.rule_id for r in rs.rules if r.bare}
    assert {"proactive.total#count", "proactive.via.website#website", "proactive.total#website-only",
            "proactive.total#outlet-list"} <= bare
    assert "proactive.via.wechat#wechat" not in bare
    # (session 13 X2: the applications' main frame too - verb, application noun, figure - facts/applications.yaml BARE;
    # not its other rules: their figure stands before the noun or after a bare verb)
    assert "applications.received#received" in bare
    assert all(r.key.startswith("proactive.") or r.rule_id == "applications.received#received"
               for r in rs.rules if r.bare)
