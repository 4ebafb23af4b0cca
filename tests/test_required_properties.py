"""regexkit.required reads a Unicode property class (\\p{Han}, \\P{Han}: ``regex``-only
syntax) as the one character it matches (issue 11: clause labels written with \\p{Han}
had no prefilter and were searched for every figure). The literals it finds must be in
every match: checked here on random texts, and on the clause examples for every clause
label and zero statement."""
import random

import regex
import yaml

from extractor import clauses
from extractor.normalize import normalize_text
from extractor.regexkit import required
from extractor.resources import patterns_dir


def _holds(need, text: str) -> bool:
    return need is None or all(any(lit in text for lit in alts) for alts in need)


def test_a_property_class_is_one_character_of_no_literal():
    assert required(r"\p{Han}+件") == (("件",),)
    assert required(r"(?<!\p{Han})废止件数") == (("废止件数",),)
    assert required(r"[^\p{Han}，]{1,3}信息") == (("信息",),)
    assert required(r"公开\P{Han}?条") == (("公开",), ("条",))
    # the forms this analysis does not read stay unknown: the short \pL, fuzzy braces
    assert required(r"\pL件") is None
    assert required(r"\\p{Han}件") is None
    # an escaped backslash before a property class is a literal backslash
    assert required(r"a\\\p{Han}b") == (("a\\",), ("b",))


SOURCES = [r"\p{Han}{2}信息", r"(?<!\p{Han})件数", r"[^\p{Han}]公开", r"公开\P{Han}+条", r"[\p{Han}0-9]{0,2}申请",
           r"(?:发布|公开)(?:\p{Han}{0,2}?政府)?信息", r"\p{Han}*(?:街道|镇)办", r"受理\P{Han}{1,3}件|复议\p{Han}"]
CHARS = "信息件数公开条申请发布政府街道镇办受理复议a1 ,，。"


def test_the_literals_are_in_every_match():
    rnd = random.Random(5)
    rxs = [(regex.compile(s), required(s)) for s in SOURCES]
    assert all(need is not None for _, need in rxs)
    for _ in range(4000):
        t = "".join(rnd.choice(CHARS) for _ in range(rnd.randint(0, 24)))
        for rx, need in rxs:
            for m in rx.finditer(t, overlapped=True):
                assert _holds(need, m.group()), (rx.pattern, t, m.group(), need)


def test_clause_labels_never_filtered_out_where_they_match():
    cs = clauses.load()
    data = yaml.safe_load((patterns_dir() / "clauses.yaml").read_text(encoding="utf-8"))
    texts = [normalize_text(ex["text"])[0] for ex in (data.get("examples") or []) + (data.get("counter_examples") or [])
             if isinstance(ex, dict) and ex.get("text")]
    assert len(texts) > 100
    for index in (cs.labels_index, cs.zeros_index):
        for i, k in index.refs:
            rx = index.get(index.entries[i])[k]
            need = required(rx.pattern)
            for t in texts:
                for m in rx.finditer(t, overlapped=True):
                    assert _holds(need, m.group()), (rx.pattern, t)


def test_a_regex_that_never_matches_is_never_a_candidate():
    from extractor.regexkit import Prefilter

    assert required(r"(?:(?!))") == ((),) and required(r"(?!)") == ((),)
    # only the whole source: a never-matching branch or a part of a sequence is not that
    assert required(r"a|(?!)") is None and required(r"(?!)公开") == (("公开",),)
    pf = Prefilter([required(r"(?:(?!))"), required(r"公开"), None])
    for t in ("", "公开信息", "(?!)"):
        assert not pf.scan(t) & 1
    assert pf.scan("公开信息") == 0b110
    # the clause keys whose only label is (?!) (read from the clause after a figure)
    cs = clauses.load()
    nevers = [index_entry for index_entry, k in cs.labels_index.refs
              if cs.labels_index.get(cs.labels_index.entries[index_entry])[k].pattern == "(?:(?!))"]
    for t in ("依申请公开3件,其中部分公开1件", ""):
        plan = cs.labels_index.candidates(t)
        assert not any(e is cs.labels_index.entries[i] for i in nevers for e, _ in plan)
