"""A macro whose name holds a digit (<CATLIST2>) is a macro in both loaders, not literal
text left in the pattern (which silently never matched)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor import clauses, rules, segment
from extractor.model import DocumentBuilder, Source
from extractor.normalize import normalize
from extractor.resources import patterns_dir


def _doc(text: str):
    b = DocumentBuilder(Source(path="x.txt", format="txt"))
    b.add_paragraph(text)
    return normalize(b.build())


def test_rule_macro_with_a_digit_is_expanded(tmp_path: Path):
    (tmp_path / "m.yaml").write_text(
        "macros:\n  MEET2: '会议'\n"
        "rules:\n  - {key: meetings.count, id: a, units: [次], patterns: ['召开<MEET2><Q>']}\n",
        encoding="utf-8")
    doc = _doc("召开会议4次。")
    f = rules.find_facts(doc, segment.segment(doc), directory=str(tmp_path))
    assert rules.simple_values(f) == {"meetings.count": 4}


def test_rule_macro_with_a_digit_unknown_is_an_error(tmp_path: Path):
    (tmp_path / "m.yaml").write_text(
        "rules:\n  - {key: meetings.count, id: a, units: [次], patterns: ['召开<MEET2><Q>']}\n",
        encoding="utf-8")
    doc = _doc("召开会议4次。")
    with pytest.raises(Exception, match="MEET2"):
        rules.find_facts(doc, segment.segment(doc), directory=str(tmp_path))


def test_clause_macro_with_a_digit_is_expanded_or_refused(tmp_path: Path):
    common = patterns_dir() / "facts" / "_common.yaml"
    good = tmp_path / "c.yaml"
    good.write_text("macros:\n  PRESS2: '新闻发布会'\n"
                    "keys:\n  response.press_conferences: {labels: ['<PRESS2>'], units: [场]}\n",
                    encoding="utf-8")
    assert clauses.read_sentence("召开新闻发布会3场。", path=str(good)) == {"response.press_conferences": 3}
    bad = tmp_path / "d.yaml"
    bad.write_text("keys:\n  response.press_conferences: {labels: ['<PRESS2>'], units: [场]}\n",
                   encoding="utf-8")
    with pytest.raises(clauses.ClauseError, match="PRESS2"):
        clauses.load(str(bad), str(common))
