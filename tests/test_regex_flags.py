"""regexkit.flags: the ``regex`` parser's flag constants rebound to plain ints (issue 11)
must compile every pattern to the same matcher as the untouched library does."""
import json
import subprocess
import sys

import regex
import regex._regex_core as core

import extractor.pipeline  # noqa: F401  (applies the rebinding)
from extractor import numbers
from extractor.regexkit.flags import plain_int_flags

CASES = [
    # (pattern, flags, texts)
    (r"(?i)abc|[A-Z]+\d", 0, ["xABCx", "q9", "Zz7"]),
    (r"Straße", regex.IGNORECASE | regex.FULLCASE, ["STRASSE", "strasse", "Strase"]),
    (r"(?V1)[[a-z]--[aeiou]]+", 0, ["bcdfa", "aei"]),
    (r"""(?P<n>\d+)  # a number
         \s*(?P<u>件|条)""", regex.VERBOSE, ["收到申请12 件", "3条"]),
    (r"(?<=公开)\d+(?=条)", regex.V1, ["主动公开120条", "公开 5条"]),
    (r"\b\w+\b", regex.WORD | regex.UNICODE, ["it's a test", "二〇二〇年"]),
    (r"(?r)\d+", 0, ["12 and 345"]),
    (r"(?s)a.b", regex.MULTILINE, ["a\nb", "a\rb"]),
    (r"(?:abc){e<=1}", regex.BESTMATCH, ["abd", "xbc"]),
    (r"(?e)(?:dog){e<=1}", 0, ["the dag barked"]),
    (numbers._QTY.pattern, regex.VERBOSE, ["主动公开政府信息1,234条，约三十余件", "百分之九十五", "第3条"]),
]

SCRIPT = r"""
import json, sys, regex
out = []
for pattern, flags, texts in json.loads(sys.stdin.read()):
    rx = regex.compile(pattern, flags)
    out.append([rx.flags, [[m.span() for m in rx.finditer(t)] for t in texts]])
print(json.dumps(out))
"""


def _results():
    out = []
    for pattern, flags, texts in CASES:
        rx = regex.compile(pattern, flags)
        out.append([rx.flags, [[list(m.span()) for m in rx.finditer(t)] for t in texts]])
    return out


def test_parser_constants_are_plain_ints_and_public_names_unchanged():
    assert plain_int_flags() is True
    assert type(core.IGNORECASE) is int and type(core.VERBOSE) is int
    assert all(type(v) is int for v in core.REGEX_FLAGS.values())
    assert isinstance(regex.IGNORECASE, regex.RegexFlag)   # public names stay IntFlags
    assert isinstance(regex.DEFAULT_VERSION, regex.RegexFlag)
    assert core.IGNORECASE == int(regex.IGNORECASE)


def test_patterns_compile_as_with_the_untouched_library():
    # a fresh interpreter that never imports extractor: the library as shipped
    cases = [[p, int(f), t] for p, f, t in CASES]
    r = subprocess.run([sys.executable, "-c", SCRIPT], input=json.dumps(cases), capture_output=True,
                       text=True, check=True)
    assert json.loads(r.stdout) == _results()


# the enum calls one compile makes (purged first: a cached pattern would compile nothing)
ENUM_CALLS = r"""
import cProfile, pstats, regex
regex.purge()
pr = cProfile.Profile()
pr.enable()
regex.compile(r"(?V1)(?:第[一二三四五六七八九十]+条|[0-9]+(?:\.[0-9]+)?\s?(?:件|条|次|[A-Z]{2}))" + "x" * 7)
pr.disable()
print(sum(v[0] for k, v in pstats.Stats(pr).stats.items() if k[0].endswith("enum.py")))
"""


def _enum_calls(prelude: str) -> int:
    r = subprocess.run([sys.executable, "-c", prelude + ENUM_CALLS], capture_output=True, text=True, check=True)
    return int(r.stdout.strip().splitlines()[-1])


def test_no_enum_arithmetic_left_in_the_parser():
    # flags a caller passes as an IntFlag still cost a few
    assert _enum_calls("import extractor.pipeline\n") < 20


def test_the_untouched_parser_still_does_enum_arithmetic():
    # what the rebinding is for: the library as shipped makes ~700 enum calls for this
    # pattern (Python 3.11). When a release of regex or of Python stops doing so, this
    # fails: regexkit/flags.py then buys nothing and should be removed, not kept.
    assert _enum_calls("") > 200


GUARD = r"""
import regex._regex_core as core
class Other:   # a regex release whose flags are no int subclass (another layout)
    pass
core.RegexFlag = Other
from extractor.regexkit.flags import plain_int_flags
print(plain_int_flags(), type(core.IGNORECASE).__name__)
"""


def test_another_layout_of_regex_is_left_untouched():
    r = subprocess.run([sys.executable, "-c", GUARD], capture_output=True, text=True, check=True)
    assert r.stdout.split() == ["False", "RegexFlag"]


def test_the_batch_main_process_does_not_import_regex():
    # the rebinding lives in extractor.pipeline: the CLI's main process (which hands files to
    # workers and never compiles a pattern) stays without regex
    code = ("import sys, extractor, extractor.cli, extractor.batch\n"
            "print('regex' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "False"
