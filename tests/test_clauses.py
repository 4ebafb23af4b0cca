"""The generic clause reader (extractor/clauses.py, patterns/clauses.yaml): its examples
and counter-examples, and its place in the pipeline (lowest priority, fills only keys
that the rules and tables left empty, full provenance)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from extractor import clauses, pipeline, reconcile
from extractor.model import Fact, Findings
from extractor.normalize import normalize_text
from extractor.resources import patterns_dir

DATA = yaml.safe_load((patterns_dir() / "clauses.yaml").read_text(encoding="utf-8"))
CASES = [(kind, ex) for kind in ("examples", "counter_examples") for ex in DATA[kind]]


@pytest.mark.parametrize("kind,ex", CASES, ids=[f"{k[:3]}-{i}" for i, (k, _) in enumerate(CASES)])
def test_example(kind, ex):
    text = normalize_text(ex["text"])[0]   # Traditional / full-width examples as documents are
    lead = normalize_text(ex["lead"])[0] if ex.get("lead") else ""
    assert clauses.read_sentence(text, ex.get("section", ""), lead=lead, year=ex.get("year")) == ex["expect"]


def test_examples_cover_every_key():
    said = set()
    for ex in DATA["examples"]:
        said |= set(ex["expect"])
    assert set(DATA["keys"]) - said == set(), "every key of clauses.yaml needs an example"
    assert any(ex["expect"] == {} for ex in DATA["counter_examples"])


def _extract(body: str) -> dict:
    return pipeline.extract(("一、主动公开政府信息情况\n" + body + "\n").encode("utf-8"), name="r.txt",
                            with_text=True)


def test_fills_an_empty_key_with_provenance():
    rec = _extract("本年度发生依申请公开1次。")
    assert rec["values"].get("applications.received") == 1
    [f] = [f for f in rec["facts"] if f["key"] == "applications.received"]
    assert f["rule"] == "clause:applications.received"
    assert f["origin"] == "text" and f["raw"] == "1次" and f["unit"] == "次"
    a, b = f["offset"]
    assert rec["text"][a:b] == f["evidence"] == "依申请公开1次"


def test_traditional_script_document():
    rec = _extract("全年共發布各類警務微博2654條,被轉發1077次。")
    assert rec["values"].get("proactive.via.weibo") == 2654
    assert not any(f["value"] == 1077 for f in rec["facts"])


def test_never_overrides_a_rule():
    # the rule reads 88 for the total; the clause reader would read 566 in the next line
    rec = _extract("2021年,本局主动公开政府信息88条。\n2021年,全镇政府信息公开566条。")
    assert rec["values"]["proactive.total"] == 88
    assert not any(f["rule"].startswith("clause:") for f in rec["facts"])
    assert not rec["conflicts"]


def test_two_clause_readings_give_nothing():
    rec = _extract("本年度发生依申请公开1次。\n全年发生依申请公开3次。")
    assert "applications.received" not in rec["values"]
    assert any(w["code"] == "ambiguous" and w["message"].startswith("applications.received")
               for w in rec["warnings"])


def test_keys_a_reader_touched_are_left_alone():
    from extractor import segment
    from extractor.model import Block, Document, Source

    text = "本年度发生依申请公开1次。\n"
    d = Document(Source("x.txt"), [Block("paragraph", text[:-1], start=0, end=len(text) - 1)], text)
    seg = segment.segment(d)
    assert [f.key for f in clauses.find_facts(d, seg, Findings(), Findings()).facts] == ["applications.received"]
    blocked = Findings(blocked_keys={"applications.received"})
    assert clauses.find_facts(d, seg, blocked, Findings()).facts == []
    from extractor.model import Warning_
    warned = Findings(warnings=[Warning_("approximate", "applications.received: approximate figure '约5件'")])
    assert clauses.find_facts(d, seg, warned, Findings()).facts == []


def test_reconcile_gives_clause_facts_the_lowest_priority():
    def fact(val, rule, off):
        return Fact("proactive.total", val, "条", f"{val}条", "text", None, off, "", rule)

    prose = Findings(facts=[fact(88, "proactive.total#count", (0, 5))])
    mine = Findings(facts=[fact(566, "clause:proactive.total", (10, 15))])
    out = reconcile.reconcile(None, None, prose, Findings(), mine)
    assert out["values"]["proactive.total"] == 88 and not out["conflicts"]
    assert [f.rule for f in out["facts"]] == ["proactive.total#count"]
    out = reconcile.reconcile(None, None, Findings(), Findings(), mine)
    assert out["values"]["proactive.total"] == 566


def test_bad_data_file_is_refused(tmp_path: Path):
    common = patterns_dir() / "facts" / "_common.yaml"
    bad = tmp_path / "c.yaml"
    bad.write_text("keys:\n  proactive.total: {labels: ['主动公开'], units: [条], colour: red}\n", encoding="utf-8")
    with pytest.raises(clauses.ClauseError, match="colour"):
        clauses.load(str(bad), str(common))
    bad.write_text("keys:\n  proactive.everything: {labels: ['主动公开'], units: [条]}\n", encoding="utf-8")
    with pytest.raises(clauses.ClauseError, match="no canonical key"):
        clauses.load(str(bad), str(common))
    bad.write_text("keys:\n  proactive.total: {labels: ['主动(公开'], units: [条]}\n", encoding="utf-8")
    with pytest.raises(clauses.ClauseError, match="bad regex"):
        clauses.load(str(bad), str(common))


def test_zero_statement_context_in_the_line_before():
    # a line cut into sentences at ；: the disclosure context stands in the line before the
    # zero statement, not in the sentence nor under a heading that names it
    rec = _extract_under("一、总体情况",
                         "全年收到和处理12件政府信息公开申请；全年没有受理行政诉讼、行政复议等情况。")
    assert rec["values"].get("reconsideration.total") == 0
    assert rec["values"].get("litigation.total") == 0
    [f] = [f for f in rec["facts"] if f["key"] == "litigation.total"]
    assert f["rule"] == "clause:litigation.total" and f["value"] == 0
    assert rec["text"][f["offset"][0]:f["offset"][1]] == f["evidence"] and f["evidence"].startswith("没有")
    # … and a line about something else gives nothing
    rec = _extract_under("一、总体情况", "法治政府建设扎实推进；全年没有受理行政诉讼、行政复议等情况。")
    assert "reconsideration.total" not in rec["values"] and "litigation.total" not in rec["values"]


def _extract_under(heading: str, body: str) -> dict:
    return pipeline.extract((heading + "\n" + body + "\n").encode("utf-8"), name="r.txt", with_text=True)
