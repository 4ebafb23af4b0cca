"""The clause reader's year views (clauses.yaml ``shared.year_views``: 结转2025年 in a 2024
report reads as carried forward) run only on a text holding each view's literals, its
lookarounds' included (``regexkit.required_around``; issue 11, session 13 S6: each of the
six ran over every sentence naming a year, ~750 a pass of the dev texts, of which ~20
hold 转 or 顺延). The gate must change no view: checked on constructed sentences and on
every sentence of the annotated batches that names a year, against the views run
without it; and it must skip the views where their literals are missing (counted)."""
import copy
import random
from pathlib import Path

import regex

from extractor import clauses
from extractor.regexkit import required, required_around

REAL = Path(__file__).resolve().parent / "real"


def _holds(need, text: str) -> bool:
    return need is None or all(any(lit in text for lit in alts) for alts in need)


def test_a_positive_lookaround_adds_its_literals():
    assert set(required_around(r"(?<=结转|转入)(?P<w>\d{4}年)")) == {("年",), ("结转", "转入")}
    assert set(required_around(r"(?<=\d件转)(?P<w>\d{4}年)(?=办理|答复)")) == {("年",), ("件转",), ("办理", "答复")}
    # a negative lookaround holds nothing; one inside a group or branch is not read
    assert required_around(r"(?<!转)年度") == required(r"(?<!转)年度") == (("年度",),)
    assert required_around(r"(?:^|(?<=结转))年度") == (("年度",),)
    # nothing known stays nothing known, a regex that never matches stays so
    assert required_around(r"\d+") is None
    assert required_around(r"(?<=\d)\d") is None
    assert required_around(r"(?!)") == ((),)
    # regex-only syntax: what required reads, no more
    assert set(required_around(r"(?<=\p{Han}转)年")) == {("转",), ("年",)}


SOURCES = [r"(?<=结转|转结)(?P<w>\d年)", r"(?<=\d(?:件|条)转)(?P<w>\d年度)(?=办理|答复)", r"(?<=转)年(?=办)",
           r"(?<!转)年(?=度)", r"(?:^|(?<=[,。]))\d年"]
CHARS = "结转转结件条年度办理答复1 ,。"


def test_the_literals_are_in_every_text_it_matches():
    rnd = random.Random(13)
    rxs = [(regex.compile(s), required_around(s)) for s in SOURCES]
    found = 0
    for _ in range(20000):
        text = "".join(rnd.choice(CHARS) for _ in range(rnd.randint(1, 14)))
        for rx, need in rxs:
            if rx.search(text):
                found += 1
                assert _holds(need, text), (rx.pattern, text, need)
    assert found > 500


def _ungated(cs):
    bare = copy.copy(cs)
    bare.year_filter = None
    return bare


SENTENCES = [
    ("2024年结转2025年183件", 2024), ("上年结转的申请0件转结2023年办结", 2022), ("余8件转2023年度办理", 2022),
    ("结转至2025年度的申请3件", 2024), ("申请顺延到2024年答复", 2023), ("2023年结转132件", 2024),
    ("余8件转2023年度办理", 2023), ("2021年收到申请5件", 2021), ("转入2022年", 2021), ("全年转办2件", 2020),
]


def test_the_gate_changes_no_view():
    cs = clauses.load()
    bare = _ungated(cs)
    moved = 0
    for text, year in SENTENCES:
        view = clauses._year_view(cs, text, year)
        assert view == clauses._year_view(bare, text, year), text
        moved += view != text
    assert moved >= 5  # the examples do read as views


def test_real_sentences_read_alike():
    cs = clauses.load()
    bare = _ungated(cs)
    years = regex.compile(r"(20[012]\d)年")
    n = gated_in = 0
    for p in sorted(REAL.glob("b*/*.txt")):
        text = p.read_text(encoding="utf-8", errors="replace")
        for sent in regex.split(r"[。;\n]", text):
            m = years.search(sent)
            if not m:
                continue
            for year in {int(m.group(1)), int(m.group(1)) - 1}:
                n += 1
                gated_in += cs.year_filter.scan(sent) != 0
                assert clauses._year_view(cs, sent, year) == clauses._year_view(bare, sent, year), (p.name, sent)
    assert n > 10000 and gated_in < n / 5


class _Counting:
    def __init__(self, rx, seen):
        self.rx, self.seen = rx, seen
        self.pattern = rx.pattern

    def finditer(self, *a):
        self.seen.append(self.pattern)
        return self.rx.finditer(*a)


def test_views_without_their_literals_are_not_run():
    cs = copy.copy(clauses.load())
    seen: list = []
    cs.year_views = tuple((_Counting(rx, seen), rep, off) for rx, rep, off in cs.year_views)
    clauses._year_view(cs, "2021年共收到申请5件,均已按时答复", 2021)
    assert seen == []
    clauses._year_view(cs, "余8件转2023年度办理", 2022)
    assert seen and all("转" in s for s in seen)
    # no filter: every view runs (the reading the gate must equal)
    seen.clear()
    cs.year_filter = None
    clauses._year_view(cs, "2021年共收到申请5件,均已按时答复", 2021)
    assert len(seen) == len(cs.year_views)
