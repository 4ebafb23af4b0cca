"""Compiled regex programs kept on disk (extractor/regexkit/programs.py, issue 11 session 11):
a pattern built from a stored program is the pattern the engine's parser builds. Each test
runs fresh processes with their own cache folder (the wrappers are process-wide); they
count hits, misses and writes, never seconds."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# sources of both engines: named groups, variable-width lookbehind (regex only), \p{Han},
# inline and given flags, a fuzzy match, backreferences, possessive and lazy repeats
PATTERNS = [
    ("regex", r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>万元|件|条)", 0),
    ("regex", r"(?<!今年|本年度)以来(?P<x>\p{Han}{1,4})", 0),
    ("regex", r"(?i)report\s+(\w+)", 0),
    ("regex", r"(?:主动公开|公开)(?:政府)?信息\s*(\d+)\s*条", 0),
    ("regex", r"(?e)(?:政府信息){e<=1}", 0),
    ("regex", r"(\p{Han})\1", 0),
    ("regex", r"a++b|c*?d", 0),
    ("regex", r"""
        (?P<pre>约|近)?   # an approximation word
        (?P<n>\d+)件
     """, 64),  # regex.VERBOSE
    ("re", r"(?P<y>(?:19|20)\d\d)\s*年", 0),
    ("re", r"[一二三四五六七八九十]+、", 0),
    ("re", r"(?i)abc(d|e)?", 0),
    ("re", r"^\s*(\d+)\s*$", 8),  # re.MULTILINE
]
TEXTS = ["2020年,本机关主动公开政府信息 120 条,收到申请3件,约5件,近 7 件", "今年以来共计开展培训,自去年以来进一步",
         "REPORT one report two", "政府信息政府消息", "好好学习天天向上", "aaab cd ccd", "19 99年 2021 年\n 42 \nabcd ABCE",
         "一、总体情况 二、主动公开", ""]

PROBE = r"""
import json, sys
from extractor import pipeline  # installs the wrappers
from extractor.regexkit import programs
import re, regex
cases = json.loads(sys.argv[1]); texts = json.loads(sys.argv[2]); mode = sys.argv[3]
def run():
    out = []
    for engine, src, flags in cases:
        rx = (regex if engine == "regex" else re).compile(src, flags)
        row = [rx.pattern, int(rx.flags), rx.groups, dict(rx.groupindex)]
        for t in texts:
            m = rx.search(t)
            row.append(None if m is None else [m.span(), m.groups(), m.groupdict()])
            row.append([x.span() for x in rx.finditer(t)])
            row.append(rx.sub("#", t))
            row.append(rx.split(t))
        if engine == "re":  # re's patterns compare by their code: the parser's own, compiled again
            import re._compiler as c
            row.append(rx == c.compile.__wrapped__(src, flags))
        out.append(row)
    return out
if mode == "record":
    with programs.recording():
        res = run()
else:
    res = run()
print(json.dumps({"res": res, "stats": programs.stats()}, ensure_ascii=False))
"""


def _run(code: str, args: list, cache: Path, **env_extra) -> dict:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "PYTHONPATH": str(ROOT),
           "ZWGK_CACHE_DIR": str(cache), **env_extra}
    r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, env=env,
                       timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


def _probe(mode: str, cache: Path, **env) -> dict:
    return _run(PROBE, [json.dumps(PATTERNS), json.dumps(TEXTS), mode], cache, **env)


def test_a_stored_program_builds_the_pattern_the_parser_builds(tmp_path):
    cache = tmp_path / "cache"
    plain = _probe("plain", tmp_path / "off", ZWGK_REGEX_CACHE="0")
    assert plain["stats"]["hits"] == 0
    first = _probe("record", cache)
    assert first["stats"]["writes"] == 1 and first["stats"]["recorded"] >= len(PATTERNS)
    assert list(cache.glob("regex-*.bin"))
    second = _probe("plain", cache)
    assert second["stats"]["hits"] >= len(PATTERNS)   # every case built from its stored program
    assert second["stats"]["misses"] == 0 or second["res"] == plain["res"]
    assert first["res"] == plain["res"]
    assert second["res"] == plain["res"]
    # re's objects compare by code: the stored program is the parser's
    assert all(row[-1] is True for (engine, _s, _f), row in zip(PATTERNS, second["res"]) if engine == "re")


def test_a_second_recording_writes_nothing_and_a_damaged_file_only_means_compiling(tmp_path):
    cache = tmp_path / "cache"
    plain = _probe("plain", tmp_path / "off", ZWGK_REGEX_CACHE="0")
    _probe("record", cache)
    f = next(cache.glob("regex-*.bin"))
    stamp = f.stat().st_mtime_ns
    again = _probe("record", cache)
    assert again["stats"]["writes"] == 0 and again["stats"]["hits"] >= len(PATTERNS)
    assert f.stat().st_mtime_ns == stamp
    f.write_bytes(f.read_bytes()[: len(f.read_bytes()) // 2])  # cut short
    damaged = _probe("plain", cache)
    assert damaged["stats"]["hits"] == 0 and damaged["res"] == plain["res"]


def test_switched_off_nothing_is_read_or_written(tmp_path):
    cache = tmp_path / "cache"
    out = _probe("record", cache, ZWGK_REGEX_CACHE="0")
    assert out["stats"] == {"hits": 0, "misses": 0, "recorded": 0, "writes": 0}
    assert not list(cache.glob("regex-*.bin")) if cache.exists() else True


NOT_STORED = r"""
import json, regex
from extractor import pipeline
from extractor.regexkit import programs
with programs.recording():
    regex.compile(r"\L<words>件", words=["一", "两"])        # a named list
    regex.compile(rb"ab+c")                                  # bytes
    regex.compile(r"(?L)ab+c".encode(), regex.LOCALE)        # locale
    regex.compile(r"plain(\d+)")
    notes = [k[1] if isinstance(k[1], str) else repr(k[1]) for k in programs._S["notes"]]
