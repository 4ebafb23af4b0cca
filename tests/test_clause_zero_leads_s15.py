"""Session 15 C2: a zero statement that is no none of the report's year - the year before named by a
relative word opening its clause (上年度未收到依申请公开申请), a plan word leading the negation
(确保全年无因政府信息公开引发的行政复议事件) - is withheld by the clause reader as by the facts rules
(session 14 P7 guarded the facts rules only). One copy of each guard: _common.yaml's macros
PRIORYEARZEROLEAD and PLANZEROLEAD, named by clauses.yaml's shared zero_lead_deny and by the facts
rules' lead_deny. The year's own none beside such words stays read. The sentences are written anew."""
import pytest
import yaml

from extractor import clauses, pipeline
from extractor.resources import patterns_dir

PRIOR = [
    "上年度未收到依申请公开申请。",
    "上年度,我局未收到依申请公开申请。",
    "上年度未收取任何信息公开费用。",
    "上年度未制发规范性文件。",
    "上年度未发生因政府信息公开引起的投诉举报。",
]
PLAN = [
    "确保全年无因政府信息公开引发的行政复议事件。",
    "加强答复审核,确保全年无因政府信息公开引发的行政复议事件。",
    "争取全年无因政府信息公开引起的行政诉讼。",
    "严格保密审查,确保全年未发生因信息公开引起的投诉举报。",
]
OWN = [
    ("本年度未收取任何信息公开费用。", {"fees.collected": 0.0}),
    ("上年度收到申请2件,本年度未收到政府信息公开申请。", {"applications.received": 0}),
    ("全年无因政府信息公开引发的行政复议和行政诉讼,确保了公开工作平稳。",
     {"reconsideration.total": 0, "litigation.total": 0}),
    ("全年未发生因政府信息公开引起的投诉举报,确保了公开工作平稳。", {"complaints.total": 0}),
]


@pytest.mark.parametrize("text", PRIOR + PLAN)
def test_the_clause_reader_reads_no_zero_of_the_year_before_nor_of_a_plan(text):
    assert clauses.read_sentence(text) == {}


def test_the_relative_year_in_the_line_before_opens_the_sentence():
    # (the segmenter's ; split: the full sentence began in the lead)
    assert clauses.read_sentence("未收到依申请公开申请。", lead="上年度,") == {}
    assert clauses.read_sentence("未收到依申请公开申请。", lead="上年度收到申请2件。") == {
        "applications.received": 0}


@pytest.mark.parametrize("text,expect", OWN)
def test_the_years_own_zero_stays(text, expect):
    assert clauses.read_sentence(text) == expect


HEAD = "某县司法局2023年政府信息公开工作年度报告\n一、总体情况\n本年度共收到政府信息公开申请3件,均已按时答复。"


@pytest.mark.parametrize("tail,gone", [
    ("加强答复审核,确保全年无因政府信息公开引发的行政复议事件。", "reconsideration.total"),
    ("争取全年无因政府信息公开引起的行政诉讼。", "litigation.total"),
    ("上年度未制发规范性文件。", "normative.issued"),
    ("严格保密审查,确保全年未发生因信息公开引起的投诉举报。", "complaints.total"),
    ("上年度未发生因政府信息公开引起的投诉举报。", "complaints.total"),
    ("上一年度未收取任何信息公开费用。", "fees.collected"),
    ("上年度未收到政府信息公开咨询。", "consultations.total"),
    ("严格规范答复,确保全年未发生政府信息公开咨询积压。", "consultations.total"),
])
def test_a_whole_report_gives_no_such_zero(tmp_path, tail, gone):
    p = tmp_path / "r.txt"
    p.write_text(HEAD + tail + "\n", encoding="utf-8")
    values = pipeline.extract(str(p))["values"]
    assert values.get("applications.received") == 3
    assert gone not in values


def test_a_whole_report_keeps_the_years_own_zero(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(HEAD + "全年未发生因政府信息公开引起的投诉举报,确保了公开工作平稳。\n", encoding="utf-8")
    assert pipeline.extract(str(p))["values"].get("complaints.total") == 0


def test_one_copy_of_each_guard_for_both_readers():
    root = patterns_dir()
    common = yaml.safe_load((root / "facts" / "_common.yaml").read_text(encoding="utf-8"))["macros"]
    assert {"PRIORYEARZEROLEAD", "PLANZEROLEAD"} <= set(common)
    shared = yaml.safe_load((root / "clauses.yaml").read_text(encoding="utf-8"))["shared"]
    assert shared["zero_lead_deny"] == ["<PRIORYEARZEROLEAD>", "<PLANZEROLEAD>"]
    for name in ("applications", "review", "complaints", "fees"):
        data = yaml.safe_load((root / "facts" / f"{name}.yaml").read_text(encoding="utf-8"))
        guarded = [r for r in data["rules"] if "<PLANZEROLEAD>" in (r.get("lead_deny") or [])]
        assert guarded, name
        for r in guarded:   # (the macros, never a copy of their text)
            assert all("确保" not in x for x in r["lead_deny"])
