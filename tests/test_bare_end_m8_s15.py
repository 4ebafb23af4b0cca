"""Session 15 M8: a figure written without its measure word right after an application key's label
(clauses.yaml ``bare_end: ['<BAREEND>']``, shared ``bare_figure``; census /work/notes/s15/m8_census.md).
It is read when closed by 。/;, a comma not before a figure, or a line end with more text after it
whose next line opens with no figure (b22 an04, b25 at13, b25 au08); a text cut right after the
figure (the crawler's page openings: b10 c34 结转至2022年19⏎ at the end) closes nothing, and a figure
after a space (a row's column, an item's number: b14 o31) is none (shared bare_figure). The line end
is seen through the document's text after the sentence (clauses.find_facts passes it as ``trail``)."""
from pathlib import Path

import pytest

from extractor import clauses, pipeline

REAL = Path(__file__).parent / "real"

HEAD = "某某区司法局2023年政府信息公开工作年度报告\n一、总体情况\n本局依法做好政府信息公开工作。\n三、依申请公开政府信息情况\n"


def _values(tmp_path, body: str) -> dict:
    p = tmp_path / "r.txt"
    p.write_text(HEAD + body, encoding="utf-8")
    return pipeline.extract(str(p))["values"]


def test_a_bare_figure_closing_its_line_is_read_when_text_follows(tmp_path):
    got = _values(tmp_path, "我局共受理政府信息公开申请3\n\n    四、其他需要报告的事项\n无。\n")
    assert got.get("applications.received") == 3


def test_a_bare_figure_ending_a_cut_text_is_not_read(tmp_path):
    got = _values(tmp_path, "我局共受理政府信息公开申请3\n")
    assert "applications.received" not in got


def test_a_figure_whose_measure_word_wrapped_to_the_next_line_is_no_bare_count(tmp_path):
    # (the normaliser joins the wrapped line: 申请3个工作日 - a span of time, never a bare 3)
    got = _values(tmp_path, "我局依法受理政府信息公开申请3\n个工作日内予以答复。\n四、其他需要报告的事项\n无。\n")
    assert got.get("applications.received") != 3


def test_a_bare_figure_whose_next_line_opens_with_a_figure_is_not_read(tmp_path):
    got = _values(tmp_path, "我局共受理政府信息公开申请1\n2件,均已按时答复。\n")
    assert got.get("applications.received") != 1


@pytest.mark.parametrize("text,expect", [
    ("共受理政府信息公开申请21件,已办结18,结转下年度继续办理5。",
     {"applications.received": 21, "applications.completed": 18, "applications.carried_forward": 5}),
    ("本年度共收到依申请公开事项0三是政府信息管理方面。", {}),
    ("共受理政府信息公开申请12,5件已办结。", {}),
    ("共受理政府信息公开申请2023。", {}),
    # a figure after a space: a row's column (the first of 自然人, 法人…), not the total
    ("一、本年新收政府信息公开申请数量 3\n三、收费和减免情况", {}),
    ("我局共受理政府信息公开申请 3\n三、收费和减免情况", {}),
])
def test_the_closers(text, expect):
    assert clauses.read_sentence(text) == expect


def _real(batch: str, stem: str) -> dict:
    path = next((REAL / batch).glob(stem + "*.txt"))
    return pipeline.extract(str(path))


def test_real_reports():
    an04 = _real("b22", "an04_")
    assert an04["values"].get("applications.received") == 0
    at13 = _real("b25", "at13_")["values"]
    assert (at13.get("applications.completed"), at13.get("applications.carried_forward")) == (18, 5)
    au08 = _real("b25", "au08_")["values"]
    assert au08.get("applications.received") == 2
    # the crawler cut the text right after 结转至2022年19: no carried_forward from it
    c34 = _real("b10", "c34_")["values"]
    assert c34.get("applications.carried_forward") != 19
