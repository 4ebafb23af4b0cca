"""What the warm-up derives from a source, kept beside the compiled programs (session 12,
issue 11; extractor/regexkit/programs.py): the sources the stdlib ``re`` refuses (tried
first by ``compile_fast``) and ``regexkit.required``'s literals. A later process answers
them from the table as the parser would: the same error, the same literals, no parse.
And the own-year view searches only the patterns whose literals a sentence holds, with
the view every pattern gives. Fresh processes with their own cache folder; the tests
count work (misses, calls), never seconds."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# re refuses the first two (variable-width lookbehind); the third compiles with both
REFUSED = [r"(?<!今年|本年度)以来", r"(?<=结转|转入至)(?P<w>\d{4}年)"]
ACCEPTED = r"(?P<y>(?:19|20)\d\d)年"
LITERAL_SOURCES = [r"主动公开(?:政府)?信息\s*(\d+)\s*条", r"(?:收到|受理)\p{Han}{0,4}申请", r"\d+", r"(?!)",
                   r"截[至止]目前(?=,?\s?\d{4})"]

PROBE = r"""
import json, sys
from extractor import pipeline  # installs the wrappers
from extractor.regexkit import programs
req_mod = sys.modules["extractor.regexkit.required"]   # (the package's ``required`` is the function)
from extractor.regexkit.engine import compile_fast
import re
refused, accepted, sources, mode = json.loads(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3]), sys.argv[4]
calls = []
computed = req_mod._required
def counting(src):
    calls.append(src)
    return computed(src)
req_mod._required = counting
def run():
    out = {"engines": [], "errors": [], "literals": []}
    for src in refused + [accepted]:
        out["engines"].append(type(compile_fast(src)).__module__)
        try:
            re.compile(src)
            out["errors"].append(None)
        except re.error as e:
            out["errors"].append([str(e), e.msg, e.pos, e.pattern])
        re.purge()
    out["literals"] = [req_mod.required(s) for s in sources]
    return out
before = programs.stats()["misses"]
if mode == "record":
    with programs.recording():
        res = run()
else:
    res = run()
stats = programs.stats()
print(json.dumps({"res": res, "stats": stats, "computed": len(calls), "run_misses": stats["misses"] - before},
                 ensure_ascii=False))
"""


def _probe(mode: str, cache: Path, **env_extra) -> dict:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "PYTHONPATH": str(ROOT),
           "ZWGK_CACHE_DIR": str(cache), **env_extra}
    r = subprocess.run([sys.executable, "-c", PROBE, json.dumps(REFUSED), ACCEPTED, json.dumps(LITERAL_SOURCES), mode],
                       capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_refusals_and_literals_come_back_from_the_table_as_the_parser_gives_them(tmp_path):
    cache = tmp_path / "cache"
    plain = _probe("plain", tmp_path / "off", ZWGK_REGEX_CACHE="0")
    # without the cache: re refuses the two lookbehinds, regex compiles them; every literal computed
    assert plain["res"]["engines"] == ["_regex", "_regex", "re"]
    assert [e is not None for e in plain["res"]["errors"]] == [True, True, False]
    assert plain["computed"] == len(LITERAL_SOURCES)
    first = _probe("record", cache)
    assert first["res"] == plain["res"] and first["stats"]["writes"] == 1
    second = _probe("plain", cache)
    assert second["res"] == plain["res"]            # the same engines, errors (message, position) and literals
    assert second["computed"] == 0                  # no literal computed again
    assert first["run_misses"] >= 2 * len(REFUSED) + 1
    assert second["run_misses"] == 0                # no source parsed again, the refused ones included


def test_a_refusal_is_not_kept_when_the_cache_is_off_or_outside_a_recording(tmp_path):
    off = _probe("record", tmp_path / "off", ZWGK_REGEX_CACHE="0")
    assert off["stats"] == {"hits": 0, "misses": 0, "recorded": 0, "writes": 0}
    cache = tmp_path / "cache"
    plain = _probe("plain", cache)                  # no recording: nothing written, all computed
    assert plain["stats"]["writes"] == 0 and plain["computed"] == len(LITERAL_SOURCES)
    again = _probe("plain", cache)
    assert again["computed"] == len(LITERAL_SOURCES) and again["res"] == plain["res"]


def test_the_own_year_view_is_the_view_every_pattern_gives():
    from extractor import normalize

    def every_pattern(text: str, year):   # year_view without its literal gate
        return normalize.year_view(text, year, gated=False)

    sentences = [
        "截至目前,2023年本机关未收到行政复议申请", "2023年以来共受理申请5件", "2023年1月以来,我局主动公开信息20条",
        "2022年至今未发生行政诉讼", "2023年,我局截止目前公开信息10条", "累计收到2023年度申请4件",
        "2023年主动公开信息38条,2022年主动公开信息30条", "2023年,无投诉举报", "2023年并无任何投诉",
        "本年度共收到申请3件", "2021年以来", "", "以来至今截至目前累计"]
    seen_changed = 0
    for s in sentences:
        for year in (None, 2021, 2022, 2023):
            view = normalize.year_view(s, year)
            assert view == every_pattern(s, year), (s, year)
            assert len(view) == len(s)
            seen_changed += view != s
    assert seen_changed >= 5   # the views above do read spans as the own year
