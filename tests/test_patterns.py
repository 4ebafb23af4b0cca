"""The pattern corpus: every example of every ``patterns/facts/*.yaml`` file.

Duckling-style: one generic test walks every example through the real path
(DocumentBuilder -> normalize -> segment -> rules.find_facts) and compares the
resulting key -> value dict with ``expect`` exactly. A counter-example expects ``{}``.
An example may give ``section:`` (the heading it sits under) and ``warnings:`` (codes
that must be raised, e.g. ``approximate``).
"""
from __future__ import annotations

import re

import pytest

from extractor import rules, segment
from extractor.model import DocumentBuilder, Source
from extractor.normalize import normalize

EXAMPLES = rules.load_examples()
_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、])")


def run_text(text: str, section: str | None = None):
    b = DocumentBuilder(Source(path="example.txt", format="txt"))
    if section:
        b.add_paragraph(section if _NUMBERED.match(section) else "三、" + section)
    b.add_paragraph(text)
    doc = normalize(b.build())
    seg = segment.segment(doc)
    return doc, rules.find_facts(doc, seg)


def _ids():
    return [f"{name}#{i}" for name, i, _ in EXAMPLES]


def test_corpus_is_large_enough():
    assert len(EXAMPLES) >= 300
    counter = sum(1 for _, _, ex in EXAMPLES if not ex.get("expect"))
    assert counter >= 60, "counter-examples (expect: {}) keep the rules honest"


@pytest.mark.parametrize("name,i,example", EXAMPLES, ids=_ids())
def test_example(name, i, example):
    doc, findings = run_text(example["text"], example.get("section"))
    got = rules.simple_values(findings)
    expect = example.get("expect") or {}
    assert got == expect, f"{name}#{i}: {example['text']!r}"
    for f in findings.facts:
        assert doc.text[f.offset[0]:f.offset[1]] == f.evidence
        assert f.origin == "text" and f.rule.startswith(f.key + "#")
    codes = {w.code for w in findings.warnings}
    for code in example.get("warnings") or []:
        assert code in codes, f"expected warning {code}, got {codes}"


# ------------------------------------------------------------------ unit tests


def test_every_rule_file_compiles_and_keys_are_canonical_or_other():
    import yaml
    from pathlib import Path

    keys_file = Path(rules.PATTERNS_DIR).parent / "keys.yaml"
    canonical = None
    if keys_file.is_file():
        data = yaml.safe_load(keys_file.read_text(encoding="utf-8"))
        canonical = {k["key"] for k in data.get("keys", [])}
    rs = rules.load_rules()
    assert len(rs.rules) >= 40
    for r in rs.rules:
        assert r.patterns or r.zero, r.rule_id
        if canonical is not None:
            assert r.key in canonical or r.key.startswith("other."), r.key


def test_every_regex_compiles():
    # the rules compile on first use: compile them all, so a bad regex fails here
    rs = rules.compile_all()
    assert all(r.patterns or r.zero for r in rs.rules)


def test_every_key_with_rules_has_examples():
    keys_with_rules = {r.key for r in rules.load_rules().rules}
    keys_in_examples = set()
    for _, _, ex in EXAMPLES:
        keys_in_examples |= set((ex.get("expect") or {}).keys())
    missing = keys_with_rules - keys_in_examples
    assert not missing, f"keys without a positive example: {sorted(missing)}"


def test_bad_pattern_file_is_rejected(tmp_path):
    (tmp_path / "bad.yaml").write_text(
        "rules:\n  - {key: proactive.total, id: x, patterns: ['主动公开(<Q>']}\n", encoding="utf-8"
    )
    with pytest.raises(rules.PatternError):
        rules.load_rules(str(tmp_path))


def test_pattern_without_quantity_is_rejected(tmp_path):
    (tmp_path / "bad.yaml").write_text(
        "rules:\n  - {key: proactive.total, id: x, patterns: ['主动公开信息']}\n", encoding="utf-8"
    )
    with pytest.raises(rules.PatternError):
        rules.load_rules(str(tmp_path))


def test_fact_fields_and_evidence():
    doc, f = run_text("2017年我局主动公开政府信息数64条。")
    [fact] = f.facts
    assert fact.key == "proactive.total" and fact.value == 64 and isinstance(fact.value, int)
    assert fact.unit == "条" and fact.raw == "64条"
    assert fact.rule.startswith("proactive.total#")
    assert "64条" in fact.evidence and doc.text[fact.offset[0]:fact.offset[1]] == fact.evidence


def test_money_is_float_yuan():
    _, f = run_text("2017年,我委投入经费0.5万元用于门户网站更新建设维护。")
    [fact] = f.facts
    assert fact.key == "funding.platform" and fact.value == 5000.0 and isinstance(fact.value, float)
    assert fact.unit == "万元"


def test_approximation_gives_warning_not_value():
    _, f = run_text("2021年主动公开政府信息7200余条。")
    assert not f.facts
    assert any(w.code == "approximate" and "7200余条" in w.message for w in f.warnings)


def test_two_readings_in_one_sentence_give_nothing():
    _, f = run_text("我局主动公开政府信息120条,另据统计主动公开政府信息150条。")
    assert not [x for x in f.facts if x.key == "proactive.total"]
    assert any(w.code == "ambiguous" for w in f.warnings)


def test_table_rows_are_left_to_table_readers():
    from extractor.model import Table

    b = DocumentBuilder(Source(path="t.txt", format="txt"))
    b.add_table(Table.from_rows([["主动公开政府信息数", "条", "17"], ["收到申请数", "件", "0"]]))
    b.add_paragraph("主动公开政府信息数 | 条 | 17 |")
    doc = normalize(b.build())
    assert rules.find_facts(doc, segment.segment(doc)).facts == []
