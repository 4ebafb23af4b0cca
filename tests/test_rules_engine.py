"""rules: each rule regex runs on the stdlib's `re` when it reads the source as `regex` does
(faster per call on short sentences), else on `regex` (see rules._compile)."""
from __future__ import annotations

import re

import regex

from extractor import rules
from extractor.normalize import normalize_text


def test_the_engine_of_a_source():
    assert isinstance(rules._compile(r"主动公开(?:了)?(?P<q>\ue000+|\ue001+)条"), re.Pattern)
    # re cannot compile a variable-width lookbehind
    assert isinstance(rules._compile(r"(?<!今年|本年度)以来"), regex.Pattern)
    # classes the two engines define differently (re's \s takes \x1c-\x1f too)
    assert isinstance(rules._compile(r"申请\s?(?P<q>\ue000+)"), regex.Pattern)
    assert isinstance(rules._compile(r"\w+件"), regex.Pattern)
    # regex-only syntax and case-insensitive flags
    assert isinstance(rules._compile(r"\p{Han}申请"), regex.Pattern)
    assert isinstance(rules._compile(r"(?i)abc"), regex.Pattern)


def _texts():
    texts = [normalize_text(ex["text"])[0] for _, _, ex in rules.load_examples()]
    texts.append("全年共收到政府信息公开申请12件,其中当面申请3件、网络申请5件,均已按时办结。")
    return texts


def _overlapping(rx, text):
    """What _sentence_candidates finds with ``rx``: a match per start position."""
    out, pos = [], 0
    while (m := rx.search(text, pos)) is not None:
        out.append((m.span(), m.groupdict()))
        pos = m.start() + 1
    return out


def test_re_finds_what_regex_finds():
    """Every regex given to ``re`` finds, on every example sentence (masked for patterns), the
    same matches and groups as ``regex`` with overlapped=True (what the rules used to run);
    every zero phrase the same matches."""
    rs = rules.compile_all()
    texts = _texts()
    masked = [rules._masked(t)[0] for t in texts]
    on_re = 0
    for r in rs.rules:
        for rx in r.patterns:
            if isinstance(rx, re.Pattern):
                on_re += 1
                slow = regex.compile(rx.pattern)
                for m in masked:
                    want = [(x.span(), x.groupdict()) for x in slow.finditer(m, overlapped=True)]
                    assert _overlapping(rx, m) == want, (r.rule_id, rx.pattern, m)
        for rx in r.zero:
            if isinstance(rx, re.Pattern):
                slow = regex.compile(rx.pattern)
                for t in texts:
                    want = [x.span() for x in slow.finditer(t)]
                    assert [x.span() for x in rx.finditer(t)] == want, (r.rule_id, rx.pattern, t)
        # conditions stay on regex (see rules._compile)
        assert all(isinstance(getattr(r, name), (regex.Pattern, type(None))) for name in rules._CONDITIONS)
    assert on_re > 100  # most of them
