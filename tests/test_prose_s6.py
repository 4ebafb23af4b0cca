"""Session 6 prose classes of the clause reader (extractor/clauses.py): a year named
relative to the document's own (结转2025年 in a 2024 report), zero statements read across
"up to now" words, and a bracket that breaks a figure down. The sentence-level cases are
examples in patterns/clauses.yaml (tests/test_clauses.py); these run whole documents."""
from __future__ import annotations

import pytest

from extractor import clauses, pipeline


def _extract(title: str, body: str) -> dict:
    return pipeline.extract((title + "\n一、依申请公开情况\n" + body + "\n").encode("utf-8"),
                            name="r.txt", with_text=True)


def test_next_year_is_carried_forward_with_the_year_from_the_title():
    rec = _extract("某市住建委2024年政府信息公开工作年度报告",
                   "全年接收政府信息公开申请1554件,全年办理1503件,结转2025年183件。")
    assert rec["values"].get("applications.carried_forward") == 183
    [f] = [f for f in rec["facts"] if f["key"] == "applications.carried_forward"]
    a, b = f["offset"]
    # the evidence is the text as printed (the view replaces nothing in the document)
    assert rec["text"][a:b] == f["evidence"] and "2025年" in f["evidence"]


def test_the_reports_own_year_after_jiezhuan_is_not_the_next():
    rec = _extract("某市住建委2025年政府信息公开工作年度报告",
                   "全年接收政府信息公开申请1554件,全年办理1503件,结转2025年183件。")
    assert "applications.carried_forward" not in rec["values"]


def test_no_year_known_reads_no_next_year():
    rec = _extract("政府信息公开工作情况", "全年接收政府信息公开申请1554件,全年办理1503件,结转2025年183件。")
    assert "applications.carried_forward" not in rec["values"]


def test_zero_up_to_now_but_not_last_year():
    rec = _extract("某医院2022年政府信息公开工作年度报告", "至今,医院尚未收到市民或法人依申请公开信息要求。")
    assert rec["values"].get("applications.received") == 0
    rec = _extract("某医院2022年政府信息公开工作年度报告", "去年,医院尚未收到市民或法人依申请公开信息要求。")
    assert "applications.received" not in rec["values"]


def test_a_part_in_a_breakdown_bracket_is_not_the_figure():
    rec = _extract("某局2022年政府信息公开工作年度报告",
                   "网站共发布89篇次(文字解读18篇次、图文解读12篇次、媒体报道解读相关信息41篇次)。")
    assert "response.interpretations" not in rec["values"]


@pytest.mark.parametrize("entry", [
    "{pattern: '(?P<y>\\\\d{4})年', as: '下一年', offset: 1}",          # no group w
    "{pattern: '(?P<w>(?P<y>\\\\d{4})年)', as: '下一年', offset: 1, when: x}",   # unknown field
])
def test_a_bad_year_view_is_refused(tmp_path, entry):
    from extractor.resources import patterns_dir

    src = (patterns_dir() / "clauses.yaml").read_text(encoding="utf-8")
    bad = src.replace("  year_views:\n", f"  year_views:\n    - {entry}\n", 1)
    assert bad != src
    p = tmp_path / "clauses.yaml"
    p.write_text(bad, encoding="utf-8")
    with pytest.raises(clauses.ClauseError):
        clauses.load(str(p))
