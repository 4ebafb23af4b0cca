"""Session 11, task D2: b19's agency field after its first runs (patterns/metadata.yaml).

- ``agency_bad_before_suffix`` holds the preposition 由: 由 + a bare level word is the body's own
  short self-reference opening a clause's agent (所有公开信息由局办公室主动收集 b19 ag12,
  并明确由镇党委委员…负责 b19 ag30), never a name;
- ``agency_open.clause_heading`` lets the first heading follow the report's one preamble paragraph
  (现公布我局2022年…年度报告。/ 一、总体情况 / 市统计局认真贯彻…: b19 af07; the same shape in b11 h36,
  b13 i10, b2 y10, b5 u12, pool s11 q008).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor import agency_open
from extractor.agency import find_agency
from extractor.metadata_base import clean_agency

B19 = Path(__file__).parent / "real" / "b19"


@pytest.mark.parametrize("run", ["所有公开信息由局", "并明确由镇", "信息由区", "工作由县"])
def test_you_before_a_bare_level_word_is_no_name(run):
    assert clean_agency(run) is None


@pytest.mark.parametrize("name", ["上海自由贸易试验区管理委员会", "保安街道办事处", "怀远县第二中学",
                                  "永和镇", "太和县", "自由镇"])
def test_names_with_you_or_a_stem_elsewhere_stay_names(name):
    assert clean_agency(name) == name


PREAMBLE = "根据《中华人民共和国政府信息公开条例》相关要求,现公布我局2022年政府信息公开工作年度报告。\n"


def test_opening_clause_after_the_preamble():
    text = PREAMBLE + "一、总体情况\n市统计局认真贯彻落实《中华人民共和国政府信息公开条例》。"
    assert agency_open.opening_clause(text, [], None, []) == "市统计局"


@pytest.mark.parametrize("text", [
    PREAMBLE + "一、总体情况\n2022年,我局认真贯彻落实《条例》。",           # the year opens the sentence
    PREAMBLE + "本报告由总体情况等部分组成。\n一、总体情况\n市统计局认真贯彻落实《条例》。",  # two paragraphs
    PREAMBLE + "市统计局认真贯彻落实《条例》。",                           # no heading after the preamble
])
def test_opening_clause_counter_examples(text):
    assert agency_open.opening_clause(text, [], None, []) is None


@pytest.mark.skipif(not B19.exists(), reason="b19 not present")
@pytest.mark.parametrize("stem,want", [("ag12_", None), ("ag30_", None), ("af07_", "市统计局")])
def test_b19_reports(stem, want):
    text = next(B19.glob(stem + "*.txt")).read_text(encoding="utf-8")
    lines = [(0, i, ln) for i, ln in enumerate(text.split("\n"))]
    got = find_agency(None, None, None, text, lines)
    assert got == want


# a town the portal's publisher field names, written by the text's own sentence as its body (town_field_sources)
TOWN_TEXT = "2025年,田园镇人民政府认真贯彻落实《中华人民共和国政府信息公开条例》,全年主动公开信息120条。"


def _lines(text):
    return [(0, i, ln) for i, ln in enumerate(text.split("\n"))]


@pytest.mark.parametrize("field,want", [
    ("昌宁县田园镇", "田园镇人民政府"),          # b19 ag21
    ("昌宁县田园镇人民政府", "田园镇人民政府"),    # b8 m04's shape
])
def test_field_town_as_its_sentence_writes_its_body(field, want):
    assert find_agency(None, field, None, TOWN_TEXT, _lines(TOWN_TEXT)) == want


def test_field_town_counter_examples():
    # the title's town with its county keeps its form (b10 c14, b15 b01)
    assert find_agency("昌宁县田园镇", None, None, TOWN_TEXT, _lines(TOWN_TEXT)) == "昌宁县田园镇"
    # the sentence names another town's body: the field stays
    assert find_agency(None, "昌宁县大田镇", None, TOWN_TEXT, _lines(TOWN_TEXT)) == "昌宁县大田镇"
    # the sentence names the town without its body: the field stays
    bare = "2025年,田园镇认真贯彻落实《中华人民共和国政府信息公开条例》。"
    assert find_agency(None, "昌宁县田园镇", None, bare, _lines(bare)) == "昌宁县田园镇"
