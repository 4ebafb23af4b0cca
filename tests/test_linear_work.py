"""Issue 11: no report can take unbounded time. A 10.7 MB one-line page (150,000 facts)
took 160 times as long as a 0.56 MB one (19 times smaller): steps that redo work over the
whole text or all facts per row or per fact. These tests count the work (comparisons,
characters read, spans re-blanked) on inputs 1x and 4x as large: four times the input
may cost about four times the work (at most 5x), never the square. No clock is read."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus_results import REAL
from extractor import reconcile
from extractor.model import Fact, Findings
from extractor.tables import stats


def _linear(small: int, large: int) -> bool:
    return 0 < small and large <= 5 * small


# -- reconcile: distinct values of one key ---------------------------------------------

class _Counted(int):
    """An int that counts how often it is compared or hashed."""
    work = 0

    def __eq__(self, other):
        _Counted.work += 1
        return int.__eq__(self, other)

    def __hash__(self):
        _Counted.work += 1
        return int.__hash__(self)


def _dump_facts(n: int) -> list[Fact]:
    # a dump: one key stated n times with n different figures (a conflict, no value)
    return [Fact(key="applications.received", value=_Counted(i), unit="件", raw=str(i), origin="text",
                 page=1, offset=(10 * i, 10 * i + 4), evidence=str(i), rule="t") for i in range(n)]


def _reconcile_work(n: int) -> tuple[int, dict]:
    _Counted.work = 0
    res = reconcile.reconcile(None, None, Findings(facts=_dump_facts(n)), Findings())
    return _Counted.work, res


def test_distinct_figures_of_a_key_are_compared_linearly():
    small, res_small = _reconcile_work(1000)
    large, res_large = _reconcile_work(4000)
    # the behaviour stays: no value for a key the text states differently, one conflict
    assert "applications.received" not in res_large["values"]
    assert [c["key"] for c in res_large["conflicts"]] == ["applications.received"]
    assert len(res_large["conflicts"][0]["candidates"]) == 4000
    assert any("different figures" in w.message for w in res_large["warnings"])
    assert _linear(small, large), (small, large)


def test_distinct_keeps_first_appearance_and_equality():
    vals = [3, 1, 3.0, True, 2, 1, 2]
    facts = [Fact(key="k", value=v, unit=None, raw=str(v), origin="text", page=1, offset=(i, i + 1),
                  evidence="x", rule="t") for i, v in enumerate(vals)]
    assert reconcile._distinct(facts) == [3, 1, 2]


# -- table rows on one line --------------------------------------------------------------

class _ReadCount(str):
    """A text that counts the characters its slices, find/rfind/count and indexing read."""
    read = 0

    def _span(self, start, end):
        n = len(self)
        a = 0 if start is None else (start if start >= 0 else max(0, n + start))
        b = n if end is None else (min(end, n) if end >= 0 else max(0, n + end))
        return a, b

    def __getitem__(self, k):
        r = str.__getitem__(self, k)
        _ReadCount.read += len(r) if isinstance(k, slice) else 1
        return r

    def find(self, sub, start=None, end=None):  # reads from start to the hit
        a, b = self._span(start, end)
        r = str.find(self, sub, start, end)
        _ReadCount.read += max(0, (r + len(sub) if r >= 0 else b) - a)
        return r

    def rfind(self, sub, start=None, end=None):  # reads from end back to the hit
        a, b = self._span(start, end)
        r = str.rfind(self, sub, start, end)
        _ReadCount.read += max(0, b - (r if r >= 0 else a))
        return r

    def count(self, sub, start=None, end=None):  # reads the whole stretch
        a, b = self._span(start, end)
        _ReadCount.read += max(0, b - a)
        return str.count(self, sub, start, end)


def _one_line_rows(n: int, pipe: bool) -> tuple[str, list[int]]:
    """n 统计表 rows of a crawled page whose whole table is one line; the label ends."""
    parts, ends, pos = [], [], 0
    for i in range(n):
        label = f"{i % 9 + 1}.主动公开政府信息数"
        cells = f"| {i + 3} | {i % 7} | {i + 11} |" if pipe else f" {i + 3} {i % 7} {i + 11} "
        parts.append(label + cells)
        ends.append(pos + len(label))
        pos += len(label) + len(cells)
    return "".join(parts), ends


@pytest.mark.parametrize("pipe", [False, True])
def test_rows_on_one_line_are_read_locally(pipe):
    work = {}
    for n in (200, 800):
        text, ends = _one_line_rows(n, pipe)
        counted = _ReadCount(text)
        _ReadCount.read = 0
        scans = [stats.scan_values(counted, e) for e in ends]
        work[n] = _ReadCount.read
        # each row gives its own three figures, read from where they stand
        for i, (s, e) in enumerate(zip(scans, ends)):
            assert [c.text for c in s.cells][:3] == [str(i + 3), str(i % 7), str(i + 11)], (i, s)
            assert all(text[c.start:c.end] == c.text for c in s.cells)
            assert s.pipe is pipe
    assert _linear(work[200], work[800]), work


def test_rows_on_one_line_read_as_before_when_lines_and_bars_vary():
    # the line and bar tests (a stray bar ending a sentence is prose, a row whose rest
    # starts with a bar is a pipe row) give what slicing the line gave
    text = ("三、依申请公开情况。本年度收到申请 12 件。|\n"
            "收到申请数 | 12 | 3 |\n"
            "  其中：当面申请 5 2 \n"
            "办结数|7|\n")
    for label in ("收到申请", "收到申请数", "当面申请", "办结数"):
        pos = text.index(label) + len(label)
        s = stats.scan_values(text, pos)
        line = text[text.rfind("\n", 0, pos) + 1:(text.find("\n", pos) + 1 or len(text) + 1) - 1]
        if line.count("|") == 1 and line.rstrip().endswith("|") and "。" in line:
            assert s.cells == [] and not s.pipe
        elif text[pos:].split("\n")[0].strip().startswith("|"):
            assert s.pipe and s.cells
        else:
            assert not s.pipe


# -- whole documents: spans of tables blanked for the prose -----------------------------

_SAMPLE = REAL / "g14_pingtan-qu-shijianju-2021.txt"


def _shifted(text: str, k: int) -> str:
    # another copy with other figures (no two copies the same report)
    return re.sub(r"\d+", lambda m: str(int(m.group()) + k) if len(m.group()) < 4 else m.group(), text)


@pytest.mark.skipif(not _SAMPLE.is_file(), reason="../shared/corpus/real not available")
def test_concatenated_reports_blank_each_table_span_once(tmp_path, monkeypatch):
    from extractor import extract

    blanked = {"spans": 0}
    orig = stats._blanked

    def counting(text, spans):
        spans = list(spans)
        blanked["spans"] += len(spans)
        return orig(text, spans)

    monkeypatch.setattr(stats, "_blanked", counting)
    unit = _SAMPLE.read_text(encoding="utf-8")
    work, facts = {}, {}
    for n in (1, 4):
        p = tmp_path / f"x{n}.txt"
        p.write_text("\n\n".join(_shifted(unit, k) for k in range(n)), encoding="utf-8")
        blanked["spans"] = 0
        rec = extract(p)
        work[n] = blanked["spans"]
        facts[n] = sum(1 for f in rec["facts"] if f["origin"] == "table")
    assert facts[4] >= 4 * facts[1] > 0          # every copy's table is read
    assert _linear(work[1], work[4]), work
