"""Rule-file macros are expanded after the macros they name (any depth, any order in the
file); macros naming each other in a cycle, and unknown macros, are errors."""
from __future__ import annotations

import pytest

from extractor import rules, segment
from extractor.model import DocumentBuilder, Source
from extractor.normalize import normalize


def _dir(tmp_path, body: str) -> str:
    (tmp_path / "t.yaml").write_text(body, encoding="utf-8")
    return str(tmp_path)


def test_a_macro_naming_another_is_expanded_after_it(tmp_path):
    # A names B, B names C: three levels, written before the macros they name
    d = _dir(tmp_path, "macros:\n  A: '收到<B>'\n  B: '(?:申请|请求)<C>'\n  C: '共'\n"
                       "rules:\n  - {key: applications.received, id: a, units: [件], patterns: ['<A><Q>']}\n")
    (r,) = rules.load_rules(d).rules
    assert r.pattern_src == [r"(?:收到(?:(?:申请|请求)(?:共)))(?P<q>\ue000+|\ue001+)"]
    b = DocumentBuilder(Source(path="t.txt", format="txt"))
    b.add_paragraph("本年度收到申请共12件。")
    doc = normalize(b.build())
    assert rules.simple_values(rules.find_facts(doc, segment.segment(doc), directory=d)) == {
        "applications.received": 12}


def test_macros_naming_each_other_in_a_cycle_are_an_error(tmp_path):
    d = _dir(tmp_path, "macros:\n  A: '收到<B>'\n  B: '申请<A>'\n"
                       "rules:\n  - {key: applications.received, id: a, patterns: ['<A><Q>']}\n")
    with pytest.raises(rules.PatternError, match="cycle: A -> B -> A"):
        rules.load_rules(d)


def test_an_unknown_macro_is_an_error_at_any_depth(tmp_path):
    d = _dir(tmp_path, "macros:\n  A: '收到<NOPE>'\n"
                       "rules:\n  - {key: applications.received, id: a, patterns: ['<A><Q>']}\n")
    with pytest.raises(rules.PatternError, match="unknown macro <NOPE>"):
        rules.load_rules(d)