print(json.dumps({"notes": notes}))
"""


def test_named_lists_bytes_and_locale_are_never_stored(tmp_path):
    out = _run(NOT_STORED, [], tmp_path / "cache")
    assert out["notes"] == [r"plain(\d+)"]


WARM_CHECK = r"""
import json, marshal
from extractor.batch.start import warm_main
from extractor.regexkit import programs
warm_main({".txt", ".html", ".docx"})
path = programs.cache_path()
table = marshal.loads(path.read_bytes()[len(programs._MAGIC):])
import regex._main as M, re._compiler as C, _sre
from regex import _regex
bad, n = [], 0
import re, sys
required_mod = sys.modules["extractor.regexkit.required"]
kinds = {}
for key, blob in table.items():
    stored = marshal.loads(blob)
    kinds[key[0]] = kinds.get(key[0], 0) + 1
    if key[0] == "derived":   # (session 12) what regexkit.required makes of the source now
        n += 1
        if key[1] != "required" or required_mod._required(key[2]) != stored:
            bad.append(key[2][:80])
        continue
    if key[0] == "refused":   # (session 12) a source re refuses: the same error now
        n += 1
        try:
            C.compile.__wrapped__(key[2], key[3])
            bad.append(key[2][:80])
        except re.error as e:
            if (e.msg, e.pattern is not None, e.pos) != stored:
                bad.append(key[2][:80])
        continue
    if key[0] == "regex":
        cap = programs._Capture(_regex)
        M._regex = cap
        try:
            M._compile.__wrapped__(key[1], key[2], False, {}, False)
        finally:
            M._regex = _regex
    else:
        cap = programs._Capture(_sre)
        C._sre = cap
        try:
            C.compile.__wrapped__(key[1], key[2])
        finally:
            C._sre = _sre
    calls = [c for c in cap.calls if c[0] is key[1]]
    n += 1
    if len(calls) != 1 or tuple(calls[0][1:]) != stored:
        bad.append(key[1][:80])
print(json.dumps({"n": n, "bad": bad, "stats": programs.stats(), "kinds": kinds}, ensure_ascii=False))
"""


def test_every_program_the_warm_up_stores_is_what_the_parser_makes_now(tmp_path):
    """The warm-up of a batch records ~1,600 programs (every rule, clause and template
    pattern); each, compiled again from its source by the engine's own parser, gives the
    same program. So do the refusals and required literals kept beside them (session 12):
    the same error from the parser, the same literals from ``regexkit.required``."""
    out = _run(WARM_CHECK, [], tmp_path / "cache")
    assert out["n"] > 1000 and out["stats"]["writes"] == 1
    assert out["bad"] == []
    assert out["kinds"].get("refused", 0) >= 10 and out["kinds"].get("derived", 0) >= 50


OTHER_LAYOUT = r"""
import json, regex._main as M
def _compile(pattern, flags, ignore_unused, kwargs, cache_it, extra=None):   # another layout
    return None
M._compile = _compile
from extractor.regexkit import programs
ok = programs._install_regex()
print(json.dumps({"installed": ok, "untouched": M._compile is _compile}))
"""


def test_an_engine_whose_compile_step_takes_other_parameters_is_left_alone(tmp_path):
    out = _run(OTHER_LAYOUT, [], tmp_path / "cache")
    assert out == {"installed": False, "untouched": True}


def test_an_edited_source_is_never_built_from_the_program_of_the_one_before(tmp_path):
    # The file is named by the engines alone (not by the rule files): what keeps an edited
    # pattern from a stale program is that each program is looked up by its source (and
    # flags and the engine's version). Session 13: record every case, edit each source a
    # little (as a YAML edit does), and read the edited ones from the same folder.
    cache = tmp_path / "cache"
    _probe("record", cache)
    edited = [(e, src.replace("件", "份").replace("条", "篇") + ("|zz" if e == "regex" else "|yy"), f)
              for e, src, f in PATTERNS]
    args = [json.dumps(edited), json.dumps(TEXTS + ["收到申请3份,公开信息5篇,zz yy"])]
    plain = _run(PROBE, args + ["plain"], tmp_path / "off", ZWGK_REGEX_CACHE="0")
    after = _run(PROBE, args + ["plain"], cache)
    assert after["res"] == plain["res"]
    # none of the edited sources came from a stored program (only a source stored before
    # could have been a hit: the edited ones were never recorded)
    assert after["stats"]["hits"] == 0 and after["stats"]["misses"] >= len(edited)
