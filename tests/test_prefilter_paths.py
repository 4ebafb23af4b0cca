"""regexkit.Prefilter: a prefilter with few literals looks for each directly (issue 11);
both paths give the same bits on every text, and the same as trying each regex."""
import random
from contextlib import contextmanager

import pytest
import regex

from extractor.regexkit import Prefilter, required
from extractor.regexkit import prefilter as prefilter_module

SOURCES = [r"收到(?:政府信息公开)?申请", r"行政复议\d+件", r"(?:主动|依申请)公开", r"举办.{0,6}发布会",
           r"未(?:发生|收到)", r"公开", r"网站|微博", r"\d+条", r"被申请行政复议", r"驳回"]
CHARS = "收到政府信息公开申请行政复议件主动依举办新闻发布会未发生网站微博微信条被驳回的了和0123456789，。"


def _texts(n=3000, seed=11):
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        k = rnd.randint(0, 40)
        t = "".join(rnd.choice(CHARS) for _ in range(k))
        if rnd.random() < 0.5:  # some real phrases, so that most bits are reachable
            t += rnd.choice(["收到申请12件", "主动公开政府信息", "行政复议3件", "举办新闻发布会", "未发生", "微博"])
        out.append(t)
    return out


@contextmanager
def _settings(**values):
    """The prefilter module's switches (FLAT_MAX, USE_AUTOMATON) set to ``values`` for a block."""
    saved = {k: getattr(prefilter_module, k) for k in values}
    for k, v in values.items():
        setattr(prefilter_module, k, v)
    try:
        yield
    finally:
        for k, v in saved.items():
            setattr(prefilter_module, k, v)


def _both(needs):
    flat = Prefilter(needs)
    with _settings(FLAT_MAX=-1):
        by_first = Prefilter(needs)
    return flat, by_first


def test_flat_and_first_character_paths_give_the_same_bits():
    needs = [required(s) for s in SOURCES]
    flat, by_first = _both(needs)
    assert flat.flat is not None and by_first.flat is None   # (the lexicon is small: flat)
    rxs = [regex.compile(s) for s in SOURCES]
    for t in _texts():
        bits = flat.scan(t)
        assert bits == by_first.scan(t), t
        for j, rx in enumerate(rxs):   # never a regex that matches left out
            if rx.search(t):
                assert bits >> j & 1, (t, SOURCES[j])


def test_a_large_prefilter_keeps_the_first_character_index():
    sources = [f"词{i}项{chr(0x4e00 + i)}" for i in range(prefilter_module.FLAT_MAX + 1)]
    pf = Prefilter([required(s) for s in sources])
    assert pf.flat is None
    assert pf.scan("词3项" + chr(0x4e03)) >> 3 & 1 and not pf.scan("词3项") >> 3 & 1


def _automaton_and_index(needs):
    """The same prefilter with its Aho-Corasick automaton and with the first-character index."""
    with _settings(FLAT_MAX=-1):   # (never flat: both take the large prefilter's path)
        auto = Prefilter(needs)
        with _settings(USE_AUTOMATON=False):
            index = Prefilter(needs)
    return auto, index


def test_the_automaton_gives_the_first_character_index_bits():
    pytest.importorskip("ahocorasick")
    needs = [required(s) for s in SOURCES]
    auto, index = _automaton_and_index(needs)
    assert auto.automaton is not None and index.automaton is None
    rxs = [regex.compile(s) for s in SOURCES]
    for t in _texts() + [""]:
        bits = auto.scan(t)
        assert bits == index.scan(t), t
        for j, rx in enumerate(rxs):
            if rx.search(t):
                assert bits >> j & 1, (t, SOURCES[j])


def test_the_automaton_on_the_clause_gate():
    """A real large prefilter (the clause labels' and zero statements' ~240 literals, as the
    clause gate gathers them): the automaton's bits are the first-character index's on
    texts made of their literals, overlapping and repeated (a literal inside another, one
    literal twice, the alphabet of all of them)."""
    pytest.importorskip("ahocorasick")
    from extractor import clauses

    cs = clauses.load()
    needs = []   # the gate's label and zero literals, as _Gate gathers them
    for index in (cs.labels_index, cs.zeros_index):
        for i, k in index.refs:
            needs.append(index.literals[index.get(index.entries[i])[k].pattern])
    auto, index = _automaton_and_index(needs)
    lits = sorted(auto.masks)
    assert len(lits) > 100 and auto.automaton is not None
    rnd = random.Random(5)
    alphabet = "".join(sorted({c for lit in lits for c in lit}))
    for _ in range(1500):
        parts = [rnd.choice(lits) if rnd.random() < 0.6 else rnd.choice(alphabet) for _ in range(rnd.randint(0, 8))]
        t = "".join(parts)
        assert auto.scan(t) == index.scan(t), t


def test_without_the_library_the_first_character_index_is_used(monkeypatch):
    monkeypatch.setattr(prefilter_module, "_ahocorasick", None)
    needs = [required(s) for s in SOURCES]
    with _settings(FLAT_MAX=-1):
        pf = Prefilter(needs)
    assert pf.automaton is None and pf.flat is None
    assert pf.scan("收到申请12件") >> 0 & 1
