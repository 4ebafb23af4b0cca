"""Per-document work done once or where it can match (session 11, task S3, issue 11): the
year view of a sentence made once for the rules and the clause reader, the line-break
tests of a pattern anchored at the line's end searched from where a match can start, and
the contact pattern's compiler branch tried only where its literals are. Each gives what
the whole search gives; the checks below fail when a width or a gate is wrong."""
from pathlib import Path

import pytest

from extractor import agency, linebreaks as L, normalize
from extractor.normalize import sentence_view, year_view
from extractor.segment import Sentence

ROOT = Path(__file__).resolve().parents[1]


def _texts(limit: int = 60) -> list[str]:
    out = []
    for d in sorted((ROOT / "tests" / "real").glob("b*")):
        for p in sorted(d.glob("*.txt"))[:4]:
            out.append(p.read_text(encoding="utf-8", errors="replace"))
            if len(out) >= limit:
                return out
    return out


# ------------------------------------------------------------------ the year view, once

def test_sentence_view_is_the_year_view_made_once(monkeypatch):
    s = Sentence(0, 20, "2024年以来现行有效的行政规范性文件0件。")
    calls = []
    real = normalize.year_view

    def counting(text, year):
        calls.append((text, year))
        return real(text, year)

    monkeypatch.setattr(normalize, "year_view", counting)
    first = sentence_view(s, 2024)
    assert first == real(s.text, 2024) and len(first) == len(s.text)
    assert sentence_view(s, 2024) is first and len(calls) == 1       # the second reader's: kept
    assert sentence_view(s, 2025) == real(s.text, 2025) and len(calls) == 2   # another year: made again
    s.text = "2025年以来现行有效的行政规范性文件0件。"                      # another text: made again
    assert sentence_view(s, 2025) == real(s.text, 2025) and len(calls) == 3


def test_sentence_view_without_a_year_is_the_text():
    s = Sentence(0, 5, "主动公开12条")
    assert sentence_view(s, None) == year_view(s.text, None) == s.text


# ------------------------------------------------------------------ anchored at the end

def _lines() -> list[str]:
    edge = []
    for n in range(1, 13):   # digit runs about the pattern's longest match, after a digit or a Han
        edge += ["主动公开" + "1" * n, "1" * n, "第" + "2" * n + "\n", "共计" + "3" * n + "条\n"]
    edge += ["工作" + w for w in L._DATA["title_endings"]] + [w + "\n" for w in L._DATA["title_endings"]]
    edge += ["", "a", "政", "为,", "为,\n", "(", "报告a", "年度报告 ", "信息公开工作年度报告"]
    return edge + [ln for t in _texts() for ln in t.split("\n")]


@pytest.mark.parametrize("rx,width", [(L._SOFT_END, L._SOFT_END_W), (L._TITLE_LINE, L._TITLE_LINE_W),
                                      (L._OPEN_MARK, 2)])
def test_an_end_anchored_search_from_its_width_finds_what_the_whole_search_finds(rx, width):
    for s in _lines():
        whole = rx.search(s)
        tail = L._at_end(rx, s, width)
        assert (whole.span() if whole else None) == (tail.span() if tail else None), (rx.pattern, s)


def test_a_width_too_small_is_seen():
    # the check above can fail: nine digits before a final newline need the width of ten
    s = "主动公开123456789\n"
    assert L._SOFT_END.search(s) and not L._at_end(L._SOFT_END, s, 9) and L._at_end(L._SOFT_END, s, 10)
    # a lookbehind still sees before the start: ten digits end no line
    assert not L._SOFT_END.search("1234567890") and not L._at_end(L._SOFT_END, "1234567890", 10)


# ------------------------------------------------------------------ the contact's compiler branch

_COMPILER = "杭锦后旗教育局编制了本报告。如有疑问请联系我局。"


def test_the_compiler_gate_opens_on_its_literals():
    gate = agency._contact_rxs()[2]
    assert gate is not None
    assert agency._compiler_possible(_COMPILER, gate)
    assert agency._compiler_possible("经纬街道办事处在总结基础上,编写2022年政务公开工作年度报告", gate)
    assert agency._compiler_possible("本报告由岳阳县民政局根据规定编制。", gate)   # 编制 and 报告
    assert not agency._compiler_possible("岳阳县民政局根据规定编制。", gate)        # no 报告, no verb
    assert not agency._compiler_possible("请与两城镇人民政府党政办公室联系。", gate)


def test_the_compiler_branch_still_reads_its_name():
    assert "杭锦后旗教育局" in agency._contact_scan(_COMPILER)


def test_where_the_gate_is_shut_the_pattern_without_the_branch_finds_the_same():
    full, named, gate = agency._contact_rxs()
    heads = [t[:4000] for t in _texts()] + [_COMPILER, "请与两城镇人民政府党政办公室联系。"]
    shut = 0
    for h in heads:
        if agency._compiler_possible(h, gate):
            continue
        shut += 1
        assert [m.span() for m in full.finditer(h)] == [m.span() for m in named.finditer(h)]
    assert shut > 0


def test_a_gate_missing_a_literal_would_be_seen():
    # the branch reads 编写…报告 by its object: a gate without the object's sets would shut
    # on a head where the whole pattern finds the compiler
    full, named, gate = agency._contact_rxs()
    h = "经纬街道办事处编写2022年政务公开工作年度报告。"
    assert [m.group("a") for m in full.finditer(h)] and not list(named.finditer(h))
    assert agency._compiler_possible(h, gate)
    assert not agency._compiler_possible(h, (gate[0], ((("不在此处",),))))


# ------------------------------------------------------------------ a lazy pattern holds the GIL

def test_a_lazy_patterns_calls_give_the_patterns_answers():
    import re

    import regex

    from extractor.regexkit import LazyRegex

    src = r"(?<!\d)(\d+)条"
    lazy, rx = LazyRegex(src), regex.compile(src)
    s = "公开信息12条,其中网站3条"
    lazy.compiled()
    assert lazy.search is not rx.search          # bound with concurrent False, positionally
    for args, kw in [((s,), {}), ((s, 3), {}), ((s, 3, 9), {}), ((s,), {"pos": 8}),
                     ((s,), {"endpos": 7}), ((s,), {"concurrent": True}),
                     ((s[:7],), {"partial": True}), ((s,), {"timeout": 5.0})]:
        for name in ("search", "match", "fullmatch"):
            got, want = getattr(lazy, name)(*args, **kw), getattr(rx, name)(*args, **kw)
            assert (got and (got.span(), got.groups(), got.partial)) == (want and (want.span(), want.groups(), want.partial))
    # a ``re`` pattern's methods take no ``concurrent``: bound as they are
    lre = LazyRegex(r"(\d+)条", compile=re.compile)
    assert lre.search(s, 8).group(1) == "3" and lre.match("12条").span() == (0, 3)
