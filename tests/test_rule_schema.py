"""A rule's value type (kind) comes from its key in patterns/keys.yaml: a rule need not state
it, and one that contradicts it is refused when the file is loaded."""
from __future__ import annotations

import pytest

from extractor import rules, segment
from extractor.model import DocumentBuilder, Source
from extractor.normalize import normalize


def _dir(tmp_path, rule: str) -> str:
    (tmp_path / "t.yaml").write_text(f"rules:\n  - {rule}\n", encoding="utf-8")
    return str(tmp_path)


def _values(d: str, text: str) -> dict:
    b = DocumentBuilder(Source(path="t.txt", format="txt"))
    b.add_paragraph(text)
    doc = normalize(b.build())
    return rules.simple_values(rules.find_facts(doc, segment.segment(doc), directory=d))


def test_a_money_key_reads_money_without_saying_so(tmp_path):
    d = _dir(tmp_path, "{key: funding.special, id: a, patterns: ['专项经费<G:4><Q>']}")
    (r,) = rules.load_rules(d).rules
    assert r.kind == "money"
    assert _values(d, "本年度落实信息公开专项经费3万元。") == {"funding.special": 30000.0}


def test_a_key_outside_keys_yaml_reads_counts(tmp_path):
    d = _dir(tmp_path, "{key: other.hotline_calls, id: a, units: [次], patterns: ['热线电话<G:4><Q>']}")
    assert rules.load_rules(d).rules[0].kind == "count"
    assert _values(d, "接听热线电话25次。") == {"other.hotline_calls": 25}


def test_a_kind_that_contradicts_keys_yaml_is_refused(tmp_path):
    d = _dir(tmp_path, "{key: applications.received, id: a, kind: money, patterns: ['申请<Q>']}")
    with pytest.raises(rules.PatternError, match="applications.received is a count key"):
        rules.load_rules(d)
