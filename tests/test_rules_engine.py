"""rules: each rule regex runs on the stdlib's `re` when it reads the source as `regex` does
(faster per call on short sentences), else on `regex` (see regexkit.compile_fast)."""
from __future__ import annotations

import re

import regex

from extractor import regexkit, rules
from extractor.normalize import normalize_text


def test_the_engine_of_a_source():
    assert isinstance(regexkit.compile_fast(r"主动公开(?:了)?(?P<q>\ue000+|\ue001+)条"), re.Pattern)
    # re cannot compile a variable-width lookbehind
    assert isinstance(regexkit.compile_fast(r"(?<!今年|本年度)以来"), regex.Pattern)
    # classes the two engines define differently (re's \s takes \x1c-\x1f too)
    assert isinstance(regexkit.compile_fast(r"申请\s?(?P<q>\ue000+)"), regex.Pattern)
    assert isinstance(regexkit.compile_fast(r"\w+件"), regex.Pattern)
    # regex-only syntax and case-insensitive flags
    assert isinstance(regexkit.compile_fast(r"\p{Han}申请"), regex.Pattern)
    assert isinstance(regexkit.compile_fast(r"(?i)abc"), regex.Pattern)


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
    masked = [rules.mask.masked(t)[0] for t in texts]
    on_re = 0
    for r in rs.rules:
        for rx in (lz.compiled() for lz in r.patterns):   # each a regexkit.LazyRegex
            if isinstance(rx, re.Pattern):
                on_re += 1
                slow = regex.compile(rx.pattern)
                for m in masked:
                    want = [(x.span(), x.groupdict()) for x in slow.finditer(m, overlapped=True)]
                    assert _overlapping(rx, m) == want, (r.rule_id, rx.pattern, m)
        for rx in (lz.compiled() for lz in r.zero):
            if isinstance(rx, re.Pattern):
                slow = regex.compile(rx.pattern)
                for t in texts:
                    want = [x.span() for x in slow.finditer(t)]
                    assert [x.span() for x in rx.finditer(t)] == want, (r.rule_id, rx.pattern, t)
        # conditions stay on regex (see regexkit.compile_fast)
        assert all(getattr(r, name) is None or isinstance(getattr(r, name).compiled(), regex.Pattern)
                   for name in rules.schema.CONDITIONS)
    assert on_re > 100  # most of them


def _fields(rs):
    return [tuple(getattr(r, f) for f in rules.cache.RULE_FIELDS) + (r.rule_id,) for r in rs.rules]


def _fresh_load(directory):
    rules.load_rules.cache_clear()
    try:
        return rules.load_rules(str(directory))
    finally:
        rules.load_rules.cache_clear()


def test_checked_rules_come_from_the_cache_as_the_files_give_them(tmp_path, monkeypatch):
    """The checked rules (sources, prefilter literals) are cached on disk keyed by the rule
    files' bytes: a second process reads them back equal to a fresh check of the files,
    and an edited rule file is checked again, never answered from the old cache."""
    import shutil

    pat = tmp_path / "patterns"
    shutil.copytree(rules.patterns_dir(), pat)
    monkeypatch.setenv("ZWGK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ZWGK_RULES_CACHE", "0")
    direct = _fields(_fresh_load(pat / "facts"))
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").glob("rules-*.bin"))
    monkeypatch.setenv("ZWGK_RULES_CACHE", "1")
    first = _fields(_fresh_load(pat / "facts"))  # checks the files, writes the cache
    written = list((tmp_path / "cache").glob("rules-*.bin"))
    assert len(written) == 1
    calls = []
    real_check = rules.loader._check
    monkeypatch.setattr(rules.loader, "_check", lambda *a, **k: calls.append(1) or real_check(*a, **k))
    cached = _fields(_fresh_load(pat / "facts"))
    assert calls == []  # nothing checked again: read from the cache
    assert cached == first == direct
    # an edited rule file: another key, the edit is seen
    f = sorted((pat / "facts").glob("[!_]*.yaml"))[0]
    f.write_text(f.read_text(encoding="utf-8").replace("rules:", "rules:\n  - key: x.test\n    id: cache_probe\n"
                                                       "    patterns: ['缓存探针<Q>件']\n", 1), encoding="utf-8")
    edited = _fresh_load(pat / "facts")
    assert calls  # checked again
    assert any(r.id == "cache_probe" and r.pattern_needs[0] for r in edited.rules)
    assert len(edited.rules) == len(cached) + 1


def test_a_broken_cache_file_is_checked_again(tmp_path, monkeypatch):
    monkeypatch.setenv("ZWGK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ZWGK_RULES_CACHE", "1")
    d = rules.PATTERNS_DIR
    first = _fields(_fresh_load(d))
    (cache,) = (tmp_path / "cache").glob("rules-*.bin")
    cache.write_bytes(cache.read_bytes()[:100])  # cut short (a killed write, a full disk)
    assert _fields(_fresh_load(d)) == first
