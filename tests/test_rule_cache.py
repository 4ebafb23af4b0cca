"""The on-disk caches of what is derived from the rule files (issue 11: cold start):
``resources.load_yaml`` (parsed YAML named by the file's bytes) and the clause reader's
checked patterns (compiled on first use when the same bytes compiled before). A changed
pattern file must never be answered from an older blob; a cache folder that cannot be
used must only mean deriving again. (Counts and contents, no timing.)"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from extractor import clauses, resources
from extractor.regexkit import LazyRegex

PATTERNS = resources.patterns_dir()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("ZWGK_CACHE_DIR", str(d))
    monkeypatch.delenv("ZWGK_YAML_CACHE", raising=False)
    return d


def _blobs(d: Path, kind: str) -> list[Path]:
    return sorted(d.glob(f"{kind}-*.bin")) if d.is_dir() else []


# ----------------------------------------------------------------- load_yaml

def test_yaml_cache_gives_what_the_parser_gives_and_is_read_back(cache):
    for name in ("clauses.yaml", "metadata.yaml", "keys.yaml", "score_tables.yaml"):
        p = PATTERNS / name
        want = yaml.load(p.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        assert resources.load_yaml(p) == want          # parsed, blob written
        assert len(_blobs(cache, "yaml")) >= 1
        got = resources.load_yaml(p)                   # from the blob
        assert got == want and list(got) == list(want)  # same data, same key order
    assert len(_blobs(cache, "yaml")) == 4


def test_yaml_cache_answers_a_blob_of_the_file_bytes_only(cache, tmp_path):
    p = tmp_path / "rules.yaml"
    p.write_text("labels: ['收到申请']\n", encoding="utf-8")
    assert resources.load_yaml(p) == {"labels": ["收到申请"]}
    # the file changes (same size, same second): its new bytes are parsed, never the old blob
    p.write_text("labels: ['办理申请']\n", encoding="utf-8")
    assert resources.load_yaml(p) == {"labels": ["办理申请"]}
    # a blob someone planted under the name of the new bytes' hash is read as written:
    # the name alone decides, so the only way to a stale answer would be a hash collision
    assert len(_blobs(cache, "yaml")) == 2


def test_yaml_cache_caller_may_change_what_it_gets(cache, tmp_path):
    p = tmp_path / "x.yaml"
    p.write_text("a: [1, 2]\n", encoding="utf-8")
    resources.load_yaml(p)["a"].append(3)
    assert resources.load_yaml(p) == {"a": [1, 2]}


def test_yaml_parse_errors_raise_as_before(cache, tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("a: [1, 2\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError):
        resources.load_yaml(p)
    assert _blobs(cache, "yaml") == []


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root writes to read-only folders")
def test_yaml_cache_read_only_folder_only_means_parsing(cache, tmp_path):
    cache.mkdir()
    cache.chmod(0o500)
    try:
        p = tmp_path / "x.yaml"
        p.write_text("a: 1\n", encoding="utf-8")
        assert resources.load_yaml(p) == {"a": 1}
        assert resources.load_yaml(p) == {"a": 1}
        assert _blobs(cache, "yaml") == []
    finally:
        cache.chmod(0o700)


def test_yaml_cache_unusable_folder_only_means_parsing(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ZWGK_CACHE_DIR", str(blocker / "cache"))   # cannot be created
    p = tmp_path / "x.yaml"
    p.write_text("a: 1\n", encoding="utf-8")
    assert resources.load_yaml(p) == {"a": 1}
    assert resources.load_yaml(p) == {"a": 1}


def test_yaml_cache_corrupt_blob_is_parsed_again(cache, tmp_path):
    p = tmp_path / "x.yaml"
    p.write_text("a: 1\n", encoding="utf-8")
    resources.load_yaml(p)
    (blob,) = _blobs(cache, "yaml")
    blob.write_bytes(b"garbage")
    assert resources.load_yaml(p) == {"a": 1}


def test_yaml_cache_switched_off(cache, tmp_path, monkeypatch):
    monkeypatch.setenv("ZWGK_YAML_CACHE", "0")
    p = tmp_path / "x.yaml"
    p.write_text("a: 1\n", encoding="utf-8")
    assert resources.load_yaml(p) == {"a": 1}
    assert _blobs(cache, "yaml") == []


# ----------------------------------------------------------------- the clause reader's checked patterns

def _copy_clauses(tmp_path) -> tuple[Path, Path]:
    c, m = tmp_path / "clauses.yaml", tmp_path / "_common.yaml"
    shutil.copy(PATTERNS / "clauses.yaml", c)
    shutil.copy(PATTERNS / "facts" / "_common.yaml", m)
    return c, m


def _lazy(cs) -> list:
    return [rx for e in cs.entries for rx in e.labels if isinstance(rx, LazyRegex)]


def _read(cs, text: str) -> dict:
    out = {}
    for key, val, *_ in clauses._sentence_facts(cs, text, "", lambda a, b: False):
        out.setdefault(key, val)
    return out


SENTENCES = ["本年度共收到政府信息公开申请12件。", "全年主动公开政府信息1200条。",
             "本年度未发生因政府信息公开引起的行政诉讼。", "召开新闻发布会3次。"]


def test_clause_set_is_checked_once_then_compiled_on_first_use(cache, tmp_path):
    c, m = _copy_clauses(tmp_path)
    eager = clauses._load(c, m)               # no blob: every pattern compiled (checked) now
    assert _lazy(eager) == []
    assert len(_blobs(cache, "clauses")) == 1
    lazy = clauses._load(c, m)                # the same bytes: compiled on first use
    pending = _lazy(lazy)
    assert pending and all(rx._compiled is None for rx in pending)
    assert [e.key for e in lazy.entries] == [e.key for e in eager.entries]
    # the prefilter's literals come from the blob and are those the analysis gives
    assert lazy.labels_index.literals == eager.labels_index.literals
    assert lazy.zeros_index.literals == eager.zeros_index.literals
    for s in SENTENCES:
        assert _read(lazy, s) == _read(eager, s)
    assert any(_read(eager, s) for s in SENTENCES)
    compiled = sum(rx._compiled is not None for rx in pending)
    assert 0 < compiled < len(pending)        # only what the sentences reached
    clauses.compile_all(lazy)                 # a worker server's warm-up: all of them
    assert all(rx._compiled is not None for rx in pending)


def test_a_changed_pattern_invalidates_the_clause_cache(cache, tmp_path):
    c, m = _copy_clauses(tmp_path)
    sentence = "政府信息公开工作中，本年度共受托核查事项12件。"
    before = clauses._load(c, m)
    assert "applications.received" not in _read(before, sentence)
    # a new label for received applications (受托核查事项): the next load must read it
    text = c.read_text(encoding="utf-8")
    at = text.index("    labels:\n", text.index("\n  applications.received:\n")) + len("    labels:\n")
    c.write_text(text[:at] + "      - '受托核查事项'\n" + text[at:], encoding="utf-8")
    after = clauses._load(c, m)
    assert _read(after, sentence).get("applications.received") == 12
    assert len(_blobs(cache, "clauses")) == 2
    # and a bad pattern is still refused at load, though blobs of earlier bytes exist
    c.write_text(c.read_text(encoding="utf-8").replace("'受托核查事项'", "'(受托核查事项'", 1), encoding="utf-8")
    with pytest.raises(clauses.ClauseError):
        clauses._load(c, m)


def test_a_changed_common_file_invalidates_the_clause_cache(cache, tmp_path):
    c, m = _copy_clauses(tmp_path)
    clauses._load(c, m)
    m.write_text(m.read_text(encoding="utf-8") + "\n# a comment changes the bytes\n", encoding="utf-8")
    cs = clauses._load(c, m)
    assert _lazy(cs) == []                    # checked again (eager), a second blob
    assert len(_blobs(cache, "clauses")) == 2


def test_clause_cache_switched_off_checks_every_time(cache, tmp_path, monkeypatch):
    monkeypatch.setenv("ZWGK_YAML_CACHE", "0")
    c, m = _copy_clauses(tmp_path)
    clauses._load(c, m)
    assert _lazy(clauses._load(c, m)) == []
    assert _blobs(cache, "clauses") == []


def test_load_and_load_none_are_one_set():
    assert clauses.load() is clauses.load(None) is clauses.load(None, None)


# ----------------------------------------------------------------- a fresh process, end to end

_PROBE = r"""
import json, sys
import extractor
rec = extractor.extract(sys.argv[1])
from extractor import clauses
from extractor.regexkit import LazyRegex
cs = clauses.load()
lazy = [rx for e in cs.entries for rx in [*e.labels, *(e.after or ()), *vars(e).values()] if isinstance(rx, LazyRegex)]
print(json.dumps({"values": rec.get("values", {}), "yaml": "yaml" in sys.modules, "lazy": len(lazy),
                  "compiled": sum(rx._compiled is not None for rx in lazy)}))
"""


def test_a_second_fresh_process_reads_the_caches(tmp_path):
    import json
    import subprocess
    import sys

    report = tmp_path / "r.txt"
    report.write_text("某县农业局2019年政府信息公开工作年度报告\n一、总体情况\n"
                      "2019年，本机关主动公开政府信息120条，收到政府信息公开申请2件，均已按时办结。\n",
                      encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "ZWGK_CACHE_DIR": str(tmp_path / "cache"),
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}

    def run():
        r = subprocess.run([sys.executable, "-c", _PROBE, str(report)], capture_output=True, text=True,
                           cwd=tmp_path, env=env, timeout=300)
        assert r.returncode == 0, r.stderr[-3000:]
        return json.loads(r.stdout.strip().splitlines()[-1])

    first, second = run(), run()
    assert first["yaml"] and first["lazy"] == 0          # nothing cached: parsed, every pattern checked
    assert second["values"] == first["values"] and second["values"]
    assert not second["yaml"]                            # PyYAML not even imported
    assert second["lazy"] > 100 and second["compiled"] < second["lazy"] // 2
