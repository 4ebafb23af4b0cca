"""The clause reader's after-label gate (issue 11): ``ClauseSet.after_any``, all the labels
written after a figure in one alternation, matches at a place exactly when one of the
entries' ``after`` labels does there, so ``_label_after`` may stop at its miss. Checked at
every position of clauses.yaml's examples and counter-examples, and the readings of a set
without the gate compared."""
from __future__ import annotations

import copy

from extractor import clauses
from extractor.resources import load_yaml


def _texts():
    data = load_yaml(clauses.CLAUSES_FILE)
    return [clauses._alias(clauses.load(), str(x["text"]))
            for x in (data.get("examples") or []) + (data.get("counter_examples") or [])]


def test_the_gate_matches_where_an_after_label_does():
    cs = clauses.load()
    labels = [rx for e in cs.after_entries for rx in e.after]
    assert cs.after_any is not None and len(labels) > 10
    hits = 0
    for text in _texts():
        for p in range(len(text)):
            one = any(rx.match(text, p) is not None for rx in labels)
            assert (cs.after_any.match(text, p) is not None) == one, (text, p)
            hits += one
    assert hits > 50   # (the examples do write labels after their figures)


def test_readings_with_and_without_the_gate_are_the_same():
    cs = clauses.load()
    open_cs = copy.copy(cs)
    open_cs.after_any = None
    for text in _texts():
        a = clauses._sentence_facts(cs, text, "", lambda a, b: False)
        b = clauses._sentence_facts(open_cs, text, "", lambda a, b: False)
        assert a == b, text
