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
    orig = stats.context.blank_spans  # what Ctx.prose_text calls

    def counting(text, spans):
        spans = list(spans)
        blanked["spans"] += len(spans)
        return orig(text, spans)

    monkeypatch.setattr(stats.context, "blank_spans", counting)
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


# -- metadata: references (文号) found from their tails, not tried at every position ------

def _references_by_finditer(text: str) -> list[str]:
    """The definition find_references keeps: every ``_REF_RE`` match, left to right."""
    import regex

    from extractor import metadata

    out: list[str] = []
    for m in metadata._REF_RE.finditer(text):
        ref = metadata._REF_LEAD.sub("", regex.sub(r"\s+", "", m.group("ref")))
        ref = regex.split(r"[的和与及]", ref)[-1] if regex.match(r"^\p{Han}+[〔\[【(（]", ref) else ref
        if len(regex.match(r"^\p{Han}*", ref).group(0)) >= 1 and ref not in out:
            out.append(ref)
    return out


class _CountedRx:
    """A compiled pattern whose ``match`` calls are counted and whose ``finditer`` (a try
    at every position of the text) must not be used."""

    def __init__(self, rx):
        self.rx, self.tries = rx, 0

    def match(self, *a):
        self.tries += 1
        return self.rx.match(*a)

    def finditer(self, *a):
        raise AssertionError("find_references tried the whole pattern at every position")


_REF_CASES = [
    "根据《关于印发某某办法的通知》(乌政公办字〔2018〕1号)和乌政办发〔2019〕 12号文件要求,",
    "〔2018〕1号文〔2019〕2号",                       # no issuer before the first: 号文 heads the second
    "按照" + "政" * 30 + "〔2020〕3号",              # a Han run longer than 16: its last 16 only
    "渝府办〔2018〕1号渝府办〔2018〕1号及川办函 [2019] 第 7 号",
    "2019年收到申请12件(其中2件已办结)。",
]


@pytest.mark.parametrize("text", _REF_CASES)
def test_references_are_those_of_the_whole_pattern(text):
    from extractor import metadata

    assert metadata.find_references(text) == _references_by_finditer(text)


def test_references_try_the_pattern_once_per_tail(monkeypatch):
    # a long report citing three documents: the whole pattern (1-16 Han characters, then
    # the tail) is tried at the three tails only, however long the prose around them
    from extractor import metadata

    prose = "本机关认真贯彻落实政府信息公开条例,主动公开政府信息,依法办理依申请公开。" * 400
    text = (prose + "依据川府办发〔2019〕12号文件," + prose + "按照国办公开办函〔2021〕30号" + prose
            + "和市委办〔2020〕第5号要求" + prose)
    expected = _references_by_finditer(text)
    counted = _CountedRx(metadata._REF_RE)
    monkeypatch.setattr(metadata, "_REF_RE", counted)
    assert metadata.find_references(text) == expected == ["川府办发〔2019〕12号", "国办公开办函〔2021〕30号",
                                                          "市委办〔2020〕第5号"]
    assert counted.tries == 3


