"""Session 11, task T2 (document fields): the year opening a clause whose subject is the body, the
topic written as the body's own work (X的政府信息公开工作 + verb)."""
from tests.test_metadata import meta


def test_year_subject_with_its_own_work():
    # b4 v15: no title; the body named only as the subject of the year's work
    m = meta("一、总体情况", "(一)总体公开情况说明。2021年,县卫生健康局的政府信息公开工作严格按照省、市、县各级有关政府信息公开工作的要求开展。")
    assert m["agency"] == "县卫生健康局"
    # counter-examples: the whole county, the body speaking of itself, a verb that is none of the year's subject verbs
    m = meta("一、总体情况", "2021年,全县的政府信息公开工作严格按照省、市有关要求开展。")
    assert m["agency"] is None
    m = meta("一、总体情况", "2021年,我局的政府信息公开工作严格按照省、市有关要求开展。")
    assert m["agency"] is None
    m = meta("一、总体情况", "2021年,县卫生健康局的政府信息公开工作中存在一些问题。")
    assert m["agency"] is None
