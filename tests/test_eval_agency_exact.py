"""eval's strict agency figure (``agency exact``) beside the containment one: 北京市 for
北京市统计局 counts under containment, not under exact; the containment figure keeps its
meaning."""
import io

from extractor.evaluate import AGENCY_EXACT, DocScore, agency_exact, report, score_document, summarize


def _score(got, want):
    res = {"values": {}, "document": {"agency": got}, "score_tables": [], "warnings": [], "errors": []}
    return score_document(res, {"document": {"agency": want}}, DocScore(path="x.txt", name="x", rendering="txt"))


def test_a_place_for_its_bureau_is_contained_but_not_exact():
    s = _score("北京市", "北京市统计局")
    assert s.fields["agency"][0] is True
    assert s.fields[AGENCY_EXACT][0] is False


def test_exact_ignores_script_and_spaces_only():
    assert agency_exact("白沙鎮人民政府", "白沙镇人民政府")
    assert agency_exact("白沙镇 人民政府", "白沙镇人民政府")
    assert not agency_exact("白沙镇", "白沙镇人民政府")
    assert agency_exact(None, None) and not agency_exact("白沙镇", None) and not agency_exact(None, "白沙镇")


def test_no_agency_field_in_gold_scores_neither():
    res = {"values": {}, "document": {"agency": "白沙镇"}, "score_tables": [], "warnings": [], "errors": []}
    s = score_document(res, {"document": {"kind": "annual_report"}}, DocScore(path="x", name="x", rendering="txt"))
    assert "agency" not in s.fields and AGENCY_EXACT not in s.fields


def test_summary_and_report_give_both_figures():
    scores = [_score("北京市", "北京市统计局"), _score("白沙镇", "白沙镇"), _score("东城区", "西城区")]
    summ = summarize(scores)
    assert summ["fields"]["agency"]["accuracy"] == 2 / 3
    assert summ["fields"][AGENCY_EXACT]["accuracy"] == 1 / 3
    out = io.StringIO()
    report(scores, summ, out=out)
    text = out.getvalue()
    assert "agency exact accuracy=0.333 (n=3)" in text
    # a document whose agency is wrong by containment is flagged once, a contained one as not exact
    assert text.count("'东城区'") == 1
    assert "agency exact: got '北京市' want '北京市统计局'" in text
