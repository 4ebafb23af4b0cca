"""Issue 11: ``normalize.to_simplified`` converts only texts holding a character that
OpenCC's t2s can change (before: every text with a Han character went through OpenCC,
~2% of a document's CPU). The precheck must never skip a text t2s would change: it is
checked here against the installed t2s dictionaries themselves (dumped with the
``opencc_dict`` tool shipped in the opencc package), and the work is counted as
converter calls, never seconds."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from extractor import normalize as N


class _Counting:
    def __init__(self, conv):
        self.conv, self.calls = conv, 0

    def convert(self, s):
        self.calls += 1
        return self.conv.convert(s)


@pytest.fixture
def counted(monkeypatch):
    N._maybe_traditional()      # built once per process (its own conversion is not counted)
    c = _Counting(N._converter())
    monkeypatch.setattr(N, "_converter", lambda: c)
    return c


SIMPLIFIED = "2020年，本机关主动公开政府信息120条，收到政府信息公开申请3件，均按时办结。"
TRADITIONAL = "2020年，本機關主動公開政府信息120條，收到政府信息公開申請3件，均按時辦結。"


def test_a_simplified_text_is_not_converted(counted):
    assert N.to_simplified(SIMPLIFIED) == SIMPLIFIED
    assert counted.calls == 0


def test_a_traditional_text_is_converted_once(counted):
    assert N.to_simplified(TRADITIONAL) == SIMPLIFIED
    assert counted.calls == 1


@pytest.mark.parametrize("phrase, simplified", [("瞭解", "了解"), ("沈默", "沉默"), ("答覆", "答复")])
def test_characters_that_change_only_in_a_phrase_are_converted(phrase, simplified):
    # 瞭, 沈, 覆 convert to themselves alone: only the phrase dictionary changes them
    assert N._converter().convert(phrase[0]) == phrase[0]
    assert N.to_simplified("依申请" + phrase + "情况") == "依申请" + simplified + "情况"


def _t2s_dictionaries() -> dict[str, list[tuple[str, str]]]:
    try:
        import opencc
    except ImportError:
        pytest.skip("opencc is not installed")
    clib = Path(opencc.__file__).parent / "clib"
    tool, share = clib / "bin" / "opencc_dict", clib / "share" / "opencc"
    if not tool.exists() or not (share / "t2s.json").exists():
        pytest.skip("this opencc package ships no opencc_dict tool or t2s.json")
    files = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "ocd2":
                files.append(node["file"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(json.loads((share / "t2s.json").read_text(encoding="utf-8")))
    env = dict(os.environ, LD_LIBRARY_PATH=str(clib / "lib64") + os.pathsep + os.environ.get("LD_LIBRARY_PATH", ""))
    out = {}
    for name in files:
        dump = Path(os.environ.get("TMPDIR", "/tmp")) / f"zwgk-t2s-{os.getpid()}-{name}.txt"
        try:
            subprocess.run([str(tool), "-i", str(share / name), "-o", str(dump), "-f", "ocd2", "-t", "text"],
                           env=env, check=True, capture_output=True, timeout=60)
            rows = [line.rstrip("\n").split("\t") for line in dump.read_text(encoding="utf-8").splitlines()]
        except (OSError, subprocess.SubprocessError) as e:
            pytest.skip(f"opencc_dict cannot dump {name}: {e}")
        finally:
            dump.unlink(missing_ok=True)
        out[name] = [(k, v.split(" ")[0]) for k, v in rows if k]
    assert out and any(out.values())
    return out


def test_every_key_that_t2s_changes_holds_a_character_of_the_precheck():
    """The precheck's claim: a text none of whose characters it finds converts to itself.
    Every dictionary key whose value differs holds a character it finds (a key of one
    character: in the scanned ranges, or in a supplementary plane)."""
    found = N._maybe_traditional().search
    in_ranges = lambda c: any(lo <= ord(c) < hi for lo, hi in N._T2S_RANGES) or ord(c) > 0xFFFF
    missed = []
    for name, rows in _t2s_dictionaries().items():
        for key, value in rows:
            if key == value:
                continue
            if len(key) == 1:
                assert in_ranges(key), (name, key)
            if not found(key):
                missed.append((name, key, value))
    assert missed == []
