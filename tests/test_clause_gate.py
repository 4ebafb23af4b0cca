"""The clause reader's sentence gate (issue 11): a sentence in which no label, label written
after the figure or zero statement of any key can match is not read, nor one whose keys
are all taken already. The gate must never change a reading: each sentence here is read
with the gate and with a gate that lets every sentence through, and both readings are
compared (clauses.yaml's examples and counter-examples, the bundled corpus' sentences)."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from extractor import clauses, pipeline
from extractor.normalize import year_view
from extractor.resources import load_yaml
from extractor.segment import segment

ROOT = Path(__file__).resolve().parent.parent


class _Open:
    """A gate that lets every sentence through with every key."""

    def __init__(self, cs):
        self.all = frozenset(e.key for e in cs.entries)

    def keys(self, text):
        return self.all

    def plan(self, text):
        return self.all, self.all, self.all


@pytest.fixture(scope="module")
def sets():
    cs = clauses.load()
    open_cs = copy.copy(cs)
    open_cs.gate = _Open(cs)
    return cs, open_cs


def _read(cs, text, taken=frozenset(), year=None):
    return clauses._sentence_facts(cs, text, "", lambda a, b: False, year=year, taken=taken)


def _example_texts():
    data = load_yaml(clauses.CLAUSES_FILE)
    return [str(x["text"]) for x in (data.get("examples") or []) + (data.get("counter_examples") or [])]


def test_examples_read_alike(sets):
    cs, open_cs = sets
    texts = _example_texts()
    assert len(texts) > 100
    gated = 0
    for text in texts:
        got = _read(cs, text)
        assert got == _read(open_cs, text), text
        gated += not cs.gate.keys(clauses._alias(cs, text))
    # the examples are about the keys: (almost) all of them pass the gate
    assert gated < len(texts) // 4


def test_gate_keys_cover_the_reading(sets):
    cs, open_cs = sets
    for text in _example_texts():
        keys = {k for k, *_ in _read(open_cs, text)}
        assert keys <= cs.gate.keys(clauses._alias(cs, text)), text


def test_sentence_without_labels_is_not_read(sets):
    cs, _ = sets
    text = "会议强调,要进一步提高认识,加强领导,确保各项任务落到实处。"
    assert cs.gate.keys(text) == frozenset()
    assert _read(cs, text) == []


def test_taken_keys_skip_only_when_nothing_else_can_be_read(sets):
    cs, open_cs = sets
    text = "2023年,公开了涉税政府信息215条。"
    got = _read(open_cs, text)
    keys = {k for k, *_ in got}
    assert "proactive.total" in keys
    # every key it can give taken: not read
    assert _read(cs, text, taken=cs.gate.keys(text)) == []
    # one other key it might give left open: read as before
    can = cs.gate.keys(text)
    if len(can) > 1:
        rest = set(can) - {"proactive.total"}
        assert _read(cs, text, taken=frozenset(rest)) == got


def test_corpus_sentences_read_alike(sets):
    """Every sentence of the bundled corpus' texts, with the document's own year."""
    cs, open_cs = sets
    files = sorted((ROOT / "corpus").glob("*.txt"))
    files = [f for f in files if f.name.count(".") == 1]
    assert files
    n = 0
    for f in files:
        doc = pipeline.load_and_normalize(str(f), {})
        year = getattr(doc, "own_year", None)
        for sent in segment(doc).sentences:
            view = year_view(sent.text, year)
            assert _read(cs, view, year=year) == _read(open_cs, view, year=year), (f.name, sent.text)
            n += 1
    assert n > 100