def test_opening_titles_pattern_is_compiled_once(monkeypatch):
    # _agency_in_titles built its alternation of title endings and compiled it on every
    # document; now once per process: a second opening compiles nothing
    import regex._main as regex_main

    from extractor import agency

    head = "某某县人民政府办公室2019年政府信息公开工作年度报告\n一、总体情况\n"
    first = agency._agency_in_titles(head)
    calls = []
    real = regex_main._compile
    monkeypatch.setattr(regex_main, "_compile", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    assert agency._agency_in_titles(head) == first == "某某县人民政府办公室"
    assert calls == []


def test_announcement_searched_only_when_an_announcing_word_opens_it(monkeypatch):
    # both announcement patterns start with an announcing word (现公布, 现将…): an opening
    # without one is not searched at all; one with it reads the body as before
    from extractor import agency

    class Counted:
        def __init__(self, rx):
            self.rx, self.searches = rx, 0

        def search(self, *a):
            self.searches += 1
            return self.rx.search(*a)

    res = list(agency._agency_res())
    counted = Counted(res[0])
    monkeypatch.setattr(agency, "_agency_res", lambda: [counted, *res[1:]])
    plain = "一、总体情况\n2019年,本机关主动公开政府信息120条,收到政府信息公开申请35件。\n" * 20
    assert agency._announcement(plain, [], None, []) is None
    assert counted.searches == 0
    announced = "现公布泰州市人民政府2017年政府信息公开工作年度报告。\n" + plain
    assert agency._announcement(announced, [], None, []) == "泰州市人民政府"
    assert counted.searches == 1


def test_clause_labels_searched_only_where_their_literals_are():
    # the generic clause reader ran every label pattern of every key (47) over the clause
    # of every figure, and every zero statement over every clause: 110 searches for this
    # sentence. Now only the patterns whose required literals the clause holds run (8),
    # and the reading is the same.
    from extractor import clauses

    class Counted:
        calls = 0

        def __init__(self, rx):
            self.rx = rx
            self.pattern = rx.pattern

        def finditer(self, *a, **k):
            Counted.calls += 1
            return self.rx.finditer(*a, **k)

        def search(self, *a, **k):
            Counted.calls += 1
            return self.rx.search(*a, **k)

        def match(self, *a, **k):
            return self.rx.match(*a, **k)

    cs = clauses._load(clauses.CLAUSES_FILE, clauses.COMMON_FILE)   # a private copy to count on
    n_labels = sum(len(e.labels) for e in cs.entries)
    for e in cs.entries:
        e.labels = [Counted(rx) for rx in e.labels]
        if e.zero:
            e.zero = Counted(e.zero)
    text = "2022年,全镇政府信息公开566条,收到政府信息公开申请35件,本年度未发生行政复议和行政诉讼。"
    got = clauses._sentence_facts(cs, text, "", lambda a, b: False)
    assert sorted((k, v) for k, v, *_ in got) == [
        ("applications.received", 35), ("litigation.total", 0), ("proactive.total", 566),
        ("reconsideration.total", 0)]
    assert n_labels > 40
    # the old reader made 2 figures x every label pattern + the zeros (110 with 47 labels);
    # now only the patterns whose literals the clause holds run (16 with 58 labels): bounded
    # by a share of the lexicon, so a growing lexicon does not break the test, the old
    # every-pattern loop does
    assert Counted.calls <= n_labels // 2, (Counted.calls, n_labels)


def test_score_and_header_cells_compile_no_pattern_per_call(monkeypatch):
    # clean_label, points and Lexicon.unlabelled passed pattern strings to regex.sub/split:
    # a compile-cache lookup on every cell of every table; now their patterns are compiled
    # once, so reading cells compiles (or looks up) nothing
    import regex._main as regex_main

    from extractor.tables import templates
    from extractor.tables.scores import vocabulary

    lex = templates.load_lexicon()
    fam = next(iter(lex.fillers))
    first = (vocabulary.clean_label(" 1.信息 公开 目录:"), vocabulary.points("得 4.5分"),
             lex.unlabelled(fam, "|信息公开|本年新增|"))
    calls = []
    real = regex_main._compile
    monkeypatch.setattr(regex_main, "_compile", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    again = (vocabulary.clean_label(" 1.信息 公开 目录:"), vocabulary.points("得 4.5分 "),
             lex.unlabelled(fam, "|信息公开|本年新增|"))
    assert again == first
    assert first[1] == 4.5 and "信息公开目录" in first[0]
    assert calls == []


# -- tables/split: as many cells as digits ---------------------------------------------

@pytest.mark.parametrize("tokens, n", [(["0000000"], 7), (["0", "0", "00", "00", "0"], 7),
                                        (["20", "0", "00", "0", "121"], 9), (["-3", "12"], 3)])
def test_as_many_digits_as_cells_is_one_cut_per_cell(tokens, n):
    # most run-together rows of real reports have one digit a cell (``0000000`` for the
    # seven columns of 表三): one cutting, which the programme found after trying every
    # shorter cell as well (28 steps for 7 digits, the square); now one step a cell
    from extractor.tables.split import Rule, Tok, read_splits

    toks, pos = [], 0
    for t in tokens:
        toks.append(Tok(t, pos, pos + len(t)))
        pos += len(t) + 1
    r = read_splits(toks, n)
    assert r.status == "ok" and r.count == 1 and r.steps == n
    cells = [str(r.unique(k)[0]) for k in range(n)]
    assert "".join(cells).replace("-", "") == "".join(tokens).replace("-", "")
    # the rules still decide: 总计 = the sum of the others
    last = n - 1
    ok = read_splits(toks, n, rules=[Rule(tuple(range(last)), (last,), "==", "total")])
    holds = sum(int(c) for c in cells[:last]) == int(cells[last])
    assert (ok.status == "ok") == holds


def test_clause_label_after_searches_before_only_where_a_label_follows():
    # a label written after the figure (配备了3名专职和2名兼职工作人员, 开辟1个公共查阅点):
    # the reader searched every such key's ``before`` over the clause for every figure
    # no label before it explained (10 keys x 3 figures = 30 searches here), then tried
    # the anchored label match. Now the anchored match comes first and ``before`` is
    # searched only for a key whose label does follow the figure, with the same reading.
    from extractor import clauses

    class Counted:
        calls = 0

        def __init__(self, rx):
            self.rx = rx

        def search(self, *a, **k):
            Counted.calls += 1
            return self.rx.search(*a, **k)

    cs = clauses._load(clauses.CLAUSES_FILE, clauses.COMMON_FILE)   # a private copy to count on
    for e in cs.entries:
        if e.before is not None:
            e.before = Counted(e.before)
    n_after = len(cs.after_entries)
    text = "本单位配备了3名专职和2名兼职工作人员,开辟1个公共查阅点。"
    got = clauses._sentence_facts(cs, text, "政府信息公开工作机构", lambda a, b: False)
    assert sorted((k, v) for k, v, *_ in got) == [
        ("org.reading_points", 1), ("staff.full_time", 3), ("staff.part_time", 2)]
    assert n_after >= 5
    # one search per figure whose label follows it (3 here), not one per key per figure
    assert Counted.calls <= 3, (Counted.calls, n_after)


def test_clause_aliases_of_a_document_are_made_once_per_text(monkeypatch):
    # the reader spelled the aliases (资讯 -> 信息) into the sentence, its headings and its
    # line before it: 4 calls a sentence, the headings the same for every sentence under
    # them. Now one document remembers them: a heading above many sentences is spelled once.
    from extractor import clauses

    seen = []
    real = clauses._alias
    monkeypatch.setattr(clauses, "_alias", lambda cs, t: seen.append(t) or real(cs, t))
    cs = clauses.load()
    alias = clauses._alias_memo(cs)
    section = "二、主动公开政府资讯情况"
    for text in ("全年主动公开政府资讯120条。", "其中通过网站公开80条。", "通过公开栏公开40条。"):
        clauses._sentence_facts(cs, text, section, lambda a, b: False, section, "", alias)
    assert seen.count(section) == 1
    assert alias(section) == "二、主动公开政府信息情况"


def test_clause_labels_searched_once_per_sentence_not_per_figure():
    # the nearest-label lookup searched each candidate label over the clause of every figure
    # of a sentence: in this one (6 figures) 公开/发布…信息, 主动公开, 现行有效件数 … were
    # searched up to 6 times each. Now a label without lookahead or anchors is searched once
    # over the sentence and its matches are cut to each figure's clause, with the same reading.
    from collections import Counter
    from extractor import clauses

    calls = Counter()

    class Counted:
        def __init__(self, rx):
            self.rx = rx
            self.pattern = rx.pattern

        def finditer(self, *a, **k):
            calls[self] += 1
            return self.rx.finditer(*a, **k)

        def match(self, *a, **k):
            return self.rx.match(*a, **k)

    cs = clauses._load(clauses.CLAUSES_FILE, clauses.COMMON_FILE)   # a private copy to count on
    for e in cs.entries:
        e.labels = [Counted(rx) for rx in e.labels]
    text = ("全年共受理政府信息公开申请35件,其中当面申请10件,网络申请20件,信函申请5件,"
            "主动公开政府信息566条,主动公开文件32条。")
    got = clauses._sentence_facts(cs, text, "", lambda a, b: False)
    assert sorted((k, v) for k, v, *_ in got) == [
        ("applications.received", 35), ("applications.received.in_person", 10),
        ("applications.received.mail", 5), ("applications.received.online", 20)]
    free = {c: n for c, n in calls.items() if clauses._window_free(c)}
    assert len(free) >= 5
    assert max(free.values()) == 1, sorted((c.pattern[:30], n) for c, n in free.items())


@pytest.mark.parametrize("pattern,text,a,qa", [
    ("信息公开(?:的)?申请", "收到信息公开的申请3件,信息公开申请2件", 0, 8),
    ("公开(?:政府)?信息", "主动公开政府信息5条", 0, 6),     # the match runs past the window: cut
    ("(?<!兼)职(?:人员)?", "兼职人员2名,专职人员3名", 7, 11),  # lookbehind before the window
    ("a+b?", "aaab aab", 1, 3),
])
def test_label_spans_from_the_sentence_are_the_windows_own(pattern, text, a, qa):
    import regex
    from extractor import clauses

    rx = regex.compile(pattern)
    want = [m.span() for m in rx.finditer(text, a, qa, overlapped=True)]
    assert clauses._label_spans(rx, text, a, qa, {}) == want
    assert clauses._label_spans(rx, text, a, qa, None) == want
