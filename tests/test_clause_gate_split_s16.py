"""The clause reader's gate split by what a sentence can give (session 16 S12, issue 11).

``_Gate.plan`` tells the keys a sentence's figures can give apart from those its zero
statements can give; ``_gated`` drops the figures of a sentence holding no digit and no
Chinese numeral (no quantity can be in it), and ``find_facts`` asks the gate before it
gathers a sentence's headings, lead and trail. The zero search runs only where a zero key
is not taken, the quantities are looked for only where a figure key is not taken. None of
it may change a reading: each reading here is compared with the reader without any gate
(``_read_gated`` given every key), and the work left out is counted."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from extractor import clauses, numbers, pipeline
from extractor.normalize import year_view
from extractor.regexkit.required import may_match
from extractor.resources import load_yaml
from extractor.segment import segment

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cs():
    return clauses.load()


def _all_keys(cs):
    return frozenset(e.key for e in cs.entries)


def _ungated(cs, text, taken=frozenset(), year=None, section="", lead=""):
    """The reading without any gate (every key may be given), the taken keys dropped."""
    text = clauses._year_view(cs, clauses._alias(cs, text), year)
    every = _all_keys(cs)
    got = clauses._read_gated(cs, (text, every, every), section, lambda a, b: False,
                              section.rsplit(" / ", 1)[-1] if section else "", lead, year=year)
    return [r for r in got if r[0] not in taken]


def _gated(cs, text, taken=frozenset(), year=None, section="", lead=""):
    got = clauses._sentence_facts(cs, text, section, lambda a, b: False,
                                  section.rsplit(" / ", 1)[-1] if section else "", lead, year=year, taken=taken)
    return [r for r in got if r[0] not in taken]


def _texts():
    data = load_yaml(clauses.CLAUSES_FILE)
    return [(year_view(str(x["text"]), x.get("year")), str(x.get("section") or ""), str(x.get("lead") or ""),
             x.get("year")) for x in (data.get("examples") or []) + (data.get("counter_examples") or [])]


def test_plan_splits_the_keys(cs):
    every_plan = [cs.gate.plan(t) for t, _s, _l, _y in _texts()]
    for can, figures, zeros in every_plan:
        assert can == figures | zeros
    # the examples have both kinds, and sentences giving only one of them
    assert any(f and not z for _c, f, z in every_plan)
    assert any(z for _c, _f, z in every_plan)
    assert cs.gate.keys("本年度未发生行政复议。") == cs.gate.plan("本年度未发生行政复议。")[0]


def test_examples_read_alike_with_every_taken_set(cs):
    """clauses.yaml's examples: the gated reading equals the ungated one with no key taken,
    with each key it gives taken, and with all its figure (or all its zero) keys taken."""
    n = 0
    for text, section, lead, year in _texts():
        want = _ungated(cs, text, section=section, lead=lead, year=year)
        assert _gated(cs, text, section=section, lead=lead, year=year) == want, text
        _c, figures, zeros = cs.gate.plan(clauses._year_view(cs, clauses._alias(cs, text), year))
        for taken in [frozenset({k}) for k, *_ in want] + [figures, zeros]:
            assert _gated(cs, text, taken, section=section, lead=lead, year=year) == _ungated(
                cs, text, taken, section=section, lead=lead, year=year), (text, taken)
            n += 1
    assert n > 200


def test_no_numeral_no_quantity_search(cs, monkeypatch):
    """A sentence with a label's words but no digit or numeral: its figures are not looked for,
    its zero statement still is."""
    calls = []
    real = numbers.find_quantities
    monkeypatch.setattr(clauses.numbers, "find_quantities", lambda t: calls.append(t) or real(t))
    text = "本机关主动公开政府信息,依申请公开政府信息。"
    _c, figures, _z = cs.gate.plan(text)
    assert figures   # the label's words are there
    assert clauses._gated(cs, text, None, frozenset()) is None
    assert _gated(cs, text) == [] and calls == []
    zero = "本年度未发生政府信息公开行政复议案件。"
    got = _gated(cs, zero)
    assert calls == []   # (read as a zero statement; no figure looked for)
    assert got == _ungated(cs, zero) and got, got
    calls.clear()
    figure = "本机关主动公开政府信息215条。"
    assert _gated(cs, figure) == _ungated(cs, figure) != []
    assert calls   # a figure's sentence is read as before


def test_zero_search_only_for_untaken_zero_keys(cs, monkeypatch):
    calls = []
    real = clauses._sentence_zeros
    monkeypatch.setattr(clauses, "_sentence_zeros", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    figure = "本机关主动公开政府信息215条。"   # no negation: no zero key can be read
    assert cs.gate.plan(figure)[2] == frozenset()
    _gated(cs, figure)
    assert calls == []
    zero = "本年度未发生政府信息公开行政复议案件。"
    zeros = cs.gate.plan(clauses._alias(cs, zero))[2]
    assert zeros
    _gated(cs, zero)
    assert len(calls) == 1
    # its zero keys taken: no zero search (its figure keys, if any, still read)
    _gated(cs, zero, taken=zeros)
    assert len(calls) == 1


def test_numerals_cover_every_quantity():
    """Every quantity numbers finds holds a character of clauses._NUMERALS (what the figure gate
    relies on), over the examples' texts and the bundled corpus."""
    texts = [t for t, _s, _l, _y in _texts()]
    for f in sorted((ROOT / "corpus").glob("*.txt")):
        texts += f.read_text(encoding="utf-8", errors="ignore").splitlines()
    found = 0
    for t in texts:
        for q in numbers.find_quantities(t):
            assert not clauses._NUMERALS.isdisjoint(t[q.start:q.end]), (t, q)
            found += 1
        if clauses._NUMERALS.isdisjoint(t):
            assert numbers.find_quantities(t) == []
    assert found > 1000
    for c in "0９一两十百千万亿〇":
        assert c in clauses._NUMERALS


