"""Small labels, staff, zeros in words and the verbs of normative documents (issue 9, session 8,
helper T4): wordings mined from the local real texts and from reports outside every batch,
read through the whole pipeline (load -> normalise -> segment -> rules -> clauses -> reconcile).

Each case is a sentence under a heading of an annual report; ``want`` are the values it must
give, ``absent`` the keys it must not give (a per-unit figure, the earlier figure of a change,
a zero of a sub-unit …). The b12 rows X5, X6, X10 and P5 are the cases marked so; the others
are the same slots filled as other reports fill them."""
from __future__ import annotations

import re

import pytest

from extractor import pipeline

HEAD = "某局2019年政府信息公开工作年度报告\n"


def _extract(heading: str, body: str) -> dict:
    # a body mined from a report that opens with its year is that year's report (a 2016 statement in
    # a 2019 report is an earlier year's, not the report's: normalize.names_earlier_year)
    opener = re.match(r"(\d{4})年", body)
    head = HEAD.replace("2019", opener.group(1)) if opener else HEAD
    return pipeline.extract((head + heading + "\n" + body + "\n").encode("utf-8"), name="r.txt", with_text=True)


CASES = [
    # --- staff: a zero in words (b12 f05), the adverb after the noun (b12 f16), a change (b12 f33)
    ("一、概述", "信息公开工作由局办公室承办,现无专职人员,由1名兼职人员承担此项工作。",
     {"staff.full_time": 0, "staff.part_time": 1}, ["staff.total"]),
    ("一、概述", "信息公开工作由党政办负责,没有专职人员,由办公室2名兼职人员承担。",
     {"staff.full_time": 0, "staff.part_time": 2}, []),
    ("一、概述", "按照政府信息公开工作有关要求,我局配备了4名工作人员,全职负责网站信息的发布和舆情监控工作。",
     {"staff.full_time": 4}, ["staff.total"]),
    ("一、概述", "为做好政府信息公开工作,中心配备了2名同志兼职负责信息的收集和发布。",
     {"staff.part_time": 2}, ["staff.total"]),
    ("一、概述", "明确由党政办牵头实施政务公开,专兼职工作人员由原来的3人增加到现在的7人。",
     {"staff.total": 7}, []),
    ("一、概述", "本局从事政府信息公开工作的人员由原来的2人调整为3人。",
     {"staff.total": 3}, []),
    # per unit, not the body's staff (b12 f12): the clause reader's deny_sentence
    ("一、概述", "办公室牵头协调,各有关科室、单位指定1名工作人员具体负责信息公开工作。",
     {}, ["staff.total"]),
    ("一、概述", "各乡镇均无专职人员,由兼职人员承担政务公开工作。", {}, ["staff.full_time"]),
    # --- fees: "not one (matter)" between the negation and the verb (b12 f03)
    ("四、政府信息公开收费及减免情况", "2016年,我局政府信息公开工作无一事项收取费用。", {"fees.collected": 0.0}, []),
    ("四、政府信息公开收费及减免情况", "全年依申请公开无一件收费。", {"fees.collected": 0.0}, []),
    ("四、政府信息公开收费及减免情况", "2018年度,我镇政府信息公开没有收费。", {"fees.collected": 0.0}, []),
    ("四、政府信息公开收费及减免情况", "申请人逾期未按收费通知要求缴纳费用的,行政机关不再处理其申请。", {}, ["fees.collected"]),
    # --- normative documents: 制作 is the old verb of the year's issued count (b12 e08); the figure first
    ("(三)政府信息管理", "2019年共制作行政规范性文件0件,发布政策文件2条。", {"normative.issued": 0}, []),
    ("(三)政府信息管理", "2019年,我局制作了3件行政规范性文件,均已公开。", {"normative.issued": 3}, []),
    ("(三)政府信息管理", "2019年,制作规范性文件解读材料5份。", {}, ["normative.issued"]),
    # --- interpretations and hot topics, both orders (b12 e22, f20)
    ("(一)主动公开", "2019年共发布4条政策解读信息,及时释放政策信息。", {"response.interpretations": 4}, []),
    ("(一)主动公开", "全年发布政策解读稿件18篇。", {"response.interpretations": 18}, []),
    ("三、回应解读情况", "政府网站在线访谈次数2次,回应事件数2次。",
     {"response.online_interviews": 2, "response.hot_topics": 2}, []),
    ("三、回应解读情况", "回应公众关注热点或重大舆情数量30个,举办在线访谈4期。",
     {"response.hot_topics": 30, "response.online_interviews": 4}, []),
    ("三、回应解读情况", "通过微信回应事件1次,其他方式回应事件数1次。",
     {"response.weibo_wechat": 1, "response.other": 1}, ["response.hot_topics"]),
]


@pytest.mark.parametrize("heading,body,want,absent", CASES, ids=[c[1][:14] for c in CASES])
def test_mined_wordings(heading, body, want, absent):
    values = _extract(heading, body)["values"]
    for key, value in want.items():
        assert values.get(key) == value, (key, values)
    for key in absent:
        assert key not in values, (key, values)


def test_staff_change_keeps_evidence_of_the_later_figure():
    rec = _extract("一、概述", "推进政务公开,专兼职工作人员由原来的2人增加到现在的5人。")
    [f] = [f for f in rec["facts"] if f["key"] == "staff.total"]
    a, b = f["offset"]
    assert rec["text"][a:b] == f["evidence"] and f["evidence"].endswith("5人")
    assert f["raw"] == "5人" and f["rule"] == "staff.total#full-and-part-time"


def test_zero_in_words_keeps_the_phrase_as_evidence():
    rec = _extract("一、概述", "信息公开工作由局办公室承办,现无专职人员,由1名兼职人员承担此项工作。")
    [f] = [f for f in rec["facts"] if f["key"] == "staff.full_time"]
    assert f["value"] == 0 and "无专职人员" in f["evidence"]
