"""Every regex source the batch warm-up compiles is the same string in every process
(issue 11): patterns built from a set's words (measure words, score headers, page-field
words, announcement leads) are sorted longest first, then by text, not in the set's
hash-seed order, so the stored programs (regexkit/programs.py) serve every run. Two
fresh processes with different hash seeds record the sources their warm-up compiles."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_RECORD = r"""
import json, re, sys
import regex._main as RM
seen = set()
o1 = RM._compile
def w1(pattern, flags, *rest):
    if isinstance(pattern, str):
        seen.add(("regex", pattern, int(flags)))
    return o1(pattern, flags, *rest)
RM._compile = w1
o2 = re._compile
def w2(pattern, flags):
    if isinstance(pattern, str):
        seen.add(("re", pattern, int(flags)))
    return o2(pattern, flags)
re._compile = w2
from extractor.batch.start import warm_main
warm_main((".txt", ".html", ".docx"))
from extractor import unread
unread.load_config()
json.dump(sorted(seen), sys.stdout, ensure_ascii=True)
"""


def _sources(seed: str) -> set:
    env = {**os.environ, "PYTHONHASHSEED": seed, "ZWGK_REGEX_CACHE": "0"}   # (every source parsed: seen)
    out = subprocess.run([sys.executable, "-c", _RECORD], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=300, check=True).stdout
    return {tuple(x) for x in json.loads(out)}


def test_the_warm_up_compiles_the_same_sources_whatever_the_hash_seed():
    a, b = _sources("1"), _sources("2")
    assert len(a) > 1000
    differ = sorted(x[1][:80] for x in a ^ b)
    assert not differ, differ