def test_documents_read_alike(monkeypatch):
    """Whole documents (the corpus' texts and b27's reports): find_facts with the gate equals
    find_facts whose every sentence is read ungated, and fewer sentences are read."""
    files = [f for f in sorted((ROOT / "corpus").glob("*.txt")) if f.name.count(".") == 1]
    files += sorted((ROOT / "tests" / "real" / "b27").glob("*.txt"))[:20]
    assert files
    states = []
    for f in files:
        doc = pipeline.load_and_normalize(str(f), {})
        seg = segment(doc)
        from extractor import rules
        from extractor.tables import read_tables
        states.append((doc, seg, rules.find_facts(doc, seg), read_tables(doc, seg)))
    read = []
    real_read = clauses._read_gated
    monkeypatch.setattr(clauses, "_read_gated", lambda *a, **k: read.append(1) or real_read(*a, **k))
    gated = [clauses.find_facts(*s) for s in states]
    n_gated = len(read)
    cs = clauses.load()
    every = _all_keys(cs)
    monkeypatch.setattr(clauses, "_gated", lambda cs, text, year, taken: (
        clauses._year_view(cs, clauses._alias(cs, text), year), every, every))
    read.clear()
    open_ = [clauses.find_facts(*s) for s in states]
    n_open = len(read)
    for g, o in zip(gated, open_):
        assert g.facts == o.facts
        assert [(w.code, w.message) for w in g.warnings] == [(w.code, w.message) for w in o.warnings]
    assert sum(len(g.facts) for g in gated) > 0
    assert n_gated < n_open * 0.8


def test_may_match_as_its_definition():
    rnd = random.Random(16)
    alphabet = "信息公开申请件条0123"
    for _ in range(3000):
        needs = tuple(tuple("".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 2)))
                            for _ in range(rnd.randint(1, 3))) for _ in range(rnd.randint(0, 3)))
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 8)))
        assert may_match(text, needs) == all(any(w in text for w in alts) for alts in needs)
    assert may_match("x", None) is True


class _Counting:
    """A pattern that counts its fullmatch calls."""

    def __init__(self, rx, calls):
        self.rx, self.calls = rx, calls

    def fullmatch(self, *a):
        self.calls.append(a[0])
        return self.rx.fullmatch(*a)

    def __getattr__(self, name):
        return getattr(self.rx, name)


def test_topic_zero_inline_needs_its_none(monkeypatch):
    """Form C of the topic zeros (a numbered topic heading and its none on one line) is matched
    only on a line holding one of the none phrase's literals; the documents' topic zeros are
    the same as with every line matched, and fewer lines are."""
    from dataclasses import replace

    from extractor import topic_zeros
    from extractor.rules import find_facts as rule_facts
    from extractor.tables import read_tables

    d = topic_zeros.load()
    assert d.inline is not None and d.none_needs
    calls = []
    counted = replace(d, inline=_Counting(d.inline, calls))
    ungated = replace(counted, none_needs=None)
    topic = lambda line: topic_zeros._topic(d, line)   # noqa: E731
    text = "2、依申请公开政府信息情况:无\n3、其他情况:详见附件\n"
    assert topic_zeros._inline(counted, text, 0, text.index("\n"), topic) is not None
    assert len(calls) == 1
    second = text.index("\n") + 1
    assert topic_zeros._inline(counted, text, second, len(text) - 1, topic) is None
    assert len(calls) == 1   # (no none phrase in the line: not matched)
    assert topic_zeros._inline(ungated, text, second, len(text) - 1, topic) is None
    assert len(calls) == 2
    files = [f for f in sorted((ROOT / "corpus").glob("*.txt")) if f.name.count(".") == 1]
    files += sorted((ROOT / "tests" / "real" / "b27").glob("*.txt"))
    # reports with topic zeros (forms A, B and C)
    files += [ROOT / "tests" / "real" / p for p in (
        "b12/f18_taishanxueyuan-fushuzhongxue-2008.txt", "b12/f20_bole-ju-nianbao-weiduan.txt",
        "b12/f38_kaifu-liuyanghejiedao-2017.txt", "b13/i36_wuchang-jingkaiqu-binjiang-guanweihui-2020.txt",
        "b13/l23_liaozhong-sifaju-2016.txt", "b13/l22_mudanjiang-renfangban-2018.txt",
        "b11/h52_lianjiang-shenjiju-2011.txt", "b11/h50_xingguo-anjianju-2014-zicha.txt")]
    got = {}
    for name, data in (("gated", counted), ("ungated", ungated)):
        monkeypatch.setattr(topic_zeros, "load", lambda data=data: data)
        calls.clear()
        out = []
        for f in files:
            doc = pipeline.load_and_normalize(str(f), {})
            seg = segment(doc)
            have = {x.key for x in rule_facts(doc, seg).facts} | {x.key for x in read_tables(doc, seg).facts}
            out.append(topic_zeros.find_facts(doc, seg, have))
        got[name] = (out, len(calls))
    assert got["gated"][0] == got["ungated"][0]
    assert sum(map(len, got["gated"][0])) >= 8
    assert got["gated"][1] < got["ungated"][1] / 2
