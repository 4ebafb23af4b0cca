"""Scoring rules of SCHEMA.md's gold section."""
import json
from pathlib import Path

from extractor.evaluate import DocScore, discover, gold_name_for, prf, score_document, summarize


def _score(pred_values, gold, tables=None, doc=None):
    res = {"values": pred_values, "document": doc or {}, "score_tables": tables or [], "warnings": [], "errors": []}
    return score_document(res, gold, DocScore(path="x.txt", name="x", rendering="txt"))


def test_exact_optional_and_ignore():
    gold = {"values": {"a.x": 1, "b.y": 5000.0, "c.z": 0},
            "_optional": {"d.q": 3}, "_ignore": ["e.w"]}
    s = _score({"a.x": 1, "b.y": 5000.001, "c.z": 2, "d.q": 3, "e.w": 99}, gold)
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)  # c.z wrong counts as both
    s = _score({"d.q": 4, "f.f": 1}, gold)
    assert (s.tp, s.fp, s.fn) == (0, 2, 3)


def test_booleans_are_not_numbers():
    s = _score({"service_hall.physical": 0}, {"values": {"service_hall.physical": False}})
    assert (s.tp, s.fp, s.fn) == (0, 1, 1)


def test_agency_containment_and_fields():
    s = _score({}, {"document": {"agency": "乌海市民委事务委员会", "kind": "self_inspection"}},
               doc={"agency": "乌海市民委", "kind": "annual_report"})
    assert s.fields["agency"][0] is True
    assert s.fields["kind"][0] is False


def test_score_items_matched_in_order():
    gold = {"score_tables": [{"items": [{"max": 5, "score": 5}, {"max": 3, "score": 2}, {"max": 2, "score": None}],
                              "total": {"max": 10, "score": 7}}]}
    pred = [{"items": [{"max": 5, "score": 5}, {"max": 2, "score": None}, {"max": 3, "score": 2}],
             "total": {"max": 10, "score": 7, "stated_score": None}}]
    s = _score({}, gold, tables=pred)
    assert (s.items_tp, s.items_pred, s.items_gold) == (2, 3, 3)
    assert (s.totals_ok, s.totals_n) == (1, 1)


def test_prf_and_summary():
    assert prf(8, 2, 0) == (0.8, 1.0, 2 * 0.8 / 1.8)
    a = _score({"a.x": 1}, {"values": {"a.x": 1, "b.y": 2}})
    summ = summarize([a])
    assert summ["values"]["tp"] == 1 and summ["values"]["fn"] == 1
    assert summ["by_group"]["b"]["fn"] == 1


def test_gold_lookup_strips_rendering_suffixes(tmp_path: Path):
    (tmp_path / "s09_x.gold.json").write_text(json.dumps({"values": {}}))
    for n in ("s09_x.txt", "s09_x.grid.docx", "s09_x.scan.pdf", "other.txt"):
        (tmp_path / n).write_text("x")
    assert gold_name_for(tmp_path / "s09_x.grid.docx") == tmp_path / "s09_x.gold.json"
    assert [p.name for p, g in discover(tmp_path)] == ["s09_x.grid.docx", "s09_x.scan.pdf", "s09_x.txt"]


def test_agency_match_ignores_script():
    s = _score({}, {"document": {"agency": "白沙镇人民政府"}}, doc={"agency": "白沙鎮"})
    assert s.fields["agency"][0] is True
