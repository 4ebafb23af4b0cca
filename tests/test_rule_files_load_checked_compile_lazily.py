"""rules: pattern files checked at load, regexes compiled on first use (start-up speed)."""
from __future__ import annotations

import re

import pytest
import regex

from extractor import rules, segment
from extractor.model import DocumentBuilder, Source
from extractor.regexkit import LazyRegex
from extractor.normalize import normalize

_PATTERN = (re.Pattern, regex.Pattern)  # regexkit.compile_fast picks the engine per regex


def _write(tmp_path, body: str):
    (tmp_path / "t.yaml").write_text(body, encoding="utf-8")
    return str(tmp_path)


_TWO_RULES = """rules:
  - {key: proactive.total, id: a, patterns: ['主动公开<G>信息<Q>']}
  - {key: applications.received, id: b, patterns: ['收到<G>申请<Q>'], deny: ['上年']}
"""


def _find(directory, text):
    b = DocumentBuilder(Source(path="t.txt", format="txt"))
    b.add_paragraph(text)
    doc = normalize(b.build())
    return rules.find_facts(doc, segment.segment(doc), directory=directory)


def test_rules_compile_on_first_use_only(tmp_path):
    d = _write(tmp_path, _TWO_RULES)
    rs = rules.load_rules(d)
    assert not any("patterns" in r.__dict__ for r in rs.rules)  # nothing compiled at load
    f = _find(d, "本机关主动公开政府信息120条。")
    assert rules.simple_values(f) == {"proactive.total": 120}
    compiled = {r.id: "patterns" in r.__dict__ for r in rs.rules}
    assert compiled == {"a": True, "b": False}  # 收到/申请 absent: rule b never ran
    a, b = rs.rules
    assert a.patterns[0]._compiled is not None and a.deny is None
    # any access sets the regexes (regexkit's one lazy type), each compiled on its first use
    assert isinstance(b.deny, LazyRegex) and "patterns" in b.__dict__
    assert b.deny._compiled is None and b.patterns[0]._compiled is None
    assert b.deny.search("上年") is not None and isinstance(b.deny.compiled(), _PATTERN)


def test_compile_all_compiles_every_rule_and_shares_conditions(tmp_path):
    rs = rules.compile_all(_write(tmp_path, _TWO_RULES))
    a, b = rs.rules
    assert all(isinstance(rx._compiled, _PATTERN) for r in rs.rules for rx in r.patterns)
    assert a.section_deny is b.section_deny  # one regex per source
    assert a.rule_id == "proactive.total#a"


def test_a_bad_regex_fails_at_load_or_at_compile(tmp_path):
    with pytest.raises(rules.PatternError):  # the stdlib parser sees it: at load
        rules.load_rules(_write(tmp_path, "rules:\n  - {key: x.y, id: a, patterns: ['申请(<Q>']}\n"))
    with pytest.raises(rules.PatternError):
        rules.load_rules(_write(tmp_path, "rules:\n  - {key: x.y, id: a, patterns: ['a<Q>'], deny: ['[z-a]']}\n"))
    # one only `regex` rejects is reported when compiled (compile_all, or first use)
    r = rules.Rule("x.y", "a", pattern_src=[r"(?P<q>\ue000+)(?P=nope)"], pattern_needs=[None])
    with pytest.raises(rules.PatternError):
        r.compile()
    with pytest.raises(rules.PatternError):
        r.patterns[0].search("x")


def test_regex_only_syntax_is_compiled_at_load(tmp_path, monkeypatch):
    # the checked-rules cache (keyed by the files' bytes, not their folder) would give the
    # rules of an earlier run of this test without checking them again
    monkeypatch.setenv("ZWGK_RULES_CACHE", "0")
    rs = rules.load_rules(_write(tmp_path, "rules:\n  - {key: x.y, id: a, patterns: ['\\\\p{Han}申请<Q>']}\n"))
    r = rs.rules[0]
    assert r.pattern_needs == [None]  # no prefilter for it
    assert r.pattern_src[0] in r.compiled  # checked by compiling it
    assert isinstance(r.compiled[r.pattern_src[0]]._compiled, _PATTERN)


def test_rules_are_read_without_the_examples():
    # the shipped files end with their examples, which load_rules does not read
    assert any(len(rules.loader._without_examples(p.read_text(encoding="utf-8"))) < p.stat().st_size
               for p in rules.rule_files(rules.PATTERNS_DIR))
    common = rules.loader._common(rules.PATTERNS_DIR)
    for p in rules.rule_files(rules.PATTERNS_DIR):
        text = p.read_text(encoding="utf-8")
        head = rules.loader._without_examples(text)
        full = rules.loader._yaml(text)
        full.pop("examples", None)
        assert rules.loader._yaml(head) == full, p.name
        fast, _ = rules.load_file(p, common, examples=False)
        slow, _ = rules.load_file(p, common)
        assert [(r.rule_id, r.pattern_src, r.zero_src, r.condition_src, r.pattern_needs) for r in fast] == \
               [(r.rule_id, r.pattern_src, r.zero_src, r.condition_src, r.pattern_needs) for r in slow]


def test_examples_key_followed_by_another_key_reads_the_whole_file():
    text = "rules: []\nexamples:\n  - text: x\nmacros: {A: b}\n"
    assert rules.loader._without_examples(text) == text
    assert rules.loader._without_examples("rules: []\nexamples:\n  - text: x\n") == "rules: []\n"
